package runtime

import (
	"errors"
	"io"
	"sync"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// jsStreamReader is an io.Reader over a JS ReadableStream of bytes, for Go consumers on other
// goroutines (an outbound fetch() request body). Each Read that finds no buffered bytes asks the
// isolate for one chunk and waits, so the stream is pulled only as fast as the network takes it
// (backpressure end to end, bounded memory).
type jsStreamReader struct {
	iso    *Isolate
	reader *goja.Object // the stream's default reader; loop-only
	ch     chan chunk
	buf    []byte
	err    error
	once   sync.Once
}

// newJSStreamReader locks stream to a reader now (on the loop), as fetch() does.
func (iso *Isolate) newJSStreamReader(stream *goja.Object) (*jsStreamReader, error) {
	getReader, _ := goja.AssertFunction(stream.Get("getReader"))
	rd, err := getReader(stream)
	if err != nil {
		return nil, err
	}
	return &jsStreamReader{iso: iso, reader: rd.(*goja.Object), ch: make(chan chunk, 1)}, nil
}

func (r *jsStreamReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if !r.iso.Post(r.readOne) {
			r.err = errors.New("isolate shut down")
			continue
		}
		c := <-r.ch
		switch {
		case c.err != nil:
			r.err = c.err
		case c.done:
			r.err = io.EOF
		default:
			r.buf = c.data
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// readOne runs on the loop: read one chunk and hand it to the waiting Read.
func (r *jsStreamReader) readOne() { r.iso.readChunkInto(r.reader, r.ch) }

// readChunkInto runs on the loop: it reads one chunk from a stream's reader and sends it to ch
// (a copy of the bytes, done, or the error). Both Go consumers of JS streams use it: the HTTP
// writer of a streamed response and the reader of a streamed fetch() request body.
func (iso *Isolate) readChunkInto(reader *goja.Object, ch chan<- chunk) {
	vm := iso.vm
	read, _ := goja.AssertFunction(reader.Get("read"))
	p, err := read(reader)
	if err != nil {
		ch <- chunk{err: errors.New(describeError(err))}
		return
	}
	iso.await(p, func(v goja.Value) {
		o := v.ToObject(vm)
		if o.Get("done").ToBoolean() {
			ch <- chunk{done: true}
			return
		}
		b, ok := jsutil.Bytes(vm, o.Get("value"))
		if !ok {
			ch <- chunk{err: &JSError{Class: "TypeError", Message: "This ReadableStream did not return bytes."}}
			return
		}
		ch <- chunk{data: append([]byte(nil), b...)}
	}, func(e goja.Value) {
		ch <- chunk{err: errors.New(stackOf(e, nil))}
	})
}

// cancelReader cancels a stream or its reader, ignoring the outcome (the consumer is gone).
func (iso *Isolate) cancelReader(obj *goja.Object) {
	if cancel, ok := goja.AssertFunction(obj.Get("cancel")); ok {
		if p, err := cancel(obj); err == nil {
			iso.await(p, func(goja.Value) {}, func(goja.Value) {})
		}
	}
}

// Close cancels the stream if it was not read to the end.
func (r *jsStreamReader) Close() error {
	r.once.Do(func() {
		if r.err == io.EOF {
			return
		}
		r.iso.Post(func() { r.iso.cancelReader(r.reader) })
	})
	return nil
}
