package wrangler

import (
	"fmt"
	"strings"
)

// Internal entry points for the black-box tests and fuzzers in package wrangler_test.

// LoadBytes is Load on bytes already read; path decides the format and names the file.
func LoadBytes(path string, data []byte, opts LoadOptions) (*Config, Diagnostics, error) {
	return load(path, data, opts)
}

// ParseJSONC parses JSONC and reports only whether it succeeded (the tree is internal).
func ParseJSONC(data []byte) error {
	_, _, err := parseJSONC(data, newLineIndex(data))
	return err
}

// DotenvEntry is one parsed KEY=VALUE.
type DotenvEntry struct {
	Key, Value string
	Line       int
}

// ParseDotenv exposes the dotenv parser.
func ParseDotenv(file string, data []byte) ([]DotenvEntry, error) {
	es, err := parseDotenv(file, data)
	out := make([]DotenvEntry, len(es))
	for i, e := range es {
		out[i] = DotenvEntry{Key: e.key, Value: e.value, Line: e.line}
	}
	return out, err
}

// KeyTableMarkdown renders the key table as Markdown: every key wrangler knows, its
// environment class and what edge does with it.
func KeyTableMarkdown() string {
	classes := map[keyClass]string{
		keyTopLevelOnly:   "top level only",
		keyInheritable:    "inheritable",
		keyNonInheritable: "per environment",
		keyRemoved:        "removed in wrangler v4",
	}
	supports := map[support]string{
		supUsed:       "supported",
		supDeployOnly: "ignored (one info note)",
		supBinding:    "not supported: one startup warning, env.NAME undefined",
		supNotYet:     "not supported yet: warning with file:line",
		supRemoved:    "removed: warning",
	}
	var b strings.Builder
	b.WriteString("| key | scope | edge | notes |\n|---|---|---|---|\n")
	for _, k := range keyTable() {
		s := supports[k.support]
		switch k.name {
		case "limits":
			s = "ignored (one info note); parsed into Config.Limits"
		case "assets":
			s = "not supported: warning with file:line, and the binding in the startup warning"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", k.name, classes[k.class], s, k.note)
	}
	return b.String()
}
