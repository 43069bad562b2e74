package jsutil

import (
	"github.com/dop251/goja"
)

// Throw panics with a new instance of the named global error class (TypeError, RangeError,
// SyntaxError, Error …). Host functions called from JS use it to throw; goja turns the panic
// into a JS exception.
func Throw(vm *goja.Runtime, class, msg string) {
	panic(NewError(vm, class, msg))
}

// NewError builds an instance of the named global error class.
func NewError(vm *goja.Runtime, class, msg string) *goja.Object {
	if class == "TypeError" {
		return vm.NewTypeError("%s", msg) // NewTypeError formats; msg may contain '%'
	}
	ctor, ok := goja.AssertConstructor(vm.Get(class))
	if !ok {
		return vm.NewGoError(&stringError{msg})
	}
	o, err := ctor(nil, vm.ToValue(msg))
	if err != nil {
		return vm.NewGoError(err)
	}
	return o
}

// NewDOMException builds a DOMException with the given name (e.g. "AbortError"), or a plain
// Error carrying that name when the isolate has no DOMException class installed.
func NewDOMException(vm *goja.Runtime, name, msg string) *goja.Object {
	if ctor, ok := goja.AssertConstructor(vm.Get("DOMException")); ok {
		if o, err := ctor(nil, vm.ToValue(msg), vm.ToValue(name)); err == nil {
			return o
		}
	}
	o := NewError(vm, "Error", msg)
	_ = o.Set("name", name)
	return o
}

type stringError struct{ s string }

func (e *stringError) Error() string { return e.s }
