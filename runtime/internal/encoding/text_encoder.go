package encoding

import (
	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// textEncoder is the Go state of a TextEncoder (https://encoding.spec.whatwg.org/#textencoder).
// It has none: the encoder is always UTF-8.
type textEncoder struct {
	jsutil.Expando
}

func (r *realm) installTextEncoder(global *goja.Object) {
	vm := r.vm
	c := jsutil.NewClass(vm, "TextEncoder", 0, func(goja.ConstructorCall) *textEncoder {
		return &textEncoder{}
	})
	utf8Name := vm.ToValue("utf-8")
	c.Getter("encoding", func(*textEncoder) goja.Value { return utf8Name })
	c.Method("encode", 0, func(_ *textEncoder, call goja.FunctionCall) goja.Value {
		in := call.Argument(0)
		if goja.IsUndefined(in) {
			return r.newUint8Array([]byte{})
		}
		return r.newUint8Array(utf8Encode(toJSString(vm, in)))
	})
	c.Method("encodeInto", 2, func(_ *textEncoder, call goja.FunctionCall) goja.Value {
		src := toJSString(vm, call.Argument(0))
		dst, ok := r.uint8ArrayBytes(call.Argument(1))
		if !ok {
			throwTypeError(vm, "Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.")
		}
		read, written := utf8EncodeInto(src, dst)
		res := vm.NewObject()
		_ = res.Set("read", read)
		_ = res.Set("written", written)
		return res
	})
	c.Install(global)
}
