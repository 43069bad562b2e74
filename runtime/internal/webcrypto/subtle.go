package webcrypto

import (
	"crypto/subtle"
	"encoding/json"
	"strings"
)

// Op is a prepared operation: its arguments have been read, validated and copied, so Run may
// be called on any goroutine, once. Its result is []byte (an ArrayBuffer), bool, *Key,
// *KeyPair or *JWK.
type Op struct {
	run   func() (any, error)
	heavy bool
}

// Run performs the operation.
func (o Op) Run() (any, error) { return o.run() }

// Heavy reports whether the operation costs enough (RSA private-key operations and key
// generation, PBKDF2, big inputs) to be worth running off the event loop.
func (o Op) Heavy() bool { return o.heavy }

func light(f func() (any, error)) Op { return Op{run: f} }
func heavy(f func() (any, error)) Op { return Op{run: f, heavy: true} }

// bigInput is the input size above which hashing and symmetric ciphers leave the loop.
const bigInput = 1 << 20

func sized(n int, f func() (any, error)) Op { return Op{run: f, heavy: n > bigInput} }

// importFn finishes a key import once the algorithm's parameters have been read.
type importFn func(format string, data []byte, jwk *JWK, extractable bool, usages []string) (*Key, error)

// algorithm is one entry of the algorithm table: what it supports, by operation. A nil
// function means the operation is not supported. Key-based operations are only reached after
// checkOperation, so they check neither the key's algorithm nor its usages.
type algorithm struct {
	name       string
	generate   func(name string, p Params, extractable bool, usages []string) (Op, error)
	importKey  func(name string, p Params) (importFn, error)
	exportKey  func(format string, k *Key) (any, error)
	sign       func(p Params, k *Key, data []byte) (Op, error)
	verify     func(p Params, k *Key, sig, data []byte) (Op, error)
	encrypt    func(p Params, k *Key, data []byte) (Op, error)
	decrypt    func(p Params, k *Key, data []byte) (Op, error)
	deriveBits func(p Params, k *Key, length int, hasLength bool) (Op, error)
	wrap       func(k *Key, data []byte) (Op, error)
	unwrap     func(k *Key, data []byte) (Op, error)
	// keyLength is the "get key length" operation deriveKey needs for the derived key type.
	keyLength func(p Params) (int, error)
}

// algorithms is every algorithm edge supports except the digests (hash.go), looked up
// case-insensitively. The table follows Workers' list (developers.cloudflare.com
// runtime-apis/web-crypto), including the legacy NODE-ED25519.
var algorithms = []*algorithm{
	hmacAlgorithm,
	aesAlgorithm("AES-GCM", "GCM"), aesAlgorithm("AES-CBC", "CBC"), aesAlgorithm("AES-CTR", "CTR"),
	aesAlgorithm("AES-KW", "KW"),
	rsaAlgorithm("RSASSA-PKCS1-v1_5"), rsaAlgorithm("RSA-PSS"), rsaAlgorithm("RSA-OAEP"),
	ecAlgorithm("ECDSA"), ecAlgorithm("ECDH"),
	okpAlgorithm("Ed25519"), okpAlgorithm("NODE-ED25519"), okpAlgorithm("X25519"),
	pbkdf2Algorithm, hkdfAlgorithm,
}

func lookup(name string) *algorithm {
	for _, a := range algorithms {
		if equalFold(name, a.name) {
			return a
		}
	}
	return nil
}

// Digest is SubtleCrypto.digest.
func Digest(p Params, data []byte) (Op, error) {
	h, err := lookupHash(p.Name())
	if err != nil {
		return Op{}, err
	}
	return sized(len(data), func() (any, error) { return h.sum(data), nil }), nil
}

// Sign is SubtleCrypto.sign.
func Sign(p Params, k *Key, data []byte) (Op, error) {
	if err := checkOperation(p.Name(), k, UsageSign); err != nil {
		return Op{}, err
	}
	return lookup(k.Algorithm.Name).sign(p, k, data)
}

// Verify is SubtleCrypto.verify.
func Verify(p Params, k *Key, sig, data []byte) (Op, error) {
	if err := checkOperation(p.Name(), k, UsageVerify); err != nil {
		return Op{}, err
	}
	return lookup(k.Algorithm.Name).verify(p, k, sig, data)
}

// Encrypt is SubtleCrypto.encrypt.
func Encrypt(p Params, k *Key, data []byte) (Op, error) {
	if err := checkOperation(p.Name(), k, UsageEncrypt); err != nil {
		return Op{}, err
	}
	return lookup(k.Algorithm.Name).encrypt(p, k, data)
}

// Decrypt is SubtleCrypto.decrypt.
func Decrypt(p Params, k *Key, data []byte) (Op, error) {
	if err := checkOperation(p.Name(), k, UsageDecrypt); err != nil {
		return Op{}, err
	}
	return lookup(k.Algorithm.Name).decrypt(p, k, data)
}

// GeneratesSecret reports whether generateKey with algorithm name makes a secret key (HMAC,
// AES). workerd draws those bytes from the request's random source, so like
// crypto.getRandomValues they are refused during the script's top-level evaluation; key
// pairs are not.
func GeneratesSecret(name string) bool {
	a := lookup(name)
	return a != nil && a.generate != nil && (a == hmacAlgorithm || strings.HasPrefix(a.name, "AES-"))
}

// GenerateKey is SubtleCrypto.generateKey; the result is a *Key or a *KeyPair.
func GenerateKey(p Params, extractable bool, usages []string) (Op, error) {
	a := lookup(p.Name())
	if a == nil || a.generate == nil {
		return Op{}, notSupported("Unrecognized key generation algorithm %q requested.", p.Name())
	}
	return a.generate(a.name, p, extractable, usages)
}

// checkImportFormat rejects formats no algorithm imports.
func checkImportFormat(format string) error {
	switch format {
	case "raw", "spki", "pkcs8", "jwk":
		return nil
	case "raw-secret", "raw-public", "raw-private", "raw-seed":
		return notSupported("Key format %q requires the webcrypto_modern_algorithms flag.", format)
	}
	return notSupported("Unrecognized key import format %q.", format)
}

// ImportKey is SubtleCrypto.importKey. jwk is used for format "jwk", data otherwise.
func ImportKey(format string, data []byte, jwk *JWK, p Params, extractable bool, usages []string) (*Key, error) {
	if err := checkImportFormat(format); err != nil {
		return nil, err
	}
	a := lookup(p.Name())
	if a == nil || a.importKey == nil {
		return nil, notSupported("Unrecognized key import algorithm %q requested.", p.Name())
	}
	imp, err := a.importKey(a.name, p)
	if err != nil {
		return nil, err
	}
	return imp(format, data, jwk, extractable, usages)
}

// ExportKey is SubtleCrypto.exportKey: []byte, or *JWK for "jwk".
func ExportKey(format string, k *Key) (any, error) {
	if !k.Extractable {
		return nil, accessErr("Attempt to export non-extractable %s key.", k.Algorithm.Name)
	}
	switch format {
	case "raw-secret", "raw-public", "raw-private", "raw-seed":
		return nil, notSupported("Key format %q requires the webcrypto_modern_algorithms flag.", format)
	}
	return lookup(k.Algorithm.Name).exportKey(format, k)
}

// DeriveBits is SubtleCrypto.deriveBits; hasLength is false for a null length.
func DeriveBits(p Params, k *Key, length int, hasLength bool) (Op, error) {
	if err := checkOperation(p.Name(), k, UsageDeriveBits); err != nil {
		return Op{}, err
	}
	return lookup(k.Algorithm.Name).deriveBits(p, k, length, hasLength)
}

// DeriveKey is SubtleCrypto.deriveKey.
func DeriveKey(p Params, k *Key, derived Params, extractable bool, usages []string) (Op, error) {
	if err := checkOperation(p.Name(), k, UsageDeriveKey); err != nil {
		return Op{}, err
	}
	d := lookup(derived.Name())
	if d == nil || d.keyLength == nil {
		return Op{}, notSupported("Unrecognized derived key type %q requested.", derived.Name())
	}
	length, err := d.keyLength(derived)
	if err != nil {
		return Op{}, err
	}
	imp, err := d.importKey(d.name, derived)
	if err != nil {
		return Op{}, err
	}
	bits, err := lookup(k.Algorithm.Name).deriveBits(p, k, length, true)
	if err != nil {
		return Op{}, err
	}
	return Op{heavy: bits.heavy, run: func() (any, error) {
		b, err := bits.run()
		if err != nil {
			return nil, err
		}
		return imp("raw", b.([]byte), nil, extractable, usages)
	}}, nil
}

// WrapKey is SubtleCrypto.wrapKey: export k in format, then encrypt (or AES-KW wrap) it with
// wrapping.
func WrapKey(format string, k, wrapping *Key, p Params) (Op, error) {
	if err := checkOperation(p.Name(), wrapping, UsageWrapKey); err != nil {
		return Op{}, err
	}
	exported, err := ExportKey(format, k)
	if err != nil {
		return Op{}, err
	}
	var data []byte
	if j, ok := exported.(*JWK); ok {
		data, _ = json.Marshal(j)
	} else {
		data = exported.([]byte)
	}
	a := lookup(wrapping.Algorithm.Name)
	if a.wrap != nil {
		return a.wrap(wrapping, data)
	}
	return a.encrypt(p, wrapping, data)
}

// UnwrapKey is SubtleCrypto.unwrapKey: decrypt (or AES-KW unwrap) wrapped with unwrapping,
// then import the result as format with the unwrapped key's algorithm.
func UnwrapKey(format string, wrapped []byte, unwrapping *Key, p Params, keyAlg Params, extractable bool, usages []string) (Op, error) {
	if err := checkOperation(p.Name(), unwrapping, UsageUnwrapKey); err != nil {
		return Op{}, err
	}
	if err := checkImportFormat(format); err != nil {
		return Op{}, err
	}
	a := lookup(unwrapping.Algorithm.Name)
	var dec Op
	var err error
	if a.unwrap != nil {
		dec, err = a.unwrap(unwrapping, wrapped)
	} else {
		dec, err = a.decrypt(p, unwrapping, wrapped)
	}
	if err != nil {
		return Op{}, err
	}
	var imp importFn
	var impErr error
	if ia := lookup(keyAlg.Name()); ia == nil || ia.importKey == nil {
		impErr = notSupported("Unrecognized key import algorithm %q requested.", keyAlg.Name())
	} else {
		imp, impErr = ia.importKey(ia.name, keyAlg)
	}
	return Op{heavy: dec.heavy, run: func() (any, error) {
		b, err := dec.run()
		if err != nil {
			return nil, err
		}
		if impErr != nil {
			return nil, impErr
		}
		if format == "jwk" {
			var j JWK
			if err := json.Unmarshal(b.([]byte), &j); err != nil {
				// Deviation: workerd's message is V8's JSON.parse one; this is Go's (and
				// goja's JSON.parse's).
				return nil, &Error{Name: "SyntaxError", Message: err.Error()}
			}
			return imp(format, nil, &j, extractable, usages)
		}
		return imp(format, b.([]byte), nil, extractable, usages)
	}}, nil
}

// TimingSafeEqual compares a and b in time that depends only on their length (Workers'
// crypto.subtle.timingSafeEqual).
func TimingSafeEqual(a, b []byte) (bool, error) {
	if len(a) != len(b) {
		return false, typeErr("Input buffers must have the same byte length.")
	}
	return subtle.ConstantTimeCompare(a, b) == 1, nil
}
