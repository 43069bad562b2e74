package runtime

import (
	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// hostModules are the cloudflare: modules a worker can import; each builds its exports in an
// isolate. The bundler (hostModulesPlugin) resolves imports of these names, and of the node:
// modules the worker's Node.js compatibility mode provides (node.go).
var hostModules = map[string]func(iso *Isolate) (goja.Value, error){
	"cloudflare:workers": cloudflareWorkersModule,
	"edge:test":          edgeTestModule,
}

// cloudflareWorkersJS defines the classes of `cloudflare:workers` that user code extends.
// Deviation: WorkerEntrypoint RPC methods and Durable Objects are not supported yet; the
// classes exist so that workers written with them load, and `export default class extends
// WorkerEntrypoint { fetch() {…} }` serves fetch (and scheduled) events.
const cloudflareWorkersJS = `(function (env) {
  class WorkerEntrypoint { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }
  class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }
  class WorkflowEntrypoint { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }
  class RpcTarget {}
  return { WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget, env };
})`

func cloudflareWorkersModule(iso *Isolate) (goja.Value, error) {
	f, err := iso.vm.RunString(cloudflareWorkersJS)
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(f)
	return fn(goja.Undefined(), iso.env)
}

// hostModuleKey keys an isolate's built host modules in Isolate.Local.
type hostModuleKey struct{}

// hostModule returns the named host module's exports, built on first use and cached per
// isolate (loop goroutine only).
func (iso *Isolate) hostModule(name string) (goja.Value, error) {
	cache := iso.Local(hostModuleKey{}, func() any { return map[string]goja.Value{} }).(map[string]goja.Value)
	if v, ok := cache[name]; ok {
		return v, nil
	}
	if v, ok := iso.nodeModule(name); ok {
		cache[name] = v
		return v, nil
	}
	build, ok := hostModules[name]
	if !ok {
		return nil, &JSError{Class: "Error", Message: "No such module \"" + name + "\"."}
	}
	v, err := build(iso)
	if err != nil {
		return nil, err
	}
	cache[name] = v
	return v, nil
}

// installHostModules defines the hidden module loader the bundle's shims call, for
// cloudflare:, edge: and node: modules.
func (iso *Isolate) installHostModules(g *goja.Object) error {
	return iso.defineLoader(g, hostModuleSymbol, "hostModule", func(name string) (goja.Value, bool, error) {
		v, err := iso.hostModule(name)
		return v, true, err
	})
}

// defineLoader puts on g, under Symbol.for(symbol) (invisible to Object.keys), a function the
// bundle's shims call with a module key. load builds the module's value (ok false: no such
// module); values are cached per isolate.
func (iso *Isolate) defineLoader(g *goja.Object, symbol, name string, load func(key string) (v goja.Value, ok bool, err error)) error {
	cache := map[string]goja.Value{}
	loader := jsutil.Func(iso.vm, name, 1, func(call goja.FunctionCall) goja.Value {
		key := call.Argument(0).String()
		if v, ok := cache[key]; ok {
			return v
		}
		v, ok, err := load(key)
		if err != nil {
			iso.Throw(err)
		}
		if !ok {
			jsutil.Throw(iso.vm, "Error", "No such module \""+key+"\".")
		}
		cache[key] = v
		return v
	})
	sym, err := iso.vm.RunString(`Symbol.for("` + symbol + `")`)
	if err != nil {
		return err
	}
	return g.DefineDataPropertySymbol(sym.(*goja.Symbol), loader, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
}
