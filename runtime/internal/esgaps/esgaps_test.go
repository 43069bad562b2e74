package esgaps_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/esgaps"
	"github.com/edgeruntime/edge/runtime/internal/jstest"
)

// TestJS runs every testdata/*.test.js file in a fresh runtime with the gaps installed.
func TestJS(t *testing.T) {
	files, err := filepath.Glob("testdata/*.test.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".test.js"), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			vm := goja.New()
			if err := esgaps.Install(vm); err != nil {
				t.Fatal(err)
			}
			jstest.Run(t, vm, filepath.Base(f), string(src), nil)
		})
	}
}

// TestInstalled pins what the pinned goja lacks. When goja gains one of these, Installed stops
// listing it and this test says so.
func TestInstalled(t *testing.T) {
	vm := goja.New()
	got, err := esgaps.Installed(vm)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"String.prototype.isWellFormed", "String.prototype.toWellFormed",
		"Object.groupBy", "Map.groupBy", "Array.fromAsync",
		"Iterator", "Iterator.from",
		"Iterator.prototype.map", "Iterator.prototype.filter", "Iterator.prototype.take",
		"Iterator.prototype.drop", "Iterator.prototype.flatMap", "Iterator.prototype.reduce",
		"Iterator.prototype.toArray", "Iterator.prototype.forEach", "Iterator.prototype.some",
		"Iterator.prototype.every", "Iterator.prototype.find",
		"Iterator.prototype[constructor]", "Iterator.prototype[Symbol.toStringTag]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Installed = %q\nwant %q", got, want)
	}
	again, err := esgaps.Installed(vm)
	if err != nil || len(again) != 0 {
		t.Errorf("second Installed = %q, %v; want nothing", again, err)
	}
}

// TestKeepsExisting: a built-in that is already there is left alone.
func TestKeepsExisting(t *testing.T) {
	vm := goja.New()
	if _, err := vm.RunString(`
		Object.groupBy = function mine() {};
		String.prototype.isWellFormed = function mine() {};
		Array.fromAsync = function mine() {};
	`); err != nil {
		t.Fatal(err)
	}
	got, err := esgaps.Installed(vm)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Object.groupBy", "String.prototype.isWellFormed", "Array.fromAsync"} {
		if slices.Contains(got, name) {
			t.Errorf("%s was replaced", name)
		}
	}
	v, _ := vm.RunString(`[Object.groupBy.name, "".isWellFormed.name, Array.fromAsync.name].join()`)
	if v.String() != "mine,mine,mine" {
		t.Errorf("existing functions replaced: %s", v)
	}
}

// TestSymbolAsyncIterator: without the runtime's prelude, Install defines Symbol.asyncIterator
// as the prelude does, so Array.fromAsync and esbuild's helpers agree on it.
func TestSymbolAsyncIterator(t *testing.T) {
	vm := goja.New()
	if err := esgaps.Install(vm); err != nil {
		t.Fatal(err)
	}
	v, err := vm.RunString(`Symbol.asyncIterator === Symbol.for('Symbol.asyncIterator')`)
	if err != nil || !v.ToBoolean() {
		t.Fatalf("Symbol.asyncIterator not defined as Symbol.for('Symbol.asyncIterator'): %v %v", v, err)
	}
}

func BenchmarkIteratorHelpers(b *testing.B) {
	vm := goja.New()
	if err := esgaps.Install(vm); err != nil {
		b.Fatal(err)
	}
	fn, err := vm.RunString(`(function () {
		const a = Array.from({ length: 100 }, (_, i) => i);
		return () => a.values().filter((x) => x % 2).map((x) => x * 2).take(40).reduce((s, x) => s + x, 0);
	})()`)
	if err != nil {
		b.Fatal(err)
	}
	run, _ := goja.AssertFunction(fn)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGroupBy(b *testing.B) {
	vm := goja.New()
	if err := esgaps.Install(vm); err != nil {
		b.Fatal(err)
	}
	fn, err := vm.RunString(`(function () {
		const a = Array.from({ length: 100 }, (_, i) => i);
		return () => Object.groupBy(a, (x) => x % 7);
	})()`)
	if err != nil {
		b.Fatal(err)
	}
	run, _ := goja.AssertFunction(fn)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToWellFormed(b *testing.B) {
	vm := goja.New()
	if err := esgaps.Install(vm); err != nil {
		b.Fatal(err)
	}
	fn, err := vm.RunString(`(function () {
		const s = 'héllo wörld '.repeat(100) + '\uD800';
		return () => s.toWellFormed();
	})()`)
	if err != nil {
		b.Fatal(err)
	}
	run, _ := goja.AssertFunction(fn)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInstall measures Install on a runtime whose common built-ins are already
// materialized (goja builds them lazily; a real isolate's prelude and Web APIs touch them
// anyway), so it shows what esgaps itself adds to isolate start.
func BenchmarkInstall(b *testing.B) {
	b.ReportAllocs()
	warm := goja.MustCompile("warm", `[Map, WeakMap, Set, Promise, Reflect, Proxy, Symbol.iterator, Object.create, Array.from,
		Object.getPrototypeOf(function* () {}), String.prototype.at, Function.prototype.bind]`, true)
	for b.Loop() {
		b.StopTimer()
		vm := goja.New()
		if _, err := vm.RunProgram(warm); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := esgaps.Install(vm); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRuntime is the baseline for BenchmarkInstall.
func BenchmarkNewRuntime(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		goja.New()
	}
}
