package runtime_test

import (
	"fmt"
	"testing"
)

// TestWebCryptoInIsolate checks what the webcrypto package cannot see on its own: heavy
// operations settling through the isolate's Async on a real server, and the global-scope rule.
func TestWebCryptoInIsolate(t *testing.T) {
	w := startJS(t, `
let atTopLevel;
try { crypto.getRandomValues(new Uint8Array(4)); atTopLevel = "no error"; } catch (e) { atTopLevel = e.message.slice(0, 41); }
const digestAtTopLevel = crypto.subtle.digest("SHA-256", new Uint8Array(0));
const secretAtTopLevel = crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]).then(() => "resolved", (e) => e.message.slice(0, 41));
export default {
  async fetch() {
    const kp = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, false, ["sign", "verify"]);
    const data = new TextEncoder().encode("hello");
    const [sig, pbkdf2] = await Promise.all([
      crypto.subtle.sign("RSASSA-PKCS1-v1_5", kp.privateKey, data),
      crypto.subtle.importKey("raw", data, "PBKDF2", false, ["deriveBits"]).then((k) =>
        crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: data, iterations: 100000 }, k, 256)),
    ]);
    const ok = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", kp.publicKey, sig, data);
    return Response.json([ok, sig.byteLength, pbkdf2.byteLength, atTopLevel, (await digestAtTopLevel).byteLength, await secretAtTopLevel]);
  },
};`)
	r := get(t, w.URL+"/")
	want := `[true,256,32,"Disallowed operation called within global",32,"Disallowed operation called within global"]`
	if r.status != 200 || r.body != want {
		t.Fatalf("%d %s, want %s", r.status, r.body, want)
	}
}

// cryptoLoopWorker runs ?n= iterations of one Web Crypto operation inside a single request, so
// a benchmark measures the JS → Go → promise path per operation rather than HTTP.
const cryptoLoopWorker = `
const enc = new TextEncoder();
const jwt = enc.encode("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOjE3MDAwMDAwMDB9");
const ops = {
  async hmac(n) {
    const key = await crypto.subtle.importKey("raw", enc.encode("a-string-secret-at-least-256-bits-long"), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    for (let i = 0; i < n; i++) {
      const sig = await crypto.subtle.sign("HMAC", key, jwt);
      if (!(await crypto.subtle.verify("HMAC", key, sig, jwt))) throw new Error("HMAC verify failed");
    }
  },
  async es256(n) {
    const kp = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    const sig = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, kp.privateKey, jwt);
    for (let i = 0; i < n; i++) {
      if (!(await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, kp.publicKey, sig, jwt))) throw new Error("ES256 verify failed");
    }
  },
};
export default {
  async fetch(request) {
    const u = new URL(request.url);
    await ops[u.pathname.slice(1)](Number(u.searchParams.get("n")));
    return new Response("ok");
  },
};`

func benchCryptoLoop(b *testing.B, op string) {
	w := startJS(b, cryptoLoopWorker)
	get(b, fmt.Sprintf("%s/%s?n=1", w.URL, op)) // warm up
	b.ReportAllocs()
	b.ResetTimer()
	if r := get(b, fmt.Sprintf("%s/%s?n=%d", w.URL, op, b.N)); r.status != 200 {
		b.Fatalf("%d %s", r.status, r.body)
	}
}

// BenchmarkHMACSHA256SignVerifyJS is one HMAC-SHA-256 sign plus one verify of a JWT-sized
// input, called from JS (an HS256 token check).
func BenchmarkHMACSHA256SignVerifyJS(b *testing.B) { benchCryptoLoop(b, "hmac") }

// BenchmarkES256VerifyJS is one ECDSA P-256 / SHA-256 verify called from JS (an ES256 token
// check).
func BenchmarkES256VerifyJS(b *testing.B) { benchCryptoLoop(b, "es256") }
