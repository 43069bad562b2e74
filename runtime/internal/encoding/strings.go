package encoding

import (
	"reflect"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// asciiStringType is the dynamic type goja uses for strings made only of ASCII characters; their
// String method returns the underlying Go string without copying. Other string kinds (UTF-16,
// or Go strings imported lazily) take the general code-unit path, so a goja change here only
// costs speed, never correctness.
var asciiStringType = reflect.TypeOf(goja.StringFromUTF16([]uint16{'a'}))

func isASCII(s goja.String) bool { return reflect.TypeOf(s) == asciiStringType }

// Strings with other characters are stored by goja as a []uint16 whose first element is a
// marker (U+FEFF) followed by the code units. codeUnits returns those code units without
// copying when s has that representation, checked on every call (type, marker, and length
// agreeing with Length), so a change in goja only sends callers down their CharAt path. The
// slice aliases the immutable JS string: callers must only read it.
var (
	unicodeStringType = reflect.TypeOf(goja.StringFromUTF16([]uint16{0x100}))
	uint16SliceType   = reflect.TypeOf([]uint16(nil))
)

func codeUnits(s goja.String) ([]uint16, bool) {
	t := reflect.TypeOf(s)
	if t != unicodeStringType || t.Kind() != reflect.Slice || !t.ConvertibleTo(uint16SliceType) {
		return nil, false
	}
	u := reflect.ValueOf(s).Convert(uint16SliceType).Interface().([]uint16)
	if len(u) == 0 || u[0] != 0xFEFF || len(u)-1 != s.Length() {
		return nil, false
	}
	return u[1:], true
}

// stringData gives direct access to the contents of a JS string: when ascii is true every code
// unit is below 0x80 and str holds them; otherwise u holds the code units. Only strings in an
// unexpected representation are copied.
func stringData(s goja.String) (str string, u []uint16, ascii bool) {
	if isASCII(s) {
		return s.String(), nil, true
	}
	if u, ok := codeUnits(s); ok {
		return "", u, false
	}
	// Strings imported from Go keep their Go form until scanned.
	if str := s.String(); isASCIIString(str) {
		return str, nil, true
	}
	u = make([]uint16, s.Length())
	for i := range u {
		u[i] = s.CharAt(i)
	}
	return "", u, false
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// toJSString converts a JS value to a string the way WebIDL's DOMString conversion does.
// goja's ToString turns a Symbol into its description; ECMAScript's ToString throws instead.
func toJSString(vm *goja.Runtime, v goja.Value) goja.String {
	if s, ok := v.(goja.String); ok {
		return s
	}
	if _, ok := v.(*goja.Symbol); ok {
		throwTypeError(vm, "Cannot convert a Symbol value to a string")
	}
	s, ok := v.ToString().(goja.String)
	if !ok { // not reachable with goja's value types
		return goja.StringFromUTF16(utf16Of(v.String()))
	}
	return s
}

func utf16Of(s string) []uint16 {
	out := make([]uint16, 0, len(s))
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			out = append(out, uint16(r))
		}
	}
	return out
}

// latin1String returns the JS string whose code units are the bytes of b (a "binary string").
func latin1String(vm *goja.Runtime, b []byte) goja.Value {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return vm.ToValue(string(b))
	}
	u := make([]uint16, len(b))
	for i, c := range b {
		u[i] = uint16(c)
	}
	return goja.StringFromUTF16(u)
}

// UTF8 returns the UTF-8 encoding of a JS string, lone surrogates as U+FFFD (node:buffer).
func UTF8(s goja.String) []byte { return utf8Encode(s) }

// CodeUnits returns the UTF-16 code units of a JS string; callers must only read them.
func CodeUnits(s goja.String) []uint16 {
	str, u, ascii := stringData(s)
	if !ascii {
		return u
	}
	u = make([]uint16, len(str))
	for i := 0; i < len(str); i++ {
		u[i] = uint16(str[i])
	}
	return u
}

// Latin1String returns the JS string whose code units are the bytes of b.
func Latin1String(vm *goja.Runtime, b []byte) goja.Value { return latin1String(vm, b) }
