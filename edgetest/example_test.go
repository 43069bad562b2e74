package edgetest_test

import (
	"fmt"
	"log"
	"net/http/httptest"
	"strings"

	"github.com/edgeruntime/edge/edgetest"
)

// A worker from an inline script, with a KV namespace of its own, called as an http.Handler.
func Example() {
	w, err := edgetest.StartScript(`export default {
  async fetch(request, env) {
    const hits = Number((await env.COUNTS.get("hits")) ?? 0) + 1;
    await env.COUNTS.put("hits", String(hits));
    return new Response("hit " + hits + " on " + new URL(request.url).pathname);
  },
};`, &edgetest.Options{KV: []string{"COUNTS"}})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	for _, path := range []string{"/a", "/b"} {
		rec := httptest.NewRecorder()
		w.ServeHTTP(rec, httptest.NewRequest("GET", "http://example.com"+path, nil))
		fmt.Println(rec.Code, rec.Body.String())
	}
	hits, _, _ := w.KVGet("COUNTS", "hits")
	fmt.Println("hits in KV:", hits)
	// Output:
	// 200 hit 1 on /a
	// 200 hit 2 on /b
	// hits in KV: 2
}

// A project folder: examples/token-gateway, its TOKENS namespace seeded from seed.json by the
// [test] kv_seed key of its wrangler.toml.
func ExampleStart() {
	w, err := edgetest.Start("../examples/token-gateway", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	for _, token := range []string{"tok-expired", "tok-nobody"} {
		req := httptest.NewRequest("GET", "http://gateway.test/api/items", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		w.ServeHTTP(rec, req)
		fmt.Println(token, rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	// Output:
	// tok-expired 403 {"error":"token expired"}
	// tok-nobody 403 {"error":"unknown token"}
}
