package urlpattern

import (
	"errors"
	"strings"
)

var errRegexpEscape = errors.New("invalid escape in a unicode-mode regular expression")

// checkUnicodeEscapes rejects escapes that are SyntaxErrors in a JavaScript regular expression
// with the "u" flag (such as \m or \H, identity escapes of ordinary letters). goja's "u" mode
// accepts them as identity escapes, as Annex B does for non-unicode patterns; V8 throws, so
// URLPattern must too.
func checkUnicodeEscapes(src string) error {
	inClass := false
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\':
			if i+1 >= len(src) {
				return errRegexpEscape
			}
			i++
			e := src[i]
			rest := src[i+1:]
			switch {
			case strings.IndexByte(`^$\.*+?()[]{}|/`, e) >= 0:
			case e == '-' && inClass:
			case strings.IndexByte("fnrtvdDsSwW", e) >= 0:
			case e == 'b':
			case e == 'B' && !inClass:
			case e == 'c':
				if rest == "" || !isASCIILetter(rest[0]) {
					return errRegexpEscape
				}
			case e == '0':
				if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
					return errRegexpEscape
				}
			case e >= '1' && e <= '9' && !inClass: // a back reference; the engine checks the group
			case e == 'x':
				if len(rest) < 2 || !isHex(rest[0]) || !isHex(rest[1]) {
					return errRegexpEscape
				}
			case e == 'u':
				if !validUnicodeEscape(rest) {
					return errRegexpEscape
				}
			case e == 'p' || e == 'P':
				if !strings.HasPrefix(rest, "{") || !strings.Contains(rest, "}") {
					return errRegexpEscape
				}
			case e == 'k' && !inClass:
				if !strings.HasPrefix(rest, "<") || !strings.Contains(rest, ">") {
					return errRegexpEscape
				}
			default:
				return errRegexpEscape
			}
		case c == '[' && !inClass:
			inClass = true
			if strings.HasPrefix(src[i+1:], "^") {
				i++
			}
		case c == ']' && inClass:
			inClass = false
		}
	}
	return nil
}

func validUnicodeEscape(rest string) bool {
	if len(rest) >= 4 && isHex(rest[0]) && isHex(rest[1]) && isHex(rest[2]) && isHex(rest[3]) {
		return true
	}
	if !strings.HasPrefix(rest, "{") {
		return false
	}
	end := strings.IndexByte(rest, '}')
	if end < 2 {
		return false
	}
	for i := 1; i < end; i++ {
		if !isHex(rest[i]) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
