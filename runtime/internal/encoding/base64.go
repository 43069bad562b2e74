package encoding

import (
	"encoding/base64"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// workerd's messages.
const (
	atobError = "atob() called with invalid base64-encoded data. (Only whitespace, '+', '/', alphanumeric ASCII, and up to two terminal '=' signs when the input data length is divisible by 4 are allowed.)"
	btoaError = "btoa() can only operate on characters in the Latin1 (ISO/IEC 8859-1) range."
)

// btoa implements https://html.spec.whatwg.org/multipage/webappapis.html#dom-btoa.
func (r *realm) btoa(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		throwTypeError(r.vm, "Failed to execute 'btoa': 1 argument required, but only 0 present.")
	}
	str, u, ascii := stringData(toJSString(r.vm, call.Argument(0)))
	var src []byte
	if ascii {
		src = []byte(str)
	} else {
		src = make([]byte, len(u))
		for i, c := range u {
			if c > 0xFF {
				panic(jsutil.NewDOMException(r.vm, "InvalidCharacterError", btoaError))
			}
			src[i] = byte(c)
		}
	}
	return r.vm.ToValue(base64.StdEncoding.EncodeToString(src))
}

// atob implements https://html.spec.whatwg.org/multipage/webappapis.html#dom-atob with the
// forgiving-base64 decode of https://infra.spec.whatwg.org/#forgiving-base64-decode; the
// result is a binary string (one code unit per byte).
func (r *realm) atob(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		throwTypeError(r.vm, "Failed to execute 'atob': 1 argument required, but only 0 present.")
	}
	out, ok := forgivingBase64Decode(toJSString(r.vm, call.Argument(0)))
	if !ok {
		panic(jsutil.NewDOMException(r.vm, "InvalidCharacterError", atobError))
	}
	return latin1String(r.vm, out)
}

func forgivingBase64Decode(s goja.String) ([]byte, bool) {
	// Any code unit outside ASCII is invalid, so the UTF-8 form can be scanned bytewise.
	str := s.String()
	data := make([]byte, 0, len(str))
	pads := 0 // '=' seen; valid only as the last one or two characters
	for i := 0; i < len(str); i++ {
		c := str[i]
		switch {
		case isBase64Char(c):
			if pads > 0 {
				return nil, false
			}
			data = append(data, c)
		case c == '=':
			pads++
		case isASCIIWhitespace(c):
		default:
			return nil, false
		}
	}
	// Padding is allowed only when it completes a multiple of four.
	if pads > 2 || (pads > 0 && (len(data)+pads)%4 != 0) {
		return nil, false
	}
	if len(data)%4 == 1 {
		return nil, false
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(data)))
	// Non-strict decoding discards non-zero trailing bits, as the spec requires.
	n, err := base64.RawStdEncoding.Decode(out, data)
	if err != nil {
		return nil, false
	}
	return out[:n], true
}

func isASCIIWhitespace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isBase64Char(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}
