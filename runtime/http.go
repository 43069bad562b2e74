package runtime

import (
	"errors"
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/compression"
)

// ServeHTTP dispatches r to the least-loaded isolate, waits for the worker's Response and
// streams it to the client, flushing each chunk of a streamed body as it arrives.
func (w *Worker) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if w.closing.Load() {
		http.Error(rw, "worker is shutting down", http.StatusServiceUnavailable)
		return
	}
	if !knownMethods[r.Method] {
		// workerd answers unknown methods itself, before any worker code runs.
		rw.Header().Set("Content-Type", "text/plain")
		rw.WriteHeader(http.StatusNotImplemented)
		_, _ = io.WriteString(rw, "ERROR: Unrecognized request method.\n")
		return
	}
	iso := w.pick()
	iso.inflight.Add(1)
	inv := iso.newInvocation(r.Context(), r)
	iso.runOwned(func() { iso.dispatchFetch(inv) })
	rid := inv.id
	var res result
	select {
	case res = <-inv.result:
	case <-r.Context().Done():
		// The client went away before a response existed; the handler keeps running until it
		// settles (workerd cancels it; we let it finish and drop the result).
		iso.runOwned(inv.responseWritten)
		w.logRequest(r, 499, start, iso, rid)
		return
	}
	status := w.writeResult(rw, r, iso, inv, res)
	iso.runOwned(inv.responseWritten)
	w.logRequest(r, status, start, iso, rid)
}

func (w *Worker) logRequest(r *http.Request, status int, start time.Time, iso *Isolate, id string) {
	d := time.Since(start).Round(time.Microsecond)
	if w.reqLog != nil {
		w.reqLog(RequestRecord{Worker: w.name, Method: r.Method, Path: r.URL.Path, Status: status, Duration: d, Isolate: iso.id, ID: id})
		return
	}
	w.log.Info(r.Method+" "+r.URL.Path, "status", status, "duration", d, "isolate", iso.id, "request", id)
}

// writeResult writes the response and returns the status sent.
func (w *Worker) writeResult(rw http.ResponseWriter, r *http.Request, iso *Isolate, inv *invocation, res result) int {
	if res.err != nil {
		return w.writeError(rw, r, res.err)
	}
	if res.ws != nil {
		return w.upgradeWebSocket(rw, r, iso, res.ws, res.header)
	}
	h := rw.Header()
	for k, v := range res.header {
		h[k] = v
	}
	if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = nil // stops net/http from sniffing one
	}
	// The runtime computes Content-Length from the body, as Workers does; a HEAD response has
	// no body, so the length it declares (e.g. a fetch() of HEAD passed through) stands.
	declared := h.Get("Content-Length")
	delete(h, "Content-Length")
	b := res.body
	if res.encode && r.Method != http.MethodHead && !isNullBodyStatus(res.status) {
		return w.writeEncoded(rw, r, iso, inv, res)
	}
	switch b.kind {
	case bodyNone:
		if r.Method == http.MethodHead && declared != "" {
			h.Set("Content-Length", declared)
		} else if !isNullBodyStatus(res.status) {
			h.Set("Content-Length", "0")
		}
		rw.WriteHeader(res.status)
	case bodyBytes:
		if !isNullBodyStatus(res.status) && r.Method != http.MethodHead {
			h.Set("Content-Length", strconv.Itoa(len(b.data)))
		}
		rw.WriteHeader(res.status)
		if r.Method != http.MethodHead {
			_, _ = rw.Write(b.data)
		}
	case bodyReader:
		// A fetch() response passed through untouched: copy origin bytes as they are
		// (still content-encoded, with their Content-Encoding header).
		if b.length >= 0 {
			h.Set("Content-Length", strconv.FormatInt(b.length, 10))
		}
		rw.WriteHeader(res.status)
		if r.Method != http.MethodHead {
			copyFlushing(rw, b.reader)
		}
		b.reader.Close()
	case bodyStream:
		if b.length >= 0 {
			h.Set("Content-Length", strconv.FormatInt(b.length, 10))
		}
		rw.WriteHeader(res.status)
		w.pipeStream(rw, r, iso, inv, b.stream)
	}
	return res.status
}

// writeError answers 500 for an uncaught exception and logs its source-mapped stack.
func (w *Worker) writeError(rw http.ResponseWriter, r *http.Request, err error) int {
	var t *thrown
	first := "Error: " + err.Error()
	stack := err.Error()
	if errors.As(err, &t) {
		first, stack = t.first, t.stack
	} else {
		var je *JSError
		if errors.As(err, &je) {
			first = je.Class + ": " + je.Message
			stack = first
		}
	}
	status := http.StatusInternalServerError
	if le, ie := asLimitError(err); le != nil {
		// Workers answers error 1102 for these; the worker keeps serving on a fresh isolate.
		status = http.StatusServiceUnavailable
		first = "Error: " + le.message
		stack = first
		if ie != nil {
			stack += "\n" + ie.String()
		}
	}
	w.log.Error("Uncaught exception", "error", stack)
	if w.devErrors && strings.Contains(r.Header.Get("Accept"), "text/html") {
		writeErrorPage(rw, status, first, stack)
		return status
	}
	h := rw.Header()
	h.Set("Content-Type", "text/plain;charset=UTF-8")
	rw.WriteHeader(status)
	_, _ = io.WriteString(rw, first+"\n")
	return status
}

// copyBufs are copyFlushing's buffers, reused across responses (a 32 KiB allocation per
// response was most of a cache hit's garbage).
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

func copyFlushing(rw http.ResponseWriter, r io.Reader) {
	f, _ := rw.(http.Flusher)
	bp := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(bp)
	buf := *bp
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if _, werr := rw.Write(buf[:n]); werr != nil {
				return
			}
			if f != nil {
				f.Flush()
			}
		}
		if err != nil {
			return
		}
	}
}

type chunk struct {
	data []byte
	done bool
	err  error
}

// pipeStream reads a JS ReadableStream chunk by chunk on the loop and writes each chunk to the
// client as soon as it is read.
func (w *Worker) pipeStream(rw http.ResponseWriter, r *http.Request, iso *Isolate, inv *invocation, stream *goja.Object) {
	f, _ := rw.(http.Flusher)
	ch := make(chan chunk, 1)
	for {
		if !iso.Post(func() { iso.readChunk(inv, stream, ch) }) {
			return
		}
		var c chunk
		select {
		case c = <-ch:
		case <-r.Context().Done():
			iso.Post(func() { iso.cancelStream(inv, stream) })
			return
		}
		if c.err != nil {
			w.log.Error("Uncaught exception while streaming response body", "error", c.err.Error())
			if p, ok := rw.(interface{ Abort() }); ok {
				p.Abort()
			}
			panic(http.ErrAbortHandler)
		}
		if c.done {
			return
		}
		if r.Method == http.MethodHead {
			continue
		}
		if _, err := rw.Write(c.data); err != nil {
			iso.Post(func() { iso.cancelStream(inv, stream) })
			return
		}
		if f != nil {
			f.Flush()
		}
	}
}

// readChunk runs on the loop: read one chunk from the response stream and send it to ch.
func (iso *Isolate) readChunk(inv *invocation, stream *goja.Object, ch chan<- chunk) {
	if inv.reader == nil {
		getReader, _ := goja.AssertFunction(stream.Get("getReader"))
		rd, err := getReader(stream)
		if err != nil {
			ch <- chunk{err: errors.New(describeError(err))}
			return
		}
		inv.reader = rd.(*goja.Object)
	}
	iso.current = inv
	iso.readChunkInto(inv.reader, ch)
	iso.current = nil
}

func (iso *Isolate) cancelStream(inv *invocation, stream *goja.Object) {
	if inv.reader != nil {
		iso.cancelReader(inv.reader)
		return
	}
	iso.cancelReader(stream)
}

// writeEncoded compresses a JS-produced body per its Content-Encoding, streaming.
func (w *Worker) writeEncoded(rw http.ResponseWriter, r *http.Request, iso *Isolate, inv *invocation, res result) int {
	h := rw.Header()
	h.Del("Content-Length") // the encoded length is not known up front
	enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding")))
	rw.WriteHeader(res.status)
	fw := flushingWriter{rw}
	zw, err := compression.NewEncoder(enc, fw)
	if err != nil {
		w.log.Error("response encoding", "error", err)
		return res.status
	}
	switch res.body.kind {
	case bodyBytes:
		_, _ = zw.Write(res.body.data)
	case bodyStream:
		w.pipeStream(zwWriter{zw, rw}, r, iso, inv, res.body.stream)
	}
	_ = zw.Close()
	return res.status
}

// flushingWriter is the client connection under an encoder.
type flushingWriter struct{ rw http.ResponseWriter }

func (f flushingWriter) Write(p []byte) (int, error) { return f.rw.Write(p) }

// zwWriter lets pipeStream write (and flush) through the encoder: each flush pushes the
// compressed bytes of the chunk so far to the client.
type zwWriter struct {
	zw io.WriteCloser
	rw http.ResponseWriter
}

func (z zwWriter) Header() http.Header         { return z.rw.Header() }
func (z zwWriter) WriteHeader(int)             {}
func (z zwWriter) Write(p []byte) (int, error) { return z.zw.Write(p) }
func (z zwWriter) Flush() {
	if f, ok := z.zw.(interface{ Flush() error }); ok {
		_ = f.Flush()
	}
	if f, ok := z.rw.(http.Flusher); ok {
		f.Flush()
	}
}

// writeErrorPage is `edge dev`'s error page for browsers: the message and the source-mapped
// stack, HTML-escaped.
func writeErrorPage(rw http.ResponseWriter, status int, first, stack string) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(status)
	_, _ = io.WriteString(rw, "<!doctype html><html><head><meta charset=\"utf-8\"><title>"+html.EscapeString(first)+
		"</title><style>body{font:15px system-ui,sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em;overflow:auto}h1{color:#b00020;font-size:1.3em}</style></head><body><h1>"+
		html.EscapeString(first)+"</h1><p>Uncaught exception in your worker (edge dev).</p><pre>"+html.EscapeString(stack)+"</pre></body></html>\n")
}
