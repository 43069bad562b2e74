package webcrypto

import (
	"crypto"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
)

// hashAlg is a digest algorithm.
type hashAlg struct {
	name  string
	id    crypto.Hash
	new   func() hash.Hash
	size  int // bytes
	block int // bytes
}

var hashes = []hashAlg{
	{"SHA-1", crypto.SHA1, sha1.New, sha1.Size, sha1.BlockSize},
	{"SHA-256", crypto.SHA256, sha256.New, sha256.Size, sha256.BlockSize},
	{"SHA-384", crypto.SHA384, sha512.New384, sha512.Size384, sha512.BlockSize},
	{"SHA-512", crypto.SHA512, sha512.New, sha512.Size, sha512.BlockSize},
	// MD5 is not in the Web Crypto spec; Workers supports it for digest (and so as an HMAC
	// hash, which goes through the same lookup).
	{"MD5", crypto.MD5, md5.New, md5.Size, md5.BlockSize},
}

func lookupHash(name string) (hashAlg, error) {
	for _, h := range hashes {
		if equalFold(name, h.name) {
			return h, nil
		}
	}
	return hashAlg{}, notSupported("Unrecognized or unimplemented digest algorithm requested.")
}

func (h hashAlg) sum(data []byte) []byte {
	d := h.new()
	d.Write(data)
	return d.Sum(nil)
}

// jwkSuffix is the hash's part of JOSE algorithm names: "1", "256", "384", "512".
func (h hashAlg) jwkSuffix() string {
	if h.name == "SHA-1" {
		return "1"
	}
	return h.name[4:]
}

// NewHash returns a running hash for the digest algorithm name (DigestStream).
func NewHash(name string) (hash.Hash, error) {
	h, err := lookupHash(name)
	if err != nil {
		return nil, err
	}
	return h.new(), nil
}
