package jsutil

import (
	"reflect"

	"github.com/dop251/goja"
)

// Expando stores the own properties that user code adds to a host object, in insertion order.
// Embed it in the Go state of a class to satisfy goja.DynamicObject.
type Expando struct {
	keys []string
	vals map[string]goja.Value
}

// Get implements goja.DynamicObject.
func (e *Expando) Get(key string) goja.Value {
	if e.vals == nil {
		return nil
	}
	return e.vals[key]
}

// Set implements goja.DynamicObject.
func (e *Expando) Set(key string, val goja.Value) bool {
	if e.vals == nil {
		e.vals = make(map[string]goja.Value, 4)
	}
	if _, ok := e.vals[key]; !ok {
		e.keys = append(e.keys, key)
	}
	e.vals[key] = val
	return true
}

// Has implements goja.DynamicObject.
func (e *Expando) Has(key string) bool {
	_, ok := e.vals[key]
	return ok
}

// Delete implements goja.DynamicObject.
func (e *Expando) Delete(key string) bool {
	if _, ok := e.vals[key]; !ok {
		return true
	}
	delete(e.vals, key)
	for i, k := range e.keys {
		if k == key {
			e.keys = append(e.keys[:i], e.keys[i+1:]...)
			break
		}
	}
	return true
}

// Keys implements goja.DynamicObject.
func (e *Expando) Keys() []string {
	return append([]string(nil), e.keys...)
}

// Class is a JS class implemented in Go. T is the Go state of an instance (a pointer type that
// embeds Expando). Methods and accessors live on Proto; instances carry no own properties.
type Class[T goja.DynamicObject] struct {
	VM    *goja.Runtime
	Name  string
	Ctor  *goja.Object
	Proto *goja.Object

	stateType reflect.Type
}

// NewClass creates the constructor and prototype. construct builds the Go state for `new Name(...)`;
// when it is nil the constructor throws TypeError "Illegal constructor", as WebIDL interfaces without
// a constructor do. Subclassing works: instances get new.target's prototype.
func NewClass[T goja.DynamicObject](vm *goja.Runtime, name string, length int, construct func(call goja.ConstructorCall) T) *Class[T] {
	c := &Class[T]{VM: vm, Name: name, stateType: reflect.TypeFor[T]()}
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		if construct == nil {
			panic(vm.NewTypeError("Illegal constructor"))
		}
		if !inherits(call.This, c.Proto) {
			// Deviation: goja gives native constructors no new.target, so a bare call in strict
			// code (which gets a fresh instance) cannot be told from `new`; calls with some other
			// `this` (sloppy code, X.call(obj)) are caught here.
			panic(vm.NewTypeError("Failed to construct '" + name + "': Please use the 'new' operator, this object constructor cannot be called as a function."))
		}
		state := construct(call)
		o := vm.NewDynamicObject(state)
		if p := call.This.Prototype(); p != nil {
			o.SetPrototype(p)
		} else {
			o.SetPrototype(c.Proto)
		}
		bindObject(state, o)
		return o
	}).(*goja.Object)
	setNameLength(ctor, vm, name, length)
	proto := vm.NewObject()
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	c.Ctor, c.Proto = ctor, proto
	return c
}

// Wrap returns a new JS instance for state.
func (c *Class[T]) Wrap(state T) *goja.Object {
	o := c.VM.NewDynamicObject(state)
	o.SetPrototype(c.Proto)
	bindObject(state, o)
	return o
}

// ObjectBinder is implemented by Go state that needs its own JS object, e.g. to fire events
// at it; Wrap and the constructor call BindObject once the object exists.
type ObjectBinder interface{ BindObject(o *goja.Object) }

func bindObject(state any, o *goja.Object) {
	if b, ok := state.(ObjectBinder); ok {
		b.BindObject(o)
	}
}

// Unwrap returns the Go state behind v, if v is an instance of this class (or a subclass).
func (c *Class[T]) Unwrap(v goja.Value) (T, bool) {
	var zero T
	o, ok := v.(*goja.Object)
	// ExportType is cheap; Export on a plain object would copy it and run its getters.
	if !ok || o.ExportType() != c.stateType {
		return zero, false
	}
	t, ok := o.Export().(T)
	return t, ok
}

// This is the brand check for methods: it returns the receiver's state or throws TypeError.
func (c *Class[T]) This(v goja.Value) T {
	t, ok := c.Unwrap(v)
	if !ok {
		panic(c.VM.NewTypeError("Illegal invocation"))
	}
	return t
}

// Method defines a prototype method: writable, configurable and enumerable, as WebIDL operations
// are. (goja's flag order is writable, configurable, enumerable.)
func (c *Class[T]) Method(name string, length int, fn func(this T, call goja.FunctionCall) goja.Value) {
	f := c.VM.ToValue(func(call goja.FunctionCall) goja.Value {
		return fn(c.This(call.This), call)
	}).(*goja.Object)
	setNameLength(f, c.VM, name, length)
	_ = c.Proto.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// MethodSymbol defines a prototype method under a symbol key (e.g. Symbol.iterator).
func (c *Class[T]) MethodSymbol(sym *goja.Symbol, name string, fn func(this T, call goja.FunctionCall) goja.Value) {
	f := c.VM.ToValue(func(call goja.FunctionCall) goja.Value {
		return fn(c.This(call.This), call)
	}).(*goja.Object)
	setNameLength(f, c.VM, name, 0)
	_ = c.Proto.DefineDataPropertySymbol(sym, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// Alias makes Proto[alias] the same function object as Proto[name] (e.g. entries/@@iterator).
func (c *Class[T]) AliasSymbol(sym *goja.Symbol, name string) {
	_ = c.Proto.DefineDataPropertySymbol(sym, c.Proto.Get(name), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// Getter defines a read-only prototype accessor.
func (c *Class[T]) Getter(name string, get func(this T) goja.Value) {
	c.Accessor(name, get, nil)
}

// Accessor defines a prototype accessor; set may be nil for read-only attributes.
func (c *Class[T]) Accessor(name string, get func(this T) goja.Value, set func(this T, v goja.Value)) {
	g := c.VM.ToValue(func(call goja.FunctionCall) goja.Value {
		return get(c.This(call.This))
	}).(*goja.Object)
	setNameLength(g, c.VM, "get "+name, 0)
	var s goja.Value
	if set != nil {
		sf := c.VM.ToValue(func(call goja.FunctionCall) goja.Value {
			set(c.This(call.This), call.Argument(0))
			return goja.Undefined()
		}).(*goja.Object)
		setNameLength(sf, c.VM, "set "+name, 1)
		s = sf
	}
	_ = c.Proto.DefineAccessorProperty(name, g, s, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// Static defines a static method on the constructor.
func (c *Class[T]) Static(name string, length int, fn func(call goja.FunctionCall) goja.Value) {
	f := c.VM.ToValue(fn).(*goja.Object)
	setNameLength(f, c.VM, name, length)
	_ = c.Ctor.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// Install puts the constructor on obj (usually the global object) the way WebIDL does:
// writable, configurable, not enumerable.
func (c *Class[T]) Install(obj *goja.Object) {
	_ = obj.DefineDataProperty(c.Name, c.Ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// Func makes a native function with a proper name and length.
func Func(vm *goja.Runtime, name string, length int, fn func(call goja.FunctionCall) goja.Value) *goja.Object {
	f := vm.ToValue(fn).(*goja.Object)
	setNameLength(f, vm, name, length)
	return f
}

// DefineGlobal installs a non-enumerable, writable, configurable property, as WebIDL globals are.
func DefineGlobal(obj *goja.Object, name string, v goja.Value) {
	_ = obj.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// inherits reports whether proto is on o's prototype chain.
func inherits(o, proto *goja.Object) bool {
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

func setNameLength(f *goja.Object, vm *goja.Runtime, name string, length int) {
	_ = f.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}
