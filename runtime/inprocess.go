package runtime

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// RoundTripper returns an http.RoundTripper that hands requests straight to this worker's
// fetch handler in-process: no socket, no serialisation of the body beyond a pipe. Service
// bindings (env.SVC.fetch) use it; the response body streams as the target writes it.
func (w *Worker) RoundTripper() http.RoundTripper { return inProcess{w} }

type inProcess struct{ w *Worker }

// Scheduled runs the worker's scheduled handler: a Fetcher over this transport supports
// scheduled() (see ScheduledTransport).
func (t inProcess) Scheduled(ctx context.Context, cron string, at time.Time) error {
	return t.w.Scheduled(ctx, cron, at)
}

// ScheduledTransport is a Fetcher transport that can also run the target's scheduled handler;
// a Fetcher built over one (NewFetcher) supports scheduled(), as workerd's Fetcher does.
type ScheduledTransport interface {
	http.RoundTripper
	Scheduled(ctx context.Context, cron string, at time.Time) error
}

func (t inProcess) RoundTrip(req *http.Request) (*http.Response, error) {
	pr, pw := io.Pipe()
	rw := &pipeResponseWriter{header: make(http.Header), body: pw, ready: make(chan struct{})}
	if req.Body == nil {
		req.Body = http.NoBody
	}
	// The response body ends when the caller's request does (the calling invocation finished
	// or aborted), so a target writing a body nobody reads does not block forever.
	stop := context.AfterFunc(req.Context(), func() { pr.CloseWithError(context.Canceled) })
	sreq := req.Clone(req.Context())
	sreq.RequestURI = req.URL.RequestURI()
	sreq.Host = req.URL.Host
	go func() {
		defer func() {
			rw.WriteHeader(http.StatusOK) // no-op if the handler wrote one
			pw.Close()
			stop()
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
	client    *http.Client
	name      string
	scheduled ScheduledTransport // nil: scheduled() is not supported
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
		c.Method("scheduled", 1, func(f *fetcher, call goja.FunctionCall) goja.Value {
			return iso.Guard(func() goja.Value { return iso.fetcherScheduled(f, call.Argument(0)) })
		})
		c.Method("connect", 1, func(f *fetcher, call goja.FunctionCall) goja.Value {
			jsutil.Throw(iso.vm, "Error", "connect() is not supported on service bindings by edge")
			return nil
		})
		return c
	}).(*jsutil.Class[*fetcher])
	f := &fetcher{client: newHTTPClient(rt), name: name}
	f.scheduled, _ = rt.(ScheduledTransport)
	return c.Wrap(f)
}

// fetcherScheduled is Fetcher.scheduled({cron, scheduledTime}): it runs the target's
// scheduled handler and resolves to {outcome: "ok" | "exception", noRetry}.
// Deviation: noRetry is always false (the controller's noRetry() is not reported back).
func (iso *Isolate) fetcherScheduled(f *fetcher, opts goja.Value) goja.Value {
	if f.scheduled == nil {
		jsutil.Throw(iso.vm, "TypeError", "scheduled() is not supported by this Fetcher")
	}
	at := time.Now()
	cron := ""
	if o, ok := opts.(*goja.Object); ok {
		if v := o.Get("cron"); v != nil && !goja.IsUndefined(v) {
			cron = v.String()
		}
		if v := o.Get("scheduledTime"); v != nil && !goja.IsUndefined(v) {
			if d, ok := v.Export().(time.Time); ok {
				at = d
			} else {
				at = time.UnixMilli(v.ToInteger())
			}
		}
	}
	return iso.Async(func(ctx context.Context) Settle {
		err := f.scheduled.Scheduled(ctx, cron, at)
		return func(vm *goja.Runtime) (goja.Value, error) {
			r := vm.NewObject()
			outcome := "ok"
			if err != nil {
				outcome = "exception"
			}
			_ = r.Set("outcome", outcome)
			_ = r.Set("noRetry", false)
			return r, nil
		}
	})
}
