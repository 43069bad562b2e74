package runtime

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	goruntime "runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/cachestore"
)

// Binding is a value placed on `env` (module workers) or on the global scope (service-worker
// scripts). The bindings package implements it for KV namespaces, vars, secrets and services.
type Binding interface {
	// Name is the property name, e.g. "MY_KV".
	Name() string
	// Value builds the JS value in iso. It is called once per isolate, on its loop goroutine.
	Value(iso *Isolate) (goja.Value, error)
}

// Config describes a worker to run.
type Config struct {
	Name     string // worker name, for logs
	Script   *Script
	Bindings []Binding
	// Isolates is the pool size; 0 means GOMAXPROCS.
	Isolates int
	// Logger receives console output, uncaught exceptions and request logs; nil = slog.Default().
	Logger *slog.Logger
	// Transport performs outbound fetch() requests; nil = a clone of http.DefaultTransport
	// with transparent compression disabled (the runtime decodes bodies itself).
	Transport http.RoundTripper
	// Crons are the worker's cron triggers (kept for the embedder's scheduler; see Crons).
	Crons []string
	// DevErrors answers uncaught exceptions with an HTML page showing the message and the
	// source-mapped stack when the client accepts HTML (`edge dev`; never in serve).
	DevErrors bool
	// RequestLog, when set, receives one record per request instead of an slog line (the
	// server uses it to write access-log lines without slog's per-record cost).
	RequestLog func(RequestRecord)
	// RequestCF, when set, supplies request.cf for incoming requests (an embedder with real
	// geolocation data). The default carries only what is known locally (see incomingCF).
	RequestCF func(r *http.Request) map[string]any
	// SubrequestLimit bounds fetch() calls per invocation; 0 = DefaultSubrequestLimit.
	SubrequestLimit int
	// CPULimit bounds one uninterrupted stretch of JS; 0 = DefaultCPULimit, negative = none.
	CPULimit time.Duration
	// MemoryGuard, when set, watches this worker's isolates (see MemoryGuard); one guard is
	// shared by every worker of a process.
	MemoryGuard *MemoryGuard
	// CompatibilityDate and CompatibilityFlags, as in wrangler config.
	CompatibilityDate  string
	CompatibilityFlags []string
	// Cache holds the entries of caches.default and caches.open(); the worker's name prefixes
	// its namespaces. nil = a memory store of cachestore.DefaultMaxBytes for this worker.
	Cache cachestore.Store
}

// Worker runs one script on a warm pool of isolates. It is an http.Handler.
type Worker struct {
	name      string
	script    *Script
	bindings  []Binding
	log       *slog.Logger
	client    *http.Client
	pool      atomic.Pointer[[]*Isolate] // current isolates; replaced copy-on-write
	poolMu    sync.Mutex                 // serialises pool replacement
	retired   []*Isolate                 // replaced isolates still finishing work (poolMu)
	next      atomic.Uint64
	reqSeq    atomic.Uint64 // request ids
	closing   atomic.Bool
	closeOnce sync.Once
	stopDog   chan struct{}
	reqLog    func(RequestRecord)
	idPrefix  string
	devErrors bool

	counters        workerCounters
	memGuard        *MemoryGuard
	subrequestLimit int
	crons           []string
	cache           cachestore.Store
	requestCF       func(r *http.Request) map[string]any
	sockets         wsRegistry // open WebSocket connections
}

// RequestRecord describes one served request, for access logs.
type RequestRecord struct {
	Worker   string
	Method   string
	Path     string
	Status   int
	Duration time.Duration
	Isolate  int
	ID       string // request id, also on the request's console lines
}

// NewWorker creates the isolates, runs the script's top level in each, and finds its handlers.
// Errors thrown by the script's top level are returned with their source-mapped stack.
func NewWorker(cfg Config) (*Worker, error) {
	if cfg.Script == nil || cfg.Script.Program == nil {
		return nil, errors.New("runtime: Config.Script is not compiled")
	}
	n := cfg.Isolates
	if n <= 0 {
		n = goruntime.GOMAXPROCS(0)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	w := &Worker{name: cfg.Name, script: cfg.Script, bindings: cfg.Bindings, log: log, reqLog: cfg.RequestLog, subrequestLimit: cfg.SubrequestLimit}
	w.requestCF = cfg.RequestCF
	w.idPrefix = newIDPrefix()
	w.devErrors = cfg.DevErrors
	w.crons = cfg.Crons
	w.cache = cfg.Cache
	if w.cache == nil {
		w.cache = cachestore.NewMemory(cachestore.Options{})
	}
	if w.subrequestLimit <= 0 {
		w.subrequestLimit = DefaultSubrequestLimit
	}
	w.client = newHTTPClient(cfg.Transport)
	isolates := make([]*Isolate, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range isolates {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			isolates[i], errs[i] = w.newIsolate(i)
		}(i)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		for _, iso := range isolates {
			if iso != nil {
				iso.shutdown()
			}
		}
		return nil, err
	}
	w.pool.Store(&isolates)
	limit := cfg.CPULimit
	if limit == 0 {
		limit = DefaultCPULimit
	}
	w.stopDog = make(chan struct{})
	if limit > 0 {
		go w.watchdog(limit, w.stopDog)
	}
	if g := cfg.MemoryGuard; g != nil {
		w.memGuard = g
		g.add(w)
	}
	return w, nil
}

// Format reports the script's format.
func (w *Worker) Format() Format { return w.script.Format }

// newIsolate builds and warms one isolate: globals, script top level, handlers, env.
func (w *Worker) newIsolate(id int) (*Isolate, error) {
	iso := &Isolate{
		w:         w,
		id:        id,
		vm:        goja.New(),
		wake:      make(chan struct{}, 1),
		done:      make(chan struct{}),
		timers:    make(map[int64]*timer),
		rejection: make(map[*goja.Promise]goja.Value),
	}
	iso.vm.SetFieldNameMapper(nil)
	iso.vm.SetMaxCallStackSize(maxCallStackSize)
	iso.vm.SetPromiseRejectionTracker(iso.trackRejection)
	errc := make(chan error, 1)
	go iso.run()
	iso.Post(func() { errc <- iso.setup() })
	if err := <-errc; err != nil {
		iso.shutdown()
		return nil, err
	}
	return iso, nil
}

// setup runs on the loop goroutine.
func (iso *Isolate) setup() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("runtime: isolate setup: %v", r)
		}
	}()
	if err := iso.installGlobals(); err != nil {
		return err
	}
	w := iso.w
	// Bindings: an env object for module workers, globals for service-worker scripts.
	env := iso.vm.NewObject()
	for _, b := range w.bindings {
		v, err := b.Value(iso)
		if err != nil {
			return fmt.Errorf("binding %s: %w", b.Name(), err)
		}
		if w.script.Format == FormatServiceWorker {
			if err := iso.global.Set(b.Name(), v); err != nil {
				return err
			}
		} else if err := env.Set(b.Name(), v); err != nil {
			return err
		}
	}
	iso.env = env
	iso.inGlobalScope = true
	_, err = iso.vm.RunProgram(w.script.Program)
	iso.inGlobalScope = false
	if err != nil {
		return &ScriptError{Phase: "startup", Stack: describeError(err), Err: err}
	}
	return iso.findHandlers()
}

// ScriptError is a JS exception thrown by a worker, with its source-mapped stack.
type ScriptError struct {
	Phase string // "startup", "fetch", …
	Stack string
	Err   error
}

func (e *ScriptError) Error() string { return fmt.Sprintf("worker %s error: %s", e.Phase, e.Stack) }
func (e *ScriptError) Unwrap() error { return e.Err }

// pick returns the least-loaded isolate; ties rotate so idle load spreads evenly.
func (w *Worker) pick() *Isolate {
	for {
		iso := w.pickOnce()
		if !iso.retiring.Load() {
			return iso
		}
		select {
		case <-iso.replaced:
		case <-time.After(10 * time.Second):
			return iso // replacement failed or is stuck: keep serving with what there is
		}
	}
}

func (w *Worker) pickOnce() *Isolate {
	isolates := *w.pool.Load()
	n := len(isolates)
	start := int(w.next.Add(1)) % n
	best := isolates[start]
	bestLoad := best.inflight.Load()
	for i := 1; i < n && bestLoad > 0; i++ {
		iso := isolates[(start+i)%n]
		if l := iso.inflight.Load(); l < bestLoad {
			best, bestLoad = iso, l
		}
	}
	return best
}

// Close stops accepting work, waits until every in-flight request and its waitUntil work
// finished (or ctx ends), then stops the isolates.
func (w *Worker) Close(ctx context.Context) error {
	w.closing.Store(true)
	w.closeWebSockets()
	var err error
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
wait:
	for {
		busy := false
		for _, iso := range w.all() {
			if iso.inflight.Load() > 0 {
				busy = true
				break
			}
		}
		if !busy {
			break
		}
		select {
		case <-ctx.Done():
			err = ctx.Err()
			break wait
		case <-tick.C:
		}
	}
	if werr := w.sockets.wait(ctx); err == nil {
		err = werr
	}
	w.closeOnce.Do(func() {
		close(w.stopDog)
		if w.memGuard != nil {
			w.memGuard.remove(w)
		}
		for _, iso := range w.all() {
			iso.shutdown()
		}
	})
	return err
}

// all returns the pool's isolates and the retired ones still finishing work.
func (w *Worker) all() []*Isolate {
	w.poolMu.Lock()
	defer w.poolMu.Unlock()
	return append(append([]*Isolate(nil), *w.pool.Load()...), w.retired...)
}

// replace swaps a fresh, warm isolate in for old (after old hit a limit — goja's state after
// an interrupt cannot be trusted — or the memory guard chose it). old keeps running until its
// in-flight work is done, then stops. Runs on its own goroutine.
func (w *Worker) replace(old *Isolate, reason string) {
	w.countRecycle(reason)
	fresh, err := w.newIsolate(old.id)
	defer func() {
		select {
		case <-old.replaced:
		default:
			close(old.replaced)
		}
	}()
	w.poolMu.Lock()
	if err == nil && !w.closing.Load() {
		cur := *w.pool.Load()
		next := make([]*Isolate, len(cur))
		for i, iso := range cur {
			if iso == old {
				iso = fresh
			}
			next[i] = iso
		}
		w.pool.Store(&next)
		w.retired = append(w.retired, old)
	} else if err == nil {
		fresh.shutdown()
	}
	w.poolMu.Unlock()
	if err != nil {
		w.log.Error("could not replace an isolate; keeping the old one", "reason", reason, "error", err)
		old.retiring.Store(false)
		return
	}
	close(old.replaced)
	w.log.Warn("isolate replaced", "reason", reason, "isolate", old.id)
	deadline := time.Now().Add(waitUntilLimit + 5*time.Second)
	for old.inflight.Load() > 0 && time.Now().Before(deadline) && !w.closing.Load() {
		time.Sleep(10 * time.Millisecond)
	}
	w.poolMu.Lock()
	for i, iso := range w.retired {
		if iso == old {
			w.retired = append(w.retired[:i], w.retired[i+1:]...)
			break
		}
	}
	w.poolMu.Unlock()
	old.shutdown()
}

// Name is the worker's name from its config.
func (w *Worker) Name() string { return w.name }

// Crons are the worker's configured cron triggers.
func (w *Worker) Crons() []string { return w.crons }

// newIDPrefix is 6 random hex digits and a dash, so ids differ across processes and reloads.
func newIDPrefix() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:]) + "-"
}
