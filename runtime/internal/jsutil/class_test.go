package jsutil_test

import (
	"os"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jstest"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

type thing struct {
	jsutil.Expando
	v string
}

func TestClass(t *testing.T) {
	vm := goja.New()
	g := vm.GlobalObject()
	c := jsutil.NewClass(vm, "Thing", 1, func(call goja.ConstructorCall) *thing {
		return &thing{v: call.Argument(0).String()}
	})
	c.Getter("value", func(x *thing) goja.Value { return vm.ToValue(x.v) })
	c.Method("twice", 0, func(x *thing, call goja.FunctionCall) goja.Value { return vm.ToValue(x.v + x.v) })
	c.Static("make", 1, func(call goja.FunctionCall) goja.Value {
		s := call.Argument(0).String()
		if s == "%d %s" {
			jsutil.Throw(vm, "TypeError", "bad value "+s)
		}
		return c.Wrap(&thing{v: s})
	})
	c.Install(g)
	jsutil.NewClass[*thing](vm, "Hidden", 0, nil).Install(g)
	src, err := os.ReadFile("testdata/class.test.js")
	if err != nil {
		t.Fatal(err)
	}
	jstest.Run(t, vm, "class.test.js", string(src), nil)
}

func TestBytes(t *testing.T) {
	vm := goja.New()
	cases := map[string]string{
		"new Uint8Array([1,2,3])":                            "\x01\x02\x03",
		"new Uint8Array([9,1,2,3,9]).subarray(1,4)":          "\x01\x02\x03",
		"new Uint16Array([0x0201])":                          "\x01\x02",
		"new DataView(new Uint8Array([7,1,2,7]).buffer,1,2)": "\x01\x02",
		"new Uint8Array([5,6]).buffer":                       "\x05\x06",
	}
	for expr, want := range cases {
		v, err := vm.RunString(expr)
		if err != nil {
			t.Fatal(err)
		}
		b, ok := jsutil.Bytes(vm, v)
		if !ok || string(b) != want {
			t.Errorf("%s: %q %v", expr, b, ok)
		}
	}
	for _, expr := range []string{"[1,2,3]", "'abc'", "({length: 2})", "null"} {
		v, _ := vm.RunString(expr)
		if _, ok := jsutil.Bytes(vm, v); ok {
			t.Errorf("%s: accepted as bytes", expr)
		}
	}
}
