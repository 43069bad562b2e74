package runtime

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/edgeruntime/edge/runtime/internal/node"
)

// Format is how a worker script delivers its handlers.
type Format int

const (
	// FormatModules is an ES-module worker: `export default { fetch(request, env, ctx) {…} }`.
	FormatModules Format = iota
	// FormatServiceWorker is a script that calls addEventListener("fetch", …); bindings are globals.
	FormatServiceWorker
	// FormatStandaloneWasm is a worker whose main is a WASI module (Config.Standalone).
	FormatStandaloneWasm
)

func (f Format) String() string {
	switch f {
	case FormatServiceWorker:
		return "service-worker"
	case FormatStandaloneWasm:
		return "standalone Wasm (WAGI)"
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
	// Inputs are the source files the bundle was built from (absolute paths; `edge dev` watches
	// them). Files under node_modules are left out.
	Inputs []string
	// WasmModules are the bytes of the modules imported through CompiledWasm rules, by the
	// key the bundle's shims name them with (the path relative to the project directory).
	WasmModules map[string][]byte
	// LoweredClassFields records that goja rejected native class fields named get/set/async and
	// the bundle was rebuilt with class fields lowered (slower; see RATIONALE.md).
	LoweredClassFields bool
	// files are every file the bundle was built from, node_modules included (absolute paths):
	// what the bundle cache checks.
	files []string
	// wasmPaths are the files WasmModules were read from, by key.
	wasmPaths map[string]string
}

// BundleOptions says what to bundle.
type BundleOptions struct {
	Entry  string            // the worker's main module; relative paths resolve against Dir
	Dir    string            // project directory (node_modules is looked up from here upwards)
	Define map[string]string // build-time substitutions, as wrangler's `define`
	Minify bool
	// Rules say which imports become Text, Data, CompiledWasm or JavaScript modules
	// (wrangler's "rules"), in match order with wrangler's defaults already appended and
	// fallthrough already applied by the caller; the first rule whose glob matches an
	// import specifier decides. nil = no rules: every import goes to esbuild's loaders.
	Rules []ModuleRule
	// IgnoredRules are rules shadowed by an earlier rule of the same type: an import that
	// only they match is a build error, as in wrangler.
	IgnoredRules []ModuleRule
	// CompatibilityDate and CompatibilityFlags decide which node: imports resolve (see
	// NodeCompatFor); the Worker must be configured with the same values.
	CompatibilityDate  string
	CompatibilityFlags []string
	// CacheDir, when set, keeps bundles across starts (see bundle_cache.go): a later Bundle
	// with the same options and unchanged files skips esbuild. "" = no cache.
	CacheDir string
}

// ModuleType is what a module rule makes of a matching import.
type ModuleType string

// Module types, as wrangler names them.
const (
	ModuleText         ModuleType = "Text"         // default export: the file as a string
	ModuleData         ModuleType = "Data"         // default export: the file as an ArrayBuffer
	ModuleCompiledWasm ModuleType = "CompiledWasm" // default export: a WebAssembly.Module
	ModuleESModule     ModuleType = "ESModule"     // JavaScript (the glob's extension is loaded as JS)
	ModuleCommonJS     ModuleType = "CommonJS"     // JavaScript (the glob's extension is loaded as JS)
)

// ModuleRule is one module rule: imports whose specifier matches one of Globs become
// modules of Type. Globs follow wrangler (glob-to-regexp without globstar): "*" matches
// any run of characters including "/", everything else is literal, and the whole
// specifier must match, so "**/*.txt" matches "./a.txt" and "../x/b.txt".
type ModuleRule struct {
	Type  ModuleType
	Globs []string
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

// classFieldNameRE matches a class field named get, set or async as esbuild prints it: on a
// line of its own, followed by its initializer or a semicolon.
var classFieldNameRE = regexp.MustCompile(`^(\s+)(static\s+)?(get|set|async)(\s*[=;])`)

// quoteRejectedFields parses code as the file name, quoting the class field names goja's
// parser rejects, one parse error at a time: only a line the parser stopped at is changed, and
// only when it is such a field, so string and template contents are never touched. It returns
// the code that parsed and its syntax tree; ok is false when a parse error is not such a field.
func quoteRejectedFields(name, code string) (quoted string, tree *ast.Program, ok bool) {
	var lines []string
	for range 256 {
		tree, err := parser.ParseFile(nil, name, code, 0)
		if err == nil {
			return code, tree, true
		}
		if lines == nil {
			lines = strings.SplitAfter(code, "\n")
		}
		var list parser.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			return "", nil, false
		}
		ln := list[0].Position.Line - 1
		if ln < 0 || ln >= len(lines) {
			return "", nil, false
		}
		fixed := classFieldNameRE.ReplaceAllString(lines[ln], `${1}${2}"${3}"${4}`)
		if fixed == lines[ln] {
			return "", nil, false
		}
		lines[ln] = fixed
		code = strings.Join(lines, "")
	}
	return "", nil, false
}

// Bundle bundles the entry module and its imports (relative files and packages from
// node_modules; .js, .mjs, .ts) into one script goja can run, with an inline source map so
// stack traces show the original files, and compiles it. With opts.CacheDir set, a bundle
// cached from an earlier call whose inputs are unchanged is compiled instead of rebuilt.
func Bundle(opts BundleOptions) (*Script, error) {
	if opts.CacheDir == "" {
		return build(opts)
	}
	c := newBundleCache(opts)
	if s := c.load(); s != nil {
		if prg, err := goja.Compile(s.Name, s.Code, true); err == nil {
			s.Program = prg
			return s, nil
		}
	}
	started := time.Now()
	s, err := build(opts)
	if err == nil {
		c.store(s, started)
	}
	return s, err
}

// build bundles and compiles, working around goja's parser where it rejects esbuild's output.
func build(opts BundleOptions) (*Script, error) {
	s, err := bundle(opts, false)
	if err != nil {
		return nil, err
	}
	// goja's parser rejects class fields named get/set/async (Hono has them) but accepts them
	// quoted, so they are quoted in esbuild's output (one field per line) as the parser finds
	// them. If a parse error is something else, or quoting does not compile, class fields are
	// lowered by esbuild instead, whose private fields become WeakMaps that leak objects
	// referring to their own key (goja's WeakMap holds values strongly); see RATIONALE.md.
	if code, tree, ok := quoteRejectedFields(s.Name, s.Code); ok {
		if prg, err := goja.CompileAST(tree, true); err == nil {
			s.Code, s.Program = code, prg
			return s, nil
		}
	}
	prg, cerr := goja.Compile(s.Name, s.Code, true) // the error to report
	if cerr != nil && strings.Contains(cerr.Error(), "Unexpected token") {
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

// paths returns the absolute project directory and entry module of opts.
func (opts BundleOptions) paths() (dir, entry string) {
	dir = opts.Dir
	if dir == "" {
		dir = filepath.Dir(opts.Entry)
	}
	dir, _ = filepath.Abs(dir)
	entry = opts.Entry
	if !filepath.IsAbs(entry) {
		entry = filepath.Join(dir, entry)
	}
	return dir, entry
}

func bundle(opts BundleOptions, lowerClassFields bool) (*Script, error) {
	dir, entry := opts.paths()
	// The format scan is a second, unbundled esbuild pass; it runs while the bundle is built.
	format := make(chan Format, 1)
	go func() { format <- detectFormat(dir, entry) }()
	define := map[string]string{"process.env.NODE_ENV": `"production"`}
	for k, v := range opts.Define {
		define[k] = v
	}
	plugins := []api.Plugin{hostModulesPlugin(NodeCompatFor(opts.CompatibilityDate, opts.CompatibilityFlags))}
	var loaders map[string]api.Loader
	wasmModules := map[string][]byte{}
	wasmPaths := map[string]string{}
	if len(opts.Rules) > 0 || len(opts.IgnoredRules) > 0 {
		p, l, err := moduleRulesPlugin(opts.Rules, opts.IgnoredRules, dir, wasmModules, wasmPaths)
		if err != nil {
			return nil, &BuildError{Messages: []Message{{Text: err.Error()}}}
		}
		plugins, loaders = append(plugins, p), l
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
		Plugins:           plugins,
		Loader:            loaders,
		MinifySyntax:      opts.Minify,
		MinifyWhitespace:  opts.Minify,
		MinifyIdentifiers: opts.Minify,
		KeepNames:         true,
		Metafile:          true,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		<-format
		return nil, &BuildError{Messages: convertMessages(res.Errors)}
	}
	if len(res.OutputFiles) == 0 {
		<-format
		return nil, &BuildError{Messages: []Message{{File: entry, Text: "esbuild produced no output"}}}
	}
	files := metafileFiles(dir, res.Metafile)
	s := &Script{
		Name:     bundleName,
		Code:     string(res.OutputFiles[0].Contents),
		Warnings: convertMessages(res.Warnings),
		Format:   <-format,
		Inputs:   withoutNodeModules(files),
		files:    files,
	}
	if len(wasmModules) > 0 {
		s.WasmModules, s.wasmPaths = wasmModules, wasmPaths
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

// hostModulesPlugin resolves `cloudflare:*` and `edge:*` imports, and the Node.js built-ins the worker's
// compatibility mode provides (`node:x`, and bare `x` with nodejs_compat_v2, as wrangler
// aliases them), to small CommonJS shims that fetch the module object from the host at run
// time (see installHostModules). An unknown cloudflare: or edge: module is a build error naming it; a
// node: module the mode does not provide is workerd's startup error, reported at build time.
func hostModulesPlugin(mode NodeCompat) api.Plugin {
	nodeFilter := `^node:|^(` + strings.Join(quoteAll(node.Names()), "|") + `)$`
	return api.Plugin{
		Name: "edge-host-modules",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^(cloudflare|edge):`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				if _, ok := hostModules[args.Path]; !ok {
					return api.OnResolveResult{}, fmt.Errorf("module %q is not provided by edge (supported: cloudflare:workers, edge:test)", args.Path)
				}
				return api.OnResolveResult{Path: args.Path, Namespace: "edge-host"}, nil
			})
			b.OnResolve(api.OnResolveOptions{Filter: nodeFilter}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				if spec, ok := nodeSpecifier(mode, args.Path); ok {
					return api.OnResolveResult{Path: spec, Namespace: "edge-host"}, nil
				}
				if strings.HasPrefix(args.Path, "node:") {
					hint := `Node.js built-in modules need the "nodejs_compat" compatibility flag`
					if mode >= NodeV1 {
						hint = "edge does not provide this Node.js module"
					}
					// workerd's startup error, word for word, then the hint. Deviation: workerd
					// reports it when the worker starts; edge fails the build.
					text := fmt.Sprintf("No such module %q. (%s)", args.Path, hint)
					return api.OnResolveResult{Errors: []api.Message{{Text: text}}}, nil
				}
				return api.OnResolveResult{}, nil // a bare name: an npm package, if there is one
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "edge-host"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				code := fmt.Sprintf("module.exports = globalThis[Symbol.for(%q)](%q);", hostModuleSymbol, args.Path)
				return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS}, nil
			})
		},
	}
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = regexp.QuoteMeta(n)
	}
	return out
}

// Namespaces of the modules the module-rules plugin makes.
const (
	nsText      = "edge-text"       // a Text module: the file, through esbuild's text loader
	nsData      = "edge-data"       // a Data module: a wrapper exporting the bytes' ArrayBuffer
	nsDataBytes = "edge-data-bytes" // the bytes of a Data module, through the binary loader
	nsWasm      = "edge-wasm"       // a CompiledWasm module: a shim asking the host for its Module
)

// skipModuleRules marks the plugin's own resolve calls, so they do not match rules again.
type skipModuleRules struct{}

// ruleMatcher is one rule with its globs compiled.
type ruleMatcher struct {
	rule    ModuleRule
	globs   []*regexp.Regexp
	ignored bool
}

// moduleRulesPlugin applies module rules to imports (wrangler's module-collection.ts, for
// a bundled worker): the first rule matching the import specifier decides. Text imports
// load the file as a string; Data imports load it as an ArrayBuffer — esbuild's binary
// loader gives a Uint8Array, so a small wrapper module exports its buffer (the binary
// loader's Uint8Array owns a buffer of exactly the file's length); CompiledWasm imports
// (with or without wrangler's "?module" suffix) are read into wasm (key: the path relative to
// dir; wasmPaths gets the file's path by key) and become a shim whose default export is the WebAssembly.Module the worker compiled
// from them; ESModule and CommonJS imports are left
// to esbuild, with their globs' extensions mapped to the JS loader (the returned loaders).
// An import that only an ignored rule matches is wrangler's error.
func moduleRulesPlugin(rules, ignored []ModuleRule, dir string, wasm map[string][]byte, wasmPaths map[string]string) (api.Plugin, map[string]api.Loader, error) {
	var matchers []ruleMatcher
	var filters []string
	loaders := map[string]api.Loader{}
	add := func(r ModuleRule, isIgnored bool) error {
		m := ruleMatcher{rule: r, ignored: isIgnored}
		for _, g := range r.Globs {
			src := globRegexp(g)
			re, err := regexp.Compile(src)
			if err != nil {
				return fmt.Errorf("module rule %s: invalid glob %q: %w", r.Type, g, err)
			}
			m.globs = append(m.globs, re)
			filters = append(filters, "(?:"+src+")")
			if (r.Type == ModuleESModule || r.Type == ModuleCommonJS) && !isIgnored {
				if ext := globExtension(g); ext != "" && !esbuildKnownExtension(ext) {
					loaders[ext] = api.LoaderJS
				}
			}
		}
		matchers = append(matchers, m)
		return nil
	}
	for _, r := range rules {
		if err := add(r, false); err != nil {
			return api.Plugin{}, nil, err
		}
	}
	for _, r := range ignored {
		if err := add(r, true); err != nil {
			return api.Plugin{}, nil, err
		}
	}
	if len(loaders) == 0 {
		loaders = nil
	}
	var wasmMu sync.Mutex
	plugin := api.Plugin{
		Name: "edge-module-rules",
		Setup: func(b api.PluginBuild) {
			// The Data wrapper's import of the bytes; registered first so no rule sees it.
			b.OnResolve(api.OnResolveOptions{Filter: "^" + nsDataBytes + ":"}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(args.Path, nsDataBytes+":"), Namespace: nsDataBytes}, nil
			})
			if len(filters) == 0 {
				return // rules without globs match nothing
			}
			b.OnResolve(api.OnResolveOptions{Filter: strings.Join(filters, "|")}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				if _, skip := args.PluginData.(skipModuleRules); skip || args.Kind == api.ResolveEntryPoint {
					return api.OnResolveResult{}, nil
				}
				m := matchRule(matchers, args.Path)
				if m == nil {
					return api.OnResolveResult{}, nil
				}
				if m.ignored {
					return api.OnResolveResult{}, fmt.Errorf("the file %s matched a module rule in your configuration (%s %s), "+
						"but that rule is ignored because a previous rule with the same type is not marked `fallthrough = true`",
						args.Path, m.rule.Type, strings.Join(m.rule.Globs, ", "))
				}
				switch m.rule.Type {
				case ModuleText, ModuleData, ModuleCompiledWasm:
				default:
					return api.OnResolveResult{}, nil // JavaScript: esbuild resolves and loads it
				}
				if m.rule.Type == ModuleCompiledWasm {
					args.Path = strings.TrimSuffix(args.Path, "?module")
				}
				path := resolveRulePath(b, args)
				if path == "" {
					return api.OnResolveResult{}, nil // esbuild reports "Could not resolve"
				}
				ns := nsText
				switch m.rule.Type {
				case ModuleData:
					ns = nsData
				case ModuleCompiledWasm:
					ns = nsWasm
				}
				return api.OnResolveResult{Path: path, Namespace: ns}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: nsText}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := os.ReadFile(args.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(data)
				return api.OnLoadResult{Contents: &s, Loader: api.LoaderText, WatchFiles: []string{args.Path}}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: nsData}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				spec, _ := json.Marshal(nsDataBytes + ":" + args.Path)
				code := fmt.Sprintf("import bytes from %s;\nexport default bytes.buffer;\n", spec)
				return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: nsWasm}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := os.ReadFile(args.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				key, err := filepath.Rel(dir, args.Path)
				if err != nil || strings.HasPrefix(key, "..") {
					key = args.Path
				}
				key = filepath.ToSlash(key)
				wasmMu.Lock() // esbuild loads files in parallel
				wasm[key] = data
				wasmPaths[key] = args.Path
				wasmMu.Unlock()
				spec, _ := json.Marshal(key)
				code := fmt.Sprintf("module.exports = globalThis[Symbol.for(%q)](%s);", wasmModuleSymbol, spec)
				return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS, WatchFiles: []string{args.Path}}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: nsDataBytes}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := os.ReadFile(args.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(data)
				return api.OnLoadResult{Contents: &s, Loader: api.LoaderBinary, WatchFiles: []string{args.Path}}, nil
			})
		},
	}
	return plugin, loaders, nil
}

// matchRule returns the first rule with a glob matching spec, or nil.
func matchRule(matchers []ruleMatcher, spec string) *ruleMatcher {
	for i := range matchers {
		for _, re := range matchers[i].globs {
			if re.MatchString(spec) {
				return &matchers[i]
			}
		}
	}
	return nil
}

// resolveRulePath finds the file an import names: relative and absolute specifiers
// against the importer's directory (as wrangler does), package paths through esbuild's
// resolver. It returns "" when there is no such regular file.
func resolveRulePath(b api.PluginBuild, args api.OnResolveArgs) string {
	p := args.Path
	switch {
	case filepath.IsAbs(p):
	case strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../"):
		p = filepath.Join(args.ResolveDir, p)
	default:
		r := b.Resolve(p, api.ResolveOptions{Importer: args.Importer, ResolveDir: args.ResolveDir, Kind: args.Kind, PluginData: skipModuleRules{}})
		if len(r.Errors) > 0 || r.External {
			return ""
		}
		p = r.Path
	}
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	return p
}

// globRegexp translates a glob as the glob-to-regexp package does with its default
// options (wrangler's globToRegExp): every run of "*" is ".*", other characters are
// literal, and the pattern is anchored at both ends.
func globRegexp(glob string) string {
	var b strings.Builder
	b.WriteByte('^')
	for i := 0; i < len(glob); i++ {
		c := glob[i]
		if c == '*' {
			for i+1 < len(glob) && glob[i+1] == '*' {
				i++
			}
			b.WriteString(".*")
			continue
		}
		b.WriteString(regexp.QuoteMeta(string(c)))
	}
	b.WriteByte('$')
	return b.String()
}

// globExtension returns ".ext" for a glob of the form "…*.ext" (no wildcard in ext), else "".
func globExtension(glob string) string {
	i := strings.LastIndex(glob, "*.")
	if i < 0 {
		return ""
	}
	ext := glob[i+1:]
	if strings.ContainsAny(ext, "*/?") {
		return ""
	}
	return ext
}

// esbuildKnownExtension reports extensions esbuild already loads as JavaScript or
// TypeScript (or JSON); a JS module rule leaves those alone.
func esbuildKnownExtension(ext string) bool {
	switch ext {
	case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".json":
		return true
	}
	return false
}

// metafileFiles lists the files the bundle was built from, as sorted absolute paths: its
// source files, packages' included, and the files module rules loaded.
func metafileFiles(dir, metafile string) []string {
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if json.Unmarshal([]byte(metafile), &meta) != nil {
		return nil
	}
	out := make([]string, 0, len(meta.Inputs))
	for p := range meta.Inputs {
		for _, ns := range []string{nsText, nsDataBytes, nsWasm} {
			p = strings.TrimPrefix(p, ns+":") // files loaded by the module-rules plugin
		}
		if strings.Contains(p, ":") {
			continue // virtual modules (edge-host:…, a Data module's wrapper)
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// withoutNodeModules is files without those under node_modules (packages).
func withoutNodeModules(files []string) []string {
	out := make([]string, 0, len(files))
	for _, f := range files {
		if !strings.Contains(f, "node_modules") {
			out = append(out, f)
		}
	}
	return out
}
