package wrangler

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LoadDevVars loads local variables for dir (the config's directory), the way wrangler
// dev does (WR dev/dev-vars.ts, config/dot-env.ts; spec D.5):
//
//   - .dev.vars.<env> if env is set and the file exists, else .dev.vars — one file, never
//     both;
//   - if neither exists, and CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV is not "false": .env,
//     .env.local, .env.<env>, .env.<env>.local (those that exist) merged in that order,
//     later files winning, then ${VAR} expansion over the merged values.
//
// vars keep the order in which names first appear; every Var has JSON=false. file names
// the file or files used (joined with ", "), for logging; it is "" when none exists.
// Syntax errors name the file and line (see parseDotenv).
func LoadDevVars(dir, env string) (vars []Var, file string, err error) {
	if strings.ContainsAny(env, `/\`) {
		return nil, "", fmt.Errorf("wrangler: load dev vars: invalid environment name %q", env)
	}
	var candidates []string
	if env != "" {
		candidates = append(candidates, filepath.Join(dir, ".dev.vars."+env))
	}
	candidates = append(candidates, filepath.Join(dir, ".dev.vars"))
	for _, p := range candidates {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, "", fmt.Errorf("wrangler: load dev vars: %w", err)
		}
		entries, err := parseDotenv(p, data)
		if err != nil {
			return nil, "", err
		}
		return mergeEntries(nil, entries), p, nil
	}

	if strings.EqualFold(os.Getenv("CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV"), "false") {
		return nil, "", nil
	}
	names := []string{".env", ".env.local"}
	if env != "" {
		names = append(names, ".env."+env, ".env."+env+".local")
	}
	var used []string
	for _, name := range names {
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, "", fmt.Errorf("wrangler: load dev vars: %w", err)
		}
		entries, err := parseDotenv(p, data)
		if err != nil {
			return nil, "", err
		}
		vars = mergeEntries(vars, entries)
		used = append(used, p)
	}
	if len(used) == 0 {
		return nil, "", nil
	}
	return expandVars(vars), strings.Join(used, ", "), nil
}

// mergeEntries adds entries to vars; a name already present keeps its place and takes the
// new value (JavaScript object semantics, as in dotenv).
func mergeEntries(vars []Var, entries []dotenvEntry) []Var {
	at := map[string]int{}
	for i, v := range vars {
		at[v.Name] = i
	}
	for _, e := range entries {
		if i, ok := at[e.key]; ok {
			vars[i].Value = e.value
			continue
		}
		at[e.key] = len(vars)
		vars = append(vars, Var{Name: e.key, Value: e.value})
	}
	return vars
}

// expandVars applies dotenv-expand's substitution to each value in order, each seeing the
// values expanded before it: $NAME, ${NAME}, ${NAME:-default} and ${NAME-default} (an
// unset or empty NAME takes the default, else ""), and \$ for a literal dollar sign.
// Deviation: process.env is never consulted (wrangler does so only with
// CLOUDFLARE_INCLUDE_PROCESS_ENV).
func expandVars(vars []Var) []Var {
	values := map[string]string{}
	for _, v := range vars {
		values[v.Name] = v.Value.(string)
	}
	for i, v := range vars {
		s := expand(v.Value.(string), values, map[string]bool{v.Name: true}, 0)
		vars[i].Value = s
		values[v.Name] = s
	}
	return vars
}

// expand substitutes references in s. visiting guards against cycles (A=$B, B=$A).
func expand(s string, values map[string]string, visiting map[string]bool, depth int) string {
	if depth > 32 || !strings.Contains(s, "$") {
		return strings.ReplaceAll(s, `\$`, "$")
	}
	isName := func(c byte) bool {
		return c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	lookup := func(name, def string, hasDef bool) string {
		if v := values[name]; v != "" && !visiting[name] {
			visiting[name] = true
			v = expand(v, values, visiting, depth+1)
			delete(visiting, name)
			return v
		}
		if hasDef {
			return expand(def, values, visiting, depth+1)
		}
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] == '$':
			b.WriteByte('$')
			i += 2
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			end := closingBrace(s, i+2)
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			inner := s[i+2 : end]
			j := 0
			for j < len(inner) && isName(inner[j]) {
				j++
			}
			name, rest := inner[:j], inner[j:]
			switch {
			case name != "" && rest == "":
				b.WriteString(lookup(name, "", false))
			case name != "" && strings.HasPrefix(rest, ":-"):
				b.WriteString(lookup(name, rest[2:], true))
			case name != "" && strings.HasPrefix(rest, "-"):
				b.WriteString(lookup(name, rest[1:], true))
			default:
				b.WriteString(s[i : end+1]) // not a reference: keep it
			}
			i = end + 1
		case c == '$' && i+1 < len(s) && isName(s[i+1]):
			j := i + 1
			for j < len(s) && isName(s[j]) {
				j++
			}
			b.WriteString(lookup(s[i+1:j], "", false))
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// closingBrace returns the index of the '}' that closes a "${" whose body starts at i,
// allowing nested ${...} in defaults; -1 if there is none.
func closingBrace(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// FilterDevVars applies secrets.required to the variables LoadDevVars found (spec D.3,
// D.5): when c.SecretsRequired is not nil, only the required names and overrides of
// [vars] are kept; missing lists the required names that none of the files sets. Without
// secrets.required every variable is kept.
func (c *Config) FilterDevVars(vars []Var) (kept []Var, missing []string) {
	if c.SecretsRequired == nil {
		return vars, nil
	}
	allowed := map[string]bool{}
	for _, v := range c.Vars {
		allowed[v.Name] = true
	}
	for _, name := range c.SecretsRequired {
		allowed[name] = true
	}
	have := map[string]bool{}
	for _, v := range vars {
		if allowed[v.Name] {
			kept = append(kept, v)
			have[v.Name] = true
		}
	}
	for _, name := range c.SecretsRequired {
		if !have[name] {
			missing = append(missing, name)
		}
	}
	return kept, missing
}
