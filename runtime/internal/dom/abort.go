package dom

import (
	"math"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// Reasons an AbortSignal gets when none is given, with workerd's wording.
const (
	abortMessage   = "The operation was aborted"
	timeoutMessage = "The operation was aborted due to timeout"
)

// abortSignal is the Go state of an AbortSignal (DOM §3.2).
type abortSignal struct {
	jsutil.Expando
	EventTargetBase

	aborted    bool
	reason     goja.Value
	algorithms []*abortAlgorithm

	// AbortSignal.any: a dependent signal follows its (never dependent) sources.
	dependent  bool
	sources    []*abortSignal
	dependents []*abortSignal
}

type abortAlgorithm struct{ fn func(reason goja.Value) }

// addAlgorithm adds an abort algorithm and returns the func that removes it again. Nothing is
// added to a signal that is already aborted.
func (s *abortSignal) addAlgorithm(fn func(reason goja.Value)) (remove func()) {
	if s.aborted {
		return func() {}
	}
	a := &abortAlgorithm{fn: fn}
	s.algorithms = append(s.algorithms, a)
	return func() {
		for i, x := range s.algorithms {
			if x == a {
				s.algorithms = append(s.algorithms[:i:i], s.algorithms[i+1:]...)
				return
			}
		}
	}
}

type abortController struct {
	jsutil.Expando
	signalObj *goja.Object
	signal    *abortSignal
}

func (d *DOM) newSignal() (*goja.Object, *abortSignal) {
	s := &abortSignal{}
	o := d.abortSignal.Wrap(s)
	s.obj = o
	return o, s
}

// signalAbort is DOM "signal abort". Listener exceptions are reported; an uncatchable error
// stops the abort steps and is returned.
func (d *DOM) signalAbort(s *abortSignal, reason goja.Value) error {
	if s.aborted {
		return nil
	}
	if reason == nil || goja.IsUndefined(reason) {
		reason = d.NewDOMException("AbortError", abortMessage)
	}
	s.aborted, s.reason = true, reason
	// Dependents take the reason now, before any algorithm or listener can observe them; their
	// abort steps run after ours.
	var deps []*abortSignal
	for _, dep := range s.dependents {
		if !dep.aborted {
			dep.aborted, dep.reason = true, reason
			deps = append(deps, dep)
		}
	}
	s.dependents = nil
	if err := d.runAbortSteps(s); err != nil {
		return err
	}
	for _, dep := range deps {
		dep.unlinkSources()
		if err := d.runAbortSteps(dep); err != nil {
			return err
		}
	}
	return nil
}

// unlinkSources drops an aborted dependent from its other sources, which no longer need it.
func (s *abortSignal) unlinkSources() {
	for _, src := range s.sources {
		for i, dep := range src.dependents {
			if dep == s {
				src.dependents = append(src.dependents[:i:i], src.dependents[i+1:]...)
				break
			}
		}
	}
	s.sources = nil
}

// runAbortSteps runs the abort algorithms in order, then fires a trusted "abort" event.
func (d *DOM) runAbortSteps(s *abortSignal) error {
	algs := s.algorithms
	s.algorithms = nil
	for _, a := range algs {
		a.fn(s.reason)
	}
	evObj, ev := d.event.New("abort", EventInit{}, nil)
	_, err := d.dispatch(&s.EventTargetBase, s.obj, ev, evObj, true)
	return err
}

func (d *DOM) installAbort() {
	vm := d.vm
	sc := jsutil.NewClass[*abortSignal](vm, "AbortSignal", 0, nil)
	d.abortSignal = sc
	d.InheritEventTarget(sc.Ctor, sc.Proto)
	sc.Getter("aborted", func(s *abortSignal) goja.Value { return vm.ToValue(s.aborted) })
	sc.Getter("reason", func(s *abortSignal) goja.Value {
		if s.reason == nil {
			return goja.Undefined()
		}
		return s.reason
	})
	sc.Method("throwIfAborted", 0, func(s *abortSignal, _ goja.FunctionCall) goja.Value {
		if s.aborted {
			panic(s.reason)
		}
		return goja.Undefined()
	})
	sc.Accessor("onabort", func(s *abortSignal) goja.Value { return s.getAttr("abort") },
		func(s *abortSignal, v goja.Value) { s.setAttr("abort", v) })

	sc.Static("abort", 0, func(call goja.FunctionCall) goja.Value {
		o, s := d.newSignal()
		reason := call.Argument(0)
		if goja.IsUndefined(reason) {
			reason = d.NewDOMException("AbortError", abortMessage)
		}
		s.aborted, s.reason = true, reason
		return o
	})
	sc.Static("timeout", 1, func(call goja.FunctionCall) goja.Value {
		ms := call.Argument(0).ToFloat()
		if d.host == nil {
			panic(vm.NewTypeError("AbortSignal.timeout() is not available in this context"))
		}
		o, s := d.newSignal()
		d.host.SetTimeout(msDuration(ms), func() {
			d.report(d.signalAbort(s, d.NewDOMException("TimeoutError", timeoutMessage)))
		})
		return o
	})
	sc.Static("any", 1, func(call goja.FunctionCall) goja.Value {
		var signals []*abortSignal
		vm.ForOf(call.Argument(0), func(v goja.Value) bool {
			s, ok := state(v).(*abortSignal)
			if !ok {
				panic(vm.NewTypeError("Failed to execute 'any' on 'AbortSignal': Failed to convert value to 'AbortSignal'."))
			}
			signals = append(signals, s)
			return true
		})
		return d.anySignal(signals)
	})

	cc := jsutil.NewClass(vm, "AbortController", 0, func(goja.ConstructorCall) *abortController {
		o, s := d.newSignal()
		return &abortController{signalObj: o, signal: s}
	})
	d.abortController = cc
	cc.Getter("signal", func(c *abortController) goja.Value { return c.signalObj })
	cc.Method("abort", 0, func(c *abortController, call goja.FunctionCall) goja.Value {
		rethrow(d.signalAbort(c.signal, call.Argument(0)))
		return goja.Undefined()
	})
}

// anySignal is DOM "create a dependent abort signal".
func (d *DOM) anySignal(signals []*abortSignal) *goja.Object {
	o, res := d.newSignal()
	for _, s := range signals {
		if s.aborted {
			res.aborted, res.reason = true, s.reason
			return o
		}
	}
	res.dependent = true
	link := func(src *abortSignal) {
		for _, have := range res.sources {
			if have == src {
				return
			}
		}
		res.sources = append(res.sources, src)
		src.dependents = append(src.dependents, res)
	}
	for _, s := range signals {
		if !s.dependent {
			link(s)
			continue
		}
		for _, src := range s.sources {
			link(src)
		}
	}
	return o
}

// msDuration converts a timeout in milliseconds the way workerd's timers do: NaN and negative
// values mean 0.
func msDuration(ms float64) time.Duration {
	switch {
	case math.IsNaN(ms) || ms <= 0:
		return 0
	case ms >= float64(math.MaxInt64/int64(time.Millisecond)):
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(ms * float64(time.Millisecond))
}

// NewAbortSignal returns a fresh AbortSignal controlled from Go, and the func that aborts it
// (reason nil or undefined means the default AbortError DOMException). abort is a no-op once
// the signal is aborted. Listener exceptions raised by the abort event are reported
// (ErrorReporter), as is an uncatchable error, since abort has no JS caller to unwind.
func (d *DOM) NewAbortSignal() (signal *goja.Object, abort func(reason goja.Value)) {
	o, s := d.newSignal()
	return o, func(reason goja.Value) { d.report(d.signalAbort(s, reason)) }
}

// SignalAborted reports the state of an AbortSignal; ok is false if v is not one. reason is
// undefined while the signal is not aborted.
func (d *DOM) SignalAborted(v goja.Value) (aborted bool, reason goja.Value, ok bool) {
	s, ok := state(v).(*abortSignal)
	if !ok {
		return false, nil, false
	}
	if s.reason == nil {
		return s.aborted, goja.Undefined(), true
	}
	return s.aborted, s.reason, true
}

// OnAbort adds fn as an abort algorithm of signal: it runs with the reason when the signal is
// aborted, after the algorithms added before it and before the "abort" event is fired. remove
// takes it off again. If signal is not an AbortSignal or is already aborted, fn is never
// called (check SignalAborted first) and remove does nothing. fn runs on the loop and must
// not panic.
func (d *DOM) OnAbort(signal goja.Value, fn func(reason goja.Value)) (remove func()) {
	s, ok := state(signal).(*abortSignal)
	if !ok {
		return func() {}
	}
	return s.addAlgorithm(fn)
}
