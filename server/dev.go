package server

import (
	"context"
	"io"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/edgeruntime/edge/runtime"
)

// swapHandler serves whatever handler is current; `edge dev` swaps in a rebuilt worker.
type swapHandler struct{ h atomic.Pointer[http.Handler] }

func (s *swapHandler) set(h http.Handler) { s.h.Store(&h) }

func (s *swapHandler) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	(*s.h.Load()).ServeHTTP(rw, r)
}

// devVarFiles are the local variable files wrangler reads, relative to a config's directory.
func devVarFiles(env string) []string {
	files := []string{".dev.vars", ".env", ".env.local"}
	if env != "" {
		files = append(files, ".dev.vars."+env, ".env."+env, ".env."+env+".local")
	}
	return files
}

// fileState is what the watcher compares: modification time and size (zero when missing).
type fileState struct {
	mod  time.Time
	size int64
}

func snapshot(paths []string) map[string]fileState {
	m := make(map[string]fileState, len(paths))
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			m[p] = fileState{st.ModTime(), st.Size()}
		} else {
			m[p] = fileState{}
		}
	}
	return m
}

func sameSnapshot(a, b map[string]fileState) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// watchPoll is how often `edge dev` looks at the watched files (polling keeps edge free of
// platform file-notification code and works on every file system).
const watchPoll = 200 * time.Millisecond

// watchFiles rebuilds and swaps the workers when a watched file changes.
func (s *Server) watchFiles(ctx context.Context) {
	defer close(s.watchDone)
	s.mu.Lock()
	snap := snapshot(s.watched)
	s.mu.Unlock()
	t := time.NewTicker(watchPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.mu.Lock()
		paths := s.watched
		s.mu.Unlock()
		if cur := snapshot(paths); sameSnapshot(cur, snap) {
			continue
		}
		time.Sleep(50 * time.Millisecond) // let an editor finish writing
		snap = snapshot(paths)
		s.log.Info("change detected; rebuilding")
		if err := s.reload(); err != nil {
			s.log.Error("rebuild failed; still serving the previous version", "error", err.Error())
			continue
		}
		s.mu.Lock()
		snap = snapshot(s.watched)
		s.mu.Unlock()
		s.log.Info("reloaded")
	}
}

// reload builds new workers from the configs (same KV store) and swaps them in atomically:
// requests already running finish on the old workers, new requests reach the new ones.
func (s *Server) reload() error {
	opts := s.opts
	var watch []string
	_, workers, entry, err := startWorkers(s.configs, s.dir, &opts, s.log, io.Discard, &stores{s.store, s.cache, s.repl}, &watch)
	if err != nil {
		return err
	}
	s.mu.Lock()
	old := s.workers
	s.workers, s.worker, s.watched = workers, entry, watch
	s.retiredWorkers = append(s.retiredWorkers, old...)
	s.mu.Unlock()
	opts.metrics.serve(workers)
	s.swap.set(handler(entry, opts.TestScheduled))
	if s.stopCron != nil { // move the cron schedulers to the new workers
		s.stopCron()
		s.stopCron = nil
		if stop, err := startCrons(s.configs, workers, opts, s.log); err != nil {
			s.log.Error("cron triggers not restarted after reload", "error", err.Error())
		} else {
			s.stopCron = stop
		}
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 35*time.Second)
		defer cancel()
		for _, w := range old {
			_ = w.Close(ctx)
		}
		opts.metrics.closed(old)
		s.mu.Lock()
		kept := s.retiredWorkers[:0]
		for _, r := range s.retiredWorkers {
			if !contains(old, r) {
				kept = append(kept, r)
			}
		}
		s.retiredWorkers = kept
		s.mu.Unlock()
	}()
	return nil
}

func contains(ws []*runtime.Worker, w *runtime.Worker) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// Reload rebuilds every worker from its config and sources and swaps them in atomically, as a
// file change does in `edge dev` (edge serve calls it on SIGHUP). On error the running version
// keeps serving.
func (s *Server) Reload() error { return s.reload() }
