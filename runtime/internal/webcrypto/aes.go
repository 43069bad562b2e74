package webcrypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
	"math/big"
)

// aesAlgorithm builds the table entry of AES-GCM, AES-CBC, AES-CTR or AES-KW (mode is the
// JOSE suffix: "GCM", "CBC", "CTR", "KW").
func aesAlgorithm(name, mode string) *algorithm {
	allowed := UsageEncrypt | UsageDecrypt | UsageWrapKey | UsageUnwrapKey
	if mode == "KW" {
		allowed = UsageWrapKey | UsageUnwrapKey
	}
	a := &algorithm{name: name}
	a.generate = func(name string, p Params, extractable bool, usages []string) (Op, error) {
		length, err := requiredInt(p, "length")
		if err != nil {
			return Op{}, err
		}
		if length != 128 && length != 192 && length != 256 {
			return Op{}, opErr("Generated AES key length must be 128, 192, or 256 bits but requested %d.", length)
		}
		u, err := secretUsages(name, ctxGenerate, usages, allowed)
		if err != nil {
			return Op{}, err
		}
		return light(func() (any, error) {
			return secretKey(aesKeyAlgorithm(name, length/8), randomBytes(length/8), extractable, u), nil
		}), nil
	}
	a.importKey = func(name string, p Params) (importFn, error) {
		return func(format string, data []byte, jwk *JWK, extractable bool, usages []string) (*Key, error) {
			u, err := secretUsages(name, ctxImportSecret, usages, allowed)
			if err != nil {
				return nil, err
			}
			switch format {
			case "raw":
			case "jwk":
				if data, err = checkSecretJWK(name, jwk, "enc", extractable, u); err != nil {
					return nil, err
				}
			default:
				return nil, notSupported("Unrecognized key import format %q.", format)
			}
			if n := len(data); n != 16 && n != 24 && n != 32 {
				return nil, dataErr("Imported AES key length must be 128, 192, or 256 bits but provided %d.", n*8)
			}
			if want := aesJWKAlg(mode, len(data)); format == "jwk" && jwk.Alg != "" && jwk.Alg != want {
				return nil, dataErr("Symmetric \"jwk\" key contains invalid \"alg\" value %q, expected %q.", jwk.Alg, want)
			}
			return secretKey(aesKeyAlgorithm(name, len(data)), data, extractable, u), nil
		}, nil
	}
	a.exportKey = func(format string, k *Key) (any, error) {
		return exportSecret(k, format, aesJWKAlg(mode, len(secretBytes(k))))
	}
	a.keyLength = func(p Params) (int, error) {
		return requiredInt(p, "length")
	}
	switch mode {
	case "GCM":
		a.encrypt = func(p Params, k *Key, data []byte) (Op, error) { return aesGCM(p, k, data, true) }
		a.decrypt = func(p Params, k *Key, data []byte) (Op, error) { return aesGCM(p, k, data, false) }
	case "CBC":
		a.encrypt = func(p Params, k *Key, data []byte) (Op, error) { return aesCBC(p, k, data, true) }
		a.decrypt = func(p Params, k *Key, data []byte) (Op, error) { return aesCBC(p, k, data, false) }
	case "CTR":
		a.encrypt, a.decrypt = aesCTR, aesCTR
	case "KW":
		a.wrap, a.unwrap = aesKeyWrap, aesKeyUnwrap
	}
	return a
}

func newBlock(k *Key) cipher.Block {
	b, err := aes.NewCipher(secretBytes(k))
	if err != nil { // the key length was checked on import
		panic(err)
	}
	return b
}

func aesGCM(p Params, k *Key, data []byte, encrypt bool) (Op, error) {
	iv, err := requiredBytes(p, "iv")
	if err != nil {
		return Op{}, err
	}
	if len(iv) == 0 {
		return Op{}, opErr("AES-GCM IV must not be empty.")
	}
	aad, _ := p.Bytes("additionalData")
	tagBits, ok := p.Int("tagLength")
	if !ok {
		tagBits = 128
	}
	switch tagBits {
	case 32, 64, 96, 104, 112, 120, 128:
	default:
		return Op{}, opErr("Invalid AES-GCM tag length %d.", tagBits)
	}
	tag := tagBits / 8
	if !encrypt && len(data) < tag {
		return Op{}, opErr("Ciphertext length of %d bits must be greater than or equal to the size of the AES-GCM tag length of %d bits.", len(data)*8, tagBits)
	}
	return sized(len(data), func() (any, error) {
		// Go's GCM takes either a non-standard nonce size or a short tag, not both; the
		// full 16-byte tag of a nonce-sized GCM is truncated instead (a GCM tag is a prefix
		// of the full one).
		g, err := cipher.NewGCMWithNonceSize(newBlock(k), len(iv))
		if err != nil {
			return nil, opErr("AES-GCM failed: %v.", err)
		}
		if encrypt {
			out := g.Seal(nil, iv, data, aad)
			return out[:len(data)+tag], nil
		}
		body, got := data[:len(data)-tag], data[len(data)-tag:]
		if tag == 16 {
			plain, err := g.Open(nil, iv, data, aad)
			if err != nil {
				return nil, errDecrypt(len(body), len(body), "AES-GCM")
			}
			return plain, nil
		}
		// Short tag: GCM's keystream does not depend on the plaintext, so sealing zeros gives
		// it; decrypt with it, then seal the plaintext to recompute the tag.
		ks := g.Seal(nil, iv, make([]byte, len(body)), nil)[:len(body)]
		plain := make([]byte, len(body))
		subtle.XORBytes(plain, body, ks)
		want := g.Seal(nil, iv, plain, aad)[len(body):][:tag]
		if subtle.ConstantTimeCompare(want, got) != 1 {
			return nil, errDecrypt(len(body), len(body), "AES-GCM")
		}
		return plain, nil
	}), nil
}

func aesCBC(p Params, k *Key, data []byte, encrypt bool) (Op, error) {
	iv, err := requiredBytes(p, "iv")
	if err != nil {
		return Op{}, err
	}
	if len(iv) != aes.BlockSize {
		return Op{}, opErr("AES-CBC IV must be 16 bytes long (provided %d bytes).", len(iv))
	}
	return sized(len(data), func() (any, error) {
		b := newBlock(k)
		if encrypt {
			pad := aes.BlockSize - len(data)%aes.BlockSize
			out := append(append([]byte(nil), data...), bytes.Repeat([]byte{byte(pad)}, pad)...)
			cipher.NewCBCEncrypter(b, iv).CryptBlocks(out, out)
			return out, nil
		}
		// The output length in workerd's message is what OpenSSL had produced before its
		// final block check failed.
		n := len(data)
		produced := n / aes.BlockSize * aes.BlockSize
		if n%aes.BlockSize == 0 && n > 0 {
			produced -= aes.BlockSize
		}
		if n == 0 || n%aes.BlockSize != 0 {
			return nil, errDecrypt(n, produced, "AES-CBC")
		}
		out := make([]byte, n)
		cipher.NewCBCDecrypter(b, iv).CryptBlocks(out, data)
		pad := int(out[n-1])
		if pad == 0 || pad > aes.BlockSize || !bytes.Equal(out[n-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
			return nil, errDecrypt(n, produced, "AES-CBC")
		}
		return out[:n-pad], nil
	}), nil
}

// aesCTR encrypts or decrypts with AES-CTR where only the rightmost length bits of the
// counter block count (and wrap around); Go's CTR counts with all 128.
func aesCTR(p Params, k *Key, data []byte) (Op, error) {
	counter, ok := p.Bytes("counter")
	if !ok {
		return Op{}, typeErr("Missing \"counter\" member in \"algorithm\".")
	}
	length, ok := p.Int("length")
	if !ok {
		return Op{}, typeErr("Missing \"length\" member in \"algorithm\".")
	}
	if len(counter) != aes.BlockSize {
		return Op{}, opErr("Counter must have length of 16 bytes (provided %d).", len(counter))
	}
	if length == 0 || length > 128 {
		return Op{}, opErr("Invalid counter of %d bits length provided.", length)
	}
	blocks := new(big.Int).SetUint64(uint64((len(data) + aes.BlockSize - 1) / aes.BlockSize))
	if blocks.Cmp(new(big.Int).Lsh(big.NewInt(1), uint(length))) > 0 {
		return Op{}, opErr("Counter block values will repeat")
	}
	return sized(len(data), func() (any, error) {
		b := newBlock(k)
		out := make([]byte, len(data))
		ctr := new(big.Int).SetBytes(counter)
		mod := new(big.Int).Lsh(big.NewInt(1), uint(length))
		low := new(big.Int).Mod(ctr, mod)
		high := new(big.Int).Sub(ctr, low)
		for off := 0; off < len(data); {
			// Blocks left before the low bits wrap to zero.
			left := new(big.Int).Sub(mod, low)
			n := len(data) - off
			if left.IsUint64() && left.Uint64() < uint64((n+aes.BlockSize-1)/aes.BlockSize) {
				n = int(left.Uint64()) * aes.BlockSize
			}
			var iv [aes.BlockSize]byte
			new(big.Int).Add(high, low).FillBytes(iv[:])
			cipher.NewCTR(b, iv[:]).XORKeyStream(out[off:off+n], data[off:off+n])
			off += n
			low.SetInt64(0)
		}
		return out, nil
	}), nil
}

// kwIV is RFC 3394's default initial value.
var kwIV = [8]byte{0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6}

// aesKeyWrap is RFC 3394 §2.2.1.
func aesKeyWrap(k *Key, data []byte) (Op, error) {
	if len(data) < 16 || len(data)%8 != 0 {
		return Op{}, opErr("Unwrapped key bit length must be a multiple of 64 bits but unwrapped key has a length of %d bits.", len(data)*8)
	}
	return light(func() (any, error) {
		b := newBlock(k)
		n := len(data) / 8
		out := make([]byte, 8+len(data))
		copy(out[8:], data)
		a := kwIV
		var buf [16]byte
		for j := 0; j < 6; j++ {
			for i := 1; i <= n; i++ {
				copy(buf[:8], a[:])
				copy(buf[8:], out[i*8:i*8+8])
				b.Encrypt(buf[:], buf[:])
				t := uint64(n*j + i)
				binary.BigEndian.PutUint64(a[:], binary.BigEndian.Uint64(buf[:8])^t)
				copy(out[i*8:], buf[8:])
			}
		}
		copy(out, a[:])
		return out, nil
	}), nil
}

// aesKeyUnwrap is RFC 3394 §2.2.2 with the integrity check of §2.2.3.
func aesKeyUnwrap(k *Key, data []byte) (Op, error) {
	return light(func() (any, error) {
		if len(data) < 24 || len(data)%8 != 0 {
			return nil, opErr("AES-KW key unwrapping failed.")
		}
		b := newBlock(k)
		n := len(data)/8 - 1
		out := make([]byte, n*8)
		copy(out, data[8:])
		var a [8]byte
		copy(a[:], data[:8])
		var buf [16]byte
		for j := 5; j >= 0; j-- {
			for i := n; i >= 1; i-- {
				t := uint64(n*j + i)
				binary.BigEndian.PutUint64(buf[:8], binary.BigEndian.Uint64(a[:])^t)
				copy(buf[8:], out[(i-1)*8:i*8])
				b.Decrypt(buf[:], buf[:])
				copy(a[:], buf[:8])
				copy(out[(i-1)*8:], buf[8:])
			}
		}
		if subtle.ConstantTimeCompare(a[:], kwIV[:]) != 1 {
			return nil, opErr("AES-KW key unwrapping failed.")
		}
		return out, nil
	}), nil
}
