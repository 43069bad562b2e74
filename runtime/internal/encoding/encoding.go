package encoding

import (
	"reflect"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// Install defines TextEncoder, TextDecoder, atob and btoa on global (WebIDL style: writable,
// configurable, not enumerable).
func Install(vm *goja.Runtime, global *goja.Object) {
	r := newRealm(vm)
	r.installTextEncoder(global)
	r.installTextDecoder(global)
	jsutil.DefineGlobal(global, "atob", jsutil.Func(vm, "atob", 1, r.atob))
	jsutil.DefineGlobal(global, "btoa", jsutil.Func(vm, "btoa", 1, r.btoa))
}

// realm holds what the classes of one runtime share: the intrinsics captured at install time
// (so user code replacing globals cannot change behaviour) and per-encoding tables.
type realm struct {
	vm             *goja.Runtime
	uint8Array     goja.Constructor
	uint8Proto     *goja.Object
	typedArrayName goja.Callable // %TypedArray%.prototype[@@toStringTag] getter, resolved lazily
	encodings      map[string]*encodingInfo
}

func newRealm(vm *goja.Runtime) *realm {
	ctor := vm.Get("Uint8Array")
	u8, ok := goja.AssertConstructor(ctor)
	if !ok {
		panic("encoding: runtime has no Uint8Array")
	}
	proto := ctor.ToObject(vm).Get("prototype").ToObject(vm)
	return &realm{vm: vm, uint8Array: u8, uint8Proto: proto, encodings: make(map[string]*encodingInfo)}
}

// newUint8Array wraps b (not copied) in a Uint8Array made with the intrinsic constructor.
func (r *realm) newUint8Array(b []byte) goja.Value {
	o, err := r.uint8Array(nil, r.vm.ToValue(r.vm.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return o
}

var bytesType = reflect.TypeOf([]byte(nil))

// uint8ArrayBytes returns the bytes of v when v is a Uint8Array (not a Uint8ClampedArray or
// any other view), aliasing JS memory.
func (r *realm) uint8ArrayBytes(v goja.Value) ([]byte, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o.ExportType() != bytesType {
		return nil, false
	}
	if r.typedArrayName == nil {
		proto := r.uint8Proto.Prototype() // %TypedArray%.prototype
		getter, err := r.vm.RunString(`(function (p) { return Object.getOwnPropertyDescriptor(p, Symbol.toStringTag).get; })`)
		if err != nil {
			return nil, false
		}
		fn, _ := goja.AssertFunction(getter)
		g, err := fn(goja.Undefined(), proto)
		if err != nil {
			return nil, false
		}
		if r.typedArrayName, ok = goja.AssertFunction(g); !ok {
			return nil, false
		}
	}
	name, err := r.typedArrayName(o)
	if err != nil || name.String() != "Uint8Array" {
		return nil, false
	}
	var b []byte
	if err := r.vm.ExportTo(o, &b); err != nil {
		return nil, false
	}
	return b, true
}

// throwTypeError throws a TypeError with msg taken literally (goja's NewTypeError formats).
func throwTypeError(vm *goja.Runtime, msg string) {
	panic(vm.NewTypeError("%s", msg))
}

// dictionary returns v as an options dictionary object, nil for undefined/null, and throws
// TypeError for other primitives (WebIDL dictionary conversion).
func dictionary(vm *goja.Runtime, v goja.Value, what string) *goja.Object {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	o, ok := v.(*goja.Object)
	if !ok {
		throwTypeError(vm, what+" must be an object.")
	}
	return o
}

func boolMember(o *goja.Object, name string) bool {
	if o == nil {
		return false
	}
	v := o.Get(name)
	return v != nil && v.ToBoolean()
}
