package wrangler

import (
	"fmt"
	"os"
	"path/filepath"
)

// Find returns the config path for dir the way wrangler does: search upward from dir for
// wrangler.json, then (if none anywhere) upward for wrangler.jsonc, then wrangler.toml.
// A consequence, as in wrangler: a wrangler.json in a parent directory beats a
// wrangler.toml in dir itself. The returned path is absolute. Returns ErrNotFound (a
// sentinel) if none exists.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("wrangler: find config: %w", err)
	}
	// wrangler's order of preference (workers-utils config-helpers.ts findWranglerConfig).
	for _, name := range []string{"wrangler.json", "wrangler.jsonc", "wrangler.toml"} {
		if p, ok := findUp(abs, name); ok {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// findUp looks for a regular file called name in dir and each of its parents.
func findUp(dir, name string) (string, bool) {
	for {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
