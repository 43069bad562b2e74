package httpcache

import (
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Field is one header: a lower-case name and its (combined) value.
type Field struct{ Name, Value string }

// Header returns the value of the first field named name (lower case) and whether there is one.
func Header(fields []Field, name string) (string, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// understood are the statuses a shared cache understands; only they are stored.
var understood = map[int]bool{200: true, 203: true, 204: true, 300: true, 301: true, 302: true, 303: true, 307: true, 308: true, 404: true, 405: true, 410: true, 414: true, 501: true}

// cacheableByDefault are the statuses stored without explicit freshness information.
var cacheableByDefault = map[int]bool{200: true, 203: true, 204: true, 206: true, 300: true, 301: true, 308: true, 404: true, 405: true, 410: true, 414: true, 501: true}

// hopByHop headers are never stored (date is replaced by the time of the put).
var hopByHop = map[string]bool{"date": true, "connection": true, "keep-alive": true, "proxy-authenticate": true, "proxy-authorization": true, "te": true, "trailer": true, "transfer-encoding": true, "upgrade": true}

// heuristicFraction is the share of (Date − Last-Modified) a response without explicit
// freshness stays fresh (RFC 7234 §4.2.2).
const heuristicFraction = 0.1

// immutableMinTTL is how long a response marked immutable stays fresh at least, when no
// max-age says otherwise.
const immutableMinTTL = 24 * time.Hour

// Decision is what Evaluate concluded about a response offered to put().
type Decision struct {
	// Store is false when the response must not be stored at all (the entry that was there
	// stays). A storable response with a TTL of 0 replaces the entry with nothing.
	Store bool
	TTL   time.Duration
	// Headers are the headers to store: hop-by-hop headers removed, Age and Date set.
	Headers []Field
}

var privateSetCookie = regexp.MustCompile(`(?i)private=set-cookie;?`)

// Evaluate applies the cache's storage rules to a response with status and headers (names
// lower case, values combined) offered for a request with the given headers, at now.
//
// A response with Set-Cookie is not stored unless its Cache-Control has private=Set-Cookie,
// in which case Set-Cookie is dropped and the directive removed. 204 is never stored (the
// local cache cannot hold a null-body status).
func Evaluate(reqHeaders []Field, status int, resHeaders []Field, now time.Time) Decision {
	hdr := make([]Field, 0, len(resHeaders))
	hdr = append(hdr, resHeaders...)
	if cc, ok := Header(hdr, "cache-control"); ok && strings.Contains(strings.ToLower(cc), "private=set-cookie") {
		cc = privateSetCookie.ReplaceAllString(strings.ToLower(cc), "")
		out := hdr[:0]
		for _, f := range hdr {
			switch f.Name {
			case "set-cookie":
				continue
			case "cache-control":
				f.Value = cc
			}
			out = append(out, f)
		}
		hdr = out
	}
	cc := parseCacheControl(headerOr(hdr, "cache-control"))
	if _, ok := Header(hdr, "cache-control"); !ok && strings.Contains(headerOr(hdr, "pragma"), "no-cache") {
		cc["no-cache"] = ""
	}
	_, setCookie := Header(hdr, "set-cookie")
	if setCookie || !storable(reqHeaders, status, hdr, cc) {
		return Decision{}
	}
	age := ageValue(hdr)
	ttl := maxAge(status, hdr, cc, now) - age
	ttl = math.Max(ttl, math.Max(ttl+numberOrZero(cc["stale-if-error"]), ttl+numberOrZero(cc["stale-while-revalidate"])))
	ttl = math.Max(0, ttl)
	stored := make([]Field, 0, len(hdr)+2)
	for _, f := range hdr {
		if !hopByHop[f.Name] && f.Name != "age" {
			stored = append(stored, f)
		}
	}
	stored = append(stored, Field{"age", strconv.FormatInt(int64(math.Round(age)), 10)}, Field{"date", now.UTC().Format(http.TimeFormat)})
	return Decision{Store: true, TTL: time.Duration(ttl * float64(time.Second)), Headers: stored}
}

func headerOr(fields []Field, name string) string {
	v, _ := Header(fields, name)
	return v
}

// storable is RFC 7234 §3 for a shared cache and a GET request.
func storable(reqHeaders []Field, status int, hdr []Field, cc map[string]string) bool {
	if status == http.StatusNoContent || !understood[status] {
		return false
	}
	if _, ok := cc["no-store"]; ok {
		return false
	}
	if _, ok := cc["private"]; ok {
		return false
	}
	if _, auth := Header(reqHeaders, "authorization"); auth {
		_, mr := cc["must-revalidate"]
		_, pub := cc["public"]
		_, sm := cc["s-maxage"]
		if !mr && !pub && !sm {
			return false
		}
	}
	_, expires := Header(hdr, "expires")
	_, ma := cc["max-age"]
	_, sm := cc["s-maxage"]
	_, pub := cc["public"]
	return expires || ma || sm || pub || cacheableByDefault[status]
}

// maxAge is the freshness lifetime in seconds, counted from the response's Date.
func maxAge(status int, hdr []Field, cc map[string]string, now time.Time) float64 {
	if _, ok := cc["no-cache"]; ok {
		return 0
	}
	if _, ok := cc["proxy-revalidate"]; ok {
		return 0
	}
	if v, ok := cc["s-maxage"]; ok {
		return numberOrZero(v)
	}
	if v, ok := cc["max-age"]; ok {
		return numberOrZero(v)
	}
	var minTTL float64
	if _, ok := cc["immutable"]; ok {
		minTTL = immutableMinTTL.Seconds()
	}
	date := now
	if d, ok := parseDate(headerOr(hdr, "date")); ok {
		date = d
	}
	if e, ok := Header(hdr, "expires"); ok {
		exp, ok := parseDate(e)
		if !ok || exp.Before(date) {
			return 0
		}
		return math.Max(minTTL, exp.Sub(date).Seconds())
	}
	if lm, ok := parseDate(headerOr(hdr, "last-modified")); ok && date.After(lm) {
		return math.Max(minTTL, date.Sub(lm).Seconds()*heuristicFraction)
	}
	return minTTL
}

// ageValue is the Age header in seconds (0 when absent or not a number).
func ageValue(hdr []Field) float64 { return numberOrZero(headerOr(hdr, "age")) }

// parseCacheControl splits a Cache-Control value into directives. Names are kept as written
// (the reference cache matches them case-sensitively); quoted values lose their quotes; a
// later directive of the same name wins.
func parseCacheControl(v string) map[string]string {
	cc := map[string]string{}
	if strings.TrimSpace(v) == "" {
		return cc
	}
	for _, part := range strings.Split(strings.TrimSpace(v), ",") {
		name, val, _ := strings.Cut(part, "=")
		if i := strings.IndexByte(val, '='); i >= 0 {
			val = val[:i]
		}
		val = strings.TrimSpace(val)
		val = strings.TrimSuffix(strings.TrimPrefix(val, `"`), `"`)
		cc[strings.TrimSpace(name)] = val
	}
	return cc
}

// numberOrZero reads a leading decimal integer ("60", "60s"), as parseInt does; anything else
// is 0.
func numberOrZero(s string) float64 {
	s = strings.TrimSpace(s)
	end := 0
	if end < len(s) && (s[end] == '-' || s[end] == '+') {
		end++
	}
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.ParseFloat(s[:end], 64)
	if err != nil {
		return 0
	}
	return n
}

// dateLayouts are the HTTP date forms (RFC 7231 §7.1.1.1) and a few close relatives.
var dateLayouts = []string{http.TimeFormat, time.RFC1123, time.RFC1123Z, time.RFC850, time.ANSIC, "Mon, 2 Jan 2006 15:04:05 GMT", time.RFC3339}

func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
