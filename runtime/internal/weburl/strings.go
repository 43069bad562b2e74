package weburl

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// usvString converts a JS value to a Go string as WebIDL's USVString conversion does: ToString,
// then lone surrogates become U+FFFD. goja's String() already does the replacement for strings
// it stores as UTF-16; Symbols must throw (goja's ToString would describe them instead).
func usvString(vm *goja.Runtime, v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	s := v.String()
	if !utf8.ValidString(s) {
		// A Go string imported with invalid bytes; read it as JS sees it.
		if js, ok := v.ToString().(goja.String); ok {
			u := make([]uint16, js.Length())
			for i := range u {
				u[i] = js.CharAt(i)
			}
			return string(utf16.Decode(u))
		}
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// argCount throws the WebIDL TypeError for a call with fewer than n arguments; what names the
// operation, e.g. "execute 'append' on 'URLSearchParams'" or "construct 'URL'".
func argCount(vm *goja.Runtime, args []goja.Value, n int, what string) {
	if len(args) < n {
		plural := "s"
		if n == 1 {
			plural = ""
		}
		panic(vm.NewTypeError("Failed to %s: %d argument%s required, but only %d present.",
			what, n, plural, len(args)))
	}
}
