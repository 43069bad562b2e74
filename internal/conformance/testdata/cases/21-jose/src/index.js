// jose (npm) signing and verifying JWTs on edge's Web Crypto.
import * as jose from "jose";
import { rsaPriv, ecP256 } from "./keys.js";

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
    return `${e?.name}: ${e?.code}`;
  }
};

const iat = 1700000000;
const claims = { sub: "user-1", role: "admin" };
const priv = (jwk) => {
  const { key_ops, alg, ...rest } = jwk;
  return rest;
};
const pub = (jwk) => {
  const { d, p, q, dp, dq, qi, key_ops, alg, ...rest } = jwk;
  return rest;
};
// RFC 8032 test 1.
const edJwk = { kty: "OKP", crv: "Ed25519", d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };

const sign = (alg, key, exp) => {
  const jwt = new jose.SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt(iat).setIssuer("edge");
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(key);
};
const verify = async (token, key, opts = {}) => {
  const { payload, protectedHeader } = await jose.jwtVerify(token, key, { issuer: "edge", currentDate: new Date(iat * 1000 + 1000), ...opts });
  return [protectedHeader.alg, payload.sub, payload.role, payload.iat];
};

async function keys() {
  return {
    hs: new TextEncoder().encode("a-string-secret-at-least-256-bits-long"),
    rsPriv: await jose.importJWK({ ...priv(rsaPriv) }, "RS256"),
    rsPub: await jose.importJWK({ ...pub(rsaPriv) }, "RS256"),
    psPriv: await jose.importJWK({ ...priv(rsaPriv) }, "PS256"),
    psPub: await jose.importJWK({ ...pub(rsaPriv) }, "PS256"),
    esPriv: await jose.importJWK({ ...priv(ecP256) }, "ES256"),
    esPub: await jose.importJWK({ ...pub(ecP256) }, "ES256"),
    edPriv: await jose.importJWK(edJwk, "EdDSA"),
    edPub: await jose.importJWK(pub(edJwk), "EdDSA"),
  };
}

function jwtChecks() {
  return {
    "HS256.token": async () => sign("HS256", (await keys()).hs),
    "HS256.verify": async () => {
      const k = await keys();
      return verify(await sign("HS256", k.hs), k.hs);
    },
    "HS256.wrongSecret": async () => {
      const k = await keys();
      return thrown(async () => verify(await sign("HS256", k.hs), new TextEncoder().encode("another-secret-that-is-also-long-enough")));
    },
    "RS256.token": async () => sign("RS256", (await keys()).rsPriv),
    "RS256.verify": async () => {
      const k = await keys();
      return verify(await sign("RS256", k.rsPriv), k.rsPub);
    },
    "PS256.verify": async () => {
      const k = await keys();
      const t = await sign("PS256", k.psPriv);
      return [t.split(".").length, await verify(t, k.psPub)];
    },
    "ES256.verify": async () => {
      const k = await keys();
      const t = await sign("ES256", k.esPriv);
      return [t.split(".")[2].length, await verify(t, k.esPub)];
    },
    "EdDSA.token": async () => sign("EdDSA", (await keys()).edPriv),
    "EdDSA.verify": async () => {
      const k = await keys();
      return verify(await sign("EdDSA", k.edPriv), k.edPub);
    },
    "tampered": async () => {
      const k = await keys();
      const [h, p, s] = (await sign("ES256", k.esPriv)).split(".");
      const p2 = jose.base64url.encode(JSON.stringify({ ...claims, role: "root", iat, iss: "edge" }));
      return thrown(() => verify([h, p2, s].join("."), k.esPub));
    },
    "expired": async () => {
      const k = await keys();
      return thrown(async () => verify(await sign("HS256", k.hs, iat - 10), k.hs));
    },
    "algMismatch": async () => {
      const k = await keys();
      return thrown(async () => verify(await sign("RS256", k.rsPriv), k.esPub));
    },
    "pem": async () => {
      const kp = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
      const pkcs8 = await jose.exportPKCS8(kp.privateKey);
      const spki = await jose.exportSPKI(kp.publicKey);
      const sk = await jose.importPKCS8(pkcs8, "RS256");
      const pk = await jose.importSPKI(spki, "RS256");
      return [pkcs8.split("\n")[0], spki.split("\n")[0], await verify(await sign("RS256", sk), pk)];
    },
    "generated": async () => {
      const out = [];
      for (const alg of ["RS256", "PS256", "ES256", "EdDSA"]) {
        const { publicKey, privateKey } = await jose.generateKeyPair(alg);
        out.push([alg, publicKey.type, privateKey.extractable, await verify(await sign(alg, privateKey), publicKey)]);
      }
      const secret = await jose.generateSecret("HS256");
      out.push(["HS256", secret.algorithm.name, await verify(await sign("HS256", secret), secret)]);
      return out;
    },
    "exportJWK": async () => {
      const { publicKey } = await jose.generateKeyPair("ES256", { extractable: true });
      return Object.keys(await jose.exportJWK(publicKey)).sort();
    },
    "thumbprint": async () => jose.calculateJwkThumbprint(pub(ecP256)),
    "jwe.dir": async () => {
      const secret = new Uint8Array(32).fill(5);
      const jwe = await new jose.EncryptJWT(claims).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).setIssuedAt(iat).encrypt(secret);
      const { payload } = await jose.jwtDecrypt(jwe, secret, { currentDate: new Date(iat * 1000) });
      return [jwe.split(".").length, payload.role];
    },
    "jwe.ecdhEs": async () => {
      const { publicKey, privateKey } = await jose.generateKeyPair("ECDH-ES+A256KW");
      const jwe = await new jose.CompactEncrypt(new TextEncoder().encode("secret message")).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A128CBC-HS256" }).encrypt(publicKey);
      const { plaintext } = await jose.compactDecrypt(jwe, privateKey);
      return new TextDecoder().decode(plaintext);
    },
    "jwe.rsaOaep": async () => {
      const { publicKey, privateKey } = await jose.generateKeyPair("RSA-OAEP-256");
      const jwe = await new jose.CompactEncrypt(new TextEncoder().encode("hi")).setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM" }).encrypt(publicKey);
      return new TextDecoder().decode((await jose.compactDecrypt(jwe, privateKey)).plaintext);
    },
  };
}

export default {
  async fetch(request) {
    if (new URL(request.url).pathname !== "/jwt") return new Response("not found", { status: 404 });
    return run(jwtChecks());
  },
};
