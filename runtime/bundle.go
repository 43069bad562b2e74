package runtime

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
)

// Format is how a worker script delivers its handlers.
type Format int

const (
	// FormatModules is an ES-module worker: `export default { fetch(request, env, ctx) {…} }`.
	FormatModules Format = iota
	// FormatServiceWorker is a script that calls addEventListener("fetch", …); bindings are globals.
	FormatServiceWorker
)

func (f Format) String() string {
	if f == FormatServiceWorker {
		return "service-worker"
	}
	return "modules"
}

// Script is a bundled worker, compiled once and run in every isolate of a Worker.
type Script struct {
	Name     string // file name used in stack traces for the bundle itself
	Code     string
	Program  *goja.Program
	Format   Format
	Warnings []Message
	// LoweredClassFields records that goja rejected native class fields named get/set/async and
	// the bundle was rebuilt with class fields lowered (slower; see RATIONALE.md).
	LoweredClassFields bool
}

// BundleOptions says what to bundle.
type BundleOptions struct {
	Entry  string            // the worker's main module; relative paths resolve against Dir
	Dir    string            // project directory (node_modules is looked up from here upwards)
	Define map[string]string // build-time substitutions, as wrangler's `define`
	Minify bool
}

// Message is a build diagnostic with its source location.
type Message struct {
	File   string
	Line   int // 1-based
	Column int // 0-based, as esbuild reports it
	Text   string
}

func (m Message) String() string {
	if m.File == "" {
		return m.Text
	}
	return fmt.Sprintf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Text)
}

// BuildError lists every error a bundle or compile step reported.
type BuildError struct {
	Messages []Message
}

func (e *BuildError) Error() string {
	parts := make([]string, len(e.Messages))
	for i, m := range e.Messages {
		parts[i] = m.String()
	}
	return "build failed:\n  " + strings.Join(parts, "\n  ")
}

// gojaSupported tells esbuild which syntax goja lacks so it is lowered (spec/goja-feasibility.md §2).
func gojaSupported(lowerClassFields bool) map[string]bool {
	m := map[string]bool{
		"async-generator":                 false,
		"for-await":                       false,
		"using":                           false,
		"decorators":                      false,
		"dynamic-import":                  false,
		"regexp-match-indices":            false,
		"regexp-set-notation":             false,
		"regexp-unicode-property-escapes": false,
	}
	if lowerClassFields {
		m["class-field"] = false
		m["class-static-field"] = false
	}
	return m
}

const bundleName = "worker.js"

// Bundle bundles the entry module and its imports (relative files and packages from
// node_modules; .js, .mjs, .ts) into one script goja can run, with an inline source map so
// stack traces show the original files, and compiles it.
func Bundle(opts BundleOptions) (*Script, error) {
	s, err := bundle(opts, false)
	if err != nil {
		return nil, err
	}
	prg, cerr := goja.Compile(s.Name, s.Code, true)
	if cerr != nil && strings.Contains(cerr.Error(), "Unexpected token") {
		// goja's parser rejects class fields named get/set/async (Hono has them). Retry with
		// class fields lowered by esbuild; see RATIONALE.md.
		if s2, err2 := bundle(opts, true); err2 == nil {
			if prg2, cerr2 := goja.Compile(s2.Name, s2.Code, true); cerr2 == nil {
				s2.Program = prg2
				s2.LoweredClassFields = true
				return s2, nil
			}
		}
	}
	if cerr != nil {
		return nil, &BuildError{Messages: []Message{{File: opts.Entry, Text: "compile: " + cerr.Error()}}}
	}
	s.Program = prg
	return s, nil
}

func bundle(opts BundleOptions, lowerClassFields bool) (*Script, error) {
	dir := opts.Dir
	if dir == "" {
		dir = filepath.Dir(opts.Entry)
	}
	dir, _ = filepath.Abs(dir)
	entry := opts.Entry
	if !filepath.IsAbs(entry) {
		entry = filepath.Join(dir, entry)
	}
	define := map[string]string{"process.env.NODE_ENV": `"production"`}
	for k, v := range opts.Define {
		define[k] = v
	}
	res := api.Build(api.BuildOptions{
		AbsWorkingDir:     dir,
		EntryPoints:       []string{entry},
		Outfile:           filepath.Join(dir, ".edge", "bundle", bundleName),
		Bundle:            true,
		Write:             false,
		Format:            api.FormatIIFE,
		GlobalName:        "__edge_worker",
		Platform:          api.PlatformBrowser,
		Conditions:        []string{"workerd", "worker", "browser"},
		MainFields:        []string{"browser", "module", "main"},
		Target:            api.ESNext,
		Supported:         gojaSupported(lowerClassFields),
		Sourcemap:         api.SourceMapInline,
		SourcesContent:    api.SourcesContentExclude,
		Charset:           api.CharsetUTF8,
		Define:            define,
		External:          []string{"node:*"},
		Plugins:           []api.Plugin{hostModulesPlugin},
		MinifySyntax:      opts.Minify,
		MinifyWhitespace:  opts.Minify,
		MinifyIdentifiers: opts.Minify,
		KeepNames:         true,
		Metafile:          true,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return nil, &BuildError{Messages: convertMessages(res.Errors)}
	}
	if len(res.OutputFiles) == 0 {
		return nil, &BuildError{Messages: []Message{{File: entry, Text: "esbuild produced no output"}}}
	}
	s := &Script{
		Name:     bundleName,
		Code:     string(res.OutputFiles[0].Contents),
		Warnings: convertMessages(res.Warnings),
		Format:   detectFormat(dir, entry),
	}
	return s, nil
}

// detectFormat follows wrangler (guess-worker-format.ts): it scans the entry's exports with an
// unbundled ESM build; a default export means modules format, otherwise service worker.
func detectFormat(dir, entry string) Format {
	res := api.Build(api.BuildOptions{
		AbsWorkingDir: dir,
		EntryPoints:   []string{entry},
		Outdir:        filepath.Join(dir, ".edge", "scan"),
		Bundle:        false,
		Write:         false,
		Format:        api.FormatESModule,
		Metafile:      true,
		LogLevel:      api.LogLevelSilent,
	})
	var meta struct {
		Outputs map[string]struct {
			Exports []string `json:"exports"`
		} `json:"outputs"`
	}
	if len(res.Errors) > 0 || json.Unmarshal([]byte(res.Metafile), &meta) != nil {
		return FormatModules
	}
	for _, out := range meta.Outputs {
		for _, e := range out.Exports {
			if e == "default" {
				return FormatModules
			}
		}
	}
	return FormatServiceWorker
}

func convertMessages(msgs []api.Message) []Message {
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		text := m.Text
		if strings.Contains(text, "Top-level await is currently not supported") {
			text = "top-level await is not supported: edge runs workers as scripts (goja has no ES modules); move the await into a handler or a lazily-initialised promise"
		}
		msg := Message{Text: text}
		if m.Location != nil {
			msg.File = m.Location.File
			msg.Line = m.Location.Line
			msg.Column = m.Location.Column
		}
		out = append(out, msg)
	}
	return out
}

// hostModuleSymbol names the global (symbol-keyed, invisible to Object.keys) through which the
// bundle reaches modules the host provides, such as cloudflare:workers.
const hostModuleSymbol = "edge.hostModule"

// hostModulesPlugin resolves `cloudflare:*` imports to small CommonJS shims that fetch the
// module object from the host at run time (see installHostModules). An unknown cloudflare:
// module is a build error naming it.
var hostModulesPlugin = api.Plugin{
	Name: "edge-host-modules",
	Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^cloudflare:`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			if _, ok := hostModules[args.Path]; !ok {
				return api.OnResolveResult{}, fmt.Errorf("module %q is not provided by edge (supported: cloudflare:workers)", args.Path)
			}
			return api.OnResolveResult{Path: args.Path, Namespace: "edge-host"}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "edge-host"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			code := fmt.Sprintf("module.exports = globalThis[Symbol.for(%q)](%q);", hostModuleSymbol, args.Path)
			return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS}, nil
		})
	},
}
