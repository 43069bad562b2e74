package webcrypto

import (
	"crypto/hkdf"
	"crypto/pbkdf2"
)

// maxPBKDF2Iterations is the cap Cloudflare's production runtime enforces (workerd's
// checkPbkdfLimits). Deviation: local workerd does not cap; edge follows production so a
// worker that works here works when deployed.
const maxPBKDF2Iterations = 100000

// kdfAlgorithm is the shared shape of PBKDF2 and HKDF: raw, non-extractable secret keys used
// only to derive.
func kdfAlgorithm(name string, deriveBits func(p Params, k *Key, length int, hasLength bool) (Op, error)) *algorithm {
	return &algorithm{
		name: name,
		importKey: func(name string, p Params) (importFn, error) {
			return func(format string, data []byte, jwk *JWK, extractable bool, usages []string) (*Key, error) {
				u, err := secretUsages(name, ctxImportSecret, usages, UsageDeriveKey|UsageDeriveBits)
				if err != nil {
					return nil, err
				}
				if extractable {
					return nil, syntaxErr("%s key cannot be extractable.", name)
				}
				if format != "raw" {
					return nil, notSupported("%s key must be imported in \"raw\" format (requested %q)", name, format)
				}
				return secretKey(KeyAlgorithm{Name: name}, data, false, u), nil
			}, nil
		},
		deriveBits: deriveBits,
	}
}

var pbkdf2Algorithm = kdfAlgorithm("PBKDF2", func(p Params, k *Key, length int, hasLength bool) (Op, error) {
	h, err := hashParam(p)
	if err != nil {
		return Op{}, err
	}
	salt, err := requiredBytes(p, "salt")
	if err != nil {
		return Op{}, err
	}
	iterations, err := requiredInt(p, "iterations")
	if err != nil {
		return Op{}, err
	}
	if !hasLength {
		return Op{}, opErr("PBKDF2 cannot derive a key with null length.")
	}
	if length%8 != 0 {
		return Op{}, opErr("PBKDF2 requires a derived key length that is a multiple of eight (requested %d).", length)
	}
	if iterations <= 0 {
		return Op{}, opErr("PBKDF2 requires a positive iteration count (requested %d).", iterations)
	}
	if iterations > maxPBKDF2Iterations {
		return Op{}, notSupported("Pbkdf2 failed: iteration counts above %d are not supported (requested %d).", maxPBKDF2Iterations, iterations)
	}
	if length == 0 {
		return light(func() (any, error) { return []byte{}, nil }), nil
	}
	return heavy(func() (any, error) {
		out, err := pbkdf2.Key(h.new, string(secretBytes(k)), salt, iterations, length/8)
		if err != nil {
			return nil, opErr("PBKDF2 deriveBits failed.")
		}
		return out, nil
	}), nil
})

var hkdfAlgorithm = kdfAlgorithm("HKDF", func(p Params, k *Key, length int, hasLength bool) (Op, error) {
	h, err := hashParam(p)
	if err != nil {
		return Op{}, err
	}
	salt, err := requiredBytes(p, "salt")
	if err != nil {
		return Op{}, err
	}
	info, err := requiredBytes(p, "info")
	if err != nil {
		return Op{}, err
	}
	if !hasLength {
		return Op{}, opErr("HKDF cannot derive a key with null length.")
	}
	if length%8 != 0 {
		return Op{}, opErr("HKDF requires a derived key length that is a multiple of eight (requested %d).", length)
	}
	return light(func() (any, error) {
		if length == 0 {
			return []byte{}, nil
		}
		out, err := hkdf.Key(h.new, secretBytes(k), salt, string(info), length/8)
		if err != nil {
			return nil, opErr("HKDF deriveBits failed.")
		}
		return out, nil
	}), nil
})
