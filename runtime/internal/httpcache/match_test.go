package httpcache_test

import (
	"reflect"
	"testing"

	"github.com/edgeruntime/edge/runtime/internal/httpcache"
)

func TestParseRange(t *testing.T) {
	type R = httpcache.Range
	for _, tc := range []struct {
		header string
		want   []R
		ok     bool
	}{
		{"bytes=0-4", []R{{0, 4}}, true},
		{"bytes=5-9", []R{{5, 9}}, true},
		{"bytes=15-", []R{{15, 19}}, true},
		{"bytes=-3", []R{{17, 19}}, true},
		{"bytes=15-100", []R{{15, 19}}, true},
		{"bytes=0-", []R{{0, 19}}, true},
		{"BYTES = 1-2", []R{{1, 2}}, true},
		{"bytes=0-1, 5-6", []R{{0, 1}, {5, 6}}, true},
		{"bytes=", nil, true},
		{"bytes=-0", nil, true},
		{"bytes=-30", nil, true},
		{"bytes=0-1,-30", nil, true},
		{"bytes=100-200", nil, false},
		{"bytes=20-", nil, false},
		{"bytes=5-4", nil, false},
		{"bytes=-", nil, false},
		{"bytes=a-b", nil, false},
		{"items=0-4", nil, false},
		{"0-4", nil, false},
	} {
		got, ok := httpcache.ParseRange(tc.header, 20)
		if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseRange(%q, 20) = %v %v, want %v %v", tc.header, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNotModified(t *testing.T) {
	const lm = "Wed, 01 Jan 2025 00:00:00 GMT"
	for _, tc := range []struct {
		name                string
		inm, ims, etag, lmt string
		want                bool
	}{
		{"etag match", `"v1"`, "", `"v1"`, "", true},
		{"weak request tag", `W/"v1"`, "", `"v1"`, "", true},
		{"weak stored tag", `"v1"`, "", `W/"v1"`, "", true},
		{"list", `"x", "v1"`, "", `"v1"`, "", true},
		{"star", "*", "", `"v1"`, "", true},
		{"star without etag", "*", "", "", "", false},
		{"other tag", `"v2"`, "", `"v1"`, "", false},
		{"unquoted stored tag", `"v1"`, "", "v1", "", false},
		{"since later", "", "Thu, 02 Jan 2025 00:00:00 GMT", "", lm, true},
		{"since same", "", lm, "", lm, true},
		{"since earlier", "", "Tue, 31 Dec 2024 00:00:00 GMT", "", lm, false},
		{"since invalid", "", "yesterday", "", lm, false},
		{"tag mismatch, date matches", `"v2"`, lm, `"v1"`, lm, true},
	} {
		if got := httpcache.NotModified(tc.inm, tc.ims, tc.etag, tc.lmt); got != tc.want {
			t.Errorf("%s: NotModified = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"bytes=0-4", "bytes=-3", "bytes=1-,2-3", "bytes=99999999999999999999-", "items=1-2"} {
		f.Add(s, int64(20))
	}
	f.Fuzz(func(t *testing.T, header string, size int64) {
		if size < 0 {
			size = -size
		}
		ranges, ok := httpcache.ParseRange(header, size)
		if !ok && ranges != nil {
			t.Fatalf("ranges with ok=false: %v", ranges)
		}
		for _, r := range ranges {
			if r.Start < 0 || r.End >= size || r.Start > r.End {
				t.Fatalf("range %v outside a body of %d bytes (header %q)", r, size, header)
			}
		}
	})
}
