// Package edgetest runs a Workers project inside a Go test: Start takes a folder with a
// wrangler config, StartScript an inline script. The worker runs on edge's runtime, in this
// process, with its configured bindings (vars, .dev.vars secrets, KV, service bindings to the
// other configs given) and KV namespaces of its own in a temporary directory, seeded from the
// config's [test] kv_seed files as `edge test` seeds them. A Worker is an http.Handler: call
// it with httptest, or serve it with httptest.NewServer.
//
// Imports: like server and cmd/edge it may import every edge package; it builds workers
// through server.LoadProject, so projects load exactly as `edge test` loads them.
package edgetest

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/server"
)

// Options adjust how a worker starts. The zero value (or nil) is the config as written.
type Options struct {
	Env  string   // applies [env.NAME] and selects .dev.vars.NAME, as --env
	Vars []string // KEY:VALUE variables that win over [vars] and .dev.vars, as --var
	// Configs, when set, are the config files to load, relative to the folder (Start only):
	// the first runs, the others are reachable through its service bindings, as with
	// `edge serve -c a -c b`. Empty = the config found from the folder upwards.
	Configs []string
	// KV names the KV namespace bindings of an inline script (StartScript only).
	KV []string
	// Logger receives console output and the runtime's warnings; nil = slog.Default().
	Logger *slog.Logger
}

// Worker is a started worker with KV of its own. It is an http.Handler.
type Worker struct {
	in     *server.Instance
	remove string // StartScript's folder
}

// Start bundles and starts the project in dir (its wrangler.json, .jsonc or .toml, found
// from dir upwards, runs first).
func Start(dir string, opts *Options) (*Worker, error) {
	if opts == nil {
		opts = &Options{}
	}
	p, err := server.LoadProject(server.Options{Dir: dir, Configs: opts.Configs, Env: opts.Env, Vars: opts.Vars, Logger: opts.Logger})
	if err != nil {
		return nil, err
	}
	in, err := p.Start()
	if err != nil {
		return nil, err
	}
	return &Worker{in: in}, nil
}

// StartScript starts an inline worker script (ES module or service-worker syntax) with the
// KV namespaces opts.KV names.
func StartScript(script string, opts *Options) (*Worker, error) {
	if opts == nil {
		opts = &Options{}
	}
	dir, err := os.MkdirTemp("", "edgetest-")
	if err != nil {
		return nil, err
	}
	type kv struct {
		Binding string `json:"binding"`
	}
	cfg := struct {
		Name              string `json:"name"`
		Main              string `json:"main"`
		CompatibilityDate string `json:"compatibility_date"`
		KV                []kv   `json:"kv_namespaces,omitempty"`
	}{Name: "worker", Main: "worker.js", CompatibilityDate: "2025-06-01"}
	for _, b := range opts.KV {
		cfg.KV = append(cfg.KV, kv{b})
	}
	data, _ := json.Marshal(cfg)
	err = os.WriteFile(filepath.Join(dir, "wrangler.json"), data, 0o644)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "worker.js"), []byte(script), 0o644)
	}
	var w *Worker
	if err == nil {
		o := *opts
		o.Configs = nil
		w, err = Start(dir, &o)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	w.remove = dir
	return w, nil
}

// ServeHTTP hands the request to the worker's fetch handler.
func (w *Worker) ServeHTTP(rw http.ResponseWriter, r *http.Request) { w.in.Entry.ServeHTTP(rw, r) }

// Scheduled runs the worker's scheduled handler for cron and waits for it (and its waitUntil
// work); the error is the handler's exception.
func (w *Worker) Scheduled(ctx context.Context, cron string) error {
	return w.in.Entry.Scheduled(ctx, cron, time.Now())
}

// KVPut writes key in the namespace of the KV binding.
func (w *Worker) KVPut(binding, key, value string) error {
	ns, err := w.namespace(binding)
	if err != nil {
		return err
	}
	return w.in.Store().Put(context.Background(), ns, key, []byte(value), kvstore.PutOptions{})
}

// KVGet reads key from the namespace of the KV binding; ok is false when it is not there.
func (w *Worker) KVGet(binding, key string) (value string, ok bool, err error) {
	ns, err := w.namespace(binding)
	if err != nil {
		return "", false, err
	}
	e, ok, err := w.in.Store().Get(context.Background(), ns, key)
	return string(e.Value), ok, err
}

func (w *Worker) namespace(binding string) (string, error) {
	ns, ok := w.in.Namespace(binding)
	if !ok {
		return "", fmt.Errorf("edgetest: no KV namespace is bound as %s", binding)
	}
	return ns, nil
}

// Close waits for in-flight work, stops the worker and removes its KV store.
func (w *Worker) Close() error {
	err := w.in.Close()
	if w.remove != "" {
		os.RemoveAll(w.remove)
	}
	return err
}
