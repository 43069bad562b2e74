package clone_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/clone"
	"github.com/edgeruntime/edge/runtime/internal/dom"
	"github.com/edgeruntime/edge/runtime/internal/jstest"
)

// newVM installs structuredClone next to DOMException (whose DataCloneError it throws) and
// the Event classes used as examples of host objects.
func newVM() *goja.Runtime {
	vm := goja.New()
	dom.Install(vm, vm.GlobalObject(), nil)
	clone.Install(vm, vm.GlobalObject())
	return vm
}

func TestJS(t *testing.T) {
	src, err := os.ReadFile("testdata/structured_clone.test.js")
	if err != nil {
		t.Fatal(err)
	}
	jstest.Run(t, newVM(), "structured_clone.test.js", string(src), nil)
}

func TestCloneFromGo(t *testing.T) {
	vm := newVM()
	v, err := vm.RunString(`({a: [1, {b: 2}], m: new Map([[1, 'x']])})`)
	if err != nil {
		t.Fatal(err)
	}
	c, err := clone.Clone(vm, v)
	if err != nil {
		t.Fatal(err)
	}
	if c == v {
		t.Fatal("Clone returned its argument")
	}
	_ = vm.Set("orig", v)
	_ = vm.Set("copy", c)
	if got, _ := vm.RunString(`copy.a[1].b === 2 && copy.m.get(1) === 'x' && copy.a !== orig.a`); !got.ToBoolean() {
		t.Fatal("clone content differs")
	}

	fn, _ := vm.RunString(`({f: function named() {}})`)
	_, err = clone.Clone(vm, fn)
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		t.Fatalf("err = %v", err)
	}
	e := ex.Value().(*goja.Object)
	if e.Get("name").String() != "DataCloneError" || e.Get("message").String() != "function named() {} could not be cloned." {
		t.Fatalf("error %v: %v", e.Get("name"), e.Get("message"))
	}

	// Without DOMException installed the error is a plain Error named DataCloneError.
	bare := goja.New()
	sym, _ := bare.RunString(`Symbol('q')`)
	_, err = clone.Clone(bare, sym)
	if !errors.As(err, &ex) || !strings.Contains(ex.Value().String(), "Symbol(q) could not be cloned.") {
		t.Fatalf("err = %v", err)
	}
}

// nested builds a 100-key object whose values mix primitives, arrays and nested objects.
const nested = `(function () {
	const o = {};
	for (let i = 0; i < 100; i++) {
		switch (i % 4) {
		case 0: o['k' + i] = i; break;
		case 1: o['k' + i] = 'value ' + i; break;
		case 2: o['k' + i] = [i, i + 1, { deep: true, n: i }]; break;
		default: o['k' + i] = { id: i, name: 'n' + i, tags: ['a', 'b'], nested: { x: i, y: null } };
		}
	}
	return o;
})()`

func BenchmarkClone100Keys(b *testing.B) {
	vm := newVM()
	v, err := vm.RunString(nested)
	if err != nil {
		b.Fatal(err)
	}
	c := clone.New(vm)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Clone(v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStructuredCloneJS(b *testing.B) {
	vm := newVM()
	if _, err := vm.RunString(`var value = ` + nested); err != nil {
		b.Fatal(err)
	}
	prog := goja.MustCompile("bench.js", `structuredClone(value)`, false)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := vm.RunProgram(prog); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleClone() {
	vm := goja.New()
	v, _ := vm.RunString(`({when: new Date(0), tags: new Set(['a'])})`)
	c, err := clone.Clone(vm, v)
	fmt.Println(err, c.(*goja.Object).Get("when").(*goja.Object).ClassName())
	// Output: <nil> Date
}
