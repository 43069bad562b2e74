package runtime_test

import (
	"bufio"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
)

// rssMB reads this process's resident set size.
func rssMB(tb testing.TB) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		tb.Skip("no /proc")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "VmRSS:") {
			kb, _ := strconv.ParseFloat(strings.Fields(sc.Text())[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkStreamingProxy100MB streams a 100 MB origin response through a worker, once passed
// straight through and once through a JS TransformStream, and reports MB/s and the growth of
// the process's RSS (the issue asks for < 50 MB growth).
func BenchmarkStreamingProxy100MB(b *testing.B) {
	const size = 100 << 20
	chunk := make([]byte, 64<<10)
	for i := range chunk {
		chunk[i] = byte(i)
	}
	o := origin(b, func(rw http.ResponseWriter, r *http.Request) {
		for sent := 0; sent < size; sent += len(chunk) {
			if _, err := rw.Write(chunk); err != nil {
				return
			}
		}
	})
	w := startJS(b, `export default { async fetch(req) {
  const r = await fetch(req.headers.get("x-origin"));
  if (new URL(req.url).pathname === "/transform") return new Response(r.body.pipeThrough(new TransformStream()), r);
  return r;
} }`)
	for _, path := range []string{"/passthrough", "/transform"} {
		b.Run(path[1:], func(b *testing.B) {
			b.SetBytes(size)
			before := rssMB(b)
			peak := before
			for i := 0; i < b.N; i++ {
				req, _ := http.NewRequest("GET", w.URL+path, nil)
				req.Header.Set("X-Origin", o.URL)
				r, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				buf := make([]byte, 256<<10)
				var n int64
				for {
					m, err := r.Body.Read(buf)
					n += int64(m)
					if n%(8<<20) < int64(m) {
						if v := rssMB(b); v > peak {
							peak = v
						}
					}
					if err != nil {
						break
					}
				}
				r.Body.Close()
				if n != size {
					b.Fatalf("got %d bytes", n)
				}
			}
			b.ReportMetric(peak-before, "MB-rss-growth")
		})
	}
}
