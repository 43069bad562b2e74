// Package bench holds the fixtures of the wrk load benchmarks (scripts/bench.sh): a plain Go
// net/http hello server (gohello), and worker projects served by edge: hello (a trivial module
// worker), kvget (one KV get per request), kvput (a put of a distinct key per request) and
// kvlist (a list of 1000 keys), gateway (the token gateway: bearer header → KV JSON →
// 200/403); scripts/bench-kv.sh serves the KV ones under Miniflare too,
// side by side. hono (a Hono app behind middleware) and stream (a 10 MiB streamed response) are
// workloads of bench/run.sh, which runs all of them under edge, workerd, Miniflare and wrangler
// dev. inflight (each request waits ?ms= before answering) is bench/scaling.sh's, for the memory
// one in-flight request holds; SyntheticWorker generates its workers of 1 KB to 1 MB (genworker
// writes one). The Go benchmarks in this package drive the same workers in-process, and
// BenchmarkStartupBySize splits the start-up of the generated ones.
package bench
