package weburl_test

import (
	"testing"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

func FuzzParseHref(f *testing.F) {
	for _, s := range []struct{ in, base string }{
		{"http://a/b", ""}, {"../d?y=2", "http://a/b/c/e"}, {"http://0x7f.1/", ""},
		{`http:\\a\b\c`, ""}, {"http://us%40er:pa ss@a/", ""}, {"data:text/plain,x", ""},
		{"http://[::ffff:1.2.3.4]:80/", ""}, {"http://münchen.de/", ""}, {"file:///C|/x", ""},
		{"//x", "file:///y"}, {"#f", "mailto:a"}, {"http://a:65536", ""}, {"\x00\t http://a", ""},
		{"foo://a/./../b?c#d", ""}, {"blob:https://a/b", ""}, {"http://xn--a.com/", ""},
	} {
		f.Add(s.in, s.base)
	}
	f.Fuzz(func(t *testing.T, input, base string) {
		href, err := weburl.ParseHref(input, base)
		if err != nil {
			return
		}
		if !utf8.ValidString(href) {
			t.Fatalf("ParseHref(%q, %q) = %q: not valid UTF-8", input, base, href)
		}
		// A serialized URL parses back to itself.
		again, err := weburl.ParseHref(href, "")
		if err != nil || again != href {
			t.Fatalf("ParseHref(%q, %q) = %q, which reparses as %q (%v)", input, base, href, again, err)
		}
	})
}

// FuzzSetters assigns arbitrary values to URL attributes through JS: nothing may throw except
// the href setter (TypeError), and the result must still be a URL that reparses to itself.
func FuzzSetters(f *testing.F) {
	attrs := []string{"href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"}
	for i, s := range []struct{ href, value string }{
		{"http://a/b?c#d", "https"}, {"http://a/", "u:p"}, {"http://a/", "p@ss"}, {"http://a:1/", "b:2"},
		{"file:///x", "h"}, {"http://a/", "99999"}, {"data:x", "/y"}, {"http://a/", "?q=1"}, {"foo://a/", "#x"},
		{"http://a/", "ws://b/"},
	} {
		f.Add(s.href, uint8(i), s.value)
	}
	vm := newVM(f)
	_, err := vm.RunString(`function setAndCheck(href, attr, value) {
		let u;
		try { u = new URL(href); } catch (e) { return ''; }
		try { u[attr] = value; } catch (e) {
			if (attr === 'href' && e instanceof TypeError) return '';
			return 'threw ' + e;
		}
		let again;
		try { again = new URL(u.href).href; } catch (e) { return u.href + ' does not reparse: ' + e; }
		if (again !== u.href) return u.href + ' reparses as ' + again;
		if (u.searchParams.toString() !== new URLSearchParams(u.search).toString()) return 'searchParams out of sync';
		return '';
	}`)
	if err != nil {
		f.Fatal(err)
	}
	check, _ := goja.AssertFunction(vm.Get("setAndCheck"))
	f.Fuzz(func(t *testing.T, href string, attr uint8, value string) {
		a := attrs[int(attr)%len(attrs)]
		res, err := check(goja.Undefined(), vm.ToValue(href), vm.ToValue(a), vm.ToValue(value))
		if err != nil {
			t.Fatalf("%q.%s = %q: %v", href, a, value, err)
		}
		if s := res.String(); s != "" {
			t.Fatalf("%q.%s = %q: %s", href, a, value, s)
		}
	})
}

// FuzzSearchParams checks that serializing a parsed query and parsing it again is stable.
func FuzzSearchParams(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "a+b=%20c", "%zz=%", "&&=&a==", "é=%C3%A9&%FF=x", "?x"} {
		f.Add(s)
	}
	vm := newVM(f)
	_, err := vm.RunString(`function roundTrip(s) {
		const once = new URLSearchParams(s).toString();
		const twice = new URLSearchParams(once).toString();
		return once === twice ? '' : once + ' then ' + twice;
	}`)
	if err != nil {
		f.Fatal(err)
	}
	check, _ := goja.AssertFunction(vm.Get("roundTrip"))
	f.Fuzz(func(t *testing.T, s string) {
		res, err := check(goja.Undefined(), vm.ToValue(s))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if r := res.String(); r != "" {
			t.Fatalf("%q: %s", s, r)
		}
	})
}
