package runtime

import (
	"context"
	"errors"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// scheduledController is the `controller` of module scheduled handlers and, as ScheduledEvent,
// the event of service-worker scripts.
type scheduledController struct {
	jsutil.Expando
	inv     *invocation
	cron    string
	at      time.Time
	noRetry bool
}

func (iso *Isolate) installScheduled(g *goja.Object) {
	vm := iso.vm
	define := func(name string, withWaitUntil bool) *jsutil.Class[*scheduledController] {
		c := jsutil.NewClass[*scheduledController](vm, name, 0, nil)
		c.Getter("cron", func(s *scheduledController) goja.Value { return vm.ToValue(s.cron) })
		c.Getter("scheduledTime", func(s *scheduledController) goja.Value { return vm.ToValue(s.at.UnixMilli()) })
		if withWaitUntil { // ScheduledEvent is an event; workerd's ScheduledController has no type
			c.Getter("type", func(s *scheduledController) goja.Value { return vm.ToValue("scheduled") })
		}
		c.Method("noRetry", 0, func(s *scheduledController, call goja.FunctionCall) goja.Value {
			s.noRetry = true
			return goja.Undefined()
		})
		if withWaitUntil {
			c.Method("waitUntil", 1, func(s *scheduledController, call goja.FunctionCall) goja.Value {
				s.inv.waitUntil(call.Argument(0))
				return goja.Undefined()
			})
		}
		c.Install(g)
		return c
	}
	iso.cls.scheduledCtl = define("ScheduledController", false)
	iso.cls.scheduledEvent = define("ScheduledEvent", true)
}

// Scheduled runs the worker's scheduled handler (cron trigger) for cron at the given time and
// waits until it and its waitUntil work finish. It returns the handler's exception, or the
// first waitUntil rejection, as a *ScriptError.
func (w *Worker) Scheduled(ctx context.Context, cron string, at time.Time) error {
	if w.closing.Load() {
		return errors.New("runtime: worker is shutting down")
	}
	if w.standalone != nil {
		return errors.New("runtime: a standalone Wasm worker has no scheduled handler")
	}
	err := w.invoke(ctx, w.pick(), "scheduled", func(iso *Isolate, inv *invocation) (goja.Value, error) {
		return iso.callScheduled(inv, cron, at)
	})
	if err != nil && ctx.Err() == nil {
		w.log.Error("Uncaught exception in scheduled handler", "cron", cron, "error", err.Error())
	}
	return err
}

// invoke runs call on iso as one invocation of a non-fetch event (scheduled, a test) and
// waits until the value it returns settled and its waitUntil work finished. It returns the
// first exception or rejection as a *ScriptError of the given phase, or ctx's error.
func (w *Worker) invoke(ctx context.Context, iso *Isolate, phase string, call func(*Isolate, *invocation) (goja.Value, error)) error {
	iso.inflight.Add(1)
	inv := iso.newInvocation(ctx, nil)
	inv.phase = phase
	done := make(chan error, 1)
	inv.onFinish = func() { done <- inv.firstErr }
	iso.runOwned(func() { iso.dispatchCall(inv, call) })
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (iso *Isolate) callScheduled(inv *invocation, cron string, at time.Time) (goja.Value, error) {
	ctl := &scheduledController{inv: inv, cron: cron, at: at}
	switch {
	case iso.handlers.scheduled != nil:
		ctxObj := iso.cls.ctx.Wrap(&execContext{inv: inv})
		return iso.handlers.scheduled(iso.handlers.fetchThis, iso.cls.scheduledCtl.Wrap(ctl), iso.env, ctxObj)
	case len(iso.handlers.listeners["scheduled"]) > 0:
		ev := iso.cls.scheduledEvent.Wrap(ctl)
		for _, l := range iso.handlers.listeners["scheduled"] {
			if _, err := l(goja.Undefined(), ev); err != nil {
				return nil, err
			}
		}
		return goja.Undefined(), nil
	}
	return nil, &JSError{Class: "Error", Message: "Handler does not export a scheduled() function."}
}

// dispatchCall runs on the loop: it calls call for inv and awaits what it returns; a value
// that can never settle fails the invocation as workerd does.
func (iso *Isolate) dispatchCall(inv *invocation, call func(*Isolate, *invocation) (goja.Value, error)) {
	iso.current, iso.taskInv = inv, inv
	ret, err := call(iso, inv)
	iso.current = nil
	if err != nil {
		var ex *goja.Exception
		if errors.As(err, &ex) {
			err = &thrown{v: ex.Value(), stack: stackOf(ex.Value(), ex), first: firstLine(ex.Value())}
		}
		inv.recordError(err)
		inv.responseWritten()
		return
	}
	inv.onHang = func() {
		inv.recordError(&JSError{Class: "Error", Message: "The script will never generate a response."})
		inv.responseWritten()
	}
	iso.waiters = append(iso.waiters, inv)
	iso.await(ret, func(goja.Value) {
		inv.onHang = nil
		inv.responseWritten()
	}, func(e goja.Value) {
		inv.onHang = nil
		inv.recordError(&thrown{v: e, stack: stackOf(e, nil), first: firstLine(e)})
		inv.responseWritten()
	})
}

// recordError keeps the first failure of a non-fetch invocation (see Worker.invoke).
func (inv *invocation) recordError(err error) {
	if inv.firstErr != nil {
		return
	}
	var t *thrown
	if errors.As(err, &t) {
		inv.firstErr = &ScriptError{Phase: inv.phase, Stack: t.stack, Err: err}
		return
	}
	inv.firstErr = &ScriptError{Phase: inv.phase, Stack: describeError(err), Err: err}
}
