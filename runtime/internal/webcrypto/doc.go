// Package webcrypto implements Web Crypto (crypto.subtle, CryptoKey, Crypto) for edge's
// isolates on Go's standard crypto packages, with the algorithms, key formats, error names and
// messages of Cloudflare Workers (workerd's src/workerd/api/crypto/).
//
// # Shape
//
// The package has two halves. The core (subtle.go and one file per algorithm family:
// secret.go for HMAC, aes.go, rsa.go, ec.go, okp.go for Ed25519/NODE-ED25519/X25519,
// kdf.go for PBKDF2/HKDF, hash.go for the digests, jwk.go) is plain Go: each SubtleCrypto
// method is a function (Digest, Sign, ImportKey, DeriveKey …) that validates its arguments
// the way workerd does and returns an [Op], a prepared operation whose inputs are already
// read and copied, so it may run on any goroutine. Algorithm dictionaries reach the core
// through the [Params] interface, read member by member in the order an algorithm needs
// them, so the missing-member and wrong-value errors come in workerd's order. Keys are [Key]
// values with immutable material.
//
// The binding (binding.go, subtle_binding.go, digest_stream.js) installs Crypto,
// SubtleCrypto and CryptoKey on a goja runtime: it converts arguments (copying every
// BufferSource, as the spec requires), turns [Error] into the DOMException or TypeError it
// names, and settles promises. A cheap Op runs at once on the loop and its promise is already
// settled; a heavy one (RSA key generation and private-key operations, PBKDF2, P-384/P-521,
// inputs over 1 MiB) runs on another goroutine through [Host].Async and settles back on the
// loop. Every SubtleCrypto method reports every error, argument conversion included, by
// rejecting its promise, as workerd does; timingSafeEqual is synchronous.
//
// CryptoKey instances carry type, extractable, algorithm and usages as own enumerable
// properties (workerd's instance properties; JSON.stringify(key) shows them), created once
// per key. crypto.DigestStream is a JS subclass of WritableStream over a Go hash.
//
// # Algorithms
//
// Digest: SHA-1, SHA-256, SHA-384, SHA-512, MD5 (Workers' non-standard extra). HMAC; AES-GCM,
// AES-CBC, AES-CTR (with counter lengths below 128 bits), AES-KW (RFC 3394, written here);
// RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP; ECDSA and ECDH on P-256, P-384, P-521; Ed25519, the
// legacy NODE-ED25519 (its own algorithm name, namedCurve "NODE-ED25519"), X25519; PBKDF2,
// HKDF. Formats raw, spki, pkcs8 and jwk where the algorithm has them; "raw-secret" and the
// other modern formats answer workerd's "requires the webcrypto_modern_algorithms flag".
//
// # Imports and threading
//
// It imports goja, runtime/internal/jsutil and the standard library. Install, the JS classes
// and every Params method belong to the goroutine that owns the runtime; Op.Run and the core
// functions' results may be used anywhere.
//
// # Deviations
//
// Deviation: Go's crypto/rsa generates keys of at least 1024 bits and with e = 65537 only;
// smaller moduli get workerd's "RSA key size is too small." and other exponents a
// NotSupportedError (workerd also allows e = 3).
//
// Deviation: RSA-PSS signing with saltLength 0 is a NotSupportedError (Go reads 0 as "the
// longest salt"), and verifying with saltLength 0 accepts any salt length.
//
// Deviation: PBKDF2 above 100000 iterations is refused with the NotSupportedError of
// Cloudflare's production runtime; local workerd (and so the goldens) has no cap.
//
// Deviation: unwrapKey of a JWK that is not JSON throws a SyntaxError with Go's message
// (what goja's JSON.parse says) instead of V8's.
//
// Spec: https://w3c.github.io/webcrypto/ ; Workers:
// https://developers.cloudflare.com/workers/runtime-apis/web-crypto/ .
package webcrypto
