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

	// TextBlobs, DataBlobs and WasmModules are the top-level [text_blobs], [data_blobs] and
	// [wasm_modules] tables: service-worker globals holding a file as a string, an
	// ArrayBuffer or a WebAssembly.Module (see CheckFormat for the ES-module case).
	TextBlobs, DataBlobs, WasmModules []Blob

	// Rules are the module rules in match order: the config's rules, then wrangler's
	// defaults (DefaultModuleRules), without those shadowed by an earlier rule of the same
	// type that is not fallthrough; IgnoredRules are the shadowed ones (importing a file
	// that only they match is an error, as in wrangler). Without a "rules" key, Rules are
	// the defaults.
	Rules, IgnoredRules []ModuleRule

	Dev    Dev    // [dev] (top level only)
	Build  Build  // [build]
	Limits Limits // [limits]: cpu_ms and subrequests, enforced by edge serve
	Test   Test   // [test] (top level only; an edge key): what `edge test` sets up

	// SecretsRequired is secrets.required: when not nil, only these names (and overrides of
	// [vars]) are taken from .dev.vars/.env.
	SecretsRequired []string

	// Unsupported lists the bindings the config defines that edge does not provide (D1,
	// R2, Durable Objects, queues, AI, …), in file order; env.NAME stays undefined.
	// UnsupportedWarning words them as one warning.
	Unsupported []UnsupportedBinding

	// Ignored lists the keys present in the applied configuration that only matter when
	// deploying (routes, workers_dev, placement, observability, limits, …) or fields of
	// [dev]/[build] that edge does not act on, such as "dev.inspector_port". IgnoredNote
	// words them as one info note.
	Ignored []string
}

// Blob is one entry of [text_blobs], [data_blobs], [wasm_modules] or [test] kv_seed: a name
// and a file.
type Blob struct {
	Name string // the global it defines
	Path string // absolute (resolved against the config's directory)
	Line int
}

// UnsupportedBinding is a binding edge does not provide.
type UnsupportedBinding struct {
	Name string // the env property, e.g. "DB"
	Kind string // the config key that defines it, e.g. "d1_databases"
	Line int
}

// Dev is the [dev] table. Zero values mean "not set".
type Dev struct {
	IP            string // default address of edge serve (--ip wins)
	Port          int    // default port of edge serve (--port wins); 1-65535, 0 = not set
	LocalProtocol string // "http" or "https" (edge serves http only; "https" draws a warning)
}

// Test is the [test] table, read by `edge test` only (wrangler does not know it).
type Test struct {
	// KVSeed maps a KV binding to a file in `wrangler kv bulk put` format (absolute) whose
	// entries every test file's fresh namespace starts with, in file order.
	KVSeed []Blob
}

// Build is the [build] table: a custom build wrangler runs before bundling.
type Build struct {
	Command   string   // run with sh -c (cmd /c on Windows); "" = none
	Cwd       string   // absolute; "" = the config's directory
	WatchDirs []string // absolute; parsed only (edge does not watch files yet)
}

// Limits is the [limits] table. Zero values mean "not set".
type Limits struct {
	CPUMs       int // cpu_ms: the CPU-time limit per invocation, in milliseconds
	Subrequests int // subrequests per invocation
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
		cfg.Main = resolvePath(cfg.Dir, cfg.Main)
		for _, bs := range [][]Blob{cfg.TextBlobs, cfg.DataBlobs, cfg.WasmModules, cfg.Test.KVSeed} {
			for i := range bs {
				bs[i].Path = resolvePath(cfg.Dir, bs[i].Path)
			}
		}
		cfg.Build.Cwd = resolvePath(cfg.Dir, cfg.Build.Cwd)
		for i, d := range cfg.Build.WatchDirs {
			cfg.Build.WatchDirs[i] = resolvePath(cfg.Dir, d)
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

// resolvePath resolves a path written in the config against the config's directory; ""
// stays "".
func resolvePath(dir, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
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
