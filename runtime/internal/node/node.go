package node

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// Gate says which compatibility mode makes a module importable.
type Gate int

const (
	// GateALS modules come with nodejs_als alone (and with nodejs_compat).
	GateALS Gate = iota
	// GateCompat modules need nodejs_compat.
	GateCompat
	// GateInternal modules are only reachable from other modules.
	GateInternal
)

// module is one entry of the inventory: a name (without "node:"), its gate, and the embedded
// JS file that builds it. Each file is a function expression (require, native, name) →
// exports; name lets one file serve several modules.
type module struct {
	name string
	gate Gate
	file string
}

// modules is the inventory of the Node.js built-ins edge provides, and where each comes from.
// Deviation: workerd also has fs, os, net, http(s), zlib, dns, crypto ciphers/keys and more
// (see ../../../../shared/spec/webapi.md §1.4); importing one of those is a build error here.
// Everything is JS in js/ except the natives (natives.go): encodings, hashes and HMAC, random
// bytes, timing-safe compare, promise state and the async context.
var modules = []module{
	{"async_hooks", GateALS, "async_hooks.js"},
	{"buffer", GateCompat, "buffer.js"},
	{"events", GateCompat, "events.js"},
	{"util", GateCompat, "util.js"},
	{"assert", GateCompat, "assert.js"},
	{"assert/strict", GateCompat, "assert_strict.js"},
	{"path", GateCompat, "path.js"},
	{"path/posix", GateCompat, "path.js"},
	{"url", GateCompat, "url.js"},
	{"querystring", GateCompat, "querystring.js"},
	{"string_decoder", GateCompat, "string_decoder.js"},
	{"crypto", GateCompat, "crypto.js"},
	{"stream", GateCompat, "stream.js"},
	{"stream/promises", GateCompat, "stream_promises.js"},
	{"stream/web", GateCompat, "stream_web.js"},
	{"_stream_readable", GateCompat, "stream_part.js"},
	{"_stream_writable", GateCompat, "stream_part.js"},
	{"_stream_duplex", GateCompat, "stream_part.js"},
	{"_stream_transform", GateCompat, "stream_part.js"},
	{"_stream_passthrough", GateCompat, "stream_part.js"},
	{"util/types", GateCompat, "util_types.js"},
	{"path/win32", GateCompat, "path.js"},
	{"timers", GateCompat, "timers.js"},
	{"timers/promises", GateCompat, "timers.js"},
	{"process", GateCompat, "process.js"},
	{"internal/errors", GateInternal, "errors.js"},
	{"internal/comparisons", GateInternal, "comparisons.js"},
}

//go:embed js/*.js
var sources embed.FS

// programs compiles each file once per process; every isolate runs the same program.
var programs sync.Map // file → func() (*goja.Program, error)

func program(file string) (*goja.Program, error) {
	f, _ := programs.LoadOrStore(file, sync.OnceValues(func() (*goja.Program, error) {
		src, err := sources.ReadFile("js/" + file)
		if err != nil {
			return nil, err
		}
		return goja.Compile("node:"+strings.TrimSuffix(file, ".js"), string(src), true)
	}))
	return f.(func() (*goja.Program, error))()
}

// Lookup reports whether name (without "node:") is a built-in module and which gate opens it.
func Lookup(name string) (Gate, bool) {
	for _, m := range modules {
		if m.name == name {
			return m.gate, true
		}
	}
	return 0, false
}

// Names lists the importable module names (without "node:").
func Names() []string {
	var out []string
	for _, m := range modules {
		if m.gate != GateInternal {
			out = append(out, m.name)
		}
	}
	return out
}

// Host is what the modules need from the isolate.
type Host interface {
	// CheckRequestContext throws workerd's global-scope error outside a request.
	CheckRequestContext()
	// ProcessEnv returns the values process.env starts with (nil = empty).
	ProcessEnv() map[string]string
}

// Options configure a Registry.
type Options struct {
	// NodeVersion is process.version, e.g. "v22.14.0"; "" leaves process.version and
	// process.versions undefined (workerd's v1 process).
	NodeVersion string
}

// Registry builds the modules of one isolate on first use and caches them. It also holds the
// isolate's async context (AsyncLocalStorage). Loop goroutine only.
type Registry struct {
	vm      *goja.Runtime
	host    Host
	opts    Options
	cache   map[string]goja.Value
	loading map[string]bool
	native  *goja.Object
	require goja.Value

	asyncCtx goja.Value
	tracking bool
}

// New returns the registry of one isolate. Nothing is built until a module is required.
func New(vm *goja.Runtime, host Host, opts Options) *Registry {
	return &Registry{vm: vm, host: host, opts: opts, cache: map[string]goja.Value{}, loading: map[string]bool{}}
}

// Require returns the exports of the named module (without "node:"), building it (and the
// modules it needs) on first use. It panics with a JS error for an unknown name.
func (r *Registry) Require(name string) goja.Value {
	if v, ok := r.cache[name]; ok {
		return v
	}
	var m *module
	for i := range modules {
		if modules[i].name == name {
			m = &modules[i]
		}
	}
	if m == nil {
		jsutil.Throw(r.vm, "Error", fmt.Sprintf("No such module \"node:%s\".", name))
	}
	if r.loading[name] {
		panic(r.vm.NewGoError(fmt.Errorf("node: import cycle at %s", name)))
	}
	r.loading[name] = true
	defer delete(r.loading, name)
	prg, err := program(m.file)
	if err != nil {
		panic(r.vm.NewGoError(err))
	}
	f, err := r.vm.RunProgram(prg)
	if err != nil {
		panic(err)
	}
	fn, ok := goja.AssertFunction(f)
	if !ok {
		panic(r.vm.NewGoError(fmt.Errorf("node: %s does not evaluate to a function", m.file)))
	}
	if m.name == "async_hooks" {
		r.trackAsyncContext()
	}
	v, err := fn(goja.Undefined(), r.requireFunc(), r.natives(), r.vm.ToValue(name))
	if err != nil {
		panic(err)
	}
	r.cache[name] = v
	return v
}

func (r *Registry) requireFunc() goja.Value {
	if r.require == nil {
		r.require = jsutil.Func(r.vm, "require", 1, func(call goja.FunctionCall) goja.Value {
			return r.Require(strings.TrimPrefix(call.Argument(0).String(), "node:"))
		})
	}
	return r.require
}

// InstallGlobals defines the globals of nodejs_compat_v2: Buffer and process, as accessors that
// build their module on first read and then turn into plain data properties, and global,
// setImmediate and clearImmediate.
func (r *Registry) InstallGlobals(g *goja.Object) error {
	if _, err := r.vm.RunProgram(immediateProgram()); err != nil {
		return err
	}
	jsutil.DefineGlobal(g, "global", g)
	lazy := func(name string, value func() goja.Value) error {
		getter := jsutil.Func(r.vm, "get "+name, 0, func(goja.FunctionCall) goja.Value {
			v := value()
			_ = g.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			return v
		})
		setter := jsutil.Func(r.vm, "set "+name, 1, func(call goja.FunctionCall) goja.Value {
			_ = g.DefineDataProperty(name, call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			return goja.Undefined()
		})
		return g.DefineAccessorProperty(name, getter, setter, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if err := lazy("Buffer", func() goja.Value { return r.Require("buffer").ToObject(r.vm).Get("Buffer") }); err != nil {
		return err
	}
	return lazy("process", func() goja.Value { return r.Require("process") })
}

// Deviation: setImmediate returns a timer id (a number), not an Immediate object.
var immediateProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("node:immediate", `(function () {
  "use strict";
  const setTimeout = globalThis.setTimeout, clearTimeout = globalThis.clearTimeout;
  const define = (name, value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  define("setImmediate", function setImmediate(callback, ...args) { return setTimeout(callback, 0, ...args); });
  define("clearImmediate", function clearImmediate(id) { clearTimeout(id); });
})();`, true)
})

// trackAsyncContext makes goja carry the async context into promise reactions: the context
// current when a reaction is registered (then, await) is restored while it runs.
func (r *Registry) trackAsyncContext() {
	if !r.tracking {
		r.tracking = true
		r.vm.SetAsyncContextTracker(tracker{r})
	}
}

// AsyncContext returns the current async context (nil when none); timers capture it.
func (r *Registry) AsyncContext() goja.Value { return r.asyncCtx }

// SetAsyncContext makes ctx current (timers restore the context they captured).
func (r *Registry) SetAsyncContext(ctx goja.Value) { r.asyncCtx = ctx }

type tracker struct{ r *Registry }

func (t tracker) Grab() any {
	if t.r.asyncCtx == nil {
		return nil
	}
	return t.r.asyncCtx
}

func (t tracker) Resumed(ctx any) {
	v, _ := ctx.(goja.Value)
	t.r.asyncCtx = v
}

func (t tracker) Exited() { t.r.asyncCtx = nil }
