package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/edgeruntime/edge/internal/e2e"
)

const serveWorker = `export default {
  async fetch(req, env) {
    const key = decodeURIComponent(new URL(req.url).pathname.slice(1));
    return new Response((await env.TOKENS.get(key)) ?? "missing");
  },
};`

// workerGet reads key through the running worker's env.TOKENS.get.
func workerGet(t *testing.T, n *e2e.Node, key string) string {
	t.Helper()
	resp, err := http.Get(n.URL + "/" + key)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestKVWhileServing runs every `edge kv` command against the state directory of a running
// `edge serve` (real binary, real processes). bbolt admits one process per file, so the CLI
// goes through the server's socket; the user never sees the file lock, and the worker sees
// every write at once.
func TestKVWhileServing(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"wrangler.toml": cfg,
		"src/index.js":  serveWorker,
		"bulk.json":     `[{"key":"a","value":"1"},{"key":"b","value":"aGk=","base64":true,"metadata":{"m":1}},{"key":"c","value":"3","expiration_ttl":600}]`,
		"bad-bulk.json": "[\n{\"key\":\"ok\",\"value\":\"v\"},\n{\"key\":\"late\",\"value\":\"v\",\"expiration_ttl\":5}\n]",
		"keys.json":     `["a", {"name": "c"}]`,
		"value.bin":     "from a file",
	})
	node := e2e.Serve(t, dir)
	sock := filepath.Join(dir, ".edge", "state", "edge.sock")
	if fi, err := os.Stat(sock); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket %s: %v", sock, err)
	}

	var nsID string
	steps := []struct {
		args []string
		code int
		out  string // substring expected in stdout (or stderr when code != 0)
	}{
		{[]string{"kv", "key", "put", "k1", "v1", "--binding", "TOKENS"}, 0, `Writing the value "v1" to key "k1" on namespace tokens-id.`},
		{[]string{"kv", "key", "put", "--binding=TOKENS", "k2", "--path", "value.bin", "--metadata", `{"x":true}`, "--ttl", "300"}, 0, `key "k2"`},
		{[]string{"kv", "key", "get", "k2", "--binding", "TOKENS", "--text"}, 0, "from a file\n"},
		{[]string{"kv", "key", "get", "nope", "--binding", "TOKENS"}, 0, "Value not found"},
		{[]string{"kv", "bulk", "put", "bulk.json", "--binding", "TOKENS"}, 0, "Uploaded 3 key-value pairs"},
		{[]string{"kv", "key", "get", "b", "--namespace-id", "tokens-id"}, 0, "hi"},
		{[]string{"kv", "key", "list", "--binding", "TOKENS", "--prefix", "k"}, 0, `"name": "k2",` + "\n" + `    "expiration": `},
		{[]string{"kv", "bulk", "get", "keys.json", "--binding", "TOKENS"}, 0, `"a": {` + "\n" + `    "value": "1"`},
		{[]string{"kv", "bulk", "delete", "keys.json", "--binding", "TOKENS", "--force"}, 0, "Deleted 2 key-value pairs"},
		{[]string{"kv", "key", "delete", "k1", "--binding", "TOKENS"}, 0, `Deleting the key "k1"`},
		{[]string{"kv", "key", "put", "p", "v", "--binding", "TOKENS", "--preview"}, 0, "namespace tokens-preview"},
		{[]string{"kv", "namespace", "create", "sessions"}, 0, "[[kv_namespaces]]\nbinding = \"sessions\"\nid = \""},
		{[]string{"kv", "namespace", "create", "sessions"}, 1, "a namespace with this title already exists"},
		{[]string{"kv", "namespace", "list"}, 0, `"title": "sessions"`},
		{[]string{"kv", "namespace", "rename", "sessions", "--new-name", "carts"}, 0, `to "carts"`},
		{[]string{"kv", "namespace", "list"}, 0, `"title": "carts"`},
		{[]string{"kv", "namespace", "delete", "carts"}, 0, "Deleted KV namespace"},
		// Errors arrive with Workers KV's messages, through the server.
		{[]string{"kv", "key", "put", "k", "v", "--binding", "TOKENS", "--ttl", "10"}, 1, "Invalid expiration_ttl of 10. Expiration TTL must be at least 60."},
		{[]string{"kv", "bulk", "put", "bad-bulk.json", "--binding", "TOKENS"}, 1, `bad-bulk.json:3: key "late": Invalid expiration_ttl of 5.`},
		{[]string{"kv", "namespace", "delete", "no-such-title"}, 1, `no namespace titled "no-such-title"`},
	}
	for _, s := range steps {
		out, errOut, code := e2e.Run(t, dir, s.args...)
		got := out
		if s.code != 0 {
			got = errOut
		}
		if code != s.code || !strings.Contains(got, s.out) || strings.Contains(errOut, "locked") {
			t.Fatalf("edge %s: exit %d, want %d; output:\n%s%s\nwant substring %q", strings.Join(s.args, " "), code, s.code, out, errOut, s.out)
		}
		if m := regexp.MustCompile(`id = "([0-9a-f]{32})"`).FindStringSubmatch(out); m != nil {
			nsID = m[1]
		}
	}
	if nsID == "" {
		t.Fatal("namespace create printed no id")
	}
	if !strings.Contains(node.Stderr(), "via=unix") {
		t.Fatalf("the server logged no request on its socket:\n%s", node.Stderr())
	}

	for key, want := range map[string]string{"k2": "from a file", "b": "hi", "a": "missing", "k1": "missing", "ok": "missing"} {
		if got := workerGet(t, node, key); got != want {
			t.Errorf("worker read %s = %q, want %q", key, got, want)
		}
	}
	out, _, _ := e2e.Run(t, dir, "kv", "namespace", "list")
	var list []struct{ ID, Title string }
	if err := json.Unmarshal([]byte(out), &list); err != nil || strings.Contains(out, nsID) {
		t.Fatalf("namespace list after delete: %v\n%s", err, out)
	}

	// Stopped, the CLI opens the file itself and finds the same data.
	if err := node.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Fatalf("socket left after the server stopped: %v", err)
	}
	if out, errOut, code := e2e.Run(t, dir, "kv", "key", "get", "k2", "--binding", "TOKENS"); code != 0 || out != "from a file" {
		t.Fatalf("after stop: %d %q %q", code, out, errOut)
	}
}

// TestServeAPIFlags: --api-port turns the REST API on, EDGE_API_TOKEN guards it, and a public
// --api-ip without a token is refused before serving anything.
func TestServeAPIFlags(t *testing.T) {
	dir := writeFiles(t, map[string]string{"wrangler.toml": cfg, "src/index.js": serveWorker})
	_, errOut, code := e2e.Run(t, dir, "serve", "--port", "0", "--api-ip", "0.0.0.0", "--api-port", "0")
	if code != 1 || !strings.Contains(errOut, "without a token: set EDGE_API_TOKEN") {
		t.Fatalf("public API without a token: exit %d\n%s", code, errOut)
	}

	t.Setenv("EDGE_API_TOKEN", "flag-test-token")
	node := e2e.Serve(t, dir, "--api-port", "0")
	m := regexp.MustCompile(`KV API: (http://\S+/client/v4)`).FindStringSubmatch(node.Stdout())
	if m == nil {
		t.Fatalf("no KV API line in the banner:\n%s", node.Stdout())
	}
	url := m[1] + "/accounts/x/storage/kv/namespaces/tokens-id/values/greeting"
	put := func(auth string) int {
		t.Helper()
		req, _ := http.NewRequest("PUT", url, strings.NewReader("hello"))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if status := put(""); status != 401 {
		t.Fatalf("PUT without the token: %d", status)
	}
	if status := put("Bearer flag-test-token"); status != 200 {
		t.Fatalf("PUT with the token: %d", status)
	}
	if got := workerGet(t, node, "greeting"); got != "hello" {
		t.Fatalf("worker read %q", got)
	}
}
