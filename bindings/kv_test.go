package bindings_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/bindings"
	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/runtime"
)

// startKVWorker runs src as a module worker with env.KV bound to a real bbolt store.
func startKVWorker(t testing.TB, src string, store *kvstore.Store) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.js"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "index.js", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	w, err := runtime.NewWorker(runtime.Config{
		Script: script,
		Bindings: []runtime.Binding{
			&bindings.KV{Binding: "KV", NamespaceID: "ns1", Store: store},
			bindings.Text{Binding: "NAME", Text: "edge"},
			bindings.JSON{Binding: "CONF", Raw: json.RawMessage(`{"a":[1,2],"b":null}`)},
		},
		Isolates: 2,
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w)
	t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = w.Close(ctx)
	})
	return srv.URL
}

func openStore(t testing.TB) *kvstore.Store {
	t.Helper()
	s, err := kvstore.Open(filepath.Join(t.TempDir(), "kv.db"), kvstore.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The self-checking worker pattern from the conformance suite: each check returns a value,
// errors are recorded as "Name: message".
const checksPrelude = `
async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}
const thrown = async (fn) => { try { await fn(); return "no error"; } catch (e) { return e?.name + ": " + e?.message; } };
`

func checks(t *testing.T, url string) map[string]any {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%d %s", r.StatusCode, b)
	}
	return out
}

func expect(t *testing.T, got map[string]any, want map[string]string) {
	t.Helper()
	for k, w := range want {
		g, _ := json.Marshal(got[k])
		if string(g) != w {
			t.Errorf("%s = %s, want %s", k, g, w)
		}
	}
}

func TestKVBinding(t *testing.T) {
	store := openStore(t)
	url := startKVWorker(t, checksPrelude+`
export default { async fetch(req, env) {
  const now = Math.floor(Date.now() / 1000);
  return run({
    "vars.text": () => env.NAME,
    "vars.json": () => env.CONF,
    "put.get": async () => { await env.KV.put("k1", "v1"); return env.KV.get("k1"); },
    "get.missing": () => env.KV.get("nope"),
    "get.missingBadType": () => env.KV.get("nope", "bogus"),
    "get.badType": () => thrown(() => env.KV.get("k1", "bogus")),
    "get.json": async () => { await env.KV.put("j", JSON.stringify({ a: [1, "x"] })); return env.KV.get("j", "json"); },
    "get.jsonOpt": () => env.KV.get("j", { type: "json", cacheTtl: 60 }),
    "get.arrayBuffer": async () => { await env.KV.put("b", new Uint8Array([1, 2, 255])); return [...new Uint8Array(await env.KV.get("b", "arrayBuffer"))]; },
    "get.stream": async () => { const s = await env.KV.get("k1", "stream"); return new Response(s).text(); },
    "put.stream": async () => { await env.KV.put("s", new Response("streamed!").body); return env.KV.get("s"); },
    "put.number": async () => { await env.KV.put("n", 42); return env.KV.get("n"); },
    "put.object": () => thrown(() => env.KV.put("o", { a: 1 })),
    "meta": async () => { await env.KV.put("m", "mv", { metadata: { tag: "x", n: 1 } }); const r = await env.KV.getWithMetadata("m"); return [r.value, r.metadata, r.cacheStatus]; },
    "meta.none": async () => { const r = await env.KV.getWithMetadata("k1"); return [r.value, r.metadata]; },
    "meta.missing": async () => { const r = await env.KV.getWithMetadata("nope"); return [r.value, r.metadata]; },
    "meta.clearedOnOverwrite": async () => { await env.KV.put("m", "mv2"); return (await env.KV.getWithMetadata("m")).metadata; },
    "expiration": async () => { await env.KV.put("e", "ev", { expirationTtl: 300 }); const l = await env.KV.list({ prefix: "e" }); return Math.abs(l.keys[0].expiration - now - 300) <= 2; },
    "delete": async () => { await env.KV.delete("k1"); await env.KV.delete("never-existed"); return env.KV.get("k1"); },
    "key.empty": () => thrown(() => env.KV.get("")),
    "key.dot": () => thrown(() => env.KV.put(".", "x")),
    "key.dotdot": () => thrown(() => env.KV.delete("..")),
    "key.long": () => thrown(() => env.KV.put("x".repeat(513), "v")),
    "ttl.small": () => thrown(() => env.KV.put("x", "v", { expirationTtl: 30 })),
    "expiration.past": () => thrown(() => env.KV.put("x", "v", { expiration: 1000 })),
    "meta.big": () => thrown(() => env.KV.put("x", "v", { metadata: { s: "x".repeat(1100) } })),
    "list.limit": () => thrown(() => env.KV.list({ limit: 1001 })),
    "cacheTtl.small": () => thrown(() => env.KV.get("x", { cacheTtl: 10 })),
    "rejects.notThrows": () => { const p = env.KV.get(""); p.catch(() => {}); return p instanceof Promise; },
    "bulk": async () => { const m = await env.KV.get(["j", "nope", "n"]); return [m instanceof Map, [...m.entries()]]; },
    "bulk.json": async () => [...(await env.KV.get(["j"], "json")).values()],
    "bulk.meta": async () => [...(await env.KV.getWithMetadata(["m", "nope"])).entries()],
    "bulk.badType": () => thrown(() => env.KV.get(["j"], "arrayBuffer")),
  });
} }`, store)
	got := checks(t, url+"/")
	expect(t, got, map[string]string{
		"vars.text":               `"edge"`,
		"vars.json":               `{"a":[1,2],"b":null}`,
		"put.get":                 `"v1"`,
		"get.missing":             `null`,
		"get.missingBadType":      `null`,
		"get.badType":             `"TypeError: Unknown response type. Possible types are \"text\", \"arrayBuffer\", \"json\", and \"stream\"."`,
		"get.json":                `{"a":[1,"x"]}`,
		"get.jsonOpt":             `{"a":[1,"x"]}`,
		"get.arrayBuffer":         `[1,2,255]`,
		"get.stream":              `"v1"`,
		"put.stream":              `"streamed!"`,
		"put.number":              `"42"`,
		"put.object":              `"TypeError: KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values."`,
		"meta":                    `["mv",{"n":1,"tag":"x"},null]`,
		"meta.none":               `["v1",null]`,
		"meta.missing":            `[null,null]`,
		"meta.clearedOnOverwrite": `null`,
		"expiration":              `true`,
		"delete":                  `null`,
		"key.empty":               `"TypeError: Key name cannot be empty."`,
		"key.dot":                 `"TypeError: \".\" is not allowed as a key name."`,
		"key.dotdot":              `"TypeError: \"..\" is not allowed as a key name."`,
		"key.long":                `"Error: KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."`,
		"ttl.small":               `"Error: KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60."`,
		"expiration.past":         `"Error: KV PUT failed: 400 Invalid expiration of 1000. Please specify integer greater than the current number of seconds since the UNIX epoch."`,
		"list.limit":              `"Error: KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000."`,
		"cacheTtl.small":          `"Error: KV GET failed: 400 Invalid cache_ttl of 10. Cache TTL must be at least 30."`,
		"rejects.notThrows":       `true`,
		"bulk":                    `[true,[["j","{\"a\":[1,\"x\"]}"],["nope",null],["n","42"]]]`,
		"bulk.json":               `[{"a":[1,"x"]}]`,
		"bulk.meta":               `[["m",{"metadata":null,"value":"mv2"}],["nope",null]]`,
		"bulk.badType":            `"Error: KV GET_BULK failed: 400 \"arrayBuffer\" is not a valid type. Use \"json\" or \"text\""`,
	})
	if s, ok := got["meta.big"].(string); !ok || !strings.HasPrefix(s, "Error: KV PUT failed: 413 Metadata length of ") {
		t.Errorf("meta.big = %v", got["meta.big"])
	}
	// What the worker wrote is on disk in the namespace it is bound to.
	e, found, err := store.Get(context.Background(), "ns1", "j")
	if err != nil || !found || string(e.Value) != `{"a":[1,"x"]}` {
		t.Fatalf("store: %v %v %q", err, found, e.Value)
	}
}

func TestKVListPagination(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	for i := 0; i < 25; i++ {
		if err := store.Put(ctx, "ns1", "item:"+string(rune('a'+i)), []byte("v"), kvstore.PutOptions{Metadata: json.RawMessage(`{"i":1}`)}); err != nil {
			t.Fatal(err)
		}
	}
	_ = store.Put(ctx, "ns1", "other", []byte("v"), kvstore.PutOptions{})
	url := startKVWorker(t, checksPrelude+`
export default { async fetch(req, env) {
  return run({
    "pages": async () => {
      const seen = []; let cursor; let pages = 0;
      for (;;) {
        const r = await env.KV.list({ prefix: "item:", limit: 10, cursor });
        pages++; seen.push(...r.keys.map((k) => k.name));
        if (r.list_complete) { return [pages, seen.length, seen[0], seen[24], "cursor" in r, r.cacheStatus]; }
        cursor = r.cursor;
      }
    },
    "entry": async () => (await env.KV.list({ prefix: "item:a" })).keys[0],
    "all": async () => (await env.KV.list()).keys.length,
    "zeroLimit": async () => (await env.KV.list({ limit: 0 })).keys.length,
  });
} }`, store)
	expect(t, checks(t, url+"/"), map[string]string{
		"pages":     `[3,25,"item:a","item:y",false,null]`,
		"entry":     `{"metadata":{"i":1},"name":"item:a"}`,
		"all":       `26`,
		"zeroLimit": `26`,
	})
}
