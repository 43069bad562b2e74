package formdata

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// parseBody turns a request/response body into FormData entries according to its
// Content-Type. It touches no JS, so it may run anywhere; now is Date.now() for the Files'
// lastModified. budget is what the entries may cost (MaxSize; tests pass less).
func parseBody(contentType string, body []byte, now float64, budget int64) ([]entry, error) {
	if len(body) > MaxSize {
		return nil, formTooLarge(int64(len(body)), MaxSize)
	}
	mt, ok := parseMIMEType(contentType)
	switch {
	case ok && mt.essence == "multipart/form-data":
		boundary, _ := mt.param("boundary")
		if boundary == "" {
			return nil, typeError(msgNoBoundaryParam)
		}
		return parseMultipart(body, boundary, now, budget)
	case ok && mt.essence == "application/x-www-form-urlencoded":
		if cs, ok := mt.param("charset"); ok {
			switch strings.ToLower(cs) {
			case "utf-8", "utf8", "unicode-1-1-utf-8":
			default:
				// workerd: TODO(conform) transcode instead, as the spec says.
				return nil, typeError(msgNonUTF8URLEncoded)
			}
		}
		return parseURLEncoded(string(body), budget)
	}
	return nil, typeError(msgUnrecognizedType)
}

// serializeMultipart encodes entries as multipart/form-data (RFC 7578 as HTML's "multipart/
// form-data encoding algorithm" profiles it) with mime/multipart's random boundary.
//
// Names and filenames are escaped as browsers and workerd do: '"' as %22, CR as %0D and LF
// as %0A, and, as workerd does, '\' as "\\" (receivers that read a quoted-string, like
// workerd, Chrome and mime/multipart, undo that; HTML's algorithm leaves '\' alone).
// multipart.Writer.CreateFormFile is not used because it escapes '"' as \" instead.
//
// Deviation: workerd leaves CR unescaped, which breaks the header line.
//
// String values are written as they are (UTF-8). HTML's algorithm would first normalise lone
// CR and LF in names and values to CRLF; workerd does not, and neither does this.
func serializeMultipart(entries []entry) ([]byte, string, error) {
	size := int64(len("\r\n----\r\n")) + 60
	for i := range entries {
		e := &entries[i]
		size += 3*int64(len(e.name)) + int64(len(e.value)) + 160
		if e.file != nil {
			size += 3*int64(len(e.file.file.name)) + int64(len(e.file.typ)) + int64(len(e.file.data))
		}
	}
	if size > MaxSize {
		return nil, "", formTooLarge(size, MaxSize)
	}
	var buf bytes.Buffer
	buf.Grow(int(size))
	w := multipart.NewWriter(&buf)
	h := make(textproto.MIMEHeader, 2)
	var cd []byte
	for i := range entries {
		e := &entries[i]
		cd = append(cd[:0], `form-data; name="`...)
		cd = appendEscaped(cd, e.name)
		cd = append(cd, '"')
		clear(h)
		if e.file != nil {
			cd = append(cd, `; filename="`...)
			cd = appendEscaped(cd, e.file.file.name)
			cd = append(cd, '"')
			typ := e.file.typ
			if typ == "" {
				typ = "application/octet-stream"
			}
			h["Content-Type"] = []string{typ}
		}
		h["Content-Disposition"] = []string{string(cd)}
		pw, err := w.CreatePart(h)
		if err != nil {
			return nil, "", fmt.Errorf("formdata: serialize: %w", err) // bytes.Buffer cannot fail
		}
		if e.file != nil {
			_, err = pw.Write(e.file.data)
		} else {
			_, err = pw.Write([]byte(e.value))
		}
		if err != nil {
			return nil, "", fmt.Errorf("formdata: serialize: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", fmt.Errorf("formdata: serialize: %w", err)
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// appendEscaped appends s as the inside of a Content-Disposition quoted string.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b = append(b, "%22"...)
		case '\r':
			b = append(b, "%0D"...)
		case '\n':
			b = append(b, "%0A"...)
		case '\\':
			b = append(b, `\\`...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// parseMultipart parses a multipart/form-data body. It follows workerd's parser (which Chrome's
// behaviour shaped): the first "--boundary" may be preceded by anything, parts are delimited by
// "\n--boundary" with an optional CR before the LF, a part's headers end at the first empty
// line, parts with a filename parameter become Files, and anything after the closing
// "--boundary--" is ignored.
//
// mime/multipart's Reader is not used: it streams through a bufio.Reader (the body is already in
// memory), Part.FileName drops directory components, Part.FormName reads RFC 2231 parameters but
// not browsers' %22 escapes, and its errors cannot be told apart to give workerd's messages.
//
// Deviation: more lenient than workerd, never stricter: a delimiter followed by something other
// than CRLF, LF or "--" is part of the content (RFC 2046) instead of an error; transport padding
// (spaces and tabs) after a delimiter is skipped; parameter values may be empty or unquoted
// tokens (browsers send filename="" for an empty file input, which workerd rejects); the
// disposition type and parameter names are case-insensitive.
func parseMultipart(body []byte, boundary string, now float64, budget int64) ([]entry, error) {
	dashBoundary := []byte("--" + boundary)
	// Find the first delimiter; it needs no preceding newline.
	pos := -1
	for from := 0; from <= len(body); {
		i := bytes.Index(body[from:], dashBoundary)
		if i < 0 {
			break
		}
		i += from
		if _, ok := delimiterEnd(body, i+len(dashBoundary)); ok {
			pos = i + len(dashBoundary)
			break
		}
		from = i + 1
	}
	if pos < 0 {
		return nil, typeError(msgNoInitialBoundary)
	}
	var list []entry
	var cost int64 // what the entries hold, charged against budget
	delim := []byte("\n--" + boundary)
	for {
		next, ok := delimiterEnd(body, pos)
		if !ok {
			return nil, typeError(msgBadBoundarySuffix) // unreachable: delimiters are checked when found
		}
		if next < 0 {
			return list, nil // the closing delimiter
		}
		pos = next

		name, filename, ctype, hasFilename, after, err := parsePartHeaders(body, pos)
		if err != nil {
			return nil, err
		}
		pos = after

		// The content runs to the next delimiter that is followed by what a delimiter line
		// may contain; anything else is content.
		end := -1
		for from := pos; from <= len(body); {
			i := bytes.Index(body[from:], delim)
			if i < 0 {
				break
			}
			i += from
			if _, ok := delimiterEnd(body, i+len(delim)); ok {
				end = i
				break
			}
			from = i + 1
		}
		if end < 0 {
			return nil, typeError(msgNoSubsequentBoundary)
		}
		content := body[pos:end]
		if n := len(content); n > 0 && content[n-1] == '\r' {
			content = content[:n-1]
		}
		pos = end + len(delim)

		if cost += int64(len(name)+len(content)) + entryOverhead; cost > budget {
			return nil, formTooLarge(cost, budget)
		}
		e := entry{name: name}
		if hasFilename {
			e.file = &blob{
				data: append([]byte(nil), content...),
				typ:  normalizeType(ctype),
				file: &fileInfo{name: filename, lastModified: now},
			}
		} else {
			e.value = decodeUTF8(content)
		}
		list = append(list, e)
	}
}

// delimiterEnd looks at what follows a delimiter's boundary, at body[i:]: "--" closes the body
// (next = -1); optional spaces or tabs then LF or CRLF start another part at next. Anything
// else, or the end of the body, is not a delimiter (ok = false).
func delimiterEnd(body []byte, i int) (next int, ok bool) {
	if bytes.HasPrefix(body[i:], []byte("--")) {
		return -1, true
	}
	for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
		i++
	}
	switch {
	case bytes.HasPrefix(body[i:], []byte("\r\n")):
		return i + 2, true
	case bytes.HasPrefix(body[i:], []byte("\n")):
		return i + 1, true
	}
	return 0, false
}

// parsePartHeaders reads a part's header block starting at body[pos:] up to and including the
// empty line that ends it, and returns the Content-Disposition name and filename, the
// Content-Type, and the offset of the content.
func parsePartHeaders(body []byte, pos int) (name, filename, ctype string, hasFilename bool, after int, err error) {
	var disposition, typ []byte // the first of each header, with folded lines joined
	var haveDisposition, haveType bool
	var last *[]byte // the header value a folded (obs-fold) line continues; nil for others
	folding := false // the previous line was a header (so a fold may follow)
	for {
		nl := bytes.IndexByte(body[pos:], '\n')
		if nl < 0 {
			return "", "", "", false, 0, typeError(msgNoHeaderTermination)
		}
		line := body[pos : pos+nl]
		pos += nl + 1
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if !folding {
				return "", "", "", false, 0, typeError(msgInvalidHeaders)
			}
			if last != nil {
				*last = append(append(*last, ' '), bytes.Trim(line, " \t")...)
			}
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || !isToken(string(line[:colon])) {
			return "", "", "", false, 0, typeError(msgInvalidHeaders)
		}
		key := line[:colon]
		value := bytes.Trim(line[colon+1:], " \t")
		folding, last = true, nil
		switch {
		case !haveDisposition && bytes.EqualFold(key, []byte("Content-Disposition")):
			disposition, haveDisposition = append([]byte(nil), value...), true
			last = &disposition
		case !haveType && bytes.EqualFold(key, []byte("Content-Type")):
			typ, haveType = append([]byte(nil), value...), true
			last = &typ
		}
	}
	if !haveDisposition {
		return "", "", "", false, 0, typeError(msgNoDisposition)
	}
	var hasName bool
	name, hasName, filename, hasFilename, err = parseDisposition(string(disposition))
	if err != nil {
		return "", "", "", false, 0, err
	}
	if !hasName {
		return "", "", "", false, 0, typeError(msgMissingName)
	}
	return name, filename, string(typ), hasFilename, pos, nil
}

// parseDisposition parses `form-data; name="…"; filename="…"`. Quoted values undo backslash
// escapes (as workerd and Chrome do) and then browsers' %0A, %0D and %22 escapes. The last
// occurrence of a parameter wins, as in workerd.
func parseDisposition(s string) (name string, hasName bool, filename string, hasFilename bool, err error) {
	invalid := typeError(msgInvalidDisposition)
	s = strings.TrimLeft(s, " \t")
	i := 0
	for i < len(s) && isTokenByte(s[i]) {
		i++
	}
	if i == 0 {
		return "", false, "", false, invalid
	}
	if typ := s[:i]; !strings.EqualFold(typ, "form-data") {
		return "", false, "", false, typeError(fmt.Sprintf(msgDispositionType, typ))
	}
	s = strings.TrimLeft(s[i:], " \t")
	for s != "" {
		if s[0] != ';' {
			return "", false, "", false, invalid
		}
		s = strings.TrimLeft(s[1:], " \t")
		if s == "" {
			break // a trailing ';'
		}
		if s[0] == ';' {
			continue
		}
		i = 0
		for i < len(s) && isTokenByte(s[i]) {
			i++
		}
		key := s[:i]
		s = strings.TrimLeft(s[i:], " \t")
		if key == "" || s == "" || s[0] != '=' {
			return "", false, "", false, invalid
		}
		s = strings.TrimLeft(s[1:], " \t")
		var value string
		if s != "" && s[0] == '"' {
			var ok bool
			value, s, ok = cutQuoted(s)
			if !ok {
				return "", false, "", false, invalid
			}
			value = unescapeFormName(value)
		} else {
			i = 0
			for i < len(s) && isTokenByte(s[i]) {
				i++
			}
			value, s = s[:i], s[i:]
			if value == "" {
				return "", false, "", false, invalid
			}
		}
		s = strings.TrimLeft(s, " \t")
		switch strings.ToLower(key) {
		case "name":
			name, hasName = value, true
		case "filename":
			filename, hasFilename = value, true
		}
	}
	return name, hasName, filename, hasFilename, nil
}

// cutQuoted reads a quoted string at the start of s (s[0] == '"'), undoing backslash escapes.
// ok is false when the closing quote is missing.
func cutQuoted(s string) (value, rest string, ok bool) {
	var sb strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return sb.String(), s[i+1:], true
		case '\\':
			if i+1 >= len(s) {
				return "", "", false
			}
			i++
			sb.WriteByte(s[i])
		default:
			sb.WriteByte(c)
		}
	}
	return "", "", false
}

// unescapeFormName undoes browsers' escapes in names and filenames and decodes the bytes as
// UTF-8 (invalid sequences become U+FFFD).
func unescapeFormName(s string) string {
	if strings.IndexByte(s, '%') >= 0 {
		s = strings.NewReplacer("%0A", "\n", "%0D", "\r", "%22", `"`).Replace(s)
	}
	return decodeUTF8([]byte(s))
}
