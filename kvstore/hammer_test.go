package kvstore_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
)

// TestHammer runs 8 goroutines of mixed puts, gets, lists and deletes on
// overlapping keys, with expiring keys, a moving clock and sweeps, then
// checks that every read saw a whole write and that the file is consistent.
func TestHammer(t *testing.T) {
	const (
		workers = 8
		ops     = 800
		keys    = 24
	)
	clk := newClock(t0)
	path := filepath.Join(t.TempDir(), "kv.db")
	s := openAt(t, path, kvstore.Options{Now: clk.Now})
	ctx := t.Context()
	key := func(r *rand.Rand) string { return fmt.Sprintf("k%02d", r.IntN(keys)) }

	// A value and its metadata are written together; a reader that sees one
	// without the other has seen a torn write.
	type meta struct{ V string }
	checkEntry := func(value []byte, metadata json.RawMessage) error {
		var m meta
		if err := json.Unmarshal(metadata, &m); err != nil || m.V != string(value) {
			return fmt.Errorf("value %q with metadata %s", value, metadata)
		}
		return nil
	}

	var wg sync.WaitGroup
	errs := make(chan error, workers+1)
	for w := range workers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for i := range ops {
				k := key(r)
				switch op := r.IntN(10); {
				case op < 4:
					v := fmt.Sprintf("w%d-%d", w, i)
					opts := kvstore.PutOptions{Metadata: json.RawMessage(fmt.Sprintf(`{"V":%q}`, v))}
					if r.IntN(3) == 0 {
						opts.ExpirationTTL = f64(float64(60 + r.IntN(60)))
					}
					if err := s.Put(ctx, "ns", k, []byte(v), opts); err != nil {
						errs <- err
						return
					}
				case op < 7:
					if _, err := s.View(ctx, "ns", k, func(value []byte, _ int64, metadata json.RawMessage) error {
						return checkEntry(value, metadata)
					}); err != nil {
						errs <- fmt.Errorf("get %s: %w", k, err)
						return
					}
				case op < 8:
					res, err := s.List(ctx, "ns", kvstore.ListOptions{Limit: 1 + r.IntN(10), Prefix: []string{"", "k0", "k1"}[r.IntN(3)]})
					if err != nil {
						errs <- err
						return
					}
					if !slices.IsSorted(names(res.Keys)) || len(slices.Compact(names(res.Keys))) != len(res.Keys) {
						errs <- fmt.Errorf("list page out of order: %q", names(res.Keys))
						return
					}
				default:
					if err := s.Delete(ctx, "ns", k); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	stop := make(chan struct{})
	var sweeper sync.WaitGroup
	sweeper.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			clk.Advance(5 * time.Second)
			if _, err := s.Sweep(ctx); err != nil {
				errs <- err
				return
			}
			time.Sleep(time.Millisecond)
		}
	})
	wg.Wait()
	close(stop)
	sweeper.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		return
	}

	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	// Get and List agree, every entry is whole, and all of it survives a
	// reopen.
	dump := func(s *kvstore.Store) map[string]string {
		out := map[string]string{}
		for i := range keys {
			k := fmt.Sprintf("k%02d", i)
			if e, found := mustGet(t, s, "ns", k); found {
				if err := checkEntry(e.Value, e.Metadata); err != nil {
					t.Error(err)
				}
				out[k] = fmt.Sprintf("%s@%d", e.Value, e.Expiration)
			}
		}
		listed := listAll(t, s, "ns", "", 3)
		if len(listed) != len(out) {
			t.Errorf("list has %d keys, get finds %d", len(listed), len(out))
		}
		for _, k := range listed {
			if _, ok := out[k]; !ok {
				t.Errorf("listed %s, but get does not find it", k)
			}
		}
		return out
	}
	before := dump(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, kvstore.Options{Now: clk.Now})
	if after := dump(s); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("reopen changed the data:\nbefore %v\nafter  %v", before, after)
	}
}
