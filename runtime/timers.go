package runtime

import (
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// installTimers defines setTimeout/setInterval/clearTimeout/clearInterval. Like Workers (and
// unlike Node) the ids are numbers. Timers belong to the request that created them and are
// cancelled when it is completely finished.
func (iso *Isolate) installTimers(g *goja.Object) error {
	vm := iso.vm
	set := func(name string, repeat bool) {
		jsutil.DefineGlobal(g, name, jsutil.Func(vm, name, 1, func(call goja.FunctionCall) goja.Value {
			iso.CheckRequestContext()
			fn, ok := goja.AssertFunction(call.Argument(0))
			if !ok {
				jsutil.Throw(vm, "TypeError", name+": parameter 1 is not of type 'Function'.")
			}
			ms := call.Argument(1).ToFloat()
			if ms != ms || ms < 0 {
				ms = 0
			}
			var args []goja.Value
			if len(call.Arguments) > 2 {
				args = append(args, call.Arguments[2:]...)
			}
			return vm.ToValue(iso.addTimer(fn, time.Duration(ms*float64(time.Millisecond)), repeat, args))
		}))
	}
	set("setTimeout", false)
	set("setInterval", true)
	clear := func(name string) {
		jsutil.DefineGlobal(g, name, jsutil.Func(vm, name, 1, func(call goja.FunctionCall) goja.Value {
			if id := call.Argument(0); !goja.IsUndefined(id) && !goja.IsNull(id) {
				iso.clearTimer(id.ToInteger())
			}
			return goja.Undefined()
		}))
	}
	clear("clearTimeout")
	clear("clearInterval")
	_, err := vm.RunProgram(schedulerProgram())
	return err
}

// scheduler.wait(ms, {signal}) is Workers' promise-based sleep, built on setTimeout.
var schedulerProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("edge:scheduler.js", `(function () {
  "use strict";
  const wait = function wait(ms, options) {
    return new Promise((resolve, reject) => {
      const signal = options?.signal;
      if (signal?.aborted) { reject(signal.reason); return; }
      const id = setTimeout(resolve, ms);
      signal?.addEventListener("abort", () => { clearTimeout(id); reject(signal.reason); }, { once: true });
    });
  };
  const scheduler = {};
  Object.defineProperty(scheduler, "wait", { value: wait, writable: true, configurable: true, enumerable: true });
  Object.defineProperty(globalThis, "scheduler", { value: scheduler, writable: true, configurable: true, enumerable: false });
})();`, true)
})
