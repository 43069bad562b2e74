package intl

import (
	"math"
	"slices"
	"strconv"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// The option readers follow ECMA-402 §9.2.12–9.2.15 (GetOption, GetBooleanOrStringNumberFormatOption,
// DefaultNumberOption, GetNumberOption) with V8's error messages.

func isObject(v goja.Value) bool {
	_, ok := v.(*goja.Object)
	return ok
}

func isUndefined(v goja.Value) bool {
	return v == nil || goja.IsUndefined(v)
}

func throwRange(vm *goja.Runtime, msg string) {
	jsutil.Throw(vm, "RangeError", msg)
}

func toLength(v goja.Value) int64 {
	if isUndefined(v) {
		return 0
	}
	f := v.ToFloat()
	if math.IsNaN(f) || f <= 0 {
		return 0
	}
	return int64(math.Min(f, 1<<53-1))
}

func hasProperty(vm *goja.Runtime, o *goja.Object, key string) bool {
	has, ok := goja.AssertFunction(vm.Get("Reflect").ToObject(vm).Get("has"))
	if !ok {
		return o.Get(key) != nil
	}
	r, err := has(goja.Undefined(), o, vm.ToValue(key))
	if err != nil {
		panic(err)
	}
	return r.ToBoolean()
}

// options reads one Intl constructor's options object. class is the constructor name for
// error messages ("Intl.NumberFormat").
type options struct {
	vm    *goja.Runtime
	obj   *goja.Object // nil when options was undefined
	class string
}

// coerceOptions is CoerceOptionsToObject (undefined → no options, otherwise ToObject).
func coerceOptions(vm *goja.Runtime, v goja.Value, class string) options {
	if isUndefined(v) {
		return options{vm: vm, class: class}
	}
	if goja.IsNull(v) {
		panic(vm.NewTypeError("Cannot convert undefined or null to object"))
	}
	return options{vm: vm, obj: v.ToObject(vm), class: class}
}

func (o options) get(name string) goja.Value {
	if o.obj == nil {
		return goja.Undefined()
	}
	v := o.obj.Get(name)
	if v == nil {
		return goja.Undefined()
	}
	return v
}

func (o options) toString(v goja.Value) string {
	if _, isSym := v.(*goja.Symbol); isSym {
		panic(o.vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.String()
}

// str is GetOption(options, name, string, allowed, fallback); ok is false when the option was
// undefined (and fallback returned).
func (o options) str(name string, allowed []string, fallback string) (string, bool) {
	v := o.get(name)
	if isUndefined(v) {
		return fallback, false
	}
	s := o.toString(v)
	if allowed != nil && !slices.Contains(allowed, s) {
		throwRange(o.vm, "Value "+s+" out of range for "+o.class+" options property "+name)
	}
	return s, true
}

// boolean is GetOption(options, name, boolean, empty, undefined): set is false when undefined.
func (o options) boolean(name string) (value, set bool) {
	v := o.get(name)
	if isUndefined(v) {
		return false, false
	}
	return v.ToBoolean(), true
}

// number is GetNumberOption: undefined → fallback (set false); otherwise an integer in
// [min, max] or a RangeError.
func (o options) number(name string, min, max, fallback int) (int, bool) {
	return o.defaultNumber(o.get(name), name, min, max, fallback)
}

// defaultNumber is DefaultNumberOption.
func (o options) defaultNumber(v goja.Value, name string, min, max, fallback int) (int, bool) {
	if isUndefined(v) {
		return fallback, false
	}
	f := v.ToFloat()
	if math.IsNaN(f) || f < float64(min) || f > float64(max) {
		throwRange(o.vm, name+" value is out of range.")
	}
	return int(math.Floor(f)), true
}

// stringOrBoolean is GetBooleanOrStringNumberFormatOption (useGrouping): true → trueValue,
// falsy → "false", strings must be in allowed.
func (o options) stringOrBoolean(name string, allowed []string, trueValue, fallback string) string {
	v := o.get(name)
	if isUndefined(v) {
		return fallback
	}
	if b, ok := v.Export().(bool); ok {
		if b {
			return trueValue
		}
		return "false"
	}
	if !v.ToBoolean() {
		return "false"
	}
	s := o.toString(v)
	if s == "true" || s == "false" {
		return fallback
	}
	if !slices.Contains(allowed, s) {
		throwRange(o.vm, "Value "+s+" out of range for "+o.class+" options property "+name)
	}
	return s
}

func itoa(i int) string { return strconv.Itoa(i) }
