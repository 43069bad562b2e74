package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/edgeruntime/edge/server"
)

// runTests runs `edge test` in dir and returns one line per result ("ok|FAIL|skip file > name").
func runTests(t testing.TB, dir string, opts server.TestOptions) (lines []string, errs map[string]string, failed int) {
	t.Helper()
	errs = map[string]string{}
	opts.Dir = dir
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	opts.Report = func(r server.TestResult) {
		state := "ok"
		switch {
		case r.Err != nil:
			state = "FAIL"
			errs[r.File+" > "+r.Name] = r.Err.Error()
		case r.Skipped:
			state = "skip"
		}
		lines = append(lines, state+" "+r.File+" > "+r.Name)
	}
	failed, err := server.RunTests(context.Background(), opts)
	if err != nil {
		t.Fatalf("RunTests: %v", err)
	}
	return lines, errs, failed
}

func TestRunTestsProject(t *testing.T) {
	dir := project(t, map[string]string{
		"wrangler.toml": `name = "app"
main = "src/index.js"
compatibility_date = "2025-06-01"
[vars]
GREETING = "hello"
[[kv_namespaces]]
binding = "KV"
[[services]]
binding = "AUTH"
service = "auth"
[test]
kv_seed = { KV = "seed.json" }
`,
		".dev.vars": "SECRET=s3cret\n",
		"seed.json": `[{"key": "seeded", "value": "yes"}, {"key": "bin", "value": "AAEC", "base64": true}]`,
		"src/index.js": `export default {
  async fetch(req, env) {
    const who = await (await env.AUTH.fetch("http://auth/")).text();
    return new Response(env.GREETING + " " + who + " " + (await env.KV.get("seeded")));
  },
};`,
		"auth/wrangler.toml": "name = \"auth\"\nmain = \"index.js\"\n",
		"auth/index.js":      `export default { fetch() { return new Response("from-auth"); } }`,
		"test/a.test.js": `import { test, assert, env, SELF } from "edge:test";
test("self and bindings", async () => {
  assert.equal(await (await SELF.fetch("http://app/")).text(), "hello from-auth yes");
  assert.equal(env.SECRET, "s3cret");
  assert.deepEqual([...new Uint8Array(await env.KV.get("bin", "arrayBuffer"))], [0, 1, 2]);
  await env.KV.put("written", "by a");
});
test("sees its own writes", async () => { assert.equal(await env.KV.get("written"), "by a"); });
test("fails", () => { assert.equal(env.GREETING, "bye"); });`,
		"test/b.test.ts": `import { test, assert, env } from "edge:test";
test("fresh namespace per file", async () => {
  assert.equal(await env.KV.get("written"), null);
  assert.equal(await env.KV.get("seeded"), "yes");
});`,
		"test/broken.test.js":      `import { nothing } from "./missing.js";`,
		"node_modules/x/y.test.js": `throw new Error("never found")`,
	})
	opts := server.TestOptions{Options: server.Options{Configs: []string{"wrangler.toml", "auth/wrangler.toml"}}}
	lines, errs, failed := runTests(t, dir, opts)
	want := "ok test/a.test.js > self and bindings\nok test/a.test.js > sees its own writes\nFAIL test/a.test.js > fails\n" +
		"ok test/b.test.ts > fresh namespace per file\nFAIL test/broken.test.js > "
	if got := strings.Join(lines, "\n"); got != want || failed != 2 {
		t.Fatalf("got (%d failed):\n%s\nwant:\n%s\nerrors: %v", failed, got, want, errs)
	}
	if e := errs["test/a.test.js > fails"]; !strings.Contains(e, `"hello" !== "bye"`) || !strings.Contains(e, "at test/a.test.js:9:") {
		t.Errorf("failure: %s", e)
	}
	if e := errs["test/broken.test.js > "]; !strings.Contains(e, "missing.js") {
		t.Errorf("build failure: %s", e)
	}
	// Paths and a filter narrow the run.
	opts.Paths = []string{"test/b.test.ts", "test/a.test.js"}
	opts.Match = func(name string) bool { return strings.Contains(name, "fresh") || strings.Contains(name, "self") }
	lines, _, failed = runTests(t, dir, opts)
	if got := strings.Join(lines, "\n"); got != "ok test/b.test.ts > fresh namespace per file\nok test/a.test.js > self and bindings" || failed != 0 {
		t.Fatalf("filtered: %s", got)
	}
}

func TestRunTestsSeedErrors(t *testing.T) {
	dir := project(t, map[string]string{
		"wrangler.toml": "name = \"app\"\nmain = \"index.js\"\n[test]\nkv_seed = { NOPE = \"seed.json\" }\n",
		"index.js":      `export default { fetch() { return new Response("") } }`,
		"a.test.js":     `export const t = { test() {} };`,
	})
	_, errs, failed := runTests(t, dir, server.TestOptions{})
	if failed != 1 || !strings.Contains(errs["a.test.js > "], "test.kv_seed.NOPE: no KV namespace is bound as NOPE") {
		t.Fatalf("%d %v", failed, errs)
	}
}

// BenchmarkEdgeTest50 is `edge test` on a project with one file of 50 tests: load and bundle
// the project and the file, start the worker on a fresh KV store, run the tests (each fetches
// the worker and writes and reads KV). One iteration is the whole run.
func BenchmarkEdgeTest50(b *testing.B) {
	var src strings.Builder
	src.WriteString("import { test, assert, env, SELF } from \"edge:test\";\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&src, "test(\"t%d\", async () => {\n  await env.KV.put(\"k%d\", \"v%d\");\n  const r = await SELF.fetch(\"http://x/k%d\");\n  assert.equal(await r.text(), \"v%d\");\n});\n", i, i, i, i, i)
	}
	dir := project(b, map[string]string{
		"wrangler.toml": "name = \"app\"\nmain = \"index.js\"\n[[kv_namespaces]]\nbinding = \"KV\"\n",
		"index.js":      `export default { async fetch(req, env) { return new Response(await env.KV.get(new URL(req.url).pathname.slice(1))); } }`,
		"bench.test.js": src.String(),
	})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lines, errs, failed := runTests(b, dir, server.TestOptions{})
		if failed != 0 || len(lines) != 50 {
			b.Fatalf("%d failed of %d: %v", failed, len(lines), errs)
		}
	}
}
