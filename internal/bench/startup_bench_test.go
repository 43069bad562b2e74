package bench_test

import (
	"context"
	"io"
	"log/slog"
	goruntime "runtime"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/internal/bench"
	"github.com/edgeruntime/edge/runtime"
)

// BenchmarkStartupBySize splits a worker's start-up as its source grows from 1 KB to 1 MB (the
// generated workers of bench/scaling.sh): esbuild's bundling, goja's compile, and the time and
// live heap one isolate adds by running the script (every literal, function and class of the
// bundle). It reports per start: esbuild-ms, compile-ms, isolate-ms, and the live heap the
// compiled script holds (script-MB: after Bundle against before, shared by the isolates) and one
// isolate holds (isolate-MB: with the worker against after its Close), each after forced GCs.
//
//	go test -run '^$' -bench StartupBySize -benchtime 5x ./internal/bench/
func BenchmarkStartupBySize(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"1KB", 1 << 10}, {"10KB", 10 << 10}, {"100KB", 100 << 10}, {"1MB", 1 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			dir := b.TempDir()
			if _, _, err := bench.WriteSyntheticProject(dir, size.bytes); err != nil {
				b.Fatal(err)
			}
			logger := slog.New(slog.NewTextHandler(io.Discard, nil))
			var bundle, compile, isolate time.Duration
			var scriptHeap, isolateHeap float64
			for b.Loop() {
				h0 := liveHeap()
				t0 := time.Now()
				script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
				if err != nil {
					b.Fatal(err)
				}
				bundle += time.Since(t0)
				h1 := liveHeap()
				// Bundle compiled it once; once more alone to tell goja's share from esbuild's.
				t0 = time.Now()
				if _, err := goja.Compile(script.Name, script.Code, true); err != nil {
					b.Fatal(err)
				}
				compile += time.Since(t0)
				t0 = time.Now()
				w, err := runtime.NewWorker(runtime.Config{Name: "size", Script: script, Isolates: 1, Logger: logger})
				if err != nil {
					b.Fatal(err)
				}
				isolate += time.Since(t0)
				h2 := liveHeap()
				if err := w.Close(context.Background()); err != nil {
					b.Fatal(err)
				}
				h3 := liveHeap()
				goruntime.KeepAlive(script)
				scriptHeap += float64(h1) - float64(h0)
				isolateHeap += float64(h2) - float64(h3)
			}
			n := float64(b.N)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / n }
			b.ReportMetric(ms(bundle-compile), "esbuild-ms")
			b.ReportMetric(ms(compile), "compile-ms")
			b.ReportMetric(ms(isolate), "isolate-ms")
			b.ReportMetric(scriptHeap/n/(1<<20), "script-MB")
			b.ReportMetric(isolateHeap/n/(1<<20), "isolate-MB")
		})
	}
}

// liveHeap is the heap in use after two full collections (the second empties the sync.Pool
// caches the first only moved aside).
func liveHeap() uint64 {
	goruntime.GC()
	goruntime.GC()
	var m goruntime.MemStats
	goruntime.ReadMemStats(&m)
	return m.HeapAlloc
}
