package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/dom"
	"github.com/edgeruntime/edge/runtime/internal/formdata"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// An Isolate is one goja.Runtime owned by one goroutine running its event loop. All JS of the
// isolate runs on that goroutine; host work (KV, fetch, body reads) runs on other goroutines and
// posts its completion back with Post. One isolate serves many requests concurrently while they
// await I/O, and globals persist across requests, as in workerd.
type Isolate struct {
	w  *Worker
	id int
	vm *goja.Runtime

	// exec is held by whichever goroutine runs this isolate's JS: the loop goroutine, or an
	// HTTP goroutine running its request inline. goja needs one goroutine at a time, not a
	// fixed one.
	exec sync.Mutex

	mu     sync.Mutex
	queue  []func()
	spare  []func()
	wake   chan struct{}
	closed bool
	done   chan struct{}

	// taskStart is when the running task began (unix ns), 0 when idle; the watchdog reads it.
	taskStart    atomic.Int64
	interrupting atomic.Bool
	interruptErr atomic.Pointer[limitError] // why, once interrupting
	// retiring is set once the isolate is being replaced; replaced closes when the new one is
	// in the pool (Worker.pick waits for it instead of routing work here).
	retiring atomic.Bool
	replaced chan struct{}

	// inflight counts requests dispatched to this isolate and not yet finished (including
	// their waitUntil work); the pool picks the least-loaded isolate with it.
	inflight atomic.Int64

	// Loop-goroutine-only state below.
	pending   int // host operations and timers that may still post work
	timers    map[int64]*timer
	nextTimer int64
	waiters   []*invocation // invocations whose response promise is still pending
	cls       classes
	streams   *goja.Object // the streams package's host interface
	global    *goja.Object
	env       *goja.Object
	handlers  handlers
	current   *invocation // the invocation whose JS is running now, if any
	taskInv   *invocation // the last invocation the running task ran JS for
	retired   bool        // replaced after a CPU-limit interrupt
	// inGlobalScope is true while the script's top level runs (no request context).
	inGlobalScope bool
	rejection     map[*goja.Promise]goja.Value
	dom           *dom.DOM
	formdata      *formdata.API
	locals        map[any]any

	jsonParseFn, jsonStringifyFn goja.Callable
}

// classes holds the Go-implemented JS classes of one isolate.
type classes struct {
	headers        *jsutil.Class[*headers]
	headersIter    *jsutil.Class[*headersIterator]
	request        *jsutil.Class[*request]
	response       *jsutil.Class[*response]
	ctx            *jsutil.Class[*execContext]
	fetchEvent     *jsutil.Class[*fetchEvent]
	scheduledCtl   *jsutil.Class[*scheduledController]
	scheduledEvent *jsutil.Class[*scheduledController]
	ws             *wsAPI
	u8ctor         goja.Constructor
}

// VM returns the isolate's goja runtime. It may only be used on the isolate's loop goroutine:
// inside a host function called from JS, or inside a function passed to Post.
func (iso *Isolate) VM() *goja.Runtime { return iso.vm }

// Logger returns the worker's logger.
func (iso *Isolate) Logger() *slog.Logger { return iso.w.log }

// Post queues fn to run on the isolate (by its loop goroutine, or by the goroutine that owns it
// when it drains the queue). It is safe to call from any goroutine,
// including the loop itself. It reports false if the isolate is shut down.
func (iso *Isolate) Post(fn func()) bool {
	iso.mu.Lock()
	if iso.closed {
		iso.mu.Unlock()
		return false
	}
	iso.queue = append(iso.queue, fn)
	iso.mu.Unlock()
	select {
	case iso.wake <- struct{}{}:
	default:
	}
	return true
}

// run is the event loop goroutine. It runs queued work whenever no other goroutine owns the
// isolate: an HTTP goroutine that finds the isolate free runs its request inline (see
// Worker.ServeHTTP), which saves two goroutine handoffs per request.
func (iso *Isolate) run() {
	defer close(iso.done)
	for {
		iso.mu.Lock()
		for len(iso.queue) == 0 {
			if iso.closed {
				iso.mu.Unlock()
				return
			}
			iso.mu.Unlock()
			<-iso.wake
			iso.mu.Lock()
		}
		iso.mu.Unlock()
		iso.exec.Lock()
		iso.drain()
		iso.exec.Unlock()
	}
}

// drain runs queued tasks until the queue is empty. The caller owns iso.exec.
func (iso *Isolate) drain() {
	for {
		iso.mu.Lock()
		batch := iso.queue
		if len(batch) == 0 {
			iso.mu.Unlock()
			break
		}
		iso.queue = iso.spare[:0]
		iso.mu.Unlock()
		for i, fn := range batch {
			iso.runTask(fn)
			batch[i] = nil
		}
		iso.spare = batch
	}
	iso.checkHung()
}

// runOwned runs fn with exclusive ownership of the isolate on the calling goroutine, then
// drains whatever fn queued. It blocks while another goroutine owns the isolate.
func (iso *Isolate) runOwned(fn func()) {
	iso.exec.Lock()
	iso.runTask(fn)
	iso.drain()
	iso.exec.Unlock()
}

// runTask runs one macrotask. goja drains the microtask queue when the outermost JS call
// returns, so by the time runTask returns all promise reactions it caused have run.
func (iso *Isolate) runTask(fn func()) {
	start := time.Now().UnixNano()
	iso.taskStart.Store(start)
	iso.taskInv = nil
	defer func() {
		iso.taskStart.Store(0)
		iso.w.counters.jsNanos.Add(time.Now().UnixNano() - start)
		if iso.interrupting.Load() {
			// The interrupt may land after the JS returned; it must not hit the next task.
			iso.vm.ClearInterrupt()
			iso.interrupting.Store(false)
			// goja's async functions swallow an interrupt raised in their continuation, and
			// the pending reactions are dropped: fail the invocation this task ran for, then
			// every other unanswered one, and replace the isolate.
			reason := iso.interruptErr.Load()
			if inv := iso.taskInv; inv != nil {
				iso.uncatchable(inv, reason)
			}
			iso.retire(reason)
		}
		if r := recover(); r != nil {
			iso.w.log.Error("internal error on isolate loop", "isolate", iso.id, "panic", fmt.Sprint(r))
		}
	}()
	fn()
}

// shutdown stops the loop after the queued tasks ran.
func (iso *Isolate) shutdown() {
	iso.mu.Lock()
	iso.closed = true
	iso.mu.Unlock()
	select {
	case iso.wake <- struct{}{}:
	default:
	}
	<-iso.done
}

// Settle is returned by off-loop work and runs on the loop to produce the promise's value.
// Returning an error rejects the promise (see JSError for choosing the JS error class).
type Settle func(vm *goja.Runtime) (goja.Value, error)

// Async runs work on a new goroutine and returns a promise that settles on the loop with the
// result of the Settle that work returns. It must be called on the loop goroutine. The isolate
// counts the operation as pending until it settles, so a request awaiting it is not "hung".
func (iso *Isolate) Async(work func(ctx context.Context) Settle) goja.Value {
	p, resolve, reject := iso.vm.NewPromise()
	iso.pending++
	ctx := context.Background()
	inv := iso.current
	if inv != nil {
		ctx = inv.ctx
	}
	go func() {
		settle := work(ctx)
		iso.Post(func() {
			iso.pending--
			prev := iso.current
			iso.current, iso.taskInv = inv, inv
			v, err := settle(iso.vm)
			if err != nil {
				err = reject(iso.ErrorValue(err))
			} else {
				err = resolve(v)
			}
			iso.current = prev
			if err != nil { // uncatchable: interrupted or stack overflow in a continuation
				iso.uncatchable(inv, err)
			}
		})
	}()
	return iso.vm.ToValue(p)
}

// thrownValue is a Go error carrying a JS value to reject or throw with as it is (an abort reason).
type thrownValue struct{ v goja.Value }

func (t *thrownValue) Error() string { return t.v.String() }

// globalScopeMessage is workerd's error for I/O, timers and random values outside a handler.
const globalScopeMessage = "Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or connect()), setting a timeout, and generating random values are not allowed within global scope. To fix this error, perform this operation within a handler. https://developers.cloudflare.com/workers/runtime-apis/handlers/"

// CheckRequestContext throws workerd's "Disallowed operation called within global scope" error
// when called while the script's top level runs. Host APIs that do I/O call it first.
func (iso *Isolate) CheckRequestContext() {
	if iso.inGlobalScope {
		jsutil.Throw(iso.vm, "Error", globalScopeMessage)
	}
}

// Resolved returns an already-resolved promise.
func (iso *Isolate) Resolved(v goja.Value) goja.Value {
	p, resolve, _ := iso.vm.NewPromise()
	_ = resolve(v)
	return iso.vm.ToValue(p)
}

// Rejected returns an already-rejected promise.
func (iso *Isolate) Rejected(err error) goja.Value {
	p, _, reject := iso.vm.NewPromise()
	_ = reject(iso.ErrorValue(err))
	return iso.vm.ToValue(p)
}

// JSError is a Go error that becomes a JS exception of a given class when it crosses into JS.
type JSError struct {
	Class   string // "TypeError", "RangeError", "Error", or a DOMException name with DOMException=true
	Message string
	DOM     bool
}

func (e *JSError) Error() string { return e.Class + ": " + e.Message }

// ErrorValue converts a Go error into the JS value to throw or reject with. A *JSError becomes an
// instance of its class; a *goja.Exception keeps its original value; anything else becomes an
// Error with the Go message (host code should not let raw Go errors reach users).
func (iso *Isolate) ErrorValue(err error) goja.Value {
	var tv *thrownValue
	if errors.As(err, &tv) {
		return tv.v
	}
	var je *JSError
	if errors.As(err, &je) {
		if je.DOM {
			return jsutil.NewDOMException(iso.vm, je.Class, je.Message)
		}
		return jsutil.NewError(iso.vm, je.Class, je.Message)
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex.Value()
	}
	return jsutil.NewError(iso.vm, "Error", err.Error())
}

// Throw panics with the JS value for err; use it inside host functions called from JS.
func (iso *Isolate) Throw(err error) {
	panic(iso.ErrorValue(err))
}

// Bytes returns the bytes of an ArrayBuffer or ArrayBufferView without copying.
func (iso *Isolate) Bytes(v goja.Value) ([]byte, bool) { return jsutil.Bytes(iso.vm, v) }

// NewArrayBuffer wraps b (not copied) in an ArrayBuffer.
func (iso *Isolate) NewArrayBuffer(b []byte) goja.Value { return jsutil.NewArrayBuffer(iso.vm, b) }

// NewUint8Array wraps b (not copied) in a Uint8Array.
func (iso *Isolate) NewUint8Array(b []byte) *goja.Object {
	o, err := iso.cls.u8ctor(nil, iso.vm.ToValue(iso.vm.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return o
}

// timer is a setTimeout/setInterval registration.
type timer struct {
	id       int64
	fn       goja.Callable
	args     []goja.Value
	interval time.Duration
	due      time.Time
	repeat   bool
	t        *time.Timer
	inv      *invocation
}

// SetTimeout runs fn on the loop after d; the returned func cancels it. Host code (AbortSignal.timeout,
// fetch timeouts) uses it; it counts as pending work until it fires or is cancelled.
func (iso *Isolate) SetTimeout(d time.Duration, fn func()) (cancel func()) {
	iso.pending++
	fired := false
	t := time.AfterFunc(d, func() {
		iso.Post(func() {
			if fired {
				return
			}
			fired = true
			iso.pending--
			fn()
		})
	})
	return func() {
		if fired {
			return
		}
		if t.Stop() {
			fired = true
			iso.pending--
		}
	}
}

func (iso *Isolate) addTimer(fn goja.Callable, d time.Duration, repeat bool, args []goja.Value) int64 {
	if d < 0 {
		d = 0
	}
	iso.nextTimer++
	tm := &timer{id: iso.nextTimer, fn: fn, args: args, interval: d, repeat: repeat, inv: iso.current}
	iso.timers[tm.id] = tm
	iso.pending++
	iso.armTimer(tm)
	return tm.id
}

func (iso *Isolate) armTimer(tm *timer) {
	tm.due = time.Now().Add(tm.interval)
	tm.t = time.AfterFunc(tm.interval, func() {
		iso.Post(iso.fireDueTimers)
	})
}

// fireDueTimers runs every timer whose time has come, earliest deadline first and in creation
// order for equal deadlines — each Go timer only wakes the loop, so the order in which the Go
// timers happen to fire does not leak into JS.
func (iso *Isolate) fireDueTimers() {
	now := time.Now()
	var due []*timer
	for _, tm := range iso.timers {
		if !tm.due.After(now) {
			due = append(due, tm)
		}
	}
	sort.Slice(due, func(i, j int) bool {
		if !due[i].due.Equal(due[j].due) {
			return due[i].due.Before(due[j].due)
		}
		return due[i].id < due[j].id
	})
	for _, tm := range due {
		iso.fireTimer(tm)
	}
}

func (iso *Isolate) fireTimer(tm *timer) {
	if iso.timers[tm.id] != tm {
		return // cleared
	}
	if !tm.repeat {
		delete(iso.timers, tm.id)
		iso.pending--
	}
	iso.callIn(tm.inv, func() error {
		_, err := tm.fn(goja.Undefined(), tm.args...)
		return err
	})
	if tm.repeat && iso.timers[tm.id] == tm {
		iso.armTimer(tm)
	}
}

func (iso *Isolate) clearTimer(id int64) {
	tm, ok := iso.timers[id]
	if !ok {
		return
	}
	delete(iso.timers, id)
	tm.t.Stop()
	iso.pending--
}

// cancelTimersOf drops the timers an invocation created once it is completely finished, as
// workerd cancels a request's timers when the request ends.
func (iso *Isolate) cancelTimersOf(inv *invocation) {
	for id, tm := range iso.timers {
		if tm.inv == inv {
			iso.clearTimer(id)
		}
	}
}

// callIn runs JS on behalf of an invocation, making it current so host calls made by that JS
// (fetch, KV) are attributed to it. A JS exception is reported to the invocation (or logged).
func (iso *Isolate) callIn(inv *invocation, fn func() error) {
	prev := iso.current
	iso.current = inv
	if inv != nil {
		iso.taskInv = inv
	}
	err := fn()
	iso.current = prev
	if err != nil {
		iso.reportException(inv, err)
	}
}

// reportException logs an uncaught exception raised outside the handler's own promise chain.
func (iso *Isolate) reportException(inv *invocation, err error) {
	var ie *goja.InterruptedError
	var so *goja.StackOverflowError
	if errors.As(err, &ie) || errors.As(err, &so) {
		iso.uncatchable(inv, err)
		return
	}
	iso.w.log.Error("Uncaught exception", "error", describeError(err), "isolate", iso.id)
}

// retire takes the isolate out of service after a limit interrupt or an uncatchable error:
// unanswered invocations fail with err and the worker swaps in a fresh isolate.
func (iso *Isolate) retire(err *limitError) {
	if !iso.recycle(err.reason) {
		return
	}
	for _, inv := range append([]*invocation(nil), iso.waiters...) {
		iso.uncatchable(inv, err)
	}
}

// recycle starts replacing the isolate with a fresh one (loop goroutine only); work in flight
// finishes here, new work goes to the replacement. It reports false when already retired.
func (iso *Isolate) recycle(reason string) bool {
	if iso.retired {
		return false
	}
	iso.retired = true
	iso.replaced = make(chan struct{})
	iso.retiring.Store(true)
	go iso.w.replace(iso, reason)
	return true
}

// uncatchable handles an error JS cannot catch (CPU-limit interrupt, stack overflow) raised
// while running JS for inv: the invocation fails with it if it has not answered yet.
func (iso *Isolate) uncatchable(inv *invocation, err error) {
	if inv != nil && !inv.settled && inv.onFinish == nil {
		inv.fail(err)
		return
	}
	if inv != nil && inv.onHang != nil {
		inv.recordError(err)
		inv.onHang = nil
		inv.responseWritten()
		return
	}
	iso.w.log.Error("Uncaught exception", "error", describeError(err), "isolate", iso.id)
}

// describeError renders a JS exception with its (source-mapped) stack, or a Go error.
func describeError(err error) string {
	s := describeErrorFull(err)
	if len(s) > maxLoggedStack {
		s = s[:maxLoggedStack] + "\n    … (stack truncated)"
	}
	return s
}

func describeErrorFull(err error) string {
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		return "RangeError: Maximum call stack size exceeded"
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return stackOf(ex.Value(), ex)
	}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		return ie.Error()
	}
	return err.Error()
}

// stackOf prefers the error object's own stack property (it holds "Name: message\n    at …"),
// falling back to goja's exception text.
func stackOf(v goja.Value, ex *goja.Exception) string {
	if o, ok := v.(*goja.Object); ok {
		if s := o.Get("stack"); s != nil && !goja.IsUndefined(s) && !goja.IsNull(s) {
			str := s.String()
			if str != "" {
				return str
			}
		}
	}
	if ex != nil {
		return ex.String()
	}
	return v.String()
}
