package urlpattern

import (
	"errors"
	"slices"
	"strings"
)

// compiler compiles the regular expressions URL patterns match with. The JS binding compiles
// them as JavaScript RegExps, so that regexp groups in patterns have JavaScript semantics.
type compiler interface {
	// compile returns a matcher for the JavaScript regular expression source (anchored with ^
	// and $) with the "u" flag, plus "i" when ignoreCase; an invalid expression is an error.
	compile(source string, ignoreCase bool) (matcher, error)
}

// matcher runs one compiled regular expression.
type matcher interface {
	// exec returns the capture groups 1…n of a match, or ok false when input does not match.
	// err is reserved for failures of the engine itself (an interrupted runtime).
	exec(input string) (groups []group, ok bool, err error)
}

// group is one capture: ok is false for a group that did not participate (undefined in JS).
type group struct {
	value string
	ok    bool
}

var errNoBaseURL = errors.New("a relative pattern needs a base URL")

// fastPath says how a component can be matched without its regular expression.
type fastPath uint8

const (
	fastNone  fastPath = iota
	fastExact          // only fixed text, case-sensitive: the input must equal literal
	fastAll            // a lone "*": everything matches and is group 0
)

// component is https://urlpattern.spec.whatwg.org/#component.
type component struct {
	pattern         string
	source          string // the generated regular expression
	names           []string
	hasRegexpGroups bool
	re              matcher                 // nil until needed when fast is set
	compileLater    func() (matcher, error) // builds re for a fast-path component
	fast            fastPath
	literal         string
	// emptyIsUnset marks groups of the form "(X)?": in JavaScript such a group never captures
	// the empty string (an empty iteration of a quantifier fails), but goja's engine captures ""
	// where V8 leaves the group undefined, so exec restores undefined.
	emptyIsUnset []bool
}

// compileComponent is "compile a component".
func compileComponent(input string, encode encodeFunc, opts options, re compiler) (*component, error) {
	parts, err := parsePattern(input, opts, encode)
	if err != nil {
		return nil, err
	}
	// Regexp groups are written for the "v" flag; rewrite their classes for goja's "u".
	reParts, cloned := parts, false
	for i, p := range parts {
		if p.typ != partRegexp {
			continue
		}
		v, err := translateVClasses(p.value)
		if err != nil {
			return nil, err
		}
		if v != p.value {
			if !cloned { // parts keeps the values as written, for the pattern string
				reParts, cloned = slices.Clone(parts), true
			}
			reParts[i].value = v
		}
	}
	source, names := generateRegexp(reParts, opts)
	if err := checkUnicodeEscapes(source); err != nil {
		return nil, err
	}
	c := &component{
		pattern: generatePatternString(parts, opts),
		source:  source,
		names:   names,
	}
	for _, p := range parts {
		if p.typ == partRegexp {
			c.hasRegexpGroups = true
		}
		if p.typ != partFixedText {
			c.emptyIsUnset = append(c.emptyIsUnset, p.modifier == modOptional && p.prefix == "" && p.suffix == "")
		}
	}
	switch {
	case len(parts) == 0 && !opts.ignoreCase:
		c.fast = fastExact
	case len(parts) == 1 && parts[0].typ == partFixedText && parts[0].modifier == modNone && !opts.ignoreCase:
		c.fast, c.literal = fastExact, parts[0].value
	case len(parts) == 1 && parts[0].typ == partFullWildcard && parts[0].modifier == modNone &&
		parts[0].prefix == "" && parts[0].suffix == "":
		c.fast = fastAll
	}
	if c.fast == fastNone {
		m, err := re.compile(source, opts.ignoreCase)
		if err != nil {
			return nil, err
		}
		c.re = m
	} else {
		// A fast-path expression is only escaped text or ".*", which always compiles; build the
		// RegExp only if it is ever needed.
		c.compileLater = func() (matcher, error) { return re.compile(source, opts.ignoreCase) }
	}
	return c, nil
}

// exec matches input against the component.
func (c *component) exec(input string) ([]group, bool, error) {
	switch c.fast {
	case fastExact:
		return nil, input == c.literal, nil
	case fastAll:
		// "." does not match line terminators; component values never hold them (the URL parser
		// drops tabs and newlines and percent-encodes the rest), but stay exact if one does.
		if !strings.ContainsAny(input, "\n\r\u2028\u2029") {
			return []group{{value: input, ok: true}}, true, nil
		}
	}
	if c.re == nil {
		m, err := c.compileLater()
		if err != nil {
			return nil, false, err
		}
		c.re, c.compileLater = m, nil
	}
	groups, ok, err := c.re.exec(input)
	for i := range groups {
		if i < len(c.emptyIsUnset) && c.emptyIsUnset[i] && groups[i].value == "" {
			groups[i].ok = false
		}
	}
	return groups, ok, err
}

// matchesSpecialScheme is "protocol component matches a special scheme".
func (c *component) matchesSpecialScheme() bool {
	for _, s := range [...]string{"ftp", "file", "http", "https", "ws", "wss"} {
		if _, ok, err := c.exec(s); ok && err == nil {
			return true
		}
	}
	return false
}

// urlPattern is https://urlpattern.spec.whatwg.org/#url-pattern.
type urlPattern struct {
	comps [numComponents]*component
}

func (u *urlPattern) hasRegexpGroups() bool {
	for _, c := range u.comps {
		if c.hasRegexpGroups {
			return true
		}
	}
	return false
}

// newFromString is "create" for a constructor string; baseURL may be nil.
func newFromString(input string, baseURL *string, ignoreCase bool, re compiler) (*urlPattern, error) {
	init, err := parseConstructorString(input, re)
	if err != nil {
		return nil, err
	}
	if baseURL == nil && !init.has[compProtocol] {
		return nil, errNoBaseURL
	}
	if baseURL != nil {
		init.baseURL, init.hasBase = *baseURL, true
	}
	return newFromInit(&init, ignoreCase, re)
}

// newFromInit is "create" for a URLPatternInit.
func newFromInit(init *patternInit, ignoreCase bool, re compiler) (*urlPattern, error) {
	processed, err := processInit(init, false)
	if err != nil {
		return nil, err
	}
	for c := range numComponents {
		if !processed.has[c] {
			processed.set(c, "*")
		}
	}
	if dp, ok := specialSchemes[processed.v[compProtocol]]; ok && dp != "" && processed.v[compPort] == dp {
		processed.v[compPort] = ""
	}
	u := &urlPattern{}
	compile := func(c int, encode encodeFunc, opts options) error {
		comp, err := compileComponent(processed.v[c], encode, opts, re)
		u.comps[c] = comp
		return err
	}
	if err := compile(compProtocol, canonicalizeProtocol, defaultOptions); err != nil {
		return nil, err
	}
	if err := compile(compUsername, canonicalizeUsername, defaultOptions); err != nil {
		return nil, err
	}
	if err := compile(compPassword, canonicalizePassword, defaultOptions); err != nil {
		return nil, err
	}
	special := u.comps[compProtocol].matchesSpecialScheme()
	hostEncode := func(v string) (string, error) { return canonicalizeHostname(v, "") }
	switch {
	case hostnamePatternIsIPv6(processed.v[compHostname]):
		hostEncode = canonicalizeIPv6Hostname
	case special || u.comps[compProtocol].pattern == "*":
		hostEncode = canonicalizeDomainName
	}
	if err := compile(compHostname, hostEncode, hostnameOptions); err != nil {
		return nil, err
	}
	if err := compile(compPort, func(v string) (string, error) { return canonicalizePort(v, "") }, defaultOptions); err != nil {
		return nil, err
	}
	compileOpts := options{ignoreCase: ignoreCase}
	if special {
		pathOpts := pathnameOptions
		pathOpts.ignoreCase = ignoreCase
		if err := compile(compPathname, canonicalizePathname, pathOpts); err != nil {
			return nil, err
		}
	} else if err := compile(compPathname, canonicalizeOpaquePathname, compileOpts); err != nil {
		return nil, err
	}
	if err := compile(compSearch, canonicalizeSearch, compileOpts); err != nil {
		return nil, err
	}
	if err := compile(compHash, canonicalizeHash, compileOpts); err != nil {
		return nil, err
	}
	return u, nil
}

// hostnamePatternIsIPv6 is "hostname pattern is an IPv6 address".
func hostnamePatternIsIPv6(s string) bool {
	if len([]rune(s)) < 2 {
		return false
	}
	return s[0] == '[' || ((s[0] == '{' || s[0] == '\\') && s[1] == '[')
}

// componentResult is a URLPatternComponentResult.
type componentResult struct {
	input  string
	names  []string
	groups []group
}

// matchResult is a URLPatternResult without its inputs.
type matchResult struct {
	comps [numComponents]componentResult
}

// matchInit matches a URLPatternInit (already known to come without a base URL argument). An
// init that does not process is no match.
func (u *urlPattern) matchInit(init *patternInit) (*matchResult, error) {
	applied, err := processInit(init, true)
	if err != nil {
		return nil, nil
	}
	return u.matchComponents(&applied.v)
}

// matchURL matches a URL string, resolved against baseURL when it is not nil. A URL or base
// that does not parse is no match.
func (u *urlPattern) matchURL(input string, baseURL *string) (*matchResult, error) {
	var v [numComponents]string
	var err error
	var parsed interface {
		Scheme() string
		Username() string
		Password() string
		Hostname() string
		Port() string
		Pathname() string
		Query() string
		Fragment() string
	}
	if baseURL != nil {
		base, berr := parser.Parse(*baseURL)
		if berr != nil {
			return nil, nil
		}
		parsed, err = base.Parse(input)
	} else {
		parsed, err = parser.Parse(input)
	}
	if err != nil {
		return nil, nil
	}
	v[compProtocol] = parsed.Scheme()
	v[compUsername] = parsed.Username()
	v[compPassword] = parsed.Password()
	v[compHostname] = parsed.Hostname()
	v[compPort] = parsed.Port()
	v[compPathname] = parsed.Pathname()
	v[compSearch] = parsed.Query()
	v[compHash] = parsed.Fragment()
	return u.matchComponents(&v)
}

func (u *urlPattern) matchComponents(v *[numComponents]string) (*matchResult, error) {
	r := &matchResult{}
	for c, comp := range u.comps {
		groups, ok, err := comp.exec(v[c])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, nil
		}
		r.comps[c] = componentResult{input: v[c], names: comp.names, groups: groups}
	}
	return r, nil
}
