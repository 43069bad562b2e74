package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// edge's garbage-collection policy for `edge serve` and `edge dev` (RATIONALE.md, "GC policy").
// A request allocates a few KB of objects that die with it while the live heap stays small, so
// collecting rarely is the largest single throughput win measured: GOGC 800 instead of 100.
// Alone, GOGC 800 lets the heap grow to nine times its live size (a 10 MB live heap → 90 MB
// before each collection). A soft memory limit that follows the live heap bounds that:
// max(gcBaseLimit, gcLiveFactor × live), re-read every gcTuneEvery. Small heaps are collected
// at gcBaseLimit (hello: RSS under load 99 → 80 MB at the same req/s, bench/RESULTS.md); big
// ones at gcLiveFactor × live, which keeps the limit from ever forcing back-to-back
// collections. GOGC and GOMEMLIMIT in the environment override the respective half.
const (
	gcPercent    = 800
	gcBaseLimit  = 56 << 20
	gcLiveFactor = 4
	gcTuneEvery  = 100 * time.Millisecond
)

// startGCPolicy applies the policy; the returned function stops the limit's tuning.
func startGCPolicy() (stop func()) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	done := make(chan struct{})
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tune := func() {
		metrics.Read(live)
		limit := uint64(gcBaseLimit)
		if l := gcLiveFactor * live[0].Value.Uint64(); l > limit {
			limit = l
		}
		debug.SetMemoryLimit(int64(limit))
	}
	tune()
	go func() {
		t := time.NewTicker(gcTuneEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				tune()
			}
		}
	}()
	return func() { close(done) }
}
