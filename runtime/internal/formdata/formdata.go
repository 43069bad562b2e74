package formdata

import (
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// Host is what the package needs from the runtime. Both methods are called on the loop goroutine.
type Host interface {
	// NewByteStream returns a ReadableStream yielding b (for Blob.stream()). b is a fresh copy
	// the stream may hand to JS.
	NewByteStream(b []byte) goja.Value
	// Resolved returns an already-resolved promise of v.
	Resolved(v goja.Value) goja.Value
}

// API is the installed Blob, File and FormData classes of one runtime, with the entry points the
// runtime's Request/Response body code uses. Use it on the runtime's loop goroutine only.
type API struct {
	vm   *goja.Runtime
	host Host
	blob *jsutil.Class[*blob]
	file *jsutil.Class[*blob] // same Go state as Blob, so Blob's brand checks accept Files
	form *jsutil.Class[*formData]
	iter *jsutil.Class[*formIterator]
	now  func() float64 // Date.now(), for File.lastModified

	isView goja.Callable // the original ArrayBuffer.isView
}

// Install defines Blob, File and FormData on global and returns the API over them.
func Install(vm *goja.Runtime, global *goja.Object, host Host) *API {
	a := &API{vm: vm, host: host, now: func() float64 { return float64(time.Now().UnixMilli()) }}
	if ab, ok := vm.Get("ArrayBuffer").(*goja.Object); ok {
		a.isView, _ = goja.AssertFunction(ab.Get("isView"))
	}
	a.installBlob()
	a.installFile()
	a.installFormData()
	a.blob.Install(global)
	a.file.Install(global)
	a.form.Install(global)
	return a
}

// BlobBytes returns the bytes and type of v when v is a Blob or File (including subclass
// instances). data is the Blob's own immutable storage, not a copy: the caller must not modify it.
func (a *API) BlobBytes(v goja.Value) (data []byte, typ string, ok bool) {
	b, ok := a.blob.Unwrap(v)
	if !ok {
		return nil, "", false
	}
	return b.data, b.typ, true
}

// NewBlob returns a new Blob over data (not copied: the Blob owns it from now on, the caller
// must not modify it). typ is normalised as the Blob constructor's type option is: lower-cased,
// or "" when it holds a character outside U+0020–U+007E.
func (a *API) NewBlob(data []byte, typ string) *goja.Object {
	return a.blob.Wrap(&blob{data: data, typ: normalizeType(typ)})
}

// FormDataBody serialises v, when it is a FormData, as multipart/form-data with a random
// boundary, and returns the body with its Content-Type ("multipart/form-data; boundary=…").
// ok is false when v is not a FormData. A body that would exceed MaxSize throws (panics with) a
// JS RangeError, as host functions called from JS throw.
func (a *API) FormDataBody(v goja.Value) (body []byte, contentType string, ok bool) {
	fd, ok := a.form.Unwrap(v)
	if !ok {
		return nil, "", false
	}
	body, contentType, err := serializeMultipart(fd.entries)
	if fe, ok := err.(*Error); ok {
		panic(fe.jsValue(a.vm))
	} else if err != nil {
		panic(a.vm.NewGoError(err))
	}
	return body, contentType, true
}

// ParseFormData parses body into a new FormData according to contentType:
// multipart/form-data (parts with a filename become File objects carrying that name and the
// part's Content-Type) or application/x-www-form-urlencoded. Any other type, a malformed body,
// or one over the size limits is an *Error (TypeError or RangeError with Workers' message).
// body is not retained: Files get copies of their bytes.
func (a *API) ParseFormData(contentType string, body []byte) (*goja.Object, error) {
	entries, err := parseBody(contentType, body, a.now(), MaxSize)
	if err != nil {
		return nil, err
	}
	return a.form.Wrap(&formData{entries: entries}), nil
}
