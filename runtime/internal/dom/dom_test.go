package dom_test

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/dom"
	"github.com/edgeruntime/edge/runtime/internal/jstest"
)

// fakeHost is a Host with a virtual clock: pump fires the earliest timer.
type fakeHost struct {
	now      time.Duration
	seq      int
	timers   []*fakeTimer
	reported []error
}

type fakeTimer struct {
	at       time.Duration
	seq      int
	fn       func()
	canceled bool
}

func (h *fakeHost) SetTimeout(d time.Duration, fn func()) func() {
	h.seq++
	t := &fakeTimer{at: h.now + d, seq: h.seq, fn: fn}
	h.timers = append(h.timers, t)
	return func() { t.canceled = true }
}

func (h *fakeHost) ReportError(err error) { h.reported = append(h.reported, err) }

// pump runs the next timer; false when none is left.
func (h *fakeHost) pump() bool {
	for len(h.timers) > 0 {
		sort.SliceStable(h.timers, func(i, j int) bool {
			if h.timers[i].at != h.timers[j].at {
				return h.timers[i].at < h.timers[j].at
			}
			return h.timers[i].seq < h.timers[j].seq
		})
		t := h.timers[0]
		h.timers = h.timers[1:]
		if t.canceled {
			continue
		}
		h.now = t.at
		t.fn()
		return true
	}
	return false
}

func newVM(t *testing.T) (*goja.Runtime, *dom.DOM, *fakeHost) {
	t.Helper()
	vm := goja.New()
	host := &fakeHost{}
	d := dom.Install(vm, vm.GlobalObject(), host)
	return vm, d, host
}

func TestJS(t *testing.T) {
	files, err := filepath.Glob("testdata/*.test.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			vm, _, host := newVM(t)
			jstest.Run(t, vm, filepath.Base(f), string(src), host.pump)
		})
	}
}

func run(t *testing.T, vm *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := vm.RunString(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v
}

func TestListenerExceptionsAreReported(t *testing.T) {
	vm, _, host := newVM(t)
	run(t, vm, `
		const t = new EventTarget();
		t.addEventListener('x', () => { throw new TypeError('first'); });
		t.addEventListener('x', { handleEvent: 1 });
		t.addEventListener('x', () => { throw 'second'; });
		t.dispatchEvent(new Event('x'));
	`)
	var got []string
	for _, err := range host.reported {
		var ex *goja.Exception
		if !errors.As(err, &ex) {
			t.Fatalf("reported %T, want *goja.Exception", err)
		}
		got = append(got, ex.Value().String())
	}
	want := []string{"TypeError: first", "TypeError: handleEvent is not a function", "second"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("reported %q, want %q", got, want)
	}
}

func TestListenerExceptionsGoToConsoleWithoutReporter(t *testing.T) {
	vm := goja.New()
	dom.Install(vm, vm.GlobalObject(), nil)
	run(t, vm, `
		var logged = [];
		globalThis.console = { error: (e) => logged.push(String(e)) };
		const t = new EventTarget();
		t.addEventListener('x', () => { throw new Error('oops'); });
		t.dispatchEvent(new Event('x'));
	`)
	if got := run(t, vm, `logged.join()`).String(); got != "Error: oops" {
		t.Fatalf("console got %q", got)
	}
}

// fetchData is what a runtime would keep behind a FetchEvent.
type fetchData struct {
	request   goja.Value
	response  goja.Value
	passThru  bool
	responded bool
}

// defineFetchEvent is the pattern documented in doc.go.
func defineFetchEvent(vm *goja.Runtime, d *dom.DOM) *dom.EventClass {
	fe := d.DefineEventClass("FetchEvent", d.ExtendableEvent(), nil)
	fe.Getter("request", func(ev *dom.Event) goja.Value { return ev.Data().(*fetchData).request })
	fe.Method("respondWith", 1, func(ev *dom.Event, call goja.FunctionCall) goja.Value {
		fd := ev.Data().(*fetchData)
		if !ev.Dispatching() || fd.responded {
			panic(d.NewDOMException("InvalidStateError", "FetchEvent.respondWith() may only be called once."))
		}
		fd.responded = true
		fd.response = call.Argument(0)
		ev.StopImmediatePropagation()
		return goja.Undefined()
	})
	fe.Method("passThroughOnException", 0, func(ev *dom.Event, _ goja.FunctionCall) goja.Value {
		ev.Data().(*fetchData).passThru = true
		return goja.Undefined()
	})
	fe.Install(vm.GlobalObject())
	return fe
}

func TestFetchEventSubclass(t *testing.T) {
	vm, d, _ := newVM(t)
	fe := defineFetchEvent(vm, d)
	d.AdoptEventTarget(vm.GlobalObject())
	run(t, vm, `
		'use strict';
		var calls = [];
		addEventListener('fetch', (e) => {
			calls.push(e instanceof FetchEvent, e instanceof ExtendableEvent, e instanceof Event, e.isTrusted, e.request);
			e.waitUntil(Promise.resolve('w1'));
			e.passThroughOnException();
			e.respondWith('resp');
		});
		addEventListener('fetch', () => calls.push('not reached: respondWith stops propagation'));
		globalThis.addEventListener('scheduled', () => {});
	`)
	if n := d.ListenerCount(vm.GlobalObject(), "fetch"); n != 2 {
		t.Fatalf("ListenerCount = %d", n)
	}
	var hooked []*goja.Object
	evObj, ev := fe.New("fetch", dom.EventInit{}, &fetchData{request: vm.ToValue("req")})
	ev.SetWaitUntilHook(func(p *goja.Object) { hooked = append(hooked, p) })
	notCanceled, err := d.DispatchEvent(vm.GlobalObject(), evObj)
	if err != nil || !notCanceled {
		t.Fatalf("DispatchEvent = %v, %v", notCanceled, err)
	}
	fd := ev.Data().(*fetchData)
	if fd.response.String() != "resp" || !fd.passThru {
		t.Fatalf("fetch data %+v", fd)
	}
	if got := run(t, vm, `calls.join()`).String(); got != "true,true,true,true,req" {
		t.Fatalf("calls = %q", got)
	}
	ps := ev.WaitUntilPromises()
	if len(ps) != 1 || len(hooked) != 1 || ps[0] != hooked[0] {
		t.Fatalf("waitUntil promises %v, hooked %v", ps, hooked)
	}
	if p := ps[0].Export().(*goja.Promise); p.State() != goja.PromiseStateFulfilled || p.Result().String() != "w1" {
		t.Fatalf("promise %v %v", p.State(), p.Result())
	}
	// Members brand-check against the subclass.
	_ = vm.Set("fetchEvent", evObj)
	run(t, vm, `
		try { FetchEvent.prototype.respondWith.call(new Event('fetch'), 1); throw 'no'; }
		catch (e) { if (!(e instanceof TypeError)) throw e; }
		try { new FetchEvent('fetch'); throw 'no'; }
		catch (e) { if (!(e instanceof TypeError) || !/Illegal constructor/.test(e.message)) throw e; }
		// respondWith after dispatch is an InvalidStateError.
		try { fetchEvent.respondWith(1); throw 'no'; }
		catch (e) { if (e.name !== 'InvalidStateError') throw e; }
	`)
	if _, ok := fe.Unwrap(d.NewEvent("fetch")); ok {
		t.Fatal("a plain Event unwrapped as FetchEvent")
	}
	if _, ok := d.ExtendableEvent().Unwrap(evObj); !ok {
		t.Fatal("a FetchEvent did not unwrap as ExtendableEvent")
	}
}

func TestDispatchEventPropagatesTheFirstException(t *testing.T) {
	vm, d, host := newVM(t)
	d.AdoptEventTarget(vm.GlobalObject())
	run(t, vm, `
		var ran = [];
		addEventListener('scheduled', () => { ran.push(1); throw new RangeError('handler failed'); });
		addEventListener('scheduled', () => ran.push(2));
	`)
	_, err := d.DispatchEvent(vm.GlobalObject(), d.NewEvent("scheduled"))
	var ex *goja.Exception
	if !errors.As(err, &ex) || !strings.Contains(ex.Value().String(), "RangeError: handler failed") {
		t.Fatalf("err = %v", err)
	}
	if got := run(t, vm, `ran.join()`).String(); got != "1" {
		t.Fatalf("ran %q", got)
	}
	if len(host.reported) != 0 {
		t.Fatalf("reported %v", host.reported)
	}
	// FireEvent reports instead and runs every listener.
	d.FireEvent(vm.GlobalObject(), d.NewEvent("scheduled"))
	if got := run(t, vm, `ran.join()`).String(); got != "1,1,2" || len(host.reported) != 1 {
		t.Fatalf("ran %q, reported %v", got, host.reported)
	}
	if _, err := d.DispatchEvent(vm.NewObject(), d.NewEvent("x")); err == nil {
		t.Fatal("dispatch to a non-EventTarget succeeded")
	}
}

func TestAdoptedGlobal(t *testing.T) {
	vm, d, _ := newVM(t)
	d.AdoptEventTarget(vm.GlobalObject())
	run(t, vm, `
		if (!(globalThis instanceof EventTarget)) throw new Error('global is not an EventTarget');
		var n = 0;
		addEventListener('ping', () => n++);
		EventTarget.prototype.dispatchEvent.call(undefined, new Event('ping'));
		globalThis.dispatchEvent(new Event('ping'));
		if (n !== 2) throw new Error('n = ' + n);
	`)
	// Without adoption a bare call is an illegal invocation.
	vm2, _, _ := newVM(t)
	if _, err := vm2.RunString(`EventTarget.prototype.addEventListener.call(undefined, 'x', () => {})`); err == nil ||
		!strings.Contains(err.Error(), "Illegal invocation") {
		t.Fatalf("err = %v", err)
	}
}

func TestGoAbortSignal(t *testing.T) {
	vm, d, _ := newVM(t)
	sig, abort := d.NewAbortSignal()
	var order []string
	remove := d.OnAbort(sig, func(reason goja.Value) { order = append(order, "removed") })
	d.OnAbort(sig, func(reason goja.Value) { order = append(order, "algorithm:"+reason.String()) })
	remove()
	_ = vm.Set("sig", sig)
	_ = vm.Set("record", func(s string) { order = append(order, s) })
	run(t, vm, `sig.addEventListener('abort', () => record('event:' + sig.reason))`)
	if aborted, reason, ok := d.SignalAborted(sig); !ok || aborted || !goja.IsUndefined(reason) {
		t.Fatalf("SignalAborted before = %v %v %v", aborted, reason, ok)
	}
	abort(vm.ToValue("why"))
	abort(vm.ToValue("again"))
	if got := strings.Join(order, ","); got != "algorithm:why,event:why" {
		t.Fatalf("order %q", got)
	}
	if aborted, reason, ok := d.SignalAborted(sig); !ok || !aborted || reason.String() != "why" {
		t.Fatalf("SignalAborted after = %v %v %v", aborted, reason, ok)
	}
	if _, _, ok := d.SignalAborted(vm.NewObject()); ok {
		t.Fatal("SignalAborted accepted a plain object")
	}
	called := false
	d.OnAbort(sig, func(goja.Value) { called = true })()
	d.OnAbort(vm.ToValue(1), func(goja.Value) { called = true })()
	if called {
		t.Fatal("OnAbort on an aborted signal or a non-signal ran")
	}

	// Default reason.
	sig2, abort2 := d.NewAbortSignal()
	abort2(nil)
	_, reason, _ := d.SignalAborted(sig2)
	if s := reason.String(); s != "AbortError: The operation was aborted" {
		t.Fatalf("default reason %q", s)
	}
}

func TestAbortSignalTimeoutUsesHost(t *testing.T) {
	vm, _, host := newVM(t)
	run(t, vm, `var s = AbortSignal.timeout(1500); var s0 = AbortSignal.timeout(-5);`)
	if len(host.timers) != 2 || host.timers[0].at != 1500*time.Millisecond || host.timers[1].at != 0 {
		t.Fatalf("timers %+v", host.timers)
	}
	host.pump()
	host.pump()
	if got := run(t, vm, `s.aborted + ' ' + s.reason.name + ' ' + s0.aborted`).String(); got != "true TimeoutError true" {
		t.Fatalf("got %q", got)
	}
}

func TestInterruptInListenerIsNotSwallowed(t *testing.T) {
	vm, d, host := newVM(t)
	run(t, vm, `
		var t = new EventTarget();
		var after = false;
		t.addEventListener('x', () => { for (;;) {} });
		t.addEventListener('x', () => { after = true; });
	`)
	go func() {
		time.Sleep(20 * time.Millisecond)
		vm.Interrupt("stop")
	}()
	_, err := vm.RunString(`t.dispatchEvent(new Event('x'))`)
	var ie *goja.InterruptedError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v", err)
	}
	vm.ClearInterrupt()
	if run(t, vm, `after`).ToBoolean() {
		t.Fatal("a listener ran after the interrupt")
	}
	if len(host.reported) != 0 {
		t.Fatalf("reported %v", host.reported)
	}
	_ = d
}

func TestEventTargetBaseEmbedding(t *testing.T) {
	vm, d, _ := newVM(t)
	// A Go-backed EventTarget subclass, as WebSocket would be.
	type socket struct {
		dom.EventTargetBase
		expando
	}
	ctor := vm.ToValue(func(goja.ConstructorCall) *goja.Object { return nil }).(*goja.Object)
	proto := vm.NewObject()
	d.InheritEventTarget(ctor, proto)
	s := &socket{}
	obj := vm.NewDynamicObject(s)
	_ = obj.SetPrototype(proto)
	_ = vm.Set("sock", obj)
	run(t, vm, `var got = 0; sock.addEventListener('message', (e) => { got++; });`)
	d.FireEvent(obj, d.NewEvent("message"))
	if run(t, vm, `got`).ToInteger() != 1 || !run(t, vm, `sock instanceof EventTarget`).ToBoolean() {
		t.Fatal("embedded EventTargetBase did not work")
	}
}

// expando is a minimal goja.DynamicObject for TestEventTargetBaseEmbedding.
type expando struct{}

func (expando) Get(string) goja.Value       { return nil }
func (expando) Set(string, goja.Value) bool { return false }
func (expando) Has(string) bool             { return false }
func (expando) Delete(string) bool          { return true }
func (expando) Keys() []string              { return nil }
