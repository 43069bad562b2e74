package wagi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/wagi"
)

var (
	buildOnce sync.Once
	module    []byte
	buildErr  error
	cacheDir  string // one compilation cache for the whole test binary: compile once
)

// cgiModule builds testdata/cgi with GOOS=wasip1 GOARCH=wasm (once per test process).
func cgiModule(t testing.TB) []byte {
	t.Helper()
	buildOnce.Do(func() {
		if cacheDir, buildErr = os.MkdirTemp("", "edge-wagi-cache-"); buildErr != nil {
			return
		}
		out := filepath.Join(cacheDir, "cgi.wasm")
		cmd := exec.Command("go", "build", "-o", out, "./testdata/cgi")
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
		if b, err := cmd.CombinedOutput(); err != nil {
			buildErr = err
			module = b
			return
		}
		module, buildErr = os.ReadFile(out)
	})
	if buildErr != nil {
		t.Fatalf("go build testdata/cgi: %v\n%s", buildErr, module)
	}
	return module
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
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

func TestMain(m *testing.M) {
	code := m.Run()
	if cacheDir != "" {
		os.RemoveAll(cacheDir)
	}
	os.Exit(code)
}

func start(t *testing.T, limit time.Duration) (*httptest.Server, *syncBuffer) {
	t.Helper()
	store, err := kvstore.Open(filepath.Join(t.TempDir(), "kv.db"), kvstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	logs := &syncBuffer{}
	w, err := wagi.New(context.Background(), wagi.Config{
		Name: "cgi", Module: cgiModule(t), Store: store, KV: map[string]string{"KV": "ns"},
		Vars: map[string]string{"NAME": "edge"}, TimeLimit: limit, CacheDir: cacheDir,
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w)
	t.Cleanup(func() {
		srv.Close()
		_ = w.Close(context.Background())
	})
	return srv, logs
}

func do(t *testing.T, method, url, body string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("X-Test", "yes")
	if body != "" {
		req.Header.Set("Content-Type", "text/x-test")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestCGI(t *testing.T) {
	srv, logs := start(t, 0)
	host := strings.TrimPrefix(srv.URL, "http://")

	resp, body := do(t, "POST", srv.URL+"/echo?a=1&b=x%20y", "hello")
	want := "REQUEST_METHOD=POST\nQUERY_STRING=a=1&b=x%20y\nCONTENT_TYPE=text/x-test\nCONTENT_LENGTH=5\nHTTP_X_TEST=yes\nHTTP_HOST=" + host +
		"\nSERVER_PROTOCOL=HTTP/1.1\nX_FULL_URL=" + srv.URL + "/echo?a=1&b=x%20y\nbody=hello\n"
	if resp.StatusCode != 200 || body != want || resp.Header.Get("X-Args") != "/echo|a=1|b=x y" {
		t.Errorf("echo: %d %q args %q\nwant %q", resp.StatusCode, body, resp.Header.Get("X-Args"), want)
	}
	if resp, body := do(t, "GET", srv.URL+"/status", ""); resp.StatusCode != 418 || body != "short and stout" || resp.Header.Get("Status") != "" {
		t.Errorf("status: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	if resp, _ := do(t, "GET", srv.URL+"/location", ""); resp.StatusCode != 302 || resp.Header.Get("Location") != "https://example.com/" {
		t.Errorf("location: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := do(t, "GET", srv.URL+"/no-headers", ""); resp.StatusCode != 500 {
		t.Errorf("no headers: %d", resp.StatusCode)
	}
	if resp, body := do(t, "GET", srv.URL+"/exit", ""); resp.StatusCode != 500 || strings.Contains(body, "partial") {
		t.Errorf("exit 3: %d %q", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "giving up") || !strings.Contains(logs.String(), "exit_code(3)") {
		t.Errorf("stderr and exit code not logged:\n%s", logs.String())
	}
}

func TestHostImports(t *testing.T) {
	srv, _ := start(t, 0)
	_, body := do(t, "GET", srv.URL+"/kv", "")
	// put, get, get of a missing key, list, delete, get after delete; an unbound name; KV's
	// validation message; a var and a missing var.
	want := `v1 true <nil> false <nil> 1 true <nil> false | no KV namespace is bound to "NOPE" | Key name cannot be empty. | edge false`
	if body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}

func TestTimeLimit(t *testing.T) {
	srv, _ := start(t, 200*time.Millisecond)
	if resp, body := do(t, "GET", srv.URL+"/spin", ""); resp.StatusCode != 503 || !strings.Contains(body, "Worker exceeded CPU time limit.") {
		t.Errorf("spin: %d %q", resp.StatusCode, body)
	}
	if resp, _ := do(t, "GET", srv.URL+"/status", ""); resp.StatusCode != 418 {
		t.Errorf("after spin: %d", resp.StatusCode)
	}
}

func benchWorker(b *testing.B) *wagi.Worker {
	w, err := wagi.New(context.Background(), wagi.Config{Module: cgiModule(b), CacheDir: cacheDir})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = w.Close(context.Background()) })
	return w
}

// BenchmarkInstantiate is the per-request cost of a fresh instance of a Go-built module
// (memory and data segments, without running it).
func BenchmarkInstantiate(b *testing.B) {
	w := benchWorker(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Instantiate(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRequest is one whole request (instantiate, Go runtime start, CGI in and out).
func BenchmarkRequest(b *testing.B) {
	w := benchWorker(b)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		w.ServeHTTP(rec, httptest.NewRequest("GET", "/status", nil))
		if rec.Code != 418 {
			b.Fatal(rec.Code)
		}
	}
}
