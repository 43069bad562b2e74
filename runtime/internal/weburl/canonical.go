package weburl

import "strings"

// canonical is an absolute http, https, ws or wss URL that is already in the form the WHATWG
// serializer produces, split into its parts. For such input the full parser (nlnwa/whatwg-url,
// ~10 allocations and most of the cost of `new URL(request.url)`) would return the input
// unchanged, so the URL object serves its getters from these offsets and runs the full parser
// only when a setter or an unusual getter needs it. request.url of every incoming request is in
// this form, and so are most URLs a worker builds.
//
// parseCanonical accepts only what it can prove canonical and leaves everything else to the
// full parser: userinfo, IP addresses other than plain dotted-decimal IPv4, IPv6, upper-case
// letters, punycode labels ("xn--", which need IDNA validation), default or zero-padded ports,
// "." and ".." path segments (also percent-encoded), backslashes, and any byte the path, query
// or fragment percent-encode sets would encode (and "^" in paths, which newer revisions of the
// standard encode). FuzzCanonical checks it against the parser.
type canonical struct {
	href       string
	schemeEnd  int // href[:schemeEnd] is the scheme; "://" follows
	hostEnd    int // href[schemeEnd+3:hostEnd] is the hostname
	portEnd    int // href[hostEnd:portEnd] is ":port" or ""; the path starts here
	queryStart int // index of "?", or of the fragment / the end when there is no query
	hashStart  int // index of "#", or len(href)
}

func parseCanonical(s string) (c canonical, ok bool) {
	var defaultPort string
	switch {
	case strings.HasPrefix(s, "http://"):
		c.schemeEnd, defaultPort = 4, "80"
	case strings.HasPrefix(s, "https://"):
		c.schemeEnd, defaultPort = 5, "443"
	case strings.HasPrefix(s, "ws://"):
		c.schemeEnd, defaultPort = 2, "80"
	case strings.HasPrefix(s, "wss://"):
		c.schemeEnd, defaultPort = 3, "443"
	default:
		return c, false
	}
	c.href = s
	i := c.schemeEnd + 3
	hostStart := i
	for i < len(s) && s[i] != ':' && s[i] != '/' {
		if !isHostByte(s[i]) {
			return c, false
		}
		i++
	}
	c.hostEnd = i
	if !canonicalHost(s[hostStart:c.hostEnd]) {
		return c, false
	}
	if i < len(s) && s[i] == ':' {
		i++
		p := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		port := s[p:i]
		if port == "" || port[0] == '0' || len(port) > 5 || (len(port) == 5 && port > "65535") || port == defaultPort {
			return c, false
		}
	}
	c.portEnd = i
	if i == len(s) || s[i] != '/' { // an empty path serializes as "/"
		return c, false
	}
	segStart := i + 1
	for i++; i < len(s) && s[i] != '?' && s[i] != '#'; i++ {
		b := s[i]
		if b == '/' {
			if isDotSegment(s[segStart:i]) {
				return c, false
			}
			segStart = i + 1
			continue
		}
		if !isPrintable(b) || b == '"' || b == '<' || b == '>' || b == '`' || b == '{' || b == '}' || b == '^' || b == '\\' {
			return c, false
		}
	}
	if isDotSegment(s[segStart:i]) {
		return c, false
	}
	c.queryStart = i
	if i < len(s) && s[i] == '?' {
		for i++; i < len(s) && s[i] != '#'; i++ {
			if b := s[i]; !isPrintable(b) || b == '"' || b == '<' || b == '>' || b == '\'' {
				return c, false
			}
		}
	}
	c.hashStart = i
	for ; i < len(s); i++ { // the fragment, after "#"
		if b := s[i]; !isPrintable(b) || b == '"' || b == '<' || b == '>' || b == '`' {
			return c, false
		}
	}
	return c, true
}

// isPrintable is printable ASCII without space: no byte of it is changed by the parser's
// tab/newline stripping or the C0-control percent-encode set.
func isPrintable(b byte) bool { return b > ' ' && b < 0x7f }

func isHostByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '.'
}

// canonicalHost reports whether h (lower-case letters, digits, '-' and '.') is a host the
// parser keeps as it is: non-empty labels, no punycode label, and when the last label is a
// number (the host is then an IPv4 address) four decimal numbers 0–255 without leading zeros.
func canonicalHost(h string) bool {
	if h == "" {
		return false
	}
	labels := strings.Split(h, ".")
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "xn--") {
			return false
		}
	}
	last := labels[len(labels)-1]
	if strings.HasPrefix(last, "0x") {
		return false // a hexadecimal IPv4 part
	}
	if strings.Trim(last, "0123456789") != "" {
		// A domain. One whose last label does not start with a letter is left to the parser,
		// whose IPv4 detection takes some of them for numbers ("-0", "20000000000000000000a").
		return last[0] >= 'a' && last[0] <= 'z'
	}
	if len(labels) != 4 {
		return false
	}
	for _, l := range labels {
		if len(l) > 3 || (len(l) > 1 && l[0] == '0') || strings.Trim(l, "0123456789") != "" || (len(l) == 3 && l > "255") {
			return false
		}
	}
	return true
}

// isDotSegment reports "." and ".." path segments, also percent-encoded ("%2e", ".%2E", …),
// which the parser removes.
func isDotSegment(seg string) bool {
	switch strings.ToLower(seg) {
	case ".", "%2e", "..", ".%2e", "%2e.", "%2e%2e":
		return true
	}
	return false
}

func (c *canonical) scheme() string   { return c.href[:c.schemeEnd] }
func (c *canonical) hostname() string { return c.href[c.schemeEnd+3 : c.hostEnd] }
func (c *canonical) host() string     { return c.href[c.schemeEnd+3 : c.portEnd] }
func (c *canonical) origin() string   { return c.href[:c.portEnd] }
func (c *canonical) pathname() string { return c.href[c.portEnd:c.queryStart] }

func (c *canonical) port() string {
	if c.portEnd == c.hostEnd {
		return ""
	}
	return c.href[c.hostEnd+1 : c.portEnd]
}

// query is the query without "?" ("" when there is none or it is empty).
func (c *canonical) query() string {
	if c.queryStart == c.hashStart {
		return ""
	}
	return c.href[c.queryStart+1 : c.hashStart]
}

// search and hash are the getters': "" for an empty query or fragment.
func (c *canonical) search() string {
	if c.hashStart-c.queryStart <= 1 {
		return ""
	}
	return c.href[c.queryStart:c.hashStart]
}

func (c *canonical) hash() string {
	if len(c.href)-c.hashStart <= 1 {
		return ""
	}
	return c.href[c.hashStart:]
}
