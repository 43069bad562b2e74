package runtime_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime"
)

// npmFixture returns the npm fixture project; its node_modules are installed by
// scripts/setup.sh (which the test command runs first).
func npmFixture(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs("testdata/npmapps")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "hono")); err != nil {
		t.Fatalf("npm fixtures not installed (run scripts/setup.sh): %v", err)
	}
	return dir
}

type textBinding struct{ name, value string }

func (b textBinding) Name() string { return b.name }
func (b textBinding) Value(iso *runtime.Isolate) (goja.Value, error) {
	return iso.VM().ToValue(b.value), nil
}

func TestHonoFromNPM(t *testing.T) {
	dir := npmFixture(t)
	w := startWorker(t, dir, "hono.ts", 2, textBinding{"GREETING", "Hello"})
	cases := []struct {
		method, path, body string
		status             int
		want               string
		header             [2]string
	}{
		{"GET", "/", "", 200, "Hello from hono", [2]string{"X-Handled-By", "hono"}},
		{"GET", "/users/42?q=abc", "", 200, `{"id":42,"q":"abc","ua":"edge-test"}`, [2]string{"Access-Control-Allow-Origin", "*"}},
		{"GET", "/hello/bob", "", 200, "<h1>Hi bob</h1>", [2]string{"Content-Type", "text/html; charset=UTF-8"}},
		{"POST", "/echo", `{"msg":"hi there"}`, 201, `{"echoed":"HI THERE"}`, [2]string{"X-Content-Type-Options", "nosniff"}},
		{"POST", "/echo", `{}`, 400, `{"error":"msg required"}`, [2]string{}},
		{"GET", "/teapot", "", 418, `{"error":"teapot"}`, [2]string{}},
		{"GET", "/crash", "", 500, `{"error":"unexpected crash"}`, [2]string{}},
		{"GET", "/users/abc", "", 404, `{"error":"not found","path":"/users/abc"}`, [2]string{}},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			var r resp
			if c.body != "" {
				r = do(t, c.method, w.URL+c.path, strings.NewReader(c.body), "Content-Type", "application/json", "User-Agent", "edge-test")
			} else {
				r = do(t, c.method, w.URL+c.path, nil, "User-Agent", "edge-test")
			}
			if r.status != c.status || r.body != c.want {
				t.Fatalf("got %d %q, want %d %q", r.status, r.body, c.status, c.want)
			}
			if c.header[0] != "" && r.header.Get(c.header[0]) != c.header[1] {
				t.Errorf("%s = %q, want %q", c.header[0], r.header.Get(c.header[0]), c.header[1])
			}
		})
	}
}

func TestIttyRouterFromNPM(t *testing.T) {
	dir := npmFixture(t)
	w := startWorker(t, dir, "itty.js", 2)
	cases := []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/", "", 200, `"itty home"`}, // AutoRouter formats return values as JSON
		{"GET", "/items/7?sort=asc", "", 200, `{"id":"7","sort":"asc"}`},
		{"POST", "/items", `{"name":"widget"}`, 201, `{"created":"widget"}`},
		{"POST", "/items", `{}`, 400, `{"status":400,"error":"name is required"}`},
		{"GET", "/teapot", "", 418, `{"status":418,"error":"I'm a teapot"}`},
		{"GET", "/crash", "", 500, `{"status":500,"error":"kaboom"}`},
		{"GET", "/missing", "", 404, `{"status":404,"error":"Not Found"}`},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			var body *strings.Reader
			if c.body != "" {
				body = strings.NewReader(c.body)
			}
			var r resp
			if body != nil {
				r = do(t, c.method, w.URL+c.path, body, "Content-Type", "application/json")
			} else {
				r = do(t, c.method, w.URL+c.path, nil)
			}
			if r.status != c.status || r.body != c.want {
				t.Fatalf("got %d %q, want %d %q", r.status, r.body, c.status, c.want)
			}
		})
	}
}

func TestBundleErrors(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"top-level await", map[string]string{"src/index.js": "const x = await Promise.resolve(1);\nexport default { fetch() { return new Response(String(x)) } }\n"},
			[]string{"src/index.js:1:", "top-level await is not supported"}},
		{"syntax error", map[string]string{"src/index.js": "export default { fetch() { return new Response( }\n"},
			[]string{"src/index.js:1:"}},
		{"missing import", map[string]string{"src/index.js": "import x from './nope';\nexport default { fetch() { return new Response(x) } }\n"},
			[]string{"src/index.js:1:", "Could not resolve \"./nope\""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeProject(t, c.files)
			_, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestSyntaxLoweringAndFormatDetection(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/index.js": `import { gen } from "./gen.js";
class Counter { #n = 0; static #made = 0; set = (k) => k; static { Counter.#made++; } inc() { return ++this.#n; } }
export default { async fetch() {
  const out = [];
  for await (const v of gen()) out.push(v);
  const c = new Counter(); c.inc();
  return Response.json({ out, n: c.inc(), set: c.set(5), asyncIter: typeof Symbol.asyncIterator });
} }`,
		"src/gen.js": "export async function* gen() { yield 1; await null; yield 2; }\n",
	})
	s, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if s.Format != runtime.FormatModules {
		t.Errorf("format %v", s.Format)
	}
	w := startWorker(t, dir, "src/index.js", 1)
	if r := get(t, w.URL+"/"); r.body != `{"out":[1,2],"n":2,"set":5,"asyncIter":"symbol"}` {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	sw := writeProject(t, map[string]string{"worker.js": `addEventListener("fetch", e => e.respondWith(new Response("sw")))`})
	s, err = runtime.Bundle(runtime.BundleOptions{Entry: "worker.js", Dir: sw})
	if err != nil || s.Format != runtime.FormatServiceWorker {
		t.Fatalf("service worker format: %v %v", s, err)
	}
}
