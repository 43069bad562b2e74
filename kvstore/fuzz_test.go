package kvstore_test

import (
	"encoding/base64"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/edgeruntime/edge/kvstore"
)

// FuzzCursor: decoding never fails or panics, our cursors round-trip for
// every key, Miniflare's (standard, padded base64) decode to the same key,
// and a decoded cursor re-encodes to a cursor that decodes to the same key.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{"", "a", "key-0001", "😀", "\x00\xff", "!!!", "Y", "YQ", "YQ==", "YQ=junk", "a+b/c-d_e", " Y Q ", strings.Repeat("z", 700)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := kvstore.DecodeCursor(kvstore.EncodeCursor(s)); got != s {
			t.Fatalf("key %q: round trip gave %q", s, got)
		}
		if got := kvstore.DecodeCursor(base64.StdEncoding.EncodeToString([]byte(s))); got != s {
			t.Fatalf("key %q: Miniflare-style cursor decoded to %q", s, got)
		}
		key := kvstore.DecodeCursor(s) // s as an arbitrary cursor
		if again := kvstore.DecodeCursor(kvstore.EncodeCursor(key)); again != key {
			t.Fatalf("cursor %q: decoded %q, re-decoded %q", s, key, again)
		}
		if len(key) > len(s) {
			t.Fatalf("cursor %q decoded to a longer key %q", s, key)
		}
	})
}

// FuzzValidateKey: the key rules are exactly "not empty, not . or .., at most
// 512 bytes", and every failure is an *Error of the right class.
func FuzzValidateKey(f *testing.F) {
	for _, s := range []string{"", ".", "..", "...", "a", strings.Repeat("x", 512), strings.Repeat("x", 513), strings.Repeat("é", 257), "\xff"} {
		f.Add("GET", s)
	}
	f.Add("PUT", "k")
	f.Fuzz(func(t *testing.T, op, key string) {
		err := kvstore.ValidateKey(op, key)
		valid := key != "" && key != "." && key != ".." && len(key) <= kvstore.MaxKeyBytes
		if (err == nil) != valid {
			t.Fatalf("ValidateKey(%q) = %v, want valid=%v", key, err, valid)
		}
		if err == nil {
			return
		}
		var kvErr *kvstore.Error
		if !errors.As(err, &kvErr) {
			t.Fatalf("not an *Error: %T", err)
		}
		if len(key) > kvstore.MaxKeyBytes {
			want := "KV " + op + " failed: 414 UTF-8 encoded length of " + strconv.Itoa(len(key)) + " exceeds key length limit of 512."
			if kvErr.Type != kvstore.PlainError || err.Error() != want {
				t.Fatalf("got %v %q, want %q", kvErr.Type, err, want)
			}
		} else if kvErr.Type != kvstore.TypeError {
			t.Fatalf("key %q: got %v, want TypeError", key, kvErr.Type)
		}
	})
}

// FuzzFormatJSNumber: the output parses back to the same number and uses
// only JavaScript's notation.
func FuzzFormatJSNumber(f *testing.F) {
	for _, v := range []float64{0, 1, -1.5, 1e21, 1e-7, 123456.789, math.MaxFloat64, math.SmallestNonzeroFloat64, 1700000000} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		s := kvstore.FormatJSNumber(v)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		got, err := strconv.ParseFloat(s, 64)
		if err != nil || (got != v && !(v == 0 && got == 0)) {
			t.Fatalf("FormatJSNumber(%v) = %q, parses to %v (%v)", v, s, got, err)
		}
		if !utf8.ValidString(s) || strings.ContainsAny(s, "E_ ") || strings.HasSuffix(s, ".") || strings.Contains(s, ".e") {
			t.Fatalf("FormatJSNumber(%v) = %q: not JS notation", v, s)
		}
		abs := math.Abs(v)
		if hasExp := strings.Contains(s, "e"); hasExp != (abs >= 1e21 || (abs != 0 && abs < 1e-6)) {
			t.Fatalf("FormatJSNumber(%v) = %q: exponent notation %v", v, s, hasExp)
		}
	})
}
