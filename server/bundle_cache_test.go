package server_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/edgeruntime/edge/server"
)

// TestBundleCacheAcrossRestarts: `edge serve` keeps its bundle in the state directory's
// bundle-cache, a restart serves the same worker, and a source edited between two starts is
// served edited (the cache never serves stale code).
func TestBundleCacheAcrossRestarts(t *testing.T) {
	dir := project(t, map[string]string{
		"wrangler.toml": "name = \"cached\"\nmain = \"src/index.js\"\ncompatibility_date = \"2025-06-01\"\n",
		"src/index.js":  "import { word } from \"./word.js\";\nexport default { fetch() { return new Response(word); } };\n",
		"src/word.js":   "export const word = \"first\";\n",
	})
	state := filepath.Join(t.TempDir(), "state")
	age := func() { // files changed just before a start are not cached
		old := time.Now().Add(-time.Hour)
		for _, p := range []string{"wrangler.toml", "src/index.js", "src/word.js", "src", "."} {
			if err := os.Chtimes(filepath.Join(dir, p), old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	age()
	serve := func(want string) {
		t.Helper()
		s, _, _ := start(t, server.Options{Dir: dir, PersistTo: state})
		defer stop(t, s)
		if code, body := fetch(t, "GET", s.URL+"/", ""); code != 200 || body != want {
			t.Fatalf("got %d %q, want %q", code, body, want)
		}
	}
	serve("first")
	entries, err := os.ReadDir(server.BundleCachePath(state))
	if err != nil || len(entries) != 1 {
		t.Fatalf("bundle cache: %v %v", entries, err)
	}
	serve("first")
	if err := os.WriteFile(filepath.Join(dir, "src/word.js"), []byte("export const word = \"second\";\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	age()
	serve("second")
}
