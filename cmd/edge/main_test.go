package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs the CLI in-process in dir and returns stdout, stderr and the exit code.
func cli(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	old, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(old)
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return out.String(), errb.String(), code
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestVersionAndUsage(t *testing.T) {
	dir := t.TempDir()
	if out, _, code := cli(t, dir, "version"); code != 0 || !strings.HasPrefix(out, "edge ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if _, errOut, code := cli(t, dir, "bogus"); code != 2 || !strings.Contains(errOut, `unknown command "bogus"`) {
		t.Fatalf("bogus: %d %q", code, errOut)
	}
	if _, errOut, code := cli(t, dir); code != 2 || !strings.Contains(errOut, "serve") || !strings.Contains(errOut, "kv") {
		t.Fatalf("usage: %d %q", code, errOut)
	}
}

const cfg = `name = "clitest"
main = "src/index.js"
compatibility_date = "2025-06-01"
[[kv_namespaces]]
binding = "TOKENS"
id = "tokens-id"
preview_id = "tokens-preview"
`

func TestKVCommands(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"wrangler.toml": cfg,
		"bulk.json":     `[{"key":"a","value":"1"},{"key":"b","value":"aGk=","base64":true,"metadata":{"m":1}},{"key":"c","value":"3","expiration_ttl":600}]`,
		"keys.json":     `["a", {"name": "c"}]`,
		"value.bin":     "from a file",
	})
	steps := []struct {
		args []string
		code int
		out  string // substring expected in stdout (or stderr when code != 0)
	}{
		{[]string{"kv", "key", "put", "k1", "v1", "--binding", "TOKENS"}, 0, `Writing the value "v1" to key "k1" on namespace tokens-id.`},
		{[]string{"kv", "key", "put", "--binding=TOKENS", "k2", "--path", "value.bin", "--metadata", `{"x":true}`}, 0, `key "k2"`},
		{[]string{"kv", "key", "get", "k2", "--binding", "TOKENS", "--text"}, 0, "from a file\n"},
		{[]string{"kv", "key", "get", "nope", "--binding", "TOKENS"}, 0, "Value not found"},
		{[]string{"kv", "bulk", "put", "bulk.json", "--binding", "TOKENS"}, 0, "Uploaded 3 key-value pairs"},
		{[]string{"kv", "key", "get", "b", "--namespace-id", "tokens-id"}, 0, "hi"},
		{[]string{"kv", "key", "list", "--binding", "TOKENS", "--prefix", "k"}, 0, `"name": "k2",` + "\n" + `    "metadata": {` + "\n" + `      "x": true`},
		{[]string{"kv", "bulk", "get", "keys.json", "--binding", "TOKENS"}, 0, `"a": {`},
		{[]string{"kv", "bulk", "delete", "keys.json", "--binding", "TOKENS", "--force"}, 0, "Deleted 2 key-value pairs"},
		{[]string{"kv", "key", "delete", "k1", "--binding", "TOKENS"}, 0, `Deleting the key "k1"`},
		{[]string{"kv", "key", "list", "--binding", "TOKENS"}, 0, `"name": "b"`},
		{[]string{"kv", "key", "put", "p", "v", "--binding", "TOKENS", "--preview"}, 0, "namespace tokens-preview"},
		{[]string{"kv", "namespace", "list"}, 0, `"id": "tokens-preview"`},
		// Errors: validation with Workers KV's messages, usage mistakes, bad files.
		{[]string{"kv", "key", "put", "", "v", "--binding", "TOKENS"}, 1, "Key name cannot be empty."},
		{[]string{"kv", "key", "put", "k", "v", "--binding", "TOKENS", "--ttl", "10"}, 1, "Invalid expiration_ttl of 10. Expiration TTL must be at least 60."},
		{[]string{"kv", "key", "put", "k", "v", "--binding", "TOKENS", "--metadata", "[1]"}, 1, "--metadata must be a JSON object"},
		{[]string{"kv", "key", "put", "k", "v"}, 1, "pass --binding NAME or --namespace-id ID"},
		{[]string{"kv", "key", "put", "k", "v", "--binding", "NOPE"}, 1, `no KV namespace with binding "NOPE"`},
		{[]string{"kv", "key", "get", "--binding", "TOKENS"}, 1, "missing <key>"},
		{[]string{"kv", "bulk", "put", "keys.json", "--binding", "TOKENS"}, 1, `keys.json:1: [0]: expected an object with "key" and "value"`},
		{[]string{"kv", "nope", "x"}, 2, `unknown command "nope x"`},
	}
	for _, s := range steps {
		out, errOut, code := cli(t, dir, s.args...)
		got := out
		if s.code != 0 {
			got = errOut
		}
		if code != s.code || !strings.Contains(got, s.out) {
			t.Errorf("edge %s: exit %d, want %d; output:\n%s%s\nwant substring %q", strings.Join(s.args, " "), code, s.code, out, errOut, s.out)
		}
	}
}

func TestProgressBar(t *testing.T) {
	cases := map[[2]int]string{{0, 10}: "[>         ]", {5, 10}: "[=====>    ]", {10, 10}: "[==========]"}
	for in, want := range cases {
		if got := progressBar(in[0], in[1], 10); got != want {
			t.Errorf("progressBar(%d,%d) = %q, want %q", in[0], in[1], got, want)
		}
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
}

// edge test: failures print the source-mapped stack and exit 1; --filter narrows the run.
func TestEdgeTestCommand(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"wrangler.toml": "name = \"app\"\nmain = \"src/index.ts\"\n",
		"src/index.ts":  `export default { fetch(req: Request) { return new Response(new URL(req.url).pathname); } };`,
		"test/app.test.ts": `import { test, assert, SELF } from "edge:test";
test("echoes the path", async () => {
  assert.equal(await (await SELF.fetch("http://x/a")).text(), "/a");
});
test("compares objects", () => {
  console.log("logged from a test");
  assert.deepEqual({ a: 1, b: 2 }, { a: 1, b: 3 });
});`,
	})
	out, errOut, code := cli(t, dir, "test")
	if code != 1 || !strings.Contains(out, "ok    test/app.test.ts > echoes the path") ||
		!strings.Contains(out, "FAIL  test/app.test.ts > compares objects\n      AssertionError: Expected values to be deeply equal:\n      + actual - expected\n") ||
		!strings.Contains(out, "+   b: 2,\n      -   b: 3,") || !strings.Contains(out, "at test/app.test.ts:7:") ||
		!strings.Contains(out, "1 passed, 1 failed, 0 skipped (2 tests in 1 file)") || !strings.Contains(errOut, "logged from a test\n") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if out, _, code := cli(t, dir, "test", "--filter", "echoes"); code != 0 || strings.Contains(out, "compares") {
		t.Fatalf("--filter: exit %d\n%s", code, out)
	}
	if _, errOut, code := cli(t, dir, "test", "--filter", "nothing-matches"); code != 1 || !strings.Contains(errOut, "no tests ran") {
		t.Fatalf("no tests: exit %d\n%s", code, errOut)
	}
}
