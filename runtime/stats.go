package runtime

import (
	"sync/atomic"
	"time"
)

// Why an isolate was replaced by a fresh one (WorkerStats.Recycles keys).
const (
	RecycleCPULimit      = "cpu_limit"      // a task ran past the CPU limit and was interrupted
	RecycleMemoryLimit   = "memory_limit"   // the memory guard interrupted a task allocating past the limit
	RecycleMemoryGuard   = "memory"         // the memory guard recycled the isolate that allocated most
	RecycleStackOverflow = "stack_overflow" // JS overflowed the call stack (goja cannot unwind it safely)
)

var recycleReasons = [...]string{RecycleCPULimit, RecycleMemoryLimit, RecycleMemoryGuard, RecycleStackOverflow}

// workerCounters are a worker's cumulative figures, updated without locks.
type workerCounters struct {
	jsNanos  atomic.Int64 // time spent running JS tasks on isolate goroutines
	recycles [len(recycleReasons)]atomic.Uint64
}

func (w *Worker) countRecycle(reason string) {
	for i, r := range recycleReasons {
		if r == reason {
			w.counters.recycles[i].Add(1)
		}
	}
}

// WorkerStats is a snapshot of a worker's counters, for metrics.
type WorkerStats struct {
	// Isolates is the number of isolates serving (retired ones finishing work not included).
	Isolates int
	// JSTime is the total time isolates spent running this worker's JS (handler calls, timer
	// callbacks, promise continuations): the CPU time the CPU limit bounds, summed.
	JSTime time.Duration
	// Recycles counts isolate replacements by reason (the Recycle* constants).
	Recycles map[string]uint64
}

// Stats returns the worker's counters. Safe to call from any goroutine.
func (w *Worker) Stats() WorkerStats {
	s := WorkerStats{
		JSTime:   time.Duration(w.counters.jsNanos.Load()),
		Recycles: make(map[string]uint64, len(recycleReasons)),
	}
	if p := w.pool.Load(); p != nil { // a standalone worker has no isolates
		s.Isolates = len(*p)
	}
	for i, r := range recycleReasons {
		s.Recycles[r] = w.counters.recycles[i].Load()
	}
	return s
}
