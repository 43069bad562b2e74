// Package formdata implements Blob, File and FormData for goja as Go-backed classes
// (jsutil.NewClass), plus the entry points the runtime's Request/Response body code needs:
// BlobBytes and NewBlob (a Blob as a body, and body.blob()), FormDataBody (a FormData as a
// multipart/form-data body) and ParseFormData (body.formData()).
//
// Specs: File API (https://w3c.github.io/FileAPI/: Blob, File), XHR Standard §5
// (https://xhr.spec.whatwg.org/#interface-formdata: FormData), HTML's multipart/form-data
// encoding algorithm and RFC 7578 (serialisation), the URL Standard's
// application/x-www-form-urlencoded parser, and the MIME Sniffing Standard's MIME type parser
// (Content-Type). Where Workers chose differently, this package follows workerd
// (src/workerd/api/blob.c++, form-data.c++) and takes its error messages from there; those
// places say "workerd" in the code. Differences from workerd are marked "Deviation:".
//
// # Shape
//
// Blob and File share one Go state type (*blob; a File has file info), so Blob.prototype's
// brand checks accept Files; File.prototype inherits from Blob.prototype and File from Blob.
// A Blob's bytes are immutable once it exists: slices, Files made from Blobs, and FormData
// entries share them, and every read (arrayBuffer, bytes, stream) hands JS a copy. FormData
// keeps its entries in Go in insertion order; an entry is a string or a File, and a File's JS
// object is created on first access and then kept, so fd.get(n) === fd.get(n). Iterators read
// the live list by index.
//
// Workers semantics kept on purpose: parsed multipart parts with a filename parameter are File
// objects (compat flag formdata_parser_supports_files, on since 2021-11-03) and plain parts
// are strings; a filename passed with a string value is ignored (browsers throw); File
// lastModified keeps the double it was given (NaN becomes 0).
//
// # Multipart
//
// Serialisation uses mime/multipart's Writer (CreatePart, its random boundary and CRLF
// layout) with a Content-Disposition written here, because CreateFormFile escapes '"' as \"
// where browsers and workerd send %22. Parsing is written here rather than with
// multipart.Reader; multipart.go says why. Both are fuzzed against each other
// (FuzzParseFormData).
//
// # Limits
//
// MaxSize (128 MiB, Workers' default Blob limit) bounds a Blob (RangeError "Blob size N exceeds
// limit M", workerd's), a serialised form body, a body given to ParseFormData, and what a parse
// may allocate: every entry is charged its bytes plus a fixed overhead, so a body of millions of
// empty fields is refused instead of growing into gigabytes of entries.
//
// # Imports and threading
//
// formdata imports goja, runtime/internal/jsutil and the standard library (mime/multipart,
// net/textproto). It does not use weburl: weburl's urlencoded parser is not exported, so
// urlencoded.go has its own. Like the *goja.Runtime it serves, an *API is used from the
// isolate's loop goroutine only: Install, every method, and the Host callbacks run there.
// Nothing here starts goroutines or keeps references to a body passed to ParseFormData.
//
// # Deviations
//
// Besides those marked in the code (the default filename "blob", lastModified kept on a
// renamed File, new FormData(arg) throwing, CR escaped in names, a more lenient multipart
// parser):
//
// Deviation: the Blob options' endings member is honoured ("native" turns CRLF and CR in
// string parts into LF) and an invalid value is a TypeError, as the spec says; workerd ignores
// endings.
//
// Deviation: text() strips a leading UTF-8 BOM, as the spec's "UTF-8 decode" does; workerd
// converts the bytes to a string directly (unverified whether its BOM survives).
//
// Deviation: a type containing U+007F becomes "" (the spec's U+0020–U+007E range); workerd only
// rejects characters below U+0020 and above U+007F.
//
// Deviation: the Content-Type of a parsed file part is normalised like any Blob type
// (lower-cased, "" if it has characters outside U+0020–U+007E); workerd keeps it as sent.
//
// Deviation: FormDataBody throws a RangeError for a body over MaxSize, and ParseFormData
// refuses forms over the entry budget above; workerd has only the isolate memory limit.
//
// Deviation: the Blob, File and FormData constructors called without new construct anyway
// (goja gives native constructors no new.target; see jsutil.NewClass).
package formdata
