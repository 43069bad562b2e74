package encoding

import (
	"bytes"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// textDecoder is the Go state of a TextDecoder (https://encoding.spec.whatwg.org/#textdecoder).
type textDecoder struct {
	jsutil.Expando
	info      *encodingInfo
	fatal     bool
	ignoreBOM bool

	// Stream state, reset whenever a decode call starts with doNotFlush false.
	doNotFlush bool
	bomSeen    bool
	u8         utf8Decoder
	u16        utf16Decoder
	tr         *transformDecoder
}

func (r *realm) installTextDecoder(global *goja.Object) {
	vm := r.vm
	c := jsutil.NewClass(vm, "TextDecoder", 0, func(call goja.ConstructorCall) *textDecoder {
		label := "utf-8"
		if v := call.Argument(0); !goja.IsUndefined(v) {
			label = toJSString(vm, v).String()
		}
		opts := dictionary(vm, call.Argument(1), "Failed to construct 'TextDecoder': The provided options")
		fatal := boolMember(opts, "fatal")
		ignoreBOM := boolMember(opts, "ignoreBOM")
		info, ok := r.lookupEncoding(label)
		if !ok {
			// workerd's wording.
			jsutil.Throw(vm, "RangeError", `"`+label+`" is not a valid encoding.`)
		}
		d := &textDecoder{info: info, fatal: fatal, ignoreBOM: ignoreBOM}
		d.u16.bigEndian = info.kind == kindUTF16BE
		if info.kind == kindTransform {
			d.tr = &transformDecoder{t: info.enc.NewDecoder()}
		}
		return d
	})
	c.Getter("encoding", func(d *textDecoder) goja.Value { return vm.ToValue(d.info.name) })
	c.Getter("fatal", func(d *textDecoder) goja.Value { return vm.ToValue(d.fatal) })
	c.Getter("ignoreBOM", func(d *textDecoder) goja.Value { return vm.ToValue(d.ignoreBOM) })
	c.Method("decode", 0, func(d *textDecoder, call goja.FunctionCall) goja.Value {
		var in []byte
		if v := call.Argument(0); !goja.IsUndefined(v) {
			b, ok := jsutil.Bytes(vm, v)
			if !ok {
				throwTypeError(vm, "Failed to execute 'decode' on 'TextDecoder': parameter 1 is not of type 'ArrayBuffer or ArrayBufferView'.")
			}
			in = b
		}
		opts := dictionary(vm, call.Argument(1), "Failed to execute 'decode' on 'TextDecoder': The provided options")
		stream := boolMember(opts, "stream")
		s, ok := d.decode(vm, in, stream)
		if !ok {
			throwTypeError(vm, "Failed to decode input.") // workerd's wording
		}
		return s
	})
	c.Install(global)
}

func (d *textDecoder) resetStream() {
	d.bomSeen = false
	d.u8.reset()
	d.u16.reset()
	if d.tr != nil {
		d.tr.reset()
	}
}

// decode runs TextDecoder's decode steps on in (which may alias JS memory and is not kept).
// ok is false on a fatal error.
func (d *textDecoder) decode(vm *goja.Runtime, in []byte, stream bool) (_ goja.Value, ok bool) {
	if !d.doNotFlush {
		d.resetStream()
	}
	d.doNotFlush = stream
	flush := !stream
	defer func() {
		if !ok { // start afresh after an error
			d.doNotFlush = false
			d.resetStream()
		}
	}()
	switch d.info.kind {
	case kindUTF8:
		out := in
		if d.u8.pending() || !utf8.Valid(in) {
			if out, ok = d.u8.decode(make([]byte, 0, len(in)+3), in, flush, d.fatal); !ok {
				return nil, false
			}
		}
		if d.checkBOM(len(out) > 0) && bytes.HasPrefix(out, []byte("\uFEFF")) {
			out = out[3:]
		}
		return vm.ToValue(string(out)), true
	case kindUTF16LE, kindUTF16BE:
		out, ok := d.u16.decode(make([]uint16, 0, len(in)/2+1), in, flush, d.fatal)
		if !ok {
			return nil, false
		}
		if d.checkBOM(len(out) > 0) && out[0] == 0xFEFF {
			out = out[1:]
		}
		return goja.StringFromUTF16(out), true
	case kindSingleByte:
		if isASCIIBytes(in) {
			return vm.ToValue(string(in)), true
		}
		out, ok := decodeSingleByte(make([]uint16, 0, len(in)), in, d.info.table, d.fatal)
		if !ok {
			return nil, false
		}
		return goja.StringFromUTF16(out), true
	default:
		out, ok := d.tr.decode(in, flush, d.fatal)
		if !ok {
			return nil, false
		}
		return vm.ToValue(string(out)), true
	}
}

// checkBOM implements the BOM step of "serialize I/O queue" for the Unicode encodings: it
// reports whether the first decoded code point should be dropped if it is U+FEFF.
func (d *textDecoder) checkBOM(haveOutput bool) bool {
	if d.ignoreBOM || d.bomSeen || !haveOutput {
		return false
	}
	d.bomSeen = true
	return true
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
