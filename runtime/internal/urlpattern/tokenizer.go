package urlpattern

import (
	"errors"
	"unicode"
)

// tokenType is a token's type (https://urlpattern.spec.whatwg.org/#token-type).
type tokenType uint8

const (
	tokInvalidChar   tokenType = iota
	tokOpen                    // {
	tokClose                   // }
	tokRegexp                  // (<regexp>)
	tokName                    // :<name>
	tokChar                    // a code point without syntactic meaning
	tokEscapedChar             // \<char>
	tokOtherModifier           // ? or +
	tokAsterisk                // *
	tokEnd
)

// token is one lexical token of a pattern string. index is the position of its first code point
// in the input; value holds the code points it stands for (without the backslash, colon or
// parentheses).
type token struct {
	typ   tokenType
	index int
	value string
}

var errTokenize = errors.New("invalid pattern syntax")

// tokenizer implements https://urlpattern.spec.whatwg.org/#tokenizing. Positions are code point
// indexes into in.
type tokenizer struct {
	in      []rune
	lenient bool
	tokens  []token
	index   int
	next    int
	cp      rune
}

// tokenize splits input into tokens. In strict mode (lenient false) the first tokenizing error
// fails; in lenient mode it becomes an invalid-char token.
func tokenize(input string, lenient bool) ([]token, error) {
	t := &tokenizer{in: []rune(input), lenient: lenient}
	n := len(t.in)
	for t.index < n {
		t.seekAndGet(t.index)
		switch t.cp {
		case '*':
			t.addDefault(tokAsterisk)
		case '+', '?':
			t.addDefault(tokOtherModifier)
		case '\\':
			if t.index == n-1 {
				if !t.fail(t.next, t.index) {
					return nil, errTokenize
				}
				continue
			}
			escapedIndex := t.next
			t.getNext()
			t.addWithLength(tokEscapedChar, t.next, escapedIndex)
		case '{':
			t.addDefault(tokOpen)
		case '}':
			t.addDefault(tokClose)
		case ':':
			namePos := t.next
			nameStart := namePos
			for namePos < n {
				t.seekAndGet(namePos)
				if !isValidNameCodePoint(t.cp, namePos == nameStart) {
					break
				}
				namePos = t.next
			}
			if namePos <= nameStart {
				if !t.fail(nameStart, t.index) {
					return nil, errTokenize
				}
				continue
			}
			t.addWithLength(tokName, namePos, nameStart)
		case '(':
			ok, pos, start := t.regexp()
			if !ok {
				if !t.lenient {
					return nil, errTokenize
				}
				continue
			}
			t.add(tokRegexp, pos, start, pos-start-1)
		default:
			t.addDefault(tokChar)
		}
	}
	t.addWithLength(tokEnd, t.index, t.index)
	return t.tokens, nil
}

// regexp scans a "(…)" group starting at t.index. On success it returns the position after the
// closing parenthesis and the position of the first code point inside; on failure it has already
// recorded the tokenizing error.
func (t *tokenizer) regexp() (ok bool, pos, start int) {
	n := len(t.in)
	depth := 1
	pos = t.next
	start = pos
	fail := func() (bool, int, int) {
		t.fail(start, t.index)
		return false, 0, 0
	}
	for pos < n {
		t.seekAndGet(pos)
		if t.cp > 0x7f {
			return fail()
		}
		if pos == start && t.cp == '?' {
			return fail()
		}
		if t.cp == '\\' {
			if pos == n-1 {
				return fail()
			}
			t.getNext()
			if t.cp > 0x7f {
				return fail()
			}
			pos = t.next
			continue
		}
		if t.cp == ')' {
			depth--
			if depth == 0 {
				pos = t.next
				break
			}
		} else if t.cp == '(' {
			depth++
			if pos == n-1 {
				return fail()
			}
			tmp := t.next
			t.getNext()
			if t.cp != '?' {
				return fail()
			}
			t.next = tmp
		}
		pos = t.next
	}
	if depth != 0 || pos-start-1 == 0 {
		return fail()
	}
	return true, pos, start
}

func (t *tokenizer) getNext() {
	t.cp = t.in[t.next]
	t.next++
}

func (t *tokenizer) seekAndGet(i int) {
	t.next = i
	t.getNext()
}

func (t *tokenizer) add(typ tokenType, nextPos, valuePos, valueLen int) {
	t.tokens = append(t.tokens, token{typ: typ, index: t.index, value: string(t.in[valuePos : valuePos+valueLen])})
	t.index = nextPos
}

func (t *tokenizer) addWithLength(typ tokenType, nextPos, valuePos int) {
	t.add(typ, nextPos, valuePos, nextPos-valuePos)
}

func (t *tokenizer) addDefault(typ tokenType) {
	t.addWithLength(typ, t.next, t.index)
}

// fail processes a tokenizing error: false in strict mode (the caller must fail), otherwise an
// invalid-char token is added and tokenizing goes on.
func (t *tokenizer) fail(nextPos, valuePos int) bool {
	if !t.lenient {
		return false
	}
	t.addWithLength(tokInvalidChar, nextPos, valuePos)
	return true
}

// isValidNameCodePoint reports whether r may appear in a group name: ECMAScript IdentifierStart
// (first) or IdentifierPart.
func isValidNameCodePoint(r rune, first bool) bool {
	if r == '$' || r == '_' {
		return true
	}
	if !first && (r == 0x200c || r == 0x200d) {
		return true
	}
	if unicode.Is(unicode.Pattern_Syntax, r) || unicode.Is(unicode.Pattern_White_Space, r) {
		return false
	}
	// Unicode ID_Start: L, Nl, Other_ID_Start; ID_Continue adds Mn, Mc, Nd, Pc, Other_ID_Continue.
	if unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r) {
		return true
	}
	return !first && (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) || unicode.Is(unicode.Other_ID_Continue, r))
}
