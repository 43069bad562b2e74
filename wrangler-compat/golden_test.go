package wrangler_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// The diagnostics golden tests. Each testdata/golden/NAME.txtar is a small project: its
// comment (the text before the first file) says what it covers and may set
//
//	env: NAME      apply [env.NAME] (--env NAME)
//	config: PATH   load this file instead of finding one from the project root
//
// and its files (wrangler.toml/.json/.jsonc, .dev.vars, .env…) are written to a temporary
// directory. The test loads the config as edge serve does (Find, Load, LoadDevVars,
// FilterDevVars) and compares what it got — the normalized config as JSON, or the errors,
// then the warnings, the startup notes and the local variables — with the archive's
// "want" file. go test -update rewrites that file; read the diff like code.

// archive is a txtar archive: a comment, then files introduced by "-- NAME --" lines.
type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct {
	name string
	data string
}

// parseArchive reads the txtar format (golang.org/x/tools/txtar): a line "-- NAME --"
// starts a file, which runs to the next such line or the end.
func parseArchive(data string) archive {
	var a archive
	cur := -1
	for len(data) > 0 {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		if name, ok := markerName(line); ok {
			a.files = append(a.files, archiveFile{name: name})
			cur = len(a.files) - 1
			continue
		}
		if cur < 0 {
			a.comment += line + "\n"
		} else {
			a.files[cur].data += line + "\n"
		}
	}
	return a
}

func markerName(line string) (string, bool) {
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	return strings.TrimSpace(line[3 : len(line)-3]), true
}

func (a archive) format() []byte {
	var b bytes.Buffer
	b.WriteString(a.comment)
	for _, f := range a.files {
		fmt.Fprintf(&b, "-- %s --\n", f.name)
		b.WriteString(f.data)
	}
	return b.Bytes()
}

// directive returns the value of a "key: value" line of the comment.
func (a archive) directive(key string) string {
	for _, line := range strings.Split(a.comment, "\n") {
		if v, ok := strings.CutPrefix(line, key+": "); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func TestGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden archives: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(string(data))
			dir := t.TempDir()
			want, hasWant := "", false
			for _, f := range a.files {
				if f.name == "want" {
					want, hasWant = f.data, true
					continue
				}
				p := filepath.Join(dir, filepath.FromSlash(f.name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := strings.ReplaceAll(goldenOutput(t, dir, a), dir+string(filepath.Separator), "")
			got = strings.ReplaceAll(got, dir, "$DIR")
			if *update {
				if hasWant {
					for i := range a.files {
						if a.files[i].name == "want" {
							a.files[i].data = got
						}
					}
				} else {
					a.files = append(a.files, archiveFile{name: "want", data: got})
				}
				if err := os.WriteFile(path, a.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !hasWant {
				t.Fatalf("%s has no want file (run go test -update)", path)
			}
			if got != want {
				t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s--- want\n%s", path, got, want)
			}
		})
	}
}

// goldenOutput loads the project in dir as edge serve does and renders the result.
func goldenOutput(t *testing.T, dir string, a archive) string {
	env := a.directive("env")
	path := a.directive("config")
	if path == "" {
		p, err := wrangler.Find(dir)
		if err != nil {
			return "find: " + err.Error() + "\n"
		}
		path = p
	} else {
		path = filepath.Join(dir, filepath.FromSlash(path))
	}
	var b strings.Builder
	cfg, warns, err := wrangler.Load(path, wrangler.LoadOptions{Env: env})
	var ds wrangler.Diagnostics
	switch {
	case err == nil:
		b.WriteString("config:\n")
		b.WriteString(indent(normalizedJSON(t, cfg)))
	case errors.As(err, &ds):
		b.WriteString("errors:\n")
		for _, d := range ds {
			b.WriteString("  " + d.String() + "\n")
		}
	default:
		t.Fatalf("error is %T, not Diagnostics: %v", err, err)
	}
	if len(warns) > 0 {
		b.WriteString("warnings:\n")
		for _, d := range warns {
			if !d.Warning {
				t.Errorf("warning not marked as one: %#v", d)
			}
			b.WriteString("  " + d.String() + "\n")
		}
	}
	if cfg == nil {
		return b.String()
	}
	if w := cfg.UnsupportedWarning(); w != "" {
		b.WriteString("startup warning:\n  " + w + "\n")
	}
	if n := cfg.IgnoredNote(); n != "" {
		b.WriteString("startup info:\n  " + n + "\n")
	}
	vars, file, err := wrangler.LoadDevVars(cfg.Dir, env)
	if err != nil {
		b.WriteString("dev vars error: " + err.Error() + "\n")
		return b.String()
	}
	if file != "" {
		kept, missing := cfg.FilterDevVars(vars)
		fmt.Fprintf(&b, "dev vars from %s:\n", file)
		for _, v := range kept {
			fmt.Fprintf(&b, "  %s = %q\n", v.Name, v.Value)
		}
		if len(missing) > 0 {
			fmt.Fprintf(&b, "  missing required secrets: %s\n", strings.Join(missing, ", "))
		}
	}
	return b.String()
}

// normalizedJSON renders cfg as indented JSON without zero-valued fields (at any depth;
// a var's Value is always kept), and without Rules when they are exactly wrangler's
// defaults.
func normalizedJSON(t *testing.T, cfg *wrangler.Config) string {
	raw, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(cfg.Rules, wrangler.DefaultModuleRules()) {
		delete(m, "Rules")
	}
	out, err := json.MarshalIndent(prune(m), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out) + "\n"
}

// prune removes the zero-valued members of every object in v and returns v; nil when v
// itself is zero. An empty array is kept: it is not the same as an absent key (crons = []
// disables crons).
func prune(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if x == "" {
			return nil
		}
	case float64:
		if x == 0 {
			return nil
		}
	case bool:
		if !x {
			return nil
		}
	case []any:
		for i, e := range x {
			if p := prune(e); p != nil {
				x[i] = p
			}
		}
	case map[string]any:
		for k, e := range x {
			if k == "Value" {
				continue
			}
			if p := prune(e); p != nil {
				x[k] = p
			} else {
				delete(x, k)
			}
		}
		if len(x) == 0 {
			return nil
		}
	}
	return v
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return "  " + strings.Join(lines, "\n  ") + "\n"
}

// TestKeyTable renders the key table (keys.go) as the Markdown support table in
// testdata/keys.md; go test -update rewrites it.
func TestKeyTable(t *testing.T) {
	got := wrangler.KeyTableMarkdown()
	path := filepath.Join("testdata", "keys.md")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s is out of date; run go test -update", path)
	}
}
