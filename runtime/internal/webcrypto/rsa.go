package webcrypto

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"math/big"
)

// rsaAlgorithm builds the table entry of RSASSA-PKCS1-v1_5, RSA-PSS or RSA-OAEP.
func rsaAlgorithm(name string) *algorithm {
	pubUsages, privUsages, use := UsageVerify, UsageSign, "sig"
	if name == "RSA-OAEP" {
		pubUsages, privUsages, use = UsageEncrypt|UsageWrapKey, UsageDecrypt|UsageUnwrapKey, "enc"
	}
	a := &algorithm{name: name}
	a.generate = func(name string, p Params, extractable bool, usages []string) (Op, error) {
		h, err := hashParam(p)
		if err != nil {
			return Op{}, err
		}
		bits, err := requiredInt(p, "modulusLength")
		if err != nil {
			return Op{}, err
		}
		exp, err := requiredBytes(p, "publicExponent")
		if err != nil {
			return Op{}, err
		}
		pu, pr, err := pairUsages(name, usages, pubUsages, privUsages)
		if err != nil {
			return Op{}, err
		}
		// Deviation: Go's crypto/rsa generates keys of at least 1024 bits, and with e = 65537
		// only; workerd (BoringSSL) also makes smaller keys and allows e = 3.
		if bits < 1024 {
			return Op{}, opErr("RSA key size is too small.")
		}
		if bits > 16384 || bits%8 != 0 {
			return Op{}, opErr("RSA key size must be a multiple of 8 bits no greater than 16384 (requested %d).", bits)
		}
		if e := new(big.Int).SetBytes(exp); !e.IsInt64() || e.Int64() != 65537 {
			return Op{}, notSupported("The \"publicExponent\" must be 65537 (0x010001); other exponents are not supported by edge.")
		}
		return heavy(func() (any, error) {
			priv, err := rsa.GenerateKey(rand.Reader, bits)
			if err != nil {
				return nil, opErr("RSA key generation failed: %v.", err)
			}
			alg := rsaKeyAlgorithm(name, h, &priv.PublicKey)
			return &KeyPair{
				PublicKey:  &Key{Type: Public, Extractable: true, Usages: pu, Algorithm: alg, material: &priv.PublicKey},
				PrivateKey: &Key{Type: Private, Extractable: extractable, Usages: pr, Algorithm: alg, material: priv},
			}, nil
		}), nil
	}
	a.importKey = func(name string, p Params) (importFn, error) {
		h, err := hashParam(p)
		if err != nil {
			return nil, err
		}
		return func(format string, data []byte, jwk *JWK, extractable bool, usages []string) (*Key, error) {
			var material any
			switch format {
			case "spki":
				k, err := x509.ParsePKIXPublicKey(data)
				if err != nil {
					return nil, dataErr("Invalid SPKI input.")
				}
				if material = k; !isRSA(k) {
					return nil, dataErr("Input was not an RSA key.")
				}
			case "pkcs8":
				k, err := x509.ParsePKCS8PrivateKey(data)
				if err != nil {
					return nil, dataErr("Invalid PKCS8 input.")
				}
				if material = k; !isRSA(k) {
					return nil, dataErr("Input was not an RSA key.")
				}
			case "jwk":
				if jwk.Kty != "RSA" {
					// workerd names RSASSA-PKCS1-v1_5 here whatever the algorithm.
					return nil, dataErr("RSASSA-PKCS1-v1_5 \"jwk\" key import requires a JSON Web Key with Key Type parameter \"kty\" (%q) equal to \"RSA\".", jwk.Kty)
				}
				if err := checkImportedJWK(name, jwk, use, extractable, usages, pubUsages, privUsages); err != nil {
					return nil, err
				}
				if want := rsaJWKAlg(name, h); jwk.Alg != "" && jwk.Alg != want {
					return nil, dataErr("JSON Web Key Algorithm parameter \"alg\" (%q) does not match requested hash algorithm %q.", jwk.Alg, jwk.Alg)
				}
				if material, err = rsaFromJWK(jwk); err != nil {
					return nil, err
				}
			default:
				return nil, notSupported("Unrecognized key import format %q.", format)
			}
			pub, typ, allowed := rsaPublic(material), Public, pubUsages
			if _, ok := material.(*rsa.PrivateKey); ok {
				typ, allowed = Private, privUsages
			}
			u, err := parseUsages(name, usageContext("import "+string(typ)), usages, allowed)
			if err != nil {
				return nil, err
			}
			if typ == Private && u == 0 {
				return nil, syntaxErr(errNoUsage)
			}
			return &Key{Type: typ, Extractable: extractable, Usages: u, Algorithm: rsaKeyAlgorithm(name, h, pub), material: material}, nil
		}, nil
	}
	a.exportKey = func(format string, k *Key) (any, error) {
		switch format {
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
			h, _ := lookupHash(k.Algorithm.Hash)
			j := newJWK("RSA", rsaJWKAlg(name, h), k)
			pub := rsaPublic(k.material)
			j.N, j.E = b64u(pub.N.Bytes()), b64u(big.NewInt(int64(pub.E)).Bytes())
			if priv, ok := k.material.(*rsa.PrivateKey); ok {
				j.D = b64u(priv.D.Bytes())
				j.P, j.Q = b64u(priv.Primes[0].Bytes()), b64u(priv.Primes[1].Bytes())
				j.DP, j.DQ = b64u(priv.Precomputed.Dp.Bytes()), b64u(priv.Precomputed.Dq.Bytes())
				j.QI = b64u(priv.Precomputed.Qinv.Bytes())
			}
			return j, nil
		}
		return nil, accessErr("Cannot export %q in %q format.", name, format)
	}
	switch name {
	case "RSASSA-PKCS1-v1_5":
		a.sign = func(p Params, k *Key, data []byte) (Op, error) {
			return heavy(func() (any, error) {
				h, _ := lookupHash(k.Algorithm.Hash)
				sig, err := rsa.SignPKCS1v15(nil, k.material.(*rsa.PrivateKey), h.id, h.sum(data))
				if err != nil {
					return nil, opErr("RSASSA-PKCS1-v1_5 signing failed: %v.", err)
				}
				return sig, nil
			}), nil
		}
		a.verify = func(p Params, k *Key, sig, data []byte) (Op, error) {
			return light(func() (any, error) {
				h, _ := lookupHash(k.Algorithm.Hash)
				return rsa.VerifyPKCS1v15(k.material.(*rsa.PublicKey), h.id, h.sum(data), sig) == nil, nil
			}), nil
		}
	case "RSA-PSS":
		a.sign = func(p Params, k *Key, data []byte) (Op, error) {
			salt, ok := p.Int("saltLength")
			if !ok {
				return Op{}, dataErr("Failed to provide salt for RSA-PSS key operation which requires a salt")
			}
			h, _ := lookupHash(k.Algorithm.Hash)
			priv := k.material.(*rsa.PrivateKey)
			if salt > priv.Size()-h.size-2 {
				return Op{}, opErr("key too small for signing with given digest and salt length")
			}
			if salt == 0 {
				// Deviation: Go's rsa.SignPSS reads salt length 0 as "as long as possible";
				// it cannot make the deterministic salt-less signatures workerd makes.
				return Op{}, notSupported("RSA-PSS signing with a saltLength of 0 is not supported by edge.")
			}
			return heavy(func() (any, error) {
				sig, err := rsa.SignPSS(rand.Reader, priv, h.id, h.sum(data), &rsa.PSSOptions{SaltLength: salt})
				if err != nil {
					return nil, opErr("RSA-PSS signing failed: %v.", err)
				}
				return sig, nil
			}), nil
		}
		a.verify = func(p Params, k *Key, sig, data []byte) (Op, error) {
			salt, ok := p.Int("saltLength")
			if !ok {
				return Op{}, dataErr("Failed to provide salt for RSA-PSS key operation which requires a salt")
			}
			return light(func() (any, error) {
				h, _ := lookupHash(k.Algorithm.Hash)
				// Deviation: with saltLength 0, Go's VerifyPSS accepts any salt length.
				opts := &rsa.PSSOptions{SaltLength: salt}
				return rsa.VerifyPSS(k.material.(*rsa.PublicKey), h.id, h.sum(data), sig, opts) == nil, nil
			}), nil
		}
	case "RSA-OAEP":
		a.encrypt = func(p Params, k *Key, data []byte) (Op, error) {
			label, _ := p.Bytes("label")
			return light(func() (any, error) {
				h, _ := lookupHash(k.Algorithm.Hash)
				out, err := rsa.EncryptOAEP(h.new(), rand.Reader, k.material.(*rsa.PublicKey), data, label)
				if err != nil {
					return nil, opErr("RSA-OAEP failed encrypt/decrypt.")
				}
				return out, nil
			}), nil
		}
		a.decrypt = func(p Params, k *Key, data []byte) (Op, error) {
			label, _ := p.Bytes("label")
			return heavy(func() (any, error) {
				h, _ := lookupHash(k.Algorithm.Hash)
				out, err := rsa.DecryptOAEP(h.new(), nil, k.material.(*rsa.PrivateKey), data, label)
				if err != nil {
					return nil, opErr("RSA-OAEP failed encrypt/decrypt.")
				}
				return out, nil
			}), nil
		}
	}
	return a
}

func isRSA(k any) bool {
	switch k.(type) {
	case *rsa.PublicKey, *rsa.PrivateKey:
		return true
	}
	return false
}

func rsaPublic(material any) *rsa.PublicKey {
	if priv, ok := material.(*rsa.PrivateKey); ok {
		return &priv.PublicKey
	}
	return material.(*rsa.PublicKey)
}

func rsaKeyAlgorithm(name string, h hashAlg, pub *rsa.PublicKey) KeyAlgorithm {
	return KeyAlgorithm{Name: name, ModulusLength: pub.N.BitLen(), PublicExponent: big.NewInt(int64(pub.E)).Bytes(), Hash: h.name}
}

// rsaJWKAlg is the JOSE "alg" of an RSA key: RS256, PS384, RSA-OAEP-256, RSA-OAEP (SHA-1) …
func rsaJWKAlg(name string, h hashAlg) string {
	switch name {
	case "RSASSA-PKCS1-v1_5":
		return "RS" + h.jwkSuffix()
	case "RSA-PSS":
		return "PS" + h.jwkSuffix()
	}
	if h.name == "SHA-1" {
		return "RSA-OAEP"
	}
	return "RSA-OAEP-" + h.jwkSuffix()
}

// rsaFromJWK decodes the RSA members of a JWK (RFC 7518 §6.3).
func rsaFromJWK(j *JWK) (any, error) {
	num := func(v, what, member string) (*big.Int, error) {
		b, ok := unb64u(v)
		if !ok {
			return nil, dataErr("Invalid RSA key in JSON Web Key; missing or invalid %s parameter (%q).", what, member)
		}
		return new(big.Int).SetBytes(b), nil
	}
	n, err := num(j.N, "Modulus", "n")
	if err != nil {
		return nil, err
	}
	e, err := num(j.E, "Exponent", "e")
	if err != nil {
		return nil, err
	}
	if !e.IsInt64() || e.Int64() > 1<<31-1 || e.Int64() < 3 {
		return nil, dataErr("Invalid RSA key in JSON Web Key; missing or invalid Exponent parameter (\"e\").")
	}
	pub := rsa.PublicKey{N: n, E: int(e.Int64())}
	if j.D == "" {
		return &pub, nil
	}
	var ints [6]*big.Int
	for i, m := range []struct{ v, what, member string }{
		{j.D, "Private Exponent", "d"}, {j.P, "First Prime Factor", "p"}, {j.Q, "Second Prime Factor", "q"},
		{j.DP, "First Factor CRT Exponent", "dp"}, {j.DQ, "Second Factor CRT Exponent", "dq"},
		{j.QI, "First CRT Coefficient", "qi"},
	} {
		if ints[i], err = num(m.v, m.what, m.member); err != nil {
			return nil, err
		}
	}
	// dp, dq and qi are recomputed from p and q (Precompute) rather than trusted.
	priv := &rsa.PrivateKey{PublicKey: pub, D: ints[0], Primes: []*big.Int{ints[1], ints[2]}}
	priv.Precompute()
	if err := priv.Validate(); err != nil {
		return nil, dataErr("Invalid RSA private key in JSON Web Key.")
	}
	return priv, nil
}

// pairUsages splits the usages requested for a generated key pair between its two keys.
func pairUsages(name string, usages []string, pub, priv Usage) (Usage, Usage, error) {
	u, err := parseUsages(name, ctxGenerate, usages, pub|priv)
	if err != nil {
		return 0, 0, err
	}
	if u&priv == 0 {
		return 0, 0, syntaxErr("Attempt to generate asymmetric keys with no valid private key usages.")
	}
	return u & pub, u & priv, nil
}
