package httpcache_test

import (
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime/internal/httpcache"
)

var now = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func h(kv ...string) []httpcache.Field {
	var out []httpcache.Field
	for i := 0; i < len(kv); i += 2 {
		out = append(out, httpcache.Field{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

func TestEvaluateTTL(t *testing.T) {
	for _, tc := range []struct {
		name   string
		req    []httpcache.Field
		status int
		res    []httpcache.Field
		store  bool
		ttl    time.Duration
	}{
		{"max-age", nil, 200, h("cache-control", "max-age=60"), true, 60 * time.Second},
		{"s-maxage beats max-age", nil, 200, h("cache-control", "max-age=60, s-maxage=5"), true, 5 * time.Second},
		{"s-maxage=0", nil, 200, h("cache-control", "s-maxage=0, max-age=60"), true, 0},
		{"quoted and spaced", nil, 200, h("cache-control", ` max-age = "30" `), true, 30 * time.Second},
		{"leading digits", nil, 200, h("cache-control", "max-age=12abc"), true, 12 * time.Second},
		{"names are case-sensitive", nil, 200, h("cache-control", "MAX-AGE=60"), true, 0},
		{"no headers", nil, 200, nil, true, 0},
		{"no-store", nil, 200, h("cache-control", "no-store, max-age=60"), false, 0},
		{"private", nil, 200, h("cache-control", "private, max-age=60"), false, 0},
		{"no-cache", nil, 200, h("cache-control", "no-cache, max-age=60"), true, 0},
		{"pragma no-cache without cache-control", nil, 200, h("pragma", "no-cache", "expires", "Fri, 01 Jan 2100 00:00:00 GMT"), true, 0},
		{"age counts against max-age", nil, 200, h("cache-control", "max-age=60", "age", "10"), true, 50 * time.Second},
		{"age past max-age", nil, 200, h("cache-control", "max-age=60", "age", "100"), true, 0},
		{"stale-while-revalidate extends", nil, 200, h("cache-control", "max-age=0, stale-while-revalidate=60"), true, 60 * time.Second},
		{"stale-if-error extends", nil, 200, h("cache-control", "max-age=10, stale-if-error=20"), true, 30 * time.Second},
		{"expires", nil, 200, h("expires", "Fri, 02 Jan 2026 04:04:05 GMT"), true, time.Hour},
		{"expires from date", nil, 200, h("expires", "Fri, 02 Jan 2026 04:04:05 GMT", "date", "Fri, 02 Jan 2026 03:04:05 GMT"), true, time.Hour},
		{"expires past", nil, 200, h("expires", "Thu, 01 Jan 1970 00:00:00 GMT"), true, 0},
		{"expires invalid", nil, 200, h("expires", "soon"), true, 0},
		{"last-modified heuristic", nil, 200, h("last-modified", "Fri, 02 Jan 2026 02:04:05 GMT"), true, 6 * time.Minute},
		{"immutable minimum", nil, 200, h("cache-control", "immutable"), true, 24 * time.Hour},
		{"set-cookie", nil, 200, h("cache-control", "max-age=60", "set-cookie", "a=1"), false, 0},
		{"set-cookie public", nil, 200, h("cache-control", "public, max-age=60", "set-cookie", "a=1"), false, 0},
		{"private=set-cookie", nil, 200, h("cache-control", "private=Set-Cookie, max-age=60", "set-cookie", "a=1"), true, 60 * time.Second},
		{"404", nil, 404, h("cache-control", "max-age=60"), true, 60 * time.Second},
		{"500 not understood", nil, 500, h("cache-control", "max-age=60"), false, 0},
		{"201 not understood", nil, 201, h("cache-control", "max-age=60"), false, 0},
		{"204 never", nil, 204, h("cache-control", "max-age=60"), false, 0},
		{"302 with max-age", nil, 302, h("cache-control", "max-age=60"), true, 60 * time.Second},
		{"302 without is not storable", nil, 302, nil, false, 0},
		{"authorization needs public", h("authorization", "x"), 200, h("cache-control", "max-age=60"), false, 0},
		{"authorization with public", h("authorization", "x"), 200, h("cache-control", "public, max-age=60"), true, 60 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := httpcache.Evaluate(tc.req, tc.status, tc.res, now)
			if d.Store != tc.store || d.TTL != tc.ttl {
				t.Fatalf("Evaluate = store %v ttl %v, want store %v ttl %v", d.Store, d.TTL, tc.store, tc.ttl)
			}
		})
	}
}

func TestEvaluateStoredHeaders(t *testing.T) {
	d := httpcache.Evaluate(nil, 200, h("cache-control", "private=Set-Cookie, max-age=60", "set-cookie", "a=1", "connection", "close",
		"keep-alive", "timeout=5", "date", "Thu, 01 Jan 2015 00:00:00 GMT", "age", "7", "x-kept", "1"), now)
	want := h("cache-control", ", max-age=60", "x-kept", "1", "age", "7", "date", "Fri, 02 Jan 2026 03:04:05 GMT")
	if len(d.Headers) != len(want) {
		t.Fatalf("headers = %v, want %v", d.Headers, want)
	}
	for i := range want {
		if d.Headers[i] != want[i] {
			t.Fatalf("headers = %v, want %v", d.Headers, want)
		}
	}
}

// Vary is not part of the key and not checked at match time (Workers ignores it, except that
// put() rejects Vary: *); a Vary response is stored like any other.
func TestEvaluateVaryIsStored(t *testing.T) {
	d := httpcache.Evaluate(h("accept-language", "de"), 200, h("cache-control", "max-age=60", "vary", "Accept-Language"), now)
	if !d.Store || d.TTL != time.Minute {
		t.Fatalf("Vary response: %+v", d)
	}
}
