package runtime

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cacheProject writes a project: src/index.js imports ./lib (lib.js), the npm package dep and
// a CompiledWasm module, with its bundle cache in .edge/state/bundle-cache.
func cacheProject(t *testing.T) (BundleOptions, string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"src/index.js": `import { lib } from "./lib";
import { dep } from "dep";
import mod from "./m.wasm";
export default { fetch() { return new Response(lib + dep + String(mod)); } };
`,
		"src/lib.js":                    `export const lib = "lib-js ";` + "\n",
		"src/m.wasm":                    "\x00asm\x01\x00\x00\x00",
		"node_modules/dep/package.json": `{"name": "dep", "main": "index.js"}`,
		"node_modules/dep/index.js":     `export const dep = "dep-1 ";` + "\n",
		"node_modules/dep/other.js":     `export const dep = "dep-other ";` + "\n",
	} {
		writeFile(t, filepath.Join(dir, name), content)
	}
	opts := BundleOptions{
		Entry:    "src/index.js",
		Dir:      dir,
		Define:   map[string]string{"MODE": `"a"`},
		Rules:    []ModuleRule{{Type: ModuleCompiledWasm, Globs: []string{"**/*.wasm"}}},
		CacheDir: filepath.Join(dir, ".edge", "state", "bundle-cache"),
	}
	age(t, dir)
	return opts, dir
}

// age dates every file and directory under dir an hour back: files that changed just before a
// build are not cached (see bundleCache.store).
func age(t testing.TB, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bundleCached bundles opts and reports whether the cache held a usable entry beforehand.
func bundleCached(t *testing.T, opts BundleOptions) (s *Script, hit bool) {
	t.Helper()
	hit = newBundleCache(opts).load() != nil
	s, err := Bundle(opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Program == nil {
		t.Fatal("the script is not compiled")
	}
	return s, hit
}

// TestBundleCacheHit: a second Bundle with the same options and files (a restart) uses the
// cached bundle, which is the same script as the one built.
func TestBundleCacheHit(t *testing.T) {
	opts, dir := cacheProject(t)
	built, hit := bundleCached(t, opts)
	if hit {
		t.Fatal("a cache hit before anything was cached")
	}
	cached, hit := bundleCached(t, opts)
	if !hit {
		t.Fatal("no cache hit after a restart with nothing changed")
	}
	if cached.Code != built.Code || cached.Format != built.Format || strings.Join(cached.Inputs, ",") != strings.Join(built.Inputs, ",") {
		t.Fatalf("cached script differs from the built one:\n%+v\n%+v", cached, built)
	}
	if got := string(cached.WasmModules["src/m.wasm"]); got != "\x00asm\x01\x00\x00\x00" {
		t.Fatalf("cached wasm module = %q", got)
	}
	for _, in := range cached.Inputs {
		if strings.Contains(in, "node_modules") {
			t.Fatalf("Inputs lists a package file: %s", in)
		}
	}
	if want := filepath.Join(dir, "src", "lib.js"); !strings.Contains(strings.Join(cached.Inputs, ","), want) {
		t.Fatalf("Inputs %v lack %s", cached.Inputs, want)
	}
}

// TestBundleCacheInvalidation: every change that alters the bundle is a miss, and the rebuilt
// bundle has the change; the entry written afterwards is a hit again.
func TestBundleCacheInvalidation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(opts *BundleOptions, dir string)
		want   string // in the rebuilt code
	}{
		{"source edited", func(_ *BundleOptions, dir string) {
			writeFile(t, filepath.Join(dir, "src/lib.js"), `export const lib = "lib-edited ";`+"\n")
		}, "lib-edited"},
		{"dependency under node_modules edited", func(_ *BundleOptions, dir string) {
			writeFile(t, filepath.Join(dir, "node_modules/dep/index.js"), `export const dep = "dep-2 ";`+"\n")
		}, "dep-2"},
		{"package.json main changed", func(_ *BundleOptions, dir string) {
			writeFile(t, filepath.Join(dir, "node_modules/dep/package.json"), `{"name": "dep", "main": "other.js"}`)
		}, "dep-other"},
		{"new file shadowing an import", func(_ *BundleOptions, dir string) {
			writeFile(t, filepath.Join(dir, "src/lib.ts"), `export const lib: string = "lib-ts ";`+"\n")
		}, "lib-ts"},
		{"package installed nearer", func(_ *BundleOptions, dir string) {
			writeFile(t, filepath.Join(dir, "src/node_modules/dep/index.js"), `export const dep = "dep-near ";`+"\n")
		}, "dep-near"},
		{"define changed", func(opts *BundleOptions, dir string) {
			writeFile(t, filepath.Join(dir, "src/lib.js"), `export const lib = MODE + " ";`+"\n")
			age(t, dir)
			bundleCached(t, *opts) // cache the define-using source first
			opts.Define = map[string]string{"MODE": `"mode-b"`}
		}, "mode-b"},
		{"wasm module replaced", func(_ *BundleOptions, dir string) {
			writeFile(t, filepath.Join(dir, "src/m.wasm"), "\x00asm\x01\x00\x00\x00\x00\x00")
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts, dir := cacheProject(t)
			bundleCached(t, opts)
			tc.change(&opts, dir)
			age(t, dir)
			s, hit := bundleCached(t, opts)
			if hit {
				t.Fatal("the cache was used after the change")
			}
			if !strings.Contains(s.Code, tc.want) {
				t.Fatalf("rebuilt code lacks %q", tc.want)
			}
			if tc.want == "" && len(s.WasmModules["src/m.wasm"]) != 10 {
				t.Fatalf("wasm module not re-read: %q", s.WasmModules["src/m.wasm"])
			}
			if _, hit := bundleCached(t, opts); !hit {
				t.Fatal("no hit after the rebuilt bundle was cached")
			}
		})
	}
}

// TestBundleCacheCorrupt: a damaged or truncated cache file is ignored and rewritten.
func TestBundleCacheCorrupt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"byte flipped", func(b []byte) []byte { b[len(b)-100] ^= 0x20; return b }},
		{"empty", func([]byte) []byte { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts, _ := cacheProject(t)
			built, _ := bundleCached(t, opts)
			path := newBundleCache(opts).path
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, tc.spoil(raw), 0o644); err != nil {
				t.Fatal(err)
			}
			s, hit := bundleCached(t, opts)
			if hit || s.Code != built.Code {
				t.Fatalf("hit=%v, code equal=%v", hit, s.Code == built.Code)
			}
			if _, hit := bundleCached(t, opts); !hit {
				t.Fatal("the damaged entry was not rewritten")
			}
		})
	}
}

// TestBundleCacheRecentChange: a bundle whose files changed just before the build is not
// cached, since the change may have raced esbuild's reads.
func TestBundleCacheRecentChange(t *testing.T) {
	opts, dir := cacheProject(t)
	writeFile(t, filepath.Join(dir, "src/lib.js"), `export const lib = "now ";`+"\n")
	bundleCached(t, opts)
	if _, hit := bundleCached(t, opts); hit {
		t.Fatal("cached although a file changed just before the build")
	}
}

// TestBundleCacheTSConfigExtends: a tsconfig that extends another file turns the cache off.
func TestBundleCacheTSConfigExtends(t *testing.T) {
	opts, dir := cacheProject(t)
	writeFile(t, filepath.Join(dir, "tsconfig.json"), `{"extends": "./base.json"}`)
	writeFile(t, filepath.Join(dir, "base.json"), `{}`)
	age(t, dir)
	bundleCached(t, opts)
	if _, hit := bundleCached(t, opts); hit {
		t.Fatal("cached although tsconfig.json extends a file the cache does not record")
	}
}

func BenchmarkBundleHono(b *testing.B) {
	dir, err := filepath.Abs("../internal/bench/hono")
	if err != nil {
		b.Fatal(err)
	}
	for _, cached := range []bool{false, true} {
		name := "uncached"
		opts := BundleOptions{Entry: "src/index.js", Dir: dir}
		if cached {
			name, opts.CacheDir = "cached", b.TempDir()
			if _, err := Bundle(opts); err != nil {
				b.Fatal(err)
			}
			if newBundleCache(opts).load() == nil {
				b.Skip("not cached: the fixture's files changed less than 2 s ago")
			}
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Bundle(opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
