package node

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"testing"
	"unicode/utf16"

	"github.com/dop251/goja"
)

func jsString(s string) goja.String { return goja.StringFromUTF16(utf16.Encode([]rune(s))) }

func TestDecodeString(t *testing.T) {
	cases := []struct{ in, enc, want string }{
		{"aGVsbG8=", "base64", "hello"},
		{"aGVs\nbG8", "base64", "hello"},
		{"aGk=ignored", "base64", "hi"},
		{"-_8", "base64url", "\xfb\xff"},
		{"+/8=", "base64url", "\xfb\xff"},
		{"a", "base64", ""},
		{"0aFFzz11", "hex", "\x0a\xff"},
		{"abc", "hex", "\xab"},
		{"ÿé", "latin1", "\xff\xe9"},
		{"a€", "utf16le", "a\x00\xac\x20"},
		{"lone surrogate", "utf8", "a\xef\xbf\xbdb"},
	}
	for _, c := range cases {
		in := jsString(c.in)
		if c.in == "lone surrogate" {
			in = goja.StringFromUTF16([]uint16{'a', 0xd800, 'b'})
		}
		if got := string(decodeString(in, c.enc)); got != c.want {
			t.Errorf("decode(%q, %s) = %q, want %q", c.in, c.enc, got, c.want)
		}
	}
}

func TestByteLength(t *testing.T) {
	cases := []struct {
		in, enc string
		want    int
	}{{"héllo", "utf8", 6}, {"aGVsbG8=", "base64", 5}, {"aGVsbG8", "base64url", 5}, {"abcd", "hex", 2}, {"ab", "utf16le", 4}}
	for _, c := range cases {
		if got := byteLength(jsString(c.in), c.enc); got != c.want {
			t.Errorf("byteLength(%q, %s) = %d, want %d", c.in, c.enc, got, c.want)
		}
	}
}

// FuzzEncodings checks that every byte string survives encode then decode in the lossless
// encodings, and that decoding agrees with Go's codecs on their canonical output.
func FuzzEncodings(f *testing.F) {
	for _, s := range []string{"", "a", "hello", "\x00\xff\xfe", "\xe2\x82\xac"} {
		f.Add([]byte(s))
	}
	vm := goja.New()
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, enc := range []string{"base64", "base64url", "hex", "latin1"} {
			s := encodeBytes(vm, b, enc).(goja.String)
			if got := decodeString(s, enc); !bytes.Equal(got, b) {
				t.Fatalf("%s round trip of %x = %x", enc, b, got)
			}
		}
		if got := decodeString(jsString(base64.StdEncoding.EncodeToString(b)), "base64"); !bytes.Equal(got, b) {
			t.Fatalf("base64 of %x decoded to %x", b, got)
		}
		if got := decodeString(jsString(hex.EncodeToString(b)), "hex"); !bytes.Equal(got, b) {
			t.Fatalf("hex of %x decoded to %x", b, got)
		}
	})
}
