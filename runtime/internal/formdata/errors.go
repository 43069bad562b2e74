package formdata

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// MaxSize is the largest Blob, form body or parsed form this package creates: Workers' default
// Blob size limit (128 MiB), which is also the runtime's body-buffering limit.
const MaxSize = 128 << 20

// entryOverhead is what one parsed entry is charged against MaxSize besides its bytes, so that
// a body of millions of empty fields ("a&a&a…") cannot turn 128 MiB into gigabytes of entries.
const entryOverhead = 64

// Error is a failure that reaches JS as an exception: Class is the JS error class Workers throws
// ("TypeError" or "RangeError") and Message is its message, Workers' wording where known. The
// runtime throws or rejects with jsutil.NewError(vm, e.Class, e.Message).
type Error struct {
	Class   string
	Message string
}

func (e *Error) Error() string { return "formdata: " + e.Class + ": " + e.Message }

func (e *Error) jsValue(vm *goja.Runtime) *goja.Object {
	return jsutil.NewError(vm, e.Class, e.Message)
}

func typeError(msg string) *Error { return &Error{Class: "TypeError", Message: msg} }

// Messages, with workerd's wording (src/workerd/api/form-data.c++, blob.c++) where it has one.
const (
	msgUnrecognizedType = "Unrecognized Content-Type header value. FormData can only parse the " +
		"following MIME types: multipart/form-data, application/x-www-form-urlencoded"
	msgNoBoundaryParam = "No boundary string in Content-Type header. The multipart/form-data MIME " +
		"type requires a boundary parameter, e.g. 'Content-Type: multipart/form-data; " +
		"boundary=\"abcd\"'. See RFC 7578, section 4."
	msgNonUTF8URLEncoded   = "Non-utf-8 application/x-www-form-urlencoded body."
	msgNoInitialBoundary   = "No initial boundary string (or you have a truncated message)."
	msgBadBoundarySuffix   = "Boundary string was not succeeded by CRLF, LF, or '--'."
	msgNoHeaderTermination = "No multipart message header termination found."
	msgInvalidHeaders      = "FormData part had invalid headers."
	msgNoDisposition       = "No valid Content-Disposition header found in FormData part."
	msgInvalidDisposition  = "Invalid Content-Disposition header found in FormData part."
	msgDispositionType     = "Content-Disposition header for FormData part must have the value " +
		"\"form-data\", possibly followed by parameters. Got: \"%s\""
	msgMissingName          = "Content-Disposition header in FormData part is missing a name."
	msgNoSubsequentBoundary = "No subsequent boundary string after multipart message."
)

// blobTooLarge is workerd's RangeError for a Blob over the limit.
func blobTooLarge(size int64) *Error {
	return &Error{Class: "RangeError", Message: fmt.Sprintf("Blob size %d exceeds limit %d", size, MaxSize)}
}

// formTooLarge is the RangeError for a form body (parsed or serialised) over the limit.
func formTooLarge(size, limit int64) *Error {
	return &Error{Class: "RangeError", Message: fmt.Sprintf("FormData size %d exceeds limit %d", size, limit)}
}
