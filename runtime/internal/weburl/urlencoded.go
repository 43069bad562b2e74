package weburl

import (
	"strings"
	"unicode/utf8"
)

// pair is one name/value entry of a URLSearchParams list. Both are valid UTF-8 (USVStrings).
type pair struct {
	name, value string
}

// parseURLEncoded is the application/x-www-form-urlencoded parser
// (https://url.spec.whatwg.org/#concept-urlencoded-parser).
func parseURLEncoded(input string) []pair {
	var list []pair
	for len(input) > 0 {
		var seq string
		if i := strings.IndexByte(input, '&'); i >= 0 {
			seq, input = input[:i], input[i+1:]
		} else {
			seq, input = input, ""
		}
		if seq == "" {
			continue
		}
		name, value := seq, ""
		if i := strings.IndexByte(seq, '='); i >= 0 {
			name, value = seq[:i], seq[i+1:]
		}
		list = append(list, pair{formDecode(name), formDecode(value)})
	}
	return list
}

// formDecode replaces '+' with a space, percent-decodes, and decodes the bytes as UTF-8
// without BOM handling, in that order.
func formDecode(s string) string {
	if strings.IndexByte(s, '+') < 0 && strings.IndexByte(s, '%') < 0 && utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return decodeUTF8(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// decodeUTF8 is "UTF-8 decode without BOM": each maximal invalid subpart becomes one U+FFFD
// (https://encoding.spec.whatwg.org/#utf-8-decoder).
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			sb.Write(b[i : i+size])
			i += size
			continue
		}
		// Invalid: consume the longest prefix of a valid sequence, at least one byte.
		sb.WriteString("\uFFFD")
		i += invalidPrefixLen(b[i:])
	}
	return sb.String()
}

// invalidPrefixLen returns how many bytes of b (which does not start with a valid sequence)
// the spec's decoder consumes before reporting one error.
func invalidPrefixLen(b []byte) int {
	lower, upper := byte(0x80), byte(0xBF)
	need := 0
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
		if c == 0xE0 {
			lower = 0xA0
		} else if c == 0xED {
			upper = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		need = 3
		if c == 0xF0 {
			lower = 0x90
		} else if c == 0xF4 {
			upper = 0x8F
		}
	default:
		return 1
	}
	n := 1
	for ; n <= need && n < len(b); n++ {
		if b[n] < lower || b[n] > upper {
			break
		}
		lower, upper = 0x80, 0xBF
	}
	return n
}

// serializeURLEncoded is the application/x-www-form-urlencoded serializer
// (https://url.spec.whatwg.org/#concept-urlencoded-serializer).
func serializeURLEncoded(list []pair) string {
	var sb strings.Builder
	for i, p := range list {
		if i > 0 {
			sb.WriteByte('&')
		}
		formEncode(&sb, p.name)
		sb.WriteByte('=')
		formEncode(&sb, p.value)
	}
	return sb.String()
}

const upperHex = "0123456789ABCDEF"

// formEncode percent-encodes s with the application/x-www-form-urlencoded percent-encode set,
// writing a space as '+'.
func formEncode(sb *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '*', c == '-', c == '.', c == '_':
			sb.WriteByte(c)
		case c == ' ':
			sb.WriteByte('+')
		default:
			sb.WriteByte('%')
			sb.WriteByte(upperHex[c>>4])
			sb.WriteByte(upperHex[c&15])
		}
	}
}

// lessUTF16 orders strings by their UTF-16 code units, as URLSearchParams.sort requires. For
// valid UTF-8 this differs from byte order only between supplementary characters and
// U+E000–U+FFFF.
func lessUTF16(a, b string) bool {
	for len(a) > 0 && len(b) > 0 {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return utf16Key(ra) < utf16Key(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) == 0 && len(b) > 0
}

// utf16Key maps a code point to a value that orders like its UTF-16 encoding: supplementary
// characters sort as their lead surrogate (0xD800–0xDBFF) would, with the low bits keeping
// their relative order.
func utf16Key(r rune) uint32 {
	if r < 0x10000 {
		return uint32(r) << 16
	}
	r -= 0x10000
	lead := 0xD800 + uint32(r>>10)
	trail := 0xDC00 + uint32(r&0x3FF)
	return lead<<16 | trail
}
