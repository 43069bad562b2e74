package runtime

import (
	"crypto/tls"
	"encoding/json"
	"maps"
	"net/http"
	"strings"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

// request is the Go state behind a JS Request.
type request struct {
	jsutil.Expando
	method     string
	url        string
	hdr        *headers
	hdrObj     *goja.Object
	body       body
	redirect   string
	signal     goja.Value
	cf         goja.Value
	fetcherCtx *invocation // set for incoming requests
}

func (r *request) headersObject(iso *Isolate) *goja.Object {
	if r.hdrObj == nil {
		r.hdrObj = iso.newHeadersObject(r.hdr)
	}
	return r.hdrObj
}

// knownMethods are the methods workerd accepts (kj's HttpMethod list), in any letter case;
// others are rejected ("Foo", "X-CUSTOM").
var knownMethods = map[string]bool{
	"GET": true, "HEAD": true, "POST": true, "PUT": true, "DELETE": true, "PATCH": true, "PURGE": true,
	"OPTIONS": true, "TRACE": true, "COPY": true, "LOCK": true, "MKCOL": true, "MOVE": true,
	"PROPFIND": true, "PROPPATCH": true, "SEARCH": true, "UNLOCK": true, "ACL": true, "REPORT": true,
	"MKACTIVITY": true, "CHECKOUT": true, "MERGE": true, "M-SEARCH": true, "NOTIFY": true,
	"SUBSCRIBE": true, "UNSUBSCRIBE": true, "QUERY": true, "BAN": true,
}

// normalizeMethod upper-cases the method, as workerd does (including "patch"), and rejects
// methods outside workerd's list.
func normalizeMethod(vm *goja.Runtime, m string) string {
	up := strings.ToUpper(m)
	if !knownMethods[up] {
		jsutil.Throw(vm, "TypeError", "Invalid HTTP method string: "+m)
	}
	return up
}

// newRequestState implements the Request constructor: input is a URL string (or anything with
// a string form, such as URL) or a Request; init is a RequestInit.
func (iso *Isolate) newRequestState(input, init goja.Value) *request {
	vm := iso.vm
	r := &request{method: "GET", redirect: "follow"}
	var src *request
	if o, ok := input.(*goja.Object); ok {
		src, _ = iso.cls.request.Unwrap(o)
	}
	if src != nil {
		r.method, r.url, r.redirect, r.signal = src.method, src.url, src.redirect, src.signal
		r.hdr = src.hdr.clone()
		r.cf = src.cf
	} else {
		href, err := weburl.ParseHref(input.String(), "")
		if err != nil {
			jsutil.Throw(vm, "TypeError", "Invalid URL: "+input.String())
		}
		r.url = href
		r.hdr = &headers{}
	}
	var initObj *goja.Object
	if init != nil && !goja.IsUndefined(init) && !goja.IsNull(init) {
		initObj = init.ToObject(vm)
	}
	var bodyInit goja.Value
	if initObj != nil {
		if m := initObj.Get("method"); m != nil && !goja.IsUndefined(m) {
			r.method = normalizeMethod(vm, m.String())
		}
		if h := initObj.Get("headers"); h != nil && !goja.IsUndefined(h) {
			r.hdr = &headers{}
			iso.fillHeaders(r.hdr, h)
		}
		if rd := initObj.Get("redirect"); rd != nil && !goja.IsUndefined(rd) {
			switch s := rd.String(); s {
			case "follow", "manual", "error":
				r.redirect = s
			default:
				jsutil.Throw(vm, "TypeError", "Invalid redirect value, must be one of \"follow\" or \"manual\" (\"error\" won't be implemented since it does not make sense at the edge; use \"manual\" and check the response status code).")
			}
		}
		if s := initObj.Get("signal"); s != nil && !goja.IsUndefined(s) {
			r.signal = s
		}
		if cf := initObj.Get("cf"); cf != nil && !goja.IsUndefined(cf) {
			r.cf = cf
		}
		bodyInit = initObj.Get("body")
	}
	hasInitBody := bodyInit != nil && !goja.IsUndefined(bodyInit) && !goja.IsNull(bodyInit)
	if hasInitBody || (src != nil && src.body.kind != bodyNone) {
		if r.method == "GET" || r.method == "HEAD" {
			jsutil.Throw(vm, "TypeError", "Request with a GET or HEAD method cannot have a body.")
		}
	}
	if hasInitBody {
		b, ct := iso.extractBody(bodyInit)
		r.body = b
		if ct != "" && !r.hdr.has("content-type") {
			r.hdr.append("content-type", ct)
		}
	} else if src != nil && src.body.kind != bodyNone {
		if src.body.isUsed(iso) {
			jsutil.Throw(vm, "TypeError", "Cannot reconstruct a Request with a used body.")
		}
		// The new request takes over the source's body, as the Fetch standard says.
		r.body = src.body
		src.body = body{kind: bodyBytes, used: true}
	}
	return r
}

func (iso *Isolate) installRequest(global *goja.Object) {
	vm := iso.vm
	c := jsutil.NewClass(vm, "Request", 1, func(call goja.ConstructorCall) *request {
		if len(call.Arguments) == 0 {
			jsutil.Throw(vm, "TypeError", "Failed to construct 'Request': 1 argument required, but only 0 present.")
		}
		return iso.newRequestState(call.Argument(0), call.Argument(1))
	})
	iso.cls.request = c
	c.Getter("method", func(r *request) goja.Value { return vm.ToValue(r.method) })
	c.Getter("url", func(r *request) goja.Value { return vm.ToValue(r.url) })
	c.Getter("headers", func(r *request) goja.Value { return r.headersObject(iso) })
	c.Getter("redirect", func(r *request) goja.Value { return vm.ToValue(r.redirect) })
	c.Getter("signal", func(r *request) goja.Value {
		if r.signal == nil {
			r.signal = iso.newNeverAbortedSignal()
		}
		return r.signal
	})
	c.Getter("cf", func(r *request) goja.Value {
		if r.cf == nil && r.fetcherCtx != nil && r.fetcherCtx.hr != nil {
			r.cf = iso.incomingCF(r.fetcherCtx.hr)
		}
		if r.cf == nil {
			return goja.Undefined()
		}
		return r.cf
	})
	c.Getter("fetcher", func(r *request) goja.Value { return goja.Null() })
	c.Getter("integrity", func(r *request) goja.Value { return vm.ToValue("") })
	c.Getter("keepalive", func(r *request) goja.Value { return vm.ToValue(false) })
	c.Getter("cache", func(r *request) goja.Value { return goja.Undefined() })
	installBodyMixin(iso, c, func(r *request) *body { return &r.body }, func(r *request) *headers { return r.hdr })
	c.Method("clone", 0, func(r *request, call goja.FunctionCall) goja.Value {
		n := &request{method: r.method, url: r.url, hdr: r.hdr.clone(), redirect: r.redirect, signal: r.signal, cf: r.cf}
		n.hdr.guard = r.hdr.guard
		n.body = iso.cloneBody(&r.body)
		return c.Wrap(n)
	})
	c.Install(global)
}

// newIncomingRequest wraps a Go server request without copying its headers or body: both are
// materialised on first use.
func (iso *Isolate) newIncomingRequest(inv *invocation, hr *http.Request) *goja.Object {
	scheme := "http"
	if hr.TLS != nil {
		scheme = "https"
	}
	r := &request{
		method:     hr.Method,
		url:        scheme + "://" + hr.Host + hr.RequestURI,
		hdr:        &headers{src: hr.Header, host: hr.Host, guard: guardImmutable},
		redirect:   "manual",
		fetcherCtx: inv,
	}
	if !strings.HasPrefix(hr.RequestURI, "/") {
		// Absolute-form request target (proxy style) or "*".
		if href, err := weburl.ParseHref(hr.RequestURI, ""); err == nil {
			r.url = href
		}
	}
	if hr.Method != "GET" && hr.Method != "HEAD" {
		switch {
		case hr.Body != nil && hr.Body != http.NoBody:
			r.body = body{kind: bodyReader, reader: hr.Body, length: hr.ContentLength}
		case hr.ContentLength == 0 && hr.Header.Get("Content-Length") != "":
			r.body = body{kind: bodyBytes, data: []byte{}} // an empty body is still a body
		}
	}
	return iso.cls.request.Wrap(r)
}

// incomingCF builds request.cf for an incoming request, once, on first access.
// Deviation: locally there is no edge location, so geolocation and bot-management fields
// (colo, country, city, asn, …) are absent unless the embedder supplies them (Config.RequestCF,
// which `edge serve --cf KEY=VALUE` sets).
func (iso *Isolate) incomingCF(hr *http.Request) goja.Value {
	m := map[string]any{
		"httpProtocol":               hr.Proto,
		"clientAcceptEncoding":       hr.Header.Get("Accept-Encoding"),
		"requestPriority":            "",
		"edgeRequestKeepAliveStatus": 1,
		"clientTcpRtt":               0,
	}
	if hr.TLS != nil {
		m["tlsVersion"] = tlsVersionName(hr.TLS.Version)
	}
	if f := iso.w.requestCF; f != nil {
		maps.Copy(m, f(hr))
	}
	v, err := iso.JSONParse(mustJSON(m))
	if err != nil {
		return goja.Undefined()
	}
	return v
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

func tlsVersionName(v uint16) string {
	switch v {
	case tls.VersionTLS13:
		return "TLSv1.3"
	case tls.VersionTLS12:
		return "TLSv1.2"
	}
	return ""
}
