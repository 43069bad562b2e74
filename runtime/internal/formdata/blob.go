package formdata

import (
	"bytes"
	"math"
	"reflect"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// blob is the Go state of a Blob and of a File (file != nil). One state type for both lets
// Blob.prototype's brand checks accept Files, as File inherits from Blob.
type blob struct {
	jsutil.Expando
	data []byte // immutable once the Blob exists; slices and Files share it
	typ  string // normalised: lower-case printable ASCII, or ""
	file *fileInfo
}

type fileInfo struct {
	name         string
	lastModified float64 // ms since the epoch; workerd keeps the double it was given
}

var (
	arrayBufferType = reflect.TypeFor[goja.ArrayBuffer]()
	plainObjectType = reflect.TypeFor[map[string]interface{}]()
)

// bufferBytes returns the bytes viewed by an ArrayBuffer or ArrayBufferView without copying
// (valid only until JS runs again), and without running any getter of other objects, which
// Export on a plain object would do.
func (a *API) bufferBytes(o *goja.Object) ([]byte, bool) {
	t := o.ExportType()
	switch {
	case t == arrayBufferType:
	case t != nil && t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Interface: // typed arrays
	case t == plainObjectType: // DataView exports as a map, as plain objects do
		if a.isView == nil {
			return nil, false
		}
		if r, err := a.isView(goja.Undefined(), o); err != nil || !r.ToBoolean() {
			return nil, false
		}
	default:
		return nil, false
	}
	return jsutil.Bytes(a.vm, o)
}

// blobOptions is a BlobPropertyBag or FilePropertyBag after WebIDL conversion.
type blobOptions struct {
	typ          string
	native       bool     // endings: "native"
	lastModified *float64 // File only; nil means now
}

// readOptions converts the options dictionary. Members are read in WebIDL's (lexicographic)
// order: endings, lastModified, type.
func (a *API) readOptions(v goja.Value, iface string, file bool) blobOptions {
	vm := a.vm
	var opts blobOptions
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return opts
	}
	o, ok := v.(*goja.Object)
	if !ok {
		panic(vm.NewTypeError("Failed to construct '%s': The provided value is not of type '%sPropertyBag'.", iface, iface))
	}
	if e := o.Get("endings"); e != nil && !goja.IsUndefined(e) {
		switch s := usvString(vm, e); s {
		case "transparent":
		case "native":
			opts.native = true
		default:
			panic(vm.NewTypeError("Failed to construct '%s': The provided value '%s' is not a valid enum value of type EndingType.", iface, s))
		}
	}
	if file {
		if m := o.Get("lastModified"); m != nil && !goja.IsUndefined(m) {
			f := m.ToFloat()
			if math.IsNaN(f) {
				f = 0
			}
			opts.lastModified = &f
		}
	}
	if t := o.Get("type"); t != nil && !goja.IsUndefined(t) {
		opts.typ = normalizeType(usvString(vm, t))
	}
	return opts
}

// blobPart is one converted element of blobParts.
type blobPart struct {
	b   []byte
	str bool // from a string: subject to endings: "native"
}

// readParts converts blobParts (a sequence of ArrayBuffer, ArrayBufferView, Blob or USVString),
// enforcing MaxSize before copying each part. Line endings are applied later, by joinParts,
// because WebIDL converts the parts before the options dictionary that says which to use.
func (a *API) readParts(v goja.Value, iface string) []blobPart {
	vm := a.vm
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	notSeq := func() {
		panic(vm.NewTypeError("Failed to construct '%s': The provided value cannot be converted to a sequence.", iface))
	}
	o, ok := v.(*goja.Object)
	if !ok {
		notSeq()
	}
	if it := o.GetSymbol(goja.SymIterator); it == nil || goja.IsUndefined(it) || goja.IsNull(it) {
		notSeq()
	}
	var parts []blobPart
	var size int64
	add := func(n int) {
		if size+int64(n) > MaxSize {
			panic(blobTooLarge(size + int64(n)).jsValue(vm))
		}
		size += int64(n)
	}
	vm.ForOf(o, func(item goja.Value) bool {
		if io, ok := item.(*goja.Object); ok {
			if b, ok := a.blob.Unwrap(io); ok {
				add(len(b.data))
				parts = append(parts, blobPart{b: b.data})
				return true
			}
			if b, ok := a.bufferBytes(io); ok {
				add(len(b)) // before copying: a part over the limit is never copied
				parts = append(parts, blobPart{b: append([]byte(nil), b...)})
				return true
			}
		}
		s := usvString(vm, item)
		add(len(s))
		parts = append(parts, blobPart{b: []byte(s), str: true})
		return true
	})
	return parts
}

// joinParts applies endings: "native" to the string parts and concatenates the parts.
func joinParts(parts []blobPart, native bool) []byte {
	size := 0
	for i := range parts {
		if native && parts[i].str {
			parts[i].b = nativeEndings(parts[i].b)
		}
		size += len(parts[i].b)
	}
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts[0].b // already a copy, or an immutable Blob's bytes
	}
	out := make([]byte, 0, size)
	for _, p := range parts {
		out = append(out, p.b...)
	}
	return out
}

// nativeEndings converts line endings to the native ones ("\n" on the platforms edge runs on),
// as the Blob constructor's endings: "native" does for string parts.
func nativeEndings(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
}

func (a *API) installBlob() {
	vm := a.vm
	c := jsutil.NewClass(vm, "Blob", 0, func(call goja.ConstructorCall) *blob {
		parts := a.readParts(call.Argument(0), "Blob")
		opts := a.readOptions(call.Argument(1), "Blob", false)
		return &blob{data: joinParts(parts, opts.native), typ: opts.typ}
	})
	a.blob = c
	c.Getter("size", func(b *blob) goja.Value { return vm.ToValue(len(b.data)) })
	c.Getter("type", func(b *blob) goja.Value { return vm.ToValue(b.typ) })
	c.Method("slice", 0, func(b *blob, call goja.FunctionCall) goja.Value {
		n := int64(len(b.data))
		start := relativeIndex(call.Argument(0), 0, n)
		end := relativeIndex(call.Argument(1), n, n)
		if end < start {
			end = start
		}
		typ := ""
		if t := call.Argument(2); !goja.IsUndefined(t) {
			typ = normalizeType(usvString(vm, t))
		}
		return a.blob.Wrap(&blob{data: b.data[start:end:end], typ: typ})
	})
	c.Method("arrayBuffer", 0, func(b *blob, _ goja.FunctionCall) goja.Value {
		return a.host.Resolved(jsutil.NewArrayBuffer(vm, append([]byte(nil), b.data...)))
	})
	c.Method("bytes", 0, func(b *blob, _ goja.FunctionCall) goja.Value {
		return a.host.Resolved(jsutil.NewUint8Array(vm, append([]byte(nil), b.data...)))
	})
	c.Method("text", 0, func(b *blob, _ goja.FunctionCall) goja.Value {
		data := b.data
		if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
			data = data[3:] // "UTF-8 decode" strips one BOM
		}
		return a.host.Resolved(vm.ToValue(decodeUTF8(data)))
	})
	c.Method("stream", 0, func(b *blob, _ goja.FunctionCall) goja.Value {
		return a.host.NewByteStream(append([]byte(nil), b.data...))
	})
}

// relativeIndex converts slice()'s start or end: WebIDL [Clamp] long long (NaN is 0, rounding
// half to even), then negative values count from the end; the result is clamped to [0, n].
func relativeIndex(v goja.Value, def, n int64) int64 {
	if v == nil || goja.IsUndefined(v) {
		return def
	}
	f := v.ToFloat()
	if math.IsNaN(f) {
		f = 0
	}
	f = math.RoundToEven(f)
	switch {
	case f < 0:
		f = math.Max(float64(n)+f, 0)
	case f > float64(n):
		f = float64(n)
	}
	return int64(f)
}

func (a *API) installFile() {
	vm := a.vm
	c := jsutil.NewClass(vm, "File", 2, func(call goja.ConstructorCall) *blob {
		argCount(vm, call.Arguments, 2, "construct 'File'")
		parts := a.readParts(call.Argument(0), "File")
		name := usvString(vm, call.Argument(1))
		opts := a.readOptions(call.Argument(2), "File", true)
		data := joinParts(parts, opts.native)
		lm := a.now()
		if opts.lastModified != nil {
			lm = *opts.lastModified
		}
		return &blob{data: data, typ: opts.typ, file: &fileInfo{name: name, lastModified: lm}}
	})
	a.file = c
	_ = c.Proto.SetPrototype(a.blob.Proto)
	_ = c.Ctor.SetPrototype(a.blob.Ctor)
	info := func(b *blob) *fileInfo {
		if b.file == nil { // a plain Blob passes the shared state-type check
			panic(vm.NewTypeError("Illegal invocation"))
		}
		return b.file
	}
	c.Getter("name", func(b *blob) goja.Value { return vm.ToValue(info(b).name) })
	c.Getter("lastModified", func(b *blob) goja.Value { return vm.ToValue(info(b).lastModified) })
}
