package runtime_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime"
)

// TestCPULimit: a runaway handler is interrupted at the limit with a 503, in the handler itself,
// after an await and in a timer callback, and the same isolate keeps serving.
func TestCPULimit(t *testing.T) {
	dir := writeProject(t, map[string]string{"src/index.js": `export default { async fetch(req) {
  const p = new URL(req.url).pathname;
  if (p === "/spin") { for (;;) {} }
  if (p === "/spin-after-await") { await new Promise((r) => setTimeout(r, 1)); for (;;) {} }
  if (p === "/spin-in-timer") { return new Promise(() => setTimeout(() => { for (;;) {} }, 1)); }
  return new Response("still serving");
} }`})
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	srv, logs := serveWithCPULimit(t, script)
	for _, path := range []string{"/spin", "/spin-after-await", "/spin-in-timer", "/spin"} {
		start := time.Now()
		r := get(t, srv.URL+path)
		if r.status != 503 || r.body != "Error: Worker exceeded CPU time limit.\n" {
			t.Errorf("%s: %d %q", path, r.status, r.body)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s took %v", path, d)
		}
		if r := get(t, srv.URL+"/ok"); r.body != "still serving" {
			t.Fatalf("after %s: %d %q", path, r.status, r.body)
		}
	}
	if !strings.Contains(logs.String(), "Worker exceeded CPU time limit.") {
		t.Errorf("not logged:\n%s", logs.String())
	}
}

// serveWithCPULimit serves script from one isolate with a 100 ms CPU limit until the test ends.
func serveWithCPULimit(t *testing.T, script *runtime.Script) (*httptest.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	w, err := runtime.NewWorker(runtime.Config{Script: script, Isolates: 1, CPULimit: 100 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.MultiWriter(logs, io.Discard), nil)), WasmCacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w)
	t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = w.Close(ctx)
	})
	return srv, logs
}
