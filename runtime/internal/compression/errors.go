package compression

import "errors"

// ErrUnsupportedEncoding is returned (wrapped) by NewDecoder and NewEncoder for a
// Content-Encoding token they do not implement.
var ErrUnsupportedEncoding = errors.New("unsupported content encoding")

// Errors of the streaming codecs. Their messages are workerd's, and the JS classes throw them as
// TypeErrors unchanged, capitals and full stops included.
var (
	// ErrCorrupt: the compressed data is malformed (bad header, bad block, checksum mismatch).
	//lint:ignore ST1005 workerd's message
	ErrCorrupt = errors.New("Decompression failed.")
	// ErrTrailingData: bytes follow the end of the compressed stream.
	//lint:ignore ST1005 workerd's message
	ErrTrailingData = errors.New("Trailing bytes after end of compressed data")
	// ErrIncomplete: the input ended before the compressed stream did.
	//lint:ignore ST1005 workerd's message
	ErrIncomplete = errors.New("Called close() on a decompression stream with incomplete data")
	// ErrClosed: the codec was used after it finished or was aborted.
	ErrClosed = errors.New("Write after close")
)

// Messages of the JS-level TypeErrors that have no Go error.
const (
	msgBadFormat = "The compression format must be either 'deflate', 'deflate-raw' or 'gzip'."
	msgNotBytes  = "This WritableStream only supports writing byte types."
)
