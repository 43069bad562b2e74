package runtime

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/cachestore"
	"github.com/edgeruntime/edge/runtime/internal/compression"
	"github.com/edgeruntime/edge/runtime/internal/httpcache"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// The Cache API: the global `caches` (CacheStorage) with `default` and `open(name)`, and Cache
// with put/match/delete, as workerd exposes them (src/workerd/api/cache.h). The HTTP rules are
// those of the local reference cache (runtime/internal/httpcache); entries live in the
// worker's cachestore.Store.
//
// Deviation: in Workers caches.default is shared by every worker of a zone; here each worker
// has its own namespaces (the worker name prefixes them), the closest local analogue.
// Deviation: Cache API calls do not count against Workers' per-request limit of cache calls.

type cacheStorage struct {
	jsutil.Expando
}

type cache struct {
	jsutil.Expando
	ns string // store namespace: worker name + "/default" or "/named:" + name
}

// maxCacheNameLength bounds caches.open() names, as workerd does (bytes, exclusive).
const maxCacheNameLength = 1024

func notImplemented(vm *goja.Runtime, method, class string) {
	jsutil.Throw(vm, "Error", fmt.Sprintf("Failed to execute '%s' on '%s': the method is not implemented.", method, class))
}

func (iso *Isolate) installCache(g *goja.Object) error {
	vm := iso.vm
	ns := func(name string) string { return iso.w.name + "/" + name }

	cc := jsutil.NewClass[*cache](vm, "Cache", 0, nil)
	cc.Method("delete", 1, func(c *cache, call goja.FunctionCall) goja.Value { return iso.cacheDelete(c, call) })
	cc.Method("match", 1, func(c *cache, call goja.FunctionCall) goja.Value { return iso.cacheMatch(c, call) })
	cc.Method("put", 2, func(c *cache, call goja.FunctionCall) goja.Value { return iso.cachePut(c, call) })
	// Workers' cache cannot enumerate or fetch on its own: these exist and always throw.
	for _, m := range []struct {
		name   string
		length int
	}{{"add", 1}, {"addAll", 1}, {"matchAll", 0}, {"keys", 0}} {
		cc.Method(m.name, m.length, func(c *cache, call goja.FunctionCall) goja.Value {
			notImplemented(vm, m.name, "Cache")
			return nil
		})
	}
	cc.Install(g)

	sc := jsutil.NewClass[*cacheStorage](vm, "CacheStorage", 0, nil)
	sc.Method("open", 1, func(s *cacheStorage, call goja.FunctionCall) goja.Value {
		arg := call.Argument(0)
		if goja.IsUndefined(arg) {
			jsutil.Throw(vm, "TypeError", "Failed to execute 'open' on 'CacheStorage': parameter 1 is not of type 'string'.")
		}
		name := arg.String()
		if len(name) >= maxCacheNameLength {
			return iso.Rejected(&JSError{Class: "TypeError", Message: "Cache name is too long."})
		}
		return iso.Resolved(cc.Wrap(&cache{ns: ns("named:" + name)}))
	})
	for _, m := range []string{"delete", "has", "keys", "match"} {
		sc.Method(m, 1, func(s *cacheStorage, call goja.FunctionCall) goja.Value {
			notImplemented(vm, m, "CacheStorage")
			return nil
		})
	}
	sc.Install(g)
	st := &cacheStorage{}
	st.Set("default", cc.Wrap(&cache{ns: ns("default")}))
	jsutil.DefineGlobal(g, "caches", sc.Wrap(st))
	return nil
}

// cacheRequest converts put/match/delete's first argument (a Request, URL or string) the way
// workerd's Request::coerce does.
func (iso *Isolate) cacheRequest(method string, call goja.FunctionCall) *request {
	v := call.Argument(0)
	if len(call.Arguments) == 0 || goja.IsUndefined(v) || goja.IsNull(v) {
		jsutil.Throw(iso.vm, "TypeError", "Failed to execute '"+method+"' on 'Cache': parameter 1 is not of type 'Request or string'.")
	}
	if r, ok := iso.cls.request.Unwrap(v); ok {
		return r
	}
	return iso.newRequestState(v, goja.Undefined())
}

// cacheKey is the entry key of a request: request.cf.cacheKey when set, else the URL without
// its fragment.
func (iso *Isolate) cacheKey(r *request) string {
	if cf, ok := r.cf.(*goja.Object); ok {
		if k := cf.Get("cacheKey"); k != nil && !goja.IsUndefined(k) && !goja.IsNull(k) {
			return k.String()
		}
	}
	u, _, _ := strings.Cut(r.url, "#")
	return u
}

func ignoreMethod(opts goja.Value) bool {
	o, ok := opts.(*goja.Object)
	if !ok {
		return false
	}
	v := o.Get("ignoreMethod")
	return v != nil && v.ToBoolean()
}

func (iso *Isolate) cacheDelete(c *cache, call goja.FunctionCall) goja.Value {
	if iso.inGlobalScope {
		return iso.Rejected(&JSError{Class: "Error", Message: globalScopeMessage})
	}
	return iso.Guard(func() goja.Value {
		r := iso.cacheRequest("delete", call)
		if r.method != "GET" && !ignoreMethod(call.Argument(1)) {
			return iso.Resolved(iso.vm.ToValue(false))
		}
		ok, err := iso.w.cache.Delete(c.ns, iso.cacheKey(r))
		if err != nil {
			return iso.Rejected(&JSError{Class: "Error", Message: "Unable to delete cached response."})
		}
		return iso.Resolved(iso.vm.ToValue(ok))
	})
}

func (iso *Isolate) cachePut(c *cache, call goja.FunctionCall) goja.Value {
	vm := iso.vm
	iso.CheckRequestContext()
	res, ok := iso.cls.response.Unwrap(call.Argument(1))
	if len(call.Arguments) > 0 && !ok {
		jsutil.Throw(vm, "TypeError", "Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.")
	}
	if ok && res.typ == "error" {
		jsutil.Throw(vm, "TypeError", "Cache is unable to store an error response")
	}
	req := iso.cacheRequest("put", call)
	if req.method != "GET" {
		jsutil.Throw(vm, "TypeError", "Cannot cache response to non-GET request.")
	}
	if res.status == http.StatusPartialContent {
		jsutil.Throw(vm, "TypeError", "Cannot cache response to a range request (206 Partial Content).")
	}
	if vary, ok := res.hdr.get("vary"); ok && strings.Contains(vary, "*") {
		jsutil.Throw(vm, "TypeError", "Cannot cache response with 'Vary: *' header.")
	}
	if res.status == http.StatusNotModified {
		// workerd silently drops 304s: caching one would answer later unconditional requests.
		return iso.Resolved(goja.Undefined())
	}
	b := &res.body
	if b.isUsed(iso) || (b.stream != nil && iso.streamCall("isLocked", b.stream).ToBoolean()) {
		return iso.Rejected(&JSError{Class: "TypeError", Message: bodyUsedMessage})
	}

	// The body: where its bytes come from and, when known now, its length (stored as
	// Content-Length, as workerd's serialisation of the response does). A fetch() body is
	// stored as it came, still encoded; a JS body with a Content-Encoding is encoded first,
	// as workerd does when it serialises the response (unless encodeBody is "manual").
	var src io.Reader
	var closer io.Closer
	length := int64(-1)
	encodeWith := ""
	if enc, ok := res.hdr.get("content-encoding"); ok && !res.manualEnc && b.kind != bodyReader {
		if _, err := compression.NewEncoder(enc, io.Discard); err == nil && !strings.EqualFold(strings.TrimSpace(enc), "identity") {
			encodeWith = enc
		}
	}
	switch b.kind {
	case bodyNone:
		src, length = bytes.NewReader(nil), 0
	case bodyBytes:
		src, length = bytes.NewReader(b.data), int64(len(b.data))
		b.data = nil
	case bodyReader:
		src, closer, length = b.reader, b.reader, b.length
		b.reader = nil
	case bodyStream:
		sr, err := iso.newJSStreamReader(b.stream)
		if err != nil {
			return iso.Rejected(err)
		}
		src, closer = sr, sr
	}
	b.used = true
	if encodeWith != "" {
		src, length = encodedReader(encodeWith, src), -1
	}

	var fields []httpcache.Field
	for _, f := range res.hdr.sortedCombined() {
		if f.name != "content-length" && f.name != "transfer-encoding" {
			fields = append(fields, httpcache.Field{Name: f.name, Value: f.value})
		}
	}
	if length >= 0 {
		fields = append(fields, httpcache.Field{Name: "content-length", Value: strconv.FormatInt(length, 10)})
	}
	var reqFields []httpcache.Field
	for _, f := range req.hdr.sortedCombined() {
		reqFields = append(reqFields, httpcache.Field{Name: f.name, Value: f.value})
	}
	now := time.Now()
	d := httpcache.Evaluate(reqFields, res.status, fields, now)
	store, ns, key, status := iso.w.cache, c.ns, iso.cacheKey(req), res.status
	return iso.Async(func(ctx context.Context) Settle {
		var err error
		switch {
		case !d.Store: // not cacheable: the body is still consumed, put() still succeeds
			_, err = io.Copy(io.Discard, src)
		case d.TTL <= 0: // cacheable but already stale: it replaces the entry with nothing
			if _, err = io.Copy(io.Discard, src); err == nil {
				_, err = store.Delete(ns, key)
			}
		default:
			e := cachestore.Entry{Status: status, Expires: now.Add(d.TTL)}
			for _, f := range d.Headers {
				e.Headers = append(e.Headers, [2]string{f.Name, f.Value})
			}
			err = store.Put(context.Background(), ns, key, e, src)
		}
		if closer != nil {
			closer.Close()
		}
		return func(vm *goja.Runtime) (goja.Value, error) {
			if err != nil {
				return nil, bodyFailure(err)
			}
			return goja.Undefined(), nil
		}
	})
}

// encodedReader yields src encoded with the Content-Encoding token enc.
func encodedReader(enc string, src io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		zw, err := compression.NewEncoder(enc, pw)
		if err == nil {
			if _, err = io.Copy(zw, src); err == nil {
				err = zw.Close()
			}
		}
		pw.CloseWithError(err)
	}()
	return pr
}

// bodyFailure is put()'s rejection when reading the body failed: a stream's error arrives as
// its "Name: message" text and becomes that error again; other failures are TypeErrors.
func bodyFailure(err error) error {
	if je, ok := err.(*JSError); ok {
		return je
	}
	line, _, _ := strings.Cut(err.Error(), "\n")
	if name, msg, ok := strings.Cut(line, ": "); ok && strings.HasSuffix(name, "Error") && !strings.Contains(name, " ") {
		return &JSError{Class: name, Message: msg}
	}
	return &JSError{Class: "TypeError", Message: line}
}

func (iso *Isolate) cacheMatch(c *cache, call goja.FunctionCall) goja.Value {
	if iso.inGlobalScope {
		return iso.Rejected(&JSError{Class: "Error", Message: globalScopeMessage})
	}
	return iso.Guard(func() goja.Value {
		r := iso.cacheRequest("match", call)
		if r.method != "GET" && !ignoreMethod(call.Argument(1)) {
			return iso.Resolved(goja.Undefined())
		}
		e, body, found, err := iso.w.cache.Get(c.ns, iso.cacheKey(r))
		if err != nil || !found {
			return iso.Resolved(goja.Undefined())
		}
		return iso.Resolved(iso.cls.response.Wrap(cachedResponse(r.hdr, e, body)))
	})
}

// cachedResponse builds match()'s answer from a stored entry: 416 for an unsatisfiable Range,
// 304 for a satisfied conditional request, 206 with the slice (or a multipart/byteranges body)
// for a Range, else the whole entry. Every answer carries cf-cache-status: HIT.
func cachedResponse(reqHdr *headers, e cachestore.Entry, body cachestore.Body) *response {
	hdr := &headers{guard: guardImmutable}
	stored := func(name string) string {
		for _, f := range e.Headers {
			if f[0] == name {
				return f[1]
			}
		}
		return ""
	}
	res := &response{status: e.Status, statusText: http.StatusText(e.Status), hdr: hdr, typ: "default"}
	rangeHdr, hasRange := reqHdr.get("range")
	var ranges []httpcache.Range
	if hasRange {
		var ok bool
		if ranges, ok = httpcache.ParseRange(rangeHdr, e.Size); !ok {
			body.Close()
			res.status, res.statusText = http.StatusRequestedRangeNotSatisfiable, http.StatusText(http.StatusRequestedRangeNotSatisfiable)
			hdr.fields = []headerField{{"content-range", "bytes */" + strconv.FormatInt(e.Size, 10)}, {"cf-cache-status", "HIT"}}
			return res
		}
	}
	for _, f := range e.Headers {
		hdr.fields = append(hdr.fields, headerField{f[0], f[1]})
	}
	hdr.set("cf-cache-status", "HIT")
	inm, _ := reqHdr.get("if-none-match")
	ims, _ := reqHdr.get("if-modified-since")
	if httpcache.NotModified(inm, ims, stored("etag"), stored("last-modified")) {
		body.Close()
		res.status, res.statusText = http.StatusNotModified, http.StatusText(http.StatusNotModified)
		return res
	}
	var rd io.Reader = io.NewSectionReader(body, 0, e.Size)
	length := e.Size
	switch len(ranges) {
	case 0:
	case 1:
		rg := ranges[0]
		res.status, res.statusText = http.StatusPartialContent, http.StatusText(http.StatusPartialContent)
		hdr.set("content-range", fmt.Sprintf("bytes %d-%d/%d", rg.Start, rg.End, e.Size))
		hdr.set("content-length", strconv.FormatInt(rg.Len(), 10))
		rd, length = io.NewSectionReader(body, rg.Start, rg.Len()), rg.Len()
	default:
		res.status, res.statusText = http.StatusPartialContent, http.StatusText(http.StatusPartialContent)
		var boundary [12]byte
		_, _ = rand.Read(boundary[:])
		rd = multipartRanges(body, ranges, e.Size, stored("content-type"), "edge-boundary-"+hex.EncodeToString(boundary[:]), hdr)
		length = -1
	}
	res.body = cacheBody(rd, body, length)
	return res
}

// cacheBody wraps a reader over a stored body as a response body that closes the store's
// handle. Stored bytes are served as they are: JS reads of an entry with a Content-Encoding see
// the encoded bytes, as with workerd's match().
func cacheBody(rd io.Reader, c io.Closer, length int64) body {
	return body{kind: bodyReader, reader: struct {
		io.Reader
		io.Closer
	}{rd, c}, length: length}
}

// multipartRanges is the multipart/byteranges body for several ranges (RFC 7233 §4.1); it sets
// the response's Content-Type and drops its Content-Length.
func multipartRanges(body io.ReaderAt, ranges []httpcache.Range, size int64, contentType, boundary string, hdr *headers) io.Reader {
	hdr.set("content-type", "multipart/byteranges; boundary="+boundary)
	hdr.del("content-length")
	var parts []io.Reader
	for i, rg := range ranges {
		var head strings.Builder
		if i > 0 {
			head.WriteString("\r\n")
		}
		head.WriteString("--" + boundary + "\r\n")
		if contentType != "" {
			head.WriteString("Content-Type: " + contentType + "\r\n")
		}
		fmt.Fprintf(&head, "Content-Range: bytes %d-%d/%d\r\n\r\n", rg.Start, rg.End, size)
		parts = append(parts, strings.NewReader(head.String()), io.NewSectionReader(body, rg.Start, rg.Len()))
	}
	parts = append(parts, strings.NewReader("\r\n--"+boundary+"--"))
	return io.MultiReader(parts...)
}
