package intl

import (
	"fmt"
	"time"
	_ "time/tzdata" // IANA time zones without system zoneinfo (containers, scratch images)

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// installation is the per-runtime state: the classes, caches of formatters used by the
// toLocaleString family, and loaded time zones. It is only touched on the runtime's goroutine.
type installation struct {
	vm     *goja.Runtime
	intl   *goja.Object
	nf     *jsutil.Class[*numberFormat]
	dtf    *jsutil.Class[*dateTimeFormat]
	coll   *jsutil.Class[*collator]
	plural *jsutil.Class[*pluralRules]
	rtf    *jsutil.Class[*relativeTimeFormat]

	zones   map[string]*time.Location // by canonical IANA name
	dateNow goja.Callable             // Date.now, captured at Install

	// Formatters for toLocaleString & co. called without options, by locales argument.
	numberCache   map[string]*numberFormatter
	dateCache     map[dateCacheKey]*dateFormatter
	collatorCache map[string]*collatorImpl
}

type dateCacheKey struct {
	locales  string
	defaults string // "date", "time" or "all"
}

// Install defines the global Intl namespace on global and makes Number.prototype.toLocaleString,
// BigInt.prototype.toLocaleString, Date.prototype.toLocaleString/toLocaleDateString/
// toLocaleTimeString and String.prototype.localeCompare use it. It must run on the goroutine
// that owns vm, before user code.
func Install(vm *goja.Runtime, global *goja.Object) error {
	in := &installation{
		vm:            vm,
		zones:         map[string]*time.Location{},
		numberCache:   map[string]*numberFormatter{},
		dateCache:     map[dateCacheKey]*dateFormatter{},
		collatorCache: map[string]*collatorImpl{},
	}
	if date, ok := vm.Get("Date").(*goja.Object); ok {
		in.dateNow, _ = goja.AssertFunction(date.Get("now"))
	}
	if in.dateNow == nil {
		return fmt.Errorf("intl: no Date.now")
	}
	in.intl = vm.NewObject()
	_ = in.intl.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	defineMethod(vm, in.intl, "getCanonicalLocales", 1, func(call goja.FunctionCall) goja.Value {
		tags := in.canonicalizeLocaleList(call.Argument(0))
		out := make([]any, len(tags))
		for i, t := range tags {
			out[i] = t.String()
		}
		return vm.NewArray(out...)
	})
	defineMethod(vm, in.intl, "supportedValuesOf", 1, in.supportedValuesOf)

	// The inventory of Intl, in the order V8 lists it.
	for _, install := range []struct {
		name string
		fn   func() *goja.Object
	}{
		{"DateTimeFormat", in.installDateTimeFormat},
		{"NumberFormat", in.installNumberFormat},
		{"Collator", in.installCollator},
		{"PluralRules", in.installPluralRules},
		{"RelativeTimeFormat", in.installRelativeTimeFormat},
	} {
		jsutil.DefineGlobal(in.intl, install.name, install.fn())
	}
	jsutil.DefineGlobal(global, "Intl", in.intl)
	if err := in.installLocaleMethods(); err != nil {
		return fmt.Errorf("intl: %w", err)
	}
	return nil
}

// defineMethod defines a built-in method: writable, configurable, not enumerable (ECMA-262 §18).
func defineMethod(vm *goja.Runtime, o *goja.Object, name string, length int, fn func(goja.FunctionCall) goja.Value) {
	_ = o.DefineDataProperty(name, jsutil.Func(vm, name, length, fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// newClass creates an Intl constructor on top of jsutil.Class. ECMA-402 constructors differ
// from WebIDL ones: NumberFormat, DateTimeFormat and Collator may be called without new
// (callable is true), and all methods are non-enumerable. construct receives the call and
// returns the instance state.
func newClass[T goja.DynamicObject](in *installation, name string, callable bool, construct func(call goja.ConstructorCall) T) *jsutil.Class[T] {
	vm := in.vm
	c := jsutil.NewClass[T](vm, name, 0, nil)
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		proto := c.Proto
		if p := call.This.Prototype(); p != nil && inherits(call.This, c.Proto) {
			proto = p
		} else if !callable {
			// Deviation: goja gives native constructors no new.target; a bare call in strict code
			// gets a fresh instance and cannot be told from new.
			panic(vm.NewTypeError("Constructor Intl." + name + " requires 'new'"))
		}
		state := construct(call)
		o := vm.NewDynamicObject(state)
		o.SetPrototype(proto)
		return o
	}).(*goja.Object)
	_ = ctor.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("length", vm.ToValue(0), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("prototype", c.Proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = c.Proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = c.Proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl."+name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	c.Ctor = ctor
	return c
}

func inherits(o, proto *goja.Object) bool {
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

// method defines a non-enumerable prototype method with a brand check that names the method
// the way V8 does ("Method Intl.NumberFormat.prototype.formatToParts called on incompatible
// receiver …").
func method[T goja.DynamicObject](c *jsutil.Class[T], name string, length int, fn func(this T, call goja.FunctionCall) goja.Value) {
	vm := c.VM
	f := jsutil.Func(vm, name, length, func(call goja.FunctionCall) goja.Value {
		t, ok := c.Unwrap(call.This)
		if !ok {
			panic(vm.NewTypeError("Method Intl.%s.prototype.%s called on incompatible receiver %s", c.Name, name, describe(call.This)))
		}
		return fn(t, call)
	})
	_ = c.Proto.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// boundGetter defines the accessor that returns a function bound to the instance (format of
// NumberFormat and DateTimeFormat, compare of Collator), created once per instance.
func boundGetter[T goja.DynamicObject](c *jsutil.Class[T], name, unwrapName string, bound func(this T) **goja.Object, make func(this T) *goja.Object) {
	vm := c.VM
	g := jsutil.Func(vm, "get "+name, 0, func(call goja.FunctionCall) goja.Value {
		t, ok := c.Unwrap(call.This)
		if !ok {
			panic(vm.NewTypeError("Method %s called on incompatible receiver %s", unwrapName, describe(call.This)))
		}
		slot := bound(t)
		if *slot == nil {
			*slot = make(t)
		}
		return *slot
	})
	_ = c.Proto.DefineAccessorProperty(name, g, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// describe renders a receiver for TypeError messages.
func describe(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if o, ok := v.(*goja.Object); ok {
		if o.ClassName() == "Function" {
			return "function"
		}
		return "#<" + className(o) + ">"
	}
	if _, ok := v.Export().(string); ok {
		return v.String()
	}
	return v.String()
}

func className(o *goja.Object) string {
	if c, ok := o.Get("constructor").(*goja.Object); ok {
		if n := c.Get("name"); n != nil && n.String() != "" {
			return n.String()
		}
	}
	return "Object"
}

// newObject returns a plain object whose data properties are set in order.
func newObject(vm *goja.Runtime, kv ...any) *goja.Object {
	o := vm.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		_ = o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// supportedLocalesOf defines the static supportedLocalesOf of an Intl constructor.
func (in *installation) supportedLocalesOf(ctor *goja.Object, svc *service) {
	vm := in.vm
	_ = ctor.DefineDataProperty("supportedLocalesOf", jsutil.Func(vm, "supportedLocalesOf", 1, func(call goja.FunctionCall) goja.Value {
		tags := in.canonicalizeLocaleList(call.Argument(0))
		opts := coerceOptions(vm, call.Argument(1), "Intl.supportedLocalesOf")
		opts.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
		list := svc.supportedLocales(tags)
		out := make([]any, len(list))
		for i, s := range list {
			out[i] = s
		}
		return vm.NewArray(out...)
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// supportedValuesOf is Intl.supportedValuesOf (ECMA-402 §8.3.2) over what edge supports.
func (in *installation) supportedValuesOf(call goja.FunctionCall) goja.Value {
	vm := in.vm
	key := call.Argument(0).String()
	var list []string
	switch key {
	case "calendar":
		list = []string{"gregory", "iso8601"}
	case "collation":
		list = []string{"default"}[:0]
	case "currency":
		list = currencyCodes()
	case "numberingSystem":
		list = []string{"latn"}
	case "timeZone":
		list = canonicalZoneNames()
	case "unit":
		list = sanctionedUnits()
	default:
		throwRange(vm, "Invalid key : "+key)
	}
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return vm.NewArray(out...)
}
