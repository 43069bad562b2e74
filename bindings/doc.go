// Package bindings turns configured bindings into JS values for a worker: KV namespaces
// (KVNamespace objects backed by a kvstore.Store), plain-text and JSON vars, and secrets.
// Also service bindings (a Fetcher calling another worker in-process) and the service-worker
// text_blobs/data_blobs globals. Wasm modules and other binding kinds are not provided yet.
//
// It imports runtime (to build JS objects through runtime's host API) and kvstore. It knows
// nothing of wrangler config: cmd/edge translates config into the neutral descriptors here.
//
// Threading: Value is called once per isolate on that isolate's loop goroutine; the JS methods
// it defines run there too. KV reads are served synchronously from bbolt (they are memory
// reads from its mmap); writes go to a goroutine and settle their promise on the loop, because
// a durable write waits for fsync.
//
// Spec: ../../shared/spec/kv-and-wrangler.md §A (the KV binding API, error types and messages).
package bindings
