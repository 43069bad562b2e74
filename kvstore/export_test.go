package kvstore

// Internals opened to the black-box tests (package kvstore_test).
var (
	EncodeCursor = encodeCursor
	DecodeCursor = decodeCursor
)
