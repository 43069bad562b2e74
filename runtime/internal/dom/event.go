package dom

import (
	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// Event phases (Event.NONE …).
const (
	phaseNone      = 0
	phaseCapturing = 1
	phaseAtTarget  = 2
	phaseBubbling  = 3
)

// EventInit is the EventInit dictionary.
type EventInit struct {
	Bubbles, Cancelable, Composed bool
}

// Event is the Go state of every Event instance, whatever its class (Event, CustomEvent,
// ExtendableEvent, and the subclasses the runtime defines with DefineEventClass).
type Event struct {
	jsutil.Expando
	class *EventClass
	typ   string
	init  EventInit

	trusted       bool
	dispatching   bool // the dispatch flag
	stopProp      bool
	stopImmediate bool
	canceled      bool
	inPassive     bool
	target        *goja.Object
	currentTarget *goja.Object

	detail goja.Value // CustomEvent

	// ExtendableEvent
	extendPromises []*goja.Object
	onWaitUntil    func(promise *goja.Object)

	data any // the subclass's Go data
}

// Type is the event's type.
func (e *Event) Type() string { return e.typ }

// Trusted reports isTrusted: true for events created from Go, false for events created by
// `new Event()` or re-dispatched by JS dispatchEvent().
func (e *Event) Trusted() bool { return e.trusted }

// Dispatching reports whether the event is being dispatched (the dispatch flag), which e.g.
// FetchEvent.respondWith checks.
func (e *Event) Dispatching() bool { return e.dispatching }

// DefaultPrevented reports the canceled flag.
func (e *Event) DefaultPrevented() bool { return e.canceled }

// PreventDefault is preventDefault().
func (e *Event) PreventDefault() {
	if e.init.Cancelable && !e.inPassive {
		e.canceled = true
	}
}

// StopPropagation is stopPropagation().
func (e *Event) StopPropagation() { e.stopProp = true }

// StopImmediatePropagation is stopImmediatePropagation(); FetchEvent.respondWith uses it.
func (e *Event) StopImmediatePropagation() { e.stopProp, e.stopImmediate = true, true }

// Data returns the Go value given to EventClass.New (nil for events constructed from JS
// unless the class's constructor hook set it).
func (e *Event) Data() any { return e.data }

// SetData replaces the Go value returned by Data.
func (e *Event) SetData(v any) { e.data = v }

// Class returns the class the event was created as.
func (e *Event) Class() *EventClass { return e.class }

// WaitUntilPromises returns the promises passed to waitUntil() so far (each already converted
// with Promise.resolve), in call order. Empty for events that are not ExtendableEvents.
func (e *Event) WaitUntilPromises() []*goja.Object {
	return append([]*goja.Object(nil), e.extendPromises...)
}

// SetWaitUntilHook makes waitUntil() also call fn with each promise as it is added. The
// runtime routes FetchEvent/ScheduledEvent promises into the request's waitUntil set with it,
// so a waitUntil() called after dispatch (from a then-callback) is not missed.
func (e *Event) SetWaitUntilHook(fn func(promise *goja.Object)) { e.onWaitUntil = fn }

// EventClass is an Event interface (Event, CustomEvent, ExtendableEvent, or one defined with
// DefineEventClass). Instances of every class share the Go state type *Event; the class chain
// is the brand check for members defined on a subclass.
type EventClass struct {
	d      *DOM
	name   string
	parent *EventClass
	cls    *jsutil.Class[*Event]
}

// EventConstructor runs for `new Name(type, init)` after type and the EventInit members have
// been converted; it reads the subclass's own init members (call.Argument(1)) and sets Go data
// with ev.SetData.
type EventConstructor func(ev *Event, call goja.ConstructorCall)

// DefineEventClass creates a Go-backed Event interface named name inheriting from parent
// (d.Event() when nil). With construct nil, `new Name()` throws TypeError "Illegal
// constructor" (as workerd does for ExtendableEvent, FetchEvent and ScheduledEvent) and
// instances come only from New. Add members with Method/Getter, then Install the constructor
// on the global scope. See the package documentation for FetchEvent as an example.
func (d *DOM) DefineEventClass(name string, parent *EventClass, construct EventConstructor) *EventClass {
	if parent == nil {
		parent = d.event
	}
	return d.newEventClass(name, 1, parent, construct)
}

// Event, CustomEvent and ExtendableEvent return the built-in classes.
func (d *DOM) Event() *EventClass           { return d.event }
func (d *DOM) CustomEvent() *EventClass     { return d.customEvent }
func (d *DOM) ExtendableEvent() *EventClass { return d.extendableEvent }

func (d *DOM) newEventClass(name string, length int, parent *EventClass, construct EventConstructor) *EventClass {
	c := &EventClass{d: d, name: name, parent: parent}
	var ctor func(call goja.ConstructorCall) *Event
	if construct != nil {
		ctor = func(call goja.ConstructorCall) *Event {
			ev := d.constructEvent(c, call)
			construct(ev, call)
			return ev
		}
	}
	c.cls = jsutil.NewClass(d.vm, name, length, ctor)
	if parent != nil {
		_ = c.cls.Proto.SetPrototype(parent.cls.Proto)
		_ = c.cls.Ctor.SetPrototype(parent.cls.Ctor)
	}
	return c
}

// constructEvent converts the (type, eventInitDict) arguments shared by all Event constructors.
func (d *DOM) constructEvent(c *EventClass, call goja.ConstructorCall) *Event {
	vm := d.vm
	if len(call.Arguments) < 1 {
		panic(vm.NewTypeError("Failed to construct '%s': 1 argument required, but only 0 present.", c.name))
	}
	ev := &Event{class: c, typ: toStr(vm, call.Arguments[0])}
	if init := call.Argument(1); !isNullish(init) {
		o, ok := init.(*goja.Object)
		if !ok {
			panic(vm.NewTypeError("Failed to construct '%s': The provided value is not of type '%sInit'.", c.name, c.name))
		}
		ev.init.Bubbles = boolMember(o, "bubbles")
		ev.init.Cancelable = boolMember(o, "cancelable")
		ev.init.Composed = boolMember(o, "composed")
	}
	return ev
}

func boolMember(o *goja.Object, name string) bool {
	v := o.Get(name)
	return v != nil && v.ToBoolean()
}

// Name is the interface name.
func (c *EventClass) Name() string { return c.name }

// Constructor and Prototype return the JS interface object and its prototype.
func (c *EventClass) Constructor() *goja.Object { return c.cls.Ctor }
func (c *EventClass) Prototype() *goja.Object   { return c.cls.Proto }

// Install puts the constructor on obj (normally the global object) as WebIDL does.
func (c *EventClass) Install(obj *goja.Object) { c.cls.Install(obj) }

// isA reports whether c is sub or inherits from it.
func (c *EventClass) isA(sub *EventClass) bool {
	for k := c; k != nil; k = k.parent {
		if k == sub {
			return true
		}
	}
	return false
}

// Unwrap returns the state of v if it is an instance of this class or a subclass.
func (c *EventClass) Unwrap(v goja.Value) (*Event, bool) {
	ev, ok := state(v).(*Event)
	if !ok || !ev.class.isA(c) {
		return nil, false
	}
	return ev, true
}

// this is the brand check for members defined on c.
func (c *EventClass) this(v goja.Value) *Event {
	ev, ok := c.Unwrap(v)
	if !ok {
		panic(c.d.vm.NewTypeError("Illegal invocation"))
	}
	return ev
}

// Method defines a prototype method; calling it on anything but an instance of c (or a
// subclass) throws TypeError "Illegal invocation".
func (c *EventClass) Method(name string, length int, fn func(ev *Event, call goja.FunctionCall) goja.Value) {
	c.cls.Method(name, length, func(_ *Event, call goja.FunctionCall) goja.Value {
		return fn(c.this(call.This), call)
	})
}

// Getter defines a read-only prototype accessor, brand-checked like Method.
func (c *EventClass) Getter(name string, get func(ev *Event) goja.Value) {
	g := jsutil.Func(c.d.vm, "get "+name, 0, func(call goja.FunctionCall) goja.Value {
		return get(c.this(call.This))
	})
	_ = c.cls.Proto.DefineAccessorProperty(name, g, nil, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// New creates a trusted instance (isTrusted true, as for events the runtime fires) carrying
// data for the class's Go members.
func (c *EventClass) New(typ string, init EventInit, data any) (*goja.Object, *Event) {
	ev := &Event{class: c, typ: typ, init: init, trusted: true, data: data}
	return c.cls.Wrap(ev), ev
}

// NewEvent returns a trusted Event of the given type (not bubbling, not cancelable).
func (d *DOM) NewEvent(typ string) *goja.Object {
	o, _ := d.event.New(typ, EventInit{}, nil)
	return o
}

// EventOf returns the state of v if it is an Event of any class.
func (d *DOM) EventOf(v goja.Value) (*Event, bool) {
	return d.event.Unwrap(v)
}

func (d *DOM) installEvents() {
	vm := d.vm
	d.event = d.newEventClass("Event", 1, nil, func(*Event, goja.ConstructorCall) {})
	c := d.event.cls
	obj := func(o *goja.Object) goja.Value {
		if o == nil {
			return goja.Null()
		}
		return o
	}
	c.Getter("type", func(e *Event) goja.Value { return vm.ToValue(e.typ) })
	c.Getter("target", func(e *Event) goja.Value { return obj(e.target) })
	c.Getter("srcElement", func(e *Event) goja.Value { return obj(e.target) })
	c.Getter("currentTarget", func(e *Event) goja.Value { return obj(e.currentTarget) })
	c.Method("composedPath", 0, func(e *Event, _ goja.FunctionCall) goja.Value {
		if e.dispatching && e.currentTarget != nil {
			return vm.NewArray(e.currentTarget)
		}
		return vm.NewArray()
	})
	c.Getter("eventPhase", func(e *Event) goja.Value {
		if e.dispatching {
			return vm.ToValue(phaseAtTarget)
		}
		return vm.ToValue(phaseNone)
	})
	c.Method("stopPropagation", 0, func(e *Event, _ goja.FunctionCall) goja.Value {
		e.StopPropagation()
		return goja.Undefined()
	})
	c.Accessor("cancelBubble", func(e *Event) goja.Value { return vm.ToValue(e.stopProp) },
		func(e *Event, v goja.Value) {
			if v.ToBoolean() {
				e.stopProp = true
			}
		})
	c.Method("stopImmediatePropagation", 0, func(e *Event, _ goja.FunctionCall) goja.Value {
		e.StopImmediatePropagation()
		return goja.Undefined()
	})
	c.Getter("bubbles", func(e *Event) goja.Value { return vm.ToValue(e.init.Bubbles) })
	c.Getter("cancelable", func(e *Event) goja.Value { return vm.ToValue(e.init.Cancelable) })
	c.Accessor("returnValue", func(e *Event) goja.Value { return vm.ToValue(!e.canceled) },
		func(e *Event, v goja.Value) {
			if !v.ToBoolean() {
				e.PreventDefault()
			}
		})
	c.Method("preventDefault", 0, func(e *Event, _ goja.FunctionCall) goja.Value {
		e.PreventDefault()
		return goja.Undefined()
	})
	c.Getter("defaultPrevented", func(e *Event) goja.Value { return vm.ToValue(e.canceled) })
	c.Getter("composed", func(e *Event) goja.Value { return vm.ToValue(e.init.Composed) })
	// Deviation: isTrusted is a prototype accessor, not WebIDL's [LegacyUnforgeable] own
	// property (host objects here have no own accessors); workerd does the same by default.
	c.Getter("isTrusted", func(e *Event) goja.Value { return vm.ToValue(e.trusted) })
	// workerd reports 0 rather than a time so the value cannot be used as a timer.
	c.Getter("timeStamp", func(e *Event) goja.Value { return vm.ToValue(0) })
	for _, k := range []struct {
		name  string
		phase int
	}{{"NONE", phaseNone}, {"CAPTURING_PHASE", phaseCapturing}, {"AT_TARGET", phaseAtTarget}, {"BUBBLING_PHASE", phaseBubbling}} {
		v := vm.ToValue(k.phase)
		_ = c.Ctor.DefineDataProperty(k.name, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = c.Proto.DefineDataProperty(k.name, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}

	d.customEvent = d.newEventClass("CustomEvent", 1, d.event, func(ev *Event, call goja.ConstructorCall) {
		ev.detail = goja.Null()
		if init, ok := call.Argument(1).(*goja.Object); ok {
			if v := init.Get("detail"); v != nil && !goja.IsUndefined(v) {
				ev.detail = v
			}
		}
	})
	d.customEvent.Getter("detail", func(e *Event) goja.Value {
		if e.detail == nil {
			return goja.Null()
		}
		return e.detail
	})

	// workerd deletes ExtendableEvent's constructor: instances come from the runtime only.
	d.extendableEvent = d.newEventClass("ExtendableEvent", 1, d.event, nil)
	d.extendableEvent.Method("waitUntil", 1, func(e *Event, call goja.FunctionCall) goja.Value {
		if !e.trusted {
			d.throwDOMException("InvalidStateError", "waitUntil() can only be called on trusted event.")
		}
		p := d.toPromise(call.Argument(0))
		e.extendPromises = append(e.extendPromises, p)
		if e.onWaitUntil != nil {
			e.onWaitUntil(p)
		}
		return goja.Undefined()
	})
}
