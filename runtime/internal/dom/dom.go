package dom

import (
	"errors"
	"reflect"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// Host is what the isolate gives this package.
type Host interface {
	// SetTimeout schedules fn on the isolate's loop after d; returns a cancel func.
	// Used by AbortSignal.timeout.
	SetTimeout(d time.Duration, fn func()) (cancel func())
}

// ErrorReporter may also be implemented by a Host. It receives the errors that event dispatch
// cannot hand to a caller:
//
//   - a *goja.Exception thrown by a listener during a dispatch that "reports" exceptions
//     (dispatchEvent() called from JS, the "abort" event, DOM.FireEvent): the spec's
//     "report an exception". workerd routes these to the global scope's reportError, which
//     fires an "error" event and then logs to the console;
//   - an uncatchable error (*goja.InterruptedError, *goja.StackOverflowError) raised inside a
//     listener while no JS frame is on the stack to unwind (a Go timer firing
//     AbortSignal.timeout, the abort func of NewAbortSignal, FireEvent). The host should treat
//     it like the same error returned from any other top-level call (terminate the request).
//
// Without an ErrorReporter, exceptions are passed to console.error when the isolate has a
// console, and dropped otherwise; uncatchable errors are dropped.
type ErrorReporter interface {
	ReportError(err error)
}

// DOM holds the classes installed in one isolate and the Go-side entry points to them.
type DOM struct {
	vm   *goja.Runtime
	host Host

	domException    *jsutil.Class[*domException]
	eventTarget     *jsutil.Class[*eventTargetState]
	event           *EventClass
	customEvent     *EventClass
	extendableEvent *EventClass
	abortSignal     *jsutil.Class[*abortSignal]
	abortController *jsutil.Class[*abortController]

	// adopted maps ordinary objects made into EventTargets (the global scope) to their state.
	adopted map[*goja.Object]*EventTargetBase
	// global is the adopted global object's state: WebIDL operations on a [Global] interface
	// use the global object when called with an undefined or null this (bare addEventListener()).
	global    *EventTargetBase
	globalObj *goja.Object

	promiseResolve goja.Callable
	promiseCtor    goja.Value
}

// Install defines DOMException, EventTarget, Event, CustomEvent, ExtendableEvent,
// AbortController and AbortSignal on global and returns the handle Go code uses to reach them.
// host may be nil in tests that do not use AbortSignal.timeout.
func Install(vm *goja.Runtime, global *goja.Object, host Host) *DOM {
	d := &DOM{vm: vm, host: host, adopted: map[*goja.Object]*EventTargetBase{}}
	d.promiseCtor = vm.Get("Promise")
	if pc, ok := d.promiseCtor.(*goja.Object); ok {
		d.promiseResolve, _ = goja.AssertFunction(pc.Get("resolve"))
	}

	d.installDOMException()
	d.installEventTarget()
	d.installEvents()
	d.installAbort()

	// The inventory of what this package adds to the global scope, in WebIDL order.
	for _, ctor := range []struct {
		name string
		obj  *goja.Object
	}{
		{"DOMException", d.domException.Ctor},
		{"EventTarget", d.eventTarget.Ctor},
		{"Event", d.event.cls.Ctor},
		{"CustomEvent", d.customEvent.cls.Ctor},
		{"ExtendableEvent", d.extendableEvent.cls.Ctor},
		{"AbortController", d.abortController.Ctor},
		{"AbortSignal", d.abortSignal.Ctor},
	} {
		jsutil.DefineGlobal(global, ctor.name, ctor.obj)
	}
	return d
}

// report hands a listener exception (or an uncatchable error with nowhere to go) to the host.
func (d *DOM) report(err error) {
	if err == nil {
		return
	}
	if r, ok := d.host.(ErrorReporter); ok {
		r.ReportError(err)
		return
	}
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		return
	}
	console, ok := d.vm.Get("console").(*goja.Object)
	if !ok {
		return
	}
	if logErr, ok := goja.AssertFunction(console.Get("error")); ok {
		_, _ = logErr(console, ex.Value())
	}
}

// toPromise is Promise.resolve(v) with the intrinsic Promise.
func (d *DOM) toPromise(v goja.Value) *goja.Object {
	if d.promiseResolve != nil {
		if p, err := d.promiseResolve(d.promiseCtor, v); err == nil {
			if o, ok := p.(*goja.Object); ok {
				return o
			}
		}
	}
	p, resolve, _ := d.vm.NewPromise()
	_ = resolve(v)
	return d.vm.ToValue(p).(*goja.Object)
}

// state returns the Go state behind a host object without calling Export on ordinary objects
// (which would copy them and run their getters).
func state(v goja.Value) any {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	if t := o.ExportType(); t == nil || t.Kind() != reflect.Pointer {
		return nil
	}
	return o.Export()
}

// toStr is WebIDL DOMString conversion: ToString, with the TypeError for symbols that goja's
// Go-side String() does not raise.
func toStr(vm *goja.Runtime, v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.String()
}

func isNullish(v goja.Value) bool {
	return v == nil || goja.IsUndefined(v) || goja.IsNull(v)
}

// rethrow propagates an uncatchable error out of a native function called from JS.
func rethrow(err error) {
	if err != nil {
		panic(err)
	}
}
