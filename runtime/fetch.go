package runtime

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

type redirectModeKey struct{}

func newHTTPClient(rt http.RoundTripper) *http.Client {
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.DisableCompression = true
		t.MaxIdleConnsPerHost = 64
		rt = t
	}
	return &http.Client{
		Transport: rt,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if mode, _ := req.Context().Value(redirectModeKey{}).(string); mode == "manual" {
				return http.ErrUseLastResponse
			}
			if len(via) >= 20 {
				return errors.New("too many redirects")
			}
			// Workers forwards all headers, Authorization and Cookie included, on "follow".
			for k, v := range via[0].Header {
				if _, ok := req.Header[k]; !ok {
					req.Header[k] = v
				}
			}
			return nil
		},
	}
}

// installFetch defines the global fetch().
func (iso *Isolate) installFetch(g *goja.Object) error {
	vm := iso.vm
	jsutil.DefineGlobal(g, "fetch", jsutil.Func(vm, "fetch", 1, func(call goja.FunctionCall) goja.Value {
		var req *request
		if ex := vm.Try(func() { req = iso.newRequestState(call.Argument(0), call.Argument(1)) }); ex != nil {
			return iso.Rejected(ex)
		}
		return iso.fetchWith(req, iso.w.client)
	}))
	return nil
}

// fetchWith sends req with client (the network, or a service binding's in-process transport).
func (iso *Isolate) fetchWith(req *request, client *http.Client) goja.Value {
	vm := iso.vm
	if req.body.kind == bodyStream {
		// Deviation: a ReadableStream request body is read to the end, then sent (not streamed).
		p, resolve, reject := vm.NewPromise()
		all := iso.streamCall("readAllBytes", req.body.stream)
		iso.await(all, func(v goja.Value) {
			b, _ := jsutil.Bytes(vm, v)
			req.body = body{kind: bodyBytes, data: append([]byte(nil), b...)}
			iso.await(iso.doFetch(req, client), func(r goja.Value) { _ = resolve(r) }, func(e goja.Value) { _ = reject(e) })
		}, func(e goja.Value) { _ = reject(e) })
		return vm.ToValue(p)
	}
	return iso.doFetch(req, client)
}

// doFetch performs the HTTP request off the loop; the response body stays a Go reader until
// JS reads it (or it is passed straight back to the client).
func (iso *Isolate) doFetch(req *request, client *http.Client) goja.Value {
	u := req.url
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return iso.Rejected(&JSError{Class: "TypeError", Message: "Fetch API cannot load: " + u})
	}
	var rd io.Reader
	var length int64 = -1
	switch req.body.kind {
	case bodyBytes:
		rd = bytes.NewReader(req.body.data)
		length = int64(len(req.body.data))
	case bodyReader:
		r, err := req.body.decodedReader()
		if err != nil {
			return iso.Rejected(&JSError{Class: "TypeError", Message: "Network connection lost."})
		}
		rd = r
		length = req.body.length
		if req.body.encoding != "" {
			length = -1
		}
	}
	req.body.used = req.body.kind != bodyNone
	hdr := make(http.Header, len(req.hdr.fields))
	req.hdr.writeTo(hdr)
	// Workers always sends the Host of the URL; a Host header copied from the incoming
	// request (new Request(url, request)) or set by hand is ignored.
	hdr.Del("Host")
	method, redirect := req.method, req.redirect
	return iso.Async(func(ctx context.Context) Settle {
		ctx = context.WithValue(context.WithoutCancel(ctx), redirectModeKey{}, redirect)
		hr, err := http.NewRequestWithContext(ctx, method, u, rd)
		if err != nil {
			return rejectWith(&JSError{Class: "TypeError", Message: "Fetch API cannot load: " + u})
		}
		hr.Header = hdr
		if length >= 0 {
			hr.ContentLength = length
		}
		resp, err := client.Do(hr)
		return func(vm *goja.Runtime) (goja.Value, error) {
			if err != nil {
				var je *JSError
				if errors.As(err, &je) { // a transport that speaks JS errors (service bindings)
					return nil, je
				}
				return nil, &JSError{Class: "TypeError", Message: "Network connection lost."}
			}
			return iso.wrapFetchResponse(resp, redirect), nil
		}
	})
}

func rejectWith(err error) Settle {
	return func(*goja.Runtime) (goja.Value, error) { return nil, err }
}

func (iso *Isolate) wrapFetchResponse(resp *http.Response, redirect string) goja.Value {
	r := &response{
		status:     resp.StatusCode,
		statusText: strings.TrimSpace(strings.TrimPrefix(resp.Status, itoa3(resp.StatusCode))),
		hdr:        &headers{guard: guardImmutable},
		url:        resp.Request.URL.String(),
		redirected: resp.Request.Response != nil,
		typ:        "basic",
	}
	for k, vs := range resp.Header {
		name := strings.ToLower(k)
		for _, v := range vs {
			r.hdr.fields = append(r.hdr.fields, headerField{name, v})
		}
	}
	if resp.Body != nil && resp.Body != http.NoBody && !isNullBodyStatus(resp.StatusCode) && resp.Request.Method != http.MethodHead {
		enc := strings.ToLower(resp.Header.Get("Content-Encoding"))
		if enc != "gzip" {
			enc = ""
		}
		r.body = body{kind: bodyReader, reader: resp.Body, length: resp.ContentLength, encoding: enc}
	} else if resp.Body != nil {
		resp.Body.Close()
	}
	return iso.cls.response.Wrap(r)
}

func itoa3(n int) string {
	return string([]byte{byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)})
}
