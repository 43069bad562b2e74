package bench_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/server"
)

// The KV benchmarks of issue 3, through the real HTTP server (server.Start, the code behind
// `edge serve`) over loopback with a real, fsync'd bbolt file, using the same worker folders
// as scripts/bench-kv.sh. Each runs 32 client goroutines (wrk's -c32) and reports req/s.
//
//	go test -run '^$' -bench KV -benchtime 3s ./internal/bench/

const clientConns = 32

// serve starts the worker project in dir with its KV state in a fresh temp dir.
func serve(b testing.TB, dir string) *server.Server {
	b.Helper()
	s, err := server.Start(server.Options{
		Dir:       dir,
		IP:        "127.0.0.1",
		PersistTo: b.TempDir(),
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			b.Errorf("shutdown: %v", err)
		}
	})
	return s
}

// run calls url(i) for b.N distinct i from clientConns goroutines and checks each body.
func run(b *testing.B, url func(i int64) string, want string) {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clientConns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var next atomic.Int64
	b.ReportAllocs()
	// RunParallel starts SetParallelism × GOMAXPROCS goroutines.
	b.SetParallelism(max(1, clientConns/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Get(url(next.Add(1)))
			if err != nil {
				b.Error(err)
				return
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK || string(body) != want {
				b.Errorf("status %d, body %.80q, err %v; want 200 %q", resp.StatusCode, body, err, want)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkKVGetHotKeyHTTP: one get of the same key per request (internal/bench/kvget).
func BenchmarkKVGetHotKeyHTTP(b *testing.B) {
	s := serve(b, "kvget")
	if err := s.Store().Put(context.Background(), "bench", "greeting", []byte("Hello from KV"), kvstore.PutOptions{}); err != nil {
		b.Fatal(err)
	}
	run(b, func(int64) string { return s.URL + "/" }, "Hello from KV")
}

// BenchmarkKVPutDistinctHTTP: one put of a new key per request (internal/bench/kvput); each
// response waits for the write's fsync.
func BenchmarkKVPutDistinctHTTP(b *testing.B) {
	s := serve(b, "kvput")
	run(b, func(i int64) string { return s.URL + "/key-" + strconv.FormatInt(i, 10) }, "ok")
	b.StopTimer()
	res, err := s.Store().List(context.Background(), "bench", kvstore.ListOptions{Limit: 1})
	if err != nil || len(res.Keys) == 0 {
		b.Fatalf("no key written: %v", err)
	}
}

// BenchmarkKVList1000HTTP: one list() returning 1000 keys per request (internal/bench/kvlist).
func BenchmarkKVList1000HTTP(b *testing.B) {
	s := serve(b, "kvlist")
	if err := seedList(s.Store()); err != nil {
		b.Fatal(err)
	}
	run(b, func(int64) string { return s.URL + "/" }, "1000")
}

// seedList writes the 1000 keys the list worker reads, with the same names and values as
// scripts/bench-kv.sh.
func seedList(store *kvstore.Store) error {
	errs := make(chan error, 1000)
	for i := range 1000 {
		go func() {
			errs <- store.Put(context.Background(), "bench", fmt.Sprintf("key-%04d", i), fmt.Appendf(nil, "value-%04d", i), kvstore.PutOptions{})
		}()
	}
	for range 1000 {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// TestKVBenchWorkers runs each KV bench worker once, so the fixtures scripts/bench-kv.sh serves
// keep working between benchmark runs.
func TestKVBenchWorkers(t *testing.T) {
	get := func(url, want string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || string(body) != want {
			t.Fatalf("GET %s: status %d, body %.80q, err %v; want 200 %q", url, resp.StatusCode, body, err, want)
		}
	}
	t.Run("kvget", func(t *testing.T) {
		s := serve(t, "kvget")
		if err := s.Store().Put(context.Background(), "bench", "greeting", []byte("Hello from KV"), kvstore.PutOptions{}); err != nil {
			t.Fatal(err)
		}
		get(s.URL+"/", "Hello from KV")
	})
	t.Run("kvput", func(t *testing.T) {
		s := serve(t, "kvput")
		get(s.URL+"/a-1-1", "ok")
		get(s.URL+"/a-1-2", "ok")
		res, err := s.Store().List(context.Background(), "bench", kvstore.ListOptions{})
		if err != nil || len(res.Keys) != 2 || res.Keys[0].Name != "a-1-1" {
			t.Fatalf("keys after two puts: %+v, %v", res.Keys, err)
		}
	})
	t.Run("kvlist", func(t *testing.T) {
		s := serve(t, "kvlist")
		if err := seedList(s.Store()); err != nil {
			t.Fatal(err)
		}
		get(s.URL+"/", "1000")
	})
}
