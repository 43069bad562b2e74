// node:crypto — hashes and HMAC (Go's crypto), random values, timingSafeEqual, and webcrypto
// (the isolate's crypto object).
// Deviation: no ciphers, signatures, KeyObject, pbkdf2/scrypt/hkdf or Diffie-Hellman; Hash and
// Hmac are not streams.
(function (require, native) {
  "use strict";
  const { Buffer } = require("buffer");
  const errors = require("internal/errors");
  const { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_CRYPTO_HASH_FINALIZED } = errors;

  function toBytes(data, encoding, name) {
    if (typeof data === "string") return Buffer.from(data, encoding === "buffer" ? "utf8" : encoding);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw new ERR_INVALID_ARG_TYPE(name, ["string", "Buffer", "TypedArray", "DataView"], data);
  }
  function output(bytes, encoding) {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return encoding === undefined || encoding === "buffer" ? b : b.toString(encoding);
  }

  // Digest holds a Go hash or HMAC state; Hash and Hmac differ only in construction, copy, and
  // what a second digest() does.
  class Digest {
    update(data, encoding) {
      if (this._done) throw new ERR_CRYPTO_HASH_FINALIZED();
      native.hashUpdate(this._handle, toBytes(data, encoding, "data"));
      return this;
    }
    digest(encoding) {
      if (this._done) return this._digestAgain(encoding);
      this._done = true;
      return output(native.hashDigest(this._handle), encoding);
    }
  }
  class Hash extends Digest {
    constructor(algorithm, options, handle) {
      super();
      if (typeof algorithm !== "string") throw new ERR_INVALID_ARG_TYPE("algorithm", "string", algorithm);
      this._handle = handle || native.hashNew(algorithm.toLowerCase(), undefined);
      this._done = false;
    }
    _digestAgain() { throw new ERR_CRYPTO_HASH_FINALIZED(); }
    copy() {
      if (this._done) throw new ERR_CRYPTO_HASH_FINALIZED();
      return new Hash("", undefined, native.hashCopy(this._handle));
    }
  }
  class Hmac extends Digest {
    constructor(hmac, key) {
      super();
      if (typeof hmac !== "string") throw new ERR_INVALID_ARG_TYPE("hmac", "string", hmac);
      if (key && typeof key === "object" && typeof key.export === "function") key = key.export();
      this._handle = native.hashNew(hmac.toLowerCase(), toBytes(key, "utf8", "key"));
      this._done = false;
    }
    _digestAgain(encoding) { return output(new Uint8Array(0), encoding); }
  }

  function checkSize(size, name = "size") {
    if (typeof size !== "number") throw new ERR_INVALID_ARG_TYPE(name, "number", size);
    if (!(size >= 0 && size <= 2 ** 31 - 1) || !Number.isInteger(size)) throw new ERR_OUT_OF_RANGE(name, `>= 0 && <= ${2 ** 31 - 1}`, size);
  }
  function randomBytes(size, callback) {
    checkSize(size);
    if (callback !== undefined && typeof callback !== "function") throw new ERR_INVALID_ARG_TYPE("callback", "Function", callback);
    const b = Buffer.alloc(size);
    native.randomFill(b);
    if (callback) { queueMicrotask(() => callback(null, b)); return; }
    return b;
  }
  function randomFillSync(buf, offset = 0, size) {
    if (!ArrayBuffer.isView(buf) && !(buf instanceof ArrayBuffer)) throw new ERR_INVALID_ARG_TYPE("buf", ["ArrayBuffer", "ArrayBufferView"], buf);
    const bytes = toBytes(buf, undefined, "buf");
    if (size === undefined) size = bytes.length - offset;
    native.randomFill(bytes.subarray(offset, offset + size));
    return buf;
  }
  function randomFill(buf, offset, size, callback) {
    if (typeof offset === "function") { callback = offset; offset = 0; size = undefined; }
    else if (typeof size === "function") { callback = size; size = undefined; }
    randomFillSync(buf, offset, size);
    queueMicrotask(() => callback(null, buf));
  }
  function randomInt(min, max, callback) {
    if (max === undefined || typeof max === "function") { callback = max; max = min; min = 0; }
    if (!Number.isSafeInteger(min)) throw new ERR_INVALID_ARG_TYPE("min", "a safe integer", min);
    if (!Number.isSafeInteger(max)) throw new ERR_INVALID_ARG_TYPE("max", "a safe integer", max);
    if (max <= min) throw new ERR_OUT_OF_RANGE("max", `greater than the value of "min" (${min})`, max);
    const n = native.randomInt(min, max);
    if (typeof callback === "function") { queueMicrotask(() => callback(null, n)); return; }
    return n;
  }
  function timingSafeEqual(a, b) {
    const x = toBytes(a, undefined, "buf1"), y = toBytes(b, undefined, "buf2");
    if (x.length !== y.length) throw new TypeError("Input buffers must have the same byte length.");
    return native.timingSafeEqual(x, y);
  }
  const hashes = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256"];

  const webcrypto = globalThis.crypto;
  return {
    createHash: (algorithm, options) => new Hash(algorithm, options),
    createHmac: (hmac, key, options) => new Hmac(hmac, key, options),
    hash: (algorithm, data, encoding = "hex") => new Hash(algorithm).update(data).digest(encoding),
    Hash,
    Hmac,
    randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync,
    randomFill,
    randomInt,
    randomUUID: () => webcrypto.randomUUID(),
    getRandomValues: (a) => webcrypto.getRandomValues(a),
    timingSafeEqual,
    getHashes: () => hashes.slice(),
    getCiphers: () => [],
    getCurves: () => [],
    webcrypto,
    subtle: webcrypto.subtle,
    constants: {},
  };
})
