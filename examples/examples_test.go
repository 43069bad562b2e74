// Package examples_test runs `edge test` (the real binary) over every example: each example's
// own test files must pass inside the runtime.
package examples_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgeruntime/edge/internal/e2e"
)

func TestEdgeTestOverEveryExample(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if !e.IsDir() || !hasConfig(e.Name()) {
			continue
		}
		ran++
		t.Run(e.Name(), func(t *testing.T) {
			dir := e2e.CopyDir(t, e.Name())
			if e.Name() == "url-shortener-wasm" { // a standalone Wasm worker: build its module
				build := exec.Command("go", "build", "-o", filepath.Join(dir, "shortener.wasm"), "./url-shortener-wasm")
				build.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
				if out, err := build.CombinedOutput(); err != nil {
					t.Fatalf("go build (wasip1): %v\n%s", err, out)
				}
			}
			stdout, stderr, code := e2e.Run(t, dir, "test", "--json")
			var passed int
			for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
				var ev struct {
					Type, File, Name, Status, Error string
					Passed, Failed                  int
				}
				if err := json.Unmarshal([]byte(line), &ev); err != nil {
					t.Fatalf("not JSON: %q (%v)", line, err)
				}
				switch {
				case ev.Type == "test" && ev.Status == "fail":
					t.Errorf("%s > %s failed:\n%s", ev.File, ev.Name, ev.Error)
				case ev.Type == "summary":
					passed = ev.Passed
				}
			}
			if code != 0 || passed == 0 {
				t.Fatalf("edge test: exit %d, %d passed\nstdout:\n%s\nstderr:\n%s", code, passed, stdout, stderr)
			}
		})
	}
	if ran < 3 {
		t.Fatalf("only %d examples found", ran)
	}
}

func hasConfig(dir string) bool {
	for _, name := range []string{"wrangler.toml", "wrangler.json", "wrangler.jsonc"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}
