package kvstore

import (
	"encoding/json"
	"math"
)

// maxSafeInteger is JavaScript's Number.MAX_SAFE_INTEGER. Expirations beyond it
// cannot come from a JS number without losing precision.
const maxSafeInteger = 1<<53 - 1

// ValidateKey applies workerd's binding-level key check (validateKeyName) for
// the operation op ("GET", "PUT", "DELETE", "GET_BULK"). The binding calls it
// before doing any I/O; Get, View, Put and Delete call it again so that every
// writer (CLI, REST API) gets the same rules. It returns nil or an *Error.
func ValidateKey(op, key string) error {
	switch key {
	case "":
		return emptyKeyError()
	case ".", "..":
		return dotKeyError(key)
	}
	if len(key) > MaxKeyBytes {
		return keyTooLongError(op, len(key))
	}
	return nil
}

// ValidateListLimit checks a list() limit as Miniflare does. A limit of zero,
// below zero or NaN is never sent by workerd (it means "default"), so only the
// upper bound is checked.
func ValidateListLimit(limit float64) error {
	if limit > MaxListLimit {
		return listLimitTooLargeError(limit)
	}
	return nil
}

// ValidateListPrefix checks a list() prefix: it may be at most MaxKeyBytes long
// (414, with the key-length message, reported by op "GET").
func ValidateListPrefix(prefix string) error {
	if len(prefix) > MaxKeyBytes {
		return keyTooLongError("GET", len(prefix))
	}
	return nil
}

// ValidateCacheTTL checks a get() cacheTtl: NaN or below MinCacheTTL is
// rejected. The value is otherwise ignored: a local store has one "edge
// location" and never caches. A bulk get reports the error with
// err.(*Error).WithOp("GET_BULK").
//
// Deviation: the Workers docs give 60 s as the minimum cacheTtl; Miniflare
// accepts 30 (spec A.9). We accept what Miniflare accepts, so a worker that
// runs under wrangler dev also runs here.
func ValidateCacheTTL(v float64) error {
	if math.IsNaN(v) || v < MinCacheTTL {
		return cacheTTLError(v)
	}
	return nil
}

// ValidateBulkGet checks the shape of a bulk get: the type must be "text",
// "json" or "" (default), and 1..MaxBulkGetKeys keys must be requested.
// Each key is then checked with ValidateKey("GET_BULK", key).
func ValidateBulkGet(keyCount int, typ string) error {
	if typ != "" && typ != "text" && typ != "json" {
		return bulkTypeError(typ)
	}
	if keyCount > MaxBulkGetKeys {
		return bulkTooManyError()
	}
	if keyCount < 1 {
		return bulkTooFewError()
	}
	return nil
}

// checkPut validates a put in Miniflare's order (key, expiration, metadata,
// value) and returns the expiration to store (unix seconds, 0 = none) and the
// metadata to store (nil = none). now is the current unix time in whole
// seconds.
func checkPut(now int64, key string, valueLen int, opts PutOptions) (expiration int64, metadata []byte, err error) {
	if err := ValidateKey("PUT", key); err != nil {
		return 0, nil, err
	}
	if expiration, err = checkExpiration(now, opts); err != nil {
		return 0, nil, err
	}
	if metadata, err = checkMetadata(opts.Metadata); err != nil {
		return 0, nil, err
	}
	if valueLen > MaxValueBytes {
		return 0, nil, ValueTooLargeError(int64(valueLen))
	}
	return expiration, metadata, nil
}

// checkExpiration turns PutOptions' JS numbers into whole unix seconds. As in
// Miniflare, ExpirationTTL wins when both are set and fractions are dropped
// (Miniflare parseInt()s the query parameter) before comparing, while the
// message shows the value as given.
//
// Deviation: ±Infinity and values beyond 2^53 are rejected with the
// "NaN" message; Miniflare's parseInt reads "1e+300" as 1 and workerd's int
// conversion wraps, neither of which is worth copying.
func checkExpiration(now int64, opts PutOptions) (int64, error) {
	if opts.ExpirationTTL != nil {
		v := *opts.ExpirationTTL
		ttl := math.Floor(v)
		if math.IsNaN(v) || ttl <= 0 || math.IsInf(v, 1) || ttl > maxSafeInteger-float64(now) {
			return 0, expirationTTLNotPositiveError(v)
		}
		if ttl < MinExpirationTTL {
			return 0, expirationTTLTooSmallError(v)
		}
		return now + int64(ttl), nil
	}
	if opts.Expiration != nil {
		v := *opts.Expiration
		exp := math.Floor(v)
		if math.IsNaN(v) || exp <= float64(now) || math.IsInf(v, 1) || exp > maxSafeInteger {
			return 0, expirationNotFutureError(v)
		}
		if exp < float64(now+MinExpirationTTL) {
			return 0, expirationTooSoonError(v)
		}
		return int64(exp), nil
	}
	return 0, nil
}

// checkMetadata measures and validates the metadata JSON text. JSON null
// means "no metadata", as JS null and undefined do.
func checkMetadata(raw json.RawMessage) ([]byte, error) {
	if raw == nil {
		return nil, nil
	}
	if len(raw) > MaxMetadataBytes {
		return nil, metadataTooLargeError(len(raw))
	}
	if !json.Valid(raw) {
		return nil, metadataNotJSONError()
	}
	if string(trimJSONSpace(raw)) == "null" {
		return nil, nil
	}
	return raw, nil
}

func trimJSONSpace(b []byte) []byte {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
