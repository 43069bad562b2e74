package wrangler

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
