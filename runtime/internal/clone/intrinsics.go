package clone

import (
	"math/big"
	"reflect"

	"github.com/dop251/goja"
)

// typedArrayNames are the typed array constructors goja has (no Float16Array).
var typedArrayNames = [...]string{
	"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
	"Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
}

// errorNames are the error names HTML's StructuredSerialize keeps; any other name becomes "Error".
var errorNames = [...]string{"Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"}

var (
	typeArrayBuffer  = reflect.TypeOf(goja.ArrayBuffer{})
	typePromise      = reflect.TypeOf((*goja.Promise)(nil))
	typeBigInt       = reflect.TypeOf((*big.Int)(nil))
	typeProxy        = reflect.TypeOf(goja.Proxy{})
	typeSerializable = reflect.TypeOf((*Serializable)(nil)).Elem()
)

// intrinsics are the built-ins the algorithm calls, looked up once so that user code patching
// Map.prototype.set or a typed array's buffer getter cannot change what a clone contains.
// Reading internal slots through the original built-ins is how this package follows the spec's
// [[MapData]], [[ViewedArrayBuffer]] … without access to goja's internals.
type intrinsics struct {
	vm *goja.Runtime

	objectProto *goja.Object
	plainType   reflect.Type // ExportType of an ordinary object
	mapType     reflect.Type // ExportType of a Map
	setType     reflect.Type // ExportType of a Set

	getOwnPropertyDescriptor goja.Callable
	functionToString         goja.Callable

	mapCtor    goja.Constructor
	mapForEach goja.Callable
	mapSet     goja.Callable
	setCtor    goja.Constructor
	setForEach goja.Callable
	setAdd     goja.Callable

	dateCtor    goja.Constructor
	dateGetTime goja.Callable

	regexpCtor   goja.Constructor
	regexpSource goja.Callable
	regexpFlags  goja.Callable

	numberValueOf  goja.Callable
	stringValueOf  goja.Callable
	booleanValueOf goja.Callable
	bigintValueOf  goja.Callable

	isView           goja.Callable
	typedArrayTag    goja.Callable
	typedArrayBuffer goja.Callable
	typedArrayOffset goja.Callable
	typedArrayLength goja.Callable
	typedArrayCtors  map[string]goja.Constructor

	dataViewProto  *goja.Object
	dataViewCtor   goja.Constructor
	dataViewBuffer goja.Callable
	dataViewOffset goja.Callable
	dataViewLength goja.Callable

	weakMapProto *goja.Object
	weakMapHas   goja.Callable
	weakSetProto *goja.Object
	weakSetHas   goja.Callable

	errorCtors map[string]goja.Constructor
}

// lookup reads the built-ins from the isolate's current global object.
func lookup(vm *goja.Runtime) *intrinsics {
	in := &intrinsics{vm: vm}
	obj := func(v goja.Value) *goja.Object {
		o, _ := v.(*goja.Object)
		return o
	}
	global := func(name string) *goja.Object { return obj(vm.Get(name)) }
	proto := func(ctor *goja.Object) *goja.Object {
		if ctor == nil {
			return nil
		}
		return obj(ctor.Get("prototype"))
	}
	fn := func(o *goja.Object, name string) goja.Callable {
		if o == nil {
			return nil
		}
		f, _ := goja.AssertFunction(o.Get(name))
		return f
	}
	ctor := func(o *goja.Object) goja.Constructor {
		c, _ := goja.AssertConstructor(o)
		return c
	}

	object := global("Object")
	in.objectProto = proto(object)
	in.getOwnPropertyDescriptor = fn(object, "getOwnPropertyDescriptor")
	getter := func(o *goja.Object, key goja.Value) goja.Callable {
		if o == nil || in.getOwnPropertyDescriptor == nil {
			return nil
		}
		d, err := in.getOwnPropertyDescriptor(object, o, key)
		if err != nil {
			return nil
		}
		if dobj, ok := d.(*goja.Object); ok {
			g, _ := goja.AssertFunction(dobj.Get("get"))
			return g
		}
		return nil
	}
	name := func(s string) goja.Value { return vm.ToValue(s) }

	in.plainType = vm.NewObject().ExportType()
	in.functionToString = fn(proto(global("Function")), "toString")

	mapC := global("Map")
	in.mapCtor, in.mapForEach, in.mapSet = ctor(mapC), fn(proto(mapC), "forEach"), fn(proto(mapC), "set")
	setC := global("Set")
	in.setCtor, in.setForEach, in.setAdd = ctor(setC), fn(proto(setC), "forEach"), fn(proto(setC), "add")
	if in.mapCtor != nil {
		if m, err := in.mapCtor(nil); err == nil {
			in.mapType = m.ExportType()
		}
	}
	if in.setCtor != nil {
		if s, err := in.setCtor(nil); err == nil {
			in.setType = s.ExportType()
		}
	}

	dateC := global("Date")
	in.dateCtor, in.dateGetTime = ctor(dateC), fn(proto(dateC), "getTime")
	reC := global("RegExp")
	in.regexpCtor = ctor(reC)
	in.regexpSource = getter(proto(reC), name("source"))
	in.regexpFlags = getter(proto(reC), name("flags"))

	in.numberValueOf = fn(proto(global("Number")), "valueOf")
	in.stringValueOf = fn(proto(global("String")), "valueOf")
	in.booleanValueOf = fn(proto(global("Boolean")), "valueOf")
	in.bigintValueOf = fn(proto(global("BigInt")), "valueOf")

	in.isView = fn(global("ArrayBuffer"), "isView")
	in.typedArrayCtors = make(map[string]goja.Constructor, len(typedArrayNames))
	for _, n := range typedArrayNames {
		if c := global(n); c != nil {
			in.typedArrayCtors[n] = ctor(c)
		}
	}
	if u8 := proto(global("Uint8Array")); u8 != nil {
		ta := u8.Prototype() // %TypedArray%.prototype
		in.typedArrayTag = getter(ta, goja.SymToStringTag)
		in.typedArrayBuffer = getter(ta, name("buffer"))
		in.typedArrayOffset = getter(ta, name("byteOffset"))
		in.typedArrayLength = getter(ta, name("length"))
	}
	dv := global("DataView")
	in.dataViewCtor, in.dataViewProto = ctor(dv), proto(dv)
	in.dataViewBuffer = getter(in.dataViewProto, name("buffer"))
	in.dataViewOffset = getter(in.dataViewProto, name("byteOffset"))
	in.dataViewLength = getter(in.dataViewProto, name("byteLength"))

	in.weakMapProto = proto(global("WeakMap"))
	in.weakMapHas = fn(in.weakMapProto, "has")
	in.weakSetProto = proto(global("WeakSet"))
	in.weakSetHas = fn(in.weakSetProto, "has")

	in.errorCtors = make(map[string]goja.Constructor, len(errorNames))
	for _, n := range errorNames {
		if c := global(n); c != nil {
			in.errorCtors[n] = ctor(c)
		}
	}
	return in
}

// call invokes an intrinsic, turning a JS exception into a panic (the caller runs inside a
// native function or under Runtime.Try).
func call(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := f(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// inherits reports whether proto is on o's prototype chain.
func inherits(o, proto *goja.Object) bool {
	if proto == nil {
		return false
	}
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

// brand reports whether calling the brand-checking intrinsic f on o succeeds.
func brand(f goja.Callable, o *goja.Object, args ...goja.Value) bool {
	if f == nil {
		return false
	}
	_, err := f(o, args...)
	return err == nil
}
