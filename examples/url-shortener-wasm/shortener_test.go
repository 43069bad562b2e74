package main_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

// buildModule compiles the example with GOOS=wasip1 GOARCH=wasm into dir/shortener.wasm
// (no .wasm file is committed).
func buildModule(t testing.TB, dir string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "shortener.wasm"), ".")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build (wasip1): %v\n%s", err, out)
	}
}

var client = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func call(t *testing.T, method, url, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// The Go-Wasm shortener and its JS twin behave the same behind a real `edge serve`, and the
// links survive a restart (they are in the KV state dir).
func TestShortener(t *testing.T) {
	wasmDir := e2e.CopyDir(t, ".")
	buildModule(t, wasmDir)
	for _, tc := range []struct{ name, dir string }{
		{"wasm", wasmDir},
		{"js", filepath.Join(wasmDir, "js")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			state := t.TempDir()
			n := e2e.Serve(t, tc.dir, "--persist-to", state)
			resp, short := call(t, "POST", n.URL+"/", "https://example.com/a?b=c")
			if resp.StatusCode != 201 || !strings.HasPrefix(short, n.URL+"/") {
				t.Fatalf("create: %d %q", resp.StatusCode, short)
			}
			short = strings.TrimSpace(short)
			resp, _ = call(t, "GET", short, "")
			if resp.StatusCode != 302 || resp.Header.Get("Location") != "https://example.com/a?b=c" {
				t.Fatalf("redirect: %d %v", resp.StatusCode, resp.Header)
			}
			if resp, body := call(t, "GET", n.URL+"/nope", ""); resp.StatusCode != 404 || body != "no such link\n" {
				t.Errorf("missing: %d %q", resp.StatusCode, body)
			}
			if resp, body := call(t, "POST", n.URL+"/", "ftp://x"); resp.StatusCode != 400 || body != "the body must be an http(s) URL\n" {
				t.Errorf("bad url: %d %q", resp.StatusCode, body)
			}
			if resp, _ := call(t, "DELETE", n.URL+"/x", ""); resp.StatusCode != 405 {
				t.Errorf("delete: %d", resp.StatusCode)
			}
			if err := n.Stop(); err != nil {
				t.Fatal(err)
			}
			n2 := e2e.Serve(t, tc.dir, "--persist-to", state)
			resp, _ = call(t, "GET", strings.Replace(short, n.URL, n2.URL, 1), "")
			if resp.StatusCode != 302 || resp.Header.Get("Location") != "https://example.com/a?b=c" {
				t.Fatalf("after restart: %d %v", resp.StatusCode, resp.Header)
			}
		})
	}
}
