package wasm

import (
	"context"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"
)

// benchAPI installs WebAssembly in a fresh goja runtime and compiles a module that imports
// env.f (i32 → i32) and exports it again: instantiating it links a JS function, and calling
// the export goes JS → Wasm → JS.
func benchAPI(b testing.TB) (*goja.Runtime, *API, *Module) {
	ctx := context.Background()
	eng := NewEngine("")
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

// Instances JS can no longer reach are closed (their memory freed) by a cleanup; one still
// reachable keeps working, its JS imports included.
func TestUnreachableInstancesAreClosed(t *testing.T) {
	vm, a, m := benchAPI(t)
	_ = vm.Set("mod", a.NewModule(m))
	if _, err := vm.RunString(`
		for (let i = 0; i < 20; i++) new WebAssembly.Instance(mod, { env: { f: (x) => x + i } });
		globalThis.kept = new WebAssembly.Instance(mod, { env: { f: (x) => x * 2 } }).exports.f;
	`); err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := uint64(1); i <= a.eng.seq.Load(); i++ {
		if n := "instance#" + strconv.FormatUint(i, 10); a.eng.rt.Module(n) != nil {
			names = append(names, n)
		}
	}
	if len(names) != 21 {
		t.Fatalf("%d instances open before GC, want 21", len(names))
	}
	first := names[0]
	for i := 0; i < 10 && a.eng.rt.Module(first) != nil; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if a.eng.rt.Module(first) != nil {
		t.Fatal("an unreachable instance is still open after GC")
	}
	if v, err := vm.RunString(`kept(21)`); err != nil || v.ToInteger() != 42 {
		t.Fatalf("kept instance: %v %v", v, err)
	}
}
