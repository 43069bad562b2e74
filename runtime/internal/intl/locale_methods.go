package intl

import (
	"errors"
	"math"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// installLocaleMethods replaces the locale-sensitive built-ins ECMA-402 redefines
// (§19–§21): they behave as if they created an Intl object with the same arguments.
func (in *installation) installLocaleMethods() error {
	vm := in.vm
	proto := func(ctor string) (*goja.Object, error) {
		c, ok := vm.Get(ctor).(*goja.Object)
		if !ok {
			return nil, errors.New("no " + ctor)
		}
		p, ok := c.Get("prototype").(*goja.Object)
		if !ok {
			return nil, errors.New("no " + ctor + ".prototype")
		}
		return p, nil
	}
	valueOf := func(p *goja.Object) (goja.Callable, error) {
		f, ok := goja.AssertFunction(p.Get("valueOf"))
		if !ok {
			return nil, errors.New("no valueOf")
		}
		return f, nil
	}

	numberProto, err := proto("Number")
	if err != nil {
		return err
	}
	numberValueOf, err := valueOf(numberProto)
	if err != nil {
		return err
	}
	defineMethod(vm, numberProto, "toLocaleString", 0, func(call goja.FunctionCall) goja.Value {
		x, err := numberValueOf(call.This) // thisNumberValue: TypeError for anything else
		if err != nil {
			panic(err)
		}
		f := in.numberFormatterFor(call.Argument(0), call.Argument(1))
		return vm.ToValue(in.formatNumber(f, x, false).b.String())
	})

	if bigProto, err := proto("BigInt"); err == nil {
		bigValueOf, err := valueOf(bigProto)
		if err != nil {
			return err
		}
		defineMethod(vm, bigProto, "toLocaleString", 0, func(call goja.FunctionCall) goja.Value {
			x, err := bigValueOf(call.This)
			if err != nil {
				panic(err)
			}
			f := in.numberFormatterFor(call.Argument(0), call.Argument(1))
			return vm.ToValue(in.formatNumber(f, x, false).b.String())
		})
	}

	dateProto, err := proto("Date")
	if err != nil {
		return err
	}
	getTime, ok := goja.AssertFunction(dateProto.Get("getTime"))
	if !ok {
		return errors.New("no Date.prototype.getTime")
	}
	for _, m := range []struct{ name, required, defaults string }{
		{"toLocaleString", "any", "all"},
		{"toLocaleDateString", "date", "date"},
		{"toLocaleTimeString", "time", "time"},
	} {
		defineMethod(vm, dateProto, m.name, 0, func(call goja.FunctionCall) goja.Value {
			t, err := getTime(call.This) // thisTimeValue: TypeError for non-dates
			if err != nil {
				panic(err)
			}
			tv := t.ToFloat()
			if math.IsNaN(tv) {
				return vm.ToValue("Invalid Date")
			}
			f := in.dateFormatterFor(call.Argument(0), call.Argument(1), m.required, m.defaults)
			return vm.ToValue(f.formatString(tv))
		})
	}

	stringProto, err := proto("String")
	if err != nil {
		return err
	}
	defineMethod(vm, stringProto, "localeCompare", 1, func(call goja.FunctionCall) goja.Value {
		this := call.This
		if this == nil || goja.IsUndefined(this) || goja.IsNull(this) {
			panic(vm.NewTypeError("String.prototype.localeCompare called on null or undefined"))
		}
		s := toStringValue(vm, this)
		that := toStringValue(vm, call.Argument(0))
		c := in.collatorFor(call.Argument(1), call.Argument(2))
		return vm.ToValue(c.compare(s, that))
	})
	return nil
}

// toStringValue is ToString (symbols throw).
func toStringValue(vm *goja.Runtime, v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		jsutil.Throw(vm, "TypeError", "Cannot convert a Symbol value to a string")
	}
	return v.String()
}
