package htmlrewriter_test

import (
	"strings"
	"testing"

	"github.com/edgeruntime/edge/runtime/internal/htmlrewriter"
)

// selected runs html through a rewriter and lists the elements sel matched, as tag#id.
func selected(t *testing.T, sel, html string) string {
	t.Helper()
	s, err := htmlrewriter.ParseSelector(sel)
	if err != nil {
		t.Fatalf("ParseSelector(%q): %v", sel, err)
	}
	var seen []string
	rw := htmlrewriter.New()
	rw.On(s, htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error {
		id, _ := e.GetAttribute("id")
		seen = append(seen, e.TagName()+"#"+id)
		return nil
	}})
	var out strings.Builder
	if err := rw.Run(&out, strings.NewReader(html)); err != nil {
		t.Fatal(err)
	}
	if out.String() != html {
		t.Errorf("output changed: %q", out.String())
	}
	return strings.Join(seen, " ")
}

func TestSelectorMatching(t *testing.T) {
	const doc = `<ul id=u><li id=1 class="a b">x</li><li id=2 lang=en-GB data-v="Foo bar">y</li><p id=3></p><li id=4 title=hello></li></ul><div id=5><section id=6><em id=7></em></section><em id=8></em></div>`
	tests := []struct{ sel, want string }{
		{"*", "ul#u li#1 li#2 p#3 li#4 div#5 section#6 em#7 em#8"},
		{"li", "li#1 li#2 li#4"},
		{"LI.a", "li#1"},
		{".a.b", "li#1"},
		{".a.c", ""},
		{"#u", "ul#u"},
		{"[lang]", "li#2"},
		{`[lang="en-gb"]`, ""},
		{`[lang="en-gb" i]`, "li#2"},
		{`[data-v~=bar]`, "li#2"},
		{`[title^=he]`, "li#4"},
		{`[title$=lo]`, "li#4"},
		{`[title*=ell]`, "li#4"},
		{`[lang|=en]`, "li#2"},
		{`[title^=""]`, ""},
		{"ul li", "li#1 li#2 li#4"},
		{"ul > p", "p#3"},
		{"div em", "em#7 em#8"},
		{"div > em", "em#8"},
		{"li:nth-child(2)", "li#2"},
		{"li:nth-child(2n+1)", "li#1"},
		{"*:nth-child(odd)", "ul#u li#1 p#3 section#6 em#7"},
		{"li:nth-child(-n+2)", "li#1 li#2"},
		{"li:first-child", "li#1"},
		{"li:nth-of-type(3)", "li#4"},
		{"em:first-of-type", "em#7 em#8"},
		{"li:not(.a)", "li#2 li#4"},
		{"li:not([lang], #4)", "li#1"},
		{"p, em", "p#3 em#7 em#8"},
		{`\6c i`, "li#1 li#2 li#4"},
	}
	for _, tt := range tests {
		t.Run(tt.sel, func(t *testing.T) {
			if got := selected(t, tt.sel, doc); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSelectorErrors checks lol-html's messages (recorded with workerd in conformance case 30).
func TestSelectorErrors(t *testing.T) {
	tests := []struct{ sel, want string }{
		{"", "The selector is empty."},
		{"p,", "The selector is empty."},
		{"#", "The selector is empty."},
		{".1a", "The selector is empty."},
		{":not()", "The selector is empty."},
		{"div >", "Dangling combinator in selector."},
		{"li + li", "Unsupported combinator `+` in selector."},
		{"li ~ li", "Unsupported combinator `~` in selector."},
		{"li:last-child", "Unsupported pseudo-class or pseudo-element in selector."},
		{"li:nth-last-child(1)", "Unsupported pseudo-class or pseudo-element in selector."},
		{"p::before", "Unsupported pseudo-class or pseudo-element in selector."},
		{"p:not(div p)", "Unsupported pseudo-class or pseudo-element in selector."},
		{"svg|circle", "Selectors with explicit namespaces are not supported."},
		{"[*|x]", "Selectors with explicit namespaces are not supported."},
		{"[", "Unexpected end of selector."},
		{"a[b=", "Unexpected end of selector."},
		{"[=x]", "Missing attribute name in attribute selector."},
		{"[a!=b]", "Unexpected token in the attribute selector."},
		{"div)", "Unexpected token in selector."},
		{"a || b", "Unexpected token in selector."},
		{"[x=y z]", "Unexpected token in selector."},
		{"li:nth-child(x)", "Unexpected token in selector."},
		{"..x", "Invalid or unescaped class name in selector."},
	}
	for _, tt := range tests {
		_, err := htmlrewriter.ParseSelector(tt.sel)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseSelector(%q) = %v, want %q", tt.sel, err, tt.want)
		}
	}
}

func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{"*", "a.b#c[d=e i]", "ul > li:nth-child(2n+1):not(.x)", "[a|=b]", "x:not(:not(p))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sel, err := htmlrewriter.ParseSelector(s)
		if err == nil {
			rw := htmlrewriter.New()
			rw.On(sel, htmlrewriter.ElementHandlers{Element: func(*htmlrewriter.Element) error { return nil }})
			_ = rw.Run(&strings.Builder{}, strings.NewReader("<div id=a class=b><p x=y>t</p></div>"))
		}
	})
}
