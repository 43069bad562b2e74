package urlpattern

import "strings"

// Component indexes, in the order the spec lists them.
const (
	compProtocol = iota
	compUsername
	compPassword
	compHostname
	compPort
	compPathname
	compSearch
	compHash
	numComponents
)

var componentNames = [numComponents]string{"protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"}

// patternInit is a URLPatternInit dictionary: each component and baseURL may be absent.
type patternInit struct {
	v       [numComponents]string
	has     [numComponents]bool
	baseURL string
	hasBase bool
}

func (in *patternInit) set(c int, v string) {
	in.v[c], in.has[c] = v, true
}

// hasAny reports whether any of the components cs is present.
func (in *patternInit) hasAny(cs ...int) bool {
	for _, c := range cs {
		if in.has[c] {
			return true
		}
	}
	return false
}

// processInit is "process a URLPatternInit". forURL selects type "url" (the components are
// canonicalized and start out as empty strings) over "pattern" (they stay pattern syntax and
// start out absent).
func processInit(init *patternInit, forURL bool) (patternInit, error) {
	var result patternInit
	if forURL {
		for c := range numComponents {
			result.set(c, "")
		}
	}
	base := func(s string) string { // "process a base URL string"
		if forURL {
			return s
		}
		return escapePattern(s)
	}
	var baseURL interface {
		Scheme() string
		Username() string
		Password() string
		Hostname() string
		Port() string
		Pathname() string
		Query() string
		Fragment() string
		OpaquePath() bool
	}
	if init.hasBase {
		u, err := parser.Parse(init.baseURL)
		if err != nil {
			return result, errInvalid
		}
		baseURL = u
		if !init.has[compProtocol] {
			result.set(compProtocol, base(u.Scheme()))
		}
		if forURL && !init.hasAny(compProtocol, compHostname, compPort, compUsername) {
			result.set(compUsername, base(u.Username()))
		}
		if forURL && !init.hasAny(compProtocol, compHostname, compPort, compUsername, compPassword) {
			result.set(compPassword, base(u.Password()))
		}
		if !init.hasAny(compProtocol, compHostname) {
			result.set(compHostname, base(u.Hostname()))
		}
		if !init.hasAny(compProtocol, compHostname, compPort) {
			result.set(compPort, u.Port())
		}
		if !init.hasAny(compProtocol, compHostname, compPort, compPathname) {
			result.set(compPathname, base(u.Pathname()))
		}
		if !init.hasAny(compProtocol, compHostname, compPort, compPathname, compSearch) {
			result.set(compSearch, base(u.Query()))
		}
		if !init.hasAny(compProtocol, compHostname, compPort, compPathname, compSearch, compHash) {
			result.set(compHash, base(u.Fragment()))
		}
	}
	canon := func(c int, v string, f func(string) (string, error)) error {
		if !forURL {
			result.set(c, v)
			return nil
		}
		out, err := f(v)
		if err != nil {
			return err
		}
		result.set(c, out)
		return nil
	}
	if init.has[compProtocol] {
		if err := canon(compProtocol, strings.TrimSuffix(init.v[compProtocol], ":"), canonicalizeProtocol); err != nil {
			return result, err
		}
	}
	if init.has[compUsername] {
		if err := canon(compUsername, init.v[compUsername], canonicalizeUsername); err != nil {
			return result, err
		}
	}
	if init.has[compPassword] {
		if err := canon(compPassword, init.v[compPassword], canonicalizePassword); err != nil {
			return result, err
		}
	}
	protocol := result.v[compProtocol] // "" when absent
	if init.has[compHostname] {
		err := canon(compHostname, init.v[compHostname], func(v string) (string, error) {
			if protocol == "" || isSpecialScheme(protocol) {
				return canonicalizeDomainName(v)
			}
			return canonicalizeHostname(v, protocol)
		})
		if err != nil {
			return result, err
		}
	}
	if init.has[compPort] {
		err := canon(compPort, init.v[compPort], func(v string) (string, error) { return canonicalizePort(v, protocol) })
		if err != nil {
			return result, err
		}
	}
	if init.has[compPathname] {
		pathname := init.v[compPathname]
		// Relative pathnames resolve against the base URL's path. (The spec text says "has an
		// opaque path"; WPT and every implementation resolve against hierarchical paths.)
		if baseURL != nil && !baseURL.OpaquePath() && !isAbsolutePathname(pathname, forURL) {
			basePath := base(baseURL.Pathname())
			if i := strings.LastIndexByte(basePath, '/'); i >= 0 {
				pathname = basePath[:i+1] + pathname
			}
		}
		err := canon(compPathname, pathname, func(v string) (string, error) {
			if protocol == "" || isSpecialScheme(protocol) {
				return canonicalizePathname(v)
			}
			return canonicalizeOpaquePathname(v)
		})
		if err != nil {
			return result, err
		}
	}
	if init.has[compSearch] {
		if err := canon(compSearch, strings.TrimPrefix(init.v[compSearch], "?"), canonicalizeSearch); err != nil {
			return result, err
		}
	}
	if init.has[compHash] {
		if err := canon(compHash, strings.TrimPrefix(init.v[compHash], "#"), canonicalizeHash); err != nil {
			return result, err
		}
	}
	return result, nil
}

// isAbsolutePathname is "is an absolute pathname".
func isAbsolutePathname(s string, forURL bool) bool {
	switch {
	case s == "":
		return false
	case s[0] == '/':
		return true
	case forURL || len(s) < 2:
		return false
	}
	return (s[0] == '\\' || s[0] == '{') && s[1] == '/'
}
