package wrangler

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// LoadOptions select what Load applies on top of the file.
type LoadOptions struct {
	Env string // --env; "" = top level
}

// Config is a validated wrangler configuration with one environment applied.
type Config struct {
	Path               string   // absolute path of the file
	Dir                string   // its directory; relative paths resolve against it
	Name               string   // with --env and no env name: "<name>-<env>" as wrangler does
	Main               string   // absolute path (resolved against Dir), "" if absent
	CompatibilityDate  string   // "yyyy-mm-dd" (validated format); "" if absent
	CompatibilityFlags []string //
	Vars               []Var    // in file order
	KVNamespaces       []KVNamespace
	Services           []Service
	Crons              []string          // [triggers] crons
	Define             map[string]string // build-time substitutions; nil if absent
	Env                string            // the env that was applied ("" = top level)
}

// Var is one variable binding: from [vars], .dev.vars/.env, or --var.
type Var struct {
	Name string
	// Value is a string, or for a non-string [vars] entry the decoded JSON value:
	// map[string]any, []any, float64, bool or nil (TOML integers become float64).
	Value any
	JSON  bool // true when Value is not a plain string
}

// KVNamespace is one [[kv_namespaces]] entry. Local dev names the namespace
// PreviewID, else ID, else Binding (spec A.11); that choice belongs to the caller.
type KVNamespace struct {
	Binding, ID, PreviewID string
	Line                   int // line of the entry in the config file
}

// Service is one [[services]] binding to another worker.
type Service struct {
	Binding, Service, Entrypoint string
	Props                        map[string]any // "props", exposed as ctx.props in the callee; nil if absent
	Line                         int            // line of the entry in the config file
}

// Load reads and validates one config file (.toml, or .json/.jsonc parsed as JSONC) and
// applies opts.Env. Warnings (unknown keys, non-inherited bindings, unexpected fields in
// a binding …) are returned even on success. On failure the error is a Diagnostics value
// listing every problem found (not just the first), each with file, line (1-based) and key
// path; diagnostics name the file as path was given. Only a failure to read the file is
// returned as a plain wrapped error (errors.Is(err, fs.ErrNotExist) works).
func Load(path string, opts LoadOptions) (*Config, Diagnostics, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("wrangler: load config: %w", err)
	}
	return load(path, data, opts)
}

// load is Load on bytes already read; path decides the format and names the file.
func load(path string, data []byte, opts LoadOptions) (*Config, Diagnostics, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, fmt.Errorf("wrangler: load config: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	li := newLineIndex(data)
	c := &checker{file: path}

	var root *node
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".toml":
		root, err = parseTOML(data, li)
		if err != nil {
			d := Diagnostic{File: path, Message: err.Error()}
			if pe, ok := tomlParseError(err); ok {
				d.Line, d.Column, d.Key, d.Message = pe.Position.Line, pe.Position.Col, pe.LastKey, pe.Message
			}
			return nil, nil, Diagnostics{d}
		}
	case ".json", ".jsonc":
		c.json = true
		var dups []dupKey
		root, dups, err = parseJSONC(data, li)
		if err != nil {
			se := err.(*syntaxError)
			line, col := li.pos(se.off)
			return nil, nil, Diagnostics{{File: path, Line: line, Column: col, Message: se.msg}}
		}
		for _, d := range dups {
			c.diags = append(c.diags, Diagnostic{File: path, Line: d.line, Key: d.path,
				Message: "duplicate key; the last value wins", Warning: true})
		}
	default:
		return nil, nil, Diagnostics{{File: path, Message: fmt.Sprintf("unsupported config file extension %q; expected .toml, .json or .jsonc", ext)}}
	}

	cfg := c.config(root, opts.Env)
	if cfg != nil {
		cfg.Path = abs
		cfg.Dir = filepath.Dir(abs)
		if cfg.Main != "" && !filepath.IsAbs(cfg.Main) {
			cfg.Main = filepath.Join(cfg.Dir, cfg.Main)
		}
		cfg.Env = opts.Env
	}

	var errs, warns Diagnostics
	for _, d := range c.diags {
		if d.Warning {
			warns = append(warns, d)
		} else {
			errs = append(errs, d)
		}
	}
	sortByLine(errs)
	sortByLine(warns)
	if len(errs) > 0 {
		return nil, warns, errs
	}
	return cfg, warns, nil
}

// sortByLine orders diagnostics by position; those without a line go last. The order of
// diagnostics on the same line is the order they were found in.
func sortByLine(ds Diagnostics) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Line, ds[j].Line
		if a == 0 || b == 0 {
			return a != 0 && b == 0
		}
		if a != b {
			return a < b
		}
		return ds[i].Column < ds[j].Column
	})
}
