// Package streams implements the WHATWG Streams Standard for goja, in
// JavaScript, together with Cloudflare's IdentityTransformStream and
// FixedLengthStream.
//
// # What it is for
//
// Workers code expects ReadableStream, WritableStream, TransformStream and
// their readers, writers, controllers and queuing strategies as globals, and
// the runtime needs streams for request and response bodies. The whole API
// lives in streams.js, embedded in this package and compiled once per process
// ([Program]). [Install] runs it in a runtime: it defines the classes on the
// global object and returns the host-only "internal" object that the fetch
// layer uses to build body streams from Go readers (fromPull, fromBytes), to
// drain them (readAllBytes), to check "body used" (isDisturbed, isLocked) and
// to learn a FixedLengthStream's length (expectedLength). The internal object
// is never put on the global object.
//
// Why JavaScript rather than Go: the Streams algorithms are promise plumbing;
// written in JS they stay close to the spec text, and goja runs private class
// fields and closures quickly, while every Go↔JS call would cost a boundary
// crossing. Go-backed sources enter through internal.fromPull.
//
// # Imports
//
// It imports only github.com/dop251/goja. Anything that installs globals into
// a worker's runtime may import it; it must not import other edge packages.
//
// # Threading
//
// [Program] is safe for concurrent use (a *goja.Program can be shared between
// runtimes). [Install] and everything it returns belong to the goroutine that
// owns the runtime, like the runtime itself. The streams never start timers or
// goroutines: they only create promise jobs, which goja runs when the
// outermost Go→JS call returns, so an event loop is needed only for what the
// sources and sinks themselves wait on.
//
// # Host requirements
//
// goja has no Symbol.asyncIterator; install it (as
// Symbol.for('Symbol.asyncIterator'), the symbol esbuild's lowered for-await
// code looks up) before calling [Install], so that ReadableStream's
// async-iterator method lands on that symbol. pipeTo's signal option and
// WritableStreamDefaultController.signal use the global AbortSignal and
// AbortController if the host defines them; without them pipeTo accepts any
// object with aborted, reason, addEventListener and removeEventListener.
//
// # Deviations
//
// Differences from the spec and from workerd are marked "Deviation:" in
// streams.js. In short: byte streams have no byobRequest (always null) and
// never transfer (detach) buffers; BYOB readers are emulated by copying out of
// the stream's queue; autoAllocateChunkSize is ignored; there is no
// ReadableStreamBYOBRequest class; IdentityTransformStream and
// FixedLengthStream are TransformStreams with a byte readable side rather than
// native pipes.
//
// Spec: https://streams.spec.whatwg.org/ . Workers extensions:
// https://developers.cloudflare.com/workers/runtime-apis/streams/ .
package streams
