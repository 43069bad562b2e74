package kvstore

import (
	"fmt"
)

// The one table of Workers KV's limits and of every KV error a worker, the CLI or a REST
// client can see, each with its source. Sources: workerd src/workerd/api/kv.c++ (binding-side
// checks), Miniflare packages/miniflare/src/workers/kv/{constants,validator.worker,
// namespace.worker}.ts (the local backend, which mirrors production), Cloudflare's KV docs and
// REST API reference; spec/kv-and-wrangler.md §A.3, A.7–A.9, C cites each with a commit.

// Limits.
const (
	MaxKeyBytes       = 512      // UTF-8 bytes of a key name and of a list prefix — workerd validateKeyName, docs limits
	MaxValueBytes     = 25 << 20 // bytes of a value (26214400) — Miniflare MAX_VALUE_SIZE, docs limits
	MaxMetadataBytes  = 1024     // bytes of the metadata JSON text — Miniflare MAX_METADATA_SIZE, docs limits
	MinExpirationTTL  = 60       // seconds; also how far ahead an absolute expiration must be — Miniflare MIN_EXPIRATION_TTL
	MaxListLimit      = 1000     // default and maximum keys per list page — Miniflare MAX_LIST_KEYS, docs list-keys
	MinCacheTTL       = 30       // seconds — Miniflare MIN_CACHE_TTL (Deviation: the docs say 60; see ValidateCacheTTL)
	MaxBulkGetKeys    = 100      // keys per bulk get — Miniflare MAX_BULK_GET_KEYS, docs read-key-value-pairs
	MaxBulkWriteItems = 10000    // items per REST bulk write/delete — REST API reference (PUT /bulk)
	MaxTitleBytes     = 512      // bytes of a namespace title — wrangler kv namespace rename
	// maxNamespaceBytes bounds a namespace id. Cloudflare's are 32 hex chars; local ids come
	// from wrangler config (any string), so allow what a bbolt bucket name comfortably holds.
	maxNamespaceBytes = 255
)

// msgID names one row of kvMessages.
type msgID int

const (
	msgEmptyKey msgID = iota
	msgDotKey
	msgKeyTooLong
	msgValueTooLarge
	msgMetadataTooLarge
	msgMetadataNotJSON
	msgTTLNotPositive
	msgTTLTooSmall
	msgExpirationNotFuture
	msgExpirationTooSoon
	msgCacheTTL
	msgListLimitTooLarge
	msgBulkType
	msgBulkTooMany
	msgBulkTooFew
	msgBulkNotJSON
	msgBulkTooLarge
	msgUnknownType
	msgPutValueType
	msgBulkEmptyKey
	msgBulkIllegalKey
	msgOutOfRange
)

// kvMessages: for each error, the JS class, the operation it is reported under ("" = the
// caller's), the HTTP-like status, the message (fmt verbs filled by the constructor) and its
// source. A PlainError reads "KV <OP> failed: <status> <message>" in JS.
var kvMessages = [...]struct {
	typ    ErrorType
	op     string
	status int
	format string
	source string
}{
	msgEmptyKey:            {TypeError, "", 0, "Key name cannot be empty.", "workerd kv.c++ validateKeyName"},
	msgDotKey:              {TypeError, "", 0, `"%s" is not allowed as a key name.`, "workerd kv.c++ validateKeyName"},
	msgKeyTooLong:          {PlainError, "", 414, "UTF-8 encoded length of %d exceeds key length limit of %d.", "workerd kv.c++ validateKeyName; Miniflare validateKeyLength"},
	msgValueTooLarge:       {PlainError, "PUT", 413, "Value length of %d exceeds limit of %d.", "Miniflare namespace.worker.ts put"},
	msgMetadataTooLarge:    {PlainError, "PUT", 413, "Metadata length of %d exceeds limit of %d.", "Miniflare validatePutOptions"},
	msgMetadataNotJSON:     {PlainError, "PUT", 400, "Metadata is not valid JSON.", "edge (Deviation: Miniflare answers 500; only the CLI/REST can send it)"},
	msgTTLNotPositive:      {PlainError, "PUT", 400, "Invalid expiration_ttl of %s. Please specify integer greater than 0.", "Miniflare validatePutOptions"},
	msgTTLTooSmall:         {PlainError, "PUT", 400, "Invalid expiration_ttl of %s. Expiration TTL must be at least %d.", "Miniflare validatePutOptions"},
	msgExpirationNotFuture: {PlainError, "PUT", 400, "Invalid expiration of %s. Please specify integer greater than the current number of seconds since the UNIX epoch.", "Miniflare validatePutOptions"},
	msgExpirationTooSoon:   {PlainError, "PUT", 400, "Invalid expiration of %s. Expiration times must be at least %d seconds in the future.", "Miniflare validatePutOptions"},
	msgCacheTTL:            {PlainError, "GET", 400, "Invalid cache_ttl of %s. Cache TTL must be at least %d.", "Miniflare validateGetOptions"},
	msgListLimitTooLarge:   {PlainError, "GET", 400, "Invalid key_count_limit of %s. Please specify an integer less than %d.", "Miniflare validateListOptions; workerd list() reports op GET"},
	msgBulkType:            {PlainError, "GET_BULK", 400, `"%s" is not a valid type. Use "json" or "text"`, "Miniflare namespace.worker.ts bulk get"},
	msgBulkTooMany:         {PlainError, "GET_BULK", 400, "You can request a maximum of %d keys", "Miniflare namespace.worker.ts bulk get"},
	msgBulkTooFew:          {PlainError, "GET_BULK", 400, "You must request a minimum of 1 key", "Miniflare namespace.worker.ts bulk get"},
	msgBulkNotJSON:         {PlainError, "GET_BULK", 400, "At least one of the requested keys corresponds to a non-json value", "Miniflare namespace.worker.ts bulk get"},
	msgBulkTooLarge:        {PlainError, "GET_BULK", 413, "Total size of request exceeds the limit of %dMB", "Miniflare namespace.worker.ts bulk get (MAX_BULK_SIZE)"},
	msgUnknownType:         {TypeError, "", 0, `Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".`, "workerd kv.c++ get"},
	msgPutValueType:        {TypeError, "", 0, "KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.", "workerd kv.c++ put"},
	msgBulkEmptyKey:        {PlainError, "GET_BULK", 400, "Key names must not be empty", "Miniflare validator.worker.ts validateKey (bulk get checks keys server-side)"},
	msgBulkIllegalKey:      {PlainError, "GET_BULK", 400, `Illegal key name "%s". Please use a different name.`, "Miniflare validator.worker.ts validateKey"},
	msgOutOfRange:          {TypeError, "", 0, "Value out of range. Must be between -2147483648 and 2147483647 (inclusive).", "workerd (JSG int32 conversion of expiration/expirationTtl)"},
}

// newError builds the *Error of row id; op is used when the row has none.
func newError(id msgID, op string, args ...any) *Error {
	m := kvMessages[id]
	if m.op != "" {
		op = m.op
	}
	msg := m.format
	if len(args) > 0 {
		msg = fmt.Sprintf(m.format, args...)
	}
	return &Error{Op: op, Status: m.status, Message: msg, Type: m.typ}
}

func emptyKeyError() *Error         { return newError(msgEmptyKey, "") }
func dotKeyError(key string) *Error { return newError(msgDotKey, "", key) }
func keyTooLongError(op string, n int) *Error {
	return newError(msgKeyTooLong, op, n, MaxKeyBytes)
}

// ValueTooLargeError is the error for a value of n bytes. It is exported for a binding that
// counts a streamed body itself and stops buffering at the limit; Put returns the same error.
func ValueTooLargeError(n int64) *Error {
	return newError(msgValueTooLarge, "", n, MaxValueBytes)
}

func metadataTooLargeError(n int) *Error {
	return newError(msgMetadataTooLarge, "", n, MaxMetadataBytes)
}

func metadataNotJSONError() *Error { return newError(msgMetadataNotJSON, "") }

func expirationTTLNotPositiveError(v float64) *Error {
	return newError(msgTTLNotPositive, "", FormatJSNumber(v))
}

func expirationTTLTooSmallError(v float64) *Error {
	return newError(msgTTLTooSmall, "", FormatJSNumber(v), MinExpirationTTL)
}

func expirationNotFutureError(v float64) *Error {
	return newError(msgExpirationNotFuture, "", FormatJSNumber(v))
}

func expirationTooSoonError(v float64) *Error {
	return newError(msgExpirationTooSoon, "", FormatJSNumber(v), MinExpirationTTL)
}

func cacheTTLError(v float64) *Error {
	return newError(msgCacheTTL, "", FormatJSNumber(v), MinCacheTTL)
}

func listLimitTooLargeError(v float64) *Error {
	return newError(msgListLimitTooLarge, "", FormatJSNumber(v), MaxListLimit)
}

func bulkTypeError(typ string) *Error { return newError(msgBulkType, "", typ) }
func bulkTooManyError() *Error        { return newError(msgBulkTooMany, "", MaxBulkGetKeys) }
func bulkTooFewError() *Error         { return newError(msgBulkTooFew, "") }

// BulkNotJSONError is the bulk-get error when a requested value does not parse as JSON under
// type "json". The binding parses values, so it raises it.
func BulkNotJSONError() *Error { return newError(msgBulkNotJSON, "") }

// BulkTooLargeError is the bulk-get error when the returned values together exceed
// MaxValueBytes (Miniflare counts decoded string length).
func BulkTooLargeError() *Error { return newError(msgBulkTooLarge, "", MaxValueBytes>>20) }

// UnknownTypeError is get()'s error for a type other than text, json, arrayBuffer or stream
// (raised only after a key was found, as workerd does).
func UnknownTypeError() *Error { return newError(msgUnknownType, "") }

// PutValueTypeError is put()'s error for a value that is an object of another kind.
func PutValueTypeError() *Error { return newError(msgPutValueType, "") }

// ValidateBulkKey checks one key of a bulk get as the backend does (bulk keys are not
// checked by the binding, so empty and dot keys get the server's messages).
func ValidateBulkKey(key string) error {
	switch key {
	case "":
		return newError(msgBulkEmptyKey, "")
	case ".", "..":
		return newError(msgBulkIllegalKey, "", key)
	}
	return ValidateKey("GET_BULK", key)
}

// ExpirationOption converts a put() expiration/expirationTtl option the way workerd's binding
// does: ToNumber, NaN becomes 0, values outside int32 are a TypeError, fractions truncate.
func ExpirationOption(f float64) (float64, error) {
	if f != f {
		return 0, nil
	}
	if f < -2147483648 || f > 2147483647 {
		return 0, newError(msgOutOfRange, "")
	}
	return float64(int64(f)), nil
}
