package runtime

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

// response is the Go state behind a JS Response.
type response struct {
	jsutil.Expando
	status     int
	statusText string
	hdr        *headers
	hdrObj     *goja.Object
	body       body
	url        string
	redirected bool
	typ        string
	webSocket  goja.Value
	manualEnc  bool // encodeBody: "manual" — the body is already encoded
}

func (r *response) headersObject(iso *Isolate) *goja.Object {
	if r.hdrObj == nil {
		r.hdrObj = iso.newHeadersObject(r.hdr)
	}
	return r.hdrObj
}

const nullBodyMessage = "Response with null body status (101, 204, 205, or 304) cannot have a body."

func isNullBodyStatus(s int) bool { return s == 101 || s == 204 || s == 205 || s == 304 }

// newResponseState implements the Response constructor.
func (iso *Isolate) newResponseState(bodyInit, init goja.Value) *response {
	vm := iso.vm
	r := &response{status: 200, hdr: &headers{}, typ: "default"}
	if init != nil && !goja.IsUndefined(init) && !goja.IsNull(init) {
		o, isObj := init.(*goja.Object)
		if !isObj {
			jsutil.Throw(vm, "TypeError", "Failed to construct 'Response': The provided value is not of type 'ResponseInit'.")
		}
		if s := o.Get("status"); s != nil && !goja.IsUndefined(s) {
			r.status = int(s.ToInteger())
		}
		if st := o.Get("statusText"); st != nil && !goja.IsUndefined(st) {
			r.statusText = st.String()
			if strings.ContainsAny(r.statusText, "\r\n") {
				jsutil.Throw(vm, "TypeError", "Invalid statusText.")
			}
		}
		if h := o.Get("headers"); h != nil && !goja.IsUndefined(h) {
			iso.fillHeaders(r.hdr, h)
		}
		if ws := o.Get("webSocket"); ws != nil && !goja.IsUndefined(ws) && !goja.IsNull(ws) {
			if _, ok := iso.cls.ws.ws.Unwrap(ws); !ok {
				jsutil.Throw(vm, "TypeError", "Incorrect type for the 'webSocket' field on 'InitializerDict': the provided value is not of type 'WebSocket'.")
			}
			r.webSocket = ws
		}
		if eb := o.Get("encodeBody"); eb != nil && !goja.IsUndefined(eb) {
			switch eb.String() {
			case "manual":
				r.manualEnc = true
			case "automatic":
			default:
				jsutil.Throw(vm, "TypeError", "encodeBody must be \"automatic\" or \"manual\".")
			}
		}
	}
	if r.webSocket == nil && (r.status < 200 || r.status > 599) {
		jsutil.Throw(vm, "RangeError", "Responses may only be constructed with status codes in the range 200 to 599, inclusive.")
	}
	if r.webSocket != nil && r.status != 101 {
		jsutil.Throw(vm, "RangeError", "Responses with a WebSocket must have status code 101.")
	}
	if bodyInit != nil && !goja.IsUndefined(bodyInit) && !goja.IsNull(bodyInit) {
		b, ct := iso.extractBody(bodyInit)
		if isNullBodyStatus(r.status) && !(b.kind == bodyBytes && len(b.data) == 0) {
			jsutil.Throw(vm, "TypeError", nullBodyMessage)
		}
		r.body = b
		if ct != "" && !r.hdr.has("content-type") {
			r.hdr.append("content-type", ct)
		}
	}
	return r
}

func (iso *Isolate) installResponse(global *goja.Object) {
	vm := iso.vm
	c := jsutil.NewClass(vm, "Response", 0, func(call goja.ConstructorCall) *response {
		return iso.newResponseState(call.Argument(0), call.Argument(1))
	})
	iso.cls.response = c
	c.Getter("status", func(r *response) goja.Value { return vm.ToValue(r.status) })
	c.Getter("statusText", func(r *response) goja.Value { return vm.ToValue(r.statusText) })
	c.Getter("ok", func(r *response) goja.Value { return vm.ToValue(r.status >= 200 && r.status <= 299) })
	c.Getter("headers", func(r *response) goja.Value { return r.headersObject(iso) })
	c.Getter("url", func(r *response) goja.Value { return vm.ToValue(r.url) })
	c.Getter("redirected", func(r *response) goja.Value { return vm.ToValue(r.redirected) })
	c.Getter("type", func(r *response) goja.Value { return vm.ToValue(r.typ) })
	c.Getter("webSocket", func(r *response) goja.Value {
		if r.webSocket == nil {
			return goja.Null()
		}
		return r.webSocket
	})
	c.Getter("cf", func(r *response) goja.Value { return goja.Undefined() })
	installBodyMixin(iso, c, func(r *response) *body { return &r.body }, func(r *response) *headers { return r.hdr })
	c.Method("clone", 0, func(r *response, call goja.FunctionCall) goja.Value {
		if r.webSocket != nil {
			jsutil.Throw(vm, "TypeError", "Cannot clone a response to a WebSocket handshake.")
		}
		n := &response{status: r.status, statusText: r.statusText, hdr: r.hdr.clone(), url: r.url, redirected: r.redirected, typ: r.typ}
		n.hdr.guard = r.hdr.guard
		n.body = iso.cloneBody(&r.body)
		return c.Wrap(n)
	})
	c.Static("json", 1, func(call goja.FunctionCall) goja.Value {
		s, err := iso.jsonStringify(call.Argument(0))
		if err != nil {
			panic(err)
		}
		if s == "" {
			jsutil.Throw(vm, "TypeError", "Value is not JSON serializable.")
		}
		r := iso.newResponseState(goja.Undefined(), call.Argument(1))
		if isNullBodyStatus(r.status) {
			jsutil.Throw(vm, "TypeError", nullBodyMessage)
		}
		r.body = body{kind: bodyBytes, data: []byte(s)}
		if !r.hdr.has("content-type") {
			r.hdr.append("content-type", "application/json")
		}
		return c.Wrap(r)
	})
	c.Static("redirect", 1, func(call goja.FunctionCall) goja.Value {
		href, err := weburl.ParseHref(call.Argument(0).String(), "")
		if err != nil {
			jsutil.Throw(vm, "TypeError", "Invalid URL: "+call.Argument(0).String())
		}
		status := 302
		if s := call.Argument(1); !goja.IsUndefined(s) {
			status = int(s.ToInteger())
		}
		switch status {
		case 301, 302, 303, 307, 308:
		default:
			jsutil.Throw(vm, "RangeError", strconv.Itoa(status)+" is not a redirect status code. It must be one of: 301, 302, 303, 307, or 308.")
		}
		r := &response{status: status, hdr: &headers{guard: guardImmutable}, typ: "default"}
		r.hdr.fields = append(r.hdr.fields, headerField{"location", href})
		return c.Wrap(r)
	})
	c.Static("error", 0, func(call goja.FunctionCall) goja.Value {
		return c.Wrap(&response{status: 0, hdr: &headers{}, typ: "error"})
	})
	c.Install(global)
}
