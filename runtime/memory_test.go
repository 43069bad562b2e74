package runtime_test

import (
	"io"
	"log/slog"
	"net/http"
	goruntime "runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime"
)

// guardLimit is a memory-guard limit 64 MiB above the test binary's live heap now, so the
// guard reacts to what the test's worker does and not to other tests' data.
func guardLimit() uint64 {
	goruntime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64() + 64<<20
}

func startGuarded(t *testing.T, src string, guard *runtime.MemoryGuard) *testWorker {
	t.Helper()
	dir := writeProject(t, map[string]string{"src/index.js": src})
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return serveScript(t, script, runtime.Config{Isolates: 1, CPULimit: -1, MemoryGuard: guard})
}

// TestMemoryGuardRunaway: a request that allocates without bound is interrupted with 503 once
// the live heap passes the limit; another worker keeps answering and the guarded worker
// serves again on a fresh isolate. The worker has no CPU limit, so only the guard can stop it.
func TestMemoryGuardRunaway(t *testing.T) {
	guard := runtime.NewMemoryGuard(guardLimit(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer guard.Close()
	w := startGuarded(t, `export default { async fetch(req) {
  if (new URL(req.url).pathname === "/grow") {
    const keep = [];
    for (;;) keep.push("x".repeat(1 << 16) + keep.length);
  }
  return new Response("ok");
} }`, guard)
	url := w.URL
	other := startGuarded(t, `export default { fetch() { return new Response("other"); } }`, guard).URL

	type answer struct {
		status int
		body   string
		err    error
	}
	done := make(chan answer, 1)
	go func() {
		res, err := http.Get(url + "/grow")
		if err != nil {
			done <- answer{err: err}
			return
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		done <- answer{res.StatusCode, string(b), err}
	}()
	var r answer
	for waiting := true; waiting; {
		select {
		case r = <-done:
			waiting = false
		default:
			if o := get(t, other); o.body != "other" {
				t.Fatalf("other worker: %d %q", o.status, o.body)
			}
		}
	}
	if r.err != nil || r.status != 503 || r.body != "Error: Worker exceeded memory limit.\n" {
		t.Fatalf("runaway: %d %q %v", r.status, r.body, r.err)
	}
	if r := get(t, url+"/"); r.body != "ok" {
		t.Fatalf("after the runaway: %d %q", r.status, r.body)
	}
	if got := w.Worker.Stats().Recycles[runtime.RecycleMemoryLimit]; got != 1 {
		t.Errorf("memory_limit recycles = %d, want 1", got)
	}
	if !strings.Contains(w.Logs.String(), "Worker exceeded memory limit.") {
		t.Errorf("not logged:\n%s", w.Logs.String())
	}
}

// TestMemoryGuardLeak: a worker that keeps every request's data in a global is recycled when
// the live heap passes the limit; requests keep succeeding and the global starts over.
func TestMemoryGuardLeak(t *testing.T) {
	guard := runtime.NewMemoryGuard(guardLimit(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer guard.Close()
	w := startGuarded(t, `const kept = [];
export default { fetch() {
  kept.push("y".repeat(1 << 20) + kept.length);
  return new Response(String(kept.length));
} }`, guard)
	prev := 0
	for i := 0; i < 400; i++ {
		r := get(t, w.URL)
		if r.status != 200 {
			t.Fatalf("request %d: %d %q", i, r.status, r.body)
		}
		n, _ := strconv.Atoi(r.body)
		if n < prev {
			if got := w.Worker.Stats().Recycles[runtime.RecycleMemoryGuard]; got == 0 {
				t.Fatalf("the global started over without a recycle: %+v", w.Worker.Stats())
			}
			return
		}
		prev = n
		if n%64 == 0 {
			time.Sleep(20 * time.Millisecond) // let the guard's 10 ms sampling run on 2 cores
		}
	}
	t.Fatalf("400 MiB kept and the isolate was never recycled: %+v", w.Worker.Stats())
}
