package e2e_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/edgeruntime/edge/internal/e2e"
)

const wsWorkerJS = `export default { async fetch(req) {
  const url = new URL(req.url);
  if (req.headers.get("upgrade") !== "websocket") return new Response("expected websocket", { status: 426 });
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  if (url.pathname === "/proxy") {
    const up = (await fetch(req.headers.get("x-upstream"), { headers: { Upgrade: "websocket" } })).webSocket;
    up.accept();
    up.addEventListener("message", (e) => server.send(e.data));
    server.addEventListener("message", (e) => up.send(e.data));
    server.addEventListener("close", (e) => up.close(e.code, e.reason));
    return new Response(null, { status: 101, webSocket: client });
  }
  server.addEventListener("message", (e) => {
    if (e.data === "close-me") server.close(4000, "server bye");
    else server.send(typeof e.data === "string" ? "echo:" + e.data : e.data);
  });
  server.addEventListener("close", (e) => console.log("worker saw close", e.code, e.reason, e.wasClean));
  return new Response(null, { status: 101, webSocket: client });
} }`

func wsURL(n *e2e.Node, path string) string { return "ws" + strings.TrimPrefix(n.URL, "http") + path }

// TestWebSocketServe talks to a real `edge serve` with a real WebSocket client: text and binary
// echo, a close started by the worker, a close started by the client (the worker's close event
// sees its code and reason), a worker that proxies to an upstream WebSocket server through
// fetch() with Upgrade, concurrent sockets, and SIGTERM closing open sockets with 1001.
func TestWebSocketServe(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"wrangler.toml": "name = \"ws\"\nmain = \"src/index.js\"\ncompatibility_date = \"2025-06-01\"\n",
		"src/index.js":  wsWorkerJS,
	} {
		p := filepath.Join(dir, name)
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	upstream := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(rw, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, b, err := c.Read(context.Background())
			if err != nil {
				return
			}
			_ = c.Write(context.Background(), typ, append([]byte("upstream:"), b...))
		}
	}))
	defer upstream.Close()
	n := e2e.Serve(t, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dial := func(t *testing.T, path string) *websocket.Conn {
		t.Helper()
		c, _, err := websocket.Dial(ctx, wsURL(n, path), &websocket.DialOptions{HTTPHeader: http.Header{"X-Upstream": {upstream.URL}}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	roundTrip := func(t *testing.T, c *websocket.Conn, typ websocket.MessageType, send, want string) {
		t.Helper()
		if err := c.Write(ctx, typ, []byte(send)); err != nil {
			t.Fatal(err)
		}
		gt, b, err := c.Read(ctx)
		if err != nil || gt != typ || string(b) != want {
			t.Fatalf("sent %q: got %v %q %v, want %q", send, gt, b, err, want)
		}
	}

	t.Run("echo-text-binary", func(t *testing.T) {
		c := dial(t, "/echo")
		defer c.CloseNow()
		roundTrip(t, c, websocket.MessageText, "hi", "echo:hi")
		roundTrip(t, c, websocket.MessageBinary, "\x00\x01\xff", "\x00\x01\xff")
		_ = c.Close(websocket.StatusNormalClosure, "")
	})
	t.Run("server-close", func(t *testing.T) {
		c := dial(t, "/echo")
		defer c.CloseNow()
		if err := c.Write(ctx, websocket.MessageText, []byte("close-me")); err != nil {
			t.Fatal(err)
		}
		_, _, err := c.Read(ctx)
		var ce websocket.CloseError
		if !asCloseError(err, &ce) || ce.Code != 4000 || ce.Reason != "server bye" {
			t.Fatalf("got %v, want close 4000 server bye", err)
		}
	})
	t.Run("client-close", func(t *testing.T) {
		c := dial(t, "/echo")
		roundTrip(t, c, websocket.MessageText, "x", "echo:x")
		if err := c.Close(4123, "client bye"); err != nil {
			t.Fatal(err)
		}
		n.WaitLog(t, "worker saw close 4123 client bye true", 20*time.Second)
	})
	t.Run("proxy", func(t *testing.T) {
		c := dial(t, "/proxy")
		defer c.CloseNow()
		roundTrip(t, c, websocket.MessageText, "via worker", "upstream:via worker")
		roundTrip(t, c, websocket.MessageBinary, "\x01\x02", "upstream:\x01\x02")
		_ = c.Close(websocket.StatusNormalClosure, "")
	})
	t.Run("concurrent", func(t *testing.T) {
		var wg sync.WaitGroup
		for i := 0; i < 30; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, _, err := websocket.Dial(ctx, wsURL(n, "/echo"), nil)
				if err != nil {
					t.Error(err)
					return
				}
				defer c.CloseNow()
				for j := 0; j < 10; j++ {
					msg := strings.Repeat("z", i*10+j)
					if err := c.Write(ctx, websocket.MessageText, []byte(msg)); err != nil {
						t.Error(err)
						return
					}
					if _, b, err := c.Read(ctx); err != nil || string(b) != "echo:"+msg {
						t.Errorf("socket %d: %q %v", i, b, err)
						return
					}
				}
				_ = c.Close(websocket.StatusNormalClosure, "")
			}()
		}
		wg.Wait()
	})
	t.Run("shutdown", func(t *testing.T) {
		c := dial(t, "/echo")
		defer c.CloseNow()
		roundTrip(t, c, websocket.MessageText, "before stop", "echo:before stop")
		read := make(chan error, 1)
		go func() {
			_, _, err := c.Read(ctx)
			read <- err
		}()
		if err := n.Stop(); err != nil {
			t.Fatalf("edge serve with an open WebSocket did not stop cleanly: %v\n%s", err, n.Stderr())
		}
		if err := <-read; websocket.CloseStatus(err) != websocket.StatusGoingAway {
			t.Fatalf("open socket at shutdown: %v, want close 1001", err)
		}
	})
}

func asCloseError(err error, ce *websocket.CloseError) bool {
	if websocket.CloseStatus(err) == -1 {
		return false
	}
	return errors.As(err, ce)
}
