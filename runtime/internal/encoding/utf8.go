package encoding

import (
	"unicode/utf8"

	"github.com/dop251/goja"
)

// utf8Decoder is the Encoding Standard's UTF-8 decoder
// (https://encoding.spec.whatwg.org/#utf-8-decoder) with its state kept between calls so a
// streaming TextDecoder can resume in the middle of a sequence.
type utf8Decoder struct {
	needed, seen int
	cp           rune
	lower, upper byte
}

func (d *utf8Decoder) pending() bool { return d.needed != 0 }

func (d *utf8Decoder) reset() { *d = utf8Decoder{} }

// decode appends the UTF-8 decoding of in to out. flush marks the end of the stream. In fatal
// mode it stops at the first error and returns ok=false; otherwise every error becomes one
// U+FFFD.
func (d *utf8Decoder) decode(out, in []byte, flush, fatal bool) (_ []byte, ok bool) {
	for i := 0; i < len(in); {
		b := in[i]
		if d.needed == 0 {
			if b < utf8.RuneSelf {
				// ASCII run.
				j := i + 1
				for j < len(in) && in[j] < utf8.RuneSelf {
					j++
				}
				out = append(out, in[i:j]...)
				i = j
				continue
			}
			// A complete, valid sequence is copied as is. Go's notion of validity (no
			// overlongs, no surrogates, nothing above U+10FFFF) is the spec's.
			if r, size := utf8.DecodeRune(in[i:]); r != utf8.RuneError || size > 1 {
				out = append(out, in[i:i+size]...)
				i += size
				continue
			}
			// Invalid or truncated: run the spec's state machine from here.
			i++
			d.lower, d.upper = 0x80, 0xBF
			switch {
			case b >= 0xC2 && b <= 0xDF:
				d.needed, d.cp = 1, rune(b&0x1F)
			case b >= 0xE0 && b <= 0xEF:
				if b == 0xE0 {
					d.lower = 0xA0
				} else if b == 0xED {
					d.upper = 0x9F
				}
				d.needed, d.cp = 2, rune(b&0x0F)
			case b >= 0xF0 && b <= 0xF4:
				if b == 0xF0 {
					d.lower = 0x90
				} else if b == 0xF4 {
					d.upper = 0x8F
				}
				d.needed, d.cp = 3, rune(b&0x07)
			default:
				if fatal {
					return out, false
				}
				out = append(out, "\uFFFD"...)
			}
			continue
		}
		if b < d.lower || b > d.upper {
			// The byte is not consumed: it starts the next sequence.
			d.reset()
			if fatal {
				return out, false
			}
			out = append(out, "\uFFFD"...)
			continue
		}
		i++
		d.lower, d.upper = 0x80, 0xBF
		d.cp = d.cp<<6 | rune(b&0x3F)
		d.seen++
		if d.seen == d.needed {
			out = utf8.AppendRune(out, d.cp)
			d.reset()
		}
	}
	if flush && d.needed != 0 {
		d.reset()
		if fatal {
			return out, false
		}
		out = append(out, "\uFFFD"...)
	}
	return out, true
}

// utf8Encode returns the UTF-8 encoding of a JS string, with lone surrogates replaced by
// U+FFFD (the USVString conversion followed by UTF-8 encode).
func utf8Encode(s goja.String) []byte {
	str, u, ascii := stringData(s)
	if ascii {
		return []byte(str)
	}
	return utf16ToUTF8(u)
}

// utf8Len is the length of the UTF-8 encoding of u (lone surrogates count as U+FFFD).
func utf8Len(u []uint16) int {
	size := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c < 0x80:
			size++
		case c < 0x800:
			size += 2
		case isLead(c) && i+1 < len(u) && isTrail(u[i+1]):
			size += 4
			i++
		default:
			size += 3
		}
	}
	return size
}

func utf16ToUTF8(u []uint16) []byte {
	out := make([]byte, utf8Len(u))
	w := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c < 0x80:
			out[w] = byte(c)
			w++
		case c < 0x800:
			out[w] = 0xC0 | byte(c>>6)
			out[w+1] = 0x80 | byte(c&0x3F)
			w += 2
		case isLead(c) && i+1 < len(u) && isTrail(u[i+1]):
			r := 0x10000 + (rune(c)-0xD800)<<10 + (rune(u[i+1]) - 0xDC00)
			out[w] = 0xF0 | byte(r>>18)
			out[w+1] = 0x80 | byte(r>>12&0x3F)
			out[w+2] = 0x80 | byte(r>>6&0x3F)
			out[w+3] = 0x80 | byte(r&0x3F)
			w += 4
			i++
		default:
			if isLead(c) || isTrail(c) {
				c = 0xFFFD
			}
			out[w] = 0xE0 | byte(c>>12)
			out[w+1] = 0x80 | byte(c>>6&0x3F)
			out[w+2] = 0x80 | byte(c&0x3F)
			w += 3
		}
	}
	return out
}

// utf8EncodeInto writes as much of s as fits into dst without splitting a character and
// returns the UTF-16 code units read and bytes written.
func utf8EncodeInto(s goja.String, dst []byte) (read, written int) {
	str, u, ascii := stringData(s)
	if ascii {
		n := copy(dst, str)
		return n, n
	}
	for read < len(u) {
		c := u[read]
		if c < 0x80 {
			if written == len(dst) {
				break
			}
			dst[written] = byte(c)
			written++
			read++
			continue
		}
		r, units := rune(c), 1
		switch {
		case isLead(c) && read+1 < len(u) && isTrail(u[read+1]):
			r = 0x10000 + (rune(c)-0xD800)<<10 + (rune(u[read+1]) - 0xDC00)
			units = 2
		case isLead(c) || isTrail(c):
			r = utf8.RuneError
		}
		if utf8.RuneLen(r) > len(dst)-written {
			break
		}
		written += utf8.EncodeRune(dst[written:], r)
		read += units
	}
	return read, written
}

func isLead(c uint16) bool  { return c >= 0xD800 && c <= 0xDBFF }
func isTrail(c uint16) bool { return c >= 0xDC00 && c <= 0xDFFF }

// DecodeUTF8 decodes bytes as Body.text() does in workerd: each maximal invalid subsequence
// becomes one U+FFFD (as V8 does), and a leading BOM is kept (workerd keeps it).
func DecodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var d utf8Decoder
	out, _ := d.decode(make([]byte, 0, len(b)+8), b, true, false)
	return string(out)
}
