package urlpattern

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// partType is https://urlpattern.spec.whatwg.org/#part-type.
type partType uint8

const (
	partFixedText partType = iota
	partRegexp
	partSegmentWildcard
	partFullWildcard
)

// modifier is https://urlpattern.spec.whatwg.org/#part-modifier.
type modifier uint8

const (
	modNone modifier = iota
	modOptional
	modZeroOrMore
	modOneOrMore
)

func (m modifier) String() string {
	switch m {
	case modOptional:
		return "?"
	case modZeroOrMore:
		return "*"
	case modOneOrMore:
		return "+"
	}
	return ""
}

// part is one piece of a parsed pattern string.
type part struct {
	typ      partType
	value    string
	modifier modifier
	name     string
	prefix   string
	suffix   string
}

// options is https://urlpattern.spec.whatwg.org/#options: delimiter and prefix are one ASCII
// code point or empty.
type options struct {
	delimiter  string
	prefix     string
	ignoreCase bool
}

var (
	defaultOptions  = options{}
	hostnameOptions = options{delimiter: "."}
	pathnameOptions = options{delimiter: "/", prefix: "/"}
)

// fullWildcardRegexp is the full wildcard regexp value.
const fullWildcardRegexp = ".*"

// encodeFunc is an encoding callback: it canonicalizes a fixed-text piece of a pattern.
type encodeFunc func(string) (string, error)

var (
	errUnexpectedToken = errors.New("unexpected token in pattern")
	errDuplicateName   = errors.New("duplicate group name in pattern")
)

// patternParser implements https://urlpattern.spec.whatwg.org/#pattern-parser.
type patternParser struct {
	tokens          []token
	encode          encodeFunc
	segmentWildcard string
	parts           []part
	pending         strings.Builder
	index           int
	nextNumericName int
}

// parsePattern is "parse a pattern string".
func parsePattern(input string, opts options, encode encodeFunc) ([]part, error) {
	tokens, err := tokenize(input, false)
	if err != nil {
		return nil, err
	}
	p := &patternParser{tokens: tokens, encode: encode, segmentWildcard: segmentWildcardRegexp(opts)}
	for p.index < len(p.tokens) {
		charTok := p.tryConsume(tokChar)
		nameTok := p.tryConsume(tokName)
		regexpTok := p.tryConsumeRegexpOrWildcard(nameTok)
		if nameTok != nil || regexpTok != nil {
			prefix := ""
			if charTok != nil {
				prefix = charTok.value
			}
			if prefix != "" && prefix != opts.prefix {
				p.pending.WriteString(prefix)
				prefix = ""
			}
			if err := p.flushPending(); err != nil {
				return nil, err
			}
			if err := p.addPart(prefix, nameTok, regexpTok, "", p.tryConsumeModifier()); err != nil {
				return nil, err
			}
			continue
		}
		fixed := charTok
		if fixed == nil {
			fixed = p.tryConsume(tokEscapedChar)
		}
		if fixed != nil {
			p.pending.WriteString(fixed.value)
			continue
		}
		if p.tryConsume(tokOpen) != nil {
			prefix := p.consumeText()
			nameTok = p.tryConsume(tokName)
			regexpTok = p.tryConsumeRegexpOrWildcard(nameTok)
			suffix := p.consumeText()
			if p.tryConsume(tokClose) == nil {
				return nil, errUnexpectedToken
			}
			if err := p.addPart(prefix, nameTok, regexpTok, suffix, p.tryConsumeModifier()); err != nil {
				return nil, err
			}
			continue
		}
		if err := p.flushPending(); err != nil {
			return nil, err
		}
		if p.tryConsume(tokEnd) == nil {
			return nil, errUnexpectedToken
		}
	}
	return p.parts, nil
}

func (p *patternParser) tryConsume(typ tokenType) *token {
	if p.tokens[p.index].typ != typ {
		return nil
	}
	p.index++
	return &p.tokens[p.index-1]
}

func (p *patternParser) tryConsumeModifier() *token {
	if t := p.tryConsume(tokOtherModifier); t != nil {
		return t
	}
	return p.tryConsume(tokAsterisk)
}

func (p *patternParser) tryConsumeRegexpOrWildcard(nameTok *token) *token {
	t := p.tryConsume(tokRegexp)
	if nameTok == nil && t == nil {
		t = p.tryConsume(tokAsterisk)
	}
	return t
}

func (p *patternParser) consumeText() string {
	var b strings.Builder
	for {
		t := p.tryConsume(tokChar)
		if t == nil {
			t = p.tryConsume(tokEscapedChar)
		}
		if t == nil {
			return b.String()
		}
		b.WriteString(t.value)
	}
}

// flushPending is "maybe add a part from the pending fixed value".
func (p *patternParser) flushPending() error {
	if p.pending.Len() == 0 {
		return nil
	}
	encoded, err := p.encode(p.pending.String())
	if err != nil {
		return err
	}
	p.pending.Reset()
	p.parts = append(p.parts, part{typ: partFixedText, value: encoded})
	return nil
}

// addPart is "add a part".
func (p *patternParser) addPart(prefix string, nameTok, regexpTok *token, suffix string, modTok *token) error {
	mod := modNone
	if modTok != nil {
		switch modTok.value {
		case "?":
			mod = modOptional
		case "*":
			mod = modZeroOrMore
		case "+":
			mod = modOneOrMore
		}
	}
	if nameTok == nil && regexpTok == nil && mod == modNone {
		p.pending.WriteString(prefix) // a "{foo}" grouping joins the surrounding text
		return nil
	}
	if err := p.flushPending(); err != nil {
		return err
	}
	if nameTok == nil && regexpTok == nil { // "{foo}?"
		if prefix == "" {
			return nil
		}
		encoded, err := p.encode(prefix)
		if err != nil {
			return err
		}
		p.parts = append(p.parts, part{typ: partFixedText, value: encoded, modifier: mod})
		return nil
	}
	var value string
	switch {
	case regexpTok == nil:
		value = p.segmentWildcard
	case regexpTok.typ == tokAsterisk:
		value = fullWildcardRegexp
	default:
		value = regexpTok.value
	}
	typ := partRegexp
	switch value {
	case p.segmentWildcard:
		typ, value = partSegmentWildcard, ""
	case fullWildcardRegexp:
		typ, value = partFullWildcard, ""
	}
	var name string
	if nameTok != nil {
		name = nameTok.value
	} else {
		name = strconv.Itoa(p.nextNumericName)
		p.nextNumericName++
	}
	for _, q := range p.parts {
		if q.name == name {
			return errDuplicateName
		}
	}
	encPrefix, err := p.encode(prefix)
	if err != nil {
		return err
	}
	encSuffix, err := p.encode(suffix)
	if err != nil {
		return err
	}
	p.parts = append(p.parts, part{typ: typ, value: value, modifier: mod, name: name, prefix: encPrefix, suffix: encSuffix})
	return nil
}

// segmentWildcardRegexp is "generate a segment wildcard regexp".
func segmentWildcardRegexp(opts options) string {
	return "[^" + escapeRegexp(opts.delimiter) + "]+?"
}

// generateRegexp is "generate a regular expression and name list". The result is JavaScript
// regular expression syntax for the "u" flag.
func generateRegexp(parts []part, opts options) (string, []string) {
	var b strings.Builder
	b.WriteByte('^')
	var names []string
	for _, p := range parts {
		if p.typ == partFixedText {
			if p.modifier == modNone {
				b.WriteString(escapeRegexp(p.value))
			} else {
				b.WriteString("(?:" + escapeRegexp(p.value) + ")" + p.modifier.String())
			}
			continue
		}
		names = append(names, p.name)
		value := p.value
		switch p.typ {
		case partSegmentWildcard:
			value = segmentWildcardRegexp(opts)
		case partFullWildcard:
			value = fullWildcardRegexp
		}
		if p.prefix == "" && p.suffix == "" {
			if p.modifier == modNone || p.modifier == modOptional {
				b.WriteString("(" + value + ")" + p.modifier.String())
			} else {
				b.WriteString("((?:" + value + ")" + p.modifier.String() + ")")
			}
			continue
		}
		prefix, suffix := escapeRegexp(p.prefix), escapeRegexp(p.suffix)
		if p.modifier == modNone || p.modifier == modOptional {
			b.WriteString("(?:" + prefix + "(" + value + ")" + suffix + ")" + p.modifier.String())
			continue
		}
		b.WriteString("(?:" + prefix + "((?:" + value + ")(?:" + suffix + prefix + "(?:" + value + "))*)" + suffix + ")")
		if p.modifier == modZeroOrMore {
			b.WriteByte('?')
		}
	}
	b.WriteByte('$')
	return b.String(), names
}

// escapeRegexp is "escape a regexp string".
func escapeRegexp(s string) string {
	if !strings.ContainsAny(s, `.+*?^${}()[]|/\`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`.+*?^${}()[]|/\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapePattern is "escape a pattern string".
func escapePattern(s string) string {
	if !strings.ContainsAny(s, `+*?:{}()\`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+*?:{}()\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func startsWithASCIIDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func firstRune(s string) (rune, bool) {
	if s == "" {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r, true
}

// generatePatternString is "generate a pattern string".
func generatePatternString(parts []part, opts options) string {
	var b strings.Builder
	for i, p := range parts {
		var prev, next *part
		if i > 0 {
			prev = &parts[i-1]
		}
		if i < len(parts)-1 {
			next = &parts[i+1]
		}
		if p.typ == partFixedText {
			if p.modifier == modNone {
				b.WriteString(escapePattern(p.value))
			} else {
				b.WriteString("{" + escapePattern(p.value) + "}" + p.modifier.String())
			}
			continue
		}
		customName := !startsWithASCIIDigit(p.name)
		needsGrouping := p.suffix != "" || (p.prefix != "" && p.prefix != opts.prefix)
		if !needsGrouping && customName && p.typ == partSegmentWildcard && p.modifier == modNone &&
			next != nil && next.prefix == "" && next.suffix == "" {
			if next.typ == partFixedText {
				if r, ok := firstRune(next.value); ok && isValidNameCodePoint(r, false) {
					needsGrouping = true
				}
			} else if startsWithASCIIDigit(next.name) {
				needsGrouping = true
			}
		}
		if !needsGrouping && p.prefix == "" && prev != nil && prev.typ == partFixedText &&
			opts.prefix != "" && strings.HasSuffix(prev.value, opts.prefix) {
			needsGrouping = true
		}
		if needsGrouping {
			b.WriteByte('{')
		}
		b.WriteString(escapePattern(p.prefix))
		if customName {
			b.WriteString(":" + p.name)
		}
		switch {
		case p.typ == partRegexp:
			b.WriteString("(" + p.value + ")")
		case p.typ == partSegmentWildcard && !customName:
			b.WriteString("(" + segmentWildcardRegexp(opts) + ")")
		case p.typ == partFullWildcard:
			if !customName && (prev == nil || prev.typ == partFixedText || prev.modifier != modNone || needsGrouping || p.prefix != "") {
				b.WriteByte('*')
			} else {
				b.WriteString("(" + fullWildcardRegexp + ")")
			}
		}
		if p.typ == partSegmentWildcard && customName && p.suffix != "" {
			if r, _ := firstRune(p.suffix); isValidNameCodePoint(r, false) {
				b.WriteByte('\\')
			}
		}
		b.WriteString(escapePattern(p.suffix))
		if needsGrouping {
			b.WriteByte('}')
		}
		b.WriteString(p.modifier.String())
	}
	return b.String()
}
