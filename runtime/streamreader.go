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
func (r *jsStreamReader) readOne() {
	vm := r.iso.vm
	read, _ := goja.AssertFunction(r.reader.Get("read"))
	p, err := read(r.reader)
	if err != nil {
		r.ch <- chunk{err: err}
		return
	}
	r.iso.await(p, func(v goja.Value) {
		o := v.ToObject(vm)
		if o.Get("done").ToBoolean() {
			r.ch <- chunk{done: true}
			return
		}
		b, ok := jsutil.Bytes(vm, o.Get("value"))
		if !ok {
			r.ch <- chunk{err: &JSError{Class: "TypeError", Message: "This ReadableStream did not return bytes."}}
			return
		}
		r.ch <- chunk{data: append([]byte(nil), b...)}
	}, func(e goja.Value) {
		r.ch <- chunk{err: errors.New(stackOf(e, nil))}
	})
}

// Close cancels the stream if it was not read to the end.
func (r *jsStreamReader) Close() error {
	r.once.Do(func() {
		if r.err == io.EOF {
			return
		}
		r.iso.Post(func() {
			if cancel, ok := goja.AssertFunction(r.reader.Get("cancel")); ok {
				if p, err := cancel(r.reader); err == nil {
					r.iso.await(p, func(goja.Value) {}, func(goja.Value) {})
				}
			}
		})
	})
	return nil
}
