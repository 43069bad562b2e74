package formdata

import "strings"

// mimeType is a parsed MIME type: its essence (lower-cased "type/subtype") and parameters
// (lower-cased names, first occurrence wins).
type mimeType struct {
	essence string
	params  []mimeParam
}

type mimeParam struct{ name, value string }

func (m mimeType) param(name string) (string, bool) {
	for _, p := range m.params {
		if p.name == name {
			return p.value, true
		}
	}
	return "", false
}

// parseMIMEType is the MIME Sniffing Standard's "parse a MIME type"
// (https://mimesniff.spec.whatwg.org/#parse-a-mime-type), which workerd's MimeType::tryParse
// follows. mime.ParseMediaType is stricter (it rejects a whole header for one bad parameter).
func parseMIMEType(s string) (mimeType, bool) {
	s = strings.Trim(s, httpWhitespace)
	slash := strings.IndexByte(s, '/')
	if slash <= 0 || !isToken(s[:slash]) {
		return mimeType{}, false
	}
	typ := s[:slash]
	s = s[slash+1:]
	semi := strings.IndexByte(s, ';')
	if semi < 0 {
		semi = len(s)
	}
	sub := strings.TrimRight(s[:semi], httpWhitespace)
	if sub == "" || !isToken(sub) {
		return mimeType{}, false
	}
	m := mimeType{essence: strings.ToLower(typ + "/" + sub)}
	s = s[semi:]
	for len(s) > 0 {
		s = strings.TrimLeft(s[1:], httpWhitespace) // s[0] is ';'
		end := strings.IndexAny(s, ";=")
		if end < 0 {
			break
		}
		name := strings.ToLower(s[:end])
		if s[end] == ';' {
			s = s[end:]
			continue
		}
		s = s[end+1:]
		if s == "" {
			break
		}
		var value string
		if s[0] == '"' {
			value, s = collectQuoted(s)
			if i := strings.IndexByte(s, ';'); i >= 0 {
				s = s[i:]
			} else {
				s = ""
			}
		} else {
			i := strings.IndexByte(s, ';')
			if i < 0 {
				i = len(s)
			}
			value, s = strings.TrimRight(s[:i], httpWhitespace), s[i:]
			if value == "" {
				continue
			}
		}
		if name != "" && isToken(name) && isQuotedStringTokens(value) {
			if _, dup := m.param(name); !dup {
				m.params = append(m.params, mimeParam{name, value})
			}
		}
	}
	return m, true
}

const httpWhitespace = " \t\r\n"

// collectQuoted is Fetch's "collect an HTTP quoted string" with the extract-value flag; s starts
// with '"'. It returns the value and the rest of s after the closing quote.
func collectQuoted(s string) (string, string) {
	var sb strings.Builder
	s = s[1:]
	for {
		i := strings.IndexAny(s, "\"\\")
		if i < 0 {
			sb.WriteString(s)
			return sb.String(), ""
		}
		sb.WriteString(s[:i])
		if s[i] == '"' {
			return sb.String(), s[i+1:]
		}
		if i+1 >= len(s) { // a backslash at the end stands for itself
			sb.WriteByte('\\')
			return sb.String(), ""
		}
		sb.WriteByte(s[i+1])
		s = s[i+2:]
	}
}

func isTokenByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isTokenByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// isQuotedStringTokens: every byte is HTAB, 0x20–0x7E or 0x80–0xFF.
func isQuotedStringTokens(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\t' && (c < 0x20 || c == 0x7F) {
			return false
		}
	}
	return true
}
