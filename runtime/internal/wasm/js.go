package wasm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"runtime"
	"strconv"
	"strings"
	"weak"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// API is the WebAssembly namespace of one isolate. It is used on the isolate's loop goroutine
// only.
type API struct {
	vm  *goja.Runtime
	eng *Engine
	ctx func() context.Context

	module   *jsutil.Class[*jsModule]
	instance *jsutil.Class[*jsInstance]
	memory   *jsutil.Class[*jsMemory]
	global   *jsutil.Class[*jsGlobal]
	table    *jsutil.Class[*jsTable]

	compileError, linkError, runtimeError goja.Constructor

	// live are the memories whose buffer JS holds; after every call into or out of Wasm their
	// size is checked and a grown memory's old buffer is detached. Weak: a memory JS dropped
	// must not be kept open by this list.
	live []weak.Pointer[jsMemory]
	// externs maps the externref handles given to Wasm back to their JS values.
	externs    map[uint64]goja.Value
	externNext uint64
	// srcSym keys the hidden property of an exported function that says where it comes from
	// (for funcref tables). Deviation: Object.getOwnPropertySymbols shows it. types are the function types of the modules instantiated, the
	// candidates when a table entry is read back as a function.
	srcSym *goja.Symbol
	types  []funcType
}

// instanceRef stands for one instance's wazero modules (the instance, its glue and host
// modules). Every JS-facing object of the instance holds it; when none is reachable any more,
// a cleanup closes the modules, freeing their memory. The host modules reach the JS import
// functions through a weak pointer to it, so wazero's namespace, which holds the host
// modules, does not keep the instance alive.
type instanceRef struct {
	imports []goja.Callable // the JS functions the host modules call, by index
	keep    []any           // imported memories, globals and tables: they outlive the instance
}

// closeModules is the cleanup of an instance or of a JS-constructed memory, global or table.
func closeModules(mods []api.Module) {
	for _, m := range mods {
		_ = m.Close(context.Background())
	}
}

type jsModule struct {
	jsutil.Expando
	m *Module
}

type jsInstance struct {
	jsutil.Expando
	exports *goja.Object
	ref     *instanceRef
}

type jsMemory struct {
	jsutil.Expando
	ref  *instanceRef // the exporting instance; nil for new WebAssembly.Memory
	mod  api.Module   // the module that owns the memory (exported as "memory" or by name)
	name string
	mem  api.Memory
	buf  *goja.ArrayBuffer // the current buffer; nil until asked for
	size uint32
}

type jsGlobal struct {
	jsutil.Expando
	ref  *instanceRef // the exporting instance; nil for new WebAssembly.Global
	mod  api.Module
	name string
	g    api.Global
	typ  globalType
}

type jsTable struct {
	jsutil.Expando
	elem  byte
	acc   api.Module // the accessor module: size, grow, get, set
	owner api.Module // the module exporting the table as name (imports re-export it)
	name  string
	ref   *instanceRef // the exporting instance; nil for new WebAssembly.Table
	funcs map[uint64]*goja.Object
}

// funcSource is where an exported function comes from, to make a funcref of it: the
// exporting module and name, or (read from a table) the funcref value itself.
type funcSource struct {
	mod     api.Module
	name    string
	fn      funcType
	bits    uint64
	hasBits bool
	refMod  api.Module // the module that made bits (kept open with the function)
	keep    any        // the table a function read from it came from
}

// Install defines WebAssembly on g. ctx supplies the context for calls into Wasm: the
// embedder cancels it to stop a call that runs past the CPU limit.
func Install(vm *goja.Runtime, g *goja.Object, eng *Engine, ctx func() context.Context) (*API, error) {
	a := &API{vm: vm, eng: eng, ctx: ctx, externs: map[uint64]goja.Value{}, srcSym: goja.NewSymbol("edge.wasmFunction")}
	ns := vm.NewObject()
	_ = ns.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("WebAssembly"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)

	errs, err := vm.RunString(errorClassesJS)
	if err != nil {
		return nil, err
	}
	for i, dst := range []*goja.Constructor{&a.compileError, &a.linkError, &a.runtimeError} {
		v := errs.ToObject(vm).Get(strconv.Itoa(i))
		*dst, _ = goja.AssertConstructor(v)
		jsutil.DefineGlobal(ns, v.ToObject(vm).Get("name").String(), v)
	}

	// Workers compiles Wasm only from uploaded modules: the constructor always refuses.
	a.module = jsutil.NewClass(vm, "Module", 1, func(call goja.ConstructorCall) *jsModule {
		panic(a.newError(a.compileError, "WebAssembly.Module(): Wasm code generation disallowed by embedder"))
	})
	a.module.Static("exports", 1, func(call goja.FunctionCall) goja.Value {
		m := a.moduleArg(call.Argument(0), "WebAssembly.Module.exports()")
		out := make([]any, len(m.info.exports))
		for i, e := range m.info.exports {
			out[i] = a.descriptor("name", e.name, "kind", e.kind)
		}
		return vm.NewArray(out...)
	})
	a.module.Static("imports", 1, func(call goja.FunctionCall) goja.Value {
		m := a.moduleArg(call.Argument(0), "WebAssembly.Module.imports()")
		out := make([]any, len(m.info.imports))
		for i, e := range m.info.imports {
			out[i] = a.descriptor("module", e.module, "name", e.name, "kind", e.kind)
		}
		return vm.NewArray(out...)
	})
	a.module.Static("customSections", 2, func(call goja.FunctionCall) goja.Value {
		m := a.moduleArg(call.Argument(0), "WebAssembly.Module.customSections()")
		if goja.IsUndefined(call.Argument(1)) {
			panic(vm.NewTypeError("WebAssembly.Module.customSections(): Argument 1 is required"))
		}
		name := call.Argument(1).String()
		var out []any
		for _, c := range m.info.custom {
			if c.name == name {
				out = append(out, vm.NewArrayBuffer(append([]byte(nil), c.data...)))
			}
		}
		return vm.NewArray(out...)
	})

	a.instance = jsutil.NewClass(vm, "Instance", 1, func(call goja.ConstructorCall) *jsInstance {
		m := a.moduleArg(call.Argument(0), "WebAssembly.Instance()")
		return a.instantiate(m, call.Argument(1), "WebAssembly.Instance()")
	})
	a.module.CallError = "WebAssembly.Module must be invoked with 'new'"
	a.instance.CallError = "WebAssembly.Instance must be invoked with 'new'"
	a.instance.Getter("exports", func(this *jsInstance) goja.Value { return this.exports })

	a.memory = jsutil.NewClass(vm, "Memory", 1, func(call goja.ConstructorCall) *jsMemory {
		return a.newMemory(call.Argument(0))
	})
	a.memory.CallError = "WebAssembly.Memory must be invoked with 'new'"
	a.memory.Getter("buffer", func(this *jsMemory) goja.Value { return vm.ToValue(*a.buffer(this)) })
	a.memory.Method("grow", 1, func(this *jsMemory, call goja.FunctionCall) goja.Value {
		delta := a.toUint32(call.Argument(0), "WebAssembly.Memory.grow()", "Argument 0")
		prev, ok := this.mem.Grow(delta)
		if !ok {
			panic(a.newError(a.rangeError(), "WebAssembly.Memory.grow(): Maximum memory size exceeded"))
		}
		a.detach(this) // the spec detaches the old buffer even when delta is 0
		return vm.ToValue(prev)
	})

	a.global = jsutil.NewClass(vm, "Global", 1, func(call goja.ConstructorCall) *jsGlobal {
		return a.newGlobal(call.Argument(0), call.Argument(1))
	})
	a.global.CallError = "WebAssembly.Global must be invoked with 'new'"
	a.global.Accessor("value", func(this *jsGlobal) goja.Value {
		return a.toJS(this.g.Get(), this.typ.val)
	}, func(this *jsGlobal, v goja.Value) {
		mg, ok := this.g.(api.MutableGlobal)
		if !ok || !this.typ.mutable {
			panic(vm.NewTypeError("set WebAssembly.Global.value): Can't set the value of an immutable global."))
		}
		mg.Set(a.toWasm(v, this.typ.val))
	})
	a.global.Method("valueOf", 0, func(this *jsGlobal, call goja.FunctionCall) goja.Value {
		return a.toJS(this.g.Get(), this.typ.val)
	})

	a.table = jsutil.NewClass(vm, "Table", 1, func(call goja.ConstructorCall) *jsTable {
		return a.newTable(call.Argument(0), call.Argument(1))
	})
	a.table.CallError = "WebAssembly.Table must be invoked with 'new'"
	a.table.Getter("length", func(this *jsTable) goja.Value { return vm.ToValue(a.tableSize(this)) })
	a.table.Method("get", 1, func(this *jsTable, call goja.FunctionCall) goja.Value {
		i := a.tableIndex(this, call.Argument(0), "WebAssembly.Table.get()")
		return a.refToJS(this, i, a.tableCall(this, "get", uint64(i))[0])
	})
	a.table.Method("set", 1, func(this *jsTable, call goja.FunctionCall) goja.Value {
		i := a.tableIndex(this, call.Argument(0), "WebAssembly.Table.set()")
		bits := a.refToWasm(this, call.Arguments, 1, "WebAssembly.Table.set()")
		a.tableCall(this, "set", uint64(i), bits)
		return goja.Undefined()
	})
	a.table.Method("grow", 1, func(this *jsTable, call goja.FunctionCall) goja.Value {
		delta := a.toUint32(call.Argument(0), "WebAssembly.Table.grow()", "Argument 0")
		bits := a.refToWasm(this, call.Arguments, 1, "WebAssembly.Table.grow()")
		old := int32(uint32(a.tableCall(this, "grow", bits, uint64(delta))[0]))
		if old < 0 {
			panic(a.newError(a.rangeError(), fmt.Sprintf("WebAssembly.Table.grow(): failed to grow table by %d", delta)))
		}
		return vm.ToValue(old)
	})

	for _, c := range []struct {
		install func(*goja.Object)
		proto   *goja.Object
		name    string
	}{
		{a.module.Install, a.module.Proto, "Module"},
		{a.instance.Install, a.instance.Proto, "Instance"},
		{a.memory.Install, a.memory.Proto, "Memory"},
		{a.global.Install, a.global.Proto, "Global"},
		{a.table.Install, a.table.Proto, "Table"},
	} {
		c.install(ns)
		_ = c.proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("WebAssembly."+c.name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}

	jsutil.DefineGlobal(ns, "validate", jsutil.Func(vm, "validate", 1, func(call goja.FunctionCall) goja.Value {
		b, ok := jsutil.Bytes(vm, call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("WebAssembly.validate(): Argument 0 must be a buffer source"))
		}
		return vm.ToValue(eng.Validate(a.ctx(), b))
	}))
	refuse := func(name string) {
		jsutil.DefineGlobal(ns, name, jsutil.Func(vm, name, 1, func(call goja.FunctionCall) goja.Value {
			return a.rejected(a.newError(a.compileError, "WebAssembly."+name+"(): Wasm code generation disallowed by embedder"))
		}))
	}
	refuse("compile") // workerd has no compileStreaming/instantiateStreaming at all
	jsutil.DefineGlobal(ns, "instantiate", jsutil.Func(vm, "instantiate", 1, func(call goja.FunctionCall) goja.Value {
		var result goja.Value
		if ex := vm.Try(func() {
			arg := call.Argument(0)
			m, ok := a.module.Unwrap(arg)
			if !ok {
				if !isObject(arg) {
					panic(vm.NewTypeError("WebAssembly.instantiate(): Argument 0 must be a buffer source or a WebAssembly.Module object"))
				}
				if _, bytes := jsutil.Bytes(vm, arg); !bytes {
					panic(vm.NewTypeError("WebAssembly.instantiate(): Argument 0 must be a buffer source"))
				}
				// Only the Module overload: instantiate(bytes) would compile at run time.
				panic(a.newError(a.compileError, "WebAssembly.instantiate(): Wasm code generation disallowed by embedder"))
			}
			result = a.instance.Wrap(a.instantiate(m.m, call.Argument(1), "WebAssembly.instantiate()"))
		}); ex != nil {
			return a.rejected(ex.Value())
		}
		p, resolve, _ := vm.NewPromise()
		_ = resolve(result)
		return vm.ToValue(p)
	}))
	jsutil.DefineGlobal(g, "WebAssembly", ns)
	return a, nil
}

// errorClassesJS defines CompileError, LinkError and RuntimeError as V8 does: subclasses of
// Error whose prototype carries the name.
const errorClassesJS = `(function () {
  function make(name) {
    const C = ({ [name]: class extends Error {} })[name];
    Object.defineProperty(C.prototype, "name", { value: name, writable: true, configurable: true, enumerable: false });
    return C;
  }
  return [make("CompileError"), make("LinkError"), make("RuntimeError")];
})()`

// NewModule wraps a compiled module as a WebAssembly.Module.
func (a *API) NewModule(m *Module) goja.Value { return a.module.Wrap(&jsModule{m: m}) }

func (a *API) moduleArg(v goja.Value, where string) *Module {
	m, ok := a.module.Unwrap(v)
	if !ok {
		panic(a.vm.NewTypeError(where + ": Argument 0 must be a WebAssembly.Module"))
	}
	return m.m
}

func (a *API) descriptor(kv ...string) *goja.Object {
	o := a.vm.NewObject()
	for i := 0; i < len(kv); i += 2 {
		_ = o.Set(kv[i], kv[i+1])
	}
	return o
}

func (a *API) newError(ctor goja.Constructor, msg string) *goja.Object {
	o, err := ctor(nil, a.vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return o
}

func (a *API) rangeError() goja.Constructor {
	c, _ := goja.AssertConstructor(a.vm.Get("RangeError"))
	return c
}

func (a *API) rejected(v goja.Value) goja.Value {
	p, _, reject := a.vm.NewPromise()
	_ = reject(v)
	return a.vm.ToValue(p)
}

// importSource is what one import resolves to.
type importSource struct {
	imp  extern
	fn   goja.Callable // a JS function (host function)
	mod  api.Module    // memory, global or table: the module exporting it
	as   string        // its export name in mod
	keep any           // the Go state of the memory, global or table
}

// instantiate links m against importObject and instantiates it (spec "instantiate the core
// of a WebAssembly module"). Errors are thrown as the JS API's LinkError, TypeError or
// RuntimeError.
func (a *API) instantiate(m *Module, importObject goja.Value, where string) *jsInstance {
	vm := a.vm
	if len(m.info.imports) > 0 && !isObject(importObject) {
		panic(vm.NewTypeError(where + ": Imports argument must be present and must be an object"))
	}
	var order []string
	byModule := map[string][]importSource{}
	for i, imp := range m.info.imports {
		prefix := fmt.Sprintf("%s: Import #%d %q", where, i, imp.module)
		modv := importObject.ToObject(vm).Get(imp.module)
		if !isObject(modv) {
			panic(vm.NewTypeError(prefix + ": module is not an object or function"))
		}
		v := modv.ToObject(vm).Get(imp.name)
		prefix += fmt.Sprintf(" %q", imp.name)
		src := importSource{imp: imp}
		switch imp.kind {
		case kindFunction:
			fn, ok := goja.AssertFunction(v)
			if !ok {
				panic(a.newError(a.linkError, prefix+": function import requires a callable"))
			}
			src.fn = fn
		case kindMemory:
			mem, ok := a.memory.Unwrap(v)
			if !ok {
				panic(a.newError(a.linkError, prefix+": memory import must be a WebAssembly.Memory object"))
			}
			if msg := memoryLimitError(mem.mem, imp.lim); msg != "" {
				panic(a.newError(a.linkError, prefix+": "+msg))
			}
			src.mod, src.as, src.keep = mem.mod, mem.name, mem
		case kindGlobal:
			if gl, ok := a.global.Unwrap(v); ok {
				src.mod, src.as, src.keep = gl.mod, gl.name, gl
				break
			}
			if imp.global.mutable {
				panic(a.newError(a.linkError, prefix+": imported mutable global must be a WebAssembly.Global object"))
			}
			_, isBig := v.Export().(*big.Int)
			num := isNumber(v)
			numeric := imp.global.val == api.ValueTypeI32 || imp.global.val == api.ValueTypeF32 || imp.global.val == api.ValueTypeF64
			if (imp.global.val == api.ValueTypeI64 && !isBig) || (numeric && !num) {
				panic(a.newError(a.linkError, prefix+": global import must be a number, valid Wasm reference, or WebAssembly.Global object"))
			}
			gl := a.makeGlobal(imp.global, a.toWasm(v, imp.global.val))
			src.mod, src.as, src.keep = gl.mod, gl.name, gl
		case kindTable:
			tbl, ok := a.table.Unwrap(v)
			if !ok {
				panic(a.newError(a.linkError, prefix+": table import requires a WebAssembly.Table"))
			}
			src.mod, src.as, src.keep = tbl.owner, tbl.name, tbl
		default:
			panic(a.newError(a.linkError, prefix+": tag imports are not supported"))
		}
		if _, seen := byModule[imp.module]; !seen {
			order = append(order, imp.module)
		}
		byModule[imp.module] = append(byModule[imp.module], src)
	}

	a.addTypes(m.info.types)
	ctx := a.ctx()
	ref := &instanceRef{}
	var mods []api.Module
	resolved := map[string]api.Module{}
	for _, name := range order {
		linked, err := a.linkModule(ctx, ref, name, byModule[name])
		mods = append(mods, linked...)
		if err != nil {
			closeModules(mods)
			panic(a.newError(a.linkError, where+": "+err.Error()))
		}
		resolved[name] = linked[len(linked)-1]
	}
	rctx := experimental.WithImportResolver(ctx, func(name string) api.Module { return resolved[name] })
	inst, err := a.eng.instantiate(rctx, m.compiled, "instance")
	if err != nil {
		closeModules(mods)
		a.throwInstantiateError(err, where)
	}
	runtime.AddCleanup(ref, closeModules, append(mods, inst))
	return &jsInstance{exports: a.exportsObject(inst, m.info, ref), ref: ref}
}

// memoryLimitError checks an imported memory against the import's limits, with V8's wording.
func memoryLimitError(m api.Memory, want limits) string {
	pages := uint64(m.Size() / 65536)
	if pages < want.min {
		return fmt.Sprintf("memory import has %d pages which is smaller than the declared initial of %d", pages, want.min)
	}
	if want.hasMax {
		max, ok := m.Definition().Max()
		if !ok {
			// V8 prints the largest 32-bit value here, whatever the declared maximum.
			return fmt.Sprintf("memory import has no maximum limit, expected at most %d", uint32(math.MaxUint32))
		}
		if uint64(max) > want.max {
			return fmt.Sprintf("memory import has a larger maximum size %d than the module's declared maximum %d", max, want.max)
		}
	}
	return ""
}

// linkModule builds the module that satisfies one import module name: a glue module
// re-exporting the JS functions (from a host module), the memories, globals and tables. It
// returns the modules it instantiated, the glue module last; the JS functions and the Go
// states of what is imported are recorded in ref.
func (a *API) linkModule(ctx context.Context, ref *instanceRef, name string, srcs []importSource) ([]api.Module, error) {
	var host wazero.HostModuleBuilder
	hostName := a.eng.name("host")
	var glue []reexport
	done := map[string]bool{}
	for _, s := range srcs {
		if done[s.imp.name+"\x00"+s.imp.kind] {
			continue // the same import listed twice
		}
		done[s.imp.name+"\x00"+s.imp.kind] = true
		if s.fn == nil {
			ref.keep = append(ref.keep, s.keep)
			from := s.imp
			from.module, from.name = s.mod.Name(), s.as
			glue = append(glue, reexport{from: from, as: s.imp.name})
			continue
		}
		if host == nil {
			host = a.eng.rt.NewHostModuleBuilder(hostName)
		}
		ref.imports = append(ref.imports, s.fn)
		host.NewFunctionBuilder().
			WithGoModuleFunction(a.hostFunction(weak.Make(ref), len(ref.imports)-1, s.imp.fn), s.imp.fn.params, s.imp.fn.results).
			Export(s.imp.name)
		from := s.imp
		from.module = hostName
		glue = append(glue, reexport{from: from, as: s.imp.name})
	}
	var mods []api.Module
	if host != nil {
		hm, err := host.Instantiate(ctx)
		if err != nil {
			return nil, err
		}
		mods = append(mods, hm)
	}
	// Even a host module of only JS functions goes through a glue module: wazero's import
	// resolver accepts only Wasm module instances, not host module instances.
	g, err := a.eng.synthetic(ctx, glueModule(glue), "glue")
	if err != nil {
		return mods, err
	}
	return append(mods, g), nil
}

// hostFunction calls JS import number i of the instance from Wasm, converting arguments and
// results.
func (a *API) hostFunction(ref weak.Pointer[instanceRef], i int, t funcType) api.GoModuleFunction {
	return api.GoModuleFunc(func(ctx context.Context, mod api.Module, stack []uint64) {
		r := ref.Value()
		if r == nil {
			panic(errors.New("wasm: the instance was garbage collected")) // unreachable: Wasm is running it
		}
		fn := r.imports[i]
		a.refresh() // Wasm may have grown a memory before calling out
		args := make([]goja.Value, len(t.params))
		for i, p := range t.params {
			args[i] = a.toJS(stack[i], p)
		}
		ret, err := fn(goja.Undefined(), args...)
		if err != nil {
			panic(err) // wazero returns it from the exported function's Call
		}
		switch len(t.results) {
		case 0:
		case 1:
			stack[0] = a.toWasm(ret, t.results[0])
		default:
			o, ok := ret.(*goja.Object)
			if !ok {
				panic(a.vm.NewTypeError("multi-return value must be iterable"))
			}
			for i, r := range t.results {
				stack[i] = a.toWasm(o.Get(strconv.Itoa(i)), r)
			}
		}
	})
}

// throwInstantiateError maps a wazero instantiation failure to the JS API's error class.
func (a *API) throwInstantiateError(err error, where string) {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		panic(ex) // a JS import called from the start function threw
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "start ") || strings.Contains(msg, "wasm error:") {
		panic(a.newError(a.runtimeError, trapMessage(err)))
	}
	panic(a.newError(a.linkError, where+": "+msg))
}

// exportsObject builds instance.exports: a frozen object with a null prototype whose
// properties are the exports in order.
func (a *API) exportsObject(inst api.Module, info *moduleInfo, ref *instanceRef) *goja.Object {
	vm := a.vm
	o := vm.CreateObject(nil)
	for _, e := range info.exports {
		var v goja.Value
		switch e.kind {
		case kindFunction:
			fn := inst.ExportedFunction(e.name)
			def := fn.Definition()
			v = a.exportedFunction(fn, e.index, ref, &funcSource{mod: inst, name: e.name, fn: funcType{params: def.ParamTypes(), results: def.ResultTypes()}})
		case kindMemory:
			v = a.memory.Wrap(&jsMemory{ref: ref, mod: inst, name: e.name, mem: inst.ExportedMemory(e.name)})
		case kindGlobal:
			g := inst.ExportedGlobal(e.name)
			t := globalType{val: g.Type()}
			_, t.mutable = g.(api.MutableGlobal)
			v = a.global.Wrap(&jsGlobal{ref: ref, mod: inst, name: e.name, g: g, typ: t})
		case kindTable:
			t, err := a.tableOf(inst, e.name, info.tables[e.index], ref)
			if err != nil {
				panic(a.newError(a.linkError, "WebAssembly.Instance(): table export "+e.name+": "+err.Error()))
			}
			v = a.table.Wrap(t)
		default:
			v = goja.Undefined()
		}
		_ = o.Set(e.name, v)
	}
	freeze, _ := goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("freeze"))
	_, _ = freeze(goja.Undefined(), o)
	return o
}

// exportedFunction wraps a Wasm function as a JS function (spec "Exported Function"): its
// name is the function index, its length the parameter count. ref keeps its instance open
// while the function is reachable; src says where it comes from (a hidden property), for
// funcref tables.
func (a *API) exportedFunction(fn api.Function, index uint32, ref *instanceRef, src *funcSource) *goja.Object {
	def := fn.Definition()
	params, results := def.ParamTypes(), def.ResultTypes()
	n := max(len(params), len(results))
	f := jsutil.Func(a.vm, strconv.FormatUint(uint64(index), 10), len(params), func(call goja.FunctionCall) goja.Value {
		_ = ref // held by the closure
		stack := make([]uint64, n)
		for i, p := range params {
			stack[i] = a.toWasm(call.Argument(i), p)
		}
		ctx := a.ctx()
		err := fn.CallWithStack(ctx, stack)
		a.refresh()
		if err != nil && ctx.Err() != nil {
			// Stopped by the embedder (the CPU limit): it interrupted the JS engine before
			// cancelling, so returning lets the interrupt fire at the next JS instruction,
			// uncatchable, instead of throwing an error JS could catch.
			return goja.Undefined()
		}
		if err != nil {
			var ex *goja.Exception
			if errors.As(err, &ex) {
				panic(ex) // a JS import threw: the same value propagates
			}
			var ie *goja.InterruptedError
			if errors.As(err, &ie) {
				panic(ie)
			}
			panic(a.newError(a.runtimeError, trapMessage(err)))
		}
		switch len(results) {
		case 0:
			return goja.Undefined()
		case 1:
			return a.toJS(stack[0], results[0])
		}
		vals := make([]any, len(results))
		for i, r := range results {
			vals[i] = a.toJS(stack[i], r)
		}
		return a.vm.NewArray(vals...)
	})
	_ = f.DefineDataPropertySymbol(a.srcSym, a.vm.ToValue(src), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return f
}

// trapMessage turns wazero's "wasm error: …\nwasm stack trace: …" into V8's trap message.
func trapMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "wasm error: "); i >= 0 {
		msg = msg[i+len("wasm error: "):]
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if v8, ok := v8Traps[msg]; ok {
		return v8
	}
	return msg
}

// v8Traps maps wazero's trap texts to V8's.
var v8Traps = map[string]string{
	"unreachable":                   "unreachable",
	"integer divide by zero":        "divide by zero",
	"integer overflow":              "divide result unrepresentable",
	"invalid conversion to integer": "float unrepresentable in integer range",
	"out of bounds memory access":   "memory access out of bounds",
	"invalid table access":          "table index is out of bounds",
	"indirect call type mismatch":   "null function or function signature mismatch",
	"stack overflow":                "Maximum call stack size exceeded",
}

// buffer returns the memory's current ArrayBuffer, a view of the linear memory (no copy).
func (a *API) buffer(m *jsMemory) *goja.ArrayBuffer {
	size := m.mem.Size()
	if m.buf != nil && size == m.size {
		return m.buf
	}
	a.detach(m)
	view, _ := m.mem.Read(0, size)
	buf := a.vm.NewArrayBuffer(view[:len(view):len(view)])
	m.buf, m.size = &buf, size
	a.live = append(a.live, weak.Make(m))
	return m.buf
}

// detach detaches m's buffer, if any, so JS sees a zero-length buffer and asks again.
func (a *API) detach(m *jsMemory) {
	if m.buf == nil {
		return
	}
	m.buf.Detach()
	m.buf = nil
	for i, l := range a.live {
		if l.Value() == m {
			a.live = append(a.live[:i], a.live[i+1:]...)
			break
		}
	}
}

// refresh detaches the buffers of memories that grew inside Wasm.
func (a *API) refresh() {
	for i := 0; i < len(a.live); i++ {
		m := a.live[i].Value()
		switch {
		case m == nil: // collected
			a.live = append(a.live[:i], a.live[i+1:]...)
			i--
		case m.mem.Size() != m.size:
			a.detach(m)
			i--
		}
	}
}

// newMemory implements new WebAssembly.Memory(descriptor) with a synthetic module.
func (a *API) newMemory(desc goja.Value) *jsMemory {
	vm := a.vm
	if !isObject(desc) {
		panic(vm.NewTypeError("WebAssembly.Memory(): Argument 0 must be a memory descriptor"))
	}
	l := a.descriptorLimits(desc.ToObject(vm), "WebAssembly.Memory()", 65536)
	mod, err := a.eng.synthetic(a.ctx(), memoryModule(l), "memory")
	if err != nil {
		panic(a.newError(a.rangeError(), "WebAssembly.Memory(): could not allocate memory"))
	}
	m := &jsMemory{mod: mod, name: "memory", mem: mod.ExportedMemory("memory")}
	runtime.AddCleanup(m, closeModules, []api.Module{mod})
	return m
}

// descriptorLimits reads a Memory or Table descriptor's initial and maximum, with V8's
// checks and messages; upper is the largest size allowed.
func (a *API) descriptorLimits(d *goja.Object, where string, upper uint64) limits {
	l := limits{}
	initial := d.Get("initial")
	if initial == nil || goja.IsUndefined(initial) {
		panic(a.vm.NewTypeError(where + ": Property 'initial' is required"))
	}
	l.min = uint64(a.toUint32(initial, where, "Property 'initial'"))
	if l.min > upper {
		panic(a.newError(a.rangeError(), fmt.Sprintf("%s: Property 'initial': value %d is above the upper bound %d", where, l.min, upper)))
	}
	if mx := d.Get("maximum"); mx != nil && !goja.IsUndefined(mx) {
		l.max, l.hasMax = uint64(a.toUint32(mx, where, "Property 'maximum'")), true
		if l.max < l.min {
			panic(a.newError(a.rangeError(), fmt.Sprintf("%s: Property 'maximum': value %d is below the lower bound %d", where, l.max, l.min)))
		}
		if l.max > upper {
			panic(a.newError(a.rangeError(), fmt.Sprintf("%s: Property 'maximum': value %d is above the upper bound %d", where, l.max, upper)))
		}
	}
	return l
}

// newGlobal implements new WebAssembly.Global(descriptor, value) with a synthetic module.
func (a *API) newGlobal(desc, v goja.Value) *jsGlobal {
	vm := a.vm
	if !isObject(desc) {
		panic(vm.NewTypeError("WebAssembly.Global(): Argument 0 must be a global descriptor"))
	}
	d := desc.ToObject(vm)
	t := globalType{mutable: d.Get("mutable") != nil && d.Get("mutable").ToBoolean()}
	switch vt := d.Get("value"); {
	case vt == nil || goja.IsUndefined(vt):
		panic(vm.NewTypeError("WebAssembly.Global(): Descriptor property 'value' must be a WebAssembly type"))
	default:
		switch vt.String() {
		case "i32":
			t.val = api.ValueTypeI32
		case "i64":
			t.val = api.ValueTypeI64
		case "f32":
			t.val = api.ValueTypeF32
		case "f64":
			t.val = api.ValueTypeF64
		case "externref":
			t.val = api.ValueTypeExternref
		default:
			panic(vm.NewTypeError("WebAssembly.Global(): Descriptor property 'value' must be a WebAssembly type"))
		}
	}
	var bits uint64
	if v != nil && !goja.IsUndefined(v) {
		bits = a.toWasm(v, t.val)
	} else if t.val == api.ValueTypeExternref {
		bits = a.toWasm(goja.Undefined(), t.val)
	}
	return a.makeGlobal(t, bits)
}

func (a *API) makeGlobal(t globalType, bits uint64) *jsGlobal {
	init := bits
	if t.val == api.ValueTypeExternref {
		init = 0
	}
	mod, err := a.eng.synthetic(a.ctx(), globalModule(globalType{val: t.val, mutable: t.mutable || t.val == api.ValueTypeExternref}, init), "global")
	if err != nil {
		panic(a.newError(a.rangeError(), "WebAssembly.Global(): "+err.Error()))
	}
	g := mod.ExportedGlobal("global")
	if t.val == api.ValueTypeExternref {
		g.(api.MutableGlobal).Set(bits)
	}
	gl := &jsGlobal{mod: mod, name: "global", g: g, typ: t}
	runtime.AddCleanup(gl, closeModules, []api.Module{mod})
	return gl
}

// toUint32 is WebIDL's [EnforceRange] unsigned long conversion.
func (a *API) toUint32(v goja.Value, where, what string) uint32 {
	f := math.Trunc(v.ToFloat())
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		panic(a.vm.NewTypeError(fmt.Sprintf("%s: %s must be convertible to a valid number", where, what)))
	case f < 0:
		panic(a.vm.NewTypeError(fmt.Sprintf("%s: %s must be non-negative", where, what)))
	case f > math.MaxUint32:
		panic(a.vm.NewTypeError(fmt.Sprintf("%s: %s must be in the unsigned long range", where, what)))
	}
	return uint32(f)
}

// toWasm is the JS API's ToWebAssemblyValue.
func (a *API) toWasm(v goja.Value, t api.ValueType) uint64 {
	switch t {
	case api.ValueTypeI32:
		return uint64(uint32(v.ToNumber().ToInteger()))
	case api.ValueTypeI64:
		return a.toBigInt64(v)
	case api.ValueTypeF32:
		return api.EncodeF32(float32(v.ToFloat()))
	case api.ValueTypeF64:
		return api.EncodeF64(v.ToFloat())
	case api.ValueTypeExternref:
		if goja.IsNull(v) {
			return 0
		}
		a.externNext++
		a.externs[a.externNext] = v
		return a.externNext
	}
	panic(a.vm.NewTypeError("type incompatibility when transforming from/to JS"))
}

// toJS is the JS API's ToJSValue.
func (a *API) toJS(bits uint64, t api.ValueType) goja.Value {
	switch t {
	case api.ValueTypeI32:
		return a.vm.ToValue(int32(uint32(bits)))
	case api.ValueTypeI64:
		return a.vm.ToValue(big.NewInt(int64(bits)))
	case api.ValueTypeF32:
		return a.vm.ToValue(float64(api.DecodeF32(bits)))
	case api.ValueTypeF64:
		return a.vm.ToValue(api.DecodeF64(bits))
	case api.ValueTypeExternref:
		if v, ok := a.externs[bits]; ok {
			return v
		}
		return goja.Null()
	}
	panic(a.vm.NewTypeError("type incompatibility when transforming from/to JS"))
}

// toBigInt64 is ToBigInt64: BigInts wrap modulo 2^64; booleans and strings convert; numbers
// are a TypeError, as in V8.
func (a *API) toBigInt64(v goja.Value) uint64 {
	switch x := v.Export().(type) {
	case *big.Int:
		return new(big.Int).And(x, maxUint64).Uint64()
	case bool:
		if x {
			return 1
		}
		return 0
	case string:
		ctor := a.vm.Get("BigInt")
		fn, _ := goja.AssertFunction(ctor)
		r, err := fn(goja.Undefined(), v)
		if err != nil {
			panic(err)
		}
		return a.toBigInt64(r)
	}
	panic(a.vm.NewTypeError("Cannot convert " + v.String() + " to a BigInt"))
}

var maxUint64 = new(big.Int).SetUint64(math.MaxUint64)

func isNumber(v goja.Value) bool {
	switch v.Export().(type) {
	case int64, float64:
		return true
	}
	return false
}

func isObject(v goja.Value) bool {
	_, ok := v.(*goja.Object)
	return ok
}
