package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestGCPolicy: the soft memory limit is gcBaseLimit for a small heap and follows a large live
// heap at gcLiveFactor × live, so it never forces back-to-back collections; GOMEMLIMIT in the
// environment turns the tuning off.
func TestGCPolicy(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		t.Skip("GOGC/GOMEMLIMIT set in the environment")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	runtime.GC() // the live heap the policy reads first is the test binary's own
	stop := startGCPolicy()
	defer stop()
	if got := debug.SetGCPercent(gcPercent); got != gcPercent {
		t.Errorf("GOGC %d, want %d", got, gcPercent)
	}
	// The test binary's own live heap is a few MB: the base limit applies.
	if got := debug.SetMemoryLimit(-1); got != gcBaseLimit {
		t.Errorf("limit %d MiB, want the base %d MiB", got>>20, gcBaseLimit>>20)
	}
	live := make([]byte, 64<<20) // live heap ≥ 64 MiB → limit ≥ 256 MiB
	for i := range live {
		live[i] = 1
	}
	for i := 0; debug.SetMemoryLimit(-1) < gcLiveFactor*int64(len(live)); i++ {
		if i == 100 {
			t.Fatalf("limit %d MiB did not follow a %d MiB live heap", debug.SetMemoryLimit(-1)>>20, len(live)>>20)
		}
		runtime.GC()
		time.Sleep(gcTuneEvery / 2)
	}
	if got := debug.SetMemoryLimit(-1); got > gcLiveFactor*2*int64(len(live)) {
		t.Errorf("limit %d MiB for a %d MiB live heap", got>>20, len(live)>>20)
	}
	runtime.KeepAlive(live)
}
