package runtime_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

const helloWorker = `export default { async fetch(request) { return new Response("Hello World!"); } }`

// BenchmarkHelloHTTP measures a trivial worker through the real HTTP server over loopback,
// with keep-alive connections from parallel clients (as wrk does).
func BenchmarkHelloHTTP(b *testing.B) {
	w := startJS(b, helloWorker)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ReportAllocs()
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r, err := client.Get(w.URL + "/")
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, r.Body)
			r.Body.Close()
			if r.StatusCode != 200 {
				b.Fatalf("status %d", r.StatusCode)
			}
		}
	})
}

// BenchmarkHelloInProcess is the same worker without the network: ServeHTTP on a recorder.
func BenchmarkHelloInProcess(b *testing.B) {
	w := startJS(b, helloWorker)
	req := httptest.NewRequest("GET", "http://example.com/", nil)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			w.Worker.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
}
