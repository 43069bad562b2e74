package webcrypto

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"math/big"
)

// curve is a NIST curve as ECDSA and ECDH use it.
type curve struct {
	name  string
	ec    elliptic.Curve
	bytes int // field element size
}

var curves = []curve{
	{"P-256", elliptic.P256(), 32},
	{"P-384", elliptic.P384(), 48},
	{"P-521", elliptic.P521(), 66},
}

func curveParam(p Params) (curve, error) {
	name, ok := p.String("namedCurve")
	if !ok {
		return curve{}, missing("namedCurve")
	}
	for _, c := range curves {
		if c.name == name {
			return c, nil
		}
	}
	return curve{}, notSupported("Unrecognized or unimplemented EC curve %q requested.", name)
}

func curveOf(k *Key) curve {
	for _, c := range curves {
		if c.name == k.Algorithm.NamedCurve {
			return c
		}
	}
	panic("webcrypto: key with unknown curve " + k.Algorithm.NamedCurve)
}

// ecAlgorithm builds the table entry of ECDSA or ECDH. Both keep their keys as ecdsa keys.
func ecAlgorithm(name string) *algorithm {
	pubUsages, privUsages, use := UsageVerify, UsageSign, "sig"
	if name == "ECDH" {
		pubUsages, privUsages, use = 0, UsageDeriveKey|UsageDeriveBits, "enc"
	}
	a := &algorithm{name: name}
	a.generate = func(name string, p Params, extractable bool, usages []string) (Op, error) {
		c, err := curveParam(p)
		if err != nil {
			return Op{}, err
		}
		pu, pr, err := pairUsages(name, usages, pubUsages, privUsages)
		if err != nil {
			return Op{}, err
		}
		return Op{heavy: c.name != "P-256", run: func() (any, error) {
			priv, err := ecdsa.GenerateKey(c.ec, rand.Reader)
			if err != nil {
				return nil, opErr("EC key generation failed: %v.", err)
			}
			alg := KeyAlgorithm{Name: name, NamedCurve: c.name}
			return &KeyPair{
				PublicKey:  &Key{Type: Public, Extractable: true, Usages: pu, Algorithm: alg, material: &priv.PublicKey},
				PrivateKey: &Key{Type: Private, Extractable: extractable, Usages: pr, Algorithm: alg, material: priv},
			}, nil
		}}, nil
	}
	a.importKey = func(name string, p Params) (importFn, error) {
		c, err := curveParam(p)
		if err != nil {
			return nil, err
		}
		return func(format string, data []byte, jwk *JWK, extractable bool, usages []string) (*Key, error) {
			var material any
			var err error
			switch format {
			case "raw":
				if material, err = ecPointKey(c, data); err != nil {
					return nil, err
				}
			case "spki", "pkcs8":
				var k any
				if format == "spki" {
					if k, err = x509.ParsePKIXPublicKey(data); err != nil {
						return nil, dataErr("Invalid SPKI input.")
					}
				} else if k, err = x509.ParsePKCS8PrivateKey(data); err != nil {
					return nil, dataErr("Invalid PKCS8 input.")
				}
				var kc elliptic.Curve
				switch k := k.(type) {
				case *ecdsa.PublicKey:
					kc = k.Curve
				case *ecdsa.PrivateKey:
					kc = k.Curve
				default:
					return nil, dataErr("Input was not an EC key.")
				}
				if kc != c.ec {
					return nil, dataErr("\"algorithm.namedCurve\" %q does not match the curve specified by the input key data.", c.name)
				}
				material = k
			case "jwk":
				if jwk.Kty != "EC" {
					return nil, dataErr("Elliptic curve \"jwk\" key import requires a JSON Web Key with Key Type parameter \"kty\" (%q) equal to \"EC\".", jwk.Kty)
				}
				if err := checkImportedJWK(name, jwk, use, extractable, usages, pubUsages, privUsages); err != nil {
					return nil, err
				}
				if material, err = ecFromJWK(c, jwk); err != nil {
					return nil, err
				}
			default:
				return nil, notSupported("Unrecognized key import format %q.", format)
			}
			typ, allowed := Public, pubUsages
			if _, ok := material.(*ecdsa.PrivateKey); ok {
				typ, allowed = Private, privUsages
			}
			u, err := parseUsages(name, usageContext("import "+string(typ)), usages, allowed)
			if err != nil {
				return nil, err
			}
			if typ == Private && u == 0 {
				return nil, syntaxErr(errNoUsage)
			}
			return &Key{Type: typ, Extractable: extractable, Usages: u, Algorithm: KeyAlgorithm{Name: name, NamedCurve: c.name}, material: material}, nil
		}, nil
	}
	a.exportKey = func(format string, k *Key) (any, error) {
		c := curveOf(k)
		switch format {
		case "raw":
			if k.Type != Public {
				return nil, accessErr("Raw export of elliptic curve keys is only allowed for public keys.")
			}
			return k.material.(*ecdsa.PublicKey).Bytes()
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
			j := newJWK("EC", "", k)
			j.Crv = c.name
			pub := ecPublic(k.material)
			point, _ := pub.Bytes()
			j.X, j.Y = b64u(point[1:1+c.bytes]), b64u(point[1+c.bytes:])
			if priv, ok := k.material.(*ecdsa.PrivateKey); ok {
				d, _ := priv.Bytes()
				j.D = b64u(d)
			}
			return j, nil
		}
		return nil, notSupported("Unrecognized export format %q.", format)
	}
	if name == "ECDSA" {
		a.sign = func(p Params, k *Key, data []byte) (Op, error) {
			h, err := ecdsaHash(p)
			if err != nil {
				return Op{}, err
			}
			c := curveOf(k)
			return Op{heavy: c.name != "P-256", run: func() (any, error) {
				r, s, err := ecdsa.Sign(rand.Reader, k.material.(*ecdsa.PrivateKey), h.sum(data))
				if err != nil {
					return nil, opErr("ECDSA signing failed: %v.", err)
				}
				// Web Crypto signatures are IEEE P1363 (r‖s, fixed width), not DER.
				sig := make([]byte, 2*c.bytes)
				r.FillBytes(sig[:c.bytes])
				s.FillBytes(sig[c.bytes:])
				return sig, nil
			}}, nil
		}
		a.verify = func(p Params, k *Key, sig, data []byte) (Op, error) {
			h, err := ecdsaHash(p)
			if err != nil {
				return Op{}, err
			}
			c := curveOf(k)
			return Op{heavy: c.name != "P-256", run: func() (any, error) {
				if len(sig) != 2*c.bytes {
					return false, nil
				}
				r := new(big.Int).SetBytes(sig[:c.bytes])
				s := new(big.Int).SetBytes(sig[c.bytes:])
				return ecdsa.Verify(k.material.(*ecdsa.PublicKey), h.sum(data), r, s), nil
			}}, nil
		}
	} else {
		a.deriveBits = func(p Params, k *Key, length int, hasLength bool) (Op, error) {
			pub, err := derivePublic(p, k, func(pub *Key) error {
				if pub.Algorithm.NamedCurve != k.Algorithm.NamedCurve {
					return accessErr("Private key for derivation is using curve %q while public key is using %q.", k.Algorithm.NamedCurve, pub.Algorithm.NamedCurve)
				}
				return nil
			})
			if err != nil {
				return Op{}, err
			}
			c := curveOf(k)
			return sharedSecretOp(c.bytes*8, length, hasLength, c.name != "P-256", func() ([]byte, error) {
				priv, err := k.material.(*ecdsa.PrivateKey).ECDH()
				if err != nil {
					return nil, opErr("ECDH failed: %v.", err)
				}
				pk, err := ecPublic(pub.material).ECDH()
				if err != nil {
					return nil, opErr("ECDH failed: %v.", err)
				}
				secret, err := priv.ECDH(pk)
				if err != nil {
					return nil, opErr("ECDH failed: %v.", err)
				}
				return secret, nil
			})
		}
	}
	return a
}

func ecdsaHash(p Params) (hashAlg, error) {
	name, ok := p.Hash("hash")
	if !ok {
		return hashAlg{}, typeErr("Missing \"hash\" in AlgorithmIdentifier. (ECDSA requires that the hash algorithm be specified at call time rather than on the key. This differs from other WebCrypto algorithms for historical reasons.)")
	}
	return lookupHash(name)
}

func ecPublic(material any) *ecdsa.PublicKey {
	if priv, ok := material.(*ecdsa.PrivateKey); ok {
		return &priv.PublicKey
	}
	return material.(*ecdsa.PublicKey)
}

// ecPointKey parses an uncompressed or compressed SEC 1 point.
func ecPointKey(c curve, data []byte) (*ecdsa.PublicKey, error) {
	if len(data) == 1+c.bytes && (data[0] == 2 || data[0] == 3) {
		x, y := elliptic.UnmarshalCompressed(c.ec, data)
		if x == nil {
			return nil, dataErr("Failed to import raw EC key data: Invalid point encoding..")
		}
		data = make([]byte, 1+2*c.bytes)
		data[0] = 4
		x.FillBytes(data[1 : 1+c.bytes])
		y.FillBytes(data[1+c.bytes:])
	}
	k, err := ecdsa.ParseUncompressedPublicKey(c.ec, data)
	if err != nil {
		return nil, dataErr("Failed to import raw EC key data: Invalid point encoding..")
	}
	return k, nil
}

// ecFromJWK decodes the EC members of a JWK (RFC 7518 §6.2). Like workerd it does not
// compare "crv" with the requested curve; the coordinates must be on the requested curve.
func ecFromJWK(c curve, j *JWK) (any, error) {
	x, ok := unb64u(j.X)
	if !ok {
		return nil, dataErr("Invalid EC key in JSON Web Key; missing \"x\".")
	}
	y, ok := unb64u(j.Y)
	if !ok {
		return nil, dataErr("Invalid EC key in JSON Web Key; missing \"y\".")
	}
	if len(x) > c.bytes || len(y) > c.bytes {
		return nil, opErr("Invalid EC key; public key coordinates \"x\" and \"y\" are invalid: Point is not on curve..")
	}
	point := make([]byte, 1+2*c.bytes)
	point[0] = 4
	copy(point[1+c.bytes-len(x):], x)
	copy(point[1+2*c.bytes-len(y):], y)
	pub, err := ecdsa.ParseUncompressedPublicKey(c.ec, point)
	if err != nil {
		return nil, opErr("Invalid EC key; public key coordinates \"x\" and \"y\" are invalid: Point is not on curve..")
	}
	if j.D == "" {
		return pub, nil
	}
	d, ok := unb64u(j.D)
	if !ok || len(d) != c.bytes {
		return nil, dataErr("Invalid EC key in JSON Web Key; missing or invalid \"d\".")
	}
	priv, err := ecdsa.ParseRawPrivateKey(c.ec, d)
	if err != nil || !priv.PublicKey.Equal(pub) {
		return nil, dataErr("Invalid EC key in JSON Web Key; \"d\" does not match \"x\" and \"y\".")
	}
	return priv, nil
}

// derivePublic reads and checks the "public" member of ECDH and X25519 parameters.
func derivePublic(p Params, k *Key, sameCurve func(pub *Key) error) (*Key, error) {
	pub, ok := p.Key("public")
	if !ok {
		return nil, typeErr("Missing field \"public\" in \"derivedKeyParams\".")
	}
	if pub.Type != Public {
		return nil, accessErr("The provided key has type %q, not \"public\"", pub.Type)
	}
	if pub.Algorithm.Name != k.Algorithm.Name {
		return nil, accessErr("Private key for derivation is using %q while public key is using %q.", k.Algorithm.Name, pub.Algorithm.Name)
	}
	if err := sameCurve(pub); err != nil {
		return nil, err
	}
	return pub, nil
}

// sharedSecretOp truncates an ECDH or X25519 secret of full bits to the requested length.
func sharedSecretOp(full, length int, hasLength, isHeavy bool, derive func() ([]byte, error)) (Op, error) {
	if !hasLength {
		length = full
	}
	if length > full {
		return Op{}, opErr("Derived key length (%d bits) is too long (should be at most %d bits).", length, full)
	}
	return Op{heavy: isHeavy, run: func() (any, error) {
		secret, err := derive()
		if err != nil {
			return nil, err
		}
		return maskBits(secret[:(length+7)/8], length), nil
	}}, nil
}
