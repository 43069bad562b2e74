package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/edgeruntime/edge/bindings"
	"github.com/edgeruntime/edge/internal/cron"
	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/replication"
	"github.com/edgeruntime/edge/runtime"
	"github.com/edgeruntime/edge/runtime/cachestore"
	"github.com/edgeruntime/edge/wagi"
	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// Options are the inputs of `edge serve`.
type Options struct {
	Configs   []string // config files; empty = find wrangler.json/.jsonc/.toml from Dir upwards
	Dir       string   // working directory; "" = os.Getwd()
	Env       string   // --env
	IP        string   // default 127.0.0.1
	Port      int      // 0 picks a free port; negative means DefaultPort
	PersistTo string   // default .edge/state next to the config file; relative to Dir
	Vars      []string // --var KEY:VALUE
	Isolates  int      // 0 = GOMAXPROCS
	// CacheMaxBytes caps the Cache API store (cache/ in the state dir); 0 = 512 MiB.
	CacheMaxBytes int64
	// CF holds request.cf fields for every incoming request (--cf KEY=VALUE), merged over the
	// ones known locally: how local development sets country, colo, asn … that only
	// Cloudflare's edge knows.
	CF map[string]any
	// CronClock drives [triggers] crons (tests inject a fake); nil = the system clock.
	CronClock cron.Clock
	// Dev turns on `edge dev`: watch the worker's files and swap in a rebuilt version on change
	// (a failed build keeps the old one), and HTML error pages for browsers.
	Dev bool
	// AccessLog, when set, writes the per-request log lines (instead of Logger).
	AccessLog *AccessLog
	// TestScheduled exposes GET /__scheduled?cron=… (and Miniflare's /cdn-cgi/{handler,local,mf}/scheduled)
	// to fire the scheduled handler, as `wrangler dev --test-scheduled` does.
	TestScheduled bool
	Logger        *slog.Logger
	Stdout        io.Writer // the ready banner; nil = io.Discard

	// APIAddr is host:port of the Cloudflare v4 KV REST API (admin.go, --api-ip/--api-port);
	// "" = off. APIToken is the bearer token it requires (EDGE_API_TOKEN); without one, APIAddr
	// must be a loopback address.
	APIAddr  string
	APIToken string

	// MemoryLimit is the memory guard's live-heap limit in bytes (runtime.MemoryGuard): past
	// it, the isolate allocating most is interrupted or recycled. 0 = 256 MiB plus Workers'
	// 128 MiB per isolate; negative = no guard.
	MemoryLimit int64

	// quietRequests drops the per-request log lines (edge test, edgetest).
	quietRequests bool
	// Cluster, when set, replicates KV across nodes (package replication): the bbolt store
	// becomes this node's replica and writes commit on the cluster first. nil = a single node,
	// no NATS and no extra ports. An empty Dir means "cluster" in the state directory.
	Cluster *replication.Config

	// Set by Start and kept for reloads.
	metrics      *serverMetrics
	memGuard     *runtime.MemoryGuard
	wasmCacheDir string // compiled WebAssembly on disk: wasm-cache in the state dir
}

// defaultMemoryLimit is the guard's limit for a number of isolates: Workers' 128 MB per
// isolate, plus room for the process itself (KV store, bodies in flight).
func defaultMemoryLimit(isolates int) uint64 { return 256<<20 + uint64(isolates)*128<<20 }

// Server is a running `edge serve`.
type Server struct {
	URL      string
	APIURL   string // the KV REST API's base URL, http://HOST:PORT/client/v4; "" when off
	admin    *adminServer
	Addr     net.Addr
	stopCron func()            // stops the cron schedulers and waits for running handlers
	worker   *runtime.Worker   // the entry worker, served over HTTP
	workers  []*runtime.Worker // every worker, the entry first
	store    *kvstore.Store
	cache    *cachestore.Cache
	repl     *replication.Node // nil on a single node
	http     *http.Server
	done     chan error
	log      *slog.Logger

	// edge dev
	swap           *swapHandler
	opts           Options
	configs        []string
	dir            string
	mu             sync.Mutex // guards workers, worker, retiredWorkers, watched
	watched        []string
	retiredWorkers []*runtime.Worker
	stopWatch      func()
	watchDone      chan struct{}
}

// DefaultPort is wrangler dev's port.
const DefaultPort = 8787

// Start loads the config, builds the worker and starts serving.
func Start(opts Options) (*Server, error) {
	go runtime.Precompile()
	log, out := opts.outputs()
	configs, dir, err := resolveConfigs(opts)
	if err != nil {
		return nil, err
	}
	var guardLimit uint64
	if opts.MemoryLimit >= 0 {
		isolates := opts.Isolates
		if isolates <= 0 {
			isolates = goruntime.GOMAXPROCS(0)
		}
		guardLimit = defaultMemoryLimit(isolates * len(configs))
		if opts.MemoryLimit > 0 {
			guardLimit = uint64(opts.MemoryLimit)
		}
		opts.memGuard = runtime.NewMemoryGuard(guardLimit, log)
	}
	opts.metrics = newServerMetrics(guardLimit)
	var watch []string
	st, workers, entry, err := startWorkers(configs, dir, &opts, log, out, nil, &watch) // may fill opts.IP/Port from [dev]
	if err != nil {
		opts.closeGuard()
		return nil, err
	}
	opts.metrics.serve(workers)
	store := st.kv
	opts.metrics.registry.MustRegister(kvCommitCollector{store})
	if st.repl != nil {
		opts.metrics.registry.MustRegister(replicaCollector{st.repl})
	}
	stopAll := func() {
		for _, w := range workers {
			_ = w.Close(context.Background())
		}
		st.close()
		opts.closeGuard()
	}
	worker := entry

	ip := opts.IP
	if ip == "" {
		ip = "127.0.0.1"
	}
	port := opts.Port
	if port < 0 {
		port = DefaultPort
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(port)))
	if err != nil {
		stopAll()
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("port %d on %s is already in use (another edge serve or wrangler dev?); pick another with --port", port, ip)
		}
		return nil, err
	}
	var s *Server
	admin, err := startAdmin(opts, store, configuredNamespaces(configs, opts.Env), log,
		adminExtras{metrics: opts.metrics.handler(), reload: func() error { return s.Reload() }})
	if err != nil {
		ln.Close()
		stopAll()
		return nil, err
	}
	swap := &swapHandler{}
	swap.set(handler(worker, opts.TestScheduled))
	s = &Server{
		swap:    swap,
		opts:    opts,
		configs: configs,
		dir:     dir,
		watched: watch,
		Addr:    ln.Addr(),
		worker:  worker,
		workers: workers,
		store:   store,
		cache:   st.cache,
		repl:    st.repl,
		admin:   admin,
		APIURL:  admin.url,
		done:    make(chan error, 1),
		log:     log,
		http: &http.Server{
			Handler:           swap,
			ReadHeaderTimeout: 30 * time.Second,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
	}
	s.URL = "http://" + ln.Addr().String()
	fmt.Fprintf(out, "KV state: %s\n", store.Path())
	admin.banner(out)
	fmt.Fprintf(out, "Ready on %s\n", s.URL)
	if opts.Dev {
		ctx, cancel := context.WithCancel(context.Background())
		s.watchDone = make(chan struct{})
		s.stopWatch = cancel
		go s.watchFiles(ctx)
	} else if !opts.TestScheduled { // edge dev, like wrangler dev, does not fire crons by itself
		stop, err := startCrons(configs, workers, opts, log)
		if err != nil {
			s.http.Close()
			stopAll()
			return nil, err
		}
		s.stopCron = stop
	}
	go func() { s.done <- s.http.Serve(ln) }()
	return s, nil
}

// resolveConfigs returns the absolute config paths of opts (found from Dir upwards when none
// is given) and the working directory.
func resolveConfigs(opts Options) (configs []string, dir string, err error) {
	dir = opts.Dir
	if dir == "" {
		if dir, err = os.Getwd(); err != nil {
			return nil, "", err
		}
	}
	configs = append([]string(nil), opts.Configs...)
	if len(configs) == 0 {
		p, err := wrangler.Find(dir)
		if err != nil {
			if errors.Is(err, wrangler.ErrNotFound) {
				return nil, "", fmt.Errorf("no wrangler.json, wrangler.jsonc or wrangler.toml found in %s or its parents (use --config)", dir)
			}
			return nil, "", err
		}
		configs = []string{p}
	}
	for i, c := range configs {
		if !filepath.IsAbs(c) {
			configs[i] = filepath.Join(dir, c)
		}
	}
	return configs, dir, nil
}

// startCrons fires each worker's [triggers] crons on schedule (UTC, Cloudflare's cron syntax,
// internal/cron). With --test-scheduled they do not fire by themselves, as in wrangler dev.
func startCrons(configs []string, workers []*runtime.Worker, opts Options, log *slog.Logger) (stop func(), err error) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	clock := opts.CronClock
	if clock == nil {
		clock = cron.SystemClock{}
	}
	for i, w := range workers {
		crons := w.Crons()
		if len(crons) == 0 {
			continue
		}
		w := w
		sched, err := cron.NewScheduler(crons, clock, func(ctx context.Context, expr string, at time.Time) {
			if err := w.Scheduled(ctx, expr, at); err != nil && ctx.Err() == nil {
				log.Error("scheduled run failed", "cron", expr, "error", err)
			}
		})
		if err != nil {
			cancel()
			wg.Wait()
			return nil, fmt.Errorf("%s: triggers.crons: %w", configs[i], err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); sched.Run(ctx) }()
		log.Info("cron triggers scheduled", "worker", w.Name(), "crons", strings.Join(crons, ", "))
	}
	return func() { cancel(); wg.Wait() }, nil
}

// Shutdown stops accepting connections, lets in-flight requests (and their waitUntil work)
// finish until ctx ends, then closes the store.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.stopWatch != nil {
		s.stopWatch()
		<-s.watchDone
	}
	err := s.http.Shutdown(ctx)
	if aerr := s.admin.shutdown(ctx); err == nil {
		err = aerr
	}
	if s.stopCron != nil {
		s.stopCron()
	}
	s.mu.Lock()
	workers := append(append([]*runtime.Worker(nil), s.workers...), s.retiredWorkers...)
	s.mu.Unlock()
	for _, w := range workers {
		if werr := w.Close(ctx); err == nil {
			err = werr
		}
	}
	if serr := <-s.done; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if cerr := (&stores{s.store, s.cache, s.repl}).close(); err == nil {
		err = cerr
	}
	s.opts.closeGuard()
	return err
}

// outputs are opts.Logger and opts.Stdout with their defaults: slog.Default() and io.Discard.
func (o *Options) outputs() (*slog.Logger, io.Writer) {
	log, out := o.Logger, o.Stdout
	if log == nil {
		log = slog.Default()
	}
	if out == nil {
		out = io.Discard
	}
	return log, out
}

func (o *Options) closeGuard() {
	if o.memGuard != nil {
		o.memGuard.Close()
	}
}

// Store returns the server's KV store (tests seed it through the CLI or the worker instead).
func (s *Server) Store() *kvstore.Store { return s.store }

// buildBindings translates config into binding descriptors, in wrangler's precedence order:
// [vars], then .dev.vars/.env (secrets; only secrets.required names when it is set), then
// --var. Resource bindings (KV, services, blobs) win over vars of the same name, and a name
// bound by a binding edge does not provide stays undefined whatever the vars say.
func buildBindings(cfg *wrangler.Config, store *kvstore.Store, opts Options, cliVars []string, reg *registry) ([]runtime.Binding, []string, error) {
	type entry struct {
		b    runtime.Binding
		desc string
	}
	vars := map[string]entry{}
	var order []string
	setVar := func(v wrangler.Var, kind string) error {
		var e entry
		if v.JSON {
			raw, err := json.Marshal(v.Value)
			if err != nil {
				return fmt.Errorf("var %s: %w", v.Name, err)
			}
			e = entry{bindings.JSON{Binding: v.Name, Raw: raw}, fmt.Sprintf("env.%s (%s) %s", v.Name, kind, raw)}
		} else {
			s, _ := v.Value.(string)
			shown := strconv.Quote(s)
			if kind == "secret" {
				shown = `"(hidden)"`
			}
			e = entry{bindings.Text{Binding: v.Name, Text: s}, fmt.Sprintf("env.%s (%s) %s", v.Name, kind, shown)}
		}
		if _, ok := vars[v.Name]; !ok {
			order = append(order, v.Name)
		}
		vars[v.Name] = e
		return nil
	}
	for _, v := range cfg.Vars {
		if err := setVar(v, "var"); err != nil {
			return nil, nil, err
		}
	}
	devVars, file, err := wrangler.LoadDevVars(cfg.Dir, opts.Env)
	if err != nil {
		return nil, nil, err
	}
	devVars, missing := cfg.FilterDevVars(devVars)
	if len(missing) > 0 && opts.Logger != nil {
		opts.Logger.Warn("secrets.required lists secrets that no .dev.vars/.env file sets", "names", strings.Join(missing, ", "))
	}
	for _, v := range devVars {
		if err := setVar(v, "secret"); err != nil {
			return nil, nil, err
		}
	}
	if file != "" && opts.Logger != nil {
		opts.Logger.Info("using local secrets", "file", file)
	}
	for _, f := range cliVars {
		v, err := wrangler.ParseVarFlag(f)
		if err != nil {
			return nil, nil, err
		}
		if err := setVar(v, "var"); err != nil {
			return nil, nil, err
		}
	}
	var out []runtime.Binding
	var desc []string
	// [text_blobs], [data_blobs] and [wasm_modules]: a file each, as a string, an
	// ArrayBuffer or a WebAssembly.Module.
	for _, kind := range []struct {
		key, what string
		sized     bool // the banner shows the size
		blobs     []wrangler.Blob
		bind      func(name string, data []byte) runtime.Binding
	}{
		{"text_blobs", "text blob", false, cfg.TextBlobs, func(n string, d []byte) runtime.Binding { return bindings.Text{Binding: n, Text: string(d)} }},
		{"data_blobs", "data blob", true, cfg.DataBlobs, func(n string, d []byte) runtime.Binding { return bindings.Data{Binding: n, Bytes: d} }},
		{"wasm_modules", "wasm module", true, cfg.WasmModules, func(n string, d []byte) runtime.Binding { return bindings.Wasm{Binding: n, Bytes: d} }},
	} {
		for _, b := range kind.blobs {
			data, err := os.ReadFile(b.Path)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %s.%s: %w", cfg.Path, kind.key, b.Name, err)
			}
			out = append(out, kind.bind(b.Name, data))
			d := fmt.Sprintf("env.%s (%s) %s", b.Name, kind.what, b.Path)
			if kind.sized {
				d += fmt.Sprintf(", %d bytes", len(data))
			}
			desc = append(desc, d)
			delete(vars, b.Name)
		}
	}
	for _, u := range cfg.Unsupported {
		delete(vars, u.Name) // undefined, never a var standing in for the resource
	}
	for _, kv := range cfg.KVNamespaces {
		id := NamespaceID(kv)
		b := &bindings.KV{Binding: kv.Binding, NamespaceID: id, Store: store}
		if opts.metrics != nil {
			b.Observe = opts.metrics.kvObserver(kv.Binding)
		}
		out = append(out, b)
		desc = append(desc, fmt.Sprintf("env.%s (KV namespace) %s", kv.Binding, id))
		delete(vars, kv.Binding) // resource bindings win over vars of the same name
	}
	for _, svc := range cfg.Services {
		target := svc.Service
		out = append(out, &bindings.Service{Binding: svc.Binding, Service: target, Target: func() *runtime.Worker { return reg.get(target) }})
		desc = append(desc, fmt.Sprintf("env.%s (service) %s", svc.Binding, target))
		if svc.Entrypoint != "" && opts.Logger != nil {
			// Deviation: named entrypoints (and RPC) are not supported yet; fetch() reaches the default export.
			opts.Logger.Warn("service binding entrypoints are not supported yet; calls go to the default export", "binding", svc.Binding, "entrypoint", svc.Entrypoint)
		}
		delete(vars, svc.Binding)
	}
	for _, name := range order {
		if e, ok := vars[name]; ok {
			out = append(out, e.b)
			desc = append(desc, e.desc)
		}
	}
	return out, desc, nil
}

// PersistDir resolves the state directory as wrangler does: --persist-to is relative to the
// working directory; the default is .edge/state next to the config file.
func PersistDir(configDir, persistTo, cwd string) string {
	if persistTo == "" {
		return filepath.Join(configDir, ".edge", "state")
	}
	if filepath.IsAbs(persistTo) {
		return persistTo
	}
	return filepath.Join(cwd, persistTo)
}

// BundleCachePath is the directory of the bundle cache of a state directory: built bundles that
// a later start reuses while their source files are unchanged (runtime.BundleOptions.CacheDir).
func BundleCachePath(persistDir string) string { return filepath.Join(persistDir, "bundle-cache") }

// CachePath is the directory of the Cache API store (caches.default, caches.open) of a state
// directory.
func CachePath(persistDir string) string { return filepath.Join(persistDir, "cache") }

// stores are the state a server keeps across reloads: the KV store and the Cache API store.
type stores struct {
	kv    *kvstore.Store
	cache *cachestore.Cache
	repl  *replication.Node // the KV cluster membership; nil on a single node
}

// close leaves the KV cluster first (its feeds write to the KV store), then closes the stores.
func (s *stores) close() error {
	var err error
	if s.repl != nil {
		err = s.repl.Close()
	}
	return errors.Join(err, s.kv.Close(), s.cache.Close())
}

// KVPath is the bbolt file holding every KV namespace of a state directory.
func KVPath(persistDir string) string { return filepath.Join(persistDir, "kv.db") }

// NamespaceID is the local namespace a KV binding reads and writes: its id, or the binding name
// when the config gives no id (as wrangler does locally).
func NamespaceID(kv wrangler.KVNamespace) string {
	if kv.ID != "" {
		return kv.ID
	}
	return kv.Binding
}

// handler wraps the worker with the scheduled-trigger routes when asked for.
func handler(w *runtime.Worker, testScheduled bool) http.Handler {
	if !testScheduled {
		return w
	}
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var okBody string
		switch r.URL.Path {
		case "/__scheduled":
			okBody = "Ran scheduled event"
		case "/cdn-cgi/handler/scheduled", "/cdn-cgi/local/scheduled", "/cdn-cgi/mf/scheduled":
			okBody = "ok"
		default:
			w.ServeHTTP(rw, r)
			return
		}
		at := time.Now()
		if t := r.URL.Query().Get("time"); t != "" {
			if ms, err := strconv.ParseInt(t, 10, 64); err == nil {
				at = time.UnixMilli(ms)
			}
		}
		err := w.Scheduled(r.Context(), r.URL.Query().Get("cron"), at)
		rw.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		if err != nil {
			rw.WriteHeader(http.StatusInternalServerError)
			if okBody == "ok" {
				_, _ = io.WriteString(rw, "exception")
				return
			}
			var se *runtime.ScriptError
			first := err.Error()
			if errors.As(err, &se) {
				first = strings.SplitN(se.Stack, "\n", 2)[0]
			}
			_, _ = io.WriteString(rw, first+"\n")
			return
		}
		_, _ = io.WriteString(rw, okBody)
	})
}

// registry maps worker names to the running workers, for service bindings.
type registry struct {
	mu      sync.RWMutex
	workers map[string]*runtime.Worker
}

func (r *registry) get(name string) *runtime.Worker {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.workers[name]
}

func (r *registry) set(name string, w *runtime.Worker) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.workers[name] = w
}

// startWorkers loads every config, opens the shared KV store (the state dir belongs to the
// first config) and starts a worker per config. The first is the entry worker; the others are
// reachable only through service bindings, as with `wrangler dev -c a -c b`.
//
// The entry worker's [dev] ip and port fill opts.IP and opts.Port when the flags left them
// unset ("" and negative). Each config's [build] command runs before its bundle is built.
// existing, when non-nil, is the already-open store (a reload); watch, when non-nil, collects
// the files `edge dev` watches (configs, local var files, bundle inputs).
func startWorkers(configs []string, dir string, opts *Options, log *slog.Logger, out io.Writer, existing *stores, watch *[]string) (*stores, []*runtime.Worker, *runtime.Worker, error) {
	// The state dir is next to the first config (cfg.Dir); its stores open while the
	// workers are bundled.
	persist := PersistDir(filepath.Dir(configs[0]), opts.PersistTo, dir)
	opts.wasmCacheDir = filepath.Join(persist, "wasm-cache")
	type opened struct {
		st  *stores
		err error
	}
	storesc := make(chan opened, 1)
	if existing != nil {
		storesc <- opened{st: existing}
	} else {
		cluster, cacheMax, namespaces := opts.Cluster, opts.CacheMaxBytes, configuredNamespaces(configs, opts.Env)
		go func() {
			st, err := openStores(persist, cluster, cacheMax, namespaces, log)
			storesc <- opened{st, err}
		}()
	}
	all, err := loadScripts(configs, BundleCachePath(persist), opts, log, out, watch)
	o := <-storesc
	if err != nil {
		if o.err == nil && existing == nil {
			o.st.close()
		}
		return nil, nil, nil, err
	}
	if o.err != nil {
		return nil, nil, nil, o.err
	}
	st := o.st
	workers, _, err := newWorkers(all, st.kv, st.cache, opts, log, out)
	if err != nil {
		if existing == nil {
			st.close()
		}
		return nil, nil, nil, err
	}
	return st, workers, workers[0], nil
}

// openStores opens the KV store (joining the KV cluster when cluster is set) and the Cache API
// store of the state directory persist.
func openStores(persist string, cluster *replication.Config, cacheMaxBytes int64, namespaces []string, log *slog.Logger) (*stores, error) {
	kv, err := kvstore.Open(KVPath(persist), kvstore.Options{})
	if err != nil {
		return nil, err
	}
	var repl *replication.Node
	if cluster != nil {
		cfg := *cluster
		if cfg.Dir == "" {
			cfg.Dir = filepath.Join(persist, "cluster")
		}
		cfg.Logger = log
		if repl, err = replication.Start(kv, cfg, namespaces); err != nil {
			kv.Close()
			return nil, err
		}
	}
	c, err := cachestore.Open(CachePath(persist), cachestore.Options{MaxBytes: cacheMaxBytes})
	if err != nil {
		if repl != nil {
			repl.Close()
		}
		kv.Close()
		return nil, err
	}
	return &stores{kv, c, repl}, nil
}

// loaded is one config with its bundled script.
type loaded struct {
	cfg    *wrangler.Config
	script *runtime.Script
	wasm   []byte // a standalone Wasm worker's module (main = "….wasm"), instead of script
}

// bundleOptions are the bundler's inputs for cfg, with entry as the entry module.
func bundleOptions(cfg *wrangler.Config, entry string) runtime.BundleOptions {
	bo := runtime.BundleOptions{Entry: entry, Dir: cfg.Dir, Define: cfg.Define, CompatibilityDate: cfg.CompatibilityDate, CompatibilityFlags: cfg.CompatibilityFlags}
	for _, r := range cfg.Rules {
		bo.Rules = append(bo.Rules, runtime.ModuleRule{Type: runtime.ModuleType(r.Type), Globs: r.Globs})
	}
	for _, r := range cfg.IgnoredRules {
		bo.IgnoredRules = append(bo.IgnoredRules, runtime.ModuleRule{Type: runtime.ModuleType(r.Type), Globs: r.Globs})
	}
	return bo
}

// loadScripts loads every config and bundles its worker (after its [build] command). The
// entry worker's [dev] ip and port fill opts.IP and opts.Port when the flags left them unset;
// watch, when non-nil, collects the files `edge dev` watches. Bundles are cached in cacheDir
// (runtime.BundleOptions.CacheDir); "" = no cache.
func loadScripts(configs []string, cacheDir string, opts *Options, log *slog.Logger, out io.Writer, watch *[]string) ([]loaded, error) {
	var all []loaded
	names := map[string]string{}
	for _, path := range configs {
		cfg, warnings, err := wrangler.Load(path, wrangler.LoadOptions{Env: opts.Env})
		for _, w := range warnings {
			log.Warn(w.String())
		}
		if err != nil {
			return nil, err
		}
		if len(all) == 0 { // flags beat [dev]
			if opts.IP == "" {
				opts.IP = cfg.Dev.IP
			}
			if opts.Port < 0 && cfg.Dev.Port != 0 {
				opts.Port = cfg.Dev.Port
			}
		}
		if err := cfg.RunCustomBuild(context.Background(), out); err != nil {
			return nil, err
		}
		if cfg.Main == "" {
			return nil, fmt.Errorf("%s: no \"main\" entry point configured", cfg.Path)
		}
		if prev, dup := names[cfg.Name]; dup {
			return nil, fmt.Errorf("%s: worker name %q is already used by %s; each --config needs its own name", cfg.Path, cfg.Name, prev)
		}
		names[cfg.Name] = cfg.Path
		if strings.HasSuffix(cfg.Main, ".wasm") {
			mod, err := os.ReadFile(cfg.Main)
			if err != nil {
				return nil, fmt.Errorf("%s: main: %w", cfg.Path, err)
			}
			all = append(all, loaded{cfg: cfg, wasm: mod})
			if watch != nil {
				*watch = append(*watch, cfg.Path, cfg.Main)
			}
			continue
		}
		bo := bundleOptions(cfg, cfg.Main)
		bo.CacheDir = cacheDir
		script, err := runtime.Bundle(bo)
		if err != nil {
			return nil, err
		}
		if err := cfg.CheckFormat(script.Format == runtime.FormatServiceWorker); err != nil {
			return nil, err
		}
		if w := cfg.UnsupportedWarning(); w != "" {
			log.Warn(w, "worker", cfg.Name)
		}
		if n := cfg.IgnoredNote(); n != "" {
			log.Info(n, "worker", cfg.Name)
		}
		for _, m := range script.Warnings {
			log.Warn("bundle: " + m.String())
		}
		if script.LoweredClassFields {
			log.Info("bundle: class fields lowered (goja rejects fields named get/set/async); see RATIONALE.md", "worker", cfg.Name)
		}
		all = append(all, loaded{cfg: cfg, script: script})
		if watch != nil {
			*watch = append(*watch, cfg.Path)
			*watch = append(*watch, script.Inputs...)
			for _, name := range devVarFiles(opts.Env) {
				*watch = append(*watch, filepath.Join(cfg.Dir, name))
			}
		}
	}
	for _, l := range all {
		for _, svc := range l.cfg.Services {
			if _, ok := names[svc.Service]; !ok {
				log.Warn(fmt.Sprintf("%s: service binding %s points to worker %q, which is not among the --config files; calls to it will fail", l.cfg.Path, svc.Binding, svc.Service))
			}
		}
	}
	return all, nil
}

// newWorkers starts a worker per loaded config on the KV store and cache (nil: each worker
// gets its own in-memory cache), with bindings between them through the returned registry,
// and prints each worker's bindings to out.
func newWorkers(all []loaded, store *kvstore.Store, cache cachestore.Store, opts *Options, log *slog.Logger, out io.Writer) ([]*runtime.Worker, *registry, error) {
	reg := &registry{workers: map[string]*runtime.Worker{}}
	var workers []*runtime.Worker
	fail := func(err error) ([]*runtime.Worker, *registry, error) {
		for _, w := range workers {
			_ = w.Close(context.Background())
		}
		return nil, nil, err
	}
	for i, l := range all {
		var cliVars []string
		if i == 0 {
			cliVars = opts.Vars // --var applies to the entry worker
		}
		binds, desc, err := buildBindings(l.cfg, store, *opts, cliVars, reg)
		if err != nil {
			return fail(err)
		}
		wlog := log.With("worker", l.cfg.Name)
		var w *runtime.Worker
		if l.wasm != nil {
			w, err = standaloneWorker(l.cfg, l.wasm, binds, store, opts, wlog)
		} else {
			w, err = runtime.NewWorker(runtime.Config{
				Name:               l.cfg.Name,
				Script:             l.script,
				Bindings:           binds,
				Isolates:           opts.Isolates,
				Logger:             wlog,
				RequestLog:         requestLog(opts, l.cfg.Name, wlog),
				MemoryGuard:        opts.memGuard,
				Crons:              l.cfg.Crons,
				CPULimit:           time.Duration(l.cfg.Limits.CPUMs) * time.Millisecond, // 0 = default
				SubrequestLimit:    l.cfg.Limits.Subrequests,
				CompatibilityDate:  l.cfg.CompatibilityDate,
				CompatibilityFlags: l.cfg.CompatibilityFlags,
				DevErrors:          opts.Dev,
				Cache:              cache,
				RequestCF:          requestCF(opts.CF),
				WasmCacheDir:       opts.wasmCacheDir,
			})
		}
		if err != nil {
			return fail(fmt.Errorf("%s: %w", l.cfg.Path, err))
		}
		workers = append(workers, w)
		reg.set(l.cfg.Name, w)
		role := "entry worker, served over HTTP"
		if i > 0 {
			role = "reachable through service bindings"
		}
		fmt.Fprintf(out, "edge: worker %q (%s format, %s; %s)\n", l.cfg.Name, w.Format(), filepath.Base(l.cfg.Path), role)
		if len(desc) > 0 {
			fmt.Fprintln(out, "Your worker has access to the following bindings:")
			for _, d := range desc {
				fmt.Fprintln(out, "  "+d)
			}
		}
	}
	return workers, reg, nil
}

// standaloneWorker builds a standalone Wasm worker (package wagi): a WASI module run per
// request, with the config's KV namespaces and vars reachable through the "edge" host
// imports. The bindings are the ones buildBindings made, so vars follow the same precedence.
func standaloneWorker(cfg *wrangler.Config, mod []byte, binds []runtime.Binding, store *kvstore.Store, opts *Options, log *slog.Logger) (*runtime.Worker, error) {
	wc := wagi.Config{
		Name:      cfg.Name,
		Module:    mod,
		Store:     store,
		KV:        map[string]string{},
		Vars:      map[string]string{},
		TimeLimit: time.Duration(cfg.Limits.CPUMs) * time.Millisecond,
		CacheDir:  opts.wasmCacheDir,
		Logger:    log,
	}
	for _, b := range binds {
		switch b := b.(type) {
		case *bindings.KV:
			wc.KV[b.Binding] = b.NamespaceID
		case bindings.Text:
			wc.Vars[b.Binding] = b.Text
		case bindings.JSON:
			wc.Vars[b.Binding] = string(b.Raw)
		default:
			// Deviation: a standalone Wasm worker reaches only KV and vars (the "edge" ABI).
			log.Warn("binding is not available to a standalone Wasm worker", "worker", cfg.Name, "binding", b.Name())
		}
	}
	if len(cfg.Crons) > 0 {
		log.Warn("cron triggers are ignored: a standalone Wasm worker has no scheduled handler", "worker", cfg.Name)
	}
	h, err := wagi.New(context.Background(), wc)
	if err != nil {
		return nil, err
	}
	return runtime.NewWorker(runtime.Config{Name: cfg.Name, Standalone: h, Logger: wc.Logger, RequestLog: requestLog(opts, cfg.Name, wc.Logger)})
}

// requestLog is a worker's per-request callback: the metrics, then the access log (or, without
// one, the slog line the runtime would write).
func requestLog(opts *Options, worker string, log *slog.Logger) func(runtime.RequestRecord) {
	if opts.quietRequests {
		return func(runtime.RequestRecord) {}
	}
	next := func(r runtime.RequestRecord) {
		log.Info(r.Method+" "+r.Path, "status", r.Status, "duration", r.Duration, "isolate", r.Isolate, "request", r.ID)
	}
	if opts.AccessLog != nil {
		next = opts.AccessLog.Log
	}
	if opts.metrics == nil {
		return next
	}
	return opts.metrics.requestLog(worker, next)
}

// requestCF returns the runtime hook that adds the --cf fields to request.cf (nil for none).
func requestCF(cf map[string]any) func(*http.Request) map[string]any {
	if len(cf) == 0 {
		return nil
	}
	return func(*http.Request) map[string]any { return cf }
}
