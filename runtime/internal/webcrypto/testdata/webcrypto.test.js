// Web Crypto behaviour: every algorithm's round trip, the key objects, DigestStream, and the
// error classes workerd uses. Runs in goja (webcrypto_js_test.go) with heavy operations on
// real goroutines.
const subtle = crypto.subtle;
const enc = (s) => new TextEncoder().encode(s);
const dec = (b) => new TextDecoder().decode(b);
const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
const rsaGen = (name, usages, extra = {}) =>
  subtle.generateKey({ name, modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256", ...extra }, true, usages);

test("digest returns a fresh ArrayBuffer and copies its input", async () => {
  const data = enc("abc");
  const p = subtle.digest("SHA-256", data);
  data.fill(0);
  const d = await p;
  assert(d instanceof ArrayBuffer, "ArrayBuffer");
  assertEquals(hex(d), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assertEquals(hex(await subtle.digest({ name: "md5" }, enc("abc"))), "900150983cd24fb0d6963f7d28e17f72");
});

test("a big digest runs off the loop and settles", async () => {
  const big = new Uint8Array(2 << 20).fill(0x61);
  assertEquals((await subtle.digest("SHA-1", big)).byteLength, 20);
});

test("HMAC round trip and jwk export", async () => {
  const k = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
  const sig = await subtle.sign("HMAC", k, enc("m"));
  assert(await subtle.verify("HMAC", k, sig, enc("m")), "verifies");
  assert(!(await subtle.verify("HMAC", k, sig, enc("n"))), "other data");
  const jwk = await subtle.exportKey("jwk", k);
  assertEquals([jwk.kty, jwk.alg, jwk.ext, jwk.key_ops], ["oct", "HS256", true, ["sign", "verify"]]);
  const k2 = await subtle.importKey("jwk", jwk, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  assert(await subtle.verify("HMAC", k2, sig, enc("m")), "imported jwk verifies");
});

for (const [name, params] of [
  ["AES-GCM", { iv: new Uint8Array(12), additionalData: enc("aad") }],
  ["AES-CBC", { iv: new Uint8Array(16) }],
  ["AES-CTR", { counter: new Uint8Array(16), length: 32 }],
]) {
  test(`${name} round trip`, async () => {
    const k = await subtle.generateKey({ name, length: 192 }, true, ["encrypt", "decrypt"]);
    const ct = await subtle.encrypt({ name, ...params }, k, enc("hello world"));
    assertEquals(dec(await subtle.decrypt({ name, ...params }, k, ct)), "hello world");
    assertEquals(k.algorithm, { name, length: 192 });
  });
}

test("AES-KW wraps and unwraps a raw key", async () => {
  const kek = await subtle.generateKey({ name: "AES-KW", length: 256 }, false, ["wrapKey", "unwrapKey"]);
  const k = await subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt"]);
  const wrapped = await subtle.wrapKey("raw", k, kek, "AES-KW");
  assertEquals(wrapped.byteLength, 24);
  const un = await subtle.unwrapKey("raw", wrapped, kek, "AES-KW", "AES-GCM", true, ["encrypt"]);
  assertEquals(hex(await subtle.exportKey("raw", un)), hex(await subtle.exportKey("raw", k)));
});

test("RSA signatures and OAEP run off the loop", async () => {
  for (const [name, alg] of [["RSASSA-PKCS1-v1_5", "RSASSA-PKCS1-v1_5"], ["RSA-PSS", { name: "RSA-PSS", saltLength: 32 }]]) {
    const kp = await rsaGen(name, ["sign", "verify"]);
    const sig = await subtle.sign(alg, kp.privateKey, enc("m"));
    assert(await subtle.verify(alg, kp.publicKey, sig, enc("m")), name);
    assertEquals(kp.publicKey.algorithm.publicExponent, new Uint8Array([1, 0, 1]));
  }
  const kp = await rsaGen("RSA-OAEP", ["encrypt", "decrypt"]);
  const ct = await subtle.encrypt("RSA-OAEP", kp.publicKey, enc("secret"));
  assertEquals(dec(await subtle.decrypt("RSA-OAEP", kp.privateKey, ct)), "secret");
});

test("RSA keys move through spki, pkcs8 and jwk", async () => {
  const kp = await rsaGen("RSA-PSS", ["sign", "verify"]);
  const spki = await subtle.exportKey("spki", kp.publicKey);
  const pkcs8 = await subtle.exportKey("pkcs8", kp.privateKey);
  const jwk = await subtle.exportKey("jwk", kp.privateKey);
  const pub = await subtle.importKey("spki", spki, { name: "RSA-PSS", hash: "SHA-256" }, false, ["verify"]);
  const priv = await subtle.importKey("pkcs8", pkcs8, { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]);
  const priv2 = await subtle.importKey("jwk", jwk, { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]);
  for (const k of [priv, priv2]) {
    const sig = await subtle.sign({ name: "RSA-PSS", saltLength: 20 }, k, enc("m"));
    assert(await subtle.verify({ name: "RSA-PSS", saltLength: 20 }, pub, sig, enc("m")), "verifies");
  }
  assertEquals(jwk.alg, "PS256");
});

test("ECDSA on every curve", async () => {
  for (const [namedCurve, hash, size] of [["P-256", "SHA-256", 64], ["P-384", "SHA-384", 96], ["P-521", "SHA-512", 132]]) {
    const kp = await subtle.generateKey({ name: "ECDSA", namedCurve }, true, ["sign", "verify"]);
    const sig = await subtle.sign({ name: "ECDSA", hash }, kp.privateKey, enc("m"));
    assertEquals(sig.byteLength, size);
    assert(await subtle.verify({ name: "ECDSA", hash }, kp.publicKey, sig, enc("m")), namedCurve);
    const raw = await subtle.exportKey("raw", kp.publicKey);
    const pub = await subtle.importKey("raw", raw, { name: "ECDSA", namedCurve }, true, ["verify"]);
    assert(await subtle.verify({ name: "ECDSA", hash }, pub, sig, enc("m")), "raw import");
  }
});

test("ECDH and X25519 agree and derive keys", async () => {
  for (const alg of [{ name: "ECDH", namedCurve: "P-256" }, { name: "X25519" }]) {
    const a = await subtle.generateKey(alg, false, ["deriveBits", "deriveKey"]);
    const b = await subtle.generateKey(alg, false, ["deriveBits"]);
    const ab = await subtle.deriveBits({ name: alg.name, public: b.publicKey }, a.privateKey, 256);
    const ba = await subtle.deriveBits({ name: alg.name, public: a.publicKey }, b.privateKey, 256);
    assertEquals(hex(ab), hex(ba));
    const k = await subtle.deriveKey({ name: alg.name, public: b.publicKey }, a.privateKey, { name: "AES-GCM", length: 256 }, true, ["encrypt"]);
    assertEquals(hex(await subtle.exportKey("raw", k)), hex(ab));
    assertEquals(a.publicKey.usages, []);
  }
});

test("Ed25519 and NODE-ED25519", async () => {
  const kp = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
  const sig = await subtle.sign("Ed25519", kp.privateKey, enc("m"));
  assert(await subtle.verify({ name: "Ed25519" }, kp.publicKey, sig, enc("m")), "Ed25519");
  const raw = await subtle.exportKey("raw", kp.publicKey);
  const legacy = await subtle.importKey("raw", raw, { name: "NODE-ED25519", namedCurve: "NODE-ED25519" }, false, ["verify"]);
  assert(await subtle.verify("NODE-ED25519", legacy, sig, enc("m")), "NODE-ED25519 verifies an Ed25519 signature");
  assertEquals(legacy.algorithm, { name: "NODE-ED25519", namedCurve: "NODE-ED25519" });
});

test("PBKDF2 and HKDF copy their parameters", async () => {
  const k = await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveBits"]);
  const salt = enc("salt");
  const p = subtle.deriveBits({ name: "PBKDF2", salt, iterations: 2, hash: "SHA-1" }, k, 160);
  salt.fill(0);
  assertEquals(hex(await p), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
  const h = await subtle.importKey("raw", enc("ikm"), "HKDF", false, ["deriveKey"]);
  const mac = await subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: enc("s"), info: enc("i") }, h, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  assertEquals(mac.algorithm, { name: "HMAC", hash: { name: "SHA-256" }, length: 512 });
});

test("CryptoKey objects", async () => {
  const k = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["decrypt", "encrypt"]);
  assert(k instanceof CryptoKey, "instanceof");
  assertEquals(Object.keys(k), ["usages", "algorithm", "extractable", "type"]);
  assertEquals(JSON.parse(JSON.stringify(k)), { usages: ["encrypt", "decrypt"], algorithm: { name: "AES-GCM", length: 128 }, extractable: false, type: "secret" });
  assert(k.algorithm === k.algorithm, "same algorithm object");
  k.type = "public";
  assertEquals(k.type, "secret");
  k.label = "mine";
  assertEquals(k.label, "mine");
  assertThrows(() => new CryptoKey(), "TypeError", "Illegal constructor");
  assertEquals(Object.prototype.toString.call(k), "[object CryptoKey]");
});

test("DigestStream", async () => {
  const ds = new crypto.DigestStream("SHA-256");
  const w = ds.getWriter();
  await w.write(enc("a"));
  await w.write("bc");
  await w.close();
  assertEquals(hex(await ds.digest), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assertEquals(ds.bytesWritten, 3n);
  assert(ds instanceof WritableStream, "a WritableStream");
  assertThrows(() => new crypto.DigestStream("SHA-3"), "NotSupportedError");
  const bad = new crypto.DigestStream("SHA-1");
  await assertRejects(bad.getWriter().write(42), "TypeError");
});

test("errors reject with workerd's classes", async () => {
  const aes = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);
  const cases = [
    [() => subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, aes, new Uint8Array(16)), "InvalidAccessError"],
    [() => subtle.exportKey("raw", aes), "InvalidAccessError"],
    [() => subtle.importKey("raw", new Uint8Array(5), "AES-GCM", false, ["encrypt"]), "DataError"],
    [() => subtle.importKey("raw", new Uint8Array(16), "AES-XYZ", false, ["encrypt"]), "NotSupportedError"],
    [() => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["sign"]), "SyntaxError"],
    [() => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(0) }, aes, enc("x")), "OperationError"],
    [() => subtle.encrypt({ name: "AES-GCM" }, aes, enc("x")), "TypeError"],
    [() => subtle.digest("SHA-256", "not bytes"), "TypeError"],
    [() => subtle.sign("HMAC", {}, enc("x")), "TypeError"],
    [() => rsaGen("RSA-PSS", ["sign"], { publicExponent: new Uint8Array([3]) }), "NotSupportedError"],
  ];
  for (const [fn, name] of cases) {
    const p = fn();
    assert(p instanceof Promise, "returns a promise: " + name);
    const e = await assertRejects(p, name);
    if (name !== "TypeError") assert(e instanceof DOMException, name + " is a DOMException");
  }
});

test("timingSafeEqual", () => {
  assert(subtle.timingSafeEqual(enc("abc"), enc("abc")), "equal");
  assert(!subtle.timingSafeEqual(enc("abc"), enc("abd")), "different");
  assertThrows(() => subtle.timingSafeEqual(enc("a"), enc("ab")), "TypeError", "same byte length");
});
