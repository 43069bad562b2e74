package urlpattern

import (
	"errors"
	"strings"

	wu "github.com/nlnwa/whatwg-url/url"
)

// The encoding callbacks of https://urlpattern.spec.whatwg.org/#canon-encoding-callbacks, built
// on the WHATWG URL parser (nlnwa/whatwg-url) with state overrides. Each returns errInvalid
// where the spec throws a TypeError.

var parser = wu.NewParser()

var errInvalid = errors.New("invalid URL component")

// specialSchemes are the special schemes with their default ports.
var specialSchemes = map[string]string{"ftp": "21", "file": "", "http": "80", "https": "443", "ws": "80", "wss": "443"}

func isSpecialScheme(s string) bool {
	_, ok := specialSchemes[s]
	return ok
}

// isScheme reports whether s is a valid URL scheme (ASCII alpha, then alphanumerics, + - .).
func isScheme(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// dummyURL returns a fresh URL record whose scheme is protocol (a valid scheme) or empty.
func dummyURL(protocol string) *wu.Url {
	if isScheme(protocol) {
		if u, err := parser.Parse(protocol + "://dummy.invalid"); err == nil {
			return u
		}
	}
	return parser.NewUrl()
}

func canonicalizeProtocol(value string) (string, error) {
	if value == "" {
		return value, nil
	}
	u, err := parser.Parse(value + "://dummy.test")
	if err != nil {
		return "", errInvalid
	}
	return u.Scheme(), nil
}

func canonicalizeUsername(value string) (string, error) {
	if value == "" {
		return value, nil
	}
	return parser.PercentEncodeString(value, wu.UserInfoPercentEncodeSet), nil
}

func canonicalizePassword(value string) (string, error) {
	return canonicalizeUsername(value) // "set the password" encodes with the same set
}

// canonicalizeHostname runs the host parser in hostname-state-override mode on a URL whose scheme
// is protocol (special schemes parse domains: IDNA, lowercasing; others parse opaque hosts).
func canonicalizeHostname(value, protocol string) (string, error) {
	if value == "" {
		return value, nil
	}
	special := isSpecialScheme(protocol)
	// A ':' outside brackets before the host ends is a failure in hostname-override mode (the
	// current URL Standard); the parser library still returns without one.
	inBrackets := false
	for _, r := range value {
		if r == '[' {
			inBrackets = true
		} else if r == ']' {
			inBrackets = false
		} else if r == ':' && !inBrackets {
			return "", errInvalid
		} else if r == '/' || r == '?' || r == '#' || (special && r == '\\') {
			break
		}
	}
	u := dummyURL(protocol)
	if _, err := parser.BasicParser(value, nil, u, wu.StateHostname); err != nil {
		return "", errInvalid
	}
	return u.Hostname(), nil
}

// canonicalizeDomainName canonicalizes a hostname as a special URL's host (domain to ASCII).
func canonicalizeDomainName(value string) (string, error) {
	return canonicalizeHostname(value, "https")
}

func canonicalizeIPv6Hostname(value string) (string, error) {
	var b strings.Builder
	for _, r := range value {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f', r == '[', r == ']', r == ':':
			b.WriteRune(r)
		case r >= 'A' && r <= 'F':
			b.WriteRune(r + ('a' - 'A'))
		default:
			return "", errInvalid
		}
	}
	return b.String(), nil
}

func canonicalizePort(value, protocol string) (string, error) {
	if value == "" {
		return value, nil
	}
	u := dummyURL(protocol)
	if _, err := parser.BasicParser(value, nil, u, wu.StatePort); err != nil {
		return "", errInvalid
	}
	return u.Port(), nil
}

func canonicalizePathname(value string) (string, error) {
	if value == "" {
		return value, nil
	}
	leadingSlash := value[0] == '/'
	modified := value
	if !leadingSlash {
		modified = "/-" + value
	}
	u := parser.NewUrl()
	if _, err := parser.BasicParser(modified, nil, u, wu.StatePathStart); err != nil {
		return "", errInvalid
	}
	result := u.Pathname()
	if !leadingSlash {
		// Drop the "/-" added above. (When "../" segments consumed it, the spec's substring
		// still starts at code point 2; a result shorter than that becomes empty.)
		rs := []rune(result)
		result = string(rs[min(2, len(rs)):])
	}
	return result, nil
}

func canonicalizeOpaquePathname(value string) (string, error) {
	if value == "" {
		return value, nil
	}
	u := parser.NewUrl()
	if _, err := parser.BasicParser(value, nil, u, wu.StateOpaquePath); err != nil {
		return "", errInvalid
	}
	return u.Pathname(), nil
}

func canonicalizeSearch(value string) (string, error) {
	if value == "" {
		return value, nil
	}
	// The query state with a state override percent-encodes every code point with the query set
	// (the dummy URL is not special); the parser first drops ASCII tabs and newlines.
	return parser.PercentEncodeString(removeTabsAndNewlines(value), wu.QueryPercentEncodeSet), nil
}

func canonicalizeHash(value string) (string, error) {
	if value == "" {
		return value, nil
	}
	return parser.PercentEncodeString(removeTabsAndNewlines(value), wu.FragmentPercentEncodeSet), nil
}

func removeTabsAndNewlines(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}
