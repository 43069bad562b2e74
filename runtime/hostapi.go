package runtime

import (
	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// This file is the small door through which binding implementations (package bindings, or an
// embedder's own) build JS objects in an isolate. Everything here must be called on the
// isolate's loop goroutine.

// Class is a JS class implemented in Go; see NewClass.
type Class[T goja.DynamicObject] = jsutil.Class[T]

// Expando is embedded in the Go state of a Class instance; it keeps properties user code adds.
type Expando = jsutil.Expando

// NewClass defines a JS class whose instances are backed by Go state T, with methods and
// accessors on the prototype (WebIDL style). construct may be nil for classes JS cannot
// construct ("Illegal constructor").
func NewClass[T goja.DynamicObject](iso *Isolate, name string, length int, construct func(call goja.ConstructorCall) T) *Class[T] {
	return jsutil.NewClass(iso.vm, name, length, construct)
}

// IsReadableStream reports whether v is a ReadableStream.
func (iso *Isolate) IsReadableStream(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && iso.isReadableStream(o)
}

// ReadStream reads a ReadableStream of bytes to its end; then receives the bytes (a copy) or
// the JS error value. It is asynchronous: then runs on the loop later.
func (iso *Isolate) ReadStream(stream goja.Value, then func(b []byte, jsErr goja.Value)) {
	o, ok := stream.(*goja.Object)
	if !ok {
		then(nil, iso.ErrorValue(&JSError{Class: "TypeError", Message: "not a ReadableStream"}))
		return
	}
	if iso.streamCall("isLocked", o).ToBoolean() {
		then(nil, iso.ErrorValue(&JSError{Class: "TypeError", Message: "ReadableStream is currently locked to a reader."}))
		return
	}
	iso.await(iso.streamCall("readAllBytes", o), func(v goja.Value) {
		b, _ := jsutil.Bytes(iso.vm, v)
		then(append([]byte(nil), b...), nil)
	}, func(e goja.Value) { then(nil, e) })
}

// NewByteStream returns a ReadableStream that yields b (not copied) as one chunk.
func (iso *Isolate) NewByteStream(b []byte) goja.Value {
	return iso.streamCall("fromBytes", iso.NewUint8Array(b))
}

// NewPromise returns a pending promise and its resolving functions (loop goroutine only).
func (iso *Isolate) NewPromise() (p goja.Value, resolve func(goja.Value), reject func(goja.Value)) {
	pr, res, rej := iso.vm.NewPromise()
	return iso.vm.ToValue(pr), func(v goja.Value) { _ = res(v) }, func(v goja.Value) { _ = rej(v) }
}

// JSONParse parses s with JSON.parse; a syntax error is returned as the JS exception.
func (iso *Isolate) JSONParse(s string) (v goja.Value, err error) {
	if ex := iso.vm.Try(func() { v = iso.jsonParse(s) }); ex != nil {
		return nil, ex
	}
	return v, nil
}

// JSONStringify returns JSON.stringify(v), or ok=false when that is undefined.
func (iso *Isolate) JSONStringify(v goja.Value) (s string, ok bool, err error) {
	if ex := iso.vm.Try(func() { s, err = iso.jsonStringify(v) }); ex != nil {
		return "", false, ex
	}
	return s, err == nil && s != "", err
}

// Guard runs fn and turns a thrown JS exception into a rejected promise, the way Workers APIs
// report argument errors asynchronously.
func (iso *Isolate) Guard(fn func() goja.Value) (out goja.Value) {
	if ex := iso.vm.Try(func() { out = fn() }); ex != nil {
		return iso.Rejected(ex)
	}
	return out
}

// Local returns the isolate-local value stored under key, creating it with init on first use.
// Bindings use it to define their JS classes once per isolate.
func (iso *Isolate) Local(key any, init func() any) any {
	if v, ok := iso.locals[key]; ok {
		return v
	}
	if iso.locals == nil {
		iso.locals = make(map[any]any)
	}
	v := init()
	iso.locals[key] = v
	return v
}

// Await runs onOK or onErr on the loop when v (a promise, thenable or plain value) settles.
func (iso *Isolate) Await(v goja.Value, onOK, onErr func(goja.Value)) { iso.await(v, onOK, onErr) }
