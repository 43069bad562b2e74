package bindings_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/edgeruntime/edge/kvstore"
)

// BenchmarkKVGetHTTP measures a worker doing one KV get per request, through the real HTTP
// server over loopback, with a real bbolt file.
func BenchmarkKVGetHTTP(b *testing.B) {
	store, err := kvstore.Open(b.TempDir()+"/kv.db", kvstore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	if err := store.Put(context.Background(), "ns1", "greeting", []byte("Hello from KV"), kvstore.PutOptions{}); err != nil {
		b.Fatal(err)
	}
	url := startKVWorker(b, `export default { async fetch(req, env) { return new Response(await env.KV.get("greeting")); } }`, store)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ReportAllocs()
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r, err := client.Get(url + "/")
			if err != nil {
				b.Fatal(err)
			}
			body, _ := io.ReadAll(r.Body)
			r.Body.Close()
			if string(body) != "Hello from KV" {
				b.Fatalf("body %q", body)
			}
		}
	})
}
