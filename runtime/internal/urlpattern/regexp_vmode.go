package urlpattern

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The spec compiles component regular expressions with the "v" flag (unicodeSets). goja only has
// "u". The two agree outside character classes; inside them "v" adds nested classes, set
// subtraction (--), intersection (&&) and \q{…} strings, and reserves some punctuation. So every
// character class of a user regexp group is parsed with the "v" grammar, its set of code points is
// computed, and it is re-emitted as a plain "u" class of ranges. goja also has no Unicode property
// escapes (\p{L} silently never matches), so \p{…} and \P{…} are expanded to ranges from Go's
// Unicode tables, inside classes and out. \q{…} (strings in classes) is not supported.

var (
	errClassSyntax      = errors.New("invalid character class for the v flag")
	errClassUnsupported = errors.New("unsupported in a v-flag character class here")
)

// rng is an inclusive code point range.
type rng struct{ lo, hi rune }

// runeSet is a sorted list of disjoint, non-adjacent ranges.
type runeSet []rng

const maxRune = 0x10ffff

func normalize(rs []rng) runeSet {
	slices.SortFunc(rs, func(a, b rng) int { return int(a.lo - b.lo) })
	var out runeSet
	for _, r := range rs {
		if n := len(out); n > 0 && r.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, r.hi)
			continue
		}
		out = append(out, r)
	}
	return out
}

func (s runeSet) union(t runeSet) runeSet {
	return normalize(append(slices.Clone(s), t...))
}

func (s runeSet) complement() runeSet {
	var out runeSet
	next := rune(0)
	for _, r := range s {
		if r.lo > next {
			out = append(out, rng{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= maxRune {
		out = append(out, rng{next, maxRune})
	}
	return out
}

func (s runeSet) intersect(t runeSet) runeSet {
	return s.complement().union(t.complement()).complement()
}

func (s runeSet) subtract(t runeSet) runeSet {
	return s.intersect(t.complement())
}

func single(r rune) runeSet { return runeSet{{r, r}} }

var (
	setDigit = runeSet{{'0', '9'}}
	setWord  = normalize([]rng{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}})
	setSpace = normalize([]rng{{'\t', '\r'}, {' ', ' '}, {0xa0, 0xa0}, {0x1680, 0x1680}, {0x2000, 0x200a},
		{0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000}, {0xfeff, 0xfeff}})
)

// translateVClasses rewrites the character classes and property escapes of src (a user regexp
// group, ASCII) from "v" to "u" syntax and semantics.
func translateVClasses(src string) (string, error) {
	if !strings.ContainsAny(src, "[pP") {
		return src, nil
	}
	var b strings.Builder
	for i := 0; i < len(src); {
		switch {
		case strings.HasPrefix(src[i:], `\p{`) || strings.HasPrefix(src[i:], `\P{`):
			p := &classParser{src: src, pos: i}
			set, _, err := p.operandOrRange()
			if err != nil {
				return "", err
			}
			b.WriteString(set.String())
			i = p.pos
		case src[i] == '\\':
			end := min(i+2, len(src))
			b.WriteString(src[i:end])
			i = end
		case src[i] == '[':
			p := &classParser{src: src, pos: i}
			set, err := p.class()
			if err != nil {
				return "", err
			}
			b.WriteString(set.String())
			i = p.pos
		default:
			b.WriteByte(src[i])
			i++
		}
	}
	return b.String(), nil
}

func (s runeSet) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for _, r := range s {
		b.WriteString(classEscape(r.lo))
		if r.hi != r.lo {
			b.WriteByte('-')
			b.WriteString(classEscape(r.hi))
		}
	}
	b.WriteByte(']')
	return b.String()
}

func classEscape(r rune) string {
	if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
		return string(r)
	}
	return `\u{` + strconv.FormatInt(int64(r), 16) + `}`
}

// classParser parses one v-mode character class (ClassSetExpression) at pos.
type classParser struct {
	src string
	pos int
}

func (p *classParser) peek(s string) bool { return strings.HasPrefix(p.src[p.pos:], s) }

// class parses "[" ["^"] ClassContents "]".
func (p *classParser) class() (runeSet, error) {
	if !p.peek("[") {
		return nil, errClassSyntax
	}
	p.pos++
	negate := p.peek("^")
	if negate {
		p.pos++
	}
	set, err := p.contents()
	if err != nil {
		return nil, err
	}
	if !p.peek("]") {
		return nil, errClassSyntax
	}
	p.pos++
	if negate {
		set = set.complement()
	}
	return set, nil
}

// contents parses a union, or an intersection or subtraction of operands.
func (p *classParser) contents() (runeSet, error) {
	if p.peek("]") {
		return nil, nil
	}
	first, isRange, err := p.operandOrRange()
	if err != nil {
		return nil, err
	}
	for _, op := range []string{"&&", "--"} {
		if !isRange && p.peek(op) {
			set := first
			for p.peek(op) {
				p.pos += 2
				next, isRange, err := p.operandOrRange()
				if err != nil {
					return nil, err
				}
				if isRange {
					return nil, errClassSyntax
				}
				if op == "&&" {
					set = set.intersect(next)
				} else {
					set = set.subtract(next)
				}
			}
			if !p.peek("]") {
				return nil, errClassSyntax // operators cannot be mixed with each other or a union
			}
			return set, nil
		}
	}
	set := first
	for !p.peek("]") {
		if p.pos >= len(p.src) || p.peek("&&") || p.peek("--") {
			return nil, errClassSyntax
		}
		next, _, err := p.operandOrRange()
		if err != nil {
			return nil, err
		}
		set = set.union(next)
	}
	return set, nil
}

// operandOrRange parses a nested class, a class escape, a character or a range a-b.
func (p *classParser) operandOrRange() (runeSet, bool, error) {
	if p.pos >= len(p.src) {
		return nil, false, errClassSyntax
	}
	if p.peek("[") {
		set, err := p.class()
		return set, false, err
	}
	if p.peek(`\`) && p.pos+1 < len(p.src) {
		switch e := p.src[p.pos+1]; e {
		case 'd', 'D', 'w', 'W', 's', 'S':
			p.pos += 2
			set := map[byte]runeSet{'d': setDigit, 'w': setWord, 's': setSpace}[e|0x20]
			if e < 'a' {
				set = set.complement()
			}
			return set, false, nil
		case 'p', 'P':
			end := strings.IndexByte(p.src[p.pos:], '}')
			if end < 0 || p.pos+2 >= len(p.src) || p.src[p.pos+2] != '{' {
				return nil, false, errClassSyntax
			}
			set, ok := propertySet(p.src[p.pos+3 : p.pos+end])
			if !ok {
				return nil, false, fmt.Errorf("%w: \\%c{%s}", errClassUnsupported, e, p.src[p.pos+3:p.pos+end])
			}
			p.pos += end + 1
			if e == 'P' {
				set = set.complement()
			}
			return set, false, nil
		case 'q':
			return nil, false, fmt.Errorf("%w: \\q{…}", errClassUnsupported)
		}
	}
	lo, err := p.char()
	if err != nil {
		return nil, false, err
	}
	if p.peek("-") && !p.peek("--") {
		p.pos++
		hi, err := p.char()
		if err != nil {
			return nil, false, err
		}
		if hi < lo {
			return nil, false, errClassSyntax
		}
		return runeSet{{lo, hi}}, true, nil
	}
	return single(lo), false, nil
}

// char parses a ClassSetCharacter.
func (p *classParser) char() (rune, error) {
	if p.pos >= len(p.src) {
		return 0, errClassSyntax
	}
	c := p.src[p.pos]
	if c != '\\' {
		if strings.IndexByte("()[]{}/-|", c) >= 0 {
			return 0, errClassSyntax // ClassSetSyntaxCharacter must be escaped
		}
		if p.pos+1 < len(p.src) && p.src[p.pos+1] == c && strings.IndexByte("&!#$%*+,.:;<=>?@^`~", c) >= 0 {
			return 0, errClassSyntax // ClassSetReservedDoublePunctuator
		}
		p.pos++
		return rune(c), nil
	}
	if p.pos+1 >= len(p.src) {
		return 0, errClassSyntax
	}
	e := p.src[p.pos+1]
	p.pos += 2
	switch {
	case strings.IndexByte(`^$\.*+?()[]{}|/`, e) >= 0, strings.IndexByte("&-!#%,:;<=>@`~", e) >= 0:
		return rune(e), nil
	case e == 'b':
		return '\b', nil
	case e == 'f':
		return '\f', nil
	case e == 'n':
		return '\n', nil
	case e == 'r':
		return '\r', nil
	case e == 't':
		return '\t', nil
	case e == 'v':
		return '\v', nil
	case e == '0' && !(p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9'):
		return 0, nil
	case e == 'c' && p.pos < len(p.src) && isASCIILetter(p.src[p.pos]):
		p.pos++
		return rune(p.src[p.pos-1] % 32), nil
	case e == 'x' && p.pos+2 <= len(p.src):
		return p.hex(2)
	case e == 'u':
		if p.peek("{") {
			end := strings.IndexByte(p.src[p.pos:], '}')
			if end < 2 {
				return 0, errClassSyntax
			}
			v, err := strconv.ParseUint(p.src[p.pos+1:p.pos+end], 16, 32)
			if err != nil || v > maxRune {
				return 0, errClassSyntax
			}
			p.pos += end + 1
			return rune(v), nil
		}
		if p.pos+4 > len(p.src) {
			return 0, errClassSyntax
		}
		return p.hex(4)
	}
	return 0, fmt.Errorf("%w: \\%c", errClassSyntax, e)
}

func (p *classParser) hex(n int) (rune, error) {
	v, err := strconv.ParseUint(p.src[p.pos:p.pos+n], 16, 32)
	if err != nil {
		return 0, errClassSyntax
	}
	p.pos += n
	return rune(v), nil
}
