package runtime

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	goruntime "runtime"
	"testing"
	"time"
	"weak"
)

// TestFinishedInvocationIsReleased: once a request and its waitUntil work are done, nothing
// keeps the invocation (its request, response and JS objects) alive — not even the timer that
// bounds waitUntil work after the response, which used to hold every such invocation for 30 s
// (at thousands of requests a second, hundreds of MB).
func TestFinishedInvocationIsReleased(t *testing.T) {
	w := startInternal(t, `let release;
export default { fetch(req, env, ctx) {
  if (new URL(req.url).pathname === "/release") { release(); globalThis.held = undefined; return new Response("released"); }
  globalThis.held = ctx;
  ctx.waitUntil(new Promise((r) => { release = r; }));
  return new Response("ok");
} }`)
	if got := w.get(t, "/"); got != "ok" {
		t.Fatalf("got %q", got)
	}
	// The invocation now waits for its waitUntil promise; take a weak pointer to it (through
	// the ctx the script kept until /release) on the loop.
	iso := w.all()[0]
	ptr := make(chan weak.Pointer[invocation], 1)
	iso.Post(func() {
		x, ok := iso.cls.ctx.Unwrap(iso.vm.Get("held"))
		if !ok {
			t.Error("globalThis.held is not an ExecutionContext")
		}
		ptr <- weak.Make(x.inv)
	})
	p := <-ptr
	if got := w.get(t, "/release"); got != "released" {
		t.Fatalf("got %q", got)
	}
	for i := 0; p.Value() != nil; i++ {
		if i == 50 {
			t.Fatal("the finished invocation is still reachable")
		}
		time.Sleep(20 * time.Millisecond)
		goruntime.GC()
	}
}

// internalWorker is a one-isolate worker behind a loopback server, for tests inside the package.
type internalWorker struct {
	*Worker
	url string
}

func startInternal(t *testing.T, src string) *internalWorker {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "index.js"), src)
	script, err := Bundle(BundleOptions{Entry: "index.js", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWorker(Config{Name: "t", Script: script, Isolates: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w)
	t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		w.Close(ctx)
	})
	return &internalWorker{Worker: w, url: srv.URL}
}

func (w *internalWorker) get(t *testing.T, path string) string {
	t.Helper()
	r, err := http.Get(w.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return string(b)
}
