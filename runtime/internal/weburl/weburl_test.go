package weburl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jstest"
	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

func newVM(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	weburl.Install(vm, vm.GlobalObject())
	return vm
}

func TestJS(t *testing.T) {
	files, err := filepath.Glob("testdata/*.test.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(f), ".test.js"), func(t *testing.T) {
			jstest.Run(t, newVM(t), filepath.Base(f), string(src), nil)
		})
	}
}

func TestSearchParamsBody(t *testing.T) {
	vm := newVM(t)
	for _, tc := range []struct {
		js   string
		want string
		ok   bool
	}{
		{`new URLSearchParams({ q: 'a b', x: 'é' })`, "q=a+b&x=%C3%A9", true},
		{`new URL('http://h/?a=1&b').searchParams`, "a=1&b=", true},
		{`new URLSearchParams()`, "", true},
		{`new URL('http://h/?a=1')`, "", false},
		{`({ get boom() { throw new Error('getter ran'); } })`, "", false},
		{`'a=1'`, "", false},
	} {
		v, err := vm.RunString(tc.js)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := weburl.SearchParamsBody(v)
		if got != tc.want || ok != tc.ok {
			t.Errorf("SearchParamsBody(%s) = %q, %v; want %q, %v", tc.js, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseHref(t *testing.T) {
	for _, tc := range []struct{ in, base, want string }{
		{"https://EXAMPLE.com:443/a/../b?c#d", "", "https://example.com/b?c#d"},
		{"../d?y=2", "http://a/b/c/e", "http://a/b/d?y=2"},
		{"http://0x7f.1/", "", "http://127.0.0.1/"},
		{"http://☃.net/", "", "http://xn--n3h.net/"},
	} {
		got, err := weburl.ParseHref(tc.in, tc.base)
		if err != nil || got != tc.want {
			t.Errorf("ParseHref(%q, %q) = %q, %v; want %q", tc.in, tc.base, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, base string }{{"a", ""}, {"a", "not a base"}, {"http://a b/", ""}} {
		if _, err := weburl.ParseHref(tc.in, tc.base); err != weburl.ErrInvalidURL {
			t.Errorf("ParseHref(%q, %q) error = %v, want ErrInvalidURL", tc.in, tc.base, err)
		}
	}
}
