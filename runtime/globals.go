package runtime

import (
	_ "embed"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/clone"
	"github.com/edgeruntime/edge/runtime/internal/compression"
	"github.com/edgeruntime/edge/runtime/internal/dom"
	"github.com/edgeruntime/edge/runtime/internal/encoding"
	"github.com/edgeruntime/edge/runtime/internal/esgaps"
	"github.com/edgeruntime/edge/runtime/internal/formdata"
	"github.com/edgeruntime/edge/runtime/internal/intl"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
	"github.com/edgeruntime/edge/runtime/internal/streams"
	"github.com/edgeruntime/edge/runtime/internal/urlpattern"
	"github.com/edgeruntime/edge/runtime/internal/webcrypto"
	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

//go:embed prelude.js
var preludeSource string

var preludeProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("edge:prelude.js", preludeSource, true)
})

// globalScope is the inventory of what JS sees, installed in this order on every isolate.
// Each entry is one Web API family; its file pair holds the implementation and tests.
var globalScope = []struct {
	family  string
	install func(iso *Isolate, g *goja.Object) error
}{
	{"prelude", func(iso *Isolate, g *goja.Object) error { _, err := iso.vm.RunProgram(preludeProgram()); return err }},
	{"ES gaps", func(iso *Isolate, g *goja.Object) error { return esgaps.Install(iso.vm) }},
	{"Intl", func(iso *Isolate, g *goja.Object) error { return intl.Install(iso.vm, g) }},
	{"dom", func(iso *Isolate, g *goja.Object) error { iso.dom = dom.Install(iso.vm, g, iso); return nil }},
	{"console", (*Isolate).installConsole},
	{"timers", (*Isolate).installTimers},
	{"encoding", func(iso *Isolate, g *goja.Object) error { encoding.Install(iso.vm, g); return nil }},
	{"url", func(iso *Isolate, g *goja.Object) error { weburl.Install(iso.vm, g); return nil }},
	{"streams", func(iso *Isolate, g *goja.Object) (err error) { iso.streams, err = streams.Install(iso.vm); return err }},
	{"text streams", func(iso *Isolate, g *goja.Object) error { return streams.InstallTextStreams(iso.vm) }},
	{"compression streams", func(iso *Isolate, g *goja.Object) error { return compression.Install(iso.vm, g) }},
	{"URLPattern", func(iso *Isolate, g *goja.Object) error { return urlpattern.Install(iso.vm, g) }},
	{"structuredClone", func(iso *Isolate, g *goja.Object) error { clone.Install(iso.vm, g); return nil }},
	{"blob, file, formdata", func(iso *Isolate, g *goja.Object) error { iso.formdata = formdata.Install(iso.vm, g, iso); return nil }},
	{"headers", func(iso *Isolate, g *goja.Object) error { iso.installHeaders(g); return nil }},
	{"request", func(iso *Isolate, g *goja.Object) error { iso.installRequest(g); return nil }},
	{"response", func(iso *Isolate, g *goja.Object) error { iso.installResponse(g); return nil }},
	{"fetch", (*Isolate).installFetch},
	{"websocket", (*Isolate).installWebSocket},
	{"cache", (*Isolate).installCache},
	{"crypto", func(iso *Isolate, g *goja.Object) error { return webcrypto.Install(iso.vm, g, cryptoHost{iso}) }},
	{"HTMLRewriter", (*Isolate).installHTMLRewriter},
	{"events", func(iso *Isolate, g *goja.Object) error {
		iso.installExecutionContext(g)
		iso.installScheduled(g)
		iso.installListeners(g)
		return nil
	}},
	{"navigator", (*Isolate).installNavigator},
	{"node", (*Isolate).installNode},
	{"WebAssembly", (*Isolate).installWasm},
	{"host modules", (*Isolate).installHostModules},
}

// Precompile compiles the built-in JavaScript every isolate runs while it installs its
// globals (each is compiled once per process). A server calls it in the background while it
// bundles a worker, so that its isolates do not wait for the compiler; calling it is optional.
func Precompile() {
	streams.Program()
	esgaps.Program()
	preludeProgram()
	compression.Program()
	htmlRewriterProgram()
	schedulerProgram()
	queueMicrotaskProgram()
}

func (iso *Isolate) installGlobals() error {
	vm := iso.vm
	iso.global = vm.GlobalObject()
	u8, ok := goja.AssertConstructor(vm.Get("Uint8Array"))
	if !ok {
		return fmt.Errorf("runtime: no Uint8Array")
	}
	iso.cls.u8ctor = u8
	iso.jsonParseFn, _ = goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
	iso.jsonStringifyFn, _ = goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
	iso.installJSONParse()
	for _, f := range globalScope {
		if err := f.install(iso, iso.global); err != nil {
			return fmt.Errorf("runtime: install %s: %w", f.family, err)
		}
	}
	return nil
}

// jsonStringify returns "" for values JSON.stringify maps to undefined.
func (iso *Isolate) jsonStringify(v goja.Value) (string, error) {
	r, err := iso.jsonStringifyFn(goja.Undefined(), v)
	if err != nil {
		return "", err
	}
	if goja.IsUndefined(r) {
		return "", nil
	}
	return r.String(), nil
}

// streamCall calls a function of the streams package's host interface.
func (iso *Isolate) streamCall(name string, args ...goja.Value) goja.Value {
	fn, ok := goja.AssertFunction(iso.streams.Get(name))
	if !ok {
		panic(iso.vm.NewTypeError("streams: no host function " + name))
	}
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

func (iso *Isolate) isReadableStream(o *goja.Object) bool {
	// Go-backed host objects are never streams, and goja throws on `#brand in obj` for dynamic
	// objects, so they must not reach the JS brand check.
	if t := o.ExportType(); t != nil && t.Kind() == reflect.Pointer {
		return false
	}
	return iso.streamCall("isReadableStream", o).ToBoolean()
}

// newNeverAbortedSignal is the signal of a request that has none of its own.
func (iso *Isolate) newNeverAbortedSignal() goja.Value {
	sig, _ := iso.dom.NewAbortSignal()
	return sig
}

// handlers are the worker's entry points found after its top level ran.
type handlers struct {
	fetch     goja.Callable
	fetchThis goja.Value
	scheduled goja.Callable
	listeners map[string][]goja.Callable
}

// findHandlers reads the module's default export (module workers) or the listeners the script
// registered (service-worker scripts).
func (iso *Isolate) findHandlers() error {
	vm := iso.vm
	if iso.w.script.Format == FormatServiceWorker {
		return nil
	}
	ns := vm.Get("__edge_worker")
	if iso.w.self != nil && (ns == nil || goja.IsUndefined(ns)) { // a test module without exports
		return nil
	}
	if ns == nil || goja.IsUndefined(ns) {
		return fmt.Errorf("worker has no exports")
	}
	def := ns.ToObject(vm).Get("default")
	if def == nil || goja.IsUndefined(def) || goja.IsNull(def) {
		if iso.w.self != nil { // a test module
			return nil
		}
		return fmt.Errorf("worker has no default export")
	}
	obj := def.ToObject(vm)
	if f, ok := goja.AssertFunction(obj.Get("fetch")); ok {
		iso.handlers.fetch, iso.handlers.fetchThis = f, obj
	} else if _, isCtor := goja.AssertConstructor(def); isCtor {
		// export default class extends WorkerEntrypoint: a new instance per call (see RATIONALE.md).
		ctor, _ := goja.AssertConstructor(def)
		proto := obj.Get("prototype").ToObject(vm)
		if _, ok := goja.AssertFunction(proto.Get("fetch")); ok {
			iso.handlers.fetch = func(this goja.Value, args ...goja.Value) (goja.Value, error) {
				inst, err := ctor(nil, args[2], args[1])
				if err != nil {
					return nil, err
				}
				f, _ := goja.AssertFunction(inst.Get("fetch"))
				return f(inst, args[0])
			}
		}
	}
	if f, ok := goja.AssertFunction(obj.Get("scheduled")); ok {
		iso.handlers.scheduled = f
	}
	return nil
}

// installListeners provides addEventListener/removeEventListener on the global scope for
// service-worker scripts ("fetch", "scheduled").
func (iso *Isolate) installListeners(g *goja.Object) {
	vm := iso.vm
	iso.handlers.listeners = map[string][]goja.Callable{}
	jsutil.DefineGlobal(g, "addEventListener", jsutil.Func(vm, "addEventListener", 2, func(call goja.FunctionCall) goja.Value {
		typ := call.Argument(0).String()
		fn, ok := goja.AssertFunction(call.Argument(1))
		if !ok {
			if o, isObj := call.Argument(1).(*goja.Object); isObj {
				if he, ok := goja.AssertFunction(o.Get("handleEvent")); ok {
					fn = func(_ goja.Value, args ...goja.Value) (goja.Value, error) { return he(o, args...) }
				}
			}
		}
		if fn != nil {
			iso.handlers.listeners[typ] = append(iso.handlers.listeners[typ], fn)
		}
		return goja.Undefined()
	}))
	jsutil.DefineGlobal(g, "removeEventListener", jsutil.Func(vm, "removeEventListener", 2, func(call goja.FunctionCall) goja.Value {
		return goja.Undefined()
	}))
	jsutil.DefineGlobal(g, "self", g)
}

func (iso *Isolate) installNavigator(g *goja.Object) error {
	vm := iso.vm
	nav := vm.NewObject()
	_ = nav.Set("userAgent", "Cloudflare-Workers")
	_ = nav.Set("language", "en")
	_ = nav.Set("languages", vm.NewArray("en"))
	_ = nav.Set("hardwareConcurrency", 1)
	_ = nav.Set("platform", "")
	jsutil.DefineGlobal(g, "navigator", nav)
	perf := vm.NewObject()
	_ = perf.Set("timeOrigin", 0)
	_ = perf.Set("now", jsutil.Func(vm, "now", 0, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(float64(time.Now().UnixNano()) / 1e6)
	}))
	jsutil.DefineGlobal(g, "performance", perf)
	// queueMicrotask is JS on the captured Promise intrinsics: resolving a promise from Go
	// inside a running microtask makes goja drain the queue re-entrantly (out of FIFO order).
	_, err := vm.RunProgram(queueMicrotaskProgram())
	return err
}

var queueMicrotaskProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("edge:queueMicrotask.js", `(function () {
  "use strict";
  const resolved = Promise.resolve();
  const then = Promise.prototype.then;
  const queueMicrotask = function queueMicrotask(callback) {
    if (typeof callback !== "function") {
      throw new TypeError("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
    }
    then.call(resolved, () => { callback(); });
  };
  Object.defineProperty(globalThis, "queueMicrotask", { value: queueMicrotask, writable: true, configurable: true, enumerable: false });
})();`, true)
})
