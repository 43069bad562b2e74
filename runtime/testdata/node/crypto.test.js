import crypto, { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Buffer } from "node:buffer";

test("digests of the empty string", () => {
  assertEquals(createHash("sha256").digest("hex"), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assertEquals(createHash("MD5").update("").digest("base64"), "1B2M2Y8AsgTpgAmY7PhCfg==");
  assertEquals(createHash("sha512").update("").digest().length, 64);
});
test("update accepts strings in encodings, buffers and views", () => {
  const want = createHash("sha1").update("abc").digest("hex");
  assertEquals(createHash("sha1").update("616263", "hex").digest("hex"), want);
  assertEquals(createHash("sha1").update(new Uint8Array([97, 98, 99])).digest("hex"), want);
  assertEquals(createHash("sha1").update(new DataView(new Uint8Array([97, 98, 99]).buffer)).digest("hex"), want);
});
test("hmac (RFC 4231 case 2)", () => {
  assertEquals(createHmac("sha256", "Jefe").update("what do ya want for nothing?").digest("hex"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
});
test("finalized hash", () => {
  const h = createHash("sha256");
  h.digest();
  assertThrows(() => h.update("x"), "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
});
test("random and compare", () => {
  const a = crypto.randomBytes(32);
  assert(Buffer.isBuffer(a) && a.length === 32);
  assert(!timingSafeEqual(a, crypto.randomBytes(32)));
  assert(timingSafeEqual(a, Buffer.from(a)));
  const filled = crypto.randomFillSync(new Uint32Array(4));
  assert(filled.some((x) => x !== 0));
  for (let i = 0; i < 50; i++) { const n = crypto.randomInt(5, 8); assert(n >= 5 && n < 8); }
  assertEquals(crypto.webcrypto, globalThis.crypto);
});
