package runtime

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// An invocation is one event (a fetch request) being handled by an isolate. Its loop-side
// fields are touched only on the isolate's goroutine; the HTTP goroutine talks to it through
// channels.
type invocation struct {
	iso *Isolate
	id  string          // request id (logs, console)
	ctx context.Context // the client's request context
	hr  *http.Request

	result chan result // receives exactly one result

	// loop-only
	settled     bool // result sent
	respPromise *goja.Promise
	responseOut bool // the HTTP side finished writing the response
	waitCount   int  // unsettled waitUntil promises
	finished    bool
	passThrough bool
	reader      *goja.Object // reader of a streamed JS response body
	subrequests int
	sockets     int         // accepted WebSockets still open; the invocation lives until they close
	cleanups    []func()    // run when the invocation finishes (cancel its subrequests)
	waitTimer   *time.Timer // ends waitUntil work waitUntilLimit after the response

	// Non-fetch invocations (scheduled, tests; see Worker.invoke): onFinish runs once
	// everything settled; onHang runs when the handler can never finish; firstErr is the
	// first exception, a *ScriptError of phase.
	phase    string
	onFinish func()
	onHang   func()
	firstErr error
}

// result is what the HTTP goroutine needs to write the response.
type result struct {
	status int
	header http.Header
	body   body
	encode bool  // compress the body per its Content-Encoding header
	err    error // non-nil: answer 500 and log

	ws *webSocket // a 101 Response's WebSocket: the connection is upgraded
}

func (iso *Isolate) newInvocation(ctx context.Context, hr *http.Request) *invocation {
	return &invocation{iso: iso, ctx: ctx, hr: hr, result: make(chan result, 1), id: iso.w.newRequestID()}
}

// newRequestID returns a short id unique within the process: a per-process prefix and a
// counter, cheaper than random bytes on the request path.
func (w *Worker) newRequestID() string {
	return w.idPrefix + strconv.FormatUint(w.reqSeq.Add(1), 36)
}

// respond converts the handler's resolved value into a result.
func (inv *invocation) respond(v goja.Value) {
	if inv.settled {
		return
	}
	iso := inv.iso
	resp, ok := iso.cls.response.Unwrap(v)
	if !ok {
		inv.fail(&JSError{Class: "TypeError", Message: "Incorrect type for Promise: the Promise did not resolve to 'Response'."})
		return
	}
	if resp.body.isUsed(iso) {
		inv.fail(&JSError{Class: "TypeError", Message: bodyUsedMessage})
		return
	}
	if resp.status == 0 {
		inv.fail(&JSError{Class: "TypeError", Message: "Return value from serve handler must not be an error response (like Response.error())"})
		return
	}
	ws, err := iso.takeWebSocket(resp.webSocket)
	if err != nil {
		inv.fail(err)
		return
	}
	h := make(http.Header, len(resp.hdr.fields)+1)
	resp.hdr.writeTo(h)
	b := resp.body
	// The body now belongs to the HTTP writer.
	resp.body = body{used: true, kind: bodyNone}
	if b.kind == bodyStream {
		if l := iso.streamCall("expectedLength", b.stream); l != nil && !goja.IsUndefined(l) {
			b.length = l.ToInteger()
		} else {
			b.length = -1
		}
	}
	inv.settled = true
	// Workers encodes a body produced in JS per the response's Content-Encoding (unless
	// encodeBody: "manual"); a fetch() body passed through untouched is still encoded.
	encode := !resp.manualEnc && (b.kind == bodyBytes || b.kind == bodyStream) && encodable(h.Get("Content-Encoding"))
	inv.result <- result{status: resp.status, header: h, body: b, encode: encode, ws: ws}
}

// fail answers the request with a 500 and logs the exception with its stack.
func (inv *invocation) fail(err error) {
	if inv.settled {
		return
	}
	inv.settled = true
	inv.result <- result{err: err}
}

// failValue is fail for a thrown JS value.
func (inv *invocation) failValue(v goja.Value) {
	inv.fail(&thrown{v: v, stack: stackOf(v, nil), first: firstLine(v)})
}

// thrown is a JS value thrown or rejected by a handler.
type thrown struct {
	v     goja.Value
	stack string
	first string
}

func (t *thrown) Error() string { return t.stack }

// firstLine renders "Name: message" the way workerd prints an uncaught exception; a thrown
// non-Error value shows as "Error: <value>".
func firstLine(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		name := o.Get("name")
		msg := o.Get("message")
		if name != nil && !goja.IsUndefined(name) && msg != nil && !goja.IsUndefined(msg) {
			if msg.String() == "" {
				return name.String()
			}
			return name.String() + ": " + msg.String()
		}
	}
	if v == nil {
		return "Error: undefined"
	}
	return "Error: " + v.String()
}

// waitUntil keeps the invocation alive until p settles.
func (inv *invocation) waitUntil(p goja.Value) {
	inv.waitCount++
	inv.iso.await(p, func(goja.Value) {
		inv.waitCount--
		inv.maybeFinish()
	}, func(e goja.Value) {
		inv.iso.w.log.Error("Uncaught (in promise) in waitUntil", "error", stackOf(e, nil))
		inv.waitCount--
		inv.maybeFinish()
	})
}

// responseWritten is posted by the HTTP side once the response is complete.
func (inv *invocation) responseWritten() {
	inv.responseOut = true
	inv.maybeFinish()
	if !inv.finished && inv.waitCount > 0 {
		// Workers gives waitUntil work 30 s after the response; then the invocation ends.
		// The timer is not "pending work": it must not hide other requests' hangs.
		// It is stopped when the invocation finishes first, so that the invocation (its
		// request, response and JS objects) is not kept for the whole limit.
		iso := inv.iso
		inv.waitTimer = time.AfterFunc(waitUntilLimit, func() {
			iso.Post(func() {
				if !inv.finished {
					iso.w.log.Warn("waitUntil() tasks did not complete within the allowed time after the response; cancelling them", "limit", waitUntilLimit)
					inv.waitCount = 0
					inv.maybeFinish()
				}
			})
		})
	}
}

// waitUntilLimit is how long waitUntil work may run after the response (Workers: 30 s).
const waitUntilLimit = 30 * time.Second

func (inv *invocation) maybeFinish() {
	if inv.finished || !inv.responseOut || inv.waitCount > 0 || inv.sockets > 0 {
		return
	}
	inv.finished = true
	if inv.waitTimer != nil {
		inv.waitTimer.Stop()
	}
	for _, c := range inv.cleanups {
		c()
	}
	iso := inv.iso
	iso.cancelTimersOf(inv)
	iso.dropWebSockets(inv)
	iso.removeWaiter(inv)
	iso.inflight.Add(-1)
	if inv.onFinish != nil {
		inv.onFinish()
	}
}

func (iso *Isolate) removeWaiter(inv *invocation) {
	for i, w := range iso.waiters {
		if w == inv {
			iso.waiters = append(iso.waiters[:i], iso.waiters[i+1:]...)
			return
		}
	}
}

// checkHung fails invocations whose response can never arrive: nothing is pending on the
// isolate (no host I/O, no timers) and the queue is empty, yet their promise is unsettled.
func (iso *Isolate) checkHung() {
	if iso.pending > 0 || len(iso.waiters) == 0 {
		return
	}
	iso.mu.Lock()
	busy := len(iso.queue) > 0
	iso.mu.Unlock()
	if busy {
		return
	}
	for _, inv := range append([]*invocation(nil), iso.waiters...) {
		if inv.onHang != nil {
			h := inv.onHang
			inv.onHang = nil
			h()
			continue
		}
		if !inv.settled && inv.respPromise != nil && inv.respPromise.State() == goja.PromiseStatePending {
			inv.fail(&JSError{Class: "Error", Message: "The script will never generate a response."})
		}
	}
}

// await runs onOK or onErr when v settles. v may be a promise, a thenable or a plain value.
// Already-settled native promises are handled without allocating reaction functions.
func (iso *Isolate) await(v goja.Value, onOK func(goja.Value), onErr func(goja.Value)) {
	vm := iso.vm
	if o, ok := v.(*goja.Object); ok {
		if p, ok := o.Export().(*goja.Promise); ok {
			switch p.State() {
			case goja.PromiseStateFulfilled:
				onOK(p.Result())
				return
			case goja.PromiseStateRejected:
				delete(iso.rejection, p)
				onErr(p.Result())
				return
			}
		}
		if then, ok := goja.AssertFunction(o.Get("then")); ok {
			okFn := vm.ToValue(func(call goja.FunctionCall) goja.Value { onOK(call.Argument(0)); return goja.Undefined() })
			errFn := vm.ToValue(func(call goja.FunctionCall) goja.Value { onErr(call.Argument(0)); return goja.Undefined() })
			if _, err := then(o, okFn, errFn); err != nil {
				onErr(iso.ErrorValue(err))
			}
			return
		}
	}
	onOK(v)
}

// trackRejection implements unhandled-rejection reporting: a promise rejected with no handler
// is remembered; if it is still unhandled after the current task, it is logged.
func (iso *Isolate) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		iso.rejection[p] = p.Result()
		if len(iso.rejection) == 1 {
			iso.Post(iso.reportRejections)
		}
	case goja.PromiseRejectionHandle:
		delete(iso.rejection, p)
	}
}

func (iso *Isolate) reportRejections() {
	for p, v := range iso.rejection {
		delete(iso.rejection, p)
		iso.w.log.Error("Uncaught (in promise)", "error", stackOf(v, nil), "isolate", iso.id)
	}
}

// execContext is the `ctx` argument of module handlers (ExecutionContext).
type execContext struct {
	jsutil.Expando
	inv   *invocation
	props goja.Value
}

// fetchEvent is the FetchEvent of service-worker scripts.
type fetchEvent struct {
	jsutil.Expando
	inv       *invocation
	request   *goja.Object
	responded bool
	response  goja.Value
	stopped   bool
}

func (iso *Isolate) installExecutionContext(global *goja.Object) {
	vm := iso.vm
	c := jsutil.NewClass[*execContext](vm, "ExecutionContext", 0, nil)
	iso.cls.ctx = c
	c.Method("waitUntil", 1, func(x *execContext, call goja.FunctionCall) goja.Value {
		x.inv.waitUntil(call.Argument(0))
		return goja.Undefined()
	})
	c.Method("passThroughOnException", 0, func(x *execContext, call goja.FunctionCall) goja.Value {
		x.inv.passThrough = true
		return goja.Undefined()
	})
	c.Getter("props", func(x *execContext) goja.Value {
		if x.props == nil {
			x.props = vm.NewObject()
		}
		return x.props
	})
	c.Install(global)

	fe := jsutil.NewClass[*fetchEvent](vm, "FetchEvent", 2, nil)
	iso.cls.fetchEvent = fe
	fe.Getter("type", func(e *fetchEvent) goja.Value { return vm.ToValue("fetch") })
	fe.Getter("request", func(e *fetchEvent) goja.Value { return e.request })
	fe.Method("respondWith", 1, func(e *fetchEvent, call goja.FunctionCall) goja.Value {
		if e.responded {
			panic(jsutil.NewDOMException(vm, "InvalidStateError", "FetchEvent.respondWith() has already been called; it can only be called once."))
		}
		e.responded = true
		e.response = call.Argument(0)
		return goja.Undefined()
	})
	fe.Method("waitUntil", 1, func(e *fetchEvent, call goja.FunctionCall) goja.Value {
		e.inv.waitUntil(call.Argument(0))
		return goja.Undefined()
	})
	fe.Method("passThroughOnException", 0, func(e *fetchEvent, call goja.FunctionCall) goja.Value {
		e.inv.passThrough = true
		return goja.Undefined()
	})
	fe.Method("stopImmediatePropagation", 0, func(e *fetchEvent, call goja.FunctionCall) goja.Value {
		e.stopped = true
		return goja.Undefined()
	})
	fe.Install(global)
	// FetchEvent is an Event (instanceof Event holds, as in workerd).
	// Deviation: the inherited Event members (preventDefault, timeStamp …) brand-check against
	// the dom package's events and throw "Illegal invocation" on a FetchEvent.
	for _, parent := range []string{"ExtendableEvent", "Event"} {
		if p, ok := global.Get(parent).(*goja.Object); ok {
			if proto, ok := p.Get("prototype").(*goja.Object); ok {
				_ = fe.Proto.SetPrototype(proto)
				break
			}
		}
	}
}

// dispatchFetch runs on the loop: it calls the worker's fetch handler for inv.
func (iso *Isolate) dispatchFetch(inv *invocation) {
	if inv.ctx.Err() != nil {
		inv.fail(inv.ctx.Err())
		inv.responseWritten()
		return
	}
	reqObj := iso.newIncomingRequest(inv, inv.hr)
	var ret goja.Value
	var err error
	iso.current, iso.taskInv = inv, inv
	if h := iso.handlers.fetch; h != nil {
		ctxObj := iso.cls.ctx.Wrap(&execContext{inv: inv})
		ret, err = h(iso.handlers.fetchThis, reqObj, iso.env, ctxObj)
	} else if len(iso.handlers.listeners["fetch"]) > 0 {
		ev := &fetchEvent{inv: inv, request: reqObj}
		evObj := iso.cls.fetchEvent.Wrap(ev)
		for _, l := range iso.handlers.listeners["fetch"] {
			if _, err = l(goja.Undefined(), evObj); err != nil || ev.stopped {
				break
			}
		}
		if err == nil {
			if !ev.responded {
				err = &JSError{Class: "Error", Message: "No response!"}
			} else {
				ret = ev.response
			}
		}
	} else {
		err = &JSError{Class: "Error", Message: "Handler does not export a fetch() function."}
	}
	iso.current = nil
	if err != nil {
		var so *goja.StackOverflowError
		if ex, ok := err.(*goja.Exception); ok {
			inv.failValue(ex.Value())
		} else if errors.As(err, &so) {
			inv.fail(&JSError{Class: "RangeError", Message: "Maximum call stack size exceeded"})
			iso.recycle(RecycleStackOverflow)
		} else {
			inv.fail(err)
		}
		return
	}
	if o, ok := ret.(*goja.Object); ok {
		if p, ok := o.Export().(*goja.Promise); ok && p.State() == goja.PromiseStatePending {
			inv.respPromise = p
			iso.waiters = append(iso.waiters, inv)
		}
	}
	iso.await(ret, inv.respond, inv.failValue)
	if inv.settled {
		iso.removeWaiter(inv)
	}
}

// encodable reports whether edge compresses bodies for this Content-Encoding value.
func encodable(enc string) bool {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "gzip", "deflate", "br":
		return true
	}
	return false
}
