package webcrypto

import "fmt"

// Error is a failed Web Crypto operation, carrying the JS error it becomes: a DOMException
// with Name (DOM true) or an instance of the global class Name ("TypeError", "SyntaxError").
// Messages are workerd's (src/workerd/api/crypto/*.c++), as recorded by the conformance case
// 20-webcrypto.
type Error struct {
	Name    string
	Message string
	DOM     bool
}

func (e *Error) Error() string { return e.Name + ": " + e.Message }

func domErr(name, format string, args ...any) *Error {
	return &Error{Name: name, Message: fmt.Sprintf(format, args...), DOM: true}
}

func notSupported(format string, args ...any) *Error {
	return domErr("NotSupportedError", format, args...)
}
func dataErr(format string, args ...any) *Error { return domErr("DataError", format, args...) }
func opErr(format string, args ...any) *Error   { return domErr("OperationError", format, args...) }
func accessErr(format string, args ...any) *Error {
	return domErr("InvalidAccessError", format, args...)
}
func syntaxErr(format string, args ...any) *Error { return domErr("SyntaxError", format, args...) }

func typeErr(format string, args ...any) *Error {
	return &Error{Name: "TypeError", Message: fmt.Sprintf(format, args...)}
}

// missing is workerd's TypeError for an absent required member of the algorithm dictionary.
func missing(member string) *Error {
	return typeErr("Missing field %q in \"algorithm\".", member)
}

// errDecrypt is workerd's OperationError for AES decryption that fails.
func errDecrypt(in, out int, alg string) *Error {
	return opErr("Decryption failed. This could be due to a ciphertext authentication failure, bad padding, incorrect CryptoKey, or another algorithm-specific reason. Input length was %d, output length expected to be %d for %s", in, out, alg)
}
