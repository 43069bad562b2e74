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
	"strconv"
	"strings"
	"time"

	"github.com/edgeruntime/edge/bindings"
	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/runtime"
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
	// TestScheduled exposes GET /__scheduled?cron=… (and Miniflare's /cdn-cgi/{handler,local,mf}/scheduled)
	// to fire the scheduled handler, as `wrangler dev --test-scheduled` does.
	TestScheduled bool
	Logger        *slog.Logger
	Stdout        io.Writer // the ready banner; nil = io.Discard
}

// Server is a running `edge serve`.
type Server struct {
	URL    string
	Addr   net.Addr
	worker *runtime.Worker
	store  *kvstore.Store
	http   *http.Server
	done   chan error
	log    *slog.Logger
}

// DefaultPort is wrangler dev's port.
const DefaultPort = 8787

// Start loads the config, builds the worker and starts serving.
func Start(opts Options) (*Server, error) {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	out := opts.Stdout
	if out == nil {
		out = io.Discard
	}
	dir := opts.Dir
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	configs := opts.Configs
	if len(configs) == 0 {
		p, err := wrangler.Find(dir)
		if err != nil {
			if errors.Is(err, wrangler.ErrNotFound) {
				return nil, fmt.Errorf("no wrangler.json, wrangler.jsonc or wrangler.toml found in %s or its parents (use --config)", dir)
			}
			return nil, err
		}
		configs = []string{p}
	}
	for i, c := range configs {
		if !filepath.IsAbs(c) {
			configs[i] = filepath.Join(dir, c)
		}
	}
	cfg, warnings, err := wrangler.Load(configs[0], wrangler.LoadOptions{Env: opts.Env})
	for _, w := range warnings {
		log.Warn(w.String())
	}
	if err != nil {
		return nil, err
	}
	if len(configs) > 1 {
		log.Warn("serving only the first --config; multi-worker service bindings are not supported yet", "ignored", strings.Join(configs[1:], ", "))
	}
	if cfg.Main == "" {
		return nil, fmt.Errorf("%s: no \"main\" entry point configured", cfg.Path)
	}

	script, err := runtime.Bundle(runtime.BundleOptions{Entry: cfg.Main, Dir: cfg.Dir, Define: cfg.Define})
	if err != nil {
		return nil, err
	}
	for _, m := range script.Warnings {
		log.Warn("bundle: " + m.String())
	}
	if script.LoweredClassFields {
		log.Info("bundle: class fields lowered (goja rejects fields named get/set/async); see RATIONALE.md")
	}

	store, err := kvstore.Open(KVPath(PersistDir(cfg.Dir, opts.PersistTo, dir)), kvstore.Options{})
	if err != nil {
		return nil, err
	}
	binds, desc, err := buildBindings(cfg, store, opts)
	if err != nil {
		store.Close()
		return nil, err
	}
	worker, err := runtime.NewWorker(runtime.Config{
		Name:               cfg.Name,
		Script:             script,
		Bindings:           binds,
		Isolates:           opts.Isolates,
		Logger:             log,
		CompatibilityDate:  cfg.CompatibilityDate,
		CompatibilityFlags: cfg.CompatibilityFlags,
	})
	if err != nil {
		store.Close()
		return nil, err
	}

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
		worker.Close(context.Background())
		store.Close()
		return nil, err
	}
	s := &Server{
		Addr:   ln.Addr(),
		worker: worker,
		store:  store,
		done:   make(chan error, 1),
		log:    log,
		http: &http.Server{
			Handler:           handler(worker, opts.TestScheduled),
			ReadHeaderTimeout: 30 * time.Second,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
	}
	s.URL = "http://" + ln.Addr().String()
	fmt.Fprintf(out, "edge: serving %q (%s worker, %s)\n", cfg.Name, worker.Format(), filepath.Base(cfg.Path))
	if len(desc) > 0 {
		fmt.Fprintln(out, "Your worker has access to the following bindings:")
		for _, d := range desc {
			fmt.Fprintln(out, "  "+d)
		}
	}
	fmt.Fprintf(out, "KV state: %s\n", store.Path())
	fmt.Fprintf(out, "Ready on %s\n", s.URL)
	go func() { s.done <- s.http.Serve(ln) }()
	return s, nil
}

// Shutdown stops accepting connections, lets in-flight requests (and their waitUntil work)
// finish until ctx ends, then closes the store.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.http.Shutdown(ctx)
	if werr := s.worker.Close(ctx); err == nil {
		err = werr
	}
	if serr := <-s.done; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if cerr := s.store.Close(); err == nil {
		err = cerr
	}
	return err
}

// Store returns the server's KV store (tests seed it through the CLI or the worker instead).
func (s *Server) Store() *kvstore.Store { return s.store }

// buildBindings translates config into binding descriptors, in wrangler's precedence order:
// [vars], then .dev.vars/.env (secrets), then --var.
func buildBindings(cfg *wrangler.Config, store *kvstore.Store, opts Options) ([]runtime.Binding, []string, error) {
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
	for _, v := range devVars {
		if err := setVar(v, "secret"); err != nil {
			return nil, nil, err
		}
	}
	if file != "" && opts.Logger != nil {
		opts.Logger.Info("using local secrets", "file", file)
	}
	for _, f := range opts.Vars {
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
	for _, kv := range cfg.KVNamespaces {
		id := NamespaceID(kv)
		out = append(out, &bindings.KV{Binding: kv.Binding, NamespaceID: id, Store: store})
		desc = append(desc, fmt.Sprintf("env.%s (KV namespace) %s", kv.Binding, id))
		delete(vars, kv.Binding) // resource bindings win over vars of the same name
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
