package intl

import (
	"math/big"
	"strings"
	"testing"
	"time"
)

func TestDecimalFromFloat(t *testing.T) {
	a, b := 0.1, 0.2 // variables: Go folds constant 0.1+0.2 to exactly 0.3
	for _, tc := range []struct {
		in     float64
		digits string
		exp    int
	}{
		{0, "", 0}, {1, "1", 1}, {1234.5, "12345", 4}, {0.001, "1", -2}, {1e21, "1", 22},
		{a + b, "30000000000000004", 0}, {123456789, "123456789", 9},
	} {
		d := decimalFromFloat(tc.in)
		if string(d.digits) != tc.digits || d.exp != tc.exp {
			t.Errorf("%v: digits %q exp %d, want %q %d", tc.in, d.digits, d.exp, tc.digits, tc.exp)
		}
	}
}

// TestRoundAt checks rounding against a plain reading of each mode.
func TestRoundAt(t *testing.T) {
	for _, tc := range []struct {
		in   string
		pos  int
		inc  int
		mode roundingMode
		want string
	}{
		{"1.25", -1, 1, halfExpand, "1.3"}, {"1.25", -1, 1, halfEven, "1.2"}, {"1.35", -1, 1, halfEven, "1.4"},
		{"-1.25", -1, 1, halfCeil, "-1.2"}, {"-1.25", -1, 1, halfFloor, "-1.3"}, {"1.21", -1, 1, ceil, "1.3"},
		{"-1.21", -1, 1, ceil, "-1.2"}, {"1.29", -1, 1, trunc, "1.2"}, {"1.21", -1, 1, expand, "1.3"},
		{"9.99", -1, 1, halfExpand, "10"}, {"999.5", 0, 1, halfExpand, "1000"}, {"0.0004", -3, 1, halfExpand, "0"},
		{"0.0005", -3, 1, halfExpand, "0.001"}, {"0.00001", -2, 1, ceil, "0.01"}, {"123", 1, 1, halfExpand, "120"},
		{"1.234", -2, 5, halfExpand, "1.25"}, {"1.224", -2, 5, halfExpand, "1.2"}, {"1.2", -2, 25, halfExpand, "1.25"},
		{"7", 0, 1, halfExpand, "7"},
	} {
		d, ok := decimalFromString(tc.in)
		if !ok {
			t.Fatalf("parse %q", tc.in)
		}
		got := d.roundAt(tc.pos, tc.inc, tc.mode)
		if s := decimalString(got); s != tc.want {
			t.Errorf("round(%s, 10^%d ×%d, %d) = %s, want %s", tc.in, tc.pos, tc.inc, tc.mode, s, tc.want)
		}
	}
}

// decimalString renders a decimal plainly for tests.
func decimalString(d decimal) string {
	if d.isZero() {
		return "0"
	}
	i, f := d.split()
	s := string(i)
	if len(f) > 0 {
		s += "." + string(f)
	}
	if d.neg {
		s = "-" + s
	}
	return s
}

func TestDecimalFromBig(t *testing.T) {
	b, _ := new(big.Int).SetString("-1234567890123456789012345678900", 10)
	d := decimalFromBig(b)
	if !d.neg || string(d.digits) != "12345678901234567890123456789" || d.exp != 31 {
		t.Fatalf("got %+v", d)
	}
}

func FuzzDecimalFromString(f *testing.F) {
	for _, s := range []string{"1", "-0", "1.5e3", ".5", "5.", "1e", "e5", "+-1", "0x10", "  7 ", "1_000", "Infinity", "-.e1", "00012.3400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := decimalFromString(s)
		if !ok {
			return
		}
		for _, c := range d.digits {
			if c < '0' || c > '9' {
				t.Fatalf("%q: digit %q", s, c)
			}
		}
		if len(d.digits) > 0 && (d.digits[0] == '0' || d.digits[len(d.digits)-1] == '0') {
			t.Fatalf("%q: untrimmed %q", s, d.digits)
		}
		_ = d.roundAt(-3, 1, halfEven)
	})
}

func TestParseTag(t *testing.T) {
	for in, want := range map[string]string{
		"EN-us": "en-US", "zh-hant-tw": "zh-Hant-TW", "de-de-u-co-phonebk": "de-DE-u-co-phonebk",
		"en-u-nu-latn-ca-gregory": "en-u-ca-gregory-nu-latn", "en-u-kn-true": "en-u-kn", "iw": "he",
		"en-valencia-1994": "en-1994-valencia", "en-t-de-a-bbb": "en-a-bbb-t-de", "es-419": "es-419",
		"en-u-ca-gregory-ca-buddhist": "en-u-ca-gregory", "sh": "sr-Latn", "en-UK": "en-GB",
	} {
		tag, ok := parseTag(in)
		if !ok || tag.String() != want {
			t.Errorf("parseTag(%q) = %q, %v; want %q", in, tag.String(), ok, want)
		}
	}
	for _, bad := range []string{"", "en_US", "en--US", "root", "x-private", "de-1996-1996", "en-a-aa-a-bb", "en-u", "abcdefghi", "e", "123", "en-x", "en-a"} {
		if _, ok := parseTag(bad); ok {
			t.Errorf("parseTag(%q) accepted", bad)
		}
	}
}

func FuzzParseTag(f *testing.F) {
	for _, s := range []string{"en-US", "zh-Hant-TW-u-nu-hanidec", "de-1996-1901", "en-x-a-b", "i-klingon", "en-u-kn", "sr-Latn-RS-t-en-a-bbb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tag, ok := parseTag(s)
		if !ok {
			return
		}
		// Canonical output parses to itself.
		again, ok := parseTag(tag.String())
		if !ok || again.String() != tag.String() {
			t.Fatalf("%q → %q → %q (%v)", s, tag.String(), again.String(), ok)
		}
	})
}

// TestZones: every zone name in the table loads from Go's embedded tzdata, and every alias
// points to a zone edge can load.
func TestZones(t *testing.T) {
	for _, z := range zoneNames {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("%s: %v", z, err)
		}
	}
	in := &installation{zones: map[string]*time.Location{}}
	for alias, canon := range zoneAliases() {
		if canon == "UTC" {
			continue
		}
		if loc := in.location(canon); loc == time.UTC && !strings.HasPrefix(canon, "Etc/") {
			t.Errorf("%s → %s does not load", alias, canon)
		}
	}
	if c, ok := canonicalZone("asia/KOLKATA"); !ok || c != "Asia/Calcutta" {
		t.Errorf("asia/KOLKATA → %q %v", c, ok)
	}
}

// TestTables checks the generated locale tables: every pattern parses to known fields.
func TestTables(t *testing.T) {
	known := "GyMLdEcahHKkmsSzvO"
	for loc, d := range dateLocales() {
		for key, p := range d.skeletons {
			for _, tok := range parsePattern(p) {
				if tok.letter != 0 && !strings.ContainsRune(known, rune(tok.letter)) {
					t.Errorf("%s %s: %q has field %c", loc, key, p, tok.letter)
				}
			}
		}
		for _, p := range append(d.dateStyles[:], d.timeStyles[:]...) {
			if len(parsePattern(p)) == 0 {
				t.Errorf("%s: empty style pattern", loc)
			}
		}
	}
	for loc, n := range numberLocales() {
		if n.decimal == "" || n.group == "" || n.primaryGroup == 0 {
			t.Errorf("%s: incomplete number data", loc)
		}
		for _, c := range n.compactShort {
			if c.div != 0 && c.forms["other"] == (affix{}) {
				t.Errorf("%s: compact pattern without other form", loc)
			}
		}
	}
}
