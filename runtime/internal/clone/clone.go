package clone

import (
	"reflect"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// Serializable is implemented by the Go state of host objects that HTML marks [Serializable]
// (DOMException). Clone calls CloneFor to copy them instead of throwing DataCloneError; other
// host objects (Request, Response, …) cannot be cloned, as in workerd.
type Serializable interface {
	CloneFor(vm *goja.Runtime) (*goja.Object, error)
}

// Cloner clones values of one isolate with the built-ins it captured when it was made.
type Cloner struct {
	in *intrinsics
}

// New captures the isolate's built-ins (Map.prototype.forEach, typed array getters, …) so
// that later changes to them by user code do not affect cloning. Call it before user code runs.
func New(vm *goja.Runtime) *Cloner {
	return &Cloner{in: lookup(vm)}
}

// Install defines structuredClone(value, {transfer}) on global.
func Install(vm *goja.Runtime, global *goja.Object) {
	c := New(vm)
	jsutil.DefineGlobal(global, "structuredClone", jsutil.Func(vm, "structuredClone", 1, func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) < 1 {
			panic(vm.NewTypeError("Failed to execute 'structuredClone': 1 argument required, but only 0 present."))
		}
		var transfer []goja.Value
		if opts := call.Argument(1); !goja.IsUndefined(opts) && !goja.IsNull(opts) {
			o, ok := opts.(*goja.Object)
			if !ok {
				panic(vm.NewTypeError("Failed to execute 'structuredClone': The provided value is not of type 'StructuredSerializeOptions'."))
			}
			if t := o.Get("transfer"); t != nil && !goja.IsUndefined(t) {
				vm.ForOf(t, func(v goja.Value) bool {
					transfer = append(transfer, v)
					return true
				})
			}
		}
		return c.clone(call.Arguments[0], transfer)
	}))
}

// Clone returns a structured clone of v for Go callers. The error is a *goja.Exception whose
// value is the DataCloneError DOMException (or whatever a getter threw). Uncatchable errors
// (an interrupt inside a getter) propagate as panics, as from any goja call. Clone looks the
// built-ins up on every call; keep a Cloner from New for repeated use.
func Clone(vm *goja.Runtime, v goja.Value) (goja.Value, error) {
	return New(vm).Clone(v)
}

// Clone is structuredClone(v) without a transfer list; see the package function Clone.
func (c *Cloner) Clone(v goja.Value) (res goja.Value, err error) {
	if ex := c.in.vm.Try(func() { res = c.clone(v, nil) }); ex != nil {
		return nil, ex
	}
	return res, nil
}

// clone is HTML StructuredSerializeWithTransfer followed by StructuredDeserializeWithTransfer,
// done in one pass: each source object is copied as it is reached. It panics with the JS
// exception on failure.
func (c *Cloner) clone(v goja.Value, transfer []goja.Value) goja.Value {
	s := &state{in: c.in, vm: c.in.vm}
	var detach []goja.ArrayBuffer
	for _, t := range transfer {
		ab, abObj := s.transferable(t)
		if _, dup := s.memo[abObj]; dup {
			continue // workerd ignores repeated entries
		}
		if ab.Detached() {
			s.fail("An ArrayBuffer is detached and could not be cloned.")
		}
		// The new buffer takes over the bytes; the source is detached only once the whole
		// value has been cloned, so a failed clone leaves it intact.
		s.remember(abObj, c.in.vm.ToValue(c.in.vm.NewArrayBuffer(ab.Bytes())))
		detach = append(detach, ab)
	}
	res := s.value(v)
	for _, ab := range detach {
		ab.Detach()
	}
	return res
}

// state is one clone operation: the memory map from source objects to their copies, which
// preserves shared references and cycles.
type state struct {
	in   *intrinsics
	vm   *goja.Runtime
	memo map[*goja.Object]goja.Value
}

func (s *state) remember(src *goja.Object, dst goja.Value) {
	if s.memo == nil {
		s.memo = make(map[*goja.Object]goja.Value)
	}
	s.memo[src] = dst
}

// fail throws a DataCloneError DOMException.
func (s *state) fail(msg string) {
	panic(jsutil.NewDOMException(s.vm, "DataCloneError", msg))
}

// transferable resolves a transfer list entry to its ArrayBuffer. Like workerd, a typed array
// or DataView stands for its buffer, and anything else is a TypeError.
func (s *state) transferable(t goja.Value) (goja.ArrayBuffer, *goja.Object) {
	if o, ok := t.(*goja.Object); ok {
		if o.ExportType() == typeArrayBuffer {
			return o.Export().(goja.ArrayBuffer), o
		}
		if s.in.isView != nil && call(s.in.isView, goja.Undefined(), o).ToBoolean() {
			getter := s.in.dataViewBuffer
			if s.typedArrayName(o) != "" {
				getter = s.in.typedArrayBuffer
			}
			if b, ok := call(getter, o).(*goja.Object); ok && b.ExportType() == typeArrayBuffer {
				return b.Export().(goja.ArrayBuffer), b
			}
		}
	}
	panic(s.vm.NewTypeError("Object is not transferable"))
}

func (s *state) value(v goja.Value) goja.Value {
	switch v := v.(type) {
	case nil:
		return goja.Undefined()
	case *goja.Symbol:
		s.fail("Symbol(" + v.String() + ") could not be cloned.")
	case *goja.Object:
		if r, ok := s.memo[v]; ok {
			return r
		}
		return s.object(v)
	}
	// Primitives (including -0 and BigInt) are immutable: the value is its own clone.
	return v
}

func (s *state) object(o *goja.Object) goja.Value {
	typ := o.ExportType()
	if typ == typeProxy {
		// V8 does not look through proxies.
		s.fail("#<Object> could not be cloned.")
	}
	switch o.ClassName() {
	case "Array":
		return s.array(o)
	case "Error":
		return s.error(o)
	case "Date":
		return s.newObject(o, s.in.dateCtor, call(s.in.dateGetTime, o))
	case "RegExp":
		// lastIndex is not kept, as the spec says.
		return s.newObject(o, s.in.regexpCtor, call(s.in.regexpSource, o), call(s.in.regexpFlags, o))
	case "Number":
		return s.wrapper(o, s.in.numberValueOf)
	case "String":
		return s.wrapper(o, s.in.stringValueOf)
	case "Boolean":
		return s.wrapper(o, s.in.booleanValueOf)
	case "Function":
		s.failFunction(o)
	}
	switch typ {
	case s.in.plainType:
		return s.ordinary(o)
	case s.in.mapType:
		return s.mapObject(o)
	case s.in.setType:
		return s.setObject(o)
	case typeArrayBuffer:
		return s.arrayBuffer(o)
	case typePromise:
		s.fail("#<Promise> could not be cloned.")
	}
	if typ != nil {
		switch typ.Kind() {
		case reflect.Slice:
			if name := s.typedArrayName(o); name != "" {
				return s.typedArray(o, name)
			}
		case reflect.Pointer:
			if typ.Implements(typeSerializable) {
				return s.serializable(o)
			}
			if typ == typeBigInt && brand(s.in.bigintValueOf, o) {
				return s.wrapper(o, s.in.bigintValueOf)
			}
			if _, ok := goja.AssertFunction(o); !ok {
				// A host object (a Go-backed class such as Request): workerd's message.
				s.fail(`Could not serialize object of type "` + ctorName(o) + `". This type does not support serialization.`)
			}
		}
	}
	if _, ok := goja.AssertFunction(o); ok {
		s.failFunction(o)
	}
	s.fail("#<" + ctorName(o) + "> could not be cloned.")
	return nil
}

// ordinary clones an object with no special internal slot that goja exposes a type for. Plain
// objects take the fast path; for the rest the prototype chain picks out the few exotic
// built-ins that look the same from Go (DataView, WeakMap, WeakSet), confirmed by a brand check.
func (s *state) ordinary(o *goja.Object) goja.Value {
	if p := o.Prototype(); p != nil && p != s.in.objectProto {
		switch {
		case inherits(o, s.in.dataViewProto) && brand(s.in.dataViewLength, o):
			return s.dataView(o)
		case inherits(o, s.in.weakMapProto) && brand(s.in.weakMapHas, o, s.vm.NewObject()):
			s.fail("#<WeakMap> could not be cloned.")
		case inherits(o, s.in.weakSetProto) && brand(s.in.weakSetHas, o, s.vm.NewObject()):
			s.fail("#<WeakSet> could not be cloned.")
		}
	}
	// Class instances become plain objects, as in V8: only own enumerable string keys, getters
	// invoked, the prototype dropped.
	out := s.vm.NewObject()
	s.remember(o, out)
	s.properties(o, out)
	return out
}

// properties copies own enumerable string-keyed properties with CreateDataProperty semantics
// (so a "__proto__" key stays a key).
func (s *state) properties(src, dst *goja.Object) {
	for _, k := range src.Keys() {
		v := src.Get(k)
		if v == nil {
			continue // deleted by an earlier getter
		}
		cv := s.value(v)
		if err := dst.DefineDataProperty(k, cv, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			panic(err)
		}
	}
}

// array keeps the length, holes and non-index properties.
func (s *state) array(o *goja.Object) goja.Value {
	out := s.vm.NewArray()
	s.remember(o, out)
	if err := out.Set("length", o.Get("length")); err != nil {
		panic(err)
	}
	s.properties(o, out)
	return out
}

func (s *state) newObject(src *goja.Object, ctor goja.Constructor, args ...goja.Value) goja.Value {
	out, err := ctor(nil, args...)
	if err != nil {
		panic(err)
	}
	s.remember(src, out)
	return out
}

// wrapper clones a Number, String, Boolean or BigInt object: a new wrapper of the same
// primitive, without the source's own properties.
func (s *state) wrapper(o *goja.Object, valueOf goja.Callable) goja.Value {
	out := call(valueOf, o).ToObject(s.vm)
	s.remember(o, out)
	return out
}

func (s *state) mapObject(o *goja.Object) goja.Value {
	// Entries are copied out first (the spec's copiedList): getters run while cloning them
	// may change the source map.
	var entries []goja.Value
	call(s.in.mapForEach, o, s.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		entries = append(entries, c.Argument(1), c.Argument(0))
		return goja.Undefined()
	}))
	out := s.newObject(o, s.in.mapCtor)
	for i := 0; i < len(entries); i += 2 {
		k := s.value(entries[i])
		v := s.value(entries[i+1])
		call(s.in.mapSet, out, k, v)
	}
	return out
}

func (s *state) setObject(o *goja.Object) goja.Value {
	var values []goja.Value
	call(s.in.setForEach, o, s.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		values = append(values, c.Argument(0))
		return goja.Undefined()
	}))
	out := s.newObject(o, s.in.setCtor)
	for _, v := range values {
		call(s.in.setAdd, out, s.value(v))
	}
	return out
}

func (s *state) arrayBuffer(o *goja.Object) goja.Value {
	ab := o.Export().(goja.ArrayBuffer)
	if ab.Detached() {
		s.fail("An ArrayBuffer is detached and could not be cloned.")
	}
	src := ab.Bytes()
	b := make([]byte, len(src))
	copy(b, src)
	out := s.vm.ToValue(s.vm.NewArrayBuffer(b))
	s.remember(o, out)
	return out
}

// typedArrayName is the [[TypedArrayName]] of o, or "" if o is not a typed array.
func (s *state) typedArrayName(o *goja.Object) string {
	if s.in.typedArrayTag == nil {
		return ""
	}
	v, err := s.in.typedArrayTag(o)
	if err != nil || goja.IsUndefined(v) {
		return ""
	}
	return v.String()
}

// typedArray clones the viewed buffer through the memory map, so views that share a source
// buffer share the cloned one.
func (s *state) typedArray(o *goja.Object, name string) goja.Value {
	buf := s.value(call(s.in.typedArrayBuffer, o))
	off := call(s.in.typedArrayOffset, o)
	n := call(s.in.typedArrayLength, o)
	ctor := s.in.typedArrayCtors[name]
	if ctor == nil {
		s.fail("#<" + name + "> could not be cloned.")
	}
	return s.newObject(o, ctor, buf, off, n)
}

func (s *state) dataView(o *goja.Object) goja.Value {
	buf := s.value(call(s.in.dataViewBuffer, o))
	return s.newObject(o, s.in.dataViewCtor, buf, call(s.in.dataViewOffset, o), call(s.in.dataViewLength, o))
}

// error follows HTML's StructuredSerialize for Error objects (name from the standard set,
// message if it is an own data property) plus what V8 also keeps: an own data property cause
// (cloned) and the stack string.
func (s *state) error(o *goja.Object) goja.Value {
	name := "Error"
	if n := o.Get("name"); n != nil && !goja.IsUndefined(n) {
		if ns := toStr(s.vm, n); s.in.errorCtors[ns] != nil {
			name = ns
		}
	}
	var args []goja.Value
	if msg, ok := s.ownData(o, "message"); ok {
		args = append(args, s.vm.ToValue(toStr(s.vm, msg)))
	}
	out, err := s.in.errorCtors[name](nil, args...)
	if err != nil {
		panic(err)
	}
	s.remember(o, out)
	if cause, ok := s.ownData(o, "cause"); ok {
		if err := out.DefineDataProperty("cause", s.value(cause), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			panic(err)
		}
	}
	if st, ok := o.Get("stack").(goja.String); ok {
		if err := out.DefineDataProperty("stack", st, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			panic(err)
		}
	}
	return out
}

// ownData returns the value of o's own data property name.
func (s *state) ownData(o *goja.Object, name string) (goja.Value, bool) {
	d, ok := call(s.in.getOwnPropertyDescriptor, goja.Undefined(), o, s.vm.ToValue(name)).(*goja.Object)
	if !ok {
		return nil, false
	}
	v := d.Get("value") // nil for an accessor descriptor
	return v, v != nil
}

func (s *state) serializable(o *goja.Object) goja.Value {
	out, err := o.Export().(Serializable).CloneFor(s.vm)
	if err != nil {
		if ex, ok := err.(*goja.Exception); ok {
			panic(ex)
		}
		s.fail(err.Error())
	}
	s.remember(o, out)
	return out
}

// failFunction throws V8's message, which quotes the function's source text.
func (s *state) failFunction(o *goja.Object) {
	src := "function"
	if s.in.functionToString != nil {
		if v, err := s.in.functionToString(o); err == nil {
			src = v.String()
		}
	}
	s.fail(src + " could not be cloned.")
}

// ctorName approximates V8's constructor name of an object for messages: the name of the
// nearest "constructor" found on the prototype chain, else "Object".
func ctorName(o *goja.Object) string {
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		c, ok := p.Get("constructor").(*goja.Object)
		if !ok {
			continue
		}
		if n, ok := c.Get("name").(goja.String); ok && n.String() != "" {
			return n.String()
		}
	}
	return "Object"
}

func toStr(vm *goja.Runtime, v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.String()
}
