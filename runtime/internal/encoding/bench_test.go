package encoding_test

import (
	"testing"

	"github.com/dop251/goja"
)

// Inputs are built in JS so they have the string representation user code would produce.
var benchInputs = []struct{ name, js string }{
	{"ascii-1KiB", `'abcdefghijklmnop'.repeat(64)`},
	// 'aé€😀' is 1+2+3+4 = 10 bytes; 102 copies + 4 ASCII bytes = 1024 bytes.
	{"mixed-1KiB", `'a\u00e9\u20ac\ud83d\ude00'.repeat(102) + 'abcd'`},
}

func benchSetup(b *testing.B, js string) (vm *goja.Runtime, str goja.Value, bytes goja.Value) {
	vm = newVM(b)
	var err error
	if str, err = vm.RunString(js); err != nil {
		b.Fatal(err)
	}
	if bytes, err = vm.RunString(`new TextEncoder().encode(` + js + `)`); err != nil {
		b.Fatal(err)
	}
	if n := bytes.ToObject(vm).Get("length").ToInteger(); n != 1024 {
		b.Fatalf("input is %d bytes, want 1024", n)
	}
	return vm, str, bytes
}

func method(b *testing.B, vm *goja.Runtime, ctor, name string) (goja.Value, goja.Callable) {
	obj, err := vm.RunString(`new ` + ctor + `()`)
	if err != nil {
		b.Fatal(err)
	}
	fn, ok := goja.AssertFunction(obj.ToObject(vm).Get(name))
	if !ok {
		b.Fatalf("%s.%s is not a function", ctor, name)
	}
	return obj, fn
}

func BenchmarkTextEncoderEncode(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			vm, str, _ := benchSetup(b, in.js)
			enc, encode := method(b, vm, "TextEncoder", "encode")
			b.SetBytes(1024)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := encode(enc, str); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTextEncoderEncodeInto(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			vm, str, _ := benchSetup(b, in.js)
			enc, encodeInto := method(b, vm, "TextEncoder", "encodeInto")
			dst, _ := vm.RunString(`new Uint8Array(4096)`)
			b.SetBytes(1024)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := encodeInto(enc, str, dst); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTextDecoderDecode(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			vm, _, bytes := benchSetup(b, in.js)
			dec, decode := method(b, vm, "TextDecoder", "decode")
			b.SetBytes(1024)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decode(dec, bytes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAtobBtoa(b *testing.B) {
	vm := newVM(b)
	data, _ := vm.RunString(`let s = ''; for (let i = 0; i < 1024; i++) s += String.fromCharCode(i & 0xff); s`)
	atob, _ := goja.AssertFunction(vm.Get("atob"))
	btoa, _ := goja.AssertFunction(vm.Get("btoa"))
	encoded, _ := btoa(goja.Undefined(), data)
	b.Run("btoa-1KiB", func(b *testing.B) {
		b.SetBytes(1024)
		b.ReportAllocs()
		for b.Loop() {
			_, _ = btoa(goja.Undefined(), data)
		}
	})
	b.Run("atob-1KiB", func(b *testing.B) {
		b.SetBytes(1024)
		b.ReportAllocs()
		for b.Loop() {
			_, _ = atob(goja.Undefined(), encoded)
		}
	})
}
