// Package weburl installs the WHATWG URL Standard's URL and URLSearchParams classes into a goja
// runtime, and gives the rest of the runtime (Request, Response, fetch) the same parser through
// ParseHref and SearchParamsBody.
//
// Spec: https://url.spec.whatwg.org/ (the URL class, the API setters, URLSearchParams and the
// application/x-www-form-urlencoded parser and serializer). Behaviour and error messages follow
// workerd's spec-compliant implementation (src/workerd/api/url-standard.c++, the default since
// the url_standard compatibility flag), e.g. TypeError "Invalid URL string." for a URL that does
// not parse.
//
// Parsing, serialising and the attribute setters are github.com/nlnwa/whatwg-url's (the default
// parser options are the standard's; its other options are non-standard canonicalisations).
// Everything around them is written here from the spec: the origin getter, URL.canParse and
// URL.parse, and the whole of URLSearchParams (the library's version decodes '+' after
// percent-decoding, sorts by UTF-8 bytes rather than UTF-16 code units, keeps an empty query
// when the list becomes empty, and lacks delete/has with a value). The query list lives in Go;
// a URL's searchParams object is created on first access and kept in sync in both directions.
//
// Imports: goja, runtime/internal/jsutil, nlnwa/whatwg-url and the standard library.
// Everything must be called on the goroutine that owns the *goja.Runtime (the isolate's event
// loop), except ParseHref, which is a pure function and safe anywhere.
//
// Deviation: URL.createObjectURL and URL.revokeObjectURL are absent (workerd has them but throws
// "not implemented").
//
// Deviation: URLSearchParams.delete and has always honour their second (value) argument, as the
// spec says; workerd does so only with the urlsearchparams_delete_has_value_arg compatibility
// flag (on by default for recent compatibility dates).
//
// Deviation: the TypeError for an invalid value assigned to href has edge's wording; workerd's
// comes from its generic setter-argument error.
package weburl
