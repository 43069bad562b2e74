package urlpattern

// ctorState is a constructor string parser state.
type ctorState uint8

const (
	stInit ctorState = iota
	stProtocol
	stAuthority
	stUsername
	stPassword
	stHostname
	stPort
	stPathname
	stSearch
	stHash
	stDone
)

// component returns the URLPatternInit member a state fills, or -1.
func (s ctorState) component() int {
	switch s {
	case stProtocol:
		return compProtocol
	case stUsername:
		return compUsername
	case stPassword:
		return compPassword
	case stHostname:
		return compHostname
	case stPort:
		return compPort
	case stPathname:
		return compPathname
	case stSearch:
		return compSearch
	case stHash:
		return compHash
	}
	return -1
}

// ctorParser implements https://urlpattern.spec.whatwg.org/#constructor-string-parsing.
type ctorParser struct {
	input          []rune
	tokens         []token
	result         patternInit
	componentStart int
	tokenIndex     int
	tokenIncrement int
	groupDepth     int
	ipv6Depth      int
	special        bool // protocol matches a special scheme
	state          ctorState
	re             compiler
}

// parseConstructorString is "parse a constructor string".
func parseConstructorString(input string, re compiler) (patternInit, error) {
	tokens, _ := tokenize(input, true) // lenient tokenizing cannot fail
	p := &ctorParser{input: []rune(input), tokens: tokens, re: re}
	for p.tokenIndex < len(p.tokens) {
		p.tokenIncrement = 1
		if p.tokens[p.tokenIndex].typ == tokEnd {
			if p.state == stInit {
				p.rewind()
				switch {
				case p.isHashPrefix():
					p.changeState(stHash, 1)
				case p.isSearchPrefix():
					p.changeState(stSearch, 1)
				default:
					p.changeState(stPathname, 0)
				}
				p.tokenIndex += p.tokenIncrement
				continue
			}
			if p.state == stAuthority {
				p.rewindAndSetState(stHostname)
				p.tokenIndex += p.tokenIncrement
				continue
			}
			p.changeState(stDone, 0)
			break
		}
		if p.tokens[p.tokenIndex].typ == tokOpen {
			p.groupDepth++
			p.tokenIndex += p.tokenIncrement
			continue
		}
		if p.groupDepth > 0 {
			if p.tokens[p.tokenIndex].typ == tokClose {
				p.groupDepth--
			} else {
				p.tokenIndex += p.tokenIncrement
				continue
			}
		}
		switch p.state {
		case stInit:
			if p.isNonSpecialPatternChar(p.tokenIndex, ":") {
				p.rewindAndSetState(stProtocol)
			}
		case stProtocol:
			if p.isNonSpecialPatternChar(p.tokenIndex, ":") {
				if err := p.computeSpecial(); err != nil {
					return patternInit{}, err
				}
				next, skip := stPathname, 1
				if p.isNonSpecialPatternChar(p.tokenIndex+1, "/") && p.isNonSpecialPatternChar(p.tokenIndex+2, "/") {
					next, skip = stAuthority, 3
				} else if p.special {
					next = stAuthority
				}
				p.changeState(next, skip)
			}
		case stAuthority:
			if p.isNonSpecialPatternChar(p.tokenIndex, "@") {
				p.rewindAndSetState(stUsername)
			} else if p.isPathnameStart() || p.isSearchPrefix() || p.isHashPrefix() {
				p.rewindAndSetState(stHostname)
			}
		case stUsername:
			if p.isNonSpecialPatternChar(p.tokenIndex, ":") {
				p.changeState(stPassword, 1)
			} else if p.isNonSpecialPatternChar(p.tokenIndex, "@") {
				p.changeState(stHostname, 1)
			}
		case stPassword:
			if p.isNonSpecialPatternChar(p.tokenIndex, "@") {
				p.changeState(stHostname, 1)
			}
		case stHostname:
			switch {
			case p.isNonSpecialPatternChar(p.tokenIndex, "["):
				p.ipv6Depth++
			case p.isNonSpecialPatternChar(p.tokenIndex, "]"):
				p.ipv6Depth--
			case p.isNonSpecialPatternChar(p.tokenIndex, ":") && p.ipv6Depth == 0:
				p.changeState(stPort, 1)
			case p.isPathnameStart():
				p.changeState(stPathname, 0)
			case p.isSearchPrefix():
				p.changeState(stSearch, 1)
			case p.isHashPrefix():
				p.changeState(stHash, 1)
			}
		case stPort:
			switch {
			case p.isPathnameStart():
				p.changeState(stPathname, 0)
			case p.isSearchPrefix():
				p.changeState(stSearch, 1)
			case p.isHashPrefix():
				p.changeState(stHash, 1)
			}
		case stPathname:
			if p.isSearchPrefix() {
				p.changeState(stSearch, 1)
			} else if p.isHashPrefix() {
				p.changeState(stHash, 1)
			}
		case stSearch:
			if p.isHashPrefix() {
				p.changeState(stHash, 1)
			}
		}
		p.tokenIndex += p.tokenIncrement
	}
	if p.result.has[compHostname] && !p.result.has[compPort] {
		p.result.set(compPort, "")
	}
	return p.result, nil
}

func (p *ctorParser) changeState(next ctorState, skip int) {
	s := p.state
	if c := s.component(); c >= 0 {
		p.result.set(c, p.componentString())
	}
	if s != stInit && next != stDone {
		if (s == stProtocol || s == stAuthority || s == stUsername || s == stPassword) &&
			(next == stPort || next == stPathname || next == stSearch || next == stHash) &&
			!p.result.has[compHostname] {
			p.result.set(compHostname, "")
		}
		if (s >= stProtocol && s <= stPort) && (next == stSearch || next == stHash) && !p.result.has[compPathname] {
			if p.special {
				p.result.set(compPathname, "/")
			} else {
				p.result.set(compPathname, "")
			}
		}
		if (s >= stProtocol && s <= stPathname) && next == stHash && !p.result.has[compSearch] {
			p.result.set(compSearch, "")
		}
	}
	p.state = next
	p.tokenIndex += skip
	p.componentStart = p.tokenIndex
	p.tokenIncrement = 0
}

func (p *ctorParser) rewind() {
	p.tokenIndex = p.componentStart
	p.tokenIncrement = 0
}

func (p *ctorParser) rewindAndSetState(s ctorState) {
	p.rewind()
	p.state = s
}

func (p *ctorParser) safeToken(i int) token {
	if i < len(p.tokens) {
		return p.tokens[i]
	}
	return p.tokens[len(p.tokens)-1] // the end token
}

func (p *ctorParser) isNonSpecialPatternChar(i int, value string) bool {
	t := p.safeToken(i)
	return t.value == value && (t.typ == tokChar || t.typ == tokEscapedChar || t.typ == tokInvalidChar)
}

func (p *ctorParser) isPathnameStart() bool {
	return p.isNonSpecialPatternChar(p.tokenIndex, "/")
}

func (p *ctorParser) isHashPrefix() bool {
	return p.isNonSpecialPatternChar(p.tokenIndex, "#")
}

func (p *ctorParser) isSearchPrefix() bool {
	if p.isNonSpecialPatternChar(p.tokenIndex, "?") {
		return true
	}
	if p.tokens[p.tokenIndex].value != "?" {
		return false
	}
	if p.tokenIndex == 0 {
		return true
	}
	switch p.safeToken(p.tokenIndex - 1).typ {
	case tokName, tokRegexp, tokClose, tokAsterisk:
		return false
	}
	return true
}

// componentString is "make a component string".
func (p *ctorParser) componentString() string {
	end := p.tokens[p.tokenIndex].index
	start := p.safeToken(p.componentStart).index
	return string(p.input[start:end])
}

// computeSpecial is "compute protocol matches a special scheme flag".
func (p *ctorParser) computeSpecial() error {
	c, err := compileComponent(p.componentString(), canonicalizeProtocol, defaultOptions, p.re)
	if err != nil {
		return err
	}
	if c.matchesSpecialScheme() {
		p.special = true
	}
	return nil
}
