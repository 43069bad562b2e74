package runtime_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime"
)

// syncBuffer collects log output from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testWorker struct {
	URL    string
	Worker *runtime.Worker
	Logs   *syncBuffer
}

// writeProject writes files (path → content) into a temp dir and returns it.
func writeProject(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// startWorker bundles entry in dir, starts a worker with n isolates behind a real loopback
// HTTP server, and stops both when the test ends.
func startWorker(t testing.TB, dir, entry string, n int, bindings ...runtime.Binding) *testWorker {
	t.Helper()
	return startBundled(t, runtime.BundleOptions{Entry: entry, Dir: dir}, runtime.Config{Isolates: n, Bindings: bindings})
}

// startBundled is startWorker with the bundle options and worker config spelled out (Name,
// Script and Logger are filled in).
func startBundled(t testing.TB, opts runtime.BundleOptions, cfg runtime.Config) *testWorker {
	t.Helper()
	script, err := runtime.Bundle(opts)
	if err != nil {
		t.Fatalf("bundle: %v", err)
	}
	return serveScript(t, script, cfg)
}

// serveScript starts a worker running script with cfg (Name, Script and Logger are filled in)
// behind a loopback HTTP server.
func serveScript(t testing.TB, script *runtime.Script, cfg runtime.Config) *testWorker {
	t.Helper()
	logs := &syncBuffer{}
	cfg.Name, cfg.Script = "test", script
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	w, err := runtime.NewWorker(cfg)
	if err != nil {
		t.Fatalf("NewWorker: %v", err)
	}
	srv := httptest.NewServer(w)
	t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := w.Close(ctx); err != nil {
			t.Errorf("worker close: %v", err)
		}
	})
	return &testWorker{URL: srv.URL, Worker: w, Logs: logs}
}

func startJS(t testing.TB, src string) *testWorker {
	t.Helper()
	dir := writeProject(t, map[string]string{"src/index.js": src})
	return startWorker(t, dir, "src/index.js", 2)
}

type resp struct {
	status int
	header http.Header
	body   string
}

func do(t testing.TB, method, url string, body io.Reader, hdr ...string) resp {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Add(hdr[i], hdr[i+1])
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp{r.StatusCode, r.Header, string(b)}
}

func get(t testing.TB, url string, hdr ...string) resp { return do(t, "GET", url, nil, hdr...) }

func TestHelloModuleAndServiceWorker(t *testing.T) {
	cases := []struct {
		name, src string
	}{
		{"module", `export default { async fetch(req) { return new Response("Hello " + new URL(req.url).pathname) } }`},
		{"service-worker", `addEventListener("fetch", (e) => e.respondWith(new Response("Hello " + new URL(e.request.url).pathname)))`},
		{"service-worker-promise", `addEventListener("fetch", (e) => e.respondWith((async () => new Response("Hello " + new URL(e.request.url).pathname))()))`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := startJS(t, c.src)
			r := get(t, w.URL+"/abc")
			if r.status != 200 || r.body != "Hello /abc" {
				t.Fatalf("got %d %q", r.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "text/plain;charset=UTF-8" {
				t.Errorf("content-type %q", ct)
			}
		})
	}
}

func TestUnknownMethodIs501(t *testing.T) {
	w := startJS(t, `export default { fetch(req) { return new Response(req.method) } }`)
	if r := do(t, "FOO", w.URL+"/", nil); r.status != 501 || r.body != "ERROR: Unrecognized request method.\n" {
		t.Fatalf("FOO: %d %q", r.status, r.body)
	}
	if r := do(t, "PROPFIND", w.URL+"/", nil); r.status != 200 || r.body != "PROPFIND" {
		t.Fatalf("PROPFIND: %d %q", r.status, r.body)
	}
}

// TestGlobalScopeRestrictions: I/O, timers and random values at the script's top level fail
// with workerd's error (the worker does not start); inside handlers they work.
func TestGlobalScopeRestrictions(t *testing.T) {
	for name, stmt := range map[string]string{
		"fetch":      `fetch("http://127.0.0.1:1/");`,
		"setTimeout": `setTimeout(() => {}, 1);`,
		"random":     `crypto.getRandomValues(new Uint8Array(4));`,
		"uuid":       `crypto.randomUUID();`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeProject(t, map[string]string{"src/index.js": stmt + "\nexport default { fetch() { return new Response('x') } }"})
			script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			_, err = runtime.NewWorker(runtime.Config{Script: script, Isolates: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err == nil || !strings.Contains(err.Error(), "Disallowed operation called within global scope") {
				t.Fatalf("got %v", err)
			}
		})
	}
	w := startJS(t, `const a = Math.random(); export default { async fetch() { await new Promise((r) => setTimeout(r, 1)); return new Response(crypto.randomUUID().length + ":" + (typeof a)); } }`)
	if r := get(t, w.URL+"/"); r.body != "36:number" {
		t.Fatalf("handler: %q", r.body)
	}
}

// TestRequestIDsOnConsoleLines: console output inside a handler carries the worker and the
// request id, and ids differ between requests.
func TestRequestIDsOnConsoleLines(t *testing.T) {
	w := startJS(t, `export default { fetch(req) { console.log("handling", new URL(req.url).pathname); return new Response("ok"); } }`)
	get(t, w.URL+"/a")
	get(t, w.URL+"/b")
	logs := w.Logs.String()
	var ids []string
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, "handling") {
			i := strings.Index(line, "request=")
			if i < 0 || !strings.Contains(line, "worker=test") {
				t.Fatalf("console line lacks worker/request: %q", line)
			}
			ids = append(ids, strings.Fields(line[i:])[0])
		}
	}
	if len(ids) != 2 || ids[0] == ids[1] {
		t.Fatalf("request ids %v\n%s", ids, logs)
	}
	if !strings.Contains(logs, "msg=\"GET /a\"") || !strings.Contains(logs, ids[0]) {
		t.Errorf("access log line lacks the request id:\n%s", logs)
	}
}
