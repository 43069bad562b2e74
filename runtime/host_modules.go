package runtime

import (
	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// hostModules are the built-in modules a worker can import; each builds its exports in an
// isolate. The bundler (hostModulesPlugin) resolves imports of these names.
var hostModules = map[string]func(iso *Isolate) (goja.Value, error){
	"cloudflare:workers": cloudflareWorkersModule,
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

// installHostModules defines the hidden module loader the bundle's shims call. Modules are
// built on first import and cached per isolate.
func (iso *Isolate) installHostModules(g *goja.Object) error {
	return iso.defineLoader(g, hostModuleSymbol, "hostModule", func(name string) (goja.Value, bool, error) {
		build, ok := hostModules[name]
		if !ok {
			return nil, false, nil
		}
		v, err := build(iso)
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
			panic(err)
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
