package e2e_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

// cacheWorker answers from caches.default when it can, else fetches the origin (named by the
// x-origin header) and stores the response.
const cacheWorker = `export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const key = "https://cache.test" + url.pathname;
    const hit = await caches.default.match(key);
    if (hit) return hit;
    const res = await fetch(request.headers.get("x-origin") + url.pathname);
    await caches.default.put(key, res.clone());
    return res;
  },
};
`

// origin counts requests per path. /big/N answers N bytes; /short has max-age=1; everything
// else max-age=600.
type origin struct {
	mu   sync.Mutex
	hits map[string]int
	srv  *httptest.Server
}

func newOrigin(t *testing.T) *origin {
	o := &origin{hits: map[string]int{}}
	o.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.hits[r.URL.Path]++
		o.mu.Unlock()
		switch {
		case strings.HasPrefix(r.URL.Path, "/big/"):
			n, _ := strconv.Atoi(strings.Split(r.URL.Path, "/")[2])
			w.Header().Set("Cache-Control", "max-age=600")
			io.WriteString(w, strings.Repeat("x", n))
		case r.URL.Path == "/short":
			w.Header().Set("Cache-Control", "max-age=1")
			io.WriteString(w, "short-lived")
		default:
			w.Header().Set("Cache-Control", "max-age=600")
			io.WriteString(w, "body of "+r.URL.Path)
		}
	}))
	t.Cleanup(o.srv.Close)
	return o
}

func (o *origin) count(path string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.hits[path]
}

func cacheProject(t *testing.T) string {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "src"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "wrangler.toml"), []byte("name = \"cache-e2e\"\nmain = \"src/index.js\"\ncompatibility_date = \"2025-06-01\"\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "src", "index.js"), []byte(cacheWorker), 0o644))
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// fetchVia requests path from the node; it returns the body and the cf-cache-status header.
func fetchVia(t *testing.T, n *e2e.Node, o *origin, path string) (string, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", n.URL+path, nil)
	req.Header.Set("x-origin", o.srv.URL)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	return string(b), resp.Header.Get("Cf-Cache-Status")
}

func TestCacheServesFromCacheAndSurvivesRestart(t *testing.T) {
	o := newOrigin(t)
	dir := cacheProject(t)
	state := filepath.Join(t.TempDir(), "state")
	n := e2e.Serve(t, dir, "--persist-to", state)
	if body, status := fetchVia(t, n, o, "/a"); body != "body of /a" || status != "" {
		t.Fatalf("first request: %q, cf-cache-status %q", body, status)
	}
	if body, status := fetchVia(t, n, o, "/a"); body != "body of /a" || status != "HIT" {
		t.Fatalf("second request: %q, cf-cache-status %q", body, status)
	}
	if c := o.count("/a"); c != 1 {
		t.Fatalf("origin saw %d requests for /a, want 1", c)
	}
	must(t, n.Stop())

	n = e2e.Serve(t, dir, "--persist-to", state)
	if body, status := fetchVia(t, n, o, "/a"); body != "body of /a" || status != "HIT" {
		t.Fatalf("after restart: %q, cf-cache-status %q", body, status)
	}
	if c := o.count("/a"); c != 1 {
		t.Fatalf("origin saw %d requests for /a after the restart, want 1", c)
	}
}

func TestCacheEvictsUnderSizeCap(t *testing.T) {
	o := newOrigin(t)
	state := filepath.Join(t.TempDir(), "state")
	n := e2e.Serve(t, cacheProject(t), "--persist-to", state, "--cache-max-bytes", "3000")
	for _, p := range []string{"/big/1000", "/big/999", "/big/998"} {
		fetchVia(t, n, o, p)
	}
	fetchVia(t, n, o, "/big/999") // now /big/1000 is the least recently used
	fetchVia(t, n, o, "/big/997") // 3994 bytes > 3000: /big/1000 goes
	if _, status := fetchVia(t, n, o, "/big/999"); status != "HIT" {
		t.Fatalf("recently used entry evicted (cf-cache-status %q)", status)
	}
	if _, status := fetchVia(t, n, o, "/big/1000"); status != "" {
		t.Fatalf("least recently used entry still cached (cf-cache-status %q)", status)
	}
	if c := o.count("/big/1000"); c != 2 {
		t.Fatalf("origin saw %d requests for /big/1000, want 2", c)
	}
	files, err := os.ReadDir(filepath.Join(state, "cache", "blobs"))
	must(t, err)
	var total int64
	for _, f := range files {
		info, err := f.Info()
		must(t, err)
		total += info.Size()
	}
	if total > 3000 {
		t.Fatalf("%d bytes of bodies on disk, cap 3000", total)
	}
}

func TestCacheEntryExpires(t *testing.T) {
	o := newOrigin(t)
	n := e2e.Serve(t, cacheProject(t), "--persist-to", filepath.Join(t.TempDir(), "state"))
	fetchVia(t, n, o, "/short")
	deadline := time.Now().Add(30 * time.Second)
	for o.count("/short") < 2 {
		if time.Now().After(deadline) {
			t.Fatal("the max-age=1 entry was still served 30 s later")
		}
		time.Sleep(200 * time.Millisecond)
		fetchVia(t, n, o, "/short")
	}
}
