package main

import (
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

// TestServeMemoryGuard: with --memory-limit, a request that allocates without bound is stopped
// with Workers' 503 while the same server keeps answering other requests, and /metrics on the
// admin listener counts the recycle. A malformed limit is a usage error.
func TestServeMemoryGuard(t *testing.T) {
	dir := writeFiles(t, map[string]string{"wrangler.toml": cfg, "src/index.js": `export default { fetch(req) {
  if (new URL(req.url).pathname === "/grow") {
    const keep = [];
    for (;;) keep.push("x".repeat(1 << 16) + keep.length);
  }
  return new Response("ok");
} };`})
	_, errOut, code := e2e.Run(t, dir, "serve", "--port", "0", "--memory-limit", "lots")
	if code != 2 || !strings.Contains(errOut, `--memory-limit: "lots" is not a size`) {
		t.Fatalf("bad --memory-limit: exit %d\n%s", code, errOut)
	}

	node := e2e.Serve(t, dir, "--memory-limit", "96MiB", "--isolates", "2", "--api-port", "0")
	get := func(path string) (int, string) {
		resp, err := http.Get(node.URL + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	type answer struct {
		code int
		body string
	}
	grown := make(chan answer, 1)
	go func() { c, b := get("/grow"); grown <- answer{c, b} }()
	for waiting := true; waiting; {
		select {
		case a := <-grown:
			if a.code != 503 || a.body != "Error: Worker exceeded memory limit.\n" {
				t.Fatalf("/grow: %d %q\nstderr:\n%s", a.code, a.body, node.Stderr())
			}
			waiting = false
		default:
			if c, b := get("/"); c != 200 || b != "ok" {
				t.Fatalf("while /grow runs: %d %q", c, b)
			}
		}
	}
	if c, b := get("/"); c != 200 || b != "ok" {
		t.Fatalf("after /grow: %d %q", c, b)
	}
	node.WaitLog(t, "memory limit exceeded: interrupting the task that allocated most", 10*time.Second)
	m := regexp.MustCompile(`KV API: (http://\S+)/client/v4`).FindStringSubmatch(node.Stdout())
	if m == nil {
		t.Fatalf("no admin listener in the banner:\n%s", node.Stdout())
	}
	wants := []string{
		`edge_isolate_recycles_total{reason="memory_limit",worker="clitest"} 1`,
		`edge_requests_total{status="503",worker="clitest"} 1`,
		`edge_memory_limit_bytes 1.00663296e+08`,
	}
	var body string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(m[1] + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = string(b)
		missing := slices.IndexFunc(wants, func(w string) bool { return !strings.Contains(body, w) })
		if missing < 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("/metrics lacks %s:\n%s", wants[missing], body)
		}
	}
}
