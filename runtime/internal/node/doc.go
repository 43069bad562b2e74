// Package node provides the Node.js built-in modules of workerd's nodejs_compat (node:buffer,
// events, util, assert, path, url, querystring, string_decoder, crypto, stream, process) and
// nodejs_als (node:async_hooks) to an isolate.
//
// The modules are JavaScript (js/*.js, embedded, compiled once per process), built lazily per
// isolate on first require, with a small object of Go natives for what JS does badly or cannot
// do: Buffer's encodings, hashes and HMAC (Go's crypto), random bytes, timing-safe compare,
// promise state for util.inspect, and the async context. The inventory of modules — name,
// gate, source file — is the one table `modules` in node.go.
//
// AsyncLocalStorage's context is a JS Map held by the Registry; goja carries it into promise
// reactions through Runtime.SetAsyncContextTracker (installed when node:async_hooks is first
// loaded), and the runtime's timers capture and restore it (AsyncContext/SetAsyncContext).
//
// Messages follow workerd, which is the reference, where it differs from Node (assert's
// strictEqual diff, util.inspect's breakLength of 80, symbol keys without brackets).
//
// Imports: goja, the standard library and runtime/internal/{encoding,jsutil}. Threading: a
// Registry belongs to one isolate and is used only on its loop goroutine.
package node
