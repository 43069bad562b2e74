package runtime_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime/internal/compression"
)

// TestFetchOutbound covers outbound fetch(): headers and bodies both ways, Host from the URL,
// redirect modes, gzip decoding, passing a fetch() response straight through, network errors.
func TestFetchOutbound(t *testing.T) {
	o := origin(t, func(rw http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/echo":
			b, _ := io.ReadAll(r.Body)
			rw.Header().Set("X-Method", r.Method)
			rw.Header().Set("X-Host", r.Host)
			rw.Header().Set("X-Got", r.Header.Get("X-Sent"))
			rw.Header().Add("Set-Cookie", "a=1")
			rw.Header().Add("Set-Cookie", "b=2")
			_, _ = rw.Write([]byte(r.URL.RawQuery + "|" + string(b)))
		case "/redirect":
			http.Redirect(rw, r, "/echo?from=redirect", http.StatusFound)
		case "/gzip":
			rw.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(rw)
			_, _ = zw.Write([]byte("unzipped text"))
			_ = zw.Close()
		default:
			http.NotFound(rw, r)
		}
	})
	w := startJS(t, `export default { async fetch(req) {
  const o = req.headers.get("x-origin");
  const p = new URL(req.url).pathname;
  if (p === "/echo") {
    const r = await fetch(o + "/echo?q=1", { method: "POST", body: "payload", headers: { "X-Sent": "yes", Host: "evil.example" } });
    let mutate; try { r.headers.set("x", "y"); mutate = "no error"; } catch (e) { mutate = e.message; }
    return Response.json({ status: r.status, ok: r.ok, method: r.headers.get("x-method"), host: r.headers.get("x-host") === new URL(o).host,
      got: r.headers.get("x-got"), cookies: r.headers.getSetCookie(), body: await r.text(), mutate, url: r.url === o + "/echo?q=1", type: r.type });
  }
  if (p === "/proxy") return fetch(new Request(o + "/echo?proxied=1", req));
  if (p === "/follow") { const r = await fetch(o + "/redirect"); return Response.json({ status: r.status, redirected: r.redirected, body: await r.text() }); }
  if (p === "/manual") { const r = await fetch(o + "/redirect", { redirect: "manual" }); return Response.json({ status: r.status, location: r.headers.get("location") }); }
  if (p === "/gzip") { const r = await fetch(o + "/gzip"); return Response.json({ enc: r.headers.get("content-encoding"), body: await r.text() }); }
  if (p === "/passthrough-gzip") return fetch(o + "/gzip");
  if (p === "/down") { try { await fetch("http://127.0.0.1:1/"); return new Response("no error"); } catch (e) { return new Response(e.name + ": " + e.message); } }
  if (p === "/badurl") { try { await fetch("not a url"); return new Response("no error"); } catch (e) { return new Response(e.name); } }
  return new Response("nf", { status: 404 });
} }`)
	cases := []struct {
		method, path, body, want string
	}{
		{"GET", "/echo", "", `{"status":200,"ok":true,"method":"POST","host":true,"got":"yes","cookies":["a=1","b=2"],"body":"q=1|payload","mutate":"Can't modify immutable headers.","url":true,"type":"default"}`},
		{"PUT", "/proxy", "from client", "proxied=1|from client"},
		{"GET", "/follow", "", `{"status":200,"redirected":true,"body":"from=redirect|"}`},
		{"GET", "/manual", "", `{"status":302,"location":"/echo?from=redirect"}`},
		{"GET", "/gzip", "", `{"enc":"gzip","body":"unzipped text"}`},
		{"GET", "/down", "", "Error: Network connection lost."},
		{"GET", "/badurl", "", "TypeError"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			var body io.Reader
			if c.body != "" {
				body = strings.NewReader(c.body)
			}
			r := do(t, c.method, w.URL+c.path, body, "X-Origin", o.URL)
			if r.body != c.want {
				t.Fatalf("got  %s\nwant %s", r.body, c.want)
			}
			if c.path == "/proxy" && r.header.Get("X-Host") != strings.TrimPrefix(o.URL, "http://") {
				t.Errorf("proxied Host = %q, want the origin's", r.header.Get("X-Host"))
			}
		})
	}
	t.Run("passthrough keeps encoding", func(t *testing.T) {
		req, _ := http.NewRequest("GET", w.URL+"/passthrough-gzip", nil)
		req.Header.Set("X-Origin", o.URL)
		req.Header.Set("Accept-Encoding", "gzip")
		r, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		if r.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("content-encoding %q", r.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		if string(b) != "unzipped text" {
			t.Fatalf("body %q", b)
		}
	})
}

// TestFetchAbortAndStreamingBody: AbortSignal before and during a request, AbortSignal.timeout,
// and a ReadableStream request body that is streamed (the origin sees the first chunk before
// the worker has produced the last).
func TestFetchAbortAndStreamingBody(t *testing.T) {
	firstChunk := make(chan string, 1)
	gotFirst := make(chan struct{})
	o := origin(t, func(rw http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gate": // answers once the upload handler has received the first chunk
			select {
			case <-gotFirst:
			case <-time.After(10 * time.Second):
				http.Error(rw, "first chunk never arrived", 500)
			}
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		case "/upload":
			buf := make([]byte, 6)
			n, _ := io.ReadFull(r.Body, buf)
			firstChunk <- string(buf[:n])
			close(gotFirst)
			rest, _ := io.ReadAll(r.Body)
			_, _ = rw.Write([]byte(string(buf[:n]) + string(rest)))
		}
	})
	w := startJS(t, `export default { async fetch(req) {
  const o = req.headers.get("x-origin");
  const p = new URL(req.url).pathname;
  const err = (e) => e.name + ": " + e.message;
  if (p === "/pre") { const c = new AbortController(); c.abort(); try { await fetch(o + "/slow", { signal: c.signal }); } catch (e) { return new Response(err(e)); } }
  if (p === "/during") { const c = new AbortController(); setTimeout(() => c.abort(new Error("stop now")), 50); try { await fetch(o + "/slow", { signal: c.signal }); } catch (e) { return new Response(err(e)); } }
  if (p === "/timeout") { try { await fetch(o + "/slow", { signal: AbortSignal.timeout(50) }); } catch (e) { return new Response(err(e)); } }
  if (p === "/upload") {
    const enc = new TextEncoder();
    let i = 0;
    const body = new ReadableStream({ async pull(c) {
      if (i === 0) { c.enqueue(enc.encode("chunk0")); i++; return; }
      // Only after the origin has the first chunk: a runtime that buffered the body deadlocks here.
      if (i === 1) { const g = await fetch(o + "/gate"); if (!g.ok) throw new Error(await g.text()); }
      c.enqueue(enc.encode("-chunk" + i)); if (++i === 3) c.close();
    } });
    const r = await fetch(o + "/upload", { method: "POST", body });
    return new Response(await r.text());
  }
  return new Response("no error");
} }`)
	for path, want := range map[string]string{
		"/pre":     "AbortError: The operation was aborted",
		"/during":  "Error: stop now",
		"/timeout": "TimeoutError: The operation was aborted due to timeout",
	} {
		start := time.Now()
		if r := get(t, w.URL+path, "X-Origin", o.URL); r.body != want {
			t.Errorf("%s: %q, want %q", path, r.body, want)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s took %v: the abort did not cancel the request", path, d)
		}
	}
	done := make(chan resp, 1)
	go func() { done <- get(t, w.URL+"/upload", "X-Origin", o.URL) }()
	select {
	case c := <-firstChunk:
		if c != "chunk0" {
			t.Fatalf("first chunk %q", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("origin never saw the first chunk")
	}
	if r := <-done; r.body != "chunk0-chunk1-chunk2" {
		t.Fatalf("upload: %q", r.body)
	}
}

// TestFetchDecodesContentEncodings: gzip, deflate and br responses read decoded in JS, the
// Content-Encoding header kept.
func TestFetchDecodesContentEncodings(t *testing.T) {
	o := origin(t, func(rw http.ResponseWriter, r *http.Request) {
		enc := strings.TrimPrefix(r.URL.Path, "/")
		rw.Header().Set("Content-Encoding", enc)
		w, err := compression.NewEncoder(enc, rw)
		if err != nil {
			t.Error(err)
			return
		}
		_, _ = io.WriteString(w, "decoded "+enc)
		_ = w.Close()
	})
	w := startJS(t, `export default { async fetch(req) {
  const r = await fetch(req.headers.get("x-origin") + new URL(req.url).pathname);
  return new Response(r.headers.get("content-encoding") + ": " + await r.text());
} }`)
	for _, enc := range []string{"gzip", "deflate", "br"} {
		if r := get(t, w.URL+"/"+enc, "X-Origin", o.URL); r.body != enc+": decoded "+enc {
			t.Errorf("%s: %q", enc, r.body)
		}
	}
}

// TestResponseEncodedPerContentEncoding: a body produced in JS is compressed per the response's
// Content-Encoding (bytes and streams), not with encodeBody: "manual", and a fetched gzip body
// re-wrapped in JS is encoded exactly once.
func TestResponseEncodedPerContentEncoding(t *testing.T) {
	o := origin(t, func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(rw)
		_, _ = zw.Write([]byte("from origin"))
		_ = zw.Close()
	})
	w := startJS(t, `export default { async fetch(req) {
  const p = new URL(req.url).pathname;
  const enc = req.headers.get("x-enc");
  if (p === "/bytes") return new Response("hello encoded", { headers: { "content-encoding": enc } });
  if (p === "/stream") return new Response(new Response("streamed and encoded").body, { headers: { "content-encoding": enc } });
  if (p === "/manual") return new Response("not encoded", { headers: { "content-encoding": "gzip" }, encodeBody: "manual" });
  if (p === "/rewrap") { const r = await fetch(req.headers.get("x-origin")); return new Response(r.body, r); }
  return new Response("nf");
} }`)
	read := func(path, enc string) (string, string) {
		req, _ := http.NewRequest("GET", w.URL+path, nil)
		req.Header.Set("X-Enc", enc)
		req.Header.Set("X-Origin", o.URL)
		r, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		got := r.Header.Get("Content-Encoding")
		if path == "/manual" {
			b, _ := io.ReadAll(r.Body)
			return got, string(b)
		}
		zr, err := compression.NewDecoder(got, r.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s %s: %v", path, enc, err)
		}
		return got, string(b)
	}
	for _, enc := range []string{"gzip", "deflate", "br"} {
		for path, want := range map[string]string{"/bytes": "hello encoded", "/stream": "streamed and encoded"} {
			if gotEnc, body := read(path, enc); gotEnc != enc || body != want {
				t.Errorf("%s %s: %q %q", path, enc, gotEnc, body)
			}
		}
	}
	if _, body := read("/manual", ""); body != "not encoded" {
		t.Errorf("manual: %q", body)
	}
	if enc, body := read("/rewrap", ""); enc != "gzip" || body != "from origin" {
		t.Errorf("rewrap: %q %q", enc, body)
	}
}
