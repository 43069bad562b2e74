// Package compression implements the Compression Streams standard's CompressionStream and
// DecompressionStream for goja, and gives the fetch layer Go codecs for HTTP Content-Encoding.
//
// # What it is for
//
// Workers code compresses and decompresses streams with
// `new CompressionStream("gzip")`, `new DecompressionStream("deflate-raw")` and so on (Hono's
// compress middleware, jose's JWE "zip"). Like workerd (src/workerd/api/streams/compression.c++)
// only the formats "gzip", "deflate" (zlib-wrapped) and "deflate-raw" exist; any other format is
// a TypeError with workerd's message. The classes are written in JavaScript
// (compression_streams.js) on top of the global TransformStream, following the pattern of
// streams/text_streams.js: each stream's transform and flush call into a Go codec.
//
// The codecs stream. A compressor is a persistent compress/gzip, compress/zlib or
// compress/flate writer; each chunk is written to it and whatever compressed bytes it has
// emitted so far are enqueued (flate emits output as its window fills, not per chunk, exactly as
// zlib with Z_NO_FLUSH does). A decompressor is a persistent Go reader running as a coroutine
// (iter.Pull) over an input feed: each chunk is handed to the feed, the reader runs until it
// has consumed the whole chunk and wants more, and the bytes it produced meanwhile are enqueued.
// Nothing buffers the whole stream; the readable side's queue plus TransformStream backpressure
// bound what is in flight.
//
// [NewDecoder] and [NewEncoder] are the pull/push codecs for Content-Encoding (gzip, deflate,
// br) used by fetch and Response bodies; they are plain io.Reader/io.Writer wrappers.
//
// # Imports
//
// It imports goja, runtime/internal/jsutil, github.com/andybalholm/brotli and the standard
// library. Anything that installs globals into a worker's runtime may import it.
// [Install] needs TransformStream on the global object (install streams first).
//
// # Threading
//
// [Install] and the JS classes belong to the goroutine that owns the runtime. Each
// DecompressionStream owns one parked coroutine goroutine (iter.Pull); it runs only while the
// loop goroutine waits for it inside transform/flush, so there is no parallelism and no locking.
// The coroutine ends when the stream finishes, errors or is cancelled; a stream that is simply
// dropped half-way is stopped by a runtime.AddCleanup on its handle once the garbage collector
// finds it unreachable, so abandoned streams do not leak goroutines. [NewDecoder] and
// [NewEncoder] return values for one goroutine at a time, like any io.Reader/io.Writer.
//
// Each runtime keeps a small free list of compressors (a flate compressor is ~700 KB of tables),
// so a worker that compresses every response does not allocate and zero them per request.
//
// # Errors
//
// Following workerd: an unknown format is TypeError "The compression format must be either
// 'deflate', 'deflate-raw' or 'gzip'."; a chunk that is not an ArrayBuffer or ArrayBufferView is
// TypeError "This WritableStream only supports writing byte types."; corrupt compressed data is
// TypeError "Decompression failed."; bytes after the end of the compressed data are TypeError
// "Trailing bytes after end of compressed data"; closing before the compressed data is complete
// is TypeError "Called close() on a decompression stream with incomplete data". Each errors the
// stream (the write or close rejects and reads reject with the same error).
//
// # Deviations
//
// Deviation: workerd's CompressionStream is a native byte pipe; here it is a JS object holding a
// TransformStream, so `readable` is a default (not byte) ReadableStream and chunks written are
// not transferred (detached).
//
// Deviation: gzip output carries Go's header (OS byte 255 "unknown", no mtime) where zlib writes
// OS 3; the compressed bytes otherwise differ from zlib's as two deflate encoders do, while every
// output is a valid stream any inflater accepts.
//
// Like workerd (which notes "This does not yet implement any backpressure"), the output of one
// input chunk is produced in full during its transform: a small chunk that inflates to a lot
// enqueues all of it (in 64 KiB pieces) before the next chunk is read.
//
// Spec: https://compression.spec.whatwg.org/ .
package compression
