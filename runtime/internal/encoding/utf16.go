package encoding

// utf16Decoder is the Encoding Standard's shared UTF-16 decoder
// (https://encoding.spec.whatwg.org/#shared-utf-16-decoder), for UTF-16LE and UTF-16BE. It
// produces UTF-16 code units directly, so the result becomes a JS string without conversion.
type utf16Decoder struct {
	bigEndian     bool
	haveLeadByte  bool
	leadByte      byte
	leadSurrogate uint16 // 0 when there is none
}

func (d *utf16Decoder) pending() bool { return d.haveLeadByte || d.leadSurrogate != 0 }

func (d *utf16Decoder) reset() {
	d.haveLeadByte, d.leadByte, d.leadSurrogate = false, 0, 0
}

// decode appends the code units decoded from in to out; see utf8Decoder.decode.
func (d *utf16Decoder) decode(out []uint16, in []byte, flush, fatal bool) (_ []uint16, ok bool) {
	for _, b := range in {
		if !d.haveLeadByte {
			d.haveLeadByte, d.leadByte = true, b
			continue
		}
		var cu uint16
		if d.bigEndian {
			cu = uint16(d.leadByte)<<8 | uint16(b)
		} else {
			cu = uint16(b)<<8 | uint16(d.leadByte)
		}
		d.haveLeadByte = false
		if d.leadSurrogate != 0 {
			lead := d.leadSurrogate
			d.leadSurrogate = 0
			if isTrail(cu) {
				out = append(out, lead, cu)
				continue
			}
			// The lead surrogate is an error; cu is processed afresh.
			if fatal {
				return out, false
			}
			out = append(out, 0xFFFD)
		}
		switch {
		case isLead(cu):
			d.leadSurrogate = cu
		case isTrail(cu):
			if fatal {
				return out, false
			}
			out = append(out, 0xFFFD)
		default:
			out = append(out, cu)
		}
	}
	if flush && d.pending() {
		d.reset()
		if fatal {
			return out, false
		}
		out = append(out, 0xFFFD)
	}
	return out, true
}
