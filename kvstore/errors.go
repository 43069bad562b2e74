package kvstore

import (
	"errors"
	"fmt"
	"strconv"
)

// Go-level failures that are not part of the Workers KV contract. Callers
// branch on them with errors.Is.
var (
	// ErrClosed is returned by every method called after Close.
	ErrClosed = errors.New("kvstore: store is closed")

	// ErrLocked is wrapped by Open when another process (or another Store in
	// this process) holds the file. The full message reads
	// "kvstore: open PATH: database is locked by another process".
	ErrLocked = errors.New("database is locked by another process")

	// ErrNamespace is wrapped when a namespace id is empty or too long.
	ErrNamespace = errors.New("kvstore: invalid namespace id")

	// ErrNamespaceExists is wrapped by CreateNamespace when the id is taken.
	ErrNamespaceExists = errors.New("kvstore: namespace already exists")

	// ErrTitleTaken is wrapped by CreateNamespace and SetNamespaceTitle when
	// another namespace has the title (Cloudflare's titles are unique per
	// account).
	ErrTitleTaken = errors.New("kvstore: a namespace with this title already exists")

	// ErrTitle is wrapped when a namespace title is empty, not UTF-8 or longer
	// than MaxTitleBytes.
	ErrTitle = errors.New("kvstore: invalid namespace title")

	// ErrCorrupt is wrapped by reads that meet a record they cannot decode,
	// and by Check.
	ErrCorrupt = errors.New("kvstore: corrupt data")
)

// ErrorType says which JavaScript class a binding must throw for an *Error.
type ErrorType int

const (
	// PlainError is a JS Error whose message is "KV <OP> failed: <status> <message>".
	// It is the zero value: backend (Miniflare server-side) checks produce it.
	PlainError ErrorType = iota
	// TypeError is a JS TypeError whose message is Message alone. workerd's
	// binding throws it before talking to the backend.
	TypeError
)

func (t ErrorType) String() string {
	switch t {
	case PlainError:
		return "Error"
	case TypeError:
		return "TypeError"
	}
	return "ErrorType(" + strconv.Itoa(int(t)) + ")"
}

// Error is a KV failure exactly as Workers KV reports it to a worker. Every
// message in this file is copied from workerd (kv.c++) or Miniflare
// (workers/kv/validator.worker.ts, namespace.worker.ts); see
// spec/kv-and-wrangler.md A.3 and A.8. Callers that are not JavaScript (the
// CLI, the REST API) use Status and Message and ignore Op and Type.
type Error struct {
	Op      string    // "GET", "GET_BULK", "PUT", "DELETE"; list uses "GET"
	Status  int       // HTTP-like status: 400, 413, 414; 0 for TypeError-class errors
	Message string    // the human part, e.g. "Value length of 1025 exceeds limit of 1024."
	Type    ErrorType // the JS class the binding must throw
}

// Error returns the message a worker sees: for PlainError
// "KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.",
// for TypeError just Message.
func (e *Error) Error() string {
	if e.Type == TypeError {
		return e.Message
	}
	return "KV " + e.Op + " failed: " + strconv.Itoa(e.Status) + " " + e.Message
}

// WithOp returns a copy of e reported under another operation name, e.g. a
// cacheTtl or key check that a bulk get reports as "GET_BULK".
func (e *Error) WithOp(op string) *Error {
	c := *e
	c.Op = op
	return &c
}

func typeError(msg string) *Error {
	return &Error{Message: msg, Type: TypeError}
}

func kvError(op string, status int, msg string) *Error {
	return &Error{Op: op, Status: status, Message: msg}
}

// Key names (workerd validateKeyName; length also Miniflare validateKeyLength).

func emptyKeyError() *Error { return typeError("Key name cannot be empty.") }

func dotKeyError(key string) *Error {
	return typeError(`"` + key + `" is not allowed as a key name.`)
}

func keyTooLongError(op string, n int) *Error {
	return kvError(op, 414, fmt.Sprintf("UTF-8 encoded length of %d exceeds key length limit of %d.", n, MaxKeyBytes))
}

// Put (Miniflare validatePutOptions and namespace.worker.ts put).

// ValueTooLargeError is the error for a value of n bytes. It is exported for a
// binding that counts a streamed body itself and stops buffering at the limit;
// Put returns the same error for an oversized value.
func ValueTooLargeError(n int64) *Error {
	return kvError("PUT", 413, fmt.Sprintf("Value length of %d exceeds limit of %d.", n, MaxValueBytes))
}

func metadataTooLargeError(n int) *Error {
	return kvError("PUT", 413, fmt.Sprintf("Metadata length of %d exceeds limit of %d.", n, MaxMetadataBytes))
}

// Deviation: Miniflare answers 500 (an uncaught JSON.parse error) for metadata
// that is not JSON; a JS binding can never send that, but the CLI and REST API
// can, so they get a 400 with a message of ours.
func metadataNotJSONError() *Error {
	return kvError("PUT", 400, "Metadata is not valid JSON.")
}

func expirationTTLNotPositiveError(v float64) *Error {
	return kvError("PUT", 400, "Invalid expiration_ttl of "+FormatJSNumber(v)+". Please specify integer greater than 0.")
}

func expirationTTLTooSmallError(v float64) *Error {
	return kvError("PUT", 400, "Invalid expiration_ttl of "+FormatJSNumber(v)+
		". Expiration TTL must be at least "+strconv.Itoa(MinExpirationTTL)+".")
}

func expirationNotFutureError(v float64) *Error {
	return kvError("PUT", 400, "Invalid expiration of "+FormatJSNumber(v)+
		". Please specify integer greater than the current number of seconds since the UNIX epoch.")
}

func expirationTooSoonError(v float64) *Error {
	return kvError("PUT", 400, "Invalid expiration of "+FormatJSNumber(v)+
		". Expiration times must be at least "+strconv.Itoa(MinExpirationTTL)+" seconds in the future.")
}

// Get and list (Miniflare validateGetOptions, validateListOptions).

func cacheTTLError(v float64) *Error {
	return kvError("GET", 400, "Invalid cache_ttl of "+FormatJSNumber(v)+
		". Cache TTL must be at least "+strconv.Itoa(MinCacheTTL)+".")
}

func listLimitTooLargeError(v float64) *Error {
	return kvError("GET", 400, "Invalid key_count_limit of "+FormatJSNumber(v)+
		". Please specify an integer less than "+strconv.Itoa(MaxListLimit)+".")
}

// Bulk get (Miniflare namespace.worker.ts, POST /bulk/get).

func bulkTypeError(typ string) *Error {
	return kvError("GET_BULK", 400, `"`+typ+`" is not a valid type. Use "json" or "text"`)
}

func bulkTooManyError() *Error {
	return kvError("GET_BULK", 400, "You can request a maximum of "+strconv.Itoa(MaxBulkGetKeys)+" keys")
}

func bulkTooFewError() *Error {
	return kvError("GET_BULK", 400, "You must request a minimum of 1 key")
}

// BulkNotJSONError is the bulk-get error when a requested value does not parse
// as JSON under type "json". The binding parses values, so it raises it.
func BulkNotJSONError() *Error {
	return kvError("GET_BULK", 400, "At least one of the requested keys corresponds to a non-json value")
}

// BulkTooLargeError is the bulk-get error when the returned values together
// exceed MaxValueBytes (Miniflare counts decoded string length).
func BulkTooLargeError() *Error {
	return kvError("GET_BULK", 413, "Total size of request exceeds the limit of "+strconv.Itoa(MaxValueBytes>>20)+"MB")
}
