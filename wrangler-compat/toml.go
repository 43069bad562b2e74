package wrangler

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// TOML goes through BurntSushi/toml, which gives correct values and good syntax errors
// (toml.ParseError carries line and column). v1.6.0 keeps key positions private (its
// MetaData has Keys, Type, IsDefined and Undecoded, but no Position), and Go maps lose
// the file order that vars need. So after a successful decode, a small scanner
// (tomlScanner) walks the same text and records, for every key path and array element,
// where it was written and in which order; decoded values are then placed into the tree
// with those positions. MetaData.Undecoded is not used: decoding into map[string]any
// marks nothing as decoded, and unknown keys are found on the tree so that TOML and JSON
// share one check.

// parseTOML decodes src. A syntax error comes back as toml.ParseError.
func parseTOML(src []byte, li *lineIndex) (*node, error) {
	var m map[string]any
	if _, err := toml.NewDecoder(strings.NewReader(string(src))).Decode(&m); err != nil {
		return nil, err
	}
	sc := &tomlScanner{src: src, pos: map[string]scanPos{}, aot: map[string]int{}}
	sc.scan()
	root := fromTOML(m, "", &scanPos{}, sc, li)
	return root, nil
}

// tomlParseError extracts a toml.ParseError from err.
func tomlParseError(err error) (toml.ParseError, bool) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return pe, true
	}
	return pe, false
}

// fromTOML converts a decoded value to a node. path is the scanner's canonical path of v;
// at is the position to use if the scanner did not record one.
func fromTOML(v any, path string, at *scanPos, sc *tomlScanner, li *lineIndex) *node {
	p := *at
	if sp, ok := sc.pos[path]; ok && path != "" {
		p = sp
	}
	line, col := li.pos(p.off)
	if path == "" {
		line, col = 1, 1
	}
	switch x := v.(type) {
	case map[string]any:
		t := newTable(line, col)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		// File order; keys the scanner missed (it should miss none) go last, sorted.
		sort.Slice(keys, func(i, j int) bool {
			oi, iok := sc.pos[path+canonKey(keys[i])]
			oj, jok := sc.pos[path+canonKey(keys[j])]
			switch {
			case iok && jok:
				return oi.seq < oj.seq
			case iok != jok:
				return iok
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			t.set(k, fromTOML(x[k], path+canonKey(k), &p, sc, li))
		}
		return t
	case []map[string]any:
		a := &node{kind: kindArray, line: line, col: col}
		for i, e := range x {
			a.elems = append(a.elems, fromTOML(e, path+canonIndex(i), &p, sc, li))
		}
		return a
	case []any:
		a := &node{kind: kindArray, line: line, col: col}
		for i, e := range x {
			a.elems = append(a.elems, fromTOML(e, path+canonIndex(i), &p, sc, li))
		}
		return a
	case string:
		return &node{kind: kindString, str: x, line: line, col: col}
	case int64:
		return &node{kind: kindInteger, int: x, line: line, col: col}
	case float64:
		return &node{kind: kindFloat, num: x, line: line, col: col}
	case bool:
		return &node{kind: kindBool, bool: x, line: line, col: col}
	case time.Time:
		return &node{kind: kindDatetime, time: x, line: line, col: col}
	}
	// Not produced by BurntSushi/toml for a map[string]any target.
	return &node{kind: kindFloat, num: math.NaN(), line: line, col: col}
}

// Canonical scanner paths: keys as "k<quoted>", indices as "[n]", concatenated.
func canonKey(k string) string { return "k" + strconv.Quote(k) }
func canonIndex(i int) string  { return "[" + strconv.Itoa(i) + "]" }

type scanPos struct {
	off int // byte offset of the key or element
	seq int // order of first appearance
}

// tomlScanner records positions of keys and array elements in TOML text that
// BurntSushi/toml has already accepted. It is lenient: on anything unexpected it moves on,
// and every loop makes progress, so it cannot hang or panic on any input.
type tomlScanner struct {
	src []byte
	i   int
	pos map[string]scanPos
	seq int
	aot map[string]int // canonical path of an array of tables → number of [[...]] seen
}

func (s *tomlScanner) record(path string, off int) {
	if _, ok := s.pos[path]; !ok {
		s.pos[path] = scanPos{off: off, seq: s.seq}
		s.seq++
	}
}

func (s *tomlScanner) eof() bool { return s.i >= len(s.src) }

func (s *tomlScanner) skipBlank() {
	for !s.eof() && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// skipSpace skips blanks, newlines and comments.
func (s *tomlScanner) skipSpace() {
	for !s.eof() {
		switch s.src[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		case '#':
			for !s.eof() && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *tomlScanner) scan() {
	table := ""
	for {
		s.skipSpace()
		if s.eof() {
			return
		}
		start := s.i
		if s.src[s.i] == '[' {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		if s.i == start {
			s.i++
		}
	}
}

// header parses [a.b] or [[a.b]] and returns the canonical path of the table it opens.
func (s *tomlScanner) header() string {
	start := s.i
	s.i++
	double := !s.eof() && s.src[s.i] == '['
	if double {
		s.i++
	}
	keys := s.key()
	path := ""
	for j, k := range keys {
		path += canonKey(k)
		s.record(path, start)
		if j == len(keys)-1 && double {
			n := s.aot[path]
			s.aot[path] = n + 1
			path += canonIndex(n)
			s.record(path, start)
		} else if n, ok := s.aot[path]; ok && n > 0 {
			path += canonIndex(n - 1)
		}
	}
	// Rest of the line: closing brackets and an optional comment.
	for !s.eof() && s.src[s.i] != '\n' {
		s.i++
	}
	return path
}

// keyValue parses key = value relative to the table at base.
func (s *tomlScanner) keyValue(base string) {
	start := s.i
	keys := s.key()
	if len(keys) == 0 {
		return
	}
	path := base
	for _, k := range keys {
		path += canonKey(k)
		s.record(path, start)
	}
	s.skipBlank()
	if !s.eof() && s.src[s.i] == '=' {
		s.i++
	}
	s.skipBlank()
	s.value(path)
}

func (s *tomlScanner) value(path string) {
	if s.eof() {
		return
	}
	switch s.src[s.i] {
	case '[':
		s.i++
		for n := 0; ; {
			s.skipSpace()
			if s.eof() {
				return
			}
			switch s.src[s.i] {
			case ']':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			start := s.i
			elem := path + canonIndex(n)
			s.record(elem, start)
			s.value(elem)
			n++
			if s.i == start {
				s.i++
			}
		}
	case '{':
		s.i++
		for {
			s.skipSpace()
			if s.eof() {
				return
			}
			switch s.src[s.i] {
			case '}':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			start := s.i
			s.keyValue(path)
			if s.i == start {
				s.i++
			}
		}
	case '"', '\'':
		s.str()
	default:
		// A bare scalar: number, boolean, date-time (which may contain one space).
		for !s.eof() {
			switch s.src[s.i] {
			case ',', ']', '}', '\n', '\r', '#':
				return
			}
			s.i++
		}
	}
}

// key parses a possibly dotted key and returns its parts.
func (s *tomlScanner) key() []string {
	var parts []string
	for {
		s.skipBlank()
		if s.eof() {
			return parts
		}
		switch s.src[s.i] {
		case '"', '\'':
			parts = append(parts, s.str())
		default:
			start := s.i
			for !s.eof() && isBareKeyByte(s.src[s.i]) {
				s.i++
			}
			if s.i == start {
				return parts
			}
			parts = append(parts, string(s.src[start:s.i]))
		}
		s.skipBlank()
		if s.eof() || s.src[s.i] != '.' {
			return parts
		}
		s.i++
	}
}

func isBareKeyByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// str consumes a basic, literal or multi-line string and returns its decoded content
// (decoding matters only for quoted keys).
func (s *tomlScanner) str() string {
	q := s.src[s.i]
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		// Multi-line: ends at the first run of three or more quotes; up to two extra
		// quotes in that run belong to the content.
		s.i += 3
		start := s.i
		for !s.eof() {
			c := s.src[s.i]
			if c == '\\' && q == '"' {
				s.i += 2
				continue
			}
			if c == q && s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
				n := 3
				for n < 5 && s.i+n < len(s.src) && s.src[s.i+n] == q {
					n++
				}
				body := s.src[start : s.i+n-3]
				s.i += n
				return string(body)
			}
			s.i++
		}
		return ""
	}
	s.i++
	var b []byte
	for !s.eof() {
		c := s.src[s.i]
		switch {
		case c == q:
			s.i++
			return string(b)
		case c == '\n':
			return string(b)
		case c == '\\' && q == '"':
			b = s.escape(b)
		default:
			b = append(b, c)
			s.i++
		}
	}
	return string(b)
}

// escape decodes one backslash escape of a TOML basic string at s.i.
func (s *tomlScanner) escape(b []byte) []byte {
	s.i++ // backslash
	if s.eof() {
		return b
	}
	c := s.src[s.i]
	s.i++
	simple := map[byte]byte{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', 'e': 0x1b, '"': '"', '\\': '\\'}
	if r, ok := simple[c]; ok {
		return append(b, r)
	}
	n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if n == 0 || s.i+n > len(s.src) {
		return append(b, '\\', c)
	}
	v, err := strconv.ParseUint(string(s.src[s.i:s.i+n]), 16, 32)
	if err != nil {
		return append(b, '\\', c)
	}
	s.i += n
	return utf8.AppendRune(b, rune(v))
}
