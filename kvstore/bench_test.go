package kvstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/edgeruntime/edge/kvstore"
)

// TestSyncedConcurrentPuts runs the group-commit path with fsync on: many
// writers at once, each write visible after its Put returns.
func TestSyncedConcurrentPuts(t *testing.T) {
	s, err := kvstore.Open(filepath.Join(t.TempDir(), "kv.db"), kvstore.Options{SweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	var wg sync.WaitGroup
	for w := range 32 {
		wg.Go(func() {
			for i := range 10 {
				k := fmt.Sprintf("w%02d-%d", w, i)
				if err := s.Put(ctx, "ns", k, []byte(k), kvstore.PutOptions{}); err != nil {
					t.Error(err)
					return
				}
				if e, found, err := s.Get(ctx, "ns", k); err != nil || !found || string(e.Value) != k {
					t.Errorf("read-your-write %s: %q found=%v err=%v", k, e.Value, found, err)
				}
			}
		})
	}
	wg.Wait()
	if keys := listAll(t, s, "ns", ""); len(keys) != 320 {
		t.Fatalf("%d keys, want 320", len(keys))
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkGet(b *testing.B) {
	s := openStore(b, kvstore.Options{})
	ctx := context.Background()
	value := make([]byte, 256)
	mustPut(b, s, "ns", "hot", string(value), kvstore.PutOptions{Metadata: json.RawMessage(`{"v":1}`)})

	b.Run("View", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			if _, err := s.View(ctx, "ns", "hot", func(v []byte, _ int64, _ json.RawMessage) error {
				n += len(v)
				return nil
			}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("View/parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := s.View(ctx, "ns", "hot", func([]byte, int64, json.RawMessage) error { return nil }); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("Get", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := s.Get(ctx, "ns", "hot"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPut writes 256-byte values to distinct keys. The parallel runs use
// 16 writers per CPU, so group commit shows as throughput with fsync on.
func BenchmarkPut(b *testing.B) {
	value := make([]byte, 256)
	for _, sync := range []bool{false, true} {
		name := "NoSync"
		if sync {
			name = "Sync"
		}
		open := func(b *testing.B) *kvstore.Store {
			s, err := kvstore.Open(filepath.Join(b.TempDir(), "kv.db"), kvstore.Options{NoSync: !sync, SweepInterval: -1})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		}
		b.Run(name+"/serial", func(b *testing.B) {
			s := open(b)
			ctx := context.Background()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				if err := s.Put(ctx, "ns", fmt.Sprintf("key-%09d", i), value, kvstore.PutOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/parallel", func(b *testing.B) {
			s := open(b)
			ctx := context.Background()
			var next atomic.Int64
			b.ReportAllocs()
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := s.Put(ctx, "ns", fmt.Sprintf("key-%09d", next.Add(1)), value, kvstore.PutOptions{}); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

func BenchmarkList1000(b *testing.B) {
	s := openStore(b, kvstore.Options{})
	ctx := context.Background()
	putMany(b, s, 5000, func(i int) (string, string, kvstore.PutOptions) {
		opts := kvstore.PutOptions{}
		if i%2 == 0 {
			opts.Metadata = json.RawMessage(`{"n":1}`)
		}
		return "ns", fmt.Sprintf("key-%05d", i), opts
	})
	b.ReportAllocs()
	for b.Loop() {
		res, err := s.List(ctx, "ns", kvstore.ListOptions{})
		if err != nil || len(res.Keys) != 1000 {
			b.Fatal(len(res.Keys), err)
		}
	}
}

// TestCommitStats: every committed write is counted once, in exactly one transaction; a lone
// sequential writer commits alone, and concurrent writers never need more transactions than
// writes (how many they share depends on timing, which the puts/commit figure of
// bench/scaling.sh measures).
func TestCommitStats(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	if got := s.CommitStats(); got != (kvstore.CommitStats{}) {
		t.Fatalf("fresh store: %+v", got)
	}
	for i := range 5 {
		mustPut(t, s, "ns", fmt.Sprint("seq", i), "v", kvstore.PutOptions{})
	}
	if got := s.CommitStats(); got != (kvstore.CommitStats{Commits: 5, Writes: 5}) {
		t.Fatalf("after 5 sequential puts: %+v", got)
	}
	putMany(t, s, 200, func(i int) (string, string, kvstore.PutOptions) {
		return "ns", fmt.Sprint("par", i), kvstore.PutOptions{}
	})
	got := s.CommitStats()
	if got.Writes != 205 || got.Commits < 6 || got.Commits > 205 {
		t.Fatalf("after 200 concurrent puts: %+v", got)
	}
	if err := s.Delete(t.Context(), "ns", "seq0"); err != nil {
		t.Fatal(err)
	}
	if after := s.CommitStats(); after.Writes != 206 || after.Commits != got.Commits+1 {
		t.Fatalf("a delete: %+v after %+v", after, got)
	}
}
