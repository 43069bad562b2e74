package wrangler

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A JSONC parser: JSON plus // and /* */ comments and trailing commas in arrays and
// objects, which is what wrangler accepts in wrangler.json and wrangler.jsonc
// (workers-utils parseJSONC with allowTrailingComma). It builds the position-carrying tree
// directly. Duplicate object keys keep the last value, as JSON.parse does, and are
// reported as warnings.

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 512

// syntaxError is a JSONC syntax error at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

type jsoncParser struct {
	src   []byte
	i     int
	depth int
	li    *lineIndex
	dups  []dupKey // duplicate object keys, for warnings
}

type dupKey struct {
	path      string
	line, col int
}

// parseJSONC parses src. On a syntax error it returns a *syntaxError.
func parseJSONC(src []byte, li *lineIndex) (*node, []dupKey, error) {
	p := &jsoncParser{src: src, li: li}
	if err := p.skipSpace(); err != nil {
		return nil, nil, err
	}
	if p.i >= len(p.src) {
		return nil, nil, p.errf("the file is empty; expected a JSON object")
	}
	v, err := p.value("")
	if err != nil {
		return nil, nil, err
	}
	if err := p.skipSpace(); err != nil {
		return nil, nil, err
	}
	if p.i < len(p.src) {
		return nil, nil, p.errf("unexpected %s after the end of the top-level value", p.describe())
	}
	return v, p.dups, nil
}

func (p *jsoncParser) errf(format string, args ...any) error {
	return &syntaxError{off: p.i, msg: fmt.Sprintf(format, args...)}
}

// describe names the input at the current offset for error messages.
func (p *jsoncParser) describe() string {
	if p.i >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.i:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte %#02x", p.src[p.i])
	}
	return strconv.QuoteRune(r)
}

// skipSpace skips whitespace and comments.
func (p *jsoncParser) skipSpace() error {
	for p.i < len(p.src) {
		switch c := p.src[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == '/' && p.i+1 < len(p.src) && p.src[p.i+1] == '/':
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
		case c == '/' && p.i+1 < len(p.src) && p.src[p.i+1] == '*':
			start := p.i
			p.i += 2
			for {
				if p.i+1 >= len(p.src) {
					p.i = start
					return p.errf("unterminated /* comment")
				}
				if p.src[p.i] == '*' && p.src[p.i+1] == '/' {
					p.i += 2
					break
				}
				p.i++
			}
		default:
			return nil
		}
	}
	return nil
}

func (p *jsoncParser) value(path string) (*node, error) {
	line, col := p.li.pos(p.i)
	if p.i >= len(p.src) {
		return nil, p.errf("unexpected end of file; expected a value")
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(path, line, col)
	case c == '[':
		return p.array(path, line, col)
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &node{kind: kindString, str: s, line: line, col: col}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(line, col)
	case p.literal("true"):
		return &node{kind: kindBool, bool: true, line: line, col: col}, nil
	case p.literal("false"):
		return &node{kind: kindBool, line: line, col: col}, nil
	case p.literal("null"):
		return &node{kind: kindNull, line: line, col: col}, nil
	}
	return nil, p.errf("unexpected %s; expected a value", p.describe())
}

// literal consumes word if it is next and is not followed by more identifier characters.
func (p *jsoncParser) literal(word string) bool {
	end := p.i + len(word)
	if end > len(p.src) || string(p.src[p.i:end]) != word {
		return false
	}
	if end < len(p.src) {
		if c := p.src[end]; c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return false
		}
	}
	p.i = end
	return true
}

func (p *jsoncParser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errf("nesting deeper than %d levels", maxDepth)
	}
	return nil
}

func (p *jsoncParser) object(path string, line, col int) (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	obj := newTable(line, col)
	p.i++ // {
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.i >= len(p.src) {
			return nil, p.errf("unexpected end of file; expected a property name or '}'")
		}
		if p.src[p.i] == '}' {
			p.i++
			return obj, nil
		}
		if p.src[p.i] != '"' {
			return nil, p.errf("unexpected %s; expected a property name in double quotes or '}'", p.describe())
		}
		kline, kcol := p.li.pos(p.i)
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return nil, p.errf("unexpected %s; expected ':' after property name", p.describe())
		}
		p.i++
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		v, err := p.value(joinKey(path, key))
		if err != nil {
			return nil, err
		}
		v.line, v.col = kline, kcol
		if _, dup := obj.fields[key]; dup {
			p.dups = append(p.dups, dupKey{path: joinKey(path, key), line: kline, col: kcol})
		}
		obj.set(key, v)
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.i >= len(p.src) {
			return nil, p.errf("unexpected end of file; expected ',' or '}'")
		}
		switch p.src[p.i] {
		case ',':
			p.i++ // a trailing comma before '}' is allowed
		case '}':
		default:
			return nil, p.errf("unexpected %s; expected ',' or '}'", p.describe())
		}
	}
}

func (p *jsoncParser) array(path string, line, col int) (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	arr := &node{kind: kindArray, line: line, col: col}
	p.i++ // [
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.i >= len(p.src) {
			return nil, p.errf("unexpected end of file; expected a value or ']'")
		}
		if p.src[p.i] == ']' {
			p.i++
			return arr, nil
		}
		v, err := p.value(indexKey(path, len(arr.elems)))
		if err != nil {
			return nil, err
		}
		arr.elems = append(arr.elems, v)
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.i >= len(p.src) {
			return nil, p.errf("unexpected end of file; expected ',' or ']'")
		}
		switch p.src[p.i] {
		case ',':
			p.i++ // a trailing comma before ']' is allowed
		case ']':
		default:
			return nil, p.errf("unexpected %s; expected ',' or ']'", p.describe())
		}
	}
}

// number parses a JSON number (strict grammar) into a float64, as JSON.parse does.
func (p *jsoncParser) number(line, col int) (*node, error) {
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.src[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.src) && p.src[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return nil, p.errf("invalid number: expected a digit, found %s", p.describe())
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.errf("invalid number: expected a digit after '.', found %s", p.describe())
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.errf("invalid number: expected a digit in the exponent, found %s", p.describe())
		}
	}
	f, err := strconv.ParseFloat(string(p.src[start:p.i]), 64)
	if err != nil {
		p.i = start
		return nil, p.errf("number %s is out of range", p.src[start:start+min(len(p.src)-start, 40)])
	}
	return &node{kind: kindNumber, num: f, line: line, col: col}, nil
}

// string parses a double-quoted JSON string starting at p.i.
func (p *jsoncParser) string() (string, error) {
	start := p.i
	p.i++ // "
	var buf []byte
	for {
		if p.i >= len(p.src) {
			p.i = start
			return "", p.errf("unterminated string")
		}
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c == '\\':
			if p.i+1 >= len(p.src) {
				p.i = start
				return "", p.errf("unterminated string")
			}
			esc := p.src[p.i+1]
			p.i += 2
			switch esc {
			case '"', '\\', '/':
				buf = append(buf, esc)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) {
					// A high surrogate followed by an escaped low surrogate is one character;
					// anything else becomes U+FFFD, as in encoding/json.
					r2 := utf8.RuneError
					if p.i+1 < len(p.src) && p.src[p.i] == '\\' && p.src[p.i+1] == 'u' {
						save := p.i
						p.i += 2
						lo, err := p.hex4()
						if err != nil {
							return "", err
						}
						if d := utf16.DecodeRune(r, lo); d != utf8.RuneError {
							r2 = d
						} else {
							p.i = save
						}
					}
					r = r2
				}
				buf = utf8.AppendRune(buf, r)
			default:
				p.i -= 2
				return "", p.errf("invalid escape sequence \\%c in string", esc)
			}
		case c == '\n':
			p.i = start
			return "", p.errf("unterminated string (a line break inside a string must be written as \\n)")
		case c < 0x20:
			return "", p.errf("control character %#02x in string; write it as an escape such as \\t", c)
		default:
			r, size := utf8.DecodeRune(p.src[p.i:])
			if r == utf8.RuneError && size == 1 {
				return "", p.errf("invalid UTF-8 in string")
			}
			buf = append(buf, p.src[p.i:p.i+size]...)
			p.i += size
		}
	}
}

func (p *jsoncParser) hex4() (rune, error) {
	if p.i+4 > len(p.src) {
		return 0, p.errf("invalid \\u escape: expected 4 hex digits")
	}
	var r rune
	for _, c := range p.src[p.i : p.i+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, p.errf("invalid \\u escape: expected 4 hex digits")
		}
		r = r<<4 | rune(d)
	}
	p.i += 4
	return r, nil
}

// joinKey and indexKey build the dotted key paths used in diagnostics.
func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func indexKey(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
