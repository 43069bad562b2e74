package runtime

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// guard is the Fetch standard's headers guard: what mutations a Headers object allows.
type guard uint8

const (
	guardNone      guard = iota
	guardImmutable       // incoming request headers, fetch() responses, Response.redirect()
)

// headerField is one name/value pair; name is lower-case.
type headerField struct {
	name, value string
}

// headers is the Go state behind a JS Headers object: an ordered list of fields, as the Fetch
// standard's header list. Lookups are linear; real header lists are short.
type headers struct {
	jsutil.Expando
	fields []headerField
	guard  guard
	// src, when non-nil, holds not-yet-copied incoming Go headers (lazy materialisation).
	src  http.Header
	host string
}

func (h *headers) materialize() {
	if h.src == nil {
		return
	}
	src := h.src
	h.src = nil
	n := 0
	for _, vs := range src {
		n += len(vs)
	}
	h.fields = make([]headerField, 0, n+1)
	if h.host != "" {
		h.fields = append(h.fields, headerField{"host", h.host})
	}
	for k, vs := range src {
		name := strings.ToLower(k)
		for _, v := range vs {
			h.fields = append(h.fields, headerField{name, v})
		}
	}
}

func (h *headers) get(name string) (string, bool) {
	h.materialize()
	var b strings.Builder
	found := false
	for _, f := range h.fields {
		if f.name == name {
			if found {
				b.WriteString(", ")
			}
			b.WriteString(f.value)
			found = true
		}
	}
	return b.String(), found
}

func (h *headers) has(name string) bool {
	h.materialize()
	for _, f := range h.fields {
		if f.name == name {
			return true
		}
	}
	return false
}

func (h *headers) append(name, value string) {
	h.materialize()
	h.fields = append(h.fields, headerField{name, value})
}

func (h *headers) del(name string) {
	h.materialize()
	out := h.fields[:0]
	for _, f := range h.fields {
		if f.name != name {
			out = append(out, f)
		}
	}
	h.fields = out
}

func (h *headers) set(name, value string) {
	h.materialize()
	for i, f := range h.fields {
		if f.name == name {
			h.fields[i].value = value
			// remove later duplicates
			out := h.fields[:i+1]
			for _, g := range h.fields[i+1:] {
				if g.name != name {
					out = append(out, g)
				}
			}
			h.fields = out
			return
		}
	}
	h.fields = append(h.fields, headerField{name, value})
}

func (h *headers) clone() *headers {
	h.materialize()
	return &headers{fields: append([]headerField(nil), h.fields...)}
}

// sortedCombined returns the Fetch standard's "sort and combine": names sorted, values of
// repeated names joined with ", ", except set-cookie which stays one entry per value.
func (h *headers) sortedCombined() []headerField {
	h.materialize()
	idx := make([]int, len(h.fields))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return h.fields[idx[a]].name < h.fields[idx[b]].name })
	out := make([]headerField, 0, len(h.fields))
	for _, i := range idx {
		f := h.fields[i]
		if n := len(out); n > 0 && out[n-1].name == f.name && f.name != "set-cookie" {
			out[n-1].value += ", " + f.value
			continue
		}
		out = append(out, f)
	}
	return out
}

// writeTo copies the fields into a Go header map (response to the client, outbound request).
func (h *headers) writeTo(dst http.Header) {
	h.materialize()
	for _, f := range h.fields {
		k := http.CanonicalHeaderKey(f.name)
		dst[k] = append(dst[k], f.value)
	}
}

// isTokenChar reports whether c may appear in a header name (RFC 9110 token).
func isTokenChar(c byte) bool {
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// normalizeName validates a header name and lower-cases it.
func normalizeName(vm *goja.Runtime, name string) string {
	if name == "" {
		jsutil.Throw(vm, "TypeError", "Invalid header name.")
	}
	lower := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isTokenChar(c) {
			jsutil.Throw(vm, "TypeError", "Invalid header name.")
		}
		if c >= 'A' && c <= 'Z' {
			lower = false
		}
	}
	if lower {
		return name
	}
	return strings.ToLower(name)
}

// normalizeValue strips leading and trailing HTTP whitespace and rejects NUL, CR and LF.
func normalizeValue(vm *goja.Runtime, v string) string {
	v = strings.Trim(v, " \t\r\n")
	if strings.ContainsAny(v, "\x00\r\n") {
		jsutil.Throw(vm, "TypeError", "Invalid header value.")
	}
	return v
}

func (iso *Isolate) checkMutable(h *headers) {
	if h.guard == guardImmutable {
		jsutil.Throw(iso.vm, "TypeError", "Can't modify immutable headers.")
	}
}

// fillHeaders implements the HeadersInit conversion: a Headers object, a sequence of pairs or a record.
func (iso *Isolate) fillHeaders(h *headers, init goja.Value) {
	if init == nil || goja.IsUndefined(init) || goja.IsNull(init) {
		return
	}
	vm := iso.vm
	obj, ok := init.(*goja.Object)
	if !ok {
		jsutil.Throw(vm, "TypeError", "Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.")
	}
	if src, ok := iso.cls.headers.Unwrap(obj); ok {
		src.materialize()
		h.fields = append(h.fields, src.fields...)
		return
	}
	if iter := obj.GetSymbol(goja.SymIterator); iter != nil && !goja.IsUndefined(iter) {
		iso.iterate(obj, func(pair goja.Value) {
			po, ok := pair.(*goja.Object)
			if !ok {
				jsutil.Throw(vm, "TypeError", "Failed to construct 'Headers': The provided value cannot be converted to a sequence.")
			}
			var items []goja.Value
			iso.iterate(po, func(v goja.Value) { items = append(items, v) })
			if len(items) != 2 {
				jsutil.Throw(vm, "TypeError", "To initialize a Headers object from a sequence, each inner sequence must have exactly two elements.")
			}
			h.append(normalizeName(vm, items[0].String()), normalizeValue(vm, items[1].String()))
		})
		return
	}
	for _, k := range obj.Keys() {
		h.append(normalizeName(vm, k), normalizeValue(vm, obj.Get(k).String()))
	}
}

// iterate runs fn for each value of a JS iterable.
func (iso *Isolate) iterate(obj *goja.Object, fn func(goja.Value)) {
	vm := iso.vm
	// Fast path for real arrays.
	if obj.ClassName() == "Array" {
		n := obj.Get("length").ToInteger()
		for i := int64(0); i < n; i++ {
			fn(obj.Get(strconv.FormatInt(i, 10)))
		}
		return
	}
	method, ok := goja.AssertFunction(obj.GetSymbol(goja.SymIterator))
	if !ok {
		jsutil.Throw(vm, "TypeError", "object is not iterable")
	}
	it, err := method(obj)
	if err != nil {
		panic(err)
	}
	ito := it.ToObject(vm)
	next, ok := goja.AssertFunction(ito.Get("next"))
	if !ok {
		jsutil.Throw(vm, "TypeError", "iterator.next is not a function")
	}
	for {
		r, err := next(ito)
		if err != nil {
			panic(err)
		}
		ro := r.ToObject(vm)
		if ro.Get("done").ToBoolean() {
			return
		}
		fn(ro.Get("value"))
	}
}

func (iso *Isolate) newHeadersObject(h *headers) *goja.Object {
	return iso.cls.headers.Wrap(h)
}

func (iso *Isolate) installHeaders(global *goja.Object) {
	vm := iso.vm
	c := jsutil.NewClass(vm, "Headers", 0, func(call goja.ConstructorCall) *headers {
		h := &headers{}
		iso.fillHeaders(h, call.Argument(0))
		return h
	})
	iso.cls.headers = c
	c.Method("append", 2, func(h *headers, call goja.FunctionCall) goja.Value {
		iso.checkMutable(h)
		h.append(normalizeName(vm, call.Argument(0).String()), normalizeValue(vm, call.Argument(1).String()))
		return goja.Undefined()
	})
	c.Method("delete", 1, func(h *headers, call goja.FunctionCall) goja.Value {
		iso.checkMutable(h)
		h.del(normalizeName(vm, call.Argument(0).String()))
		return goja.Undefined()
	})
	c.Method("get", 1, func(h *headers, call goja.FunctionCall) goja.Value {
		v, ok := h.get(normalizeName(vm, call.Argument(0).String()))
		if !ok {
			return goja.Null()
		}
		return vm.ToValue(v)
	})
	c.Method("getAll", 1, func(h *headers, call goja.FunctionCall) goja.Value {
		name := normalizeName(vm, call.Argument(0).String())
		if name != "set-cookie" {
			jsutil.Throw(vm, "TypeError", "getAll() can only be used with the header name \"Set-Cookie\".")
		}
		return iso.headerValues(h, name)
	})
	c.Method("getSetCookie", 0, func(h *headers, call goja.FunctionCall) goja.Value {
		return iso.headerValues(h, "set-cookie")
	})
	c.Method("has", 1, func(h *headers, call goja.FunctionCall) goja.Value {
		return vm.ToValue(h.has(normalizeName(vm, call.Argument(0).String())))
	})
	c.Method("set", 2, func(h *headers, call goja.FunctionCall) goja.Value {
		iso.checkMutable(h)
		h.set(normalizeName(vm, call.Argument(0).String()), normalizeValue(vm, call.Argument(1).String()))
		return goja.Undefined()
	})
	c.Method("forEach", 1, func(h *headers, call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			jsutil.Throw(vm, "TypeError", "Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.")
		}
		self := call.This
		for _, f := range h.sortedCombined() {
			if _, err := fn(call.Argument(1), vm.ToValue(f.value), vm.ToValue(f.name), self); err != nil {
				panic(err)
			}
		}
		return goja.Undefined()
	})
	kinds := []struct {
		name string
		kind iterKind
	}{{"entries", iterEntries}, {"keys", iterKeys}, {"values", iterValues}}
	for _, k := range kinds {
		kind := k.kind
		c.Method(k.name, 0, func(h *headers, call goja.FunctionCall) goja.Value {
			return iso.newHeadersIterator(h, kind)
		})
	}
	c.AliasSymbol(goja.SymIterator, "entries")
	c.Install(global)

	iso.cls.headersIter = jsutil.NewClass[*headersIterator](vm, "Headers Iterator", 0, nil)
	iso.cls.headersIter.Method("next", 0, func(it *headersIterator, call goja.FunctionCall) goja.Value {
		res := vm.NewObject()
		if it.pos >= len(it.items) {
			_ = res.Set("value", goja.Undefined())
			_ = res.Set("done", true)
			return res
		}
		f := it.items[it.pos]
		it.pos++
		switch it.kind {
		case iterKeys:
			_ = res.Set("value", f.name)
		case iterValues:
			_ = res.Set("value", f.value)
		default:
			_ = res.Set("value", vm.NewArray(f.name, f.value))
		}
		_ = res.Set("done", false)
		return res
	})
	iso.cls.headersIter.MethodSymbol(goja.SymIterator, "[Symbol.iterator]", func(it *headersIterator, call goja.FunctionCall) goja.Value {
		return call.This
	})
}

func (iso *Isolate) headerValues(h *headers, name string) goja.Value {
	h.materialize()
	var vals []any
	for _, f := range h.fields {
		if f.name == name {
			vals = append(vals, f.value)
		}
	}
	return iso.vm.NewArray(vals...)
}

type iterKind uint8

const (
	iterEntries iterKind = iota
	iterKeys
	iterValues
)

type headersIterator struct {
	jsutil.Expando
	items []headerField
	pos   int
	kind  iterKind
}

func (iso *Isolate) newHeadersIterator(h *headers, kind iterKind) goja.Value {
	return iso.cls.headersIter.Wrap(&headersIterator{items: h.sortedCombined(), kind: kind})
}
