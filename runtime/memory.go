package runtime

import (
	"fmt"
	"log/slog"
	goruntime "runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// MemoryGuard keeps the process's live heap under a limit by interrupting or recycling the
// isolates that allocate most. goja has no per-runtime heap accounting (its maintainer ruled
// it out), so the guard works from process-wide figures and attributes allocation to isolates
// by sampling:
//
//   - Every 10 ms it reads the process's cumulative allocation counter and splits the bytes
//     allocated since the previous tick among the isolates that were running JS at the tick.
//     Each isolate accumulates an estimate of what it allocated, in total and in the task it is
//     running now.
//   - When the heap is over the limit, it forces a collection (at most every 100 ms) to learn
//     the live heap. Garbage is not a reason to act; only a live heap over the limit is.
//   - Live heap over the limit: if an isolate is running a task that has allocated at least
//     1/16 of the limit, that task is interrupted — its request gets 503 "Worker exceeded memory
//     limit." and the isolate is replaced (a runaway allocation loop). Otherwise the isolate
//     with the largest allocation estimate since it was created is recycled gracefully: its
//     requests in flight finish, new ones go to a fresh isolate (a leak into global state).
//     Then the guard waits a second for the effect before acting again.
//
// What it guarantees: a single request allocating without bound is stopped soon after the
// process's live heap passes the limit, and a worker leaking into globals is reset instead of
// growing until the process is killed; other isolates keep serving throughout.
//
// What it does not: it is not a per-isolate limit (Workers' 128 MB). Attribution is an
// estimate — isolates running JS at the same moment share the bytes allocated, and host work
// (request parsing, KV reads, body buffers) is counted against whichever isolate was running
// JS, or nobody. The isolate that allocated most is not always the one that retains most, so
// a recycle can hit a busy, innocent isolate first (the next check picks the next one). Memory
// held outside isolates (large bodies in flight) can trigger recycles that free nothing; the
// guard logs each action with the live heap so an operator can tell. A native call that
// allocates a lot in one step (one huge string repeat) is only interrupted when it returns to
// JS, and the process can briefly exceed the limit until the next check.
type MemoryGuard struct {
	limit uint64
	log   *slog.Logger

	mu      sync.Mutex
	workers map[*Worker]struct{}
	stop    chan struct{}
	done    chan struct{}

	// Guard goroutine only.
	samples    []metrics.Sample
	lastAllocs uint64
	isos       map[*Isolate]*isolateMemory
	lastGC     time.Time
	quietUntil time.Time
}

// isolateMemory is the guard's allocation estimate for one isolate.
type isolateMemory struct {
	total     uint64 // since the isolate was created
	taskStart int64  // the task whose allocation task counts (Isolate.taskStart)
	task      uint64
}

const (
	memoryGuardTick   = 10 * time.Millisecond
	memoryGuardGCGap  = 100 * time.Millisecond
	memoryGuardQuiet  = time.Second
	runawayTaskFactor = 16 // a task that allocated limit/16 while the heap is over is a runaway
)

// NewMemoryGuard starts a guard for the given live-heap limit in bytes. Workers join it through
// Config.MemoryGuard; Close stops it.
func NewMemoryGuard(limit uint64, logger *slog.Logger) *MemoryGuard {
	if logger == nil {
		logger = slog.Default()
	}
	g := &MemoryGuard{
		limit:   limit,
		log:     logger,
		workers: map[*Worker]struct{}{},
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
		samples: []metrics.Sample{
			{Name: "/gc/heap/allocs:bytes"},
			{Name: "/memory/classes/heap/objects:bytes"},
			{Name: "/gc/heap/live:bytes"},
		},
		isos: map[*Isolate]*isolateMemory{},
	}
	metrics.Read(g.samples)
	g.lastAllocs = g.samples[0].Value.Uint64()
	go g.run()
	return g
}

// Limit is the live-heap limit in bytes.
func (g *MemoryGuard) Limit() uint64 { return g.limit }

// Close stops the guard.
func (g *MemoryGuard) Close() {
	close(g.stop)
	<-g.done
}

func (g *MemoryGuard) add(w *Worker) {
	g.mu.Lock()
	g.workers[w] = struct{}{}
	g.mu.Unlock()
}

func (g *MemoryGuard) remove(w *Worker) {
	g.mu.Lock()
	delete(g.workers, w)
	g.mu.Unlock()
}

func (g *MemoryGuard) run() {
	defer close(g.done)
	t := time.NewTicker(memoryGuardTick)
	defer t.Stop()
	for {
		select {
		case <-g.stop:
			return
		case now := <-t.C:
			g.check(now)
		}
	}
}

// check runs one sampling step and, when the live heap is over the limit, acts.
func (g *MemoryGuard) check(now time.Time) {
	metrics.Read(g.samples)
	allocs, heap := g.samples[0].Value.Uint64(), g.samples[1].Value.Uint64()
	delta := allocs - g.lastAllocs
	g.lastAllocs = allocs
	isolates := g.attribute(delta)
	if heap <= g.limit || now.Before(g.quietUntil) {
		return
	}
	live := g.samples[2].Value.Uint64()
	if now.Sub(g.lastGC) >= memoryGuardGCGap {
		goruntime.GC()
		g.lastGC = time.Now()
		metrics.Read(g.samples)
		live = g.samples[2].Value.Uint64()
	}
	if live <= g.limit {
		return
	}
	g.act(isolates, live)
}

// attribute splits delta bytes among the isolates running JS now and returns every isolate the
// guard watches. Estimates of isolates that are gone are dropped.
func (g *MemoryGuard) attribute(delta uint64) []*Isolate {
	g.mu.Lock()
	var isolates []*Isolate
	for w := range g.workers {
		isolates = append(isolates, w.all()...)
	}
	g.mu.Unlock()
	var running []*isolateMemory
	seen := make(map[*Isolate]*isolateMemory, len(isolates))
	for _, iso := range isolates {
		m := g.isos[iso]
		if m == nil {
			m = &isolateMemory{}
		}
		seen[iso] = m
		if start := iso.taskStart.Load(); start != 0 {
			if m.taskStart != start {
				m.taskStart, m.task = start, 0
			}
			running = append(running, m)
		}
	}
	g.isos = seen
	if len(running) > 0 {
		share := delta / uint64(len(running))
		for _, m := range running {
			m.total += share
			m.task += share
		}
	}
	return isolates
}

// act interrupts a runaway task or recycles the isolate that allocated most.
func (g *MemoryGuard) act(isolates []*Isolate, live uint64) {
	var runaway, heaviest *Isolate
	for _, iso := range isolates {
		if iso.retiring.Load() {
			continue
		}
		m := g.isos[iso]
		if iso.taskStart.Load() == m.taskStart && m.task >= g.limit/runawayTaskFactor &&
			(runaway == nil || m.task > g.isos[runaway].task) {
			runaway = iso
		}
		if heaviest == nil || m.total > g.isos[heaviest].total {
			heaviest = iso
		}
	}
	g.quietUntil = time.Now().Add(memoryGuardQuiet)
	switch {
	case runaway != nil:
		if runaway.interrupt(errMemoryLimit) {
			g.warn("interrupting the task that allocated most", runaway, live, g.isos[runaway].task)
		}
	case heaviest != nil:
		iso := heaviest
		if iso.Post(func() { iso.recycle(RecycleMemoryGuard) }) {
			g.warn("recycling the isolate that allocated most", iso, live, g.isos[iso].total)
		}
	default:
		g.log.Warn("memory limit exceeded, no isolate to recycle", "live_heap", mib(live), "limit", mib(g.limit))
	}
}

func (g *MemoryGuard) warn(action string, iso *Isolate, live, allocated uint64) {
	g.log.Warn("memory limit exceeded: "+action, "worker", iso.w.name, "isolate", iso.id,
		"live_heap", mib(live), "limit", mib(g.limit), "allocated", mib(allocated))
}

func mib(b uint64) string { return fmt.Sprintf("%.1fMiB", float64(b)/(1<<20)) }
