package wrangler

import (
	"errors"
	"strconv"
	"strings"
)

// ErrNotFound is returned by [Find] when no wrangler.json, wrangler.jsonc or wrangler.toml
// exists in the directory or any of its parents.
var ErrNotFound = errors.New("wrangler: no wrangler.json, wrangler.jsonc or wrangler.toml found")

// Diagnostic is one problem found in a configuration or variables file.
type Diagnostic struct {
	File    string // the path as given to Load (or the .dev.vars/.env path)
	Line    int    // 1-based; 0 if unknown
	Column  int    // 1-based, in characters; 0 if unknown
	Key     string // dotted key path, e.g. "kv_namespaces[1].binding" or "env.staging.vars.X"
	Message string
	Warning bool
}

// String formats the diagnostic as "file:line[:col]: [warning: ]key: message", for example
// "wrangler.toml:12: kv_namespaces[1].binding: expected a string, found integer".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(d.Line))
		if d.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(d.Column))
		}
	}
	b.WriteString(": ")
	if d.Warning {
		b.WriteString("warning: ")
	}
	if d.Key != "" {
		b.WriteString(d.Key)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Diagnostics is a list of problems. As an error it stands for every problem that stopped
// a load; callers get it back with errors.As.
type Diagnostics []Diagnostic

// Error joins every diagnostic's String with newlines.
func (d Diagnostics) Error() string {
	lines := make([]string, len(d))
	for i, x := range d {
		lines[i] = x.String()
	}
	return strings.Join(lines, "\n")
}
