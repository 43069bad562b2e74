package webcrypto

import (
	"crypto/hmac"
	"crypto/rand"
	"fmt"
)

// secretKey builds a secret CryptoKey.
func secretKey(alg KeyAlgorithm, raw []byte, extractable bool, usages Usage) *Key {
	return &Key{Type: Secret, Extractable: extractable, Usages: usages, Algorithm: alg, material: raw}
}

func secretBytes(k *Key) []byte { return k.material.([]byte) }

// secretUsages parses the usages of a secret key being imported or generated.
func secretUsages(alg string, ctx usageContext, names []string, allowed Usage) (Usage, error) {
	u, err := parseUsages(alg, ctx, names, allowed)
	if err == nil && u == 0 {
		err = syntaxErr(errNoUsage)
	}
	return u, err
}

// exportSecret is exportKey for AES and HMAC keys.
func exportSecret(k *Key, format, jwkAlg string) (any, error) {
	switch format {
	case "raw":
		return append([]byte(nil), secretBytes(k)...), nil
	case "jwk":
		j := newJWK("oct", jwkAlg, k)
		j.K = b64u(secretBytes(k))
		return j, nil
	}
	return nil, notSupported("%s key only supports exporting \"raw\", \"raw-secret\" & \"jwk\", not %q.", k.Algorithm.Name, format)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// maskBits clears the bits of b past the first n (for lengths that are not whole bytes).
func maskBits(b []byte, n int) []byte {
	if r := n % 8; r != 0 {
		b[len(b)-1] &= byte(0xff << (8 - r))
	}
	return b
}

const hmacUsages = UsageSign | UsageVerify

var hmacAlgorithm = &algorithm{
	name: "HMAC",
	generate: func(name string, p Params, extractable bool, usages []string) (Op, error) {
		h, err := hashParam(p)
		if err != nil {
			return Op{}, err
		}
		length, ok := p.Int("length")
		if !ok {
			length = h.block * 8
		} else if length == 0 {
			return Op{}, opErr("HMAC key length must be a non-zero unsigned long integer (requested 0).")
		}
		u, err := secretUsages(name, ctxGenerate, usages, hmacUsages)
		if err != nil {
			return Op{}, err
		}
		return light(func() (any, error) {
			raw := maskBits(randomBytes((length+7)/8), length)
			return secretKey(hmacKeyAlgorithm(h, length), raw, extractable, u), nil
		}), nil
	},
	importKey: func(name string, p Params) (importFn, error) {
		h, err := hashParam(p)
		if err != nil {
			return nil, err
		}
		length, hasLength := p.Int("length")
		return func(format string, data []byte, jwk *JWK, extractable bool, usages []string) (*Key, error) {
			u, err := secretUsages(name, ctxImportSecret, usages, hmacUsages)
			if err != nil {
				return nil, err
			}
			switch format {
			case "raw":
			case "jwk":
				if data, err = checkSecretJWK(name, jwk, "sig", extractable, u); err != nil {
					return nil, err
				}
				if want := "HS" + h.jwkSuffix(); jwk.Alg != "" && jwk.Alg != want {
					return nil, dataErr("HMAC \"jwk\" key import specifies \"alg\" that is incompatible with the hash name (encountered %q, expected %q).", jwk.Alg, want)
				}
			default:
				return nil, notSupported("Unrecognized key import format %q.", format)
			}
			bits := len(data) * 8
			if !hasLength {
				length = bits
			}
			if length == 0 || length > bits || length <= bits-8 {
				return nil, dataErr("Imported HMAC key length (%d) must be a non-zero value up to 7 bits less than, and no greater than, the bit length of the raw key data (%d).", length, bits)
			}
			return secretKey(hmacKeyAlgorithm(h, length), data, extractable, u), nil
		}, nil
	},
	exportKey: func(format string, k *Key) (any, error) {
		h, _ := lookupHash(k.Algorithm.Hash)
		return exportSecret(k, format, "HS"+h.jwkSuffix())
	},
	sign: func(p Params, k *Key, data []byte) (Op, error) {
		return sized(len(data), func() (any, error) { return hmacSum(k, data), nil }), nil
	},
	verify: func(p Params, k *Key, sig, data []byte) (Op, error) {
		return sized(len(data), func() (any, error) { return hmac.Equal(sig, hmacSum(k, data)), nil }), nil
	},
	keyLength: func(p Params) (int, error) {
		h, err := hashParam(p)
		if err != nil {
			return 0, err
		}
		if n, ok := p.Int("length"); ok {
			if n == 0 {
				return 0, typeErr("HMAC key length must be a non-zero unsigned long integer (requested 0).")
			}
			return n, nil
		}
		return h.block * 8, nil
	},
}

func hmacKeyAlgorithm(h hashAlg, length int) KeyAlgorithm {
	return KeyAlgorithm{Name: "HMAC", Hash: h.name, Length: length}
}

func hmacSum(k *Key, data []byte) []byte {
	h, _ := lookupHash(k.Algorithm.Hash)
	m := hmac.New(h.new, secretBytes(k))
	m.Write(data)
	return m.Sum(nil)
}

// aesKeyAlgorithm is the KeyAlgorithm of an AES key of n bytes.
func aesKeyAlgorithm(name string, n int) KeyAlgorithm {
	return KeyAlgorithm{Name: name, Length: n * 8}
}

func aesJWKAlg(mode string, bytes int) string { return fmt.Sprintf("A%d%s", bytes*8, mode) }
