package runtime

import (
	"context"
	"errors"
	"io"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/compression"
	"github.com/edgeruntime/edge/runtime/internal/encoding"
	"github.com/edgeruntime/edge/runtime/internal/formdata"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

// bodyKind says where a body's bytes are. Bodies stay in Go as long as possible: a string
// response is written to the client without ever becoming a ReadableStream, and a fetch()
// response returned unchanged is copied from the origin to the client without entering JS.
type bodyKind uint8

const (
	bodyNone   bodyKind = iota
	bodyBytes           // data holds the whole body
	bodyReader          // reader streams it from Go (incoming request, fetch response)
	bodyStream          // stream is a JS ReadableStream
)

// maxBufferedBody bounds how much a body method buffers (Workers' 128 MB memory limit).
const maxBufferedBody = 128 << 20

type body struct {
	kind   bodyKind
	data   []byte
	reader io.ReadCloser
	length int64 // reader's length if known, else -1
	// encoding is the Content-Encoding of reader's bytes when they are still encoded; JS reads
	// decode them, passing the body through untouched keeps them encoded.
	encoding string
	stream   *goja.Object
	used     bool
}

const bodyUsedMessage = "Body has already been used. It can only be used once. Use tee() first if you need to read it twice."

// extractBody implements BodyInit conversion; it returns the default Content-Type too.
func (iso *Isolate) extractBody(v goja.Value) (body, string) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return body{}, ""
	}
	vm := iso.vm
	if s, ok := v.Export().(string); ok {
		return body{kind: bodyBytes, data: []byte(s)}, "text/plain;charset=UTF-8"
	}
	if o, ok := v.(*goja.Object); ok {
		if b, ok := jsutil.Bytes(vm, o); ok {
			return body{kind: bodyBytes, data: append([]byte(nil), b...)}, ""
		}
		if iso.isReadableStream(o) {
			if iso.streamCall("isLocked", o).ToBoolean() || iso.streamCall("isDisturbed", o).ToBoolean() {
				jsutil.Throw(vm, "TypeError", "This ReadableStream is disturbed (has already been read from), and cannot be used as a body.")
			}
			return body{kind: bodyStream, stream: o}, ""
		}
		if s, ok := weburl.SearchParamsBody(o); ok {
			return body{kind: bodyBytes, data: []byte(s)}, "application/x-www-form-urlencoded;charset=UTF-8"
		}
		if data, typ, ok := iso.formdata.BlobBytes(o); ok {
			return body{kind: bodyBytes, data: append([]byte(nil), data...)}, typ
		}
		if data, ct, ok := iso.formdata.FormDataBody(o); ok {
			return body{kind: bodyBytes, data: data}, ct
		}
	}
	return body{kind: bodyBytes, data: []byte(v.String())}, "text/plain;charset=UTF-8"
}

func (b *body) isUsed(iso *Isolate) bool {
	if b.used {
		return true
	}
	if b.stream != nil {
		return iso.streamCall("isDisturbed", b.stream).ToBoolean()
	}
	return false
}

// decodedReader returns the Go reader with its content-encoding removed.
func (b *body) decodedReader() (io.ReadCloser, error) {
	if b.encoding == "" {
		return b.reader, nil
	}
	zr, err := compression.NewDecoder(b.encoding, b.reader)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, b.reader}, nil
}

// streamObject returns the body as a ReadableStream (the `body` attribute), creating it on
// first access. After this the body lives in JS.
func (iso *Isolate) streamObject(b *body) goja.Value {
	switch b.kind {
	case bodyNone:
		return goja.Null()
	case bodyBytes:
		b.stream = iso.streamCall("fromBytes", iso.NewUint8Array(b.data)).(*goja.Object)
		b.data = nil
	case bodyReader:
		b.stream = iso.readerStream(b)
		b.reader = nil
	}
	b.kind = bodyStream
	return b.stream
}

// readerStream exposes a Go reader as a pull-based ReadableStream; each pull reads what has
// arrived (up to 64 KiB) off the loop.
func (iso *Isolate) readerStream(b *body) *goja.Object {
	vm := iso.vm
	src := b.reader
	var r io.ReadCloser
	var openErr error
	r, openErr = b.decodedReader()
	pull := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		ctrl := call.Argument(0).ToObject(vm)
		if openErr != nil {
			return iso.Rejected(&JSError{Class: "TypeError", Message: "Network connection lost."})
		}
		return iso.Async(func(ctx context.Context) Settle {
			// One Read, not ReadFull: whatever has arrived goes to JS now (streaming).
			buf := make([]byte, 64<<10)
			n, err := r.Read(buf)
			for n == 0 && err == nil {
				n, err = r.Read(buf)
			}
			return func(vm *goja.Runtime) (goja.Value, error) {
				if n > 0 {
					enqueue, _ := goja.AssertFunction(ctrl.Get("enqueue"))
					if _, jerr := enqueue(ctrl, iso.NewUint8Array(buf[:n])); jerr != nil {
						return nil, jerr
					}
				}
				if err == io.EOF {
					src.Close()
					closeFn, _ := goja.AssertFunction(ctrl.Get("close"))
					if _, jerr := closeFn(ctrl); jerr != nil {
						return nil, jerr
					}
				} else if err != nil {
					src.Close()
					return nil, &JSError{Class: "TypeError", Message: "Network connection lost."}
				}
				return goja.Undefined(), nil
			}
		})
	})
	cancel := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		src.Close()
		return goja.Undefined()
	})
	return iso.streamCall("fromPull", pull, cancel, vm.ToValue(0)).(*goja.Object)
}

// consumeBody reads the whole body and converts it with conv; the result is a promise.
// It implements text()/json()/arrayBuffer()/bytes().
func (iso *Isolate) consumeBody(b *body, conv func([]byte) (goja.Value, error)) goja.Value {
	if b.kind == bodyNone && !b.used {
		return iso.settleNow(conv(nil))
	}
	if b.isUsed(iso) || (b.stream != nil && iso.streamCall("isLocked", b.stream).ToBoolean()) {
		return iso.Rejected(&JSError{Class: "TypeError", Message: bodyUsedMessage})
	}
	b.used = true
	switch b.kind {
	case bodyBytes:
		data := b.data
		b.data = nil
		return iso.settleNow(conv(data))
	case bodyReader:
		r, err := b.decodedReader()
		b.reader = nil
		if err != nil {
			return iso.Rejected(&JSError{Class: "TypeError", Message: "Network connection lost."})
		}
		return iso.Async(func(ctx context.Context) Settle {
			data, err := io.ReadAll(io.LimitReader(r, maxBufferedBody+1))
			r.Close()
			return func(vm *goja.Runtime) (goja.Value, error) {
				if err != nil {
					return nil, &JSError{Class: "TypeError", Message: "Network connection lost."}
				}
				if len(data) > maxBufferedBody {
					return nil, &JSError{Class: "TypeError", Message: "Memory limit would be exceeded before EOF."}
				}
				return conv(data)
			}
		})
	default: // bodyStream
		all := iso.streamCall("readAllBytes", b.stream)
		p, resolve, reject := iso.vm.NewPromise()
		iso.await(all, func(v goja.Value) {
			data, _ := jsutil.Bytes(iso.vm, v)
			r, err := conv(data)
			if err != nil {
				_ = reject(iso.ErrorValue(err))
				return
			}
			_ = resolve(r)
		}, func(e goja.Value) { _ = reject(e) })
		return iso.vm.ToValue(p)
	}
}

func (iso *Isolate) settleNow(v goja.Value, err error) goja.Value {
	if err != nil {
		return iso.Rejected(err)
	}
	return iso.Resolved(v)
}

// bodyConverters for the Body mixin.
func (iso *Isolate) textOf(b []byte) (goja.Value, error) {
	return iso.vm.ToValue(encoding.DecodeUTF8(b)), nil
}

func (iso *Isolate) jsonOf(b []byte) (goja.Value, error) {
	var out goja.Value
	if ex := iso.vm.Try(func() { out = iso.jsonParse(encoding.DecodeUTF8(b)) }); ex != nil {
		return nil, ex
	}
	return out, nil
}

func (iso *Isolate) arrayBufferOf(b []byte) (goja.Value, error) {
	if b == nil {
		b = []byte{}
	}
	return iso.NewArrayBuffer(b), nil
}

func (iso *Isolate) bytesOf(b []byte) (goja.Value, error) {
	if b == nil {
		b = []byte{}
	}
	return iso.NewUint8Array(b), nil
}

// cloneBody implements clone(): bytes are shared (immutable once extracted), streams are teed.
func (iso *Isolate) cloneBody(b *body) body {
	if b.isUsed(iso) {
		jsutil.Throw(iso.vm, "TypeError", bodyUsedMessage)
	}
	switch b.kind {
	case bodyBytes:
		return body{kind: bodyBytes, data: b.data}
	case bodyReader, bodyStream:
		s := iso.streamObject(b).(*goja.Object)
		tee, _ := goja.AssertFunction(s.Get("tee"))
		pair, err := tee(s)
		if err != nil {
			panic(err)
		}
		po := pair.ToObject(iso.vm)
		b.stream = po.Get("0").(*goja.Object)
		return body{kind: bodyStream, stream: po.Get("1").(*goja.Object)}
	}
	return body{}
}

// installBodyMixin defines the Body methods on a class whose state exposes its body and headers.
func installBodyMixin[T goja.DynamicObject](iso *Isolate, c *jsutil.Class[T], bodyOf func(T) *body, headersOf func(T) *headers) {
	vm := iso.vm
	c.Getter("body", func(t T) goja.Value { return iso.streamObject(bodyOf(t)) })
	c.Getter("bodyUsed", func(t T) goja.Value { return vm.ToValue(bodyOf(t).isUsed(iso)) })
	c.Method("text", 0, func(t T, call goja.FunctionCall) goja.Value { return iso.consumeBody(bodyOf(t), iso.textOf) })
	c.Method("json", 0, func(t T, call goja.FunctionCall) goja.Value { return iso.consumeBody(bodyOf(t), iso.jsonOf) })
	c.Method("arrayBuffer", 0, func(t T, call goja.FunctionCall) goja.Value {
		return iso.consumeBody(bodyOf(t), iso.arrayBufferOf)
	})
	c.Method("bytes", 0, func(t T, call goja.FunctionCall) goja.Value { return iso.consumeBody(bodyOf(t), iso.bytesOf) })
	c.Method("blob", 0, func(t T, call goja.FunctionCall) goja.Value {
		typ, _ := headersOf(t).get("content-type")
		return iso.consumeBody(bodyOf(t), func(b []byte) (goja.Value, error) {
			return iso.formdata.NewBlob(append([]byte(nil), b...), typ), nil
		})
	})
	c.Method("formData", 0, func(t T, call goja.FunctionCall) goja.Value {
		ct, _ := headersOf(t).get("content-type")
		return iso.consumeBody(bodyOf(t), func(b []byte) (goja.Value, error) {
			fd, err := iso.formdata.ParseFormData(ct, b)
			if err != nil {
				var fe *formdata.Error
				if errors.As(err, &fe) {
					return nil, &JSError{Class: fe.Class, Message: fe.Message}
				}
				return nil, err
			}
			return fd, nil
		})
	})
}
