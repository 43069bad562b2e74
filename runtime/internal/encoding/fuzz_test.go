package encoding_test

import (
	"errors"
	"testing"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// refUTF8Decode is the Encoding Standard's UTF-8 decoder written out literally, one byte at a
// time, as an oracle for the optimised decoder. It returns the code points, or ok=false at
// the first error in fatal mode.
func refUTF8Decode(in []byte, fatal bool) (out []rune, ok bool) {
	var cp rune
	needed, seen := 0, 0
	lower, upper := byte(0x80), byte(0xBF)
	for i := 0; i <= len(in); i++ {
		if i == len(in) {
			if needed != 0 {
				if fatal {
					return nil, false
				}
				out = append(out, 0xFFFD)
			}
			break
		}
		b := in[i]
		if needed == 0 {
			switch {
			case b <= 0x7F:
				out = append(out, rune(b))
			case b >= 0xC2 && b <= 0xDF:
				needed, cp = 1, rune(b)&0x1F
			case b >= 0xE0 && b <= 0xEF:
				if b == 0xE0 {
					lower = 0xA0
				}
				if b == 0xED {
					upper = 0x9F
				}
				needed, cp = 2, rune(b)&0xF
			case b >= 0xF0 && b <= 0xF4:
				if b == 0xF0 {
					lower = 0x90
				}
				if b == 0xF4 {
					upper = 0x8F
				}
				needed, cp = 3, rune(b)&0x7
			default:
				if fatal {
					return nil, false
				}
				out = append(out, 0xFFFD)
			}
			continue
		}
		if b < lower || b > upper {
			cp, needed, seen, lower, upper = 0, 0, 0, 0x80, 0xBF
			i-- // prepend the byte to the stream
			if fatal {
				return nil, false
			}
			out = append(out, 0xFFFD)
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(b)&0x3F
		seen++
		if seen == needed {
			out = append(out, cp)
			cp, needed, seen = 0, 0, 0
		}
	}
	if len(out) > 0 && out[0] == 0xFEFF {
		out = out[1:]
	}
	return out, true
}

func codeUnits(v goja.Value) []uint16 {
	s := v.(goja.String)
	u := make([]uint16, s.Length())
	for i := range u {
		u[i] = s.CharAt(i)
	}
	return u
}

func equalUnits(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func FuzzUTF8Decode(f *testing.F) {
	for _, seed := range [][]byte{
		nil, []byte("hello"), {0xEF, 0xBB, 0xBF, 'a'}, {0xF0, 0x9F, 0x98}, {0xF0, 0x9F, 0x98, 0x80},
		{0xC0, 0x80}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xE2, 0x82, 0x41}, {0xFF},
		[]byte("h\u00e9llo \u20ac \U0001F600"),
	} {
		f.Add(seed, uint(len(seed)/2), false)
		f.Add(seed, uint(1), true)
	}
	vm := newVM(f)
	ctor, _ := goja.AssertConstructor(vm.Get("TextDecoder"))
	decodeFn, _ := goja.AssertFunction(vm.Get("TextDecoder").ToObject(vm).Get("prototype").ToObject(vm).Get("decode"))
	streamOpts := vm.NewObject()
	_ = streamOpts.Set("stream", true)
	f.Fuzz(func(t *testing.T, data []byte, split uint, fatal bool) {
		opts := vm.NewObject()
		_ = opts.Set("fatal", fatal)
		dec, err := ctor(nil, vm.ToValue("utf-8"), opts)
		if err != nil {
			t.Fatal(err)
		}
		want, wantOK := refUTF8Decode(data, fatal)
		wantUnits := utf16.Encode(want)
		check := func(how string, got goja.Value, err error) {
			t.Helper()
			if !wantOK {
				var ex *goja.Exception
				if !errors.As(err, &ex) || ex.Value().ToObject(vm).Get("name").String() != "TypeError" {
					t.Fatalf("%s(% x): want TypeError, got %v, %v", how, data, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s(% x): %v", how, data, err)
			}
			if g := codeUnits(got); !equalUnits(g, wantUnits) {
				t.Fatalf("%s(% x):\n got  %x\n want %x", how, data, g, wantUnits)
			}
		}
		got, err := decodeFn(dec, vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), data...))))
		check("decode", got, err)

		// The same bytes in two streaming chunks must give the same result.
		k := int(split % uint(len(data)+1))
		a, err := decodeFn(dec, vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), data[:k]...))), streamOpts)
		if err != nil {
			check("stream", nil, err)
			return
		}
		b, err := decodeFn(dec, vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), data[k:]...))))
		if err != nil {
			check("stream", nil, err)
			return
		}
		check("stream", goja.StringFromUTF16(append(codeUnits(a), codeUnits(b)...)), nil)
	})
}

// refAtob is the forgiving-base64 decode of the Infra standard written out literally.
func refAtob(s []uint16) ([]byte, bool) {
	var data []uint16
	for _, c := range s {
		if c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != ' ' {
			data = append(data, c)
		}
	}
	if len(data)%4 == 0 {
		for k := 0; k < 2 && len(data) > 0 && data[len(data)-1] == '='; k++ {
			data = data[:len(data)-1]
		}
	}
	if len(data)%4 == 1 {
		return nil, false
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var out []byte
	buf, bits := 0, 0
	for _, c := range data {
		n := -1
		for i := 0; i < len(alphabet); i++ {
			if uint16(alphabet[i]) == c {
				n = i
			}
		}
		if n < 0 {
			return nil, false
		}
		buf = buf<<6 | n
		bits += 6
		if bits == 24 {
			out = append(out, byte(buf>>16), byte(buf>>8), byte(buf))
			buf, bits = 0, 0
		}
	}
	switch bits {
	case 12:
		out = append(out, byte(buf>>4))
	case 18:
		out = append(out, byte(buf>>10), byte(buf>>2))
	}
	return out, true
}

func FuzzAtob(f *testing.F) {
	for _, s := range []string{"", "Zg==", "Zm9v", " Zm 9v\n", "Zh==", "Zg", "Z", "Zg=", "Zg= =", "-_", "\u00e9", "=", "a==="} {
		f.Add(s)
	}
	vm := newVM(f)
	atob, _ := goja.AssertFunction(vm.Get("atob"))
	btoa, _ := goja.AssertFunction(vm.Get("btoa"))
	f.Fuzz(func(t *testing.T, s string) {
		in := goja.StringFromUTF16(utf16.Encode([]rune(s)))
		want, ok := refAtob(codeUnits(in))
		got, err := atob(goja.Undefined(), in)
		if !ok {
			var ex *goja.Exception
			if !errors.As(err, &ex) || ex.Value().ToObject(vm).Get("name").String() != "InvalidCharacterError" {
				t.Fatalf("atob(%q): want InvalidCharacterError, got %v, %v", s, got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("atob(%q): %v", s, err)
		}
		wantUnits := make([]uint16, len(want))
		for i, b := range want {
			wantUnits[i] = uint16(b)
		}
		if g := codeUnits(got); !equalUnits(g, wantUnits) {
			t.Fatalf("atob(%q) = %x, want %x", s, g, wantUnits)
		}
		// btoa(atob(x)) re-encodes canonically and decodes to the same bytes.
		enc, err := btoa(goja.Undefined(), got)
		if err != nil {
			t.Fatalf("btoa: %v", err)
		}
		back, err := atob(goja.Undefined(), enc)
		if err != nil || !equalUnits(codeUnits(back), wantUnits) {
			t.Fatalf("round trip of %q failed: %v", s, err)
		}
	})
}
