package htmlrewriter

import (
	"strconv"
	"strings"
)

// SelectorError is a selector lol-html rejects; its message is lol-html's (workerd prefixes it
// with "Parser error: ").
type SelectorError string

func (e SelectorError) Error() string { return string(e) }

// The messages of lol-html's SelectorError, in the cases this parser reports them.
const (
	errUnexpectedToken    SelectorError = "Unexpected token in selector."
	errUnexpectedEnd      SelectorError = "Unexpected end of selector."
	errMissingAttrName    SelectorError = "Missing attribute name in attribute selector."
	errEmptySelector      SelectorError = "The selector is empty."
	errDanglingCombinator SelectorError = "Dangling combinator in selector."
	errTokenInAttribute   SelectorError = "Unexpected token in the attribute selector."
	errUnsupportedPseudo  SelectorError = "Unsupported pseudo-class or pseudo-element in selector."
	errNamespaced         SelectorError = "Selectors with explicit namespaces are not supported."
	errInvalidClassName   SelectorError = "Invalid or unescaped class name in selector."
	errEmptyNegation      SelectorError = "Empty negation in selector."
)

func errUnsupportedCombinator(c byte) SelectorError {
	return SelectorError("Unsupported combinator `" + string(c) + "` in selector.")
}

// Selector is a parsed selector list: an element matches when one of its complex selectors does.
type Selector struct {
	alts []complexSel
}

// complexSel is compounds joined by combinators, stored right to left: parts[0] is the subject,
// child[i] tells whether parts[i] must be a child (not just a descendant) of parts[i+1].
type complexSel struct {
	parts []compound
	child []bool
}

type compound struct {
	tag    string // lowercase; "" for any
	simple []simpleSel
}

type simpleKind uint8

const (
	simpleID simpleKind = iota
	simpleClass
	simpleAttr
	simpleNthChild
	simpleNthOfType
	simpleNot
)

type simpleSel struct {
	kind  simpleKind
	name  string // id, class, attribute name (lowercase)
	op    byte   // attribute operator: 0 (exists), '=', '~', '^', '$', '*', '|'
	value string
	fold  bool // attribute value compared ASCII case-insensitively
	a, b  int  // nth: an+b
	not   []compound
}

// ParseSelector parses a selector in the subset lol-html supports, with lol-html's errors.
func ParseSelector(s string) (*Selector, error) {
	p := &selParser{s: s}
	sel := &Selector{}
	for {
		c, err := p.complex()
		if err != nil {
			return nil, err
		}
		sel.alts = append(sel.alts, c)
		p.skipWS()
		if p.eof() {
			return sel, nil
		}
		if p.peek() != ',' {
			return nil, errUnexpectedToken
		}
		p.i++
	}
}

type selParser struct {
	s string
	i int
}

func (p *selParser) eof() bool  { return p.i >= len(p.s) }
func (p *selParser) peek() byte { return p.s[p.i] }

func (p *selParser) skipWS() bool {
	start := p.i
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
	return p.i > start
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isNameStart(c byte) bool {
	return c == '_' || c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') || c == '\\'
}

func isNameChar(c byte) bool { return isNameStart(c) || c == '-' || (c >= '0' && c <= '9') }

// ident reads a CSS identifier (with backslash escapes), or returns "" when none starts here.
func (p *selParser) ident() string {
	j := p.i
	if j < len(p.s) && p.s[j] == '-' {
		j++
		if j < len(p.s) && p.s[j] == '-' {
			j++
		}
	}
	if j >= len(p.s) || !(isNameStart(p.s[j]) || (j > p.i+1 && isNameChar(p.s[j]))) {
		if j == p.i+2 { // "--" is an identifier on its own
			p.i = j
			return "--"
		}
		return ""
	}
	var b strings.Builder
	b.WriteString(p.s[p.i:j])
	for j < len(p.s) && isNameChar(p.s[j]) {
		if p.s[j] == '\\' && j+1 < len(p.s) {
			j++
			h := j
			for h < len(p.s) && h-j < 6 && isHex(p.s[h]) {
				h++
			}
			if h > j {
				r, _ := strconv.ParseUint(p.s[j:h], 16, 32)
				b.WriteRune(rune(r))
				if h < len(p.s) && isSpace(p.s[h]) {
					h++
				}
				j = h
				continue
			}
		}
		b.WriteByte(p.s[j])
		j++
	}
	p.i = j
	return b.String()
}

func isHex(c byte) bool { return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'f') }

func (p *selParser) complex() (complexSel, error) {
	var parts []compound
	var child []bool
	p.skipWS()
	first, err := p.compound()
	if err != nil {
		return complexSel{}, err
	}
	parts = append(parts, first)
	for {
		ws := p.skipWS()
		if p.eof() || p.peek() == ',' || p.peek() == ')' {
			break
		}
		isChild := false
		switch c := p.peek(); c {
		case '>':
			isChild = true
			p.i++
			p.skipWS()
		case '+', '~':
			p.i++
			p.skipWS()
			if p.eof() {
				return complexSel{}, errDanglingCombinator
			}
			return complexSel{}, errUnsupportedCombinator(c)
		default:
			if !ws {
				return complexSel{}, errUnexpectedToken
			}
		}
		if p.eof() || p.peek() == ',' {
			return complexSel{}, errDanglingCombinator
		}
		next, err := p.compound()
		if err != nil {
			return complexSel{}, err
		}
		parts = append(parts, next)
		child = append(child, isChild)
	}
	// Store right to left.
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	for i, j := 0, len(child)-1; i < j; i, j = i+1, j-1 {
		child[i], child[j] = child[j], child[i]
	}
	return complexSel{parts: parts, child: child}, nil
}

// compound parses a type selector and the simple selectors after it.
func (p *selParser) compound() (compound, error) {
	var c compound
	empty := true
	if !p.eof() {
		switch ch := p.peek(); {
		case ch == '*':
			p.i++
			empty = false
			if !p.eof() && p.peek() == '|' {
				return c, errNamespaced
			}
		case ch == '|':
			if p.i+1 < len(p.s) && p.s[p.i+1] == '|' {
				return c, errUnexpectedToken
			}
			return c, errNamespaced
		default:
			if name := p.ident(); name != "" {
				if !p.eof() && p.peek() == '|' && p.i+1 < len(p.s) && (isNameStart(p.s[p.i+1]) || p.s[p.i+1] == '*') {
					return c, errNamespaced
				}
				c.tag = strings.ToLower(name)
				empty = false
			}
		}
	}
	for !p.eof() {
		var s simpleSel
		switch p.peek() {
		case '#':
			p.i++
			if p.eof() || !isNameChar(p.peek()) {
				if empty {
					return c, errEmptySelector
				}
				return c, errUnexpectedToken
			}
			start := p.i
			for p.i < len(p.s) && isNameChar(p.s[p.i]) {
				p.i++
			}
			s = simpleSel{kind: simpleID, name: p.s[start:p.i]}
		case '.':
			p.i++
			if !p.eof() && p.peek() >= '0' && p.peek() <= '9' {
				if empty {
					return c, errEmptySelector
				}
				return c, errUnexpectedToken
			}
			name := p.ident()
			if name == "" {
				return c, errInvalidClassName
			}
			s = simpleSel{kind: simpleClass, name: name}
		case '[':
			p.i++
			var err error
			if s, err = p.attribute(); err != nil {
				return c, err
			}
		case ':':
			p.i++
			var err error
			if s, err = p.pseudo(); err != nil {
				return c, err
			}
		default:
			if empty {
				if isSpace(p.peek()) || p.peek() == ',' || p.peek() == ')' {
					return c, errEmptySelector
				}
				if p.peek() == '>' || p.peek() == '+' || p.peek() == '~' {
					return c, errEmptySelector
				}
				return c, errEmptySelector
			}
			return c, nil
		}
		c.simple = append(c.simple, s)
		empty = false
	}
	if empty {
		return c, errEmptySelector
	}
	return c, nil
}

func (p *selParser) attribute() (simpleSel, error) {
	p.skipWS()
	if p.eof() {
		return simpleSel{}, errUnexpectedEnd
	}
	if p.peek() == '*' || p.peek() == '|' {
		return simpleSel{}, errNamespaced
	}
	name := p.ident()
	if name == "" {
		return simpleSel{}, errMissingAttrName
	}
	if !p.eof() && p.peek() == '|' && (p.i+1 >= len(p.s) || p.s[p.i+1] != '=') {
		return simpleSel{}, errNamespaced
	}
	s := simpleSel{kind: simpleAttr, name: strings.ToLower(name)}
	p.skipWS()
	if p.eof() {
		return s, errUnexpectedEnd
	}
	if p.peek() == ']' {
		p.i++
		return s, nil
	}
	switch c := p.peek(); c {
	case '=':
		s.op = '='
		p.i++
	case '~', '^', '$', '*', '|':
		if p.i+1 >= len(p.s) {
			return s, errUnexpectedEnd
		}
		if p.s[p.i+1] != '=' {
			return s, errTokenInAttribute
		}
		s.op = c
		p.i += 2
	default:
		return s, errTokenInAttribute
	}
	p.skipWS()
	if p.eof() {
		return s, errUnexpectedEnd
	}
	switch q := p.peek(); {
	case q == '"' || q == '\'':
		end := strings.IndexByte(p.s[p.i+1:], q)
		if end < 0 {
			s.value = p.s[p.i+1:]
			p.i = len(p.s)
			return s, errUnexpectedEnd
		}
		s.value = p.s[p.i+1 : p.i+1+end]
		p.i += end + 2
	default:
		v := p.ident()
		if v == "" {
			return s, errTokenInAttribute
		}
		s.value = v
	}
	p.skipWS()
	if p.eof() {
		return s, errUnexpectedEnd
	}
	if p.peek() != ']' {
		flag := p.ident()
		switch strings.ToLower(flag) {
		case "i":
			s.fold = true
		case "s":
		default:
			return s, errUnexpectedToken
		}
		p.skipWS()
		if p.eof() {
			return s, errUnexpectedEnd
		}
		if p.peek() != ']' {
			return s, errUnexpectedToken
		}
	}
	p.i++
	return s, nil
}

func (p *selParser) pseudo() (simpleSel, error) {
	if !p.eof() && p.peek() == ':' {
		return simpleSel{}, errUnsupportedPseudo
	}
	name := strings.ToLower(p.ident())
	if name == "" {
		if p.eof() {
			return simpleSel{}, errUnexpectedEnd
		}
		return simpleSel{}, errUnexpectedToken
	}
	if p.eof() || p.peek() != '(' {
		switch name {
		case "first-child":
			return simpleSel{kind: simpleNthChild, a: 0, b: 1}, nil
		case "first-of-type":
			return simpleSel{kind: simpleNthOfType, a: 0, b: 1}, nil
		}
		return simpleSel{}, errUnsupportedPseudo
	}
	p.i++ // (
	end := p.matchingParen()
	if end < 0 {
		return simpleSel{}, errUnexpectedEnd
	}
	arg := p.s[p.i:end]
	switch name {
	case "nth-child", "nth-of-type", "nth-last-child", "nth-last-of-type":
		a, b, ok := parseNth(arg)
		if !ok {
			return simpleSel{}, errUnexpectedToken
		}
		p.i = end + 1
		switch name {
		case "nth-child":
			return simpleSel{kind: simpleNthChild, a: a, b: b}, nil
		case "nth-of-type":
			return simpleSel{kind: simpleNthOfType, a: a, b: b}, nil
		}
		return simpleSel{}, errUnsupportedPseudo
	case "not":
		inner := &selParser{s: arg}
		var list []compound
		for {
			inner.skipWS()
			if inner.eof() {
				if len(list) == 0 {
					return simpleSel{}, errEmptySelector
				}
				return simpleSel{}, errEmptySelector
			}
			c, err := inner.compound()
			if err != nil {
				return simpleSel{}, err
			}
			list = append(list, c)
			inner.skipWS()
			if inner.eof() {
				break
			}
			if inner.peek() != ',' {
				return simpleSel{}, errUnsupportedPseudo
			}
			inner.i++
		}
		p.i = end + 1
		return simpleSel{kind: simpleNot, not: list}, nil
	}
	return simpleSel{}, errUnsupportedPseudo
}

// matchingParen returns the index of the ')' closing the group that starts at p.i, or -1.
func (p *selParser) matchingParen() int {
	depth := 1
	for j := p.i; j < len(p.s); j++ {
		switch p.s[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		case '"', '\'':
			k := strings.IndexByte(p.s[j+1:], p.s[j])
			if k < 0 {
				return -1
			}
			j += k + 1
		}
	}
	return -1
}

// parseNth parses the an+b microsyntax (with odd and even).
func parseNth(s string) (a, b int, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "odd":
		return 2, 1, true
	case "even":
		return 2, 0, true
	}
	n := strings.IndexByte(s, 'n')
	if n < 0 {
		v, err := strconv.Atoi(s)
		return 0, v, err == nil
	}
	switch as := s[:n]; as {
	case "", "+":
		a = 1
	case "-":
		a = -1
	default:
		v, err := strconv.Atoi(as)
		if err != nil {
			return 0, 0, false
		}
		a = v
	}
	rest := strings.TrimSpace(s[n+1:])
	if rest == "" {
		return a, 0, true
	}
	sign := 1
	switch rest[0] {
	case '+':
	case '-':
		sign = -1
	default:
		return 0, 0, false
	}
	digits := strings.TrimSpace(rest[1:])
	if digits == "" || digits[0] == '+' || digits[0] == '-' {
		return 0, 0, false
	}
	v, err := strconv.Atoi(digits)
	if err != nil {
		return 0, 0, false
	}
	return a, sign * v, true
}

// nthMatches reports whether position i (1-based) is a*n+b for some n >= 0.
func nthMatches(a, b, i int) bool {
	if a == 0 {
		return i == b
	}
	d := i - b
	return d%a == 0 && d/a >= 0
}

// matches reports whether the element at the top of stack matches sel.
func (sel *Selector) matches(stack []*openElement) bool {
	for i := range sel.alts {
		if sel.alts[i].matchAt(stack, len(stack)-1, 0) {
			return true
		}
	}
	return false
}

// matchAt matches parts[k:] with parts[k] at stack[at].
func (c *complexSel) matchAt(stack []*openElement, at, k int) bool {
	if !c.parts[k].matches(stack[at]) {
		return false
	}
	if k == len(c.parts)-1 {
		return true
	}
	if c.child[k] {
		return at > 0 && c.matchAt(stack, at-1, k+1)
	}
	for j := at - 1; j >= 0; j-- {
		if c.matchAt(stack, j, k+1) {
			return true
		}
	}
	return false
}

func (c *compound) matches(e *openElement) bool {
	if c.tag != "" && c.tag != e.name {
		return false
	}
	for i := range c.simple {
		if !c.simple[i].matches(e) {
			return false
		}
	}
	return true
}

func (s *simpleSel) matches(e *openElement) bool {
	switch s.kind {
	case simpleID:
		v, ok := e.attr("id")
		return ok && v == s.name
	case simpleClass:
		v, ok := e.attr("class")
		return ok && containsWord(v, s.name, false)
	case simpleAttr:
		v, ok := e.attr(s.name)
		if !ok {
			return false
		}
		return attrValueMatches(s.op, v, s.value, s.fold)
	case simpleNthChild:
		return nthMatches(s.a, s.b, e.index)
	case simpleNthOfType:
		return nthMatches(s.a, s.b, e.typeIndex)
	case simpleNot:
		for i := range s.not {
			if s.not[i].matches(e) {
				return false
			}
		}
		return true
	}
	return false
}

func attrValueMatches(op byte, v, want string, fold bool) bool {
	eq := func(a, b string) bool {
		if fold {
			return strings.EqualFold(a, b)
		}
		return a == b
	}
	switch op {
	case 0:
		return true
	case '=':
		return eq(v, want)
	case '~':
		return containsWord(v, want, fold)
	case '^':
		return want != "" && len(v) >= len(want) && eq(v[:len(want)], want)
	case '$':
		return want != "" && len(v) >= len(want) && eq(v[len(v)-len(want):], want)
	case '*':
		if want == "" {
			return false
		}
		if fold {
			return strings.Contains(strings.ToLower(v), strings.ToLower(want))
		}
		return strings.Contains(v, want)
	case '|':
		return eq(v, want) || (len(v) > len(want) && v[len(want)] == '-' && eq(v[:len(want)], want))
	}
	return false
}

func containsWord(list, word string, fold bool) bool {
	if word == "" || strings.ContainsAny(word, " \t\n\r\f") {
		return false
	}
	for _, w := range strings.FieldsFunc(list, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) }) {
		if w == word || (fold && strings.EqualFold(w, word)) {
			return true
		}
	}
	return false
}

// usesTypes reports whether matching needs per-name sibling counts (nth-of-type).
func (sel *Selector) usesTypes() bool {
	var walk func(cs []compound) bool
	walk = func(cs []compound) bool {
		for _, c := range cs {
			for _, s := range c.simple {
				if s.kind == simpleNthOfType || (s.kind == simpleNot && walk(s.not)) {
					return true
				}
			}
		}
		return false
	}
	for _, a := range sel.alts {
		if walk(a.parts) {
			return true
		}
	}
	return false
}
