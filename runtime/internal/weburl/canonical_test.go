package weburl

import "testing"

// checkCanonical fails when parseCanonical accepts s but the full parser does not return s
// unchanged with the same parts.
func checkCanonical(t *testing.T, s string) bool {
	t.Helper()
	c, ok := parseCanonical(s)
	if !ok {
		return false
	}
	u, err := parse(s, nil)
	if err != nil {
		t.Fatalf("%q accepted as canonical, but the parser rejects it: %v", s, err)
	}
	for _, p := range []struct{ name, fast, full string }{
		{"href", c.href, u.Href(false)},
		{"protocol", c.scheme() + ":", u.Protocol()},
		{"host", c.host(), u.Host()},
		{"hostname", c.hostname(), u.Hostname()},
		{"port", c.port(), u.Port()},
		{"pathname", c.pathname(), u.Pathname()},
		{"search", c.search(), u.Search()},
		{"query", c.query(), u.Query()},
		{"hash", c.hash(), u.Hash()},
		{"origin", c.origin(), origin(u)},
	} {
		if p.fast != p.full {
			t.Fatalf("%q: %s is %q on the fast path, %q parsed", s, p.name, p.fast, p.full)
		}
	}
	return true
}

func TestCanonical(t *testing.T) {
	for _, s := range []string{
		"http://127.0.0.1:8787/", "https://example.com/a/b?x=1&y=%20#frag", "wss://a.b/c?", "ws://h/#",
		"http://a/b/c.d/e..f/.g", "https://api.example.com:8443/v1/items/42?fields=name,price&sort=-price#top",
		"http://a//b", "http://0.0.0.0/", "http://255.255.255.255/x", "https://a-b.c-/%zz",
	} {
		if !checkCanonical(t, s) {
			t.Errorf("%q: not taken as canonical", s)
		}
	}
	for _, s := range []string{
		"http://Example.com/", "HTTP://a/", "http://a", "http://a:80/", "https://a:443/", "http://a:080/",
		"http://a:65536/", "http://u@a/", "http://a/./b", "http://a/b/..", "http://a/%2E/b", "http://a/b/.%2e",
		"http://a/b c", "http://a/b\\c", "http://a/b?c d", "http://a/b?'", "http://a/#`", "http://1.2.3/",
		"http://01.2.3.4/", "http://1.2.3.256/", "http://0x7f.1/", "http://a.1/", "http://xn--a.com/",
		"http://a..b/", "http://.a/", "http://a./", "http://[::1]/", "http://a/é", "http://a/{}", "http://a/^",
		"file:///x", "foo://a/", "http://a/\t", "http://a:/",
	} {
		if checkCanonical(t, s) {
			t.Errorf("%q: taken as canonical", s)
		}
	}
}

// FuzzCanonical: whatever parseCanonical accepts, the full parser returns unchanged.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"http://a/b?c#d", "https://x.y:8080/%2e./?q='#`", "http://1.2.3.4/", "ws://a.xn--b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkCanonical(t, s) })
}
