package bindings

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime"
)

// Service is a service binding: env.NAME is a Fetcher whose fetch() calls the target worker's
// fetch handler in-process (no network hop). Target is resolved on each call, so workers may
// bind each other in any order (or in a cycle).
type Service struct {
	Binding string
	Service string // the target worker's name
	// Target returns the target worker, or nil when no worker of that name runs here.
	Target func() *runtime.Worker
}

// Name implements runtime.Binding.
func (s *Service) Name() string { return s.Binding }

// Value implements runtime.Binding.
func (s *Service) Value(iso *runtime.Isolate) (goja.Value, error) {
	return iso.NewFetcher(s.Binding, serviceTransport{s}), nil
}

type serviceTransport struct{ s *Service }

func (t serviceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	w := t.s.Target()
	if w == nil {
		return nil, &runtime.JSError{Class: "Error", Message: fmt.Sprintf(
			"Service binding %q points to worker %q, which is not running in this edge process; pass its config with another --config.",
			t.s.Binding, t.s.Service)}
	}
	return w.RoundTripper().RoundTrip(req)
}

// Scheduled runs the target's scheduled handler (env.SVC.scheduled()).
func (t serviceTransport) Scheduled(ctx context.Context, cron string, at time.Time) error {
	w := t.s.Target()
	if w == nil {
		return fmt.Errorf("service binding %q points to worker %q, which is not running in this edge process", t.s.Binding, t.s.Service)
	}
	return w.Scheduled(ctx, cron, at)
}
