package formdata

import (
	"strings"
	"unicode/utf8"
)

// parseURLEncoded is the URL Standard's application/x-www-form-urlencoded parser
// (https://url.spec.whatwg.org/#concept-urlencoded-parser), charging every entry against
// budget. (weburl has the same parser but does not export it.)
func parseURLEncoded(input string, budget int64) ([]entry, error) {
	var list []entry
	var cost int64 // what the entries hold, charged against budget
	for len(input) > 0 {
		seq := input
		if i := strings.IndexByte(input, '&'); i >= 0 {
			seq, input = input[:i], input[i+1:]
		} else {
			input = ""
		}
		if seq == "" {
			continue
		}
		if cost += int64(len(seq)) + entryOverhead; cost > budget {
			return nil, formTooLarge(cost, budget)
		}
		name, value, _ := strings.Cut(seq, "=")
		list = append(list, entry{name: formDecode(name), value: formDecode(value)})
	}
	return list, nil
}

// formDecode replaces '+' with a space, percent-decodes, then decodes the bytes as UTF-8
// without BOM handling, in that order. Malformed percent sequences stay as they are.
func formDecode(s string) string {
	if strings.IndexByte(s, '+') < 0 && strings.IndexByte(s, '%') < 0 && utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
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
