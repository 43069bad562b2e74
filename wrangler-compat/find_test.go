package wrangler_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		files []string // created under a temp root
		start string   // directory to search from, relative to the root
		want  string   // relative to the root; "" = ErrNotFound
	}{
		{name: "toml in dir", files: []string{"a/wrangler.toml"}, start: "a", want: "a/wrangler.toml"},
		{name: "jsonc in dir", files: []string{"a/wrangler.jsonc"}, start: "a", want: "a/wrangler.jsonc"},
		{name: "json beats jsonc and toml in the same dir",
			files: []string{"a/wrangler.toml", "a/wrangler.jsonc", "a/wrangler.json"}, start: "a", want: "a/wrangler.json"},
		{name: "jsonc beats toml", files: []string{"a/wrangler.toml", "a/wrangler.jsonc"}, start: "a", want: "a/wrangler.jsonc"},
		{name: "upward search", files: []string{"wrangler.toml"}, start: "a/b/c", want: "wrangler.toml"},
		{name: "nearest of the same name wins", files: []string{"wrangler.toml", "a/wrangler.toml"}, start: "a/b", want: "a/wrangler.toml"},
		{name: "json in a parent beats toml in dir (wrangler's order)",
			files: []string{"wrangler.json", "a/wrangler.toml"}, start: "a", want: "wrangler.json"},
		{name: "jsonc in a parent beats toml in dir",
			files: []string{"wrangler.jsonc", "a/b/wrangler.toml"}, start: "a/b", want: "wrangler.jsonc"},
		{name: "a directory with the name does not count",
			files: []string{"a/wrangler.json/", "a/wrangler.toml"}, start: "a", want: "a/wrangler.toml"},
		{name: "none", files: []string{"a/other.toml"}, start: "a", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The search goes up to /, so the temp root must not sit under a config of its
			// own; t.TempDir lives under the system temp directory.
			root := t.TempDir()
			for _, f := range tt.files {
				p := filepath.Join(root, filepath.FromSlash(f))
				if f[len(f)-1] == '/' {
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			start := filepath.Join(root, filepath.FromSlash(tt.start))
			if err := os.MkdirAll(start, 0o755); err != nil {
				t.Fatal(err)
			}
			got, err := wrangler.Find(start)
			if tt.want == "" {
				if !errors.Is(err, wrangler.ErrNotFound) {
					t.Fatalf("Find = %q, %v; want ErrNotFound", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(root, filepath.FromSlash(tt.want)); got != want {
				t.Errorf("Find = %q, want %q", got, want)
			}
		})
	}
}
