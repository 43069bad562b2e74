package webcrypto

// KeyType is CryptoKey.type.
type KeyType string

// The key types.
const (
	Secret  KeyType = "secret"
	Public  KeyType = "public"
	Private KeyType = "private"
)

// KeyAlgorithm is the CryptoKey.algorithm dictionary: Name always, the rest as the algorithm
// has them (zero values are absent).
type KeyAlgorithm struct {
	Name           string
	NamedCurve     string // ECDSA, ECDH, NODE-ED25519
	Length         int    // AES, HMAC (bits)
	Hash           string // HMAC, RSA
	ModulusLength  int    // RSA
	PublicExponent []byte // RSA, big-endian
}

// Key is a CryptoKey's Go state. Its fields other than Usages are fixed once it exists; the
// key material is immutable, so a Key may be used by several operations at once.
type Key struct {
	Type        KeyType
	Extractable bool
	Usages      Usage
	Algorithm   KeyAlgorithm

	// material is []byte for secret keys, or one of *rsa.PrivateKey, *rsa.PublicKey,
	// *ecdsa.PrivateKey, *ecdsa.PublicKey, ed25519.PrivateKey, ed25519.PublicKey,
	// *ecdh.PrivateKey, *ecdh.PublicKey (X25519).
	material any
}

// KeyPair is the result of generating an asymmetric key (CryptoKeyPair).
type KeyPair struct {
	PublicKey, PrivateKey *Key
}

// checkOperation is workerd's validation before every operation on a key: the requested
// algorithm must be the key's (case-insensitively), and the key must allow the usage.
func checkOperation(name string, k *Key, u Usage) error {
	if !equalFold(name, k.Algorithm.Name) {
		return accessErr("Requested algorithm %q does not match this CryptoKey's algorithm %q.", name, k.Algorithm.Name)
	}
	return requireUsage(k, u)
}
