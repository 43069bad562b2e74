package runtime_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	goruntime "runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// wsWorker serves every WebSocket scenario of the tests below; the client picks one by path.
// X-Origin names a Go test server: /report receives close events, /ws is an echo server.
const wsWorker = `export default { async fetch(req) {
  const url = new URL(req.url);
  const origin = req.headers.get("x-origin");
  if (url.pathname === "/await-message") {
    // The response waits for a message on an upstream socket: the open socket is pending
    // work, not a hang.
    const up = (await fetch(origin + "/ws", { headers: { Upgrade: "websocket" } })).webSocket;
    up.accept();
    const got = new Promise((resolve) => up.addEventListener("message", (e) => resolve(e.data)));
    up.send("ping");
    const data = await got;
    up.close(1000);
    return new Response("upstream said " + data);
  }
  if (url.pathname === "/drop") {
    const up = await fetch(origin + "/ws", { headers: { Upgrade: "websocket" } });
    return new Response("fetched " + up.status + ", never used");
  }
  if (req.headers.get("upgrade") !== "websocket") return new Response("expected websocket", { status: 426 });
  if (url.pathname === "/passthrough") {
    const up = await fetch(origin + "/ws", { headers: { Upgrade: "websocket" } });
    return new Response(null, { status: 101, webSocket: up.webSocket });
  }
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  if (url.pathname === "/echo") {
    server.addEventListener("message", (e) => {
      if (typeof e.data !== "string") {
        server.send(e.data instanceof ArrayBuffer ? new Uint8Array(e.data).reverse() : "not an ArrayBuffer");
      } else if (e.data === "close-me") {
        server.close(4000, "bye");
      } else {
        server.send("echo:" + e.data);
      }
    });
    server.addEventListener("close", (e) => {
      fetch(origin + "/report", { method: "POST", body: JSON.stringify({
        type: e.constructor.name, code: e.code, reason: e.reason, wasClean: e.wasClean, readyState: server.readyState }) });
    });
    server.send("hello");
  } else if (url.pathname === "/proxy") {
    const res = await fetch(origin + "/ws", { headers: { Upgrade: "websocket" } });
    const up = res.webSocket;
    up.accept();
    up.addEventListener("message", (e) => server.send(e.data));
    server.addEventListener("message", (e) => up.send(e.data));
    server.addEventListener("close", (e) => up.close(e.code, e.reason));
    up.addEventListener("close", (e) => server.close(e.code, e.reason));
    server.send("proxy:" + res.status);
  }
  return new Response(null, { status: 101, webSocket: client });
} }`

// wsOrigin is a loopback server: an echo WebSocket server at /ws, close reports at /report.
type wsOrigin struct {
	*httptest.Server
	reports  chan map[string]any
	upClosed chan websocket.StatusCode // how each /ws connection ended
}

func newWSOrigin(t testing.TB) *wsOrigin {
	o := &wsOrigin{reports: make(chan map[string]any, 16), upClosed: make(chan websocket.StatusCode, 16)}
	o.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/report":
			var m map[string]any
			_ = json.NewDecoder(r.Body).Decode(&m)
			o.reports <- m
		case "/ws":
			c, err := websocket.Accept(rw, r, nil)
			if err != nil {
				return
			}
			defer c.CloseNow()
			for {
				typ, b, err := c.Read(context.Background())
				if err != nil {
					select {
					case o.upClosed <- websocket.CloseStatus(err):
					default:
					}
					return
				}
				if err := c.Write(context.Background(), typ, append([]byte("up:"), b...)); err != nil {
					return
				}
			}
		}
	}))
	t.Cleanup(o.Close)
	return o
}

func dialWS(t testing.TB, base, path, origin string) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+path, &websocket.DialOptions{HTTPHeader: http.Header{"X-Origin": {origin}}})
	if err != nil {
		t.Fatalf("dial %s: %v", path, err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("status %d", resp.StatusCode)
	}
	return c
}

func readText(t testing.TB, c *websocket.Conn) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	typ, b, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if typ != websocket.MessageText {
		t.Fatalf("got a binary message %v, want text", b)
	}
	return string(b)
}

func writeText(t testing.TB, c *websocket.Conn, s string) {
	t.Helper()
	if err := c.Write(context.Background(), websocket.MessageText, []byte(s)); err != nil {
		t.Fatalf("write: %v", err)
	}
}

func TestWebSocketServer(t *testing.T) {
	o := newWSOrigin(t)
	w := startJS(t, wsWorker)
	ctx := context.Background()

	t.Run("echo", func(t *testing.T) {
		c := dialWS(t, w.URL, "/echo", o.URL)
		defer c.CloseNow()
		c.SetReadLimit(1 << 20)
		if got := readText(t, c); got != "hello" {
			t.Fatalf("first message %q", got)
		}
		for _, s := range []string{"a", "", strings.Repeat("é", 40000)} {
			writeText(t, c, s)
			if got := readText(t, c); got != "echo:"+s {
				t.Fatalf("echo of %d bytes: got %d bytes", len(s), len(got))
			}
		}
		if err := c.Close(websocket.StatusNormalClosure, ""); err != nil {
			t.Fatal(err)
		}
		<-o.reports
	})

	t.Run("binary", func(t *testing.T) {
		c := dialWS(t, w.URL, "/echo", o.URL)
		defer c.CloseNow()
		readText(t, c)
		if err := c.Write(ctx, websocket.MessageBinary, []byte{1, 2, 3, 0xff}); err != nil {
			t.Fatal(err)
		}
		typ, b, err := c.Read(ctx)
		if err != nil || typ != websocket.MessageBinary || string(b) != string([]byte{0xff, 3, 2, 1}) {
			t.Fatalf("got %v %v %v", typ, b, err)
		}
		_ = c.Close(websocket.StatusNormalClosure, "")
		<-o.reports
	})

	t.Run("server-close", func(t *testing.T) {
		c := dialWS(t, w.URL, "/echo", o.URL)
		defer c.CloseNow()
		readText(t, c)
		writeText(t, c, "close-me")
		_, _, err := c.Read(ctx)
		if ce := (websocket.CloseError{}); !asClose(err, &ce) || ce.Code != 4000 || ce.Reason != "bye" {
			t.Fatalf("read after server close: %v", err)
		}
		r := <-o.reports
		// The worker sees the client's echo of its own Close.
		if r["code"] != float64(4000) || r["wasClean"] != true || r["readyState"] != float64(3) {
			t.Fatalf("close event %v", r)
		}
	})

	t.Run("client-close", func(t *testing.T) {
		c := dialWS(t, w.URL, "/echo", o.URL)
		readText(t, c)
		if err := c.Close(4321, "client says bye"); err != nil {
			t.Fatal(err)
		}
		r := <-o.reports
		want := map[string]any{"type": "CloseEvent", "code": float64(4321), "reason": "client says bye", "wasClean": true, "readyState": float64(2)}
		for k, v := range want {
			if r[k] != v {
				t.Fatalf("close event %v, want %v", r, want)
			}
		}
	})

	t.Run("client-disconnect", func(t *testing.T) {
		c := dialWS(t, w.URL, "/echo", o.URL)
		readText(t, c)
		_ = c.CloseNow() // no Close frame
		r := <-o.reports
		if r["code"] != float64(1006) || r["wasClean"] != false || r["reason"] != "WebSocket disconnected without sending Close frame." {
			t.Fatalf("close event %v", r)
		}
	})

	t.Run("proxy", func(t *testing.T) {
		c := dialWS(t, w.URL, "/proxy", o.URL)
		defer c.CloseNow()
		if got := readText(t, c); got != "proxy:101" {
			t.Fatalf("first message %q", got)
		}
		writeText(t, c, "x")
		if got := readText(t, c); got != "up:x" {
			t.Fatalf("proxied %q", got)
		}
		_ = c.Close(4100, "")
		// The worker's close listener passes the client's code upstream.
		if code := <-o.upClosed; code != 4100 {
			t.Fatalf("upstream saw %v, want 4100", code)
		}
	})

	t.Run("await-message", func(t *testing.T) {
		r := do(t, "GET", w.URL+"/await-message", nil, "X-Origin", o.URL)
		if r.status != 200 || r.body != "upstream said up:ping" {
			t.Fatalf("%d %q", r.status, r.body)
		}
		if code := <-o.upClosed; code != websocket.StatusNormalClosure {
			t.Fatalf("upstream saw %v, want 1000", code)
		}
	})

	t.Run("unused-fetched-socket", func(t *testing.T) {
		r := do(t, "GET", w.URL+"/drop", nil, "X-Origin", o.URL)
		if r.body != "fetched 101, never used" {
			t.Fatalf("body %q", r.body)
		}
		// The invocation ended; its unused upstream connection is closed with 1001.
		if code := <-o.upClosed; code != websocket.StatusGoingAway {
			t.Fatalf("upstream saw %v, want 1001", code)
		}
	})

	t.Run("passthrough", func(t *testing.T) {
		c := dialWS(t, w.URL, "/passthrough", o.URL)
		defer c.CloseNow()
		if err := c.Write(ctx, websocket.MessageBinary, []byte("raw")); err != nil {
			t.Fatal(err)
		}
		typ, b, err := c.Read(ctx)
		if err != nil || typ != websocket.MessageBinary || string(b) != "up:raw" {
			t.Fatalf("got %v %q %v", typ, b, err)
		}
		_ = c.Close(4200, "")
		// The runtime relays the Close frame itself.
		if code := <-o.upClosed; code != 4200 {
			t.Fatalf("upstream saw %v, want 4200", code)
		}
	})
}

func asClose(err error, ce *websocket.CloseError) bool { return errors.As(err, ce) }

// TestWebSocketErrors covers the Workers errors around returning WebSockets in Responses.
func TestWebSocketErrors(t *testing.T) {
	w := startJS(t, `export default { fetch(req) {
  const p = new URL(req.url).pathname;
  const [client, server] = Object.values(new WebSocketPair());
  if (p === "/not-upgrade") return new Response(null, { status: 101, webSocket: client });
  if (p === "/accepted") { client.accept(); return new Response(null, { status: 101, webSocket: client }); }
  if (p === "/twice") { new Response(null, { status: 101, webSocket: client }); return new Response(null, { status: 101, webSocket: client }); }
  return new Response("nf", { status: 404 });
} }`)
	cases := []struct{ path, upgrade, want string }{
		{"/not-upgrade", "", `TypeError: Worker tried to return a WebSocket in a response to a request which did not contain the header "Upgrade: websocket".`},
		{"/accepted", "websocket", "TypeError: Can't return WebSocket in a Response after calling accept()."},
	}
	for _, c := range cases {
		hdr := []string{}
		if c.upgrade != "" {
			hdr = append(hdr, "Upgrade", c.upgrade, "Connection", "Upgrade", "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
		}
		r := do(t, "GET", w.URL+c.path, nil, hdr...)
		if r.status != 500 || strings.TrimSpace(r.body) != c.want {
			t.Errorf("%s: %d %q, want 500 %q", c.path, r.status, r.body, c.want)
		}
	}
}

// TestWebSocketManyOnOneIsolate runs many concurrent sockets on a single isolate, then checks
// that closing them (and the worker) leaves no goroutine behind.
func TestWebSocketManyOnOneIsolate(t *testing.T) {
	o := newWSOrigin(t)
	before := goruntime.NumGoroutine()
	dir := writeProject(t, map[string]string{"src/index.js": wsWorker})
	w := startWorker(t, dir, "src/index.js", 1)
	const n = 50
	conns := make([]*websocket.Conn, n)
	for i := range conns {
		conns[i] = dialWS(t, w.URL, "/echo", o.URL)
		readText(t, conns[i])
	}
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				msg := strings.Repeat("m", i+j)
				if err := c.Write(context.Background(), websocket.MessageText, []byte(msg)); err != nil {
					t.Error(err)
					return
				}
				_, b, err := c.Read(context.Background())
				if err != nil || string(b) != "echo:"+msg {
					t.Errorf("conn %d: %q %v", i, b, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	// Half close cleanly, half are left open for Worker.Close to close with 1001.
	for _, c := range conns[:n/2] {
		_ = c.Close(websocket.StatusNormalClosure, "")
		<-o.reports
	}
	closed := make(chan error, n/2)
	for _, c := range conns[n/2:] {
		go func() {
			_, _, err := c.Read(context.Background())
			closed <- err
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := w.Worker.Close(ctx); err != nil {
		t.Fatalf("worker close: %v", err)
	}
	for range conns[n/2:] {
		if err := <-closed; websocket.CloseStatus(err) != websocket.StatusGoingAway {
			t.Fatalf("open socket at shutdown: %v, want close 1001", err)
		}
	}
	for range conns[n/2:] {
		<-o.reports
	}
	for _, c := range conns {
		_ = c.CloseNow()
	}
	http.DefaultClient.CloseIdleConnections()
	o.CloseClientConnections()
	// Goroutines wind down asynchronously after the last close; poll for the count to return
	// (no timing assertion: a leak never returns, and the deadline only bounds the wait).
	deadline := time.Now().Add(10 * time.Second)
	for goruntime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if g := goruntime.NumGoroutine(); g > before+2 {
		buf := make([]byte, 1<<20)
		t.Fatalf("goroutines: %d before, %d after\n%s", before, g, buf[:goruntime.Stack(buf, true)])
	}
}

// BenchmarkWebSocketEcho measures echo round trips (client write → worker message event →
// worker send → client read) over loopback: one socket at a time ("serial"), and 16 sockets
// per GOMAXPROCS in parallel. Each op is one round trip; round trips per second = 1e9 / ns/op.
func BenchmarkWebSocketEcho(b *testing.B) {
	o := newWSOrigin(b)
	w := startJS(b, wsWorker)
	msg := []byte("ping")
	roundTrip := func(c *websocket.Conn) error {
		if err := c.Write(context.Background(), websocket.MessageText, msg); err != nil {
			return err
		}
		_, _, err := c.Read(context.Background())
		return err
	}
	closeAll := func(conns []*websocket.Conn) {
		for _, c := range conns {
			_ = c.Close(websocket.StatusNormalClosure, "")
			<-o.reports
		}
	}
	b.Run("serial", func(b *testing.B) {
		c := dialWS(b, w.URL, "/echo", o.URL)
		readText(b, c)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := roundTrip(c); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		closeAll([]*websocket.Conn{c})
	})
	b.Run("parallel", func(b *testing.B) {
		const par = 16
		n := par * goruntime.GOMAXPROCS(0)
		all := make([]*websocket.Conn, n)
		free := make(chan *websocket.Conn, n)
		for i := range all {
			all[i] = dialWS(b, w.URL, "/echo", o.URL)
			readText(b, all[i])
			free <- all[i]
		}
		b.ReportAllocs()
		b.SetParallelism(par)
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			c := <-free
			for pb.Next() {
				if err := roundTrip(c); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.StopTimer()
		closeAll(all)
	})
}
