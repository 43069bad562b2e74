package kvstore

import (
	"errors"
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
