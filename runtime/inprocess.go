package runtime

import (
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// RoundTripper returns an http.RoundTripper that hands requests straight to this worker's
// fetch handler in-process: no socket, no serialisation of the body beyond a pipe. Service
// bindings (env.SVC.fetch) use it; the response body streams as the target writes it.
func (w *Worker) RoundTripper() http.RoundTripper { return inProcess{w} }

type inProcess struct{ w *Worker }

func (t inProcess) RoundTrip(req *http.Request) (*http.Response, error) {
	pr, pw := io.Pipe()
	rw := &pipeResponseWriter{header: make(http.Header), body: pw, ready: make(chan struct{})}
	if req.Body == nil {
		req.Body = http.NoBody
	}
	sreq := req.Clone(req.Context())
	sreq.RequestURI = req.URL.RequestURI()
	sreq.Host = req.URL.Host
	go func() {
		defer func() {
			rw.WriteHeader(http.StatusOK) // no-op if the handler wrote one
			pw.Close()
		}()
		t.w.ServeHTTP(rw, sreq)
	}()
	<-rw.ready
	resp := &http.Response{
		Status:        strconv.Itoa(rw.status) + " " + http.StatusText(rw.status),
		StatusCode:    rw.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        rw.header.Clone(),
		Body:          pr,
		ContentLength: -1,
		Request:       req,
	}
	if cl := resp.Header.Get("Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil {
			resp.ContentLength = n
		}
	}
	return resp, nil
}

// pipeResponseWriter is the http.ResponseWriter of an in-process request: headers are handed
// over when written, the body flows through a pipe.
type pipeResponseWriter struct {
	header http.Header
	body   *io.PipeWriter
	status int
	once   sync.Once
	ready  chan struct{}
}

func (p *pipeResponseWriter) Header() http.Header { return p.header }

func (p *pipeResponseWriter) WriteHeader(status int) {
	p.once.Do(func() {
		p.status = status
		close(p.ready)
	})
}

func (p *pipeResponseWriter) Write(b []byte) (int, error) {
	p.WriteHeader(http.StatusOK)
	return p.body.Write(b)
}

func (p *pipeResponseWriter) Flush() {}

// fetcher is the Go state of a Fetcher (a service binding): fetch() goes through rt.
type fetcher struct {
	jsutil.Expando
	client *http.Client
	name   string
}

type fetcherClassKey struct{}

// NewFetcher returns a Fetcher object (what a service binding is in Workers) whose fetch()
// sends requests through rt instead of the network.
func (iso *Isolate) NewFetcher(name string, rt http.RoundTripper) goja.Value {
	c := iso.Local(fetcherClassKey{}, func() any {
		c := jsutil.NewClass[*fetcher](iso.vm, "Fetcher", 0, nil)
		c.Method("fetch", 1, func(f *fetcher, call goja.FunctionCall) goja.Value {
			var req *request
			if ex := iso.vm.Try(func() { req = iso.newRequestState(call.Argument(0), call.Argument(1)) }); ex != nil {
				return iso.Rejected(ex)
			}
			return iso.fetchWith(req, f.client)
		})
		c.Method("connect", 1, func(f *fetcher, call goja.FunctionCall) goja.Value {
			jsutil.Throw(iso.vm, "Error", "connect() is not supported on service bindings by edge")
			return nil
		})
		return c
	}).(*jsutil.Class[*fetcher])
	return c.Wrap(&fetcher{client: newHTTPClient(rt), name: name})
}
