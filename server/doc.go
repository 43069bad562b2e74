// Package server wires edge together for `edge serve`: it reads wrangler config
// (wrangler-compat), bundles the worker (runtime.Bundle), opens the KV store (kvstore), builds
// bindings (bindings), starts the worker's isolate pool (runtime.NewWorker) and serves it over
// HTTP, shutting down gracefully: in-flight requests and their waitUntil work finish, then the
// store closes.
//
// It may import every package of edge; nothing but cmd/edge and tests import it.
//
// Threading: Start returns once the listener accepts connections; Shutdown may be called from
// any goroutine, once.
package server
