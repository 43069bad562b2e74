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
			switch mode, _ := req.Context().Value(redirectModeKey{}).(string); mode {
			case "manual":
				return http.ErrUseLastResponse
			case "error":
				return &JSError{Class: "TypeError", Message: "Fetch failed: redirect mode is \"error\"."}
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
	jsutil.DefineGlobal(g, "fetch", jsutil.Func(vm, "fetch", 0, func(call goja.FunctionCall) goja.Value {
		iso.CheckRequestContext()
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
	if inv := iso.current; inv != nil {
		inv.subrequests++
		if inv.subrequests > iso.w.subrequestLimit {
			return iso.Rejected(&JSError{Class: "Error", Message: "Too many subrequests."})
		}
	}
	return iso.doFetch(req, client)
}

// DefaultSubrequestLimit is Workers' (paid plan) limit of fetch() calls per invocation.
const DefaultSubrequestLimit = 10000

// doFetch performs the HTTP request off the loop; the response body stays a Go reader until
// JS reads it (or it is passed straight back to the client).
func (iso *Isolate) doFetch(req *request, client *http.Client) goja.Value {
	u := req.url
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return iso.Rejected(&JSError{Class: "TypeError", Message: "Fetch API cannot load: " + u})
	}
	var rd io.Reader
	var length int64 = -1
	var streamReader *jsStreamReader
	switch req.body.kind {
	case bodyStream:
		if iso.streamCall("isLocked", req.body.stream).ToBoolean() || iso.streamCall("isDisturbed", req.body.stream).ToBoolean() {
			return iso.Rejected(&JSError{Class: "TypeError", Message: bodyUsedMessage})
		}
		sr, err := iso.newJSStreamReader(req.body.stream)
		if err != nil {
			return iso.Rejected(err)
		}
		streamReader, rd = sr, sr
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
	if isWebSocketUpgrade(hdr) {
		return iso.fetchWebSocket(u, hdr, client)
	}
	// Workers always sends the Host of the URL; a Host header copied from the incoming
	// request (new Request(url, request)) or set by hand is ignored.
	hdr.Del("Host")
	method, redirect := req.method, req.redirect
	// An AbortSignal cancels the request; the promise rejects with the signal's reason.
	abortCtx, cancel := context.WithCancel(context.Background())
	var abortReason goja.Value
	removeAbort := func() {}
	if req.signal != nil {
		if aborted, reason, ok := iso.dom.SignalAborted(req.signal); ok && aborted {
			cancel()
			if streamReader != nil {
				streamReader.Close()
			}
			return iso.Rejected(&thrownValue{reason})
		}
		removeAbort = iso.dom.OnAbort(req.signal, func(reason goja.Value) {
			abortReason = reason
			cancel()
		})
	}
	// The request outlives the incoming request's context (waitUntil work may fetch after the
	// response); it ends on abort or when its body is closed.
	p := iso.Async(func(context.Context) Settle {
		ctx := context.WithValue(abortCtx, redirectModeKey{}, redirect)
		hr, err := http.NewRequestWithContext(ctx, method, u, rd)
		if err != nil {
			return rejectWith(&JSError{Class: "TypeError", Message: "Fetch API cannot load: " + u})
		}
		hr.Header = hdr
		if length >= 0 {
			hr.ContentLength = length
		}
		resp, err := client.Do(hr) // the transport closes rd (a JS stream reader) when done with it
		return func(vm *goja.Runtime) (goja.Value, error) {
			removeAbort()
			if abortReason != nil {
				if resp != nil {
					resp.Body.Close()
				}
				cancel()
				return nil, &thrownValue{abortReason}
			}
			if err != nil {
				cancel()
				var je *JSError
				if errors.As(err, &je) { // a transport that speaks JS errors (service bindings)
					return nil, je
				}
				if strings.Contains(err.Error(), "connection refused") {
					return nil, &JSError{Class: "Error", Message: "Network connection lost."}
				}
				return nil, &JSError{Class: "TypeError", Message: "Network connection lost."}
			}
			return iso.wrapFetchResponse(resp, redirect, cancel), nil
		}
	})
	return p
}

func rejectWith(err error) Settle {
	return func(*goja.Runtime) (goja.Value, error) { return nil, err }
}

func (iso *Isolate) wrapFetchResponse(resp *http.Response, redirect string, cancel context.CancelFunc) goja.Value {
	r := &response{
		status:     resp.StatusCode,
		statusText: strings.TrimSpace(strings.TrimPrefix(resp.Status, itoa3(resp.StatusCode))),
		hdr:        &headers{guard: guardImmutable},
		url:        resp.Request.URL.String(),
		redirected: resp.Request.Response != nil,
		typ:        "default", // workerd's fetch() responses report "default"
	}
	for k, vs := range resp.Header {
		name := strings.ToLower(k)
		for _, v := range vs {
			r.hdr.fields = append(r.hdr.fields, headerField{name, v})
		}
	}
	if resp.Body != nil && resp.Body != http.NoBody && !isNullBodyStatus(resp.StatusCode) && resp.Request.Method != http.MethodHead {
		// JS reads see the body decoded (gzip, deflate, br), the header kept, as Workers does.
		enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
		switch enc {
		case "gzip", "x-gzip", "deflate", "br":
		default:
			enc = ""
		}
		r.body = body{kind: bodyReader, reader: cancelOnClose{resp.Body, cancel}, length: resp.ContentLength, encoding: enc}
	} else {
		if resp.Body != nil {
			resp.Body.Close()
		}
		cancel()
	}
	return iso.cls.response.Wrap(r)
}

func itoa3(n int) string {
	return string([]byte{byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)})
}

// cancelOnClose releases the request's context once its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
