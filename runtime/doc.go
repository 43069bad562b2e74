// Package runtime runs Cloudflare-Workers-style JavaScript workers on goja.
//
// A worker is bundled once (Bundle: esbuild's Go API, in-process) into a Script whose compiled
// goja.Program is shared by every isolate. NewWorker builds a warm pool of isolates; each
// Isolate is one goja.Runtime plus a task queue, and JS runs on whichever goroutine owns the
// isolate (its loop goroutine, or an HTTP goroutine that found it free). Host work (fetch, KV
// writes, body reads) runs on other goroutines and settles promises back on the isolate
// (Isolate.Async). One isolate serves many requests at once while they await I/O, and globals
// persist across requests, as in workerd. Worker is an http.Handler.
//
// The Web APIs JS sees are installed from one ordered table (globalScope in globals.go). Request,
// Response, Headers and the other classes are implemented in Go as goja dynamic objects with
// prototype accessors (internal/jsutil); WHATWG streams are JavaScript (internal/streams).
//
// Imports: only its own packages (internal ones and cachestore, the Cache API's store that
// embedders open), goja, esbuild and libraries — nothing else of edge.
// It knows nothing of KV or wrangler config: bindings are values built through the Binding
// interface (package bindings implements KV namespaces and vars).
//
// Threading: Worker methods are safe for concurrent use. Isolate methods and everything on a
// goja value must be used only by the goroutine that owns the isolate — inside a host function
// called from JS, a Binding's Value, or a function passed to Post.
//
// Spec: ../../shared/spec/webapi.md (API surface and semantics), goja-feasibility.md (engine
// facts); deliberate differences from Workers are marked "Deviation:".
package runtime
