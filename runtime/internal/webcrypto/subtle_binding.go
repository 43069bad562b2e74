package webcrypto

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// cryptoKey is the Go state of a CryptoKey object. Like workerd's, its type, extractable,
// algorithm and usages are own, enumerable, read-only properties of the instance (so
// JSON.stringify(key) shows them), not prototype accessors; algorithm and usages are created
// once, so key.algorithm === key.algorithm.
type cryptoKey struct {
	jsutil.Expando
	key         *Key
	algorithm   goja.Value
	usages      goja.Value
	typ         goja.Value
	extractable goja.Value
}

var keyProps = []string{"usages", "algorithm", "extractable", "type"}

func (k *cryptoKey) own(name string) goja.Value {
	switch name {
	case "usages":
		return k.usages
	case "algorithm":
		return k.algorithm
	case "extractable":
		return k.extractable
	case "type":
		return k.typ
	}
	return nil
}

// Get implements goja.DynamicObject.
func (k *cryptoKey) Get(name string) goja.Value {
	if v := k.own(name); v != nil {
		return v
	}
	return k.Expando.Get(name)
}

// Set implements goja.DynamicObject; the key's own properties are read-only.
func (k *cryptoKey) Set(name string, v goja.Value) bool {
	if k.own(name) != nil {
		return false
	}
	return k.Expando.Set(name, v)
}

// Has implements goja.DynamicObject.
func (k *cryptoKey) Has(name string) bool { return k.own(name) != nil || k.Expando.Has(name) }

// Delete implements goja.DynamicObject.
func (k *cryptoKey) Delete(name string) bool {
	if k.own(name) != nil {
		return false
	}
	return k.Expando.Delete(name)
}

// Keys implements goja.DynamicObject.
func (k *cryptoKey) Keys() []string {
	return append(append([]string(nil), keyProps...), k.Expando.Keys()...)
}

// wrapKey returns a new CryptoKey object for key.
func (a *api) wrapKey(key *Key) goja.Value {
	vm := a.vm
	alg := vm.NewObject()
	ka := key.Algorithm
	_ = alg.Set("name", ka.Name)
	if ka.NamedCurve != "" {
		_ = alg.Set("namedCurve", ka.NamedCurve)
	}
	if ka.ModulusLength != 0 {
		_ = alg.Set("modulusLength", ka.ModulusLength)
		_ = alg.Set("publicExponent", jsutil.NewUint8Array(vm, append([]byte(nil), ka.PublicExponent...)))
	}
	if ka.Hash != "" {
		h := vm.NewObject()
		_ = h.Set("name", ka.Hash)
		_ = alg.Set("hash", h)
	}
	if ka.Length != 0 {
		_ = alg.Set("length", ka.Length)
	}
	names := key.Usages.Names()
	usages := make([]any, len(names))
	for i, n := range names {
		usages[i] = n
	}
	return a.key.Wrap(&cryptoKey{
		key: key, algorithm: alg, usages: vm.NewArray(usages...),
		typ: vm.ToValue(string(key.Type)), extractable: vm.ToValue(key.Extractable),
	})
}

// jsParams reads an algorithm dictionary (Params) from a JS value.
type jsParams struct {
	a    *api
	obj  *goja.Object // nil for a string identifier
	name string
}

func (a *api) params(v goja.Value) *jsParams {
	p := &jsParams{a: a}
	switch v := v.(type) {
	case *goja.Object:
		p.obj = v
		if n := v.Get("name"); n != nil && !goja.IsUndefined(n) {
			p.name = n.String()
		}
	default:
		if v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
			p.name = v.String()
		}
	}
	return p
}

func (p *jsParams) member(name string) goja.Value {
	if p.obj == nil {
		return nil
	}
	v := p.obj.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	return v
}

func (p *jsParams) wrongType(member, typ string) {
	jsutil.Throw(p.a.vm, "TypeError", fmt.Sprintf("Incorrect type for the '%s' field on 'Algorithm': the provided value is not of type '%s'.", member, typ))
}

// Name implements Params.
func (p *jsParams) Name() string { return p.name }

// Bytes implements Params; the bytes are a copy.
func (p *jsParams) Bytes(member string) ([]byte, bool) {
	v := p.member(member)
	if v == nil {
		return nil, false
	}
	b, ok := jsutil.Bytes(p.a.vm, v)
	if !ok {
		p.wrongType(member, "BufferSource")
	}
	return append([]byte{}, b...), true
}

// Int implements Params.
func (p *jsParams) Int(member string) (int, bool) {
	v := p.member(member)
	if v == nil {
		return 0, false
	}
	return p.a.toInt(v, fmt.Sprintf("The '%s' field", member)), true
}

// Hash implements Params.
func (p *jsParams) Hash(member string) (string, bool) {
	v := p.member(member)
	if v == nil {
		return "", false
	}
	return p.a.params(v).name, true
}

// String implements Params.
func (p *jsParams) String(member string) (string, bool) {
	v := p.member(member)
	if v == nil {
		return "", false
	}
	return v.String(), true
}

// Key implements Params.
func (p *jsParams) Key(member string) (*Key, bool) {
	v := p.member(member)
	if v == nil {
		return nil, false
	}
	k, ok := p.a.key.Unwrap(v)
	if !ok {
		jsutil.Throw(p.a.vm, "TypeError", fmt.Sprintf("Incorrect type for the '%s' field on 'DeriveKeyAlgorithm': the provided value is not of type 'CryptoKey'.", member))
	}
	return k.key, true
}

// args converts a SubtleCrypto method's arguments, throwing workerd's TypeErrors.
type args struct {
	a      *api
	method string
	call   goja.FunctionCall
}

func (g args) fail(i int, typ string) {
	jsutil.Throw(g.a.vm, "TypeError", fmt.Sprintf("Failed to execute '%s' on 'SubtleCrypto': parameter %d is not of type '%s'.", g.method, i+1, typ))
}

// bytes reads a BufferSource argument (copied, as the spec requires).
func (g args) bytes(i int) []byte {
	b, ok := jsutil.Bytes(g.a.vm, g.call.Argument(i))
	if !ok {
		g.fail(i, "BufferSource")
	}
	return append([]byte{}, b...)
}

func (g args) key(i int) *Key {
	k, ok := g.a.key.Unwrap(g.call.Argument(i))
	if !ok {
		g.fail(i, "CryptoKey")
	}
	return k.key
}

func (g args) usages(i int) []string {
	o, ok := g.call.Argument(i).(*goja.Object)
	if !ok || o.ClassName() != "Array" {
		g.fail(i, "Array")
	}
	n := int(o.Get("length").ToInteger())
	out := make([]string, n)
	for j := range out {
		out[j] = o.Get(fmt.Sprint(j)).String()
	}
	return out
}

func (g args) params(i int) *jsParams { return g.a.params(g.call.Argument(i)) }
func (g args) bool(i int) bool        { return g.call.Argument(i).ToBoolean() }
func (g args) string(i int) string    { return g.call.Argument(i).String() }

// importData reads the keyData argument of importKey: a JWK object for "jwk", bytes otherwise.
func (g args) importData(format string, i int) ([]byte, *JWK) {
	v := g.call.Argument(i)
	b, isBytes := jsutil.Bytes(g.a.vm, v)
	if format != "jwk" {
		if !isBytes {
			jsutil.Throw(g.a.vm, "TypeError", "Import data provided for buffer-based import formats must be a buffer source.")
		}
		return append([]byte{}, b...), nil
	}
	if _, isObj := v.(*goja.Object); !isObj || isBytes {
		jsutil.Throw(g.a.vm, "TypeError", "Import data provided for \"jwk\" import format must be a JsonWebKey.")
	}
	s, err := g.a.json.stringify(goja.Undefined(), v)
	if err != nil {
		panic(err)
	}
	j, jerr := ParseJWK([]byte(s.String()))
	if jerr != nil {
		panic(g.a.errorValue(jerr))
	}
	return nil, j
}

// defineSubtle defines SubtleCrypto's methods. Every method returns a promise and reports
// every error, argument conversion included, by rejecting it; like workerd's, their length
// is 0.
func (a *api) defineSubtle(c *jsutil.Class[*subtleState]) {
	method := func(name string, fn func(g args) goja.Value) {
		c.Method(name, 0, func(_ *subtleState, call goja.FunctionCall) (out goja.Value) {
			if ex := a.vm.Try(func() { out = fn(args{a, name, call}) }); ex != nil {
				return a.rejected(ex.Value())
			}
			return out
		})
	}
	method("digest", func(g args) goja.Value {
		p, data := g.params(0), g.bytes(1)
		return a.settle(Digest(p, data))
	})
	method("encrypt", func(g args) goja.Value {
		p, k, data := g.params(0), g.key(1), g.bytes(2)
		return a.settle(Encrypt(p, k, data))
	})
	method("decrypt", func(g args) goja.Value {
		p, k, data := g.params(0), g.key(1), g.bytes(2)
		return a.settle(Decrypt(p, k, data))
	})
	method("sign", func(g args) goja.Value {
		p, k, data := g.params(0), g.key(1), g.bytes(2)
		return a.settle(Sign(p, k, data))
	})
	method("verify", func(g args) goja.Value {
		p, k, sig, data := g.params(0), g.key(1), g.bytes(2), g.bytes(3)
		return a.settle(Verify(p, k, sig, data))
	})
	method("generateKey", func(g args) goja.Value {
		p, ext, usages := g.params(0), g.bool(1), g.usages(2)
		if GeneratesSecret(p.Name()) {
			a.host.CheckRequestContext()
		}
		return a.settle(GenerateKey(p, ext, usages))
	})
	method("importKey", func(g args) goja.Value {
		format := g.string(0)
		if err := checkImportFormat(format); err != nil {
			return a.rejected(a.errorValue(err))
		}
		data, jwk := g.importData(format, 1)
		p, ext, usages := g.params(2), g.bool(3), g.usages(4)
		k, err := ImportKey(format, data, jwk, p, ext, usages)
		if err != nil {
			return a.rejected(a.errorValue(err))
		}
		return a.resolved(a.wrapKey(k))
	})
	method("exportKey", func(g args) goja.Value {
		format, k := g.string(0), g.key(1)
		v, err := ExportKey(format, k)
		if err != nil {
			return a.rejected(a.errorValue(err))
		}
		return a.resolved(a.result(v))
	})
	method("deriveBits", func(g args) goja.Value {
		p, k := g.params(0), g.key(1)
		length, hasLength := 0, false
		if v := g.call.Argument(2); !goja.IsUndefined(v) && !goja.IsNull(v) {
			length, hasLength = a.toInt(v, "The length"), true
		}
		return a.settle(DeriveBits(p, k, length, hasLength))
	})
	method("deriveKey", func(g args) goja.Value {
		p, k, derived, ext, usages := g.params(0), g.key(1), g.params(2), g.bool(3), g.usages(4)
		return a.settle(DeriveKey(p, k, derived, ext, usages))
	})
	method("wrapKey", func(g args) goja.Value {
		format, k, wrapping, p := g.string(0), g.key(1), g.key(2), g.params(3)
		return a.settle(WrapKey(format, k, wrapping, p))
	})
	method("unwrapKey", func(g args) goja.Value {
		format, wrapped, unwrapping := g.string(0), g.bytes(1), g.key(2)
		p, keyAlg, ext, usages := g.params(3), g.params(4), g.bool(5), g.usages(6)
		return a.settle(UnwrapKey(format, wrapped, unwrapping, p, keyAlg, ext, usages))
	})
	c.Method("timingSafeEqual", 2, func(_ *subtleState, call goja.FunctionCall) goja.Value {
		g := args{a, "timingSafeEqual", call}
		x, y := g.bytes(0), g.bytes(1)
		eq, err := TimingSafeEqual(x, y)
		if err != nil {
			panic(a.errorValue(err))
		}
		return a.vm.ToValue(eq)
	})
}
