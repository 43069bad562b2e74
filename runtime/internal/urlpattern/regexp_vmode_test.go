package urlpattern

// White-box tests of the v-flag class translation and the escape check, which WPT covers only
// with two entries.

import (
	"errors"
	"testing"

	"github.com/dop251/goja"
)

func TestTranslateVClasses(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`\d+`, `\d+`},
		{`[a-c]`, `[a-c]`},
		{`[[a-z]--a]`, `[b-z]`},
		{`[\d&&[0-1]]`, `[0-1]`},
		{`[[a-z]--[aeiou]]`, `[b-df-hj-np-tv-z]`},
		{`[^\d]`, `[\u{0}-\u{2f}\u{3a}-\u{10ffff}]`},
		{`x[\-\/]y`, `x[\u{2d}\u{2f}]y`},
		{`[\p{Lu}&&[A-C]]`, `[A-C]`},
		{`\P{ASCII}`, `[\u{80}-\u{10ffff}]`},
		{`(?:[ab]|\[)`, `(?:[a-b]|\[)`},
		{`[]`, `[]`},
		{`[\x41-\u{43}]`, `[A-C]`},
		{`[\p{sc=Greek}--\p{Ll}]`, ""}, // only checked to translate
	} {
		got, err := translateVClasses(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if tc.want != "" && got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{`[(]`, `[a-]`, `[a-z--b]`, `[a&&&b]`, `[a--b&&c]`, `[ab`, `[\q{abc}]`,
		`\p{Nope}`, `[z-a]`, `[a&&b c]`, `[\m]`, `[!!]`, `[/]`} {
		if got, err := translateVClasses(bad); err == nil {
			t.Errorf("%s: translated to %s, want an error", bad, got)
		}
	}
}

func TestPropertySets(t *testing.T) {
	for _, tc := range []struct {
		expr string
		in   []rune
		out  []rune
	}{
		{"L", []rune{'a', 'Z', 'é', 'ж'}, []rune{'1', '-', ' '}},
		{"Letter", []rune{'a'}, []rune{'1'}},
		{"gc=Nd", []rune{'7', '٣'}, []rune{'a'}},
		{"Lu", []rune{'A', 'Ж'}, []rune{'a'}},
		{"LC", []rune{'A', 'a'}, []rune{'1'}},
		{"Script=Latin", []rune{'a', 'é'}, []rune{'ж', '1'}},
		{"sc=Cyrillic", []rune{'ж'}, []rune{'a'}},
		{"White_Space", []rune{' ', '\u3000'}, []rune{'a'}},
		{"ASCII", []rune{0, 0x7f}, []rune{0x80}},
		{"Any", []rune{0, 0x10ffff}, nil},
		{"Cn", []rune{0x0378}, []rune{'a'}},
		{"C", []rune{0, 0x0378}, []rune{'a'}},
		{"Alphabetic", []rune{'a', 'Ⅻ'}, []rune{'1'}},
		{"ID_Start", []rune{'a', '_' + 0x100}, []rune{'1', '$'}},
	} {
		set, ok := propertySet(tc.expr)
		if !ok {
			t.Errorf("%s: not supported", tc.expr)
			continue
		}
		for _, r := range tc.in {
			if !set.contains(r) {
				t.Errorf("%s: %U missing", tc.expr, r)
			}
		}
		for _, r := range tc.out {
			if set.contains(r) {
				t.Errorf("%s: %U present", tc.expr, r)
			}
		}
	}
	for _, bad := range []string{"Nope", "Script=Latn", "scx=Latin", "Other_Alphabetic", "Emoji"} {
		if _, ok := propertySet(bad); ok {
			t.Errorf("%s: supported, want unsupported", bad)
		}
	}
}

func (s runeSet) contains(r rune) bool {
	for _, x := range s {
		if r >= x.lo && r <= x.hi {
			return true
		}
	}
	return false
}

func TestCheckUnicodeEscapes(t *testing.T) {
	for _, ok := range []string{`\d\w\s\D\W\S`, `\/\.\(\)`, `[\-\b]`, `\bx\B`, `\x41\u0041\u{41}`, `\cA`, `\0`,
		`\p{L}`, `\k<a>`, `[^\]]`, `\1`} {
		if err := checkUnicodeEscapes(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{`\m`, `\H`, `\-`, `[\B]`, `\c1`, `\01`, `\x4`, `\u12`, `\u{}`, `\p`, `\k`, `\`, `[\1]`} {
		if err := checkUnicodeEscapes(bad); !errors.Is(err, errRegexpEscape) {
			t.Errorf("%s: %v, want errRegexpEscape", bad, err)
		}
	}
}

// FuzzTranslateVClasses checks that every translation goja compiles as a u-mode RegExp.
func FuzzTranslateVClasses(f *testing.F) {
	for _, s := range []string{`[[a-z]--a]`, `[\d&&[0-1]]`, `[^\p{L}]`, `\P{Lu}`, `[a\-z]`, `[\x00-\x{7f}]`} {
		f.Add(s)
	}
	vm := goja.New()
	ctor := vm.Get("RegExp")
	f.Fuzz(func(t *testing.T, src string) {
		for i := 0; i < len(src); i++ {
			if src[i] > 0x7f {
				return // regexp groups are ASCII (the tokenizer rejects the rest)
			}
		}
		out, err := translateVClasses(src)
		if err != nil {
			return
		}
		if err := checkUnicodeEscapes(src); err != nil {
			return
		}
		if _, err := vm.New(ctor, vm.ToValue(out), vm.ToValue("u")); err != nil {
			// The rest of the source may be invalid on its own; only classes we emitted matter.
			if _, err2 := vm.New(ctor, vm.ToValue(src), vm.ToValue("u")); err2 == nil {
				t.Fatalf("%q translated to %q, which does not compile: %v", src, out, err)
			}
		}
	})
}
