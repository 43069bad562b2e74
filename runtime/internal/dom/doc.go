// Package dom implements the DOM-standard pieces every Worker sees: DOMException, EventTarget,
// Event, CustomEvent, ExtendableEvent, AbortController and AbortSignal, as Go-backed goja
// classes (jsutil.NewClass), plus the Go entry points the rest of the runtime uses to fire
// events and to follow AbortSignals.
//
// Specs: WHATWG DOM §2 (events) and §3 (aborting), WebIDL §3.14.1 (DOMException), HTML
// §8.1.8 (event handler attributes: onabort). Where workerd deliberately differs from the
// spec, this package follows workerd (src/workerd/api/basics.{h,c++}); those places are
// marked "workerd:" in the code. Differences from workerd are marked "Deviation:".
//
// # Imports and threading
//
// dom imports goja and jsutil only. Like the *goja.Runtime it wraps, a *DOM is used from the
// isolate's loop goroutine only: Install, every method, and the callbacks the Host runs
// (AbortSignal.timeout's timer) must all run there. Nothing here starts goroutines.
//
// # Listener exceptions
//
// The spec says a listener that throws is "reported" and the dispatch goes on with the next
// listener; workerd does this under its spec_compliant_dispatch_exceptions flag and routes the
// exception to reportError(). This package does the same for dispatchEvent() called from JS,
// for the "abort" event and for DOM.FireEvent: the exception goes to the Host's ReportError
// when the Host implements ErrorReporter (the runtime maps it to reportError / the request
// log), else to console.error if there is one. DOM.DispatchEvent, which the runtime uses for
// the fetch and scheduled events, instead stops at the first exception and returns it, as
// workerd's runtime event delivery does, so a throwing fetch handler fails the request (or
// falls back to the origin with passThroughOnException()). Uncatchable errors (interrupts,
// stack overflow) always stop the dispatch: they are re-thrown to the JS caller, returned from
// DispatchEvent, or handed to ErrorReporter when Go started the dispatch.
//
// # Events defined by the runtime (FetchEvent, ScheduledEvent)
//
// Every Event instance has the Go state *Event; a class is an *EventClass. DefineEventClass
// makes a new interface inheriting from another one (ExtendableEvent for FetchEvent and
// ScheduledEvent); its Method and Getter members are brand-checked against the class chain,
// and New creates trusted instances carrying the runtime's Go data:
//
//	type fetchData struct {
//		request   goja.Value
//		response  goja.Value // what respondWith() got
//		responded bool
//		passThru  bool
//	}
//
//	fe := d.DefineEventClass("FetchEvent", d.ExtendableEvent(), nil) // nil: not constructible
//	fe.Getter("request", func(ev *dom.Event) goja.Value { return ev.Data().(*fetchData).request })
//	fe.Method("respondWith", 1, func(ev *dom.Event, call goja.FunctionCall) goja.Value {
//		fd := ev.Data().(*fetchData)
//		if !ev.Dispatching() || fd.responded {
//			panic(d.NewDOMException("InvalidStateError", "FetchEvent.respondWith() may only be called once."))
//		}
//		fd.responded, fd.response = true, call.Argument(0)
//		ev.StopImmediatePropagation()
//		return goja.Undefined()
//	})
//	fe.Method("passThroughOnException", 0, func(ev *dom.Event, _ goja.FunctionCall) goja.Value {
//		ev.Data().(*fetchData).passThru = true
//		return goja.Undefined()
//	})
//	fe.Install(global)
//
//	// Per request, on the loop:
//	d.AdoptEventTarget(global) // once, at isolate start: the global scope is an EventTarget
//	obj, ev := fe.New("fetch", dom.EventInit{}, &fetchData{request: req})
//	ev.SetWaitUntilHook(reqCtx.WaitUntil) // each e.waitUntil(p), also ones made after dispatch
//	_, err := d.DispatchEvent(global, obj)  // err: the first listener exception
//	promises := ev.WaitUntilPromises()      // or read them afterwards
//
// ScheduledEvent is the same with Getters for scheduledTime and cron and a noRetry Method.
// waitUntil() is inherited from ExtendableEvent; as in workerd it only works on trusted
// events (those made by New), converts its argument with Promise.resolve, and is not limited
// to the dispatch: the hook sees every call. d.ListenerCount(global, "fetch") tells
// service-worker syntax from module syntax.
//
// Go-backed EventTargets (WebSocket, …) embed EventTargetBase in their state, call
// InheritEventTarget on their class, and fire events with FireEvent.
//
// # AbortSignal from Go
//
// NewAbortSignal returns a signal and its abort func (for a request whose client went away);
// SignalAborted reads any signal (e.g. init.signal given to fetch); OnAbort adds a Go abort
// algorithm, which runs before the "abort" event as the spec orders it. AbortSignal.timeout
// uses Host.SetTimeout.
//
// # Deviations
//
// Deviation: constructors called without new (Event('x')) construct anyway: goja's native
// constructors cannot tell a call from new, so the WebIDL TypeError is not thrown.
//
// Deviation: DOMException's name, message and code are prototype getters (as WebIDL says);
// workerd defines them as instance properties, so Object.keys and hasOwnProperty differ. The
// stack is an own property captured at construction, as in workerd.
//
// Deviation: isTrusted is a prototype getter, not an own [LegacyUnforgeable] property
// (workerd without pedantic_wpt does the same).
//
// Deviation: after dispatch, currentTarget is null (spec); workerd without pedantic_wpt keeps
// returning the target.
//
// Deviation: CustomEvent.detail defaults to null (spec); workerd returns undefined.
//
// Deviation: an aborted AbortSignal keeps its listeners (spec); workerd drops them after the
// abort event to save memory. Only observable by dispatching events on the signal by hand.
//
// Deviation: DOMException is serializable (structuredClone copies name and message), as HTML
// says; whether workerd's structuredClone accepts it is unverified.
//
// workerd behaviour followed on purpose (differences from the spec, not from Workers):
// addEventListener rejects capture and passive listeners with TypeError; a listener returning
// true cancels the event; timeStamp is always 0; ExtendableEvent has no constructor; waitUntil
// requires a trusted event; AbortSignal.timeout treats NaN and negative delays as 0 instead of
// throwing; the default abort reason is DOMException AbortError "The operation was aborted"
// and the timeout reason is TimeoutError "The operation was aborted due to timeout".
package dom
