package dom

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// EventTargetBase is the EventTarget part of a host object's Go state. Embed it (next to
// jsutil.Expando) in the state of a Go-backed class and call InheritEventTarget on the class
// so that EventTarget.prototype's methods, DispatchEvent and FireEvent accept its instances.
// The zero value is ready to use.
type EventTargetBase struct {
	obj       *goja.Object // the JS object, learnt from the first method call or dispatch
	listeners map[string][]*listener
	attrs     map[string]*handlerAttr
}

func (b *EventTargetBase) eventTargetBase() *EventTargetBase { return b }

// targetHolder is implemented by every state type that embeds EventTargetBase.
type targetHolder interface{ eventTargetBase() *EventTargetBase }

type eventTargetState struct {
	jsutil.Expando
	EventTargetBase
}

// listener is an event listener entry: a JS callback, or the trampoline of an event handler
// attribute such as onabort.
type listener struct {
	typ      string
	callback *goja.Object // function or object with handleEvent; nil for a trampoline
	attr     *handlerAttr
	once     bool
	removed  bool
	unsignal func() // drops the {signal} abort algorithm when the listener goes first
}

// handlerAttr is an event handler IDL attribute (HTML §8.1.8.1): its listener keeps the list
// position it got when the attribute was first set to an object.
type handlerAttr struct {
	value    *goja.Object
	listener *listener
}

func (b *EventTargetBase) add(l *listener) {
	if b.listeners == nil {
		b.listeners = map[string][]*listener{}
	}
	b.listeners[l.typ] = append(b.listeners[l.typ], l)
}

func (b *EventTargetBase) remove(l *listener) {
	if l.removed {
		return
	}
	l.removed = true
	list := b.listeners[l.typ]
	for i, x := range list {
		if x == l {
			// Copy rather than shift in place: a dispatch may be iterating a snapshot.
			n := make([]*listener, 0, len(list)-1)
			n = append(append(n, list[:i]...), list[i+1:]...)
			if len(n) == 0 {
				delete(b.listeners, l.typ)
			} else {
				b.listeners[l.typ] = n
			}
			break
		}
	}
	if l.unsignal != nil {
		l.unsignal()
		l.unsignal = nil
	}
}

func (b *EventTargetBase) find(typ string, cb *goja.Object) *listener {
	for _, l := range b.listeners[typ] {
		if l.callback == cb {
			return l
		}
	}
	return nil
}

func (b *EventTargetBase) getAttr(typ string) goja.Value {
	if a := b.attrs[typ]; a != nil && a.value != nil {
		return a.value
	}
	return goja.Null()
}

// setAttr sets an event handler attribute: objects (callable or not, as HTML says) are kept,
// anything else clears the handler and drops its list position.
func (b *EventTargetBase) setAttr(typ string, v goja.Value) {
	a := b.attrs[typ]
	if o, ok := v.(*goja.Object); ok {
		if a == nil {
			if b.attrs == nil {
				b.attrs = map[string]*handlerAttr{}
			}
			a = &handlerAttr{}
			b.attrs[typ] = a
		}
		a.value = o
		if a.listener == nil {
			a.listener = &listener{typ: typ, attr: a}
			b.add(a.listener)
		}
		return
	}
	if a != nil {
		a.value = nil
		if a.listener != nil {
			b.remove(a.listener)
			a.listener = nil
		}
	}
}

type addOptions struct {
	once   bool
	signal *abortSignal
}

func (d *DOM) installEventTarget() {
	vm := d.vm
	c := jsutil.NewClass(vm, "EventTarget", 0, func(goja.ConstructorCall) *eventTargetState {
		return &eventTargetState{}
	})
	d.eventTarget = c
	method := func(name string, length int, fn func(call goja.FunctionCall) goja.Value) {
		_ = c.Proto.DefineDataProperty(name, jsutil.Func(vm, name, length, fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	method("addEventListener", 2, func(call goja.FunctionCall) goja.Value {
		b, _ := d.thisTarget(call.This)
		requireArgs(vm, call, "addEventListener", "EventTarget", 2)
		typ := toStr(vm, call.Arguments[0])
		cb := d.callbackArg(call.Arguments[1], "addEventListener")
		opts := d.addOptions(call.Argument(2))
		if cb != nil {
			d.addListener(b, typ, cb, opts)
		}
		return goja.Undefined()
	})
	method("removeEventListener", 2, func(call goja.FunctionCall) goja.Value {
		b, _ := d.thisTarget(call.This)
		requireArgs(vm, call, "removeEventListener", "EventTarget", 2)
		typ := toStr(vm, call.Arguments[0])
		cb := d.callbackArg(call.Arguments[1], "removeEventListener")
		d.removeOptions(call.Argument(2))
		if cb != nil {
			if l := b.find(typ, cb); l != nil {
				b.remove(l)
			}
		}
		return goja.Undefined()
	})
	method("dispatchEvent", 1, func(call goja.FunctionCall) goja.Value {
		b, obj := d.thisTarget(call.This)
		requireArgs(vm, call, "dispatchEvent", "EventTarget", 1)
		ev, ok := d.event.Unwrap(call.Arguments[0])
		if !ok {
			panic(vm.NewTypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'."))
		}
		if ev.dispatching {
			d.throwDOMException("InvalidStateError", "The event is already being dispatched.")
		}
		ev.trusted = false
		notCanceled, err := d.dispatch(b, obj, ev, call.Arguments[0].(*goja.Object), true)
		rethrow(err)
		return vm.ToValue(notCanceled)
	})
}

func requireArgs(vm *goja.Runtime, call goja.FunctionCall, method, iface string, n int) {
	if len(call.Arguments) < n {
		s := "s"
		if n == 1 {
			s = ""
		}
		panic(vm.NewTypeError("Failed to execute '%s' on '%s': %d argument%s required, but only %d present.",
			method, iface, n, s, len(call.Arguments)))
	}
}

// thisTarget resolves the receiver of an EventTarget method, or throws "Illegal invocation".
func (d *DOM) thisTarget(this goja.Value) (*EventTargetBase, *goja.Object) {
	if b, o, ok := d.targetOf(this); ok {
		return b, o
	}
	if isNullish(this) && d.global != nil {
		return d.global, d.globalObj
	}
	panic(d.vm.NewTypeError("Illegal invocation"))
}

// targetOf returns the EventTarget state of v, if v is an EventTarget.
func (d *DOM) targetOf(v goja.Value) (*EventTargetBase, *goja.Object, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, nil, false
	}
	if h, ok := state(o).(targetHolder); ok {
		b := h.eventTargetBase()
		if b.obj == nil {
			b.obj = o
		}
		return b, o, true
	}
	if b := d.adopted[o]; b != nil {
		return b, o, true
	}
	return nil, nil, false
}

// callbackArg converts the EventListener? argument: null/undefined → nil.
func (d *DOM) callbackArg(v goja.Value, method string) *goja.Object {
	if isNullish(v) {
		return nil
	}
	o, ok := v.(*goja.Object)
	if !ok {
		panic(d.vm.NewTypeError("Failed to execute '%s' on 'EventTarget': parameter 2 is not of type 'Object'.", method))
	}
	return o
}

// addOptions converts (AddEventListenerOptions or boolean). workerd rejects capture and
// passive listeners (there is no tree to capture on, and no scrolling to make passive).
func (d *DOM) addOptions(v goja.Value) addOptions {
	vm := d.vm
	var opts addOptions
	if isNullish(v) {
		return opts
	}
	o, ok := v.(*goja.Object)
	if !ok {
		if v.ToBoolean() {
			panic(vm.NewTypeError("addEventListener(): useCapture must be false."))
		}
		return opts
	}
	capture := boolMember(o, "capture")
	opts.once = boolMember(o, "once")
	passive := boolMember(o, "passive")
	if s := o.Get("signal"); s != nil && !goja.IsUndefined(s) {
		sig, ok := state(s).(*abortSignal)
		if !ok {
			panic(vm.NewTypeError("Failed to execute 'addEventListener' on 'EventTarget': member signal is not of type AbortSignal."))
		}
		opts.signal = sig
	}
	if capture {
		panic(vm.NewTypeError("addEventListener(): options.capture must be false."))
	}
	if passive {
		panic(vm.NewTypeError("addEventListener(): options.passive must be false."))
	}
	return opts
}

func (d *DOM) removeOptions(v goja.Value) {
	if isNullish(v) {
		return
	}
	o, ok := v.(*goja.Object)
	if !ok {
		if v.ToBoolean() {
			panic(d.vm.NewTypeError("removeEventListener(): useCapture must be false."))
		}
		return
	}
	if boolMember(o, "capture") {
		panic(d.vm.NewTypeError("removeEventListener(): options.capture must be false."))
	}
}

// addListener is DOM "add an event listener".
func (d *DOM) addListener(b *EventTargetBase, typ string, cb *goja.Object, opts addOptions) {
	if opts.signal != nil && opts.signal.aborted {
		return
	}
	if b.find(typ, cb) != nil {
		return
	}
	l := &listener{typ: typ, callback: cb, once: opts.once}
	if opts.signal != nil {
		l.unsignal = opts.signal.addAlgorithm(func(goja.Value) {
			l.unsignal = nil // the signal is emptying its list itself
			b.remove(l)
		})
	}
	b.add(l)
}

// dispatch is DOM "dispatch" for a target with no parent. With report set, listener
// exceptions are reported and the remaining listeners still run; otherwise the first one ends
// the dispatch and is returned. Uncatchable errors always end it and are returned.
func (d *DOM) dispatch(b *EventTargetBase, target *goja.Object, ev *Event, evObj *goja.Object, report bool) (bool, error) {
	if b.obj == nil {
		b.obj = target
	}
	ev.dispatching = true
	ev.target, ev.currentTarget = target, target
	var err error
	if !ev.stopProp {
		err = d.invoke(b, ev, evObj, report)
	}
	ev.dispatching = false
	ev.currentTarget = nil
	ev.stopProp, ev.stopImmediate, ev.inPassive = false, false, false
	return !ev.canceled, err
}

// invoke is DOM "inner invoke" over a snapshot of the listener list: listeners added during
// the dispatch do not run, removed ones are skipped, once-listeners are removed before their
// call.
func (d *DOM) invoke(b *EventTargetBase, ev *Event, evObj *goja.Object, report bool) error {
	list := b.listeners[ev.typ]
	if len(list) == 0 {
		return nil
	}
	snapshot := append(make([]*listener, 0, len(list)), list...)
	for _, l := range snapshot {
		if l.removed {
			continue
		}
		if l.once {
			b.remove(l)
		}
		if err := d.call(l, ev, evObj); err != nil {
			var ex *goja.Exception
			if !report || !errors.As(err, &ex) {
				return err
			}
			d.report(err)
		}
		if ev.stopImmediate {
			break
		}
	}
	return nil
}

var boolType = reflect.TypeOf(true)

// call runs one listener with this = currentTarget.
func (d *DOM) call(l *listener, ev *Event, evObj *goja.Object) error {
	this := goja.Undefined()
	if ev.currentTarget != nil {
		this = ev.currentTarget
	}
	if l.attr != nil {
		// HTML "event handler processing algorithm": non-callable values are never invoked;
		// a return value of false cancels the event.
		fn, ok := goja.AssertFunction(l.attr.value)
		if !ok {
			return nil
		}
		ret, err := fn(this, evObj)
		if err != nil {
			return err
		}
		if ret != nil && ret.ExportType() == boolType && !ret.ToBoolean() {
			ev.PreventDefault()
		}
		return nil
	}
	fn, ok := goja.AssertFunction(l.callback)
	if !ok {
		// A listener object: handleEvent is looked up at each call.
		var h goja.Value
		if err := d.try(func() { h = l.callback.Get("handleEvent") }); err != nil {
			return err
		}
		if fn, ok = goja.AssertFunction(h); !ok {
			return d.try(func() { panic(d.vm.NewTypeError("handleEvent is not a function")) })
		}
		this = l.callback
	}
	ret, err := fn(this, evObj)
	if err != nil {
		return err
	}
	// workerd: a listener returning true is the same as calling preventDefault().
	if ret != nil && ret.ExportType() == boolType && ret.ToBoolean() {
		ev.PreventDefault()
	}
	return nil
}

// try runs f and returns the JS exception it threw, if any.
func (d *DOM) try(f func()) error {
	if ex := d.vm.Try(f); ex != nil {
		return ex
	}
	return nil
}

// NewEventTarget returns a new plain EventTarget instance.
func (d *DOM) NewEventTarget() *goja.Object {
	s := &eventTargetState{}
	o := d.eventTarget.Wrap(s)
	s.obj = o
	return o
}

// EventTargetConstructor and EventTargetPrototype return the EventTarget interface object and
// its prototype.
func (d *DOM) EventTargetConstructor() *goja.Object { return d.eventTarget.Ctor }
func (d *DOM) EventTargetPrototype() *goja.Object   { return d.eventTarget.Proto }

// InheritEventTarget makes a Go-backed class (whose state embeds EventTargetBase) a subclass
// of EventTarget: proto inherits EventTarget.prototype and ctor inherits EventTarget.
func (d *DOM) InheritEventTarget(ctor, proto *goja.Object) {
	if proto != nil {
		_ = proto.SetPrototype(d.eventTarget.Proto)
	}
	if ctor != nil {
		_ = ctor.SetPrototype(d.eventTarget.Ctor)
	}
}

// AdoptEventTarget makes an ordinary object, normally the global object, an EventTarget: the
// EventTarget.prototype methods accept it, and when obj is the global object they also run on
// it when called with an undefined this (a bare addEventListener('fetch', …), as WebIDL does
// for [Global] interfaces). If obj's prototype is Object.prototype it is changed to
// EventTarget.prototype so that obj.addEventListener resolves and obj instanceof EventTarget.
func (d *DOM) AdoptEventTarget(obj *goja.Object) {
	if _, _, ok := d.targetOf(obj); ok {
		return
	}
	b := &EventTargetBase{obj: obj}
	d.adopted[obj] = b
	if obj == d.vm.GlobalObject() {
		d.global, d.globalObj = b, obj
	}
	if objCtor, ok := d.vm.Get("Object").(*goja.Object); ok {
		if p := obj.Prototype(); p != nil && p == objCtor.Get("prototype") {
			_ = obj.SetPrototype(d.eventTarget.Proto)
		}
	}
}

// DispatchEvent dispatches event at target for the runtime (the fetch and scheduled events):
// as in workerd's runtime event delivery, the first listener to throw ends the dispatch and
// its *goja.Exception is returned; uncatchable errors are returned too. notCanceled is false
// when a listener called preventDefault() on a cancelable event. The event keeps isTrusted.
func (d *DOM) DispatchEvent(target, event *goja.Object) (notCanceled bool, err error) {
	b, obj, ev, err := d.dispatchArgs(target, event)
	if err != nil {
		return false, err
	}
	return d.dispatch(b, obj, ev, event, false)
}

// FireEvent is DOM "fire an event" for an event the caller created: listener exceptions are
// reported (ErrorReporter) and do not stop the other listeners. Use it for events such as
// WebSocket "message" that have no caller to fail.
func (d *DOM) FireEvent(target, event *goja.Object) (notCanceled bool) {
	b, obj, ev, err := d.dispatchArgs(target, event)
	if err != nil {
		d.report(err)
		return true
	}
	notCanceled, err = d.dispatch(b, obj, ev, event, true)
	d.report(err)
	return notCanceled
}

func (d *DOM) dispatchArgs(target, event *goja.Object) (*EventTargetBase, *goja.Object, *Event, error) {
	b, obj, ok := d.targetOf(target)
	if !ok {
		return nil, nil, nil, errors.New("dom: dispatch: target is not an EventTarget")
	}
	ev, ok := d.event.Unwrap(event)
	if !ok {
		return nil, nil, nil, errors.New("dom: dispatch: not an Event")
	}
	if ev.dispatching {
		return nil, nil, nil, fmt.Errorf("dom: dispatch %q: the event is already being dispatched", ev.typ)
	}
	return b, obj, ev, nil
}

// ListenerCount returns how many listeners for typ target has (0 if it is not an
// EventTarget); the runtime uses it to tell service-worker syntax from module syntax.
func (d *DOM) ListenerCount(target *goja.Object, typ string) int {
	b, _, ok := d.targetOf(target)
	if !ok {
		return 0
	}
	return len(b.listeners[typ])
}
