package webcrypto_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	wc "github.com/edgeruntime/edge/runtime/internal/webcrypto"
)

type P = wc.MapParams

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run performs an operation and fails the test on error.
func run(t testing.TB, op wc.Op, err error) any {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	v, err := op.Run()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func importRaw(t testing.TB, raw []byte, p P, usages ...string) *wc.Key {
	t.Helper()
	k, err := wc.ImportKey("raw", raw, nil, p, true, usages)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestDigestKAT(t *testing.T) {
	for _, c := range []struct{ alg, want string }{
		{"SHA-1", "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"sha-256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"SHA-384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
		{"SHA-512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
		{"MD5", "900150983cd24fb0d6963f7d28e17f72"},
	} {
		op, err := wc.Digest(P{"name": c.alg}, []byte("abc"))
		if got := hex.EncodeToString(run(t, op, err).([]byte)); got != c.want {
			t.Errorf("%s: %s", c.alg, got)
		}
	}
	if _, err := wc.Digest(P{"name": "SHA-3"}, nil); errName(err) != "NotSupportedError" {
		t.Errorf("SHA-3: %v", err)
	}
}

func TestHMACKAT(t *testing.T) {
	// RFC 4231 test case 2.
	k := importRaw(t, []byte("Jefe"), P{"name": "HMAC", "hash": "SHA-256"}, "sign", "verify")
	data := []byte("what do ya want for nothing?")
	op, err := wc.Sign(P{"name": "HMAC"}, k, data)
	sig := run(t, op, err).([]byte)
	if got := hex.EncodeToString(sig); got != "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" {
		t.Fatalf("HMAC-SHA-256: %s", got)
	}
	op, err = wc.Verify(P{"name": "HMAC"}, k, sig, data)
	if !run(t, op, err).(bool) {
		t.Error("verify failed")
	}
	sig[0] ^= 1
	op, err = wc.Verify(P{"name": "HMAC"}, k, sig, data)
	if run(t, op, err).(bool) {
		t.Error("verify accepted a bad signature")
	}
	if k.Algorithm.Length != 32 || k.Algorithm.Hash != "SHA-256" {
		t.Errorf("algorithm %+v", k.Algorithm)
	}
}

func TestAESKAT(t *testing.T) {
	key := unhex(t, "000102030405060708090a0b0c0d0e0f")
	iv := unhex(t, "101112131415161718191a1b1c1d1e1f")
	pt := []byte("The quick brown fox jumps over the lazy dog")
	// Expected values recorded from workerd (conformance case 20-webcrypto).
	cases := []struct {
		name string
		p    P
		want string
	}{
		{"AES-GCM", P{"name": "AES-GCM", "iv": iv[:12]}, "9046668f7e3adf8c7cfd3f87a850851e5cd30ca75c8106cff6eb4667027731d9babc0153e0dc823c87cfb21ad1b27453d28aebed1a0a9bd32571ee"},
		{"AES-GCM", P{"name": "AES-GCM", "iv": iv[:12], "additionalData": []byte("hdr"), "tagLength": 96}, "9046668f7e3adf8c7cfd3f87a850851e5cd30ca75c8106cff6eb4667027731d9babc0153e0dc823c87cfb2f72d3aebea08ac54bd7edee0"},
		{"AES-CBC", P{"name": "AES-CBC", "iv": iv}, "3f619c6faefed52c801aa3d5ffd7997860d9b12a37c6847cd0c17b79579ad0b22f09b772b4c6573c46d349c9d82d30b6"},
		{"AES-CTR", P{"name": "AES-CTR", "counter": iv, "length": 64}, "53968a5490a06a0dfb2e8c63e1e3fcb3f4adbd24b279ef7235591214ee8bfe7ca244180b549f818b01f9ed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := importRaw(t, key, P{"name": c.name}, "encrypt", "decrypt")
			op, err := wc.Encrypt(c.p, k, pt)
			ct := run(t, op, err).([]byte)
			if got := hex.EncodeToString(ct); got != c.want {
				t.Fatalf("encrypt: %s", got)
			}
			op, err = wc.Decrypt(c.p, k, ct)
			if got := run(t, op, err).([]byte); !bytes.Equal(got, pt) {
				t.Fatalf("decrypt: %q", got)
			}
		})
	}
	t.Run("AES-CTR wrap", func(t *testing.T) {
		// An 8-bit counter starting at 0xff wraps to 0x00 after one block (workerd's output).
		k := importRaw(t, key, P{"name": "AES-CTR"}, "encrypt")
		op, err := wc.Encrypt(P{"name": "AES-CTR", "counter": unhex(t, "000000000000000000000000000000ff"), "length": 8}, k, make([]byte, 48))
		want := "39bbd9edf829063d5e7e702ebea40a38c6a13b37878f5b826f4f8162a1c8d8797346139595c0b41e497bbde365f42d0a"
		if got := hex.EncodeToString(run(t, op, err).([]byte)); got != want {
			t.Fatalf("got %s", got)
		}
	})
	t.Run("AES-GCM short tag and long IV", func(t *testing.T) {
		k := importRaw(t, key, P{"name": "AES-GCM"}, "encrypt", "decrypt")
		p := P{"name": "AES-GCM", "iv": make([]byte, 64), "tagLength": 64}
		op, err := wc.Encrypt(p, k, pt)
		ct := run(t, op, err).([]byte)
		op, err = wc.Decrypt(p, k, ct)
		if got := run(t, op, err).([]byte); !bytes.Equal(got, pt) {
			t.Fatalf("decrypt: %q", got)
		}
		ct[len(ct)-1] ^= 1
		if err := runErr(t)(wc.Decrypt(p, k, ct)); errName(err) != "OperationError" {
			t.Fatalf("tampered tag: %v", err)
		}
	})
}

func TestAESKW(t *testing.T) {
	// RFC 3394 §4.1 and §4.6.
	for _, c := range []struct{ kek, data, want string }{
		{"000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff", "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"},
		{"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f", "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21"},
	} {
		kek := importRaw(t, unhex(t, c.kek), P{"name": "AES-KW"}, "wrapKey", "unwrapKey")
		k := importRaw(t, unhex(t, c.data), P{"name": "AES-CBC"}, "encrypt")
		op, err := wc.WrapKey("raw", k, kek, P{"name": "AES-KW"})
		wrapped := run(t, op, err).([]byte)
		if got := hex.EncodeToString(wrapped); got != c.want {
			t.Fatalf("wrap: %s", got)
		}
		op, err = wc.UnwrapKey("raw", wrapped, kek, P{"name": "AES-KW"}, P{"name": "AES-CBC"}, true, []string{"decrypt"})
		un := run(t, op, err).(*wc.Key)
		raw, _ := wc.ExportKey("raw", un)
		if hex.EncodeToString(raw.([]byte)) != c.data {
			t.Fatalf("unwrap: %x", raw)
		}
		wrapped[3] ^= 1
		if err := runErr(t)(wc.UnwrapKey("raw", wrapped, kek, P{"name": "AES-KW"}, P{"name": "AES-CBC"}, true, []string{"decrypt"})); errName(err) != "OperationError" {
			t.Fatalf("tampered: %v", err)
		}
	}
}

func TestKDFKAT(t *testing.T) {
	pw, err := wc.ImportKey("raw", []byte("password"), nil, P{"name": "PBKDF2"}, false, []string{"deriveBits"})
	if err != nil {
		t.Fatal(err)
	}
	// RFC 6070 test 2.
	op, err := wc.DeriveBits(P{"name": "PBKDF2", "hash": "SHA-1", "salt": []byte("salt"), "iterations": 2}, pw, 160, true)
	if got := hex.EncodeToString(run(t, op, err).([]byte)); got != "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957" {
		t.Errorf("PBKDF2: %s", got)
	}
	// RFC 5869 test case 1.
	ikm, err := wc.ImportKey("raw", unhex(t, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), nil, P{"name": "HKDF"}, false, []string{"deriveBits"})
	if err != nil {
		t.Fatal(err)
	}
	op, err = wc.DeriveBits(P{"name": "HKDF", "hash": "SHA-256", "salt": unhex(t, "000102030405060708090a0b0c"), "info": unhex(t, "f0f1f2f3f4f5f6f7f8f9")}, ikm, 42*8, true)
	if got := hex.EncodeToString(run(t, op, err).([]byte)); got != "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865" {
		t.Errorf("HKDF: %s", got)
	}
}

func TestOKPKAT(t *testing.T) {
	// RFC 8032 §7.1 test 1.
	jwk := &wc.JWK{Kty: "OKP", Crv: "Ed25519", D: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", X: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
	sk, err := wc.ImportKey("jwk", nil, jwk, P{"name": "Ed25519"}, true, []string{"sign"})
	if err != nil {
		t.Fatal(err)
	}
	op, err := wc.Sign(P{"name": "Ed25519"}, sk, nil)
	want := "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
	if got := hex.EncodeToString(run(t, op, err).([]byte)); got != want {
		t.Errorf("Ed25519: %s", got)
	}
	exported, err := wc.ExportKey("jwk", sk)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := exported.(*wc.JWK).MarshalJSON()
	if got := string(b); got != `{"kty":"OKP","key_ops":["sign"],"alg":"EdDSA","ext":true,"crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}` {
		t.Errorf("jwk: %s", got)
	}
	// RFC 7748 §6.1.
	a := &wc.JWK{Kty: "OKP", Crv: "X25519", D: "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo", X: "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}
	xa, err := wc.ImportKey("jwk", nil, a, P{"name": "X25519"}, false, []string{"deriveBits"})
	if err != nil {
		t.Fatal(err)
	}
	xb := importRaw(t, unhex(t, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), P{"name": "X25519"})
	op, err = wc.DeriveBits(P{"name": "X25519", "public": xb}, xa, 0, false)
	if got := hex.EncodeToString(run(t, op, err).([]byte)); got != "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742" {
		t.Errorf("X25519: %s", got)
	}
}

func TestAsymmetricRoundTrips(t *testing.T) {
	data := []byte("message")
	for _, c := range []struct {
		gen, op P
	}{
		{P{"name": "RSASSA-PKCS1-v1_5", "modulusLength": 1024, "publicExponent": []byte{1, 0, 1}, "hash": "SHA-256"}, P{"name": "RSASSA-PKCS1-v1_5"}},
		{P{"name": "RSA-PSS", "modulusLength": 1024, "publicExponent": []byte{1, 0, 1}, "hash": "SHA-256"}, P{"name": "RSA-PSS", "saltLength": 32}},
		{P{"name": "ECDSA", "namedCurve": "P-256"}, P{"name": "ECDSA", "hash": "SHA-256"}},
		{P{"name": "ECDSA", "namedCurve": "P-521"}, P{"name": "ECDSA", "hash": "SHA-512"}},
		{P{"name": "Ed25519"}, P{"name": "Ed25519"}},
		{P{"name": "NODE-ED25519", "namedCurve": "NODE-ED25519"}, P{"name": "NODE-ED25519"}},
	} {
		t.Run(c.gen.Name(), func(t *testing.T) {
			op, err := wc.GenerateKey(c.gen, true, []string{"sign", "verify"})
			kp := run(t, op, err).(*wc.KeyPair)
			op, err = wc.Sign(c.op, kp.PrivateKey, data)
			sig := run(t, op, err).([]byte)
			// Every key survives export and import in each of its formats.
			for _, format := range []string{"spki", "jwk"} {
				pub := reimport(t, format, kp.PublicKey, c.gen, "verify")
				op, err = wc.Verify(c.op, pub, sig, data)
				if !run(t, op, err).(bool) {
					t.Fatalf("%s: verify failed", format)
				}
			}
			for _, format := range []string{"pkcs8", "jwk"} {
				priv := reimport(t, format, kp.PrivateKey, c.gen, "sign")
				op, err = wc.Sign(c.op, priv, data)
				sig2 := run(t, op, err).([]byte)
				op, err = wc.Verify(c.op, kp.PublicKey, sig2, data)
				if !run(t, op, err).(bool) {
					t.Fatalf("%s: signature of reimported key rejected", format)
				}
			}
			op, err = wc.Verify(c.op, kp.PublicKey, sig, []byte("other"))
			if run(t, op, err).(bool) {
				t.Fatal("verify accepted other data")
			}
		})
	}
}

func reimport(t *testing.T, format string, k *wc.Key, p P, usage string) *wc.Key {
	t.Helper()
	exported, err := wc.ExportKey(format, k)
	if err != nil {
		t.Fatal(err)
	}
	var out *wc.Key
	if j, ok := exported.(*wc.JWK); ok {
		b, _ := j.MarshalJSON()
		j2, err := wc.ParseJWK(b)
		if err != nil {
			t.Fatal(err)
		}
		out, err = wc.ImportKey("jwk", nil, j2, p, true, []string{usage})
		if err != nil {
			t.Fatalf("import %s: %v", format, err)
		}
		return out
	}
	out, err = wc.ImportKey(format, exported.([]byte), nil, p, true, []string{usage})
	if err != nil {
		t.Fatalf("import %s: %v", format, err)
	}
	return out
}

func TestKeyAgreement(t *testing.T) {
	for _, gen := range []P{{"name": "ECDH", "namedCurve": "P-384"}, {"name": "X25519"}} {
		op, err := wc.GenerateKey(gen, false, []string{"deriveBits"})
		a := run(t, op, err).(*wc.KeyPair)
		op, err = wc.GenerateKey(gen, false, []string{"deriveBits"})
		b := run(t, op, err).(*wc.KeyPair)
		op, err = wc.DeriveBits(P{"name": gen.Name(), "public": b.PublicKey}, a.PrivateKey, 0, false)
		ab := run(t, op, err).([]byte)
		op, err = wc.DeriveBits(P{"name": gen.Name(), "public": a.PublicKey}, b.PrivateKey, 0, false)
		ba := run(t, op, err).([]byte)
		if !bytes.Equal(ab, ba) || len(ab) == 0 {
			t.Errorf("%s: %x != %x", gen.Name(), ab, ba)
		}
	}
}

func TestRSAOAEP(t *testing.T) {
	op, err := wc.GenerateKey(P{"name": "RSA-OAEP", "modulusLength": 1024, "publicExponent": []byte{1, 0, 1}, "hash": "SHA-256"}, false, []string{"encrypt", "decrypt"})
	kp := run(t, op, err).(*wc.KeyPair)
	op, err = wc.Encrypt(P{"name": "RSA-OAEP", "label": []byte("L")}, kp.PublicKey, []byte("hi"))
	ct := run(t, op, err).([]byte)
	op, err = wc.Decrypt(P{"name": "RSA-OAEP", "label": []byte("L")}, kp.PrivateKey, ct)
	if got := run(t, op, err).([]byte); string(got) != "hi" {
		t.Fatalf("got %q", got)
	}
	if err := runErr(t)(wc.Decrypt(P{"name": "RSA-OAEP"}, kp.PrivateKey, ct)); errName(err) != "OperationError" {
		t.Fatalf("wrong label: %v", err)
	}
}

func errName(err error) string {
	var e *wc.Error
	if errors.As(err, &e) {
		return e.Name
	}
	return ""
}

func TestErrors(t *testing.T) {
	aes := importRaw(t, make([]byte, 16), P{"name": "AES-GCM"}, "encrypt")
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"usage", second(wc.Decrypt(P{"name": "AES-GCM", "iv": make([]byte, 12)}, aes, nil)), `InvalidAccessError: Requested key usage "decrypt" does not match any usage listed in this CryptoKey.`},
		{"algorithm", second(wc.Encrypt(P{"name": "AES-CBC"}, aes, nil)), `InvalidAccessError: Requested algorithm "AES-CBC" does not match this CryptoKey's algorithm "AES-GCM".`},
		{"export", second(wc.ExportKey("raw", importKey(wc.ImportKey("raw", make([]byte, 16), nil, P{"name": "AES-GCM"}, false, []string{"encrypt"})))), "InvalidAccessError: Attempt to export non-extractable AES-GCM key."},
		{"import alg", second(wc.ImportKey("raw", nil, nil, P{"name": "AES-XYZ"}, false, nil)), `NotSupportedError: Unrecognized key import algorithm "AES-XYZ" requested.`},
		{"import usage", second(wc.ImportKey("raw", make([]byte, 16), nil, P{"name": "AES-GCM"}, false, []string{"sign"})), `SyntaxError: Attempt to import secret AES-GCM key with invalid usage "sign".`},
		{"no usage", second(wc.ImportKey("raw", make([]byte, 16), nil, P{"name": "AES-GCM"}, false, nil)), "SyntaxError: Secret/private CryptoKeys must have at least one usage."},
		{"aes length", second(wc.ImportKey("raw", make([]byte, 20), nil, P{"name": "AES-GCM"}, false, []string{"encrypt"})), "DataError: Imported AES key length must be 128, 192, or 256 bits but provided 160."},
		{"missing iv", second(wc.Encrypt(P{"name": "AES-GCM"}, aes, nil)), `TypeError: Missing field "iv" in "algorithm".`},
		{"generate", second(wc.GenerateKey(P{"name": "HKDF"}, false, nil)), `NotSupportedError: Unrecognized key generation algorithm "HKDF" requested.`},
		{"pbkdf2 cap", second(wc.DeriveBits(P{"name": "PBKDF2", "hash": "SHA-256", "salt": []byte{}, "iterations": 100001}, importKey(wc.ImportKey("raw", []byte("p"), nil, P{"name": "PBKDF2"}, false, []string{"deriveBits"})), 256, true)), "NotSupportedError: Pbkdf2 failed: iteration counts above 100000 are not supported (requested 100001)."},
	}
	for _, c := range cases {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("%s: %v\n want %s", c.name, c.err, c.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func importKey(k *wc.Key, err error) *wc.Key {
	if err != nil {
		panic(err)
	}
	return k
}

func TestTimingSafeEqual(t *testing.T) {
	if eq, _ := wc.TimingSafeEqual([]byte("ab"), []byte("ab")); !eq {
		t.Error("equal inputs")
	}
	if eq, _ := wc.TimingSafeEqual([]byte("ab"), []byte("ac")); eq {
		t.Error("different inputs")
	}
	if _, err := wc.TimingSafeEqual([]byte("a"), []byte("ab")); errName(err) != "TypeError" {
		t.Errorf("lengths: %v", err)
	}
}

// runErr prepares and runs an operation that must fail when it runs.
func runErr(t testing.TB) func(op wc.Op, err error) error {
	return func(op wc.Op, err error) error {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		_, err = op.Run()
		return err
	}
}
