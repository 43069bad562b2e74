package runtime_test

import (
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/edgeruntime/edge/runtime"
	"github.com/edgeruntime/edge/runtime/cachestore"
)

// TestCacheBodies covers bodies the conformance cases do not: fetch() responses (gzip stored as
// it came), JS bodies with a Content-Encoding (encoded when stored), match() handing out the
// encoded bytes, streams that fail, multipart ranges, waitUntil.
func TestCacheBodies(t *testing.T) {
	o := origin(t, func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Cache-Control", "max-age=600")
		switch r.URL.Path {
		case "/gzip":
			rw.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(rw)
			_, _ = zw.Write([]byte("unzipped text"))
			_ = zw.Close()
		default:
			_, _ = io.WriteString(rw, "plain "+r.URL.Path)
		}
	})
	w := startJS(t, checksPrelude+`
const c = caches.default;
const K = (p) => "https://cache.test/" + p;
export default { async fetch(req, env, ctx) {
  const o = req.headers.get("x-origin");
  if (new URL(req.url).pathname === "/served") return c.match(K("gz"));
  return run({
    "fetched": async () => { await c.put(K("plain"), await fetch(o + "/plain")); const r = await c.match(K("plain")); return [r.status, r.headers.get("cf-cache-status"), await r.text()]; },
    "gzip": async () => { await c.put(K("gz"), await fetch(o + "/gzip")); const r = await c.match(K("gz")); return [r.headers.get("content-encoding"), [...new Uint8Array(await r.arrayBuffer()).slice(0, 2)]]; },
    "jsGzip": async () => {
      await c.put(K("jsgz"), new Response("hello ".repeat(100), { headers: { "content-encoding": "gzip", "cache-control": "max-age=60" } }));
      const r = await c.match(K("jsgz"));
      const text = await new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).text();
      return [r.headers.get("content-length"), text === "hello ".repeat(100)];
    },
    "clonedFetch": async () => { const f = await fetch(o + "/cloned"); await c.put(K("cl"), f.clone()); return [await f.text(), await (await c.match(K("cl"))).text()]; },
    "streamError": async () => {
      const body = new ReadableStream({ pull(ctl) { ctl.error(new TypeError("broken")); } });
      const err = await thrown(() => c.put(K("err"), new Response(body, { headers: { "cache-control": "max-age=60" } })));
      return [err, await c.match(K("err"))];
    },
    "multipart": async () => {
      await c.put(K("mp"), new Response("0123456789abcdefghij", { headers: { "cache-control": "max-age=60", "content-type": "text/plain" } }));
      const r = await c.match(new Request(K("mp"), { headers: { range: "bytes=0-1, 5-6" } }));
      const ct = r.headers.get("content-type");
      const b = ct.slice(ct.indexOf("boundary=") + 9);
      const want = "--" + b + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/20\r\n\r\n01\r\n--" + b +
        "\r\nContent-Type: text/plain\r\nContent-Range: bytes 5-6/20\r\n\r\n56\r\n--" + b + "--";
      return [r.status, ct.startsWith("multipart/byteranges; boundary="), (await r.text()) === want, r.headers.get("content-length")];
    },
    "waitUntil": async () => { let done; ctx.waitUntil(c.put(K("wu"), new Response("later", { headers: { "cache-control": "max-age=60" } })).then(() => { done = true; })); await new Promise((r) => setTimeout(r, 50)); return done; },
  });
} }`)
	r := get(t, w.URL+"/", "x-origin", o.URL)
	for _, want := range []string{
		`"fetched":[200,"HIT","plain /plain"]`,
		`"gzip":["gzip",[31,139]]`,
		`"jsGzip":[null,true]`,
		`"clonedFetch":["plain /cloned","plain /cloned"]`,
		`"streamError":["TypeError: broken",null]`,
		`"multipart":[206,true,true,null]`,
		`"waitUntil":true`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("missing %s in %s", want, r.body)
		}
	}
	// A cached gzip entry passed straight to the client keeps its encoding on the wire.
	req, _ := http.NewRequest("GET", w.URL+"/served", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatalf("served entry is not gzip (%s): %v", resp.Header.Get("Content-Encoding"), err)
	}
	if b, _ := io.ReadAll(zr); string(b) != "unzipped text" || resp.Header.Get("Cf-Cache-Status") != "HIT" {
		t.Fatalf("served %q, cf-cache-status %q", b, resp.Header.Get("Cf-Cache-Status"))
	}
}

// TestCachePutResolvesAfterWrite: when put() settles, the entry is in the worker's store.
func TestCachePutResolvesAfterWrite(t *testing.T) {
	dir := writeProject(t, map[string]string{"src/index.js": `export default { async fetch(req) {
  await caches.default.put("https://cache.test/x", new Response("x".repeat(1000), { headers: { "cache-control": "max-age=60" } }));
  return new Response("stored");
} }`})
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	store, err := cachestore.Open(t.TempDir(), cachestore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	w, err := runtime.NewWorker(runtime.Config{Name: "w", Script: script, Isolates: 1, Cache: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(t.Context())
	srv := httptest.NewServer(w)
	defer srv.Close()
	if r := get(t, srv.URL+"/"); r.body != "stored" {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if got := store.Used(); got != 1000 {
		t.Fatalf("store holds %d bytes when put() has resolved, want 1000", got)
	}
	if _, _, found, _ := store.Get("w/default", "https://cache.test/x"); !found {
		t.Fatal("entry not under the worker's default namespace")
	}
}

// TestCachePutAtTopLevel: put() in the global scope throws workerd's error (the worker does
// not start); match() there returns a rejected promise.
func TestCachePutAtTopLevel(t *testing.T) {
	dir := writeProject(t, map[string]string{"src/index.js": `caches.default.put("https://x.test/", new Response("x"));
export default { fetch() { return new Response("x") } }`})
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, err = runtime.NewWorker(runtime.Config{Script: script, Isolates: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err == nil || !strings.Contains(err.Error(), "Disallowed operation called within global scope") {
		t.Fatalf("got %v", err)
	}
}

// BenchmarkCacheMatchHit serves a 4 KiB entry from caches.default (memory store) in process:
// match() and the stored body copied to the client.
func BenchmarkCacheMatchHit(b *testing.B) {
	w := startJS(b, `export default { async fetch(request) {
  const hit = await caches.default.match(request.url);
  if (hit) return hit;
  await caches.default.put(request.url, new Response("x".repeat(4096), { headers: { "cache-control": "max-age=3600" } }));
  return new Response("stored");
} }`)
	req := httptest.NewRequest("GET", "http://example.com/", nil)
	w.Worker.ServeHTTP(httptest.NewRecorder(), req)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			w.Worker.ServeHTTP(rec, req)
			if rec.Code != 200 || rec.Body.Len() != 4096 {
				b.Fatalf("status %d, %d bytes", rec.Code, rec.Body.Len())
			}
		}
	})
}
