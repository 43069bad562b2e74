// Package httpcache holds the HTTP caching rules of the Workers Cache API as the local reference
// (workerd under wrangler dev, whose cache service follows RFC 7234 for a shared cache) applies
// them: whether a response may be stored and for how long (Cache-Control max-age, s-maxage,
// no-store, no-cache, private, Expires, Age, the Last-Modified heuristic, Set-Cookie), which
// headers are stored, and how a stored response answers a lookup (Range → 206/416,
// If-None-Match/If-Modified-Since → 304).
//
// It is pure: no I/O, no JS, no clock of its own (callers pass the time). It imports nothing
// of ours; package runtime uses it for caches.default and caches.open().
//
// Reference: https://developers.cloudflare.com/workers/runtime-apis/cache/ and RFC 7234/7233.
package httpcache
