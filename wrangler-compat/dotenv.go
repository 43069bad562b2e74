package wrangler

import (
	"fmt"
	"strings"
)

// The dotenv syntax, as the dotenv package that wrangler uses parses it (dotenv 16
// lib/main.js):
//
//	# comment                  blank lines and comment lines are skipped
//	KEY=value                  unquoted: up to '#' or end of line, trimmed
//	export KEY=value           an "export " prefix is ignored
//	KEY: value                 a colon and a blank also separate key and value
//	KEY='single $quoted'       literal
//	KEY="double\nquoted"       \n and \r become newline and carriage return; nothing else
//	KEY=`backtick`             literal
//	KEY="first line            any quoted value may span lines
//	second line"
//
// Keys are made of letters, digits, '_', '.' and '-'. A later duplicate key overrides an
// earlier one. Deviation: dotenv silently skips lines it cannot parse and keeps an
// unterminated quote as part of the value; here both are errors naming file and line,
// since a half-read secret is worse than a clear error.

type dotenvEntry struct {
	key, value string
	line       int
}

// parseDotenv parses data; file names the source in errors.
func parseDotenv(file string, data []byte) ([]dotenvEntry, error) {
	src := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	src = strings.TrimPrefix(src, "\ufeff")
	var out []dotenvEntry
	line := 1
	i := 0
	fail := func(l int, format string, args ...any) error {
		return Diagnostics{{File: file, Line: l, Message: fmt.Sprintf(format, args...)}}
	}
	for i < len(src) {
		// One logical line starting at i, on line number `line`.
		start := line
		eol := strings.IndexByte(src[i:], '\n')
		if eol < 0 {
			eol = len(src)
		} else {
			eol += i
		}
		text := strings.TrimLeft(src[i:eol], " \t\f\v")
		if text == "" || text[0] == '#' {
			i, line = eol+1, line+1
			continue
		}
		if rest, ok := strings.CutPrefix(text, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			text = strings.TrimLeft(rest, " \t")
		}
		k := 0
		for k < len(text) && isDotenvKeyByte(text[k]) {
			k++
		}
		if k == 0 {
			return nil, fail(start, "expected KEY=VALUE, found %q", clip(text))
		}
		key := text[:k]
		rest := strings.TrimLeft(text[k:], " \t")
		switch {
		case strings.HasPrefix(rest, "="):
			rest = rest[1:]
		case strings.HasPrefix(rest, ":") && len(rest) > 1 && (rest[1] == ' ' || rest[1] == '\t'):
			rest = rest[2:]
		default:
			return nil, fail(start, "expected '=' after %s, found %q", key, clip(rest))
		}
		rest = strings.TrimLeft(rest, " \t")
		var value string
		if rest != "" && (rest[0] == '"' || rest[0] == '\'' || rest[0] == '`') {
			q := rest[0]
			// rest is a suffix of src[i:eol], so the opening quote is at eol-len(rest).
			off := eol - len(rest) + 1
			end := closingQuote(src, off, q, true)
			if end < 0 {
				// As dotenv's regexp would on backtracking: a backslash before the last
				// quote (C:\dir\") is then just a backslash.
				end = closingQuote(src, off, q, false)
			}
			if end < 0 {
				return nil, fail(start, "unterminated %c-quoted value for %s", q, key)
			}
			value = src[off:end]
			line += strings.Count(value, "\n")
			// After the closing quote: blanks and an optional comment.
			after := end + 1
			nl := strings.IndexByte(src[after:], '\n')
			if nl < 0 {
				nl = len(src)
			} else {
				nl += after
			}
			tail := strings.TrimLeft(src[after:nl], " \t")
			if tail != "" && tail[0] != '#' {
				return nil, fail(line, "unexpected %q after the closing quote of %s", clip(tail), key)
			}
			if q == '"' {
				value = strings.ReplaceAll(strings.ReplaceAll(value, `\n`, "\n"), `\r`, "\r")
			}
			eol = nl
		} else {
			if h := strings.IndexByte(rest, '#'); h >= 0 {
				rest = rest[:h]
			}
			value = strings.TrimSpace(rest)
		}
		out = append(out, dotenvEntry{key: key, value: value, line: start})
		i, line = eol+1, line+1
	}
	return out, nil
}

func isDotenvKeyByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// closingQuote finds the quote q that ends a value starting at off; a backslash before q
// does not end it when escapes is set (dotenv's (?:\\q|[^q])*). -1 if unterminated.
func closingQuote(src string, off int, q byte, escapes bool) int {
	for i := off; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if escapes && i+1 < len(src) && src[i+1] == q {
				i++
			}
		case q:
			return i
		}
	}
	return -1
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
