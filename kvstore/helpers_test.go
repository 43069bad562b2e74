package kvstore_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
)

// t0 is the injected "now" of most tests: 2023-11-14T22:13:20Z.
const t0 = 1_700_000_000

// clock is an injectable, manually advanced clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock(unix int64) *clock { return &clock{now: time.Unix(unix, 0)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(unix int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = time.Unix(unix, 0)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// openStore opens a fresh store in t.TempDir() with fsync off and the
// background sweeper off, unless opts says otherwise. Cleanup checks the
// file's invariants and closes it.
func openStore(t testing.TB, opts kvstore.Options) *kvstore.Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "kv.db"), opts)
}

func openAt(t testing.TB, path string, opts kvstore.Options) *kvstore.Store {
	t.Helper()
	opts.NoSync = true
	if opts.SweepInterval == 0 {
		opts.SweepInterval = -1
	}
	s, err := kvstore.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Check(context.Background()); err != nil && !errors.Is(err, kvstore.ErrClosed) {
			t.Errorf("Check: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func f64(v float64) *float64 { return &v }

func mustPut(t testing.TB, s *kvstore.Store, ns, key, value string, opts kvstore.PutOptions) {
	t.Helper()
	if err := s.Put(context.Background(), ns, key, []byte(value), opts); err != nil {
		t.Fatalf("Put(%q, %q): %v", ns, key, err)
	}
}

func mustGet(t testing.TB, s *kvstore.Store, ns, key string) (kvstore.Entry, bool) {
	t.Helper()
	e, found, err := s.Get(context.Background(), ns, key)
	if err != nil {
		t.Fatalf("Get(%q, %q): %v", ns, key, err)
	}
	return e, found
}

func mustList(t testing.TB, s *kvstore.Store, ns string, opts kvstore.ListOptions) kvstore.ListResult {
	t.Helper()
	res, err := s.List(context.Background(), ns, opts)
	if err != nil {
		t.Fatalf("List(%q, %+v): %v", ns, opts, err)
	}
	return res
}

// names returns the key names of a page.
func names(keys []kvstore.KeyInfo) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.Name
	}
	return out
}

// listAll pages through a listing with the given limits (cycled) and checks
// the paging invariants on the way: no empty incomplete page, a cursor
// exactly when incomplete.
func listAll(t testing.TB, s *kvstore.Store, ns, prefix string, limits ...int) []string {
	t.Helper()
	if len(limits) == 0 {
		limits = []int{0}
	}
	var all []string
	cursor := ""
	for page := 0; ; page++ {
		res := mustList(t, s, ns, kvstore.ListOptions{Prefix: prefix, Limit: limits[page%len(limits)], Cursor: cursor})
		if !res.ListComplete && len(res.Keys) == 0 {
			t.Fatalf("page %d: empty but incomplete", page)
		}
		if res.ListComplete != (res.Cursor == "") {
			t.Fatalf("page %d: list_complete=%v with cursor %q", page, res.ListComplete, res.Cursor)
		}
		all = append(all, names(res.Keys)...)
		if res.ListComplete {
			return all
		}
		cursor = res.Cursor
	}
}

// putMany writes n keys from several goroutines, so group commit folds them
// into few transactions and big fixtures stay cheap on a busy disk.
func putMany(t testing.TB, s *kvstore.Store, n int, entry func(i int) (ns, key string, opts kvstore.PutOptions)) {
	t.Helper()
	const writers = 16
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := w; i < n; i += writers {
				ns, key, opts := entry(i)
				if err := s.Put(context.Background(), ns, key, []byte("v"), opts); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
