package httpcache

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Range is an inclusive byte range of a stored body.
type Range struct{ Start, End int64 }

// Len is the number of bytes in the range.
func (r Range) Len() int64 { return r.End - r.Start + 1 }

// ParseRange reads a Range request header against a body of size bytes, as the local
// reference cache does. It returns the ranges to serve in the order asked, or ok=false when the
// header is malformed or a range cannot be satisfied (the cache answers 416). A range running
// past the end is clipped. No ranges with ok=true means the whole body (200): a header with no
// ranges, only "-0" suffixes, or a suffix at least as long as the body.
func ParseRange(header string, size int64) (ranges []Range, ok bool) {
	m := rangePrefix.FindStringIndex(header)
	if m == nil {
		return nil, false
	}
	spec := header[m[1]:]
	if strings.TrimLeft(spec, " \t\n\r") == "" {
		return nil, true
	}
	for _, part := range strings.Split(spec, ",") {
		g := rangeSpec.FindStringSubmatch(part)
		if g == nil {
			return nil, false
		}
		first, last := g[1], g[2]
		switch {
		case first != "" && last != "":
			s, e := parseDigits(first), parseDigits(last)
			if s > e || s >= size {
				return nil, false
			}
			ranges = append(ranges, Range{s, min(e, size-1)})
		case first != "":
			s := parseDigits(first)
			if s >= size {
				return nil, false
			}
			ranges = append(ranges, Range{s, size - 1})
		case last != "":
			n := parseDigits(last)
			if n >= size {
				return nil, true
			}
			if n > 0 {
				ranges = append(ranges, Range{size - n, size - 1})
			}
		default:
			return nil, false
		}
	}
	return ranges, true
}

var (
	rangePrefix = regexp.MustCompile(`^(?i) *bytes *=`)
	rangeSpec   = regexp.MustCompile(`^ *(\d+)? *- *(\d+)? *$`)
)

// parseDigits reads a run of decimal digits, saturating instead of overflowing.
func parseDigits(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return math.MaxInt64
	}
	return n
}

var etagPattern = regexp.MustCompile(`^(?:W/)?"(.+)"$`)

// opaqueTag is an entity tag without its weakness prefix and quotes, or "" if it is not one.
func opaqueTag(v string) string {
	m := etagPattern.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return ""
	}
	return m[1]
}

// NotModified reports whether a conditional request (its If-None-Match and If-Modified-Since
// headers) is answered 304 by a stored response with the given ETag and Last-Modified. Tags
// compare weakly (W/"x" matches "x"); dates must be IMF-fixdate.
func NotModified(ifNoneMatch, ifModifiedSince, etag, lastModified string) bool {
	if ifNoneMatch != "" && etag != "" {
		if tag := opaqueTag(etag); tag != "" {
			if strings.TrimSpace(ifNoneMatch) == "*" {
				return true
			}
			for _, c := range strings.Split(ifNoneMatch, ",") {
				if opaqueTag(c) == tag {
					return true
				}
			}
		}
	}
	if ifModifiedSince != "" && lastModified != "" {
		since, ok1 := parseIMFDate(ifModifiedSince)
		mod, ok2 := parseIMFDate(lastModified)
		if ok1 && ok2 && !mod.After(since) {
			return true
		}
	}
	return false
}

func parseIMFDate(s string) (time.Time, bool) {
	t, err := time.Parse("Mon, 02 Jan 2006 15:04:05 GMT", s)
	return t, err == nil
}
