package webcrypto

import (
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
)

// okpAlgorithm builds the table entry of Ed25519, its legacy Workers alias NODE-ED25519 (a
// separate algorithm whose keys carry namedCurve "NODE-ED25519"), or X25519.
func okpAlgorithm(name string) *algorithm {
	isX := name == "X25519"
	crv := "Ed25519"
	pubUsages, privUsages, use := UsageVerify, UsageSign, "sig"
	if isX {
		crv, pubUsages, privUsages, use = "X25519", 0, UsageDeriveKey|UsageDeriveBits, "enc"
	}
	keyAlg := KeyAlgorithm{Name: name}
	if name == "NODE-ED25519" {
		keyAlg.NamedCurve = name
	}
	// checkCurve validates the namedCurve NODE-ED25519 requires.
	checkCurve := func(p Params) error {
		if name != "NODE-ED25519" {
			return nil
		}
		c, ok := p.String("namedCurve")
		if !ok {
			return missing("namedCurve")
		}
		if c != name {
			return notSupported("EDDSA curve %q isn't supported.", c)
		}
		return nil
	}
	newKey := func(typ KeyType, extractable bool, u Usage, material any) *Key {
		return &Key{Type: typ, Extractable: extractable, Usages: u, Algorithm: keyAlg, material: material}
	}
	a := &algorithm{name: name}
	a.generate = func(name string, p Params, extractable bool, usages []string) (Op, error) {
		if err := checkCurve(p); err != nil {
			return Op{}, err
		}
		pu, pr, err := pairUsages(name, usages, pubUsages, privUsages)
		if err != nil {
			return Op{}, err
		}
		return light(func() (any, error) {
			var pub, priv any
			if isX {
				k, err := ecdh.X25519().GenerateKey(rand.Reader)
				if err != nil {
					return nil, opErr("X25519 key generation failed: %v.", err)
				}
				pub, priv = k.PublicKey(), k
			} else {
				pk, sk, err := ed25519.GenerateKey(rand.Reader)
				if err != nil {
					return nil, opErr("Ed25519 key generation failed: %v.", err)
				}
				pub, priv = pk, sk
			}
			return &KeyPair{PublicKey: newKey(Public, true, pu, pub), PrivateKey: newKey(Private, extractable, pr, priv)}, nil
		}), nil
	}
	a.importKey = func(name string, p Params) (importFn, error) {
		if err := checkCurve(p); err != nil {
			return nil, err
		}
		return func(format string, data []byte, jwk *JWK, extractable bool, usages []string) (*Key, error) {
			var material any
			switch format {
			case "raw":
				if len(data) != 32 {
					return nil, dataErr("%s raw keys must be exactly 32-bytes (provided %d).", crv, len(data))
				}
				material = okpPublic(isX, data)
			case "spki", "pkcs8":
				var k any
				var err error
				if format == "spki" {
					if k, err = x509.ParsePKIXPublicKey(data); err != nil {
						return nil, dataErr("Invalid SPKI input.")
					}
				} else if k, err = x509.ParsePKCS8PrivateKey(data); err != nil {
					return nil, dataErr("Invalid PKCS8 input.")
				}
				switch k := k.(type) {
				case ed25519.PublicKey, ed25519.PrivateKey:
					if isX {
						return nil, dataErr("Input was not an X25519 key.")
					}
				case *ecdh.PublicKey:
					if !isX || k.Curve() != ecdh.X25519() {
						return nil, dataErr("Input was not an %s key.", crv)
					}
				case *ecdh.PrivateKey:
					if !isX || k.Curve() != ecdh.X25519() {
						return nil, dataErr("Input was not an %s key.", crv)
					}
				default:
					return nil, dataErr("Input was not an %s key.", crv)
				}
				material = k
			case "jwk":
				if jwk.Kty != "OKP" {
					return nil, dataErr("%s \"jwk\" key import requires a JSON Web Key with Key Type parameter \"kty\" (%q) equal to \"OKP\".", crv, jwk.Kty)
				}
				if jwk.Crv != crv {
					return nil, notSupported("Only %s is supported but %q was requested.", crv, jwk.Crv)
				}
				if err := checkImportedJWK(name, jwk, use, extractable, usages, pubUsages, privUsages); err != nil {
					return nil, err
				}
				if !isX && jwk.Alg != "" && jwk.Alg != "EdDSA" && jwk.Alg != "Ed25519" {
					return nil, dataErr("JSON Web Key Algorithm parameter \"alg\" (%q) does not match requested Ed25519 curve.", jwk.Alg)
				}
				x, ok := unb64u(jwk.X)
				if !ok || len(x) != 32 {
					return nil, dataErr("Invalid %s key in JSON WebKey; missing or invalid public key component (\"x\").", crv)
				}
				if jwk.D == "" {
					material = okpPublic(isX, x)
					break
				}
				d, _ := unb64u(jwk.D)
				if len(d) != 32 {
					return nil, dataErr("Invalid length %d for private key", len(d))
				}
				if isX {
					material, _ = ecdh.X25519().NewPrivateKey(d)
				} else {
					material = ed25519.NewKeyFromSeed(d)
				}
			default:
				return nil, notSupported("Unrecognized key import format %q.", format)
			}
			typ, allowed := Public, pubUsages
			switch material.(type) {
			case ed25519.PrivateKey, *ecdh.PrivateKey:
				typ, allowed = Private, privUsages
			}
			u, err := parseUsages(name, usageContext("import "+string(typ)), usages, allowed)
			if err != nil {
				return nil, err
			}
			if typ == Private && u == 0 {
				return nil, syntaxErr(errNoUsage)
			}
			return newKey(typ, extractable, u, material), nil
		}, nil
	}
	a.exportKey = func(format string, k *Key) (any, error) {
		switch format {
		case "raw":
			if k.Type != Public {
				return nil, accessErr("Raw export of %s keys is only allowed for public keys.", crv)
			}
			return okpPublicBytes(k.material), nil
		case "spki":
			if k.Type != Public {
				return nil, accessErr("Public key export requires a public key (encountered %q).", k.Type)
			}
			return x509.MarshalPKIXPublicKey(k.material)
		case "pkcs8":
			if k.Type != Private {
				return nil, accessErr("Private key export requires a private key (encountered %q).", k.Type)
			}
			return x509.MarshalPKCS8PrivateKey(k.material)
		case "jwk":
			alg := "EdDSA"
			if isX {
				alg = ""
			}
			j := newJWK("OKP", alg, k)
			j.Crv = crv
			j.X = b64u(okpPublicBytes(k.material))
			switch priv := k.material.(type) {
			case ed25519.PrivateKey:
				j.D = b64u(priv.Seed())
			case *ecdh.PrivateKey:
				j.D = b64u(priv.Bytes())
			}
			return j, nil
		}
		return nil, notSupported("Unrecognized export format %q.", format)
	}
	if isX {
		a.deriveBits = func(p Params, k *Key, length int, hasLength bool) (Op, error) {
			pub, err := derivePublic(p, k, func(*Key) error { return nil })
			if err != nil {
				return Op{}, err
			}
			return sharedSecretOp(256, length, hasLength, false, func() ([]byte, error) {
				secret, err := k.material.(*ecdh.PrivateKey).ECDH(pub.material.(*ecdh.PublicKey))
				if err != nil {
					return nil, opErr("Failed to derive EDDH key: public key routines INVALID_PEER_KEY.")
				}
				return secret, nil
			})
		}
		return a
	}
	a.sign = func(p Params, k *Key, data []byte) (Op, error) {
		return light(func() (any, error) { return ed25519.Sign(k.material.(ed25519.PrivateKey), data), nil }), nil
	}
	a.verify = func(p Params, k *Key, sig, data []byte) (Op, error) {
		if len(sig) != ed25519.SignatureSize {
			return Op{}, opErr("Invalid Ed25519 signature length %d", len(sig))
		}
		return light(func() (any, error) { return ed25519.Verify(k.material.(ed25519.PublicKey), data, sig), nil }), nil
	}
	return a
}

// okpPublic makes a public key from 32 raw bytes. Any 32 bytes are an X25519 public key.
func okpPublic(isX bool, b []byte) any {
	if isX {
		k, _ := ecdh.X25519().NewPublicKey(b)
		return k
	}
	return ed25519.PublicKey(append([]byte(nil), b...))
}

func okpPublicBytes(material any) []byte {
	switch k := material.(type) {
	case ed25519.PublicKey:
		return append([]byte(nil), k...)
	case ed25519.PrivateKey:
		return append([]byte(nil), k.Public().(ed25519.PublicKey)...)
	case *ecdh.PublicKey:
		return k.Bytes()
	case *ecdh.PrivateKey:
		return k.PublicKey().Bytes()
	}
	panic("webcrypto: not an OKP key")
}
