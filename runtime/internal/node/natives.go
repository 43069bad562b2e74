package node

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"math/big"
	"unicode/utf8"

	"github.com/dop251/goja"

	enc "github.com/edgeruntime/edge/runtime/internal/encoding"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// natives is the object of Go functions the JS modules receive as `native`; user code never
// sees it.
func (r *Registry) natives() *goja.Object {
	if r.native != nil {
		return r.native
	}
	vm := r.vm
	o := vm.NewObject()
	fn := func(name string, f func(call goja.FunctionCall) goja.Value) {
		_ = o.Set(name, jsutil.Func(vm, name, 0, f))
	}
	fn("decode", func(call goja.FunctionCall) goja.Value {
		return jsutil.NewUint8Array(vm, decodeString(call.Argument(0).ToString().(goja.String), call.Argument(1).String()))
	})
	fn("encode", func(call goja.FunctionCall) goja.Value {
		return encodeBytes(vm, r.bytes(call.Argument(0)), call.Argument(1).String())
	})
	fn("byteLength", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(byteLength(call.Argument(0).ToString().(goja.String), call.Argument(1).String()))
	})
	fn("truncate", func(call goja.FunctionCall) goja.Value {
		b := r.bytes(call.Argument(0))
		n := int(call.Argument(1).ToInteger())
		switch call.Argument(2).String() {
		case "utf8":
			for n > 0 && n < len(b) && !utf8.RuneStart(b[n]) {
				n--
			}
		case "utf16le":
			n &^= 1
		}
		return jsutil.NewUint8Array(vm, b[:n])
	})
	fn("compare", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(bytes.Compare(r.bytes(call.Argument(0)), r.bytes(call.Argument(1))))
	})
	fn("indexOf", func(call goja.FunctionCall) goja.Value {
		hay, needle := r.bytes(call.Argument(0)), r.bytes(call.Argument(1))
		from := int(call.Argument(2).ToInteger())
		if call.Argument(3).ToBoolean() {
			if from > len(hay) {
				return vm.ToValue(-1)
			}
			if i := bytes.Index(hay[from:], needle); i >= 0 {
				return vm.ToValue(from + i)
			}
			return vm.ToValue(-1)
		}
		end := min(from+len(needle), len(hay))
		return vm.ToValue(bytes.LastIndex(hay[:end], needle))
	})
	fn("isUtf8", func(call goja.FunctionCall) goja.Value { return vm.ToValue(utf8.Valid(r.bytes(call.Argument(0)))) })
	fn("hashNew", func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		newHash, ok := hashes[name]
		if !ok {
			jsutil.Throw(vm, "Error", "Digest method not supported")
		}
		key := call.Argument(1)
		if goja.IsUndefined(key) {
			return vm.ToValue(&hashState{h: newHash()})
		}
		return vm.ToValue(&hashState{h: hmac.New(newHash, bytes.Clone(r.bytes(key)))})
	})
	fn("hashUpdate", func(call goja.FunctionCall) goja.Value {
		r.hash(call.Argument(0)).h.Write(r.bytes(call.Argument(1)))
		return goja.Undefined()
	})
	fn("hashDigest", func(call goja.FunctionCall) goja.Value {
		return jsutil.NewUint8Array(vm, r.hash(call.Argument(0)).h.Sum(nil))
	})
	fn("hashCopy", func(call goja.FunctionCall) goja.Value {
		h := r.hash(call.Argument(0)).h
		m, ok := h.(encoding.BinaryMarshaler)
		if !ok {
			jsutil.Throw(vm, "Error", "hash cannot be copied")
		}
		state, _ := m.MarshalBinary()
		var c hash.Hash
		for _, newHash := range hashes {
			if c = newHash(); c.Size() == h.Size() && c.BlockSize() == h.BlockSize() {
				if err := c.(encoding.BinaryUnmarshaler).UnmarshalBinary(state); err == nil {
					return vm.ToValue(&hashState{h: c})
				}
			}
		}
		jsutil.Throw(vm, "Error", "hash cannot be copied")
		return nil
	})
	fn("randomFill", func(call goja.FunctionCall) goja.Value {
		r.host.CheckRequestContext()
		_, _ = rand.Read(r.bytes(call.Argument(0)))
		return goja.Undefined()
	})
	fn("randomInt", func(call goja.FunctionCall) goja.Value {
		r.host.CheckRequestContext()
		lo, hi := call.Argument(0).ToInteger(), call.Argument(1).ToInteger()
		n, _ := rand.Int(rand.Reader, big.NewInt(hi-lo))
		return vm.ToValue(lo + n.Int64())
	})
	fn("timingSafeEqual", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(subtle.ConstantTimeCompare(r.bytes(call.Argument(0)), r.bytes(call.Argument(1))) == 1)
	})
	fn("promiseState", func(call goja.FunctionCall) goja.Value {
		p, ok := call.Argument(0).Export().(*goja.Promise)
		if !ok {
			return vm.NewArray("pending", goja.Undefined())
		}
		switch p.State() {
		case goja.PromiseStateFulfilled:
			return vm.NewArray("fulfilled", p.Result())
		case goja.PromiseStateRejected:
			return vm.NewArray("rejected", p.Result())
		}
		return vm.NewArray("pending", goja.Undefined())
	})
	fn("getContext", func(goja.FunctionCall) goja.Value {
		if r.asyncCtx == nil {
			return goja.Undefined()
		}
		return r.asyncCtx
	})
	fn("setContext", func(call goja.FunctionCall) goja.Value {
		if v := call.Argument(0); goja.IsUndefined(v) {
			r.asyncCtx = nil
		} else {
			r.asyncCtx = v
		}
		return goja.Undefined()
	})
	fn("processEnv", func(goja.FunctionCall) goja.Value {
		env := vm.NewObject()
		for k, v := range r.host.ProcessEnv() {
			_ = env.Set(k, v)
		}
		return env
	})
	fn("require", func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		if gate, ok := Lookup(name); !ok || gate == GateInternal {
			return goja.Undefined()
		}
		return r.Require(name)
	})
	_ = o.Set("nodeVersion", r.opts.NodeVersion)
	r.native = o
	return o
}

func (r *Registry) bytes(v goja.Value) []byte {
	b, ok := jsutil.Bytes(r.vm, v)
	if !ok {
		jsutil.Throw(r.vm, "TypeError", "expected a buffer")
	}
	return b
}

type hashState struct{ h hash.Hash }

func (r *Registry) hash(v goja.Value) *hashState {
	h, ok := v.Export().(*hashState)
	if !ok {
		jsutil.Throw(r.vm, "TypeError", "not a hash")
	}
	return h
}

// hashes are the digests createHash and createHmac accept (OpenSSL's names, lower case).
var hashes = map[string]func() hash.Hash{
	"md5":        md5.New,
	"sha1":       sha1.New,
	"sha224":     sha256.New224,
	"sha256":     sha256.New,
	"sha384":     sha512.New384,
	"sha512":     sha512.New,
	"sha512-224": sha512.New512_224,
	"sha512-256": sha512.New512_256,
}

// decodeString turns a JS string into bytes in one of Buffer's encodings (normalised names).
// Like Node, base64 skips characters outside the alphabet and stops at "=", and hex stops at
// the first pair that is not hex.
func decodeString(s goja.String, encoding string) []byte {
	switch encoding {
	case "hex":
		u := enc.CodeUnits(s)
		out := make([]byte, 0, len(u)/2)
		for i := 0; i+1 < len(u); i += 2 {
			hi, ok1 := fromHex(u[i])
			lo, ok2 := fromHex(u[i+1])
			if !ok1 || !ok2 {
				break
			}
			out = append(out, hi<<4|lo)
		}
		return out
	case "base64", "base64url":
		u := enc.CodeUnits(s)
		clean := make([]byte, 0, len(u))
		for _, c := range u {
			switch {
			case c == '=':
				goto done
			case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				clean = append(clean, byte(c))
			case c == '+' || c == '-':
				clean = append(clean, '+')
			case c == '/' || c == '_':
				clean = append(clean, '/')
			}
		}
	done:
		if len(clean)%4 == 1 {
			clean = clean[:len(clean)-1]
		}
		out, _ := base64.RawStdEncoding.DecodeString(string(clean))
		return out
	case "latin1", "ascii":
		u := enc.CodeUnits(s)
		out := make([]byte, len(u))
		for i, c := range u {
			out[i] = byte(c)
		}
		return out
	case "utf16le":
		u := enc.CodeUnits(s)
		out := make([]byte, 2*len(u))
		for i, c := range u {
			out[2*i], out[2*i+1] = byte(c), byte(c>>8)
		}
		return out
	}
	return enc.UTF8(s)
}

func fromHex(c uint16) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return byte(c - '0'), true
	case c >= 'a' && c <= 'f':
		return byte(c - 'a' + 10), true
	case c >= 'A' && c <= 'F':
		return byte(c - 'A' + 10), true
	}
	return 0, false
}

func encodeBytes(vm *goja.Runtime, b []byte, encoding string) goja.Value {
	switch encoding {
	case "hex":
		return vm.ToValue(hex.EncodeToString(b))
	case "base64":
		return vm.ToValue(base64.StdEncoding.EncodeToString(b))
	case "base64url":
		return vm.ToValue(base64.RawURLEncoding.EncodeToString(b))
	case "latin1":
		return enc.Latin1String(vm, b)
	case "ascii":
		a := make([]byte, len(b))
		for i, c := range b {
			a[i] = c & 0x7f
		}
		return vm.ToValue(string(a))
	case "utf16le":
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return goja.StringFromUTF16(u)
	}
	return vm.ToValue(enc.DecodeUTF8(b))
}

func byteLength(s goja.String, encoding string) int {
	n := s.Length()
	switch encoding {
	case "hex":
		return n / 2
	case "base64", "base64url":
		if n > 0 && s.CharAt(n-1) == '=' {
			n--
		}
		if n > 0 && s.CharAt(n-1) == '=' {
			n--
		}
		return n * 3 / 4
	case "latin1", "ascii":
		return n
	case "utf16le":
		return 2 * n
	}
	return len(enc.UTF8(s))
}
