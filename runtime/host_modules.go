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

// installHostModules defines the hidden module loader the bundle's shims call, for cloudflare:
// and node: modules. Modules are built on first import and cached per isolate.
func (iso *Isolate) installHostModules(g *goja.Object) error {
	cache := map[string]goja.Value{}
	loader := jsutil.Func(iso.vm, "hostModule", 1, func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		if v, ok := cache[name]; ok {
			return v
		}
		if v, ok := iso.nodeModule(name); ok {
			cache[name] = v
			return v
		}
		build, ok := hostModules[name]
		if !ok {
			jsutil.Throw(iso.vm, "Error", "No such module \""+name+"\".")
		}
		v, err := build(iso)
		if err != nil {
			panic(err)
		}
		cache[name] = v
		return v
	})
	key, err := iso.vm.RunString(`Symbol.for("` + hostModuleSymbol + `")`)
	if err != nil {
		return err
	}
	return g.DefineDataPropertySymbol(key.(*goja.Symbol), loader, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
}
