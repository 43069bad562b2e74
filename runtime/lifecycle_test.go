package runtime_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestResponseShapes covers the Response constructor variants and how they reach the client.
func TestResponseShapes(t *testing.T) {
	w := startJS(t, `export default { async fetch(req) {
  const u = new URL(req.url);
  switch (u.pathname) {
    case "/json": return Response.json({ a: 1, b: [true, null] }, { status: 201, headers: { "x-k": "v" } });
    case "/redirect": return Response.redirect(new URL("/json", u).toString(), 307);
    case "/status": return new Response("made", { status: 418, statusText: "Teapot", headers: [["x-a", "1"], ["X-A", "2"]] });
    case "/cookies": { const h = new Headers(); h.append("set-cookie", "a=1"); h.append("set-cookie", "b=2"); return new Response("ok", { headers: h }); }
    case "/bytes": return new Response(new Uint8Array([0, 1, 2, 254, 255]));
    case "/buffer": return new Response(new Uint8Array([65, 66, 67, 68]).buffer.slice(1, 3));
    case "/empty": return new Response(null, { status: 204 });
    case "/params": return new Response(new URLSearchParams({ q: "a b", x: "é" }));
    case "/stream": return new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("s1,")); c.enqueue(new TextEncoder().encode("s2")); c.close(); } }));
    case "/utf8": return new Response("héllo ☃ 😀");
  }
  return new Response("nf", { status: 404 });
} }`)
	cases := []struct {
		path, body string
		status     int
		headers    map[string]string
	}{
		{"/json", `{"a":1,"b":[true,null]}`, 201, map[string]string{"Content-Type": "application/json", "X-K": "v"}},
		{"/status", "made", 418, map[string]string{"X-A": "1, 2"}},
		{"/bytes", "\x00\x01\x02\xfe\xff", 200, map[string]string{"Content-Length": "5"}},
		{"/buffer", "BC", 200, nil},
		{"/empty", "", 204, nil},
		{"/params", "q=a+b&x=%C3%A9", 200, map[string]string{"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"}},
		{"/stream", "s1,s2", 200, nil},
		{"/utf8", "héllo ☃ 😀", 200, map[string]string{"Content-Length": "15"}},
		{"/nope", "nf", 404, nil},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			r := get(t, w.URL+c.path)
			if r.status != c.status || r.body != c.body {
				t.Fatalf("got %d %q, want %d %q", r.status, r.body, c.status, c.body)
			}
			for k, v := range c.headers {
				if got := strings.Join(r.header.Values(k), ", "); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
	t.Run("/cookies", func(t *testing.T) {
		r := get(t, w.URL+"/cookies")
		if got := r.header.Values("Set-Cookie"); len(got) != 2 || got[0] != "a=1" || got[1] != "b=2" {
			t.Fatalf("set-cookie %q", got)
		}
	})
	t.Run("/redirect", func(t *testing.T) {
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		r, err := c.Get(w.URL + "/redirect")
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != 307 || r.Header.Get("Location") != w.URL+"/json" {
			t.Fatalf("got %d %q", r.StatusCode, r.Header.Get("Location"))
		}
	})
}

// TestRequestAndBodies checks request properties, body methods and body-used errors.
func TestRequestAndBodies(t *testing.T) {
	w := startJS(t, `export default { async fetch(req) {
  const u = new URL(req.url);
  if (u.pathname === "/echo") {
    const text = await req.text();
    let again;
    try { await req.text(); again = "no error"; } catch (e) { again = e.name + ": " + e.message; }
    let mutate;
    try { req.headers.set("x", "y"); mutate = "no error"; } catch (e) { mutate = e.name + ": " + e.message; }
    return Response.json({ method: req.method, url: req.url, text, again, mutate, bodyUsed: req.bodyUsed,
      ct: req.headers.get("content-type"), multi: req.headers.get("x-multi"), host: req.headers.get("host") === u.host,
      keys: Object.keys(req), spread: Object.keys({ ...req }), redirect: req.redirect });
  }
  if (u.pathname === "/json") return Response.json(await req.json());
  if (u.pathname === "/bytes") { const b = new Uint8Array(await req.arrayBuffer()); return Response.json([b.length, b[0], b[b.length-1]]); }
  if (u.pathname === "/stream") {
    let n = 0; const r = req.body.getReader();
    for (;;) { const { done, value } = await r.read(); if (done) break; n += value.length; }
    return new Response(String(n));
  }
  if (u.pathname === "/construct") {
    const r = new Request("https://example.com/a?b=1", { method: "post", headers: { "X-Y": "z" }, body: "payload" });
    const c = r.clone();
    let getBody;
    try { new Request("https://example.com", { method: "GET", body: "x" }); } catch (e) { getBody = e.name + ": " + e.message; }
    return Response.json({ method: r.method, url: r.url, y: r.headers.get("x-y"), ct: r.headers.get("content-type"), body: await r.text(), clone: await c.text(), getBody });
  }
  return new Response("nf", { status: 404 });
} }`)
	t.Run("echo", func(t *testing.T) {
		r := do(t, "POST", w.URL+"/echo?q=1", strings.NewReader("hello body"), "Content-Type", "text/plain", "X-Multi", "a", "X-Multi", "b")
		var got map[string]any
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatalf("%d %s", r.status, r.body)
		}
		want := map[string]any{
			"method": "POST", "url": w.URL + "/echo?q=1", "text": "hello body",
			"again":    "TypeError: Body has already been used. It can only be used once. Use tee() first if you need to read it twice.",
			"mutate":   "TypeError: Can't modify immutable headers.",
			"bodyUsed": true, "ct": "text/plain", "multi": "a, b", "host": true,
			"keys": []any{}, "spread": []any{}, "redirect": "manual",
		}
		for k, v := range want {
			if fmt.Sprint(got[k]) != fmt.Sprint(v) {
				t.Errorf("%s = %v, want %v", k, got[k], v)
			}
		}
	})
	t.Run("json", func(t *testing.T) {
		r := do(t, "POST", w.URL+"/json", strings.NewReader(`{"x":[1,2,{"y":"z"}]}`))
		if r.body != `{"x":[1,2,{"y":"z"}]}` {
			t.Fatalf("got %q", r.body)
		}
	})
	t.Run("arrayBuffer", func(t *testing.T) {
		r := do(t, "PUT", w.URL+"/bytes", strings.NewReader("\x01"+strings.Repeat("x", 100000)+"\x09"))
		if r.body != "[100002,1,9]" {
			t.Fatalf("got %q", r.body)
		}
	})
	t.Run("body stream", func(t *testing.T) {
		r := do(t, "POST", w.URL+"/stream", strings.NewReader(strings.Repeat("y", 300000)))
		if r.body != "300000" {
			t.Fatalf("got %q", r.body)
		}
	})
	t.Run("construct", func(t *testing.T) {
		r := get(t, w.URL+"/construct")
		want := `{"method":"POST","url":"https://example.com/a?b=1","y":"z","ct":"text/plain;charset=UTF-8","body":"payload","clone":"payload","getBody":"TypeError: Request with a GET or HEAD method cannot have a body."}`
		if r.body != want {
			t.Fatalf("got  %s\nwant %s", r.body, want)
		}
	})
}

// origin is a real loopback HTTP server for outbound fetch() tests.
func origin(t testing.TB, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

// TestStreamingFirstChunkBeforeEnd proves the client receives the first chunk while the
// stream is still open: the worker only enqueues the second chunk after a fetch that the
// test releases once the client has read the first chunk. A runtime that buffered the whole
// body would deadlock here and fail at the deadline.
func TestStreamingFirstChunkBeforeEnd(t *testing.T) {
	gate := make(chan struct{})
	o := origin(t, func(rw http.ResponseWriter, r *http.Request) {
		select {
		case <-gate:
		case <-time.After(20 * time.Second):
		}
		_, _ = rw.Write([]byte("second"))
	})
	w := startJS(t, `export default { async fetch(req) {
  const origin = req.headers.get("x-origin");
  const enc = new TextEncoder();
  return new Response(new ReadableStream({
    async start(c) {
      c.enqueue(enc.encode("first\n"));
      const r = await fetch(origin);
      c.enqueue(enc.encode(await r.text() + "\n"));
      c.close();
    }
  }), { headers: { "content-type": "text/plain" } });
} }`)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", w.URL+"/", nil)
	req.Header.Set("X-Origin", o.URL)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	br := bufio.NewReader(r.Body)
	line, err := br.ReadString('\n')
	if err != nil || line != "first\n" {
		t.Fatalf("first chunk: %q %v", line, err)
	}
	close(gate)
	line, err = br.ReadString('\n')
	if err != nil || line != "second\n" {
		t.Fatalf("second chunk: %q %v", line, err)
	}
}

// TestWaitUntilRunsAfterResponse: the response is sent at once; the waitUntil work finishes later.
func TestWaitUntilRunsAfterResponse(t *testing.T) {
	got := make(chan string, 1)
	o := origin(t, func(rw http.ResponseWriter, r *http.Request) {
		b := make([]byte, 100)
		n, _ := r.Body.Read(b)
		got <- string(b[:n])
	})
	w := startJS(t, `export default { async fetch(req, env, ctx) {
  const origin = req.headers.get("x-origin");
  ctx.waitUntil((async () => {
    await new Promise((r) => setTimeout(r, 200));
    await fetch(origin, { method: "POST", body: "logged after response" });
  })());
  return new Response("fast");
} }`)
	start := time.Now()
	r := get(t, w.URL+"/", "X-Origin", o.URL)
	if r.body != "fast" {
		t.Fatalf("got %q", r.body)
	}
	if d := time.Since(start); d > 150*time.Millisecond {
		t.Logf("response took %v (waitUntil delay is 200ms)", d)
	}
	select {
	case s := <-got:
		if s != "logged after response" {
			t.Fatalf("origin got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("waitUntil work never reached the origin")
	}
}

// TestUncaughtExceptionSourceMapped: 500 with "Name: message" and a logged stack pointing at
// the original TypeScript file and line.
func TestUncaughtExceptionSourceMapped(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/index.ts": `import { explode } from "./lib";
export default {
  async fetch(req: Request): Promise<Response> {
    const u = new URL(req.url);
    if (u.pathname === "/string") throw "plain string";
    if (u.pathname === "/reject") return Promise.reject(new RangeError("async nope"));
    return explode(u.pathname);
  },
};
`,
		"src/lib.ts": `interface Thing { n: number }
export function explode(p: string): Response {
  const t: Thing = { n: 1 };
  if (t.n === 1) {
    throw new TypeError("boom at " + p);
  }
  return new Response("unreachable");
}
`,
	})
	w := startWorker(t, dir, "src/index.ts", 1)
	r := get(t, w.URL+"/x")
	if r.status != 500 || strings.SplitN(r.body, "\n", 2)[0] != "TypeError: boom at /x" {
		t.Fatalf("got %d %q", r.status, r.body)
	}
	if !strings.Contains(w.Logs.String(), "lib.ts:5") {
		t.Errorf("log lacks the source-mapped location src/lib.ts:5:\n%s", w.Logs.String())
	}
	// Without DevErrors (edge serve) a browser gets the plain text too, never the stack.
	if r := get(t, w.URL+"/x", "Accept", "text/html"); r.status != 500 || strings.Contains(r.body, "<html") || strings.Contains(r.body, "lib.ts") {
		t.Fatalf("serve error page leaks: %q", r.body)
	}
	r = get(t, w.URL+"/string")
	if r.status != 500 || strings.SplitN(r.body, "\n", 2)[0] != "Error: plain string" {
		t.Fatalf("string throw: got %d %q", r.status, r.body)
	}
	r = get(t, w.URL+"/reject")
	if r.status != 500 || strings.SplitN(r.body, "\n", 2)[0] != "RangeError: async nope" {
		t.Fatalf("rejection: got %d %q", r.status, r.body)
	}
	// The worker keeps serving after exceptions.
	if r := get(t, w.URL+"/x"); r.status != 500 {
		t.Fatalf("after errors: %d", r.status)
	}
}

// TestGlobalsPersistAndConcurrency: globals survive across requests on one isolate, and one
// isolate serves many requests at once while they await I/O.
func TestGlobalsPersistAndConcurrency(t *testing.T) {
	const n = 8
	var arrived atomic.Int32
	release := make(chan struct{})
	var once sync.Once
	o := origin(t, func(rw http.ResponseWriter, r *http.Request) {
		if arrived.Add(1) == n {
			once.Do(func() { close(release) })
		}
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
		_, _ = rw.Write([]byte("ok"))
	})
	dir := writeProject(t, map[string]string{"src/index.js": `let count = 0;
export default { async fetch(req) {
  const u = new URL(req.url);
  if (u.pathname === "/count") return new Response(String(++count));
  const r = await fetch(req.headers.get("x-origin"));
  return new Response(await r.text());
} }`})
	w := startWorker(t, dir, "src/index.js", 1)
	for i := 1; i <= 3; i++ {
		if r := get(t, w.URL+"/count"); r.body != fmt.Sprint(i) {
			t.Fatalf("request %d: count %q", i, r.body)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := get(t, w.URL+"/wait", "X-Origin", o.URL)
			if r.body != "ok" {
				errs <- fmt.Sprintf("%d %q", r.status, r.body)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if arrived.Load() != n {
		t.Fatalf("origin saw %d concurrent requests, want %d", arrived.Load(), n)
	}
}

func TestTimersAndHangDetection(t *testing.T) {
	w := startJS(t, `export default { async fetch(req) {
  const u = new URL(req.url);
  if (u.pathname === "/timers") {
    const order = [];
    const id = setTimeout(() => order.push("cleared"), 5);
    clearTimeout(id);
    await new Promise((r) => setTimeout(() => { order.push("t1"); r(); }, 10));
    let n = 0;
    await new Promise((r) => { const iv = setInterval(() => { order.push("iv" + (++n)); if (n === 3) { clearInterval(iv); r(); } }, 1); });
    queueMicrotask(() => order.push("micro"));
    await null;
    return Response.json({ order, type: typeof id });
  }
  if (u.pathname === "/hang") return new Promise(() => {});
  return new Response("nf");
} }`)
	r := get(t, w.URL+"/timers")
	if r.body != `{"order":["t1","iv1","iv2","iv3","micro"],"type":"number"}` {
		t.Fatalf("timers: %s", r.body)
	}
	r = get(t, w.URL+"/hang")
	if r.status != 500 || !strings.Contains(r.body, "The script will never generate a response.") {
		t.Fatalf("hang: %d %q", r.status, r.body)
	}
}
