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
	iso := w.pick()
	iso.inflight.Add(1)
	inv := iso.newInvocation(ctx, nil)
	done := make(chan error, 1)
	inv.onFinish = func() { done <- inv.firstErr }
	iso.runOwned(func() { iso.dispatchScheduled(inv, cron, at) })
	select {
	case err := <-done:
		if err != nil {
			w.log.Error("Uncaught exception in scheduled handler", "cron", cron, "error", err.Error())
		}
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (iso *Isolate) dispatchScheduled(inv *invocation, cron string, at time.Time) {
	ctl := &scheduledController{inv: inv, cron: cron, at: at}
	var ret goja.Value
	var err error
	iso.current, iso.taskInv = inv, inv
	switch {
	case iso.handlers.scheduled != nil:
		ctxObj := iso.cls.ctx.Wrap(&execContext{inv: inv})
		ret, err = iso.handlers.scheduled(iso.handlers.fetchThis, iso.cls.scheduledCtl.Wrap(ctl), iso.env, ctxObj)
	case len(iso.handlers.listeners["scheduled"]) > 0:
		ev := iso.cls.scheduledEvent.Wrap(ctl)
		for _, l := range iso.handlers.listeners["scheduled"] {
			if _, err = l(goja.Undefined(), ev); err != nil {
				break
			}
		}
	default:
		err = &JSError{Class: "Error", Message: "Handler does not export a scheduled() function."}
	}
	iso.current = nil
	if err != nil {
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

// recordError keeps the first failure of an invocation (scheduled runs report it).
func (inv *invocation) recordError(err error) {
	if inv.firstErr != nil {
		return
	}
	var t *thrown
	if errors.As(err, &t) {
		inv.firstErr = &ScriptError{Phase: "scheduled", Stack: t.stack, Err: err}
		return
	}
	inv.firstErr = &ScriptError{Phase: "scheduled", Stack: err.Error(), Err: err}
}
