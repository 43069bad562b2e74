// Package bench holds the fixtures of the wrk load benchmarks (scripts/bench.sh): a plain Go
// net/http hello server (gohello), and two worker projects served by edge: hello (a trivial
// module worker) and kvget (one KV get per request). The same worker folders can be served by
// workerd/wrangler for a side-by-side run.
package bench
