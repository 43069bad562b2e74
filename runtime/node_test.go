package runtime_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime"
)

// nodeWorker bundles entry in dir and starts a worker with the given compatibility date and
// flags (both the bundle and the worker see them, as the server passes them).
func nodeWorker(t *testing.T, dir, entry, date string, flags []string, bindings ...runtime.Binding) *testWorker {
	t.Helper()
	return startBundled(t,
		runtime.BundleOptions{Entry: entry, Dir: dir, CompatibilityDate: date, CompatibilityFlags: flags},
		runtime.Config{Isolates: 1, Bindings: bindings, CompatibilityDate: date, CompatibilityFlags: flags})
}

var nodeCompat = []string{"nodejs_compat"}

const nodeDate = "2025-06-01"

// TestNodeModulesJS runs testdata/node/*.test.js, one worker per file, under nodejs_compat;
// each JS test is a subtest.
func TestNodeModulesJS(t *testing.T) {
	files, _ := filepath.Glob("testdata/node/*.test.js")
	if len(files) == 0 {
		t.Fatal("no JS test files")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".test.js")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			harness, _ := os.ReadFile("testdata/node/harness.js")
			dir := writeProject(t, map[string]string{
				"harness.js": string(harness),
				"tests.js":   string(src),
				"index.js":   `import "./harness.js"; import "./tests.js"; export default { async fetch() { return Response.json(await globalThis.__runTests()); } };`,
			})
			w := nodeWorker(t, dir, "index.js", nodeDate, nodeCompat)
			r := get(t, w.URL+"/")
			var results map[string]string
			if err := json.Unmarshal([]byte(r.body), &results); err != nil {
				t.Fatalf("%d %s\n%s", r.status, r.body, w.Logs.String())
			}
			names := make([]string, 0, len(results))
			for n := range results {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				t.Run(n, func(t *testing.T) {
					if results[n] != "ok" {
						t.Error(results[n])
					}
				})
			}
		})
	}
}

// TestNodeCompatModes checks the gating against workerd's compatibility-date.capnp: what each
// date and flag combination makes importable and global.
func TestNodeCompatModes(t *testing.T) {
	probe := `export default { fetch() { return Response.json([typeof Buffer, typeof process, typeof global]); } };`
	cases := []struct {
		name, date string
		flags      []string
		mode       runtime.NodeCompat
		globals    string
		bare       bool // import "buffer" resolves to the built-in
		prefixed   bool // import "node:buffer" works
		als        bool // import "node:async_hooks" works
	}{
		{"off", "2025-06-01", nil, runtime.NodeOff, `["undefined","undefined","undefined"]`, false, false, false},
		{"als only", "2025-06-01", []string{"nodejs_als"}, runtime.NodeALS, `["undefined","undefined","undefined"]`, false, false, true},
		{"v1 before 2024-09-23", "2024-09-01", nodeCompat, runtime.NodeV1, `["undefined","undefined","undefined"]`, false, true, true},
		{"v2 by date", "2024-09-23", nodeCompat, runtime.NodeV2, `["function","object","object"]`, true, true, true},
		{"v2 by flag", "2024-01-01", []string{"nodejs_compat_v2"}, runtime.NodeV2, `["function","object","object"]`, true, true, true},
		{"v2 disabled", "2025-06-01", []string{"nodejs_compat", "no_nodejs_compat_v2"}, runtime.NodeV1, `["undefined","undefined","undefined"]`, false, true, true},
		{"default on from 2026-08-04", "2026-08-04", nil, runtime.NodeV2, `["function","object","object"]`, true, true, true},
		{"disabled after default", "2026-09-01", []string{"no_nodejs_compat", "no_nodejs_compat_v2"}, runtime.NodeOff, `["undefined","undefined","undefined"]`, false, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := runtime.NodeCompatFor(c.date, c.flags); got != c.mode {
				t.Fatalf("NodeCompatFor = %v, want %v", got, c.mode)
			}
			w := nodeWorker(t, writeProject(t, map[string]string{"i.js": probe}), "i.js", c.date, c.flags)
			if r := get(t, w.URL+"/"); r.body != c.globals {
				t.Errorf("globals = %s, want %s", r.body, c.globals)
			}
			imports := map[string]bool{
				`import { Buffer } from "buffer"; const v = Buffer.from("a").toString("hex");`:      c.bare,
				`import { Buffer } from "node:buffer"; const v = Buffer.from("a").toString("hex");`: c.prefixed,
				`import { AsyncLocalStorage } from "node:async_hooks"; const v = "61";`:             c.als,
			}
			for src, want := range imports {
				dir := writeProject(t, map[string]string{"i.js": src + ` export default { fetch() { return new Response(v); } };`})
				_, err := runtime.Bundle(runtime.BundleOptions{Entry: "i.js", Dir: dir, CompatibilityDate: c.date, CompatibilityFlags: c.flags})
				if want && err != nil {
					t.Errorf("%s: %v", src, err)
				}
				if !want && err == nil {
					t.Errorf("%s: bundled, want an error", src)
				}
				if want && err == nil {
					w := nodeWorker(t, dir, "i.js", c.date, c.flags)
					if r := get(t, w.URL+"/"); r.body != "61" {
						t.Errorf("%s: %d %s", src, r.status, r.body)
					}
				}
			}
		})
	}
}

// TestNodeModuleMissing: without nodejs_compat a node: import fails with workerd's message.
func TestNodeModuleMissing(t *testing.T) {
	dir := writeProject(t, map[string]string{"i.js": `import { EventEmitter } from "node:events"; export default { fetch() { return new Response(typeof EventEmitter); } };`})
	_, err := runtime.Bundle(runtime.BundleOptions{Entry: "i.js", Dir: dir, CompatibilityDate: nodeDate})
	if err == nil || !strings.Contains(err.Error(), `No such module "node:events".`) || !strings.Contains(err.Error(), "i.js:1:") {
		t.Fatalf("err = %v", err)
	}
	_, err = runtime.Bundle(runtime.BundleOptions{Entry: "i.js", Dir: writeProject(t, map[string]string{"i.js": `import "node:fs";`}), CompatibilityDate: nodeDate, CompatibilityFlags: nodeCompat})
	if err == nil || !strings.Contains(err.Error(), `No such module "node:fs". (edge does not provide this Node.js module)`) {
		t.Fatalf("unprovided module: err = %v", err)
	}
	_, err = runtime.Bundle(runtime.BundleOptions{Entry: "i.js", Dir: writeProject(t, map[string]string{"i.js": `import "node:util";`}), CompatibilityDate: nodeDate, CompatibilityFlags: []string{"nodejs_als"}})
	if err == nil || !strings.Contains(err.Error(), `No such module "node:util". (Node.js built-in modules need the "nodejs_compat" compatibility flag)`) {
		t.Fatalf("nodejs_als only: err = %v", err)
	}
}

type jsonBinding struct{ name, raw string }

func (b jsonBinding) Name() string { return b.name }
func (b jsonBinding) Value(iso *runtime.Isolate) (goja.Value, error) {
	return iso.JSONParse(b.raw)
}
func (b jsonBinding) ProcessEnvValue() string {
	var s string
	if json.Unmarshal([]byte(b.raw), &s) == nil {
		return s
	}
	return b.raw
}

type envText struct{ textBinding }

func (b envText) ProcessEnvValue() string { return b.value }

// TestNodeProcessEnv: process.env holds text and JSON bindings from 2025-04-01 (or with
// nodejs_compat_populate_process_env), and is empty otherwise.
func TestNodeProcessEnv(t *testing.T) {
	src := `const atTop = JSON.stringify(process.env);
export default { fetch() { return new Response(atTop); } };`
	binds := []runtime.Binding{envText{textBinding{"T", "text"}}, jsonBinding{"S", `"str"`}, jsonBinding{"O", `{"a":[1]}`}, textBinding{"NOT_ENV", "x"}}
	cases := []struct {
		name, date string
		flags      []string
		want       string
	}{
		{"populated by date", "2025-04-01", nodeCompat, `{"T":"text","S":"str","O":"{\"a\":[1]}"}`},
		{"empty before the date", "2025-03-31", nodeCompat, `{}`},
		{"populated by flag", "2025-03-31", []string{"nodejs_compat", "nodejs_compat_populate_process_env"}, `{"T":"text","S":"str","O":"{\"a\":[1]}"}`},
		{"disabled by flag", "2025-06-01", []string{"nodejs_compat", "nodejs_compat_do_not_populate_process_env"}, `{}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := nodeWorker(t, writeProject(t, map[string]string{"i.js": src}), "i.js", c.date, c.flags, binds...)
			var got, want map[string]string
			r := get(t, w.URL+"/")
			if json.Unmarshal([]byte(r.body), &got) != nil || json.Unmarshal([]byte(c.want), &want) != nil || len(got) != len(want) {
				t.Fatalf("process.env = %s, want %s", r.body, c.want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("process.env.%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

// TestAsyncLocalStorageRequests: concurrent requests on one isolate each see their own store
// across awaits, fetch-free timers and promise continuations, and none leaks to the next.
func TestAsyncLocalStorageRequests(t *testing.T) {
	src := `import { AsyncLocalStorage } from "node:async_hooks";
const als = new AsyncLocalStorage();
export default { async fetch(req) {
  const id = new URL(req.url).searchParams.get("id");
  const before = als.getStore() ?? "none";
  return als.run(id, async () => {
    await new Promise((r) => setTimeout(r, 20 - Number(id)));
    const a = als.getStore();
    await null;
    const b = await new Promise((r) => setTimeout(() => r(als.getStore()), 1));
    return new Response([before, a, b].join(","));
  });
} };`
	w := nodeWorker(t, writeProject(t, map[string]string{"i.js": src}), "i.js", nodeDate, []string{"nodejs_als"})
	done := make(chan string, 10)
	for i := 0; i < 10; i++ {
		go func(i int) {
			r := get(t, w.URL+"/?id="+string(rune('0'+i)))
			done <- r.body
		}(i)
	}
	seen := map[string]bool{}
	for i := 0; i < 10; i++ {
		seen[<-done] = true
	}
	for i := 0; i < 10; i++ {
		id := string(rune('0' + i))
		if want := "none," + id + "," + id; !seen[want] {
			t.Errorf("missing %q in %v", want, seen)
		}
	}
}

// TestAsyncLocalStorageHostIO: the store survives awaiting host I/O (a real fetch over
// loopback, a request body read).
func TestAsyncLocalStorageHostIO(t *testing.T) {
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("origin")) }))
	defer origin.Close()
	src := `import { AsyncLocalStorage } from "node:async_hooks";
const als = new AsyncLocalStorage();
export default { async fetch(req) {
  return als.run("io", async () => {
    const body = await (await fetch(req.headers.get("x-origin"))).text();
    const a = als.getStore();
    const posted = await req.text();
    return new Response([body, a, posted, als.getStore()].join(","));
  });
} };`
	w := nodeWorker(t, writeProject(t, map[string]string{"i.js": src}), "i.js", nodeDate, nodeCompat)
	r := do(t, "POST", w.URL+"/", strings.NewReader("posted"), "X-Origin", origin.URL)
	if r.body != "origin,io,posted,io" {
		t.Fatalf("got %d %q", r.status, r.body)
	}
}

// TestNodeGlobalScope: random bytes are refused at the top level, as in workerd.
func TestNodeGlobalScope(t *testing.T) {
	dir := writeProject(t, map[string]string{"i.js": `import { randomBytes } from "node:crypto"; randomBytes(4); export default { fetch() { return new Response("x"); } };`})
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "i.js", Dir: dir, CompatibilityDate: nodeDate, CompatibilityFlags: nodeCompat})
	if err != nil {
		t.Fatal(err)
	}
	_, err = runtime.NewWorker(runtime.Config{Script: script, Isolates: 1, CompatibilityDate: nodeDate, CompatibilityFlags: nodeCompat, Logger: slog.New(slog.NewTextHandler(&syncBuffer{}, nil))})
	if err == nil || !strings.Contains(err.Error(), "Disallowed operation called within global scope") {
		t.Fatalf("err = %v", err)
	}
}

// TestNodeNPMPackages runs npm packages that require Node built-ins by their bare names
// (cookie-signature: crypto; safe-buffer: buffer) unmodified.
func TestNodeNPMPackages(t *testing.T) {
	dir, _ := filepath.Abs("testdata/nodeapps")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "cookie-signature")); err != nil {
		t.Fatalf("npm fixtures not installed (run scripts/setup.sh): %v", err)
	}
	w := nodeWorker(t, dir, "worker.js", nodeDate, nodeCompat)
	r := get(t, w.URL+"/")
	want := `{"signed":"hello.iKqz7ejTrflNJquQ07r9SiCDBww7zOnAFO4EpEOEfAs","unsigned":"hello","tampered":false,"safeBuffer":"68656c6c6f","sameBuffer":true}`
	if r.status != 200 || r.body != want {
		t.Fatalf("got %d %s\nwant %s\n%s", r.status, r.body, want, w.Logs.String())
	}
}

// BenchmarkNodeIsolate measures what nodejs_compat adds to creating an isolate: nothing but the
// lazy globals when no module is imported, and the modules' build cost when the script imports
// them at its top level.
func BenchmarkNodeIsolate(b *testing.B) {
	cases := []struct {
		name, src string
		flags     []string
	}{
		{"off", helloWorker, nil},
		{"nodejs_compat", helloWorker, nodeCompat},
		{"nodejs_compat+buffer", `import { Buffer } from "node:buffer";` + helloWorker, nodeCompat},
		{"nodejs_compat+util,assert,stream,crypto", `import "node:util"; import "node:assert"; import "node:stream"; import "node:crypto";` + helloWorker, nodeCompat},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			dir := writeProject(b, map[string]string{"i.js": c.src})
			script, err := runtime.Bundle(runtime.BundleOptions{Entry: "i.js", Dir: dir, CompatibilityDate: nodeDate, CompatibilityFlags: c.flags})
			if err != nil {
				b.Fatal(err)
			}
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w, err := runtime.NewWorker(runtime.Config{Script: script, Isolates: 1, Logger: log, CompatibilityDate: nodeDate, CompatibilityFlags: c.flags, CPULimit: -1})
				if err != nil {
					b.Fatal(err)
				}
				_ = w.Close(context.Background())
			}
		})
	}
}

// BenchmarkAsyncContext measures a request that awaits 100 promises, without AsyncLocalStorage,
// with node:async_hooks loaded (goja's tracker runs on every reaction), and inside als.run.
func BenchmarkAsyncContext(b *testing.B) {
	body := `let n = 0; for (let i = 0; i < 100; i++) n += await Promise.resolve(i); return new Response(String(n));`
	cases := []struct{ name, src string }{
		{"plain", `export default { async fetch() { ` + body + ` } };`},
		{"tracker", `import "node:async_hooks"; export default { async fetch() { ` + body + ` } };`},
		{"als.run", `import { AsyncLocalStorage } from "node:async_hooks"; const als = new AsyncLocalStorage();
export default { fetch() { return als.run(1, async () => { ` + body + ` }); } };`},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			w := startBundled(b, runtime.BundleOptions{Entry: "i.js", Dir: writeProject(b, map[string]string{"i.js": c.src}), CompatibilityDate: nodeDate, CompatibilityFlags: nodeCompat},
				runtime.Config{Isolates: 1, CompatibilityDate: nodeDate, CompatibilityFlags: nodeCompat})
			req := httptest.NewRequest("GET", "http://example.com/", nil)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rec := httptest.NewRecorder()
				w.Worker.ServeHTTP(rec, req)
				if rec.Body.String() != "4950" {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
