package formdata

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// usvString is WebIDL's USVString conversion: ToString, with lone surrogates replaced by U+FFFD.
// goja's String() already replaces them in strings it stores as UTF-16; a Go string that came
// in with invalid bytes is read as the UTF-16 code units JS sees. Symbols throw.
func usvString(vm *goja.Runtime, v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	s := v.String()
	if utf8.ValidString(s) {
		return s
	}
	if js, ok := v.ToString().(goja.String); ok {
		u := make([]uint16, js.Length())
		for i := range u {
			u[i] = js.CharAt(i)
		}
		return string(utf16.Decode(u))
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// argCount throws WebIDL's TypeError for a call with fewer than n arguments; what names the
// operation, e.g. "execute 'append' on 'FormData'".
func argCount(vm *goja.Runtime, args []goja.Value, n int, what string) {
	if len(args) >= n {
		return
	}
	plural := "s"
	if n == 1 {
		plural = ""
	}
	panic(vm.NewTypeError("Failed to %s: %d argument%s required, but only %d present.", what, n, plural, len(args)))
}

// normalizeType is the File API's type normalisation (Blob constructor step 3, slice's
// contentType): "" if any character is outside U+0020–U+007E, else ASCII-lower-cased.
func normalizeType(t string) string {
	lower := true
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < 0x20 || c > 0x7E {
			return ""
		}
		if c >= 'A' && c <= 'Z' {
			lower = false
		}
	}
	if lower {
		return t
	}
	return strings.ToLower(t) // ASCII only here, so this is ASCII lower-casing
}

// decodeUTF8 is the Encoding Standard's "UTF-8 decode without BOM": every maximal invalid
// subpart becomes one U+FFFD (https://encoding.spec.whatwg.org/#utf-8-decoder). Go's own
// replacement (one U+FFFD per byte, or per run) differs for truncated sequences.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			sb.WriteByte(b[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			sb.Write(b[i : i+size])
			i += size
			continue
		}
		sb.WriteString("\uFFFD")
		i += maximalSubpart(b[i:])
	}
	return sb.String()
}

// maximalSubpart returns how many bytes of b, which does not start with a valid sequence, the
// spec's decoder consumes before it reports one error: the lead byte plus every continuation
// byte that could still have completed a valid sequence.
func maximalSubpart(b []byte) int {
	lo, hi := byte(0x80), byte(0xBF)
	var need int
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	default:
		return 1
	}
	n := 1
	for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}
