// Web Crypto: known-answer vectors, round trips, import/export formats, CryptoKey objects,
// wrapping, the globals and workerd's error names and messages.
import { rsaPriv, rsaPub, ecP256, ec2P256, ecP384, ec2P384, ecP521, ec2P521 } from "./keys.js";

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try {
      const v = await fn();
      out[name] = v === undefined ? "undefined" : v;
    } catch (e) {
      out[name] = { unexpectedError: `${e?.name}: ${e?.message}` };
    }
  }
  return Response.json(out);
}
const thrown = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
};
// errClass names the error's class and name (DOMException vs TypeError) without the message.
const errClass = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return `${e?.constructor?.name} ${e?.name}`;
  }
};

const subtle = crypto.subtle;

// Web Crypto during the script's top-level evaluation (outside any request).
const settled = (f) => {
  try {
    return f().then(
      (v) => "resolved " + Object.prototype.toString.call(v),
      (e) => `rejected ${e?.name}: ${e?.message}`,
    );
  } catch (e) {
    return `threw ${e?.name}: ${e?.message}`;
  }
};
const topLevel = {
  digest: settled(() => subtle.digest("SHA-256", new Uint8Array(1))),
  importKey: settled(() => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"])),
  generateKey: settled(() => subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"])),
  generateKeyPair: settled(() => subtle.generateKey("Ed25519", false, ["sign"])),
  encryptGcm: settled(async () => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]), new Uint8Array(1))),
  signHmac: settled(async () => subtle.sign("HMAC", await subtle.importKey("raw", new Uint8Array(16), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]), new Uint8Array(1))),
};
const enc = (s) => new TextEncoder().encode(s);
const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s) => new Uint8Array(s.match(/../g).map((x) => parseInt(x, 16)));
const b64 = (b) => btoa(String.fromCharCode(...new Uint8Array(b)));
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const unb64url = (s) => unb64(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
// alg renders a key's algorithm object with typed arrays as hex and nested objects expanded.
const alg = (a) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v instanceof Uint8Array ? "u8:" + hex(v) : v]));
const desc = (k) => ({ type: k.type, extractable: k.extractable, algorithm: alg(k.algorithm), usages: k.usages });
// pub and priv drop the usages and alg recorded in the fixed keys so they import for any algorithm.
const pub = (jwk) => {
  const { d, p, q, dp, dq, qi, key_ops, alg, ...rest } = jwk;
  return rest;
};
const priv = (jwk) => {
  const { key_ops, alg, ...rest } = jwk;
  return rest;
};

function digestChecks() {
  return {
    "sha1.abc": async () => hex(await subtle.digest("SHA-1", enc("abc"))),
    "sha256.abc": async () => hex(await subtle.digest("SHA-256", enc("abc"))),
    "sha384.abc": async () => hex(await subtle.digest({ name: "sha-384" }, enc("abc"))),
    "sha512.abc": async () => hex(await subtle.digest("SHA-512", enc("abc"))),
    "md5.abc": async () => hex(await subtle.digest("MD5", enc("abc"))),
    "sha256.empty": async () => hex(await subtle.digest("SHA-256", new ArrayBuffer(0))),
    "sha256.dataView": async () => hex(await subtle.digest("SHA-256", new DataView(enc("xabcx").buffer, 1, 3))),
    "sha256.million": async () => hex(await subtle.digest("SHA-256", new Uint8Array(1000000).fill(0x61))),
    "result.type": async () => Object.prototype.toString.call(await subtle.digest("SHA-256", enc(""))),
    "copiesInput": async () => {
      const b = enc("abc");
      const p = subtle.digest("SHA-256", b);
      b[0] = 0;
      return hex(await p);
    },
    "unknown": () => thrown(() => subtle.digest("SHA-999", enc("a"))),
    "notBuffer": () => errClass(() => subtle.digest("SHA-256", "abc")),
    "missingName": () => thrown(() => subtle.digest({}, enc("a"))),
    "hmacName": () => thrown(() => subtle.digest("HMAC", enc("a"))),
    "digestStream": async () => {
      const ds = new crypto.DigestStream("SHA-256");
      const w = ds.getWriter();
      await w.write(enc("a"));
      await w.write(enc("bc"));
      await w.close();
      return [hex(await ds.digest), ds instanceof WritableStream, Object.prototype.toString.call(await ds.digest)];
    },
    "digestStream.md5": async () => {
      const ds = new crypto.DigestStream("MD5");
      await new Response("abc").body.pipeTo(ds);
      return hex(await ds.digest);
    },
    "digestStream.empty": async () => {
      const ds = new crypto.DigestStream({ name: "SHA-1" });
      await ds.getWriter().close();
      return hex(await ds.digest);
    },
    "digestStream.bytesWritten": async () => {
      const ds = new crypto.DigestStream("SHA-256");
      const w = ds.getWriter();
      await w.write(enc("abcd"));
      await w.close();
      return [typeof ds.bytesWritten, Number(ds.bytesWritten)];
    },
    "digestStream.string": async () => {
      const ds = new crypto.DigestStream("SHA-256");
      const w = ds.getWriter();
      await w.write("abc");
      await w.close();
      return hex(await ds.digest);
    },
    "digestStream.unknown": () => thrown(() => new crypto.DigestStream("SHA-3")),
  };
}

function hmacChecks() {
  // RFC 4231 test case 2.
  const key = () => subtle.importKey("raw", enc("Jefe"), { name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
  const data = enc("what do ya want for nothing?");
  return {
    "sign.sha256": async () => hex(await subtle.sign("HMAC", await key(), data)),
    "sign.sha512": async () => {
      const k = await subtle.importKey("raw", enc("Jefe"), { name: "HMAC", hash: { name: "SHA-512" } }, false, ["sign"]);
      return hex(await subtle.sign({ name: "hmac" }, k, data));
    },
    "sign.sha1": async () => {
      const k = await subtle.importKey("raw", enc("Jefe"), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
      return hex(await subtle.sign("HMAC", k, data));
    },
    "verify.good": async () => {
      const k = await key();
      return subtle.verify("HMAC", k, await subtle.sign("HMAC", k, data), data);
    },
    "verify.bad": async () => subtle.verify("HMAC", await key(), new Uint8Array(32), data),
    "verify.short": async () => subtle.verify("HMAC", await key(), new Uint8Array(3), data),
    "key": async () => desc(await key()),
    "key.lengthGiven": async () =>
      desc(await subtle.importKey("raw", new Uint8Array(20), { name: "HMAC", hash: "SHA-1", length: 160 }, false, ["verify"])),
    "export.raw": async () => hex(await subtle.exportKey("raw", await key())),
    "export.jwk": async () => subtle.exportKey("jwk", await key()),
    "import.jwk": async () => {
      const k = await subtle.importKey("jwk", { kty: "oct", k: "SmVmZQ", alg: "HS256" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
      return [desc(k), hex(await subtle.sign("HMAC", k, data))];
    },
    "generate": async () => {
      const k = await subtle.generateKey({ name: "HMAC", hash: "SHA-384" }, true, ["sign", "verify"]);
      return [desc(k), (await subtle.exportKey("raw", k)).byteLength];
    },
    "generate.length": async () => {
      const k = await subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: 100 }, true, ["sign"]);
      return [desc(k), (await subtle.exportKey("raw", k)).byteLength];
    },
    "generate.sha512": async () => desc(await subtle.generateKey({ name: "HMAC", hash: "SHA-512" }, false, ["sign"])),
  };
}

function aesChecks() {
  const rawKey = unhex("000102030405060708090a0b0c0d0e0f");
  const iv = unhex("101112131415161718191a1b1c1d1e1f");
  const pt = enc("The quick brown fox jumps over the lazy dog");
  const imp = (name, usages = ["encrypt", "decrypt"], raw = rawKey) => subtle.importKey("raw", raw, name, true, usages);
  return {
    "gcm.encrypt": async () => hex(await subtle.encrypt({ name: "AES-GCM", iv: iv.slice(0, 12) }, await imp("AES-GCM"), pt)),
    "gcm.aad": async () =>
      hex(await subtle.encrypt({ name: "AES-GCM", iv: iv.slice(0, 12), additionalData: enc("hdr"), tagLength: 96 }, await imp("AES-GCM"), pt)),
    "gcm.roundTrip": async () => {
      const k = await imp("AES-GCM");
      const ct = await subtle.encrypt({ name: "AES-GCM", iv }, k, pt);
      return new TextDecoder().decode(await subtle.decrypt({ name: "AES-GCM", iv }, k, ct));
    },
    "gcm.tampered": async () => {
      const k = await imp("AES-GCM");
      const ct = new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv }, k, pt));
      ct[0] ^= 1;
      return thrown(() => subtle.decrypt({ name: "AES-GCM", iv }, k, ct));
    },
    "gcm.badTagLength": async () => thrown(async () => subtle.encrypt({ name: "AES-GCM", iv, tagLength: 100 }, await imp("AES-GCM"), pt)),
    "gcm.emptyIv": async () => thrown(async () => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(0) }, await imp("AES-GCM"), pt)),
    "gcm.noIv": async () => thrown(async () => subtle.encrypt({ name: "AES-GCM" }, await imp("AES-GCM"), pt)),
    "cbc.encrypt": async () => hex(await subtle.encrypt({ name: "AES-CBC", iv }, await imp("AES-CBC"), pt)),
    "cbc.roundTrip": async () => {
      const k = await imp("AES-CBC");
      return new TextDecoder().decode(await subtle.decrypt({ name: "AES-CBC", iv }, k, await subtle.encrypt({ name: "AES-CBC", iv }, k, pt)));
    },
    "cbc.badIv": async () => thrown(async () => subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(8) }, await imp("AES-CBC"), pt)),
    "cbc.badPadding": async () => thrown(async () => subtle.decrypt({ name: "AES-CBC", iv }, await imp("AES-CBC"), new Uint8Array(16))),
    "cbc.badLength": async () => thrown(async () => subtle.decrypt({ name: "AES-CBC", iv }, await imp("AES-CBC"), new Uint8Array(15))),
    "ctr.encrypt": async () => hex(await subtle.encrypt({ name: "AES-CTR", counter: iv, length: 64 }, await imp("AES-CTR"), pt)),
    "ctr.wrap": async () => {
      const counter = unhex("000000000000000000000000000000ff");
      return hex(await subtle.encrypt({ name: "AES-CTR", counter, length: 8 }, await imp("AES-CTR"), new Uint8Array(48)));
    },
    "ctr.badLength": async () => thrown(async () => subtle.encrypt({ name: "AES-CTR", counter: iv, length: 0 }, await imp("AES-CTR"), pt)),
    "ctr.badCounter": async () => thrown(async () => subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(8), length: 64 }, await imp("AES-CTR"), pt)),
    "kw.wrapRfc3394": async () => {
      // RFC 3394 §4.1: 128-bit KEK wraps 128 bits of key data.
      const kek = await subtle.importKey("raw", rawKey, "AES-KW", false, ["wrapKey", "unwrapKey"]);
      const data = await subtle.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-CBC", true, ["encrypt"]);
      return hex(await subtle.wrapKey("raw", data, kek, "AES-KW"));
    },
    "kw.unwrapBad": async () => {
      const kek = await subtle.importKey("raw", rawKey, "AES-KW", false, ["wrapKey", "unwrapKey"]);
      return thrown(() => subtle.unwrapKey("raw", new Uint8Array(24), kek, "AES-KW", "AES-CBC", true, ["encrypt"]));
    },
    "kw.encryptUsage": async () => thrown(() => subtle.importKey("raw", rawKey, "AES-KW", false, ["encrypt"])),
    "key.gcm": async () => desc(await imp("AES-GCM")),
    "key.256": async () => desc(await imp("AES-CBC", ["decrypt"], new Uint8Array(32))),
    "import.badLength": () => thrown(() => imp("AES-GCM", ["encrypt"], new Uint8Array(20))),
    "export.jwk128gcm": async () => subtle.exportKey("jwk", await imp("AES-GCM")),
    "export.jwk256cbc": async () => subtle.exportKey("jwk", await imp("AES-CBC", ["encrypt"], new Uint8Array(32))),
    "export.jwk192ctr": async () => subtle.exportKey("jwk", await imp("AES-CTR", ["encrypt"], new Uint8Array(24))),
    "export.jwkKw": async () => subtle.exportKey("jwk", await imp("AES-KW", ["wrapKey"])),
    "import.jwk": async () => desc(await subtle.importKey("jwk", { kty: "oct", k: "AAECAwQFBgcICQoLDA0ODw", alg: "A128GCM", ext: true }, "AES-GCM", false, ["decrypt"])),
    "import.jwkBadAlg": () => thrown(() => subtle.importKey("jwk", { kty: "oct", k: "AAECAwQFBgcICQoLDA0ODw", alg: "A256GCM" }, "AES-GCM", false, ["decrypt"])),
    "generate": async () => {
      const k = await subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt"]);
      return [desc(k), (await subtle.exportKey("raw", k)).byteLength];
    },
    "generate.badLength": () => thrown(() => subtle.generateKey({ name: "AES-GCM", length: 64 }, true, ["encrypt"])),
    "generate.noLength": () => thrown(() => subtle.generateKey({ name: "AES-CBC" }, true, ["encrypt"])),
  };
}

function rsaChecks() {
  const data = enc("hello rsa");
  const imp = (name, jwk, usages, hash = "SHA-256") => subtle.importKey("jwk", jwk === rsaPriv ? priv(jwk) : jwk === rsaPub ? pub(jwk) : jwk, { name, hash }, true, usages);
  return {
    "pkcs1.sign": async () => b64(await subtle.sign("RSASSA-PKCS1-v1_5", await imp("RSASSA-PKCS1-v1_5", rsaPriv, ["sign"]), data)),
    "pkcs1.verify": async () => {
      const sig = await subtle.sign("RSASSA-PKCS1-v1_5", await imp("RSASSA-PKCS1-v1_5", rsaPriv, ["sign"]), data);
      const k = await imp("RSASSA-PKCS1-v1_5", rsaPub, ["verify"]);
      return [await subtle.verify("RSASSA-PKCS1-v1_5", k, sig, data), await subtle.verify("RSASSA-PKCS1-v1_5", k, sig, enc("other"))];
    },
    "pkcs1.sha512": async () => b64(await subtle.sign("RSASSA-PKCS1-v1_5", await imp("RSASSA-PKCS1-v1_5", rsaPriv, ["sign"], "SHA-512"), data)),
    "pss.roundTrip": async () => {
      const sig = await subtle.sign({ name: "RSA-PSS", saltLength: 32 }, await imp("RSA-PSS", rsaPriv, ["sign"]), data);
      const k = await imp("RSA-PSS", rsaPub, ["verify"]);
      return [sig.byteLength, await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, k, sig, data), await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, k, sig, enc("x"))];
    },
    "pss.zeroSalt": async () => {
      const k = await imp("RSA-PSS", rsaPriv, ["sign"]);
      const a = await subtle.sign({ name: "RSA-PSS", saltLength: 0 }, k, data);
      const b = await subtle.sign({ name: "RSA-PSS", saltLength: 0 }, k, data);
      return hex(a) === hex(b);
    },
    "oaep.roundTrip": async () => {
      const pk = await imp("RSA-OAEP", rsaPub, ["encrypt"]);
      const sk = await imp("RSA-OAEP", rsaPriv, ["decrypt"]);
      const ct = await subtle.encrypt({ name: "RSA-OAEP", label: enc("L") }, pk, data);
      return [ct.byteLength, new TextDecoder().decode(await subtle.decrypt({ name: "RSA-OAEP", label: enc("L") }, sk, ct))];
    },
    "oaep.wrongLabel": async () => {
      const pk = await imp("RSA-OAEP", rsaPub, ["encrypt"]);
      const sk = await imp("RSA-OAEP", rsaPriv, ["decrypt"]);
      const ct = await subtle.encrypt({ name: "RSA-OAEP", label: enc("L") }, pk, data);
      return thrown(() => subtle.decrypt({ name: "RSA-OAEP" }, sk, ct));
    },
    "oaep.tooLong": async () => thrown(async () => subtle.encrypt("RSA-OAEP", await imp("RSA-OAEP", rsaPub, ["encrypt"]), new Uint8Array(300))),
    "key.private": async () => desc(await imp("RSASSA-PKCS1-v1_5", rsaPriv, ["sign"])),
    "key.public": async () => desc(await imp("RSA-PSS", rsaPub, ["verify"], "SHA-384")),
    "export.jwkPrivate": async () => {
      const j = await subtle.exportKey("jwk", await imp("RSASSA-PKCS1-v1_5", rsaPriv, ["sign"]));
      return [Object.keys(j), j.alg, j.n === rsaPriv.n, j.d === rsaPriv.d, j.qi === rsaPriv.qi, j.key_ops, j.ext];
    },
    "export.jwkAlgs": async () => {
      const out = [];
      for (const [name, usages, pubKey] of [["RSASSA-PKCS1-v1_5", ["verify"], rsaPub], ["RSA-PSS", ["verify"], rsaPub], ["RSA-OAEP", ["encrypt"], rsaPub]]) {
        for (const hash of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
          out.push((await subtle.exportKey("jwk", await imp(name, pub(pubKey), usages, hash))).alg);
        }
      }
      return out;
    },
    "spki.roundTrip": async () => {
      const k = await imp("RSASSA-PKCS1-v1_5", pub(rsaPub), ["verify"]);
      const spki = await subtle.exportKey("spki", k);
      const k2 = await subtle.importKey("spki", spki, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["verify"]);
      return [b64(spki).slice(0, 40), (await subtle.exportKey("jwk", k2)).n === rsaPub.n, desc(k2)];
    },
    "pkcs8.roundTrip": async () => {
      const k = await imp("RSA-PSS", rsaPriv, ["sign"]);
      const p8 = await subtle.exportKey("pkcs8", k);
      const k2 = await subtle.importKey("pkcs8", p8, { name: "RSA-PSS", hash: "SHA-256" }, true, ["sign"]);
      const j = await subtle.exportKey("jwk", k2);
      return [b64(p8).slice(0, 40), j.d === rsaPriv.d, j.dp === rsaPriv.dp];
    },
    "generate": async () => {
      const kp = await subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
      const sig = await subtle.sign("RSASSA-PKCS1-v1_5", kp.privateKey, data);
      return [Object.prototype.toString.call(kp), Object.keys(kp), desc(kp.publicKey), desc(kp.privateKey), await subtle.verify("RSASSA-PKCS1-v1_5", kp.publicKey, sig, data)];
    },
    "generate.oaepUsages": async () => {
      const kp = await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" }, false, ["encrypt", "decrypt", "wrapKey", "unwrapKey"]);
      return [desc(kp.publicKey), desc(kp.privateKey)];
    },
    "import.publicSignUsage": () => thrown(() => imp("RSASSA-PKCS1-v1_5", pub(rsaPub), ["sign"])),
    "import.badJwk": () => thrown(() => imp("RSASSA-PKCS1-v1_5", { kty: "RSA", n: "AQAB" }, ["verify"])),
    "import.spkiGarbage": () => thrown(() => subtle.importKey("spki", new Uint8Array([1, 2, 3]), { name: "RSA-PSS", hash: "SHA-256" }, true, ["verify"])),
    "import.noHash": () => thrown(() => subtle.importKey("jwk", rsaPub, { name: "RSA-PSS" }, true, ["verify"])),
    "import.jwkAlgMismatch": () => thrown(() => imp("RSASSA-PKCS1-v1_5", { ...pub(rsaPub), alg: "RS384" }, ["verify"])),
    "export.rawRsa": async () => thrown(async () => subtle.exportKey("raw", await imp("RSASSA-PKCS1-v1_5", pub(rsaPub), ["verify"]))),
  };
}

function ecChecks() {
  const data = enc("hello ec");
  const curves = [["P-256", ecP256, ec2P256, "SHA-256"], ["P-384", ecP384, ec2P384, "SHA-384"], ["P-521", ecP521, ec2P521, "SHA-512"]];
  const checks = {};
  for (const [curve, a, b, hash] of curves) {
    checks[`ecdsa.${curve}`] = async () => {
      const sk = await subtle.importKey("jwk", a, { name: "ECDSA", namedCurve: curve }, true, ["sign"]);
      const pk = await subtle.importKey("jwk", pub(a), { name: "ECDSA", namedCurve: curve }, true, ["verify"]);
      const sig = await subtle.sign({ name: "ECDSA", hash }, sk, data);
      return [sig.byteLength, await subtle.verify({ name: "ECDSA", hash }, pk, sig, data), await subtle.verify({ name: "ECDSA", hash }, pk, sig, enc("x")), desc(sk), desc(pk)];
    };
    checks[`ecdh.${curve}`] = async () => {
      const skA = await subtle.importKey("jwk", priv(a), { name: "ECDH", namedCurve: curve }, true, ["deriveBits"]);
      const skB = await subtle.importKey("jwk", priv(b), { name: "ECDH", namedCurve: curve }, true, ["deriveBits", "deriveKey"]);
      const pkA = await subtle.importKey("jwk", pub(a), { name: "ECDH", namedCurve: curve }, true, []);
      const pkB = await subtle.importKey("jwk", pub(b), { name: "ECDH", namedCurve: curve }, true, []);
      const ab = await subtle.deriveBits({ name: "ECDH", public: pkB }, skA, null);
      const ba = await subtle.deriveBits({ name: "ECDH", public: pkA }, skB, null);
      return [hex(ab) === hex(ba), ab.byteLength, desc(skB), desc(pkA)];
    };
    checks[`formats.${curve}`] = async () => {
      const pk = await subtle.importKey("jwk", pub(a), { name: "ECDSA", namedCurve: curve }, true, ["verify"]);
      const raw = await subtle.exportKey("raw", pk);
      const spki = await subtle.exportKey("spki", pk);
      const sk = await subtle.importKey("jwk", a, { name: "ECDSA", namedCurve: curve }, true, ["sign"]);
      const p8 = await subtle.exportKey("pkcs8", sk);
      const sk2 = await subtle.importKey("pkcs8", p8, { name: "ECDSA", namedCurve: curve }, true, ["sign"]);
      const pk2 = await subtle.importKey("raw", raw, { name: "ECDSA", namedCurve: curve }, true, ["verify"]);
      const pk3 = await subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: curve }, true, ["verify"]);
      const j2 = await subtle.exportKey("jwk", sk2);
      return [raw.byteLength, b64(spki).slice(0, 36), spki.byteLength, p8.byteLength, j2.d === a.d, Object.keys(j2), (await subtle.exportKey("jwk", pk2)).x === a.x, (await subtle.exportKey("jwk", pk3)).y === a.y];
    };
  }
  return {
    ...checks,
    "ecdh.deriveKey": async () => {
      const skA = await subtle.importKey("jwk", priv(ecP256), { name: "ECDH", namedCurve: "P-256" }, true, ["deriveKey"]);
      const pkB = await subtle.importKey("jwk", pub(ec2P256), { name: "ECDH", namedCurve: "P-256" }, true, []);
      const k = await subtle.deriveKey({ name: "ECDH", public: pkB }, skA, { name: "AES-GCM", length: 128 }, true, ["encrypt"]);
      return desc(k);
    },
    "ecdh.deriveBitsLength": async () => {
      const skA = await subtle.importKey("jwk", priv(ecP256), { name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
      const pkB = await subtle.importKey("jwk", pub(ec2P256), { name: "ECDH", namedCurve: "P-256" }, true, []);
      const full = await subtle.deriveBits({ name: "ECDH", public: pkB }, skA, 256);
      const part = await subtle.deriveBits({ name: "ECDH", public: pkB }, skA, 128);
      return [full.byteLength, hex(part) === hex(full).slice(0, 32), await thrown(() => subtle.deriveBits({ name: "ECDH", public: pkB }, skA, 512))];
    },
    "ecdh.curveMismatch": async () => {
      const skA = await subtle.importKey("jwk", priv(ecP256), { name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
      const pkB = await subtle.importKey("jwk", pub(ec2P384), { name: "ECDH", namedCurve: "P-384" }, true, []);
      return thrown(() => subtle.deriveBits({ name: "ECDH", public: pkB }, skA, 256));
    },
    "ecdsa.verifyFixed": async () => {
      // A P-256 signature made once with this key (r||s).
      const pk = await subtle.importKey("jwk", pub(ecP256), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
      const sk = await subtle.importKey("jwk", ecP256, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
      const sig = new Uint8Array(await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, sk, data));
      const der = new Uint8Array(72);
      return [await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pk, sig.slice(0, 63), data), await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pk, der, data)];
    },
    "generate": async () => {
      const kp = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign", "verify"]);
      return [desc(kp.publicKey), desc(kp.privateKey), (await subtle.exportKey("raw", kp.publicKey)).byteLength];
    },
    "generate.ecdh": async () => {
      const kp = await subtle.generateKey({ name: "ECDH", namedCurve: "P-521" }, false, ["deriveBits"]);
      return [desc(kp.publicKey), desc(kp.privateKey)];
    },
    "generate.badCurve": () => thrown(() => subtle.generateKey({ name: "ECDSA", namedCurve: "P-192" }, true, ["sign"])),
    "import.curveMismatch": () => thrown(() => subtle.importKey("jwk", ecP256, { name: "ECDSA", namedCurve: "P-384" }, true, ["sign"])),
    "import.badPoint": () => thrown(() => subtle.importKey("raw", new Uint8Array(65), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"])),
    "import.compressed": async () => {
      const pk = await subtle.importKey("jwk", pub(ecP256), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
      const raw = new Uint8Array(await subtle.exportKey("raw", pk));
      const c = new Uint8Array(33);
      c[0] = 2 + (raw[64] & 1);
      c.set(raw.slice(1, 33), 1);
      const k = await subtle.importKey("raw", c, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
      return hex(await subtle.exportKey("raw", k)) === hex(raw);
    },
    "export.rawPrivate": async () => thrown(async () => subtle.exportKey("raw", await subtle.importKey("jwk", ecP256, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]))),
  };
}

function okpChecks() {
  // RFC 8032 §7.1 test 1 and RFC 7748 §6.1.
  const edSecret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  const edPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  const edSig = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  const xA = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
  const xApub = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
  const xBpub = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
  const shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
  const jwkPriv = (crv, d, x) => ({ kty: "OKP", crv, d: b64url(unhex(d)), x: b64url(unhex(x)) });
  const b64url = (b) => b64(b).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return {
    "ed25519.sign": async () => {
      const sk = await subtle.importKey("jwk", jwkPriv("Ed25519", edSecret, edPublic), "Ed25519", true, ["sign"]);
      return hex(await subtle.sign("Ed25519", sk, new Uint8Array(0)));
    },
    "ed25519.verify": async () => {
      const pk = await subtle.importKey("raw", unhex(edPublic), { name: "Ed25519" }, true, ["verify"]);
      return [await subtle.verify("Ed25519", pk, unhex(edSig), new Uint8Array(0)), await subtle.verify("Ed25519", pk, unhex(edSig), new Uint8Array(1))];
    },
    "ed25519.keys": async () => {
      const sk = await subtle.importKey("jwk", jwkPriv("Ed25519", edSecret, edPublic), "Ed25519", true, ["sign"]);
      const pk = await subtle.importKey("raw", unhex(edPublic), "Ed25519", true, ["verify"]);
      return [desc(sk), desc(pk), await subtle.exportKey("jwk", sk), await subtle.exportKey("jwk", pk), b64(await subtle.exportKey("spki", pk)), b64(await subtle.exportKey("pkcs8", sk))];
    },
    "ed25519.pkcs8Import": async () => {
      const sk = await subtle.importKey("jwk", jwkPriv("Ed25519", edSecret, edPublic), "Ed25519", true, ["sign"]);
      const sk2 = await subtle.importKey("pkcs8", await subtle.exportKey("pkcs8", sk), "Ed25519", false, ["sign"]);
      return hex(await subtle.sign("Ed25519", sk2, new Uint8Array(0))) === edSig;
    },
    "ed25519.generate": async () => {
      const kp = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
      const sig = await subtle.sign("Ed25519", kp.privateKey, enc("m"));
      return [desc(kp.publicKey), desc(kp.privateKey), await subtle.verify("Ed25519", kp.publicKey, sig, enc("m"))];
    },
    "nodeEd25519.import": async () => {
      const pk = await subtle.importKey("raw", unhex(edPublic), { name: "NODE-ED25519", namedCurve: "NODE-ED25519" }, true, ["verify"]);
      return [desc(pk), await subtle.verify({ name: "NODE-ED25519" }, pk, unhex(edSig), new Uint8Array(0))];
    },
    "nodeEd25519.generate": async () => {
      const kp = await subtle.generateKey({ name: "NODE-ED25519", namedCurve: "NODE-ED25519" }, true, ["sign", "verify"]);
      return [desc(kp.publicKey), desc(kp.privateKey), (await subtle.exportKey("jwk", kp.publicKey)).crv];
    },
    "nodeEd25519.noCurve": () => thrown(() => subtle.importKey("raw", unhex(edPublic), { name: "NODE-ED25519" }, true, ["verify"])),
    "x25519.derive": async () => {
      const sk = await subtle.importKey("jwk", jwkPriv("X25519", xA, xApub), "X25519", true, ["deriveBits"]);
      const pk = await subtle.importKey("raw", unhex(xBpub), "X25519", true, []);
      return hex(await subtle.deriveBits({ name: "X25519", public: pk }, sk, 256)) === shared;
    },
    "x25519.keys": async () => {
      const sk = await subtle.importKey("jwk", jwkPriv("X25519", xA, xApub), { name: "X25519" }, true, ["deriveKey", "deriveBits"]);
      const pk = await subtle.importKey("raw", unhex(xBpub), "X25519", true, []);
      return [desc(sk), desc(pk), await subtle.exportKey("jwk", sk), b64(await subtle.exportKey("spki", pk)), b64(await subtle.exportKey("pkcs8", sk))];
    },
    "x25519.generate": async () => {
      const a = await subtle.generateKey("X25519", true, ["deriveBits"]);
      const b = await subtle.generateKey("X25519", true, ["deriveBits"]);
      const ab = await subtle.deriveBits({ name: "X25519", public: b.publicKey }, a.privateKey, 256);
      const ba = await subtle.deriveBits({ name: "X25519", public: a.publicKey }, b.privateKey, 256);
      return [desc(a.publicKey), desc(a.privateKey), hex(ab) === hex(ba)];
    },
    "x25519.deriveKey": async () => {
      const sk = await subtle.importKey("jwk", jwkPriv("X25519", xA, xApub), "X25519", true, ["deriveKey"]);
      const pk = await subtle.importKey("raw", unhex(xBpub), "X25519", true, []);
      const k = await subtle.deriveKey({ name: "X25519", public: pk }, sk, { name: "HMAC", hash: "SHA-256", length: 256 }, true, ["sign"]);
      return [desc(k), hex(await subtle.exportKey("raw", k)) === shared];
    },
    "ed25519.badRaw": () => thrown(() => subtle.importKey("raw", new Uint8Array(31), "Ed25519", true, ["verify"])),
    "ed25519.rawPrivate": () => thrown(() => subtle.importKey("raw", unhex(edSecret), "Ed25519", true, ["sign"])),
    "ed25519.badUsage": () => thrown(() => subtle.generateKey("Ed25519", true, ["encrypt"])),
  };
}

function kdfChecks() {
  return {
    "pbkdf2.sha1": async () => {
      // RFC 6070 test 2.
      const k = await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveBits"]);
      return hex(await subtle.deriveBits({ name: "PBKDF2", salt: enc("salt"), iterations: 2, hash: "SHA-1" }, k, 160));
    },
    "pbkdf2.sha256": async () => {
      const k = await subtle.importKey("raw", enc("password"), { name: "PBKDF2" }, false, ["deriveBits"]);
      return hex(await subtle.deriveBits({ name: "PBKDF2", salt: enc("salt"), iterations: 4096, hash: "SHA-256" }, k, 256));
    },
    "pbkdf2.key": async () => desc(await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveBits", "deriveKey"])),
    "pbkdf2.deriveKey": async () => {
      const k = await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveKey"]);
      const aes = await subtle.deriveKey({ name: "PBKDF2", salt: enc("salt"), iterations: 1000, hash: "SHA-256" }, k, { name: "AES-CBC", length: 256 }, true, ["encrypt", "decrypt"]);
      return [desc(aes), hex(await subtle.exportKey("raw", aes))];
    },
    "pbkdf2.deriveHmac": async () => {
      const k = await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveKey"]);
      const h = await subtle.deriveKey({ name: "PBKDF2", salt: enc("salt"), iterations: 10, hash: "SHA-256" }, k, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
      return [desc(h), hex(await subtle.exportKey("raw", h))];
    },
    "pbkdf2.extractable": () => thrown(() => subtle.importKey("raw", enc("password"), "PBKDF2", true, ["deriveBits"])),
    "pbkdf2.zeroIterations": async () => {
      const k = await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveBits"]);
      return thrown(() => subtle.deriveBits({ name: "PBKDF2", salt: enc("salt"), iterations: 0, hash: "SHA-256" }, k, 256));
    },
    "pbkdf2.nullLength": async () => {
      const k = await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveBits"]);
      return thrown(() => subtle.deriveBits({ name: "PBKDF2", salt: enc("salt"), iterations: 1, hash: "SHA-256" }, k, null));
    },
    "pbkdf2.oddLength": async () => {
      const k = await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveBits"]);
      return thrown(() => subtle.deriveBits({ name: "PBKDF2", salt: enc("salt"), iterations: 1, hash: "SHA-256" }, k, 7));
    },
    "pbkdf2.exportJwk": async () => thrown(async () => subtle.exportKey("raw", await subtle.importKey("raw", enc("p"), "PBKDF2", false, ["deriveBits"]))),
    "hkdf.rfc5869": async () => {
      // RFC 5869 test case 1.
      const k = await subtle.importKey("raw", unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), "HKDF", false, ["deriveBits"]);
      return hex(await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: unhex("000102030405060708090a0b0c"), info: unhex("f0f1f2f3f4f5f6f7f8f9") }, k, 42 * 8));
    },
    "hkdf.emptySalt": async () => {
      const k = await subtle.importKey("raw", enc("ikm"), "HKDF", false, ["deriveBits"]);
      return hex(await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new Uint8Array(0) }, k, 128));
    },
    "hkdf.key": async () => desc(await subtle.importKey("raw", enc("ikm"), "HKDF", false, ["deriveKey"])),
    "hkdf.deriveKey": async () => {
      const k = await subtle.importKey("raw", enc("ikm"), "HKDF", false, ["deriveKey"]);
      const h = await subtle.deriveKey({ name: "HKDF", hash: "SHA-512", salt: enc("s"), info: enc("i") }, k, { name: "AES-KW", length: 192 }, true, ["wrapKey"]);
      return [desc(h), hex(await subtle.exportKey("raw", h))];
    },
    "hkdf.tooLong": async () => {
      const k = await subtle.importKey("raw", enc("ikm"), "HKDF", false, ["deriveBits"]);
      return thrown(() => subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: enc("s"), info: enc("i") }, k, 255 * 256 + 8));
    },
    "hkdf.noInfo": async () => {
      const k = await subtle.importKey("raw", enc("ikm"), "HKDF", false, ["deriveBits"]);
      return thrown(() => subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: enc("s") }, k, 128));
    },
    "hkdf.generate": () => thrown(() => subtle.generateKey({ name: "HKDF" }, false, ["deriveBits"])),
  };
}

function wrapChecks() {
  return {
    "kw.jwkRoundTrip": async () => {
      const kek = await subtle.importKey("raw", new Uint8Array(32).fill(7), "AES-KW", false, ["wrapKey", "unwrapKey"]);
      const hmac = await subtle.importKey("raw", enc("0123456789abcdef"), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
      const wrapped = await subtle.wrapKey("raw", hmac, kek, "AES-KW");
      const un = await subtle.unwrapKey("raw", wrapped, kek, { name: "AES-KW" }, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return [hex(wrapped), desc(un), hex(await subtle.sign("HMAC", un, enc("x"))) === hex(await subtle.sign("HMAC", hmac, enc("x")))];
    },
    "kw.jwkNotMultipleOf8": async () => {
      const kek = await subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["wrapKey"]);
      const hmac = await subtle.importKey("raw", enc("0123456789abcdef"), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
      return thrown(() => subtle.wrapKey("jwk", hmac, kek, "AES-KW"));
    },
    "gcm.jwk": async () => {
      const kek = await subtle.importKey("raw", new Uint8Array(16).fill(1), "AES-GCM", false, ["wrapKey", "unwrapKey"]);
      const iv = new Uint8Array(12);
      const ec = await subtle.importKey("jwk", ecP256, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
      const wrapped = await subtle.wrapKey("jwk", ec, kek, { name: "AES-GCM", iv });
      const plain = JSON.parse(new TextDecoder().decode(await subtle.decrypt({ name: "AES-GCM", iv }, await subtle.importKey("raw", new Uint8Array(16).fill(1), "AES-GCM", false, ["decrypt"]), wrapped)));
      const un = await subtle.unwrapKey("jwk", wrapped, kek, { name: "AES-GCM", iv }, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
      return [Object.keys(plain).sort(), plain.d === ecP256.d, desc(un)];
    },
    "oaep.raw": async () => {
      const pk = await subtle.importKey("jwk", pub(rsaPub), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["wrapKey"]);
      const sk = await subtle.importKey("jwk", priv(rsaPriv), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["unwrapKey"]);
      const aes = await subtle.importKey("raw", new Uint8Array(16).fill(9), "AES-CTR", true, ["encrypt"]);
      const wrapped = await subtle.wrapKey("raw", aes, pk, "RSA-OAEP");
      const un = await subtle.unwrapKey("raw", wrapped, sk, "RSA-OAEP", "AES-CTR", true, ["encrypt", "decrypt"]);
      return [wrapped.byteLength, desc(un), hex(await subtle.exportKey("raw", un))];
    },
    "nonExtractable": async () => {
      const kek = await subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["wrapKey"]);
      const k = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);
      return thrown(() => subtle.wrapKey("raw", k, kek, "AES-KW"));
    },
    "wrongUsage": async () => {
      const kek = await subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["unwrapKey"]);
      const k = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]);
      return thrown(() => subtle.wrapKey("raw", k, kek, "AES-KW"));
    },
  };
}

function classChecks() {
  return {
    "globals": () => [typeof SubtleCrypto, typeof CryptoKey, typeof Crypto, typeof CryptoKeyPair],
    "instances": async () => {
      const k = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]);
      return [crypto instanceof Crypto, subtle instanceof SubtleCrypto, k instanceof CryptoKey, Object.prototype.toString.call(k), Object.prototype.toString.call(subtle), Object.prototype.toString.call(crypto), crypto.subtle === crypto.subtle];
    },
    "newCryptoKey": () => thrown(() => new CryptoKey()),
    "newSubtleCrypto": () => thrown(() => new SubtleCrypto()),
    "newCrypto": () => thrown(() => new Crypto()),
    "keyOwnProps": async () => {
      const k = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]);
      return [Object.keys(k), Object.getOwnPropertyNames(CryptoKey.prototype).sort(), JSON.stringify(k)];
    },
    "subtleProto": () => Object.getOwnPropertyNames(SubtleCrypto.prototype).sort(),
    "cryptoProto": () => Object.getOwnPropertyNames(Crypto.prototype).sort(),
    "algorithmSame": async () => {
      const k = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]);
      return [k.algorithm === k.algorithm, k.usages === k.usages];
    },
    "usagesOrder": async () => {
      const k = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["decrypt", "wrapKey", "encrypt", "decrypt"]);
      return k.usages;
    },
    "timingSafeEqual": () => [
      subtle.timingSafeEqual(enc("abc"), enc("abc")),
      subtle.timingSafeEqual(enc("abc"), enc("abd")),
      subtle.timingSafeEqual(new ArrayBuffer(4), new Uint32Array(1)),
    ],
    "timingSafeEqual.lengths": () => thrown(() => subtle.timingSafeEqual(enc("a"), enc("ab"))),
    "timingSafeEqual.notBuffer": () => errClass(() => subtle.timingSafeEqual("a", "a")),
    "digestLength": () => [subtle.digest.length, subtle.importKey.length, subtle.encrypt.length, subtle.deriveKey.length, subtle.unwrapKey.length],
    "unbound": () => errClass(() => SubtleCrypto.prototype.digest.call({}, "SHA-256", enc("a"))),
  };
}

function errorChecks() {
  const aes = () => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);
  const hmac = () => subtle.importKey("raw", enc("k"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return {
    "usage.wrong": async () => thrown(async () => subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, await aes(), new Uint8Array(32))),
    "usage.wrongClass": async () => errClass(async () => subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, await aes(), new Uint8Array(32))),
    "usage.verify": async () => thrown(async () => subtle.verify("HMAC", await hmac(), new Uint8Array(32), enc("x"))),
    "algorithm.mismatch": async () => thrown(async () => subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, await aes(), enc("x"))),
    "export.nonExtractable": async () => thrown(async () => subtle.exportKey("raw", await aes())),
    "export.badFormat": async () => thrown(async () => subtle.exportKey("pem", await aes())),
    "export.spkiSecret": async () => thrown(async () => subtle.exportKey("spki", await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]))),
    "import.unknownAlg": () => thrown(() => subtle.importKey("raw", new Uint8Array(16), "AES-XYZ", false, ["encrypt"])),
    "import.unknownAlgClass": () => errClass(() => subtle.importKey("raw", new Uint8Array(16), "AES-XYZ", false, ["encrypt"])),
    "import.badFormat": () => thrown(() => subtle.importKey("pem", new Uint8Array(16), "AES-GCM", false, ["encrypt"])),
    "import.badUsage": () => thrown(() => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["sign"])),
    "import.unknownUsage": () => thrown(() => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["fly"])),
    "import.emptyUsages": () => thrown(() => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, [])),
    "import.hmacEmptyUsages": () => thrown(() => subtle.importKey("raw", enc("k"), { name: "HMAC", hash: "SHA-256" }, false, [])),
    "import.hmacEmptyKey": () => thrown(() => subtle.importKey("raw", new Uint8Array(0), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])),
    "import.hmacNoHash": () => thrown(() => subtle.importKey("raw", enc("k"), { name: "HMAC" }, false, ["sign"])),
    "import.hmacBadHash": () => thrown(() => subtle.importKey("raw", enc("k"), { name: "HMAC", hash: "SHA-3" }, false, ["sign"])),
    "import.jwkForRaw": () => thrown(() => subtle.importKey("raw", { kty: "oct", k: "AA" }, "AES-GCM", false, ["encrypt"])),
    "import.bufferForJwk": () => thrown(() => subtle.importKey("jwk", new Uint8Array(16), "AES-GCM", false, ["encrypt"])),
    "import.jwkWrongKty": () => thrown(() => subtle.importKey("jwk", { kty: "RSA", k: "AAAAAAAAAAAAAAAAAAAAAA" }, "AES-GCM", false, ["encrypt"])),
    "import.jwkExtFalse": () => thrown(() => subtle.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", ext: false }, "AES-GCM", true, ["encrypt"])),
    "import.jwkKeyOps": () => thrown(() => subtle.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", key_ops: ["decrypt"] }, "AES-GCM", true, ["encrypt"])),
    "import.jwkUse": () => thrown(() => subtle.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", use: "sig" }, "AES-GCM", true, ["encrypt"])),
    "import.jwkNoK": () => thrown(() => subtle.importKey("jwk", { kty: "oct" }, "AES-GCM", true, ["encrypt"])),
    "import.jwkBadB64": () => thrown(() => subtle.importKey("jwk", { kty: "oct", k: "***" }, "AES-GCM", true, ["encrypt"])),
    "import.spkiForAes": () => thrown(() => subtle.importKey("spki", new Uint8Array(16), "AES-GCM", true, ["encrypt"])),
    "algorithm.notObject": () => thrown(() => subtle.digest(42, enc("a"))),
    "algorithm.nameNotString": () => thrown(() => subtle.digest({ name: 42 }, enc("a"))),
    "sign.unsupported": async () => thrown(async () => subtle.sign("AES-GCM", await aes(), enc("x"))),
    "encrypt.hmac": async () => thrown(async () => subtle.encrypt("HMAC", await hmac(), enc("x"))),
    "deriveBits.notDerive": async () => thrown(async () => subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: enc(""), info: enc("") }, await aes(), 128)),
    "generate.pbkdf2": () => thrown(() => subtle.generateKey("PBKDF2", false, ["deriveBits"])),
    "generate.emptyUsages": () => thrown(() => subtle.generateKey({ name: "AES-GCM", length: 128 }, false, [])),
    "generate.pairEmptyUsages": () => thrown(() => subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["verify"])),
    "generate.rsaBadExponent": () => thrown(() => subtle.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: new Uint8Array([3]), hash: "SHA-256" }, false, ["sign"])),
    "generate.rsaSmall": () => thrown(() => subtle.generateKey({ name: "RSA-PSS", modulusLength: 256, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, false, ["sign"])),
    "argCount": () => thrown(() => subtle.digest("SHA-256")),
    "syncThrow": () => {
      try {
        const p = subtle.importKey("raw", new Uint8Array(16), "AES-XYZ", false, ["encrypt"]);
        return p instanceof Promise ? "promise" : typeof p;
      } catch (e) {
        return "threw " + e.name;
      }
    },
  };
}


function moreErrorChecks() {
  const aesX = () => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]);
  const ecPriv = () => subtle.importKey("jwk", priv(ecP256), { name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits", "deriveKey"]);
  const ecPub = () => subtle.importKey("jwk", pub(ec2P256), { name: "ECDH", namedCurve: "P-256" }, false, []);
  const hkdf = () => subtle.importKey("raw", enc("ikm"), "HKDF", false, ["deriveBits", "deriveKey"]);
  const edKey = () => subtle.generateKey("Ed25519", false, ["sign", "verify"]);
  return {
    "export.unknownFormat": async () => thrown(async () => subtle.exportKey("pem", await aesX())),
    "export.rawSecret": async () => thrown(async () => subtle.exportKey("raw-secret", await aesX())),
    "import.rawSecret": () => thrown(() => subtle.importKey("raw-secret", new Uint8Array(16), "AES-CBC", false, ["encrypt"])),
    "sign.unknownAlg": async () => thrown(async () => subtle.sign("FOO", await aesX(), enc("x"))),
    "sign.caseInsensitive": async () => {
      const k = await subtle.importKey("raw", enc("k"), { name: "hmac", hash: "sha-256" }, false, ["sign"]);
      return [desc(k), (await subtle.sign("hMaC", k, enc("x"))).byteLength];
    },
    "sign.publicKey": async () => thrown(async () => subtle.sign("Ed25519", (await edKey()).publicKey, enc("x"))),
    "digest.bigint": () => thrown(() => subtle.digest("SHA-256", 1n)),
    "digest.sharedArrayBufferLike": async () => hex(await subtle.digest("SHA-1", new Uint16Array([0x6261]))),
    "ecdsa.noHash": async () => thrown(async () => subtle.sign({ name: "ECDSA" }, await subtle.importKey("jwk", ecP256, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]), enc("x"))),
    "ecdsa.importNoCurve": () => thrown(() => subtle.importKey("jwk", ecP256, { name: "ECDSA" }, false, ["sign"])),
    "ecdsa.importBadCurve": () => thrown(() => subtle.importKey("jwk", ecP256, { name: "ECDSA", namedCurve: "P-999" }, false, ["sign"])),
    "ecdsa.jwkWrongCrv": () => thrown(() => subtle.importKey("jwk", { ...ecP256, crv: "P-384" }, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"])),
    "ecdsa.jwkNoX": () => thrown(() => subtle.importKey("jwk", { kty: "EC", crv: "P-256", y: ecP256.y }, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"])),
    "ecdsa.jwkWrongKty": () => thrown(() => subtle.importKey("jwk", { ...pub(ecP256), kty: "OKP" }, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"])),
    "ecdsa.pkcs8Garbage": () => thrown(() => subtle.importKey("pkcs8", new Uint8Array(10), { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"])),
    "ecdsa.spkiGarbage": () => thrown(() => subtle.importKey("spki", new Uint8Array(10), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"])),
    "ecdsa.spkiWrongCurve": async () => {
      const k = await subtle.importKey("jwk", pub(ecP384), { name: "ECDSA", namedCurve: "P-384" }, true, ["verify"]);
      const spki = await subtle.exportKey("spki", k);
      return thrown(() => subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]));
    },
    "ecdsa.spkiRsa": async () => {
      const k = await subtle.importKey("jwk", pub(rsaPub), { name: "RSA-PSS", hash: "SHA-256" }, true, ["verify"]);
      return thrown(async () => subtle.importKey("spki", await subtle.exportKey("spki", k), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]));
    },
    "rsa.spkiEc": async () => {
      const k = await subtle.importKey("jwk", pub(ecP256), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
      return thrown(async () => subtle.importKey("spki", await subtle.exportKey("spki", k), { name: "RSA-PSS", hash: "SHA-256" }, false, ["verify"]));
    },
    "rsa.pkcs8Garbage": () => thrown(() => subtle.importKey("pkcs8", new Uint8Array(10), { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"])),
    "rsa.pssNoSalt": async () => thrown(async () => subtle.sign({ name: "RSA-PSS" }, await subtle.importKey("jwk", priv(rsaPriv), { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]), enc("x"))),
    "rsa.pssHugeSalt": async () => thrown(async () => subtle.sign({ name: "RSA-PSS", saltLength: 1000 }, await subtle.importKey("jwk", priv(rsaPriv), { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]), enc("x"))),
    "rsa.jwkNoN": () => thrown(() => subtle.importKey("jwk", { kty: "RSA", e: "AQAB" }, { name: "RSA-PSS", hash: "SHA-256" }, false, ["verify"])),
    "rsa.jwkWrongKty": () => thrown(() => subtle.importKey("jwk", { ...pub(rsaPub), kty: "EC" }, { name: "RSA-PSS", hash: "SHA-256" }, false, ["verify"])),
    "rsa.generateNoExponent": () => thrown(() => subtle.generateKey({ name: "RSA-PSS", modulusLength: 1024, hash: "SHA-256" }, false, ["sign"])),
    "rsa.generateNoModulus": () => thrown(() => subtle.generateKey({ name: "RSA-PSS", publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, false, ["sign"])),
    "rsa.oaepPrivateEncrypt": async () => thrown(async () => subtle.encrypt("RSA-OAEP", await subtle.importKey("jwk", priv(rsaPriv), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["decrypt"]), enc("x"))),
    "ctr.noCounter": async () => thrown(async () => subtle.encrypt({ name: "AES-CTR", length: 64 }, await subtle.importKey("raw", new Uint8Array(16), "AES-CTR", false, ["encrypt"]), enc("x"))),
    "ctr.noLength": async () => thrown(async () => subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16) }, await subtle.importKey("raw", new Uint8Array(16), "AES-CTR", false, ["encrypt"]), enc("x"))),
    "ctr.length129": async () => thrown(async () => subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 129 }, await subtle.importKey("raw", new Uint8Array(16), "AES-CTR", false, ["encrypt"]), enc("x"))),
    "gcm.ivTooLong": async () => hex(await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(64) }, await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]), enc("x"))),
    "gcm.shortCiphertext": async () => thrown(async () => subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["decrypt"]), new Uint8Array(4))),
    "kw.encryptCall": async () => thrown(async () => subtle.encrypt("AES-KW", await subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["wrapKey"]), new Uint8Array(16))),
    "kw.badLengthWrap": async () => {
      const kek = await subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["wrapKey"]);
      const k = await subtle.importKey("raw", new Uint8Array(20), { name: "HMAC", hash: "SHA-1" }, true, ["sign"]);
      return thrown(() => subtle.wrapKey("raw", k, kek, "AES-KW"));
    },
    "ecdh.noPublic": async () => thrown(async () => subtle.deriveBits({ name: "ECDH" }, await ecPriv(), 256)),
    "ecdh.publicNotKey": async () => thrown(async () => subtle.deriveBits({ name: "ECDH", public: {} }, await ecPriv(), 256)),
    "ecdh.publicIsPrivate": async () => thrown(async () => subtle.deriveBits({ name: "ECDH", public: await ecPriv() }, await ecPriv(), 256)),
    "ecdh.publicOtherAlg": async () => thrown(async () => subtle.deriveBits({ name: "ECDH", public: (await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"])).publicKey }, await ecPriv(), 256)),
    "ecdh.deriveKeyNoLength": async () => thrown(async () => subtle.deriveKey({ name: "ECDH", public: await ecPub() }, await ecPriv(), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])),
    "ecdh.deriveBitsNull": async () => (await subtle.deriveBits({ name: "ECDH", public: await ecPub() }, await ecPriv(), null)).byteLength,
    "ecdh.deriveBitsOdd": async () => hex(await subtle.deriveBits({ name: "ECDH", public: await ecPub() }, await ecPriv(), 12)).length,
    "x25519.zero": async () => {
      const sk = await subtle.generateKey("X25519", false, ["deriveBits"]);
      const pk = await subtle.importKey("raw", new Uint8Array(32), "X25519", false, []);
      return thrown(() => subtle.deriveBits({ name: "X25519", public: pk }, sk.privateKey, 256));
    },
    "x25519.tooLong": async () => {
      const sk = await subtle.generateKey("X25519", false, ["deriveBits"]);
      return thrown(() => subtle.deriveBits({ name: "X25519", public: sk.publicKey }, sk.privateKey, 512));
    },
    "x25519.jwkWrongCrv": () => thrown(() => subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }, "X25519", false, [])),
    "ed25519.jwkNoX": () => thrown(() => subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519" }, "Ed25519", false, ["verify"])),
    "ed25519.jwkBadD": () => thrown(() => subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", d: "AAAA" }, "Ed25519", false, ["sign"])),
    "ed25519.jwkWrongAlg": () => thrown(() => subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", alg: "ES256", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }, "Ed25519", false, ["verify"])),
    "ed25519.pkcs8Garbage": () => thrown(() => subtle.importKey("pkcs8", new Uint8Array(10), "Ed25519", false, ["sign"])),
    "ed25519.spkiGarbage": () => thrown(() => subtle.importKey("spki", new Uint8Array(10), "Ed25519", false, ["verify"])),
    "ed25519.badSigLength": async () => thrown(async () => subtle.verify("Ed25519", (await edKey()).publicKey, new Uint8Array(10), enc("x"))),
    "nodeEd25519.badCurve": () => thrown(() => subtle.generateKey({ name: "NODE-ED25519", namedCurve: "ED25519" }, false, ["sign", "verify"])),
    "nodeEd25519.signWithEd25519Name": async () => {
      const kp = await subtle.generateKey({ name: "NODE-ED25519", namedCurve: "NODE-ED25519" }, false, ["sign", "verify"]);
      return thrown(() => subtle.sign("Ed25519", kp.privateKey, enc("x")));
    },
    "hkdf.noSalt": async () => thrown(async () => subtle.deriveBits({ name: "HKDF", hash: "SHA-256", info: enc("") }, await hkdf(), 128)),
    "hkdf.noHash": async () => thrown(async () => subtle.deriveBits({ name: "HKDF", salt: enc(""), info: enc("") }, await hkdf(), 128)),
    "hkdf.nullLength": async () => thrown(async () => subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: enc(""), info: enc("") }, await hkdf(), null)),
    "hkdf.oddLength": async () => thrown(async () => subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: enc(""), info: enc("") }, await hkdf(), 12)),
    "hkdf.zeroLength": async () => (await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: enc(""), info: enc("") }, await hkdf(), 0)).byteLength,
    "hkdf.deriveKeyHmacNoLength": async () => thrown(async () => subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: enc(""), info: enc("") }, await hkdf(), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])),
    "hkdf.deriveKeyEcdsa": async () => thrown(async () => subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: enc(""), info: enc("") }, await hkdf(), { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"])),
    "hkdf.deriveKeyUnknown": async () => thrown(async () => subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: enc(""), info: enc("") }, await hkdf(), { name: "NOPE" }, false, ["sign"])),
    "hkdf.importJwk": () => thrown(() => subtle.importKey("jwk", { kty: "oct", k: "AA" }, "HKDF", false, ["deriveBits"])),
    "pbkdf2.noSalt": async () => thrown(async () => subtle.deriveBits({ name: "PBKDF2", iterations: 1, hash: "SHA-256" }, await subtle.importKey("raw", enc("p"), "PBKDF2", false, ["deriveBits"]), 128)),
    "pbkdf2.noIterations": async () => thrown(async () => subtle.deriveBits({ name: "PBKDF2", salt: enc(""), hash: "SHA-256" }, await subtle.importKey("raw", enc("p"), "PBKDF2", false, ["deriveBits"]), 128)),
    "pbkdf2.zeroLength": async () => (await subtle.deriveBits({ name: "PBKDF2", salt: enc("s"), iterations: 1, hash: "SHA-256" }, await subtle.importKey("raw", enc("p"), "PBKDF2", false, ["deriveBits"]), 0)).byteLength,
    "pbkdf2.emptyPassword": async () => hex(await subtle.deriveBits({ name: "PBKDF2", salt: enc("s"), iterations: 1, hash: "SHA-256" }, await subtle.importKey("raw", new Uint8Array(0), "PBKDF2", false, ["deriveBits"]), 64)),
    "hmac.jwkAlgMismatch": () => thrown(() => subtle.importKey("jwk", { kty: "oct", k: "SmVmZQ", alg: "HS512" }, { name: "HMAC", hash: "SHA-256" }, false, ["sign"])),
    "hmac.lengthTooLong": () => thrown(() => subtle.importKey("raw", enc("Jefe"), { name: "HMAC", hash: "SHA-256", length: 40 }, false, ["sign"])),
    "hmac.lengthShorter": async () => desc(await subtle.importKey("raw", enc("Jefe"), { name: "HMAC", hash: "SHA-256", length: 25 }, false, ["sign"])),
    "hmac.generateZero": () => thrown(() => subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: 0 }, false, ["sign"])),
    "unwrap.badJson": async () => {
      const k = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["unwrapKey", "encrypt"]);
      const ct = await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, k, enc("{not json"));
      return thrown(() => subtle.unwrapKey("jwk", ct, k, { name: "AES-GCM", iv: new Uint8Array(12) }, "AES-GCM", false, ["encrypt"]));
    },
    "unwrap.unknownAlg": async () => {
      const k = await subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["unwrapKey"]);
      return thrown(() => subtle.unwrapKey("raw", new Uint8Array(24), k, "AES-KW", "NOPE", false, ["encrypt"]));
    },
    "wrap.hmacWrapper": async () => {
      const k = await subtle.importKey("raw", enc("k"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return thrown(async () => subtle.wrapKey("raw", await aesX(), k, "HMAC"));
    },
    "key.usagesNotArray": () => thrown(() => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, "encrypt")),
    "key.notCryptoKey": () => thrown(() => subtle.sign("HMAC", {}, enc("x"))),
    "key.exportNotKey": () => thrown(() => subtle.exportKey("raw", {})),
    "getRandomValuesInGlobalSubtle": () => typeof crypto.subtle.digest,
  };
}

function topLevelChecks() {
  return Object.fromEntries(Object.entries(topLevel).map(([k, p]) => [k, () => p]));
}

function digestStreamChecks() {
  return {
    "write.number": async () => {
      const ds = new crypto.DigestStream("SHA-256");
      return thrown(() => ds.getWriter().write(42));
    },
    "write.afterClose": async () => {
      const ds = new crypto.DigestStream("SHA-256");
      const w = ds.getWriter();
      await w.close();
      return thrown(() => w.write(enc("a")));
    },
    "abort": async () => {
      const ds = new crypto.DigestStream("SHA-256");
      await ds.getWriter().abort(new Error("stop"));
      return thrown(() => ds.digest);
    },
    "digestBeforeClose": async () => {
      const ds = new crypto.DigestStream("SHA-256");
      const w = ds.getWriter();
      await w.write(enc("abc"));
      const d = ds.digest;
      await w.close();
      return [d === ds.digest, hex(await d)];
    },
    "noArgs": () => thrown(() => new crypto.DigestStream()),
    "withoutNew": () => errClass(() => crypto.DigestStream("SHA-256")),
    "proto": () => [Object.getOwnPropertyNames(crypto.DigestStream.prototype).sort(), Object.prototype.toString.call(new crypto.DigestStream("SHA-1"))],
    "global": () => typeof DigestStream,
  };
}

const routes = {
  "/toplevel": topLevelChecks,
  "/digeststream": digestStreamChecks,
  "/errors2": moreErrorChecks,
  "/digest": digestChecks,
  "/hmac": hmacChecks,
  "/aes": aesChecks,
  "/rsa": rsaChecks,
  "/ec": ecChecks,
  "/okp": okpChecks,
  "/kdf": kdfChecks,
  "/wrap": wrapChecks,
  "/classes": classChecks,
  "/errors": errorChecks,
};

export default {
  async fetch(request) {
    const checks = routes[new URL(request.url).pathname];
    if (!checks) return new Response("not found", { status: 404 });
    return run(checks());
  },
};
