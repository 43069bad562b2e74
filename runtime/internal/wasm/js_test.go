package wasm

import (
	"context"
	"testing"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"
)

// benchAPI installs WebAssembly in a fresh goja runtime and compiles a module that imports
// env.f (i32 → i32) and exports it again: instantiating it links a JS function, and calling
// the export goes JS → Wasm → JS.
func benchAPI(b *testing.B) (*goja.Runtime, *API, *Module) {
	ctx := context.Background()
	eng, err := NewEngine(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = eng.Close(ctx) })
	vm := goja.New()
	a, err := Install(vm, vm.GlobalObject(), eng, func() context.Context { return ctx })
	if err != nil {
		b.Fatal(err)
	}
	i32 := []api.ValueType{api.ValueTypeI32}
	m, err := eng.Compile(ctx, glueModule([]reexport{{from: extern{module: "env", name: "f", kind: kindFunction, fn: funcType{params: i32, results: i32}}, as: "f"}}))
	if err != nil {
		b.Fatal(err)
	}
	return vm, a, m
}

// BenchmarkInstance is `new WebAssembly.Instance(module, {env: {f}})` for a small module.
func BenchmarkInstance(b *testing.B) {
	vm, a, m := benchAPI(b)
	if err := vm.Set("mod", a.NewModule(m)); err != nil {
		b.Fatal(err)
	}
	prg := goja.MustCompile("bench", `new WebAssembly.Instance(mod, { env: { f: (x) => x + 1 } })`, true)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallRoundTrip is one exported-function call from JS whose Wasm calls a JS import.
func BenchmarkCallRoundTrip(b *testing.B) {
	vm, a, m := benchAPI(b)
	_ = vm.Set("mod", a.NewModule(m))
	v, err := vm.RunString(`new WebAssembly.Instance(mod, { env: { f: (x) => x + 1 } }).exports.f`)
	if err != nil {
		b.Fatal(err)
	}
	f, _ := goja.AssertFunction(v)
	arg := vm.ToValue(41)
	b.ReportAllocs()
	for b.Loop() {
		if r, err := f(goja.Undefined(), arg); err != nil || r.ToInteger() != 42 {
			b.Fatal(r, err)
		}
	}
}
