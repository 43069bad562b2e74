package wasm

import (
	"fmt"
	"runtime"
	"strconv"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental/table"
)

// WebAssembly.Table. wazero's API has no table access, so every table gets an accessor module
// (binary.go, tableAccessorModule) whose size/grow/get/set functions run Wasm's own table
// instructions on it. externref entries are JS values through the handle table; funcref
// entries read back are found with wazero's experimental table.LookupFunction, trying the
// function types of the modules instantiated so far, and functions are turned into funcref
// values by a generated module that imports the function and returns ref.func of it.

// tableOf makes the Table object of a table exported by inst (held open by ref) as name.
func (a *API) tableOf(inst api.Module, name string, elem byte, ref *instanceRef) (*jsTable, error) {
	acc, err := a.eng.synthetic(a.ctx(), tableAccessorModule(elem, extern{module: inst.Name(), name: name}, nil), "table")
	if err != nil {
		return nil, err
	}
	t := &jsTable{elem: elem, acc: acc, owner: inst, name: name, ref: ref}
	runtime.AddCleanup(t, closeModules, []api.Module{acc})
	return t, nil
}

// newTable implements new WebAssembly.Table(descriptor, value).
func (a *API) newTable(desc, init goja.Value) *jsTable {
	vm := a.vm
	if !isObject(desc) {
		panic(vm.NewTypeError("WebAssembly.Table(): Argument 0 must be a table descriptor"))
	}
	d := desc.ToObject(vm)
	var elem byte
	switch e := d.Get("element"); {
	case e != nil && (e.String() == "anyfunc" || e.String() == "funcref"):
		elem = elemFuncref
	case e != nil && e.String() == "externref":
		elem = elemExternref
	default:
		panic(vm.NewTypeError("WebAssembly.Table(): Descriptor property 'element' must be a WebAssembly reference type"))
	}
	l := a.descriptorLimits(d, "WebAssembly.Table()", 10_000_000)
	acc, err := a.eng.synthetic(a.ctx(), tableAccessorModule(elem, extern{}, &l), "table")
	if err != nil {
		panic(a.newError(a.rangeError(), "WebAssembly.Table(): could not allocate table"))
	}
	t := &jsTable{elem: elem, acc: acc, owner: acc, name: "table"}
	runtime.AddCleanup(t, closeModules, []api.Module{acc})
	// An externref table starts filled with undefined (the JS API's default value), a
	// funcref table with null (what the Wasm definition already holds).
	if elem == elemExternref || (init != nil && !goja.IsUndefined(init)) {
		if init == nil {
			init = goja.Undefined()
		}
		bits := a.refToWasm(t, []goja.Value{init}, 0, "WebAssembly.Table()")
		for i := uint32(0); i < uint32(l.min); i++ {
			a.tableCall(t, "set", uint64(i), bits)
		}
	}
	return t
}

// tableCall calls one of the accessor's functions.
func (a *API) tableCall(t *jsTable, name string, params ...uint64) []uint64 {
	res, err := t.acc.ExportedFunction(name).Call(a.ctx(), params...)
	if err != nil {
		panic(a.newError(a.runtimeError, trapMessage(err)))
	}
	return res
}

func (a *API) tableSize(t *jsTable) uint32 { return uint32(a.tableCall(t, "size")[0]) }

// tableIndex converts and bounds-checks an index argument, with V8's message.
func (a *API) tableIndex(t *jsTable, v goja.Value, where string) uint32 {
	i := a.toUint32(v, where, "Argument 0")
	if size := a.tableSize(t); i >= size {
		panic(a.newError(a.rangeError(), fmt.Sprintf("%s: invalid address %d in %s table of size %d", where, i, elemName(t.elem), size)))
	}
	return i
}

func elemName(elem byte) string {
	if elem == elemFuncref {
		return "funcref"
	}
	return "externref"
}

// refToJS converts the entry at index i (bits, as read) to JS.
func (a *API) refToJS(t *jsTable, i uint32, bits uint64) goja.Value {
	if t.elem == elemExternref {
		return a.toJS(bits, api.ValueTypeExternref)
	}
	if bits == 0 {
		return goja.Null()
	}
	if f, ok := t.funcs[bits]; ok {
		return f
	}
	for _, ft := range a.types {
		if fn := lookup(t.acc, i, ft); fn != nil {
			// The function's own module stays open while the table (and so the module
			// holding the table's entries) does: keep the table's reference.
			f := a.exportedFunction(fn, fn.Definition().Index(), t.ref, &funcSource{bits: bits, hasBits: true, keep: t})
			t.remember(bits, f)
			return f
		}
	}
	panic(a.newError(a.runtimeError, "WebAssembly.Table.get(): the function's type is not known to edge"))
}

// lookup finds the function at index i of the accessor's table if it has type ft; wazero
// traps (panics) on a type mismatch.
func lookup(acc api.Module, i uint32, ft funcType) (fn api.Function) {
	defer func() {
		if recover() != nil {
			fn = nil
		}
	}()
	return table.LookupFunction(acc, 0, i, ft.params, ft.results)
}

// refToWasm converts args[n] to a table value for t; a missing argument is the element
// type's default (null for funcref, undefined for externref).
func (a *API) refToWasm(t *jsTable, args []goja.Value, n int, where string) uint64 {
	var v goja.Value = goja.Undefined()
	if n < len(args) {
		v = args[n]
	}
	if t.elem == elemExternref {
		return a.toWasm(v, api.ValueTypeExternref)
	}
	if goja.IsNull(v) || (n >= len(args)) {
		return 0
	}
	if o, ok := v.(*goja.Object); ok {
		if sv := o.GetSymbol(a.srcSym); sv != nil {
			if src, ok := sv.Export().(*funcSource); ok {
				if !src.hasBits {
					mod, err := a.eng.synthetic(a.ctx(), funcrefModule(extern{module: src.mod.Name(), name: src.name, fn: src.fn}), "funcref")
					if err != nil {
						panic(a.newError(a.runtimeError, where+": "+err.Error()))
					}
					res, err := mod.ExportedFunction("ref").Call(a.ctx())
					if err != nil {
						panic(a.newError(a.runtimeError, where+": "+err.Error()))
					}
					src.bits, src.hasBits, src.refMod = res[0], true, mod
				}
				t.remember(src.bits, o)
				return src.bits
			}
		}
	}
	panic(a.vm.NewTypeError(where + ": Argument " + strconv.Itoa(n) + " is invalid for table: function-typed object must be null (if nullable) or a Wasm function object"))
}

// addTypes records function types for refToJS.
func (a *API) addTypes(types []funcType) {
	for _, t := range types {
		known := false
		for _, k := range a.types {
			if string(k.params) == string(t.params) && string(k.results) == string(t.results) {
				known = true
				break
			}
		}
		if !known {
			a.types = append(a.types, t)
		}
	}
}

// remember maps a funcref value to its JS function, so reading the entry back gives the same
// function object.
func (t *jsTable) remember(bits uint64, f *goja.Object) {
	if t.funcs == nil {
		t.funcs = map[uint64]*goja.Object{}
	}
	t.funcs[bits] = f
}
