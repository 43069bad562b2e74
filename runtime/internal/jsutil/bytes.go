package jsutil

import (
	"reflect"

	"github.com/dop251/goja"
)

// Bytes returns the bytes viewed by an ArrayBuffer or ArrayBufferView (typed array or DataView)
// without copying: the slice aliases JS memory and is only valid while JS cannot run.
// ok is false for any other value.
func Bytes(vm *goja.Runtime, v goja.Value) (b []byte, ok bool) {
	o, isObj := v.(*goja.Object)
	if !isObj {
		return nil, false
	}
	if ab, isAB := o.Export().(goja.ArrayBuffer); isAB {
		return ab.Bytes(), true
	}
	if t := o.ExportType(); t != nil && t.Kind() == reflect.Slice {
		switch t.Elem().Kind() {
		case reflect.Uint8, reflect.Int8, reflect.Uint16, reflect.Int16, reflect.Uint32, reflect.Int32,
			reflect.Float32, reflect.Float64, reflect.Int64, reflect.Uint64:
			// A typed array: ExportTo []byte aliases its bytes.
			if err := vm.ExportTo(o, &b); err == nil {
				return b, true
			}
		}
	}
	if isView(vm, o) { // DataView
		return viewBytes(vm, o)
	}
	return nil, false
}

func isView(vm *goja.Runtime, o *goja.Object) bool {
	ab := vm.Get("ArrayBuffer").ToObject(vm)
	isView, _ := goja.AssertFunction(ab.Get("isView"))
	r, err := isView(ab, o)
	return err == nil && r.ToBoolean()
}

func viewBytes(vm *goja.Runtime, o *goja.Object) ([]byte, bool) {
	buf, ok := o.Get("buffer").Export().(goja.ArrayBuffer)
	if !ok {
		return nil, false
	}
	off := o.Get("byteOffset").ToInteger()
	n := o.Get("byteLength").ToInteger()
	all := buf.Bytes()
	if off < 0 || n < 0 || off+n > int64(len(all)) {
		return nil, false
	}
	return all[off : off+n : off+n], true
}

// NewUint8Array returns a Uint8Array over b (b is not copied: JS sees and may change it).
func NewUint8Array(vm *goja.Runtime, b []byte) *goja.Object {
	ctor, _ := goja.AssertConstructor(vm.Get("Uint8Array"))
	o, err := ctor(nil, vm.ToValue(vm.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return o
}

// NewArrayBuffer returns an ArrayBuffer over b (not copied).
func NewArrayBuffer(vm *goja.Runtime, b []byte) goja.Value {
	return vm.ToValue(vm.NewArrayBuffer(b))
}
