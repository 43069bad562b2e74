package server

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/runtime"
	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// Project is a loaded and bundled project — its configs, the entry worker's first, and their
// scripts — that can be started any number of times without a listener, each time on a fresh
// KV store: what `edge test` runs each test file against, and what package edgetest embeds.
type Project struct {
	dir  string // the working directory
	opts Options
	log  *slog.Logger
	all  []loaded
}

// LoadProject loads opts' configs (found from opts.Dir upwards when none is given), runs their
// [build] commands and bundles their workers. Build output goes to opts.Stdout.
func LoadProject(opts Options) (*Project, error) {
	log, out := opts.outputs()
	configs, dir, err := resolveConfigs(opts)
	if err != nil {
		return nil, err
	}
	if opts.Isolates == 0 {
		opts.Isolates = 1 // a test world serves one caller; more isolates only cost start-up
	}
	opts.quietRequests = true
	all, err := loadScripts(configs, "", &opts, log, out, nil) // no bundle cache: no state dir
	if err != nil {
		return nil, err
	}
	return &Project{dir: dir, opts: opts, log: log, all: all}, nil
}

// Config is the entry worker's configuration.
func (p *Project) Config() *wrangler.Config { return p.all[0].cfg }

// Instance is a started Project: its workers on a KV store of their own in a temporary
// directory, seeded from the config's [test] kv_seed files.
type Instance struct {
	p       *Project
	Entry   *runtime.Worker // the entry worker (an http.Handler)
	workers []*runtime.Worker
	reg     *registry
	store   *kvstore.Store
	tmp     string
}

// Start starts the project's workers on a fresh, seeded KV store in a new temporary
// directory, which Close removes.
func (p *Project) Start() (*Instance, error) {
	tmp, err := os.MkdirTemp("", "edge-test-")
	if err != nil {
		return nil, err
	}
	// NoSync: the store is thrown away with the directory; fsync would only slow tests.
	store, err := kvstore.Open(KVPath(tmp), kvstore.Options{NoSync: true})
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	in := &Instance{p: p, store: store, tmp: tmp}
	if err := in.seed(); err != nil {
		in.Close()
		return nil, err
	}
	if in.workers, in.reg, err = newWorkers(p.all, store, nil, &p.opts, p.log, io.Discard); err != nil {
		in.Close()
		return nil, err
	}
	in.Entry = in.workers[0]
	return in, nil
}

// seed writes the entry config's [test] kv_seed files into their namespaces.
func (in *Instance) seed() error {
	cfg := in.p.Config()
	for _, s := range cfg.Test.KVSeed {
		ns, ok := in.Namespace(s.Name)
		if !ok {
			return fmt.Errorf("%s:%d: test.kv_seed.%s: no KV namespace is bound as %s", cfg.Path, s.Line, s.Name, s.Name)
		}
		items, warnings, err := wrangler.LoadKVBulkPut(s.Path)
		for _, w := range warnings {
			in.p.log.Warn(w.String())
		}
		if err != nil {
			return err
		}
		for _, it := range items {
			value := []byte(it.Value)
			if it.Base64 {
				if value, err = base64.StdEncoding.DecodeString(it.Value); err != nil {
					return fmt.Errorf("%s:%d: %q: invalid base64 value: %v", s.Path, it.Line, it.Key, err)
				}
			}
			var o kvstore.PutOptions
			if it.ExpirationTTL != 0 {
				o.ExpirationTTL = &it.ExpirationTTL
			}
			if it.Expiration != 0 {
				o.Expiration = &it.Expiration
			}
			o.Metadata = it.Metadata
			if err := in.store.Put(context.Background(), ns, it.Key, value, o); err != nil {
				return fmt.Errorf("%s:%d: %q: %v", s.Path, it.Line, it.Key, err)
			}
		}
	}
	return nil
}

// Store is the instance's KV store (a Go test may seed or inspect it).
func (in *Instance) Store() *kvstore.Store { return in.store }

// Namespace returns the KV namespace id the entry worker's binding reads and writes.
func (in *Instance) Namespace(binding string) (id string, ok bool) {
	for _, kv := range in.p.Config().KVNamespaces {
		if kv.Binding == binding {
			return NamespaceID(kv), true
		}
	}
	return "", false
}

// Close stops the workers once their in-flight work finished (waiting 2 s at most), closes
// the store and removes its directory.
func (in *Instance) Close() error {
	var errs []error
	for _, w := range in.workers {
		if err := closeWithin(w, closeLimit); !errors.Is(err, context.DeadlineExceeded) {
			errs = append(errs, err)
		}
	}
	errs = append(errs, in.store.Close(), os.RemoveAll(in.tmp))
	return errors.Join(errs...)
}
