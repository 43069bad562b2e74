package encoding

import (
	"bytes"
	"errors"
	"unicode/utf8"

	xenc "golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

type decoderKind int

const (
	kindUTF8 decoderKind = iota
	kindUTF16LE
	kindUTF16BE
	kindSingleByte // table lookup for bytes 0x80–0xFF
	kindTransform  // an x/text decoder (the CJK encodings)
)

// encodingInfo describes one WHATWG encoding as TextDecoder uses it.
type encodingInfo struct {
	name  string // canonical lowercase name, the value of TextDecoder.encoding
	kind  decoderKind
	table *[128]uint16 // kindSingleByte: code unit per byte 0x80+i; 0xFFFD means error
	enc   xenc.Encoding
}

// lookupEncoding implements "get an encoding" (https://encoding.spec.whatwg.org/#concept-encoding-get)
// and rejects "replacement", as TextDecoder's constructor must.
func (r *realm) lookupEncoding(label string) (*encodingInfo, bool) {
	label, ok := normalizeLabel(label)
	if !ok {
		return nil, false
	}
	if info, ok := r.encodings[label]; ok {
		return info, true
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, false
	}
	name, err := htmlindex.Name(enc)
	if err != nil || name == "replacement" {
		return nil, false
	}
	info := &encodingInfo{name: name, enc: enc}
	switch cm, isCharmap := enc.(*charmap.Charmap); {
	case name == "utf-8":
		info.kind = kindUTF8
	case name == "utf-16le":
		info.kind = kindUTF16LE
	case name == "utf-16be":
		info.kind = kindUTF16BE
	case isCharmap:
		info.kind = kindSingleByte
		info.table = singleByteTable(cm)
	default:
		info.kind = kindTransform
	}
	r.encodings[label] = info
	return info, true
}

// normalizeLabel strips ASCII whitespace and lowercases ASCII letters. Labels are ASCII, so
// anything else cannot match (x/text would trim and fold Unicode, which the spec does not).
func normalizeLabel(s string) (string, bool) {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	b := []byte(s)
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return "", false
		}
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b), true
}

// singleByteTable builds the decode table for bytes 0x80–0xFF. x/text maps the bytes that the
// WHATWG indexes map to C1 controls (0x80–0x9F) to U+FFFD instead; the spec maps byte 0x80+n
// to U+0080+n in every such case, so that is restored here.
func singleByteTable(cm *charmap.Charmap) *[128]uint16 {
	var t [128]uint16
	for i := range t {
		b := byte(0x80 + i)
		r := cm.DecodeByte(b)
		if r == utf8.RuneError && b < 0xA0 {
			r = rune(b)
		}
		t[i] = uint16(r) // single-byte encodings only map into the BMP
	}
	return &t
}

// decodeSingleByte appends the decoding of in to out.
func decodeSingleByte(out []uint16, in []byte, t *[128]uint16, fatal bool) ([]uint16, bool) {
	for _, b := range in {
		if b < 0x80 {
			out = append(out, uint16(b))
			continue
		}
		cu := t[b-0x80]
		if cu == 0xFFFD && fatal {
			return out, false
		}
		out = append(out, cu)
	}
	return out, true
}

// transformDecoder streams through an x/text decoder, keeping input bytes that end in the
// middle of a sequence for the next call.
type transformDecoder struct {
	t       transform.Transformer
	pending []byte
}

func (d *transformDecoder) reset() {
	d.t.Reset()
	d.pending = d.pending[:0]
}

func (d *transformDecoder) decode(in []byte, flush, fatal bool) ([]byte, bool) {
	src := in
	if len(d.pending) > 0 {
		src = append(append([]byte(nil), d.pending...), in...)
		d.pending = d.pending[:0]
	}
	dst := make([]byte, 2*len(src)+8)
	w := 0
	for {
		nDst, nSrc, err := d.t.Transform(dst[w:], src, flush)
		w += nDst
		src = src[nSrc:]
		if errors.Is(err, transform.ErrShortDst) {
			dst = append(dst, make([]byte, len(dst)+8)...)
			continue
		}
		if errors.Is(err, transform.ErrShortSrc) && !flush {
			d.pending = append(d.pending, src...) // copy: src may alias JS memory
		}
		break
	}
	if flush {
		d.reset()
	}
	out := dst[:w]
	if fatal && bytes.Contains(out, []byte("\uFFFD")) {
		d.reset()
		return nil, false
	}
	return out, true
}
