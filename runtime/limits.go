package runtime

import (
	"errors"
	"time"

	"github.com/dop251/goja"
)

// DefaultCPULimit is the per-task CPU budget when Config.CPULimit is zero (Workers' paid-plan
// default is 30 s of CPU per invocation).
const DefaultCPULimit = 30 * time.Second

// limitError is the interrupt value of a platform limit. The client gets 503 with the message
// (Workers answers error 1102 for both), and the isolate is replaced.
type limitError struct {
	message string
	reason  string // recycle reason, for Stats
}

func (e *limitError) Error() string { return e.message }

var (
	errCPULimit    = &limitError{"Worker exceeded CPU time limit.", RecycleCPULimit}
	errMemoryLimit = &limitError{"Worker exceeded memory limit.", RecycleMemoryLimit}
)

// asLimitError finds the limit error in err: returned directly, or as goja's interrupt value.
func asLimitError(err error) (*limitError, *goja.InterruptedError) {
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		le, _ := ie.Value().(*limitError)
		return le, ie
	}
	var le *limitError
	errors.As(err, &le)
	return le, nil
}

// interrupt stops the JS running on iso with err, once; it reports whether this call did it.
// Any goroutine may call it.
func (iso *Isolate) interrupt(err *limitError) bool {
	if !iso.interrupting.CompareAndSwap(false, true) {
		return false
	}
	iso.interruptErr.Store(err)
	iso.vm.Interrupt(err)
	if iso.wasmStop != nil { // a running Wasm call cannot see goja's interrupt
		iso.wasmStop()
	}
	return true
}

// watchdog interrupts JS that has run longer than the limit without returning to the loop.
// A task is one uninterrupted stretch of JS on an isolate (a handler call, a timer callback,
// a promise continuation and the microtasks it runs); time spent awaiting I/O is not counted,
// so the task duration is a close proxy for CPU time.
//
// Deviation: Workers accounts CPU per invocation across all its tasks; edge bounds each task.
// goja cannot interrupt a single long native call (a huge Array.fill, a catastrophic regexp):
// those are stopped only when they return to JS (spec/goja-feasibility.md §5).
func (w *Worker) watchdog(limit time.Duration, stop <-chan struct{}) {
	tick := limit / 10
	if tick > 10*time.Millisecond {
		tick = 10 * time.Millisecond
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			for _, iso := range w.all() {
				start := iso.taskStart.Load()
				if start != 0 && now.UnixNano()-start > int64(limit) {
					iso.interrupt(errCPULimit)
				}
			}
		}
	}
}

// maxCallStackSize bounds JS recursion, near V8's default depth.
// Deviation: goja's stack overflow cannot be caught by JS (V8 throws a catchable RangeError);
// the request fails with "RangeError: Maximum call stack size exceeded" and, since goja's
// state after an uncatchable error is not trusted, the isolate is replaced.
const maxCallStackSize = 10000

// maxLoggedStack caps a logged stack trace.
const maxLoggedStack = 16 << 10
