// Package encoding installs the WHATWG Encoding Standard classes TextEncoder and TextDecoder and
// the HTML base64 utilities atob and btoa into a goja runtime.
//
// Specs: https://encoding.spec.whatwg.org/ (TextEncoder, TextDecoder, the UTF-8/UTF-16 decoders,
// labels) and https://html.spec.whatwg.org/multipage/webappapis.html#atob (forgiving-base64).
// Behaviour and error messages follow workerd (src/workerd/api/encoding.c++ and
// global-scope.c++) where it is observable.
//
// Imports: goja, runtime/internal/jsutil, golang.org/x/text/encoding (label table and the
// legacy decoders) and the standard library. Everything must be called on the goroutine that
// owns the *goja.Runtime (the isolate's event loop); nothing here is safe for concurrent use.
//
// Work happens in Go: strings are read and written without calling back into JS, and
// TextDecoder.decode reads the bytes of its argument in place (jsutil.Bytes) instead of
// copying them first. UTF-8 (the common case) and UTF-16 have hand-written decoders that follow
// the spec's state machines exactly (one U+FFFD per maximal subpart, so F0 9F 98 decodes to a
// single U+FFFD as in V8); valid UTF-8 input is converted with a single copy. Single-byte
// legacy encodings use a 128-entry table built from x/text's charmaps; the CJK encodings use
// x/text's streaming decoders.
//
// Deviation: TextDecoder accepts the "x-user-defined" label as the spec says; workerd throws
// RangeError for it.
//
// Deviation: "windows-1252" and its labels ("latin1", "ascii", "iso-8859-1", …) decode with the
// spec's windows-1252 table (0x80 is "€"); workerd decodes them as ISO-8859-1 (0x80 is U+0080).
//
// Deviation: UTF-16 decoding always replaces lone surrogates with U+FFFD (and fatal mode throws
// on them), as the spec says; workerd passes them through unless its pedantic_wpt flag is on.
//
// Deviation: x/text maps the bytes 0x80–0x9F that the WHATWG single-byte indexes map to C1
// controls to U+FFFD; this package restores the spec's mapping (byte 0x80+n → U+0080+n).
//
// Deviation: in fatal mode the CJK decoders (x/text) cannot report errors, so any U+FFFD in
// their output counts as an error; gb18030 input that legitimately encodes U+FFFD (84 31 A4 37)
// is therefore rejected in fatal mode. The CJK decoders' error recovery has not been checked
// against the WPT encoding suite.
//
// Deviation: after TextDecoder.decode throws in fatal mode, the decoder starts a new stream on
// the next call (the spec keeps unread bytes of a streaming call queued).
package encoding
