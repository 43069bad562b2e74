// node:buffer — Buffer as a Uint8Array subclass; the encodings are Go (native.decode/encode).
(function (require, native) {
  "use strict";
  const errors = require("internal/errors");
  const { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_ENCODING, ERR_BUFFER_OUT_OF_BOUNDS } = errors;
  const kMaxLength = 2 ** 32;
  const kStringMaxLength = 2 ** 29 - 24;
  const encodings = {
    utf8: "utf8", "utf-8": "utf8", hex: "hex", base64: "base64", base64url: "base64url",
    latin1: "latin1", binary: "latin1", ascii: "ascii", ucs2: "utf16le", "ucs-2": "utf16le",
    utf16le: "utf16le", "utf-16le": "utf16le",
  };
  function normalizeEncoding(enc) {
    if (enc === undefined || enc === null || enc === "") return "utf8";
    const e = encodings[String(enc).toLowerCase()];
    return e;
  }
  function checkEncoding(enc) {
    const e = normalizeEncoding(enc);
    if (e === undefined) throw new ERR_UNKNOWN_ENCODING(enc);
    return e;
  }

  class FastBuffer extends Uint8Array {}

  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === "number") {
      if (typeof encodingOrOffset === "string") {
        throw new ERR_INVALID_ARG_TYPE("string", "string", arg);
      }
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true });
  FastBuffer.prototype.constructor = Buffer;
  Buffer.prototype = FastBuffer.prototype;
  Object.setPrototypeOf(Buffer, Uint8Array);

  function wrap(u8) { return new FastBuffer(u8.buffer, u8.byteOffset, u8.length); }
  function checkSize(size) {
    if (typeof size !== "number") throw new ERR_INVALID_ARG_TYPE("size", "number", size);
    if (size < 0) throw new RangeError(`Invalid typed array length: ${size}`);
    if (!(size <= kMaxLength)) throw new ERR_OUT_OF_RANGE("size", `>= 0 && <= ${kMaxLength}`, size);
  }

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === "string") return fromString(value, encodingOrOffset);
    if (typeof value === "object" && value !== null) {
      if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer)) {
        const off = encodingOrOffset === undefined ? 0 : +encodingOrOffset || 0;
        const max = value.byteLength - off;
        if (max < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS("offset");
        let len = length === undefined ? max : +length || 0;
        if (len > max) throw new ERR_BUFFER_OUT_OF_BOUNDS("length");
        if (len < 0) len = 0;
        return new FastBuffer(value, off, len);
      }
      const prim = value.valueOf && value.valueOf();
      if (prim != null && prim !== value && (typeof prim === "string" || typeof prim === "object")) {
        return Buffer.from(prim, encodingOrOffset, length);
      }
      if (ArrayBuffer.isView(value)) {
        const src = value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        if (!(value instanceof Uint8Array)) {
          const b = allocate(value.length);
          for (let i = 0; i < value.length; i++) b[i] = value[i];
          return b;
        }
        const b = allocate(src.length);
        b.set(src);
        return b;
      }
      if (typeof value.length === "number" || Array.isArray(value)) return fromArrayLike(value);
      if (value.type === "Buffer" && Array.isArray(value.data)) return fromArrayLike(value.data);
      if (typeof value[Symbol.toPrimitive] === "function") {
        const p = value[Symbol.toPrimitive]("string");
        if (typeof p === "string") return fromString(p, encodingOrOffset);
      }
    }
    throw new ERR_INVALID_ARG_TYPE("first argument", ["string", "Buffer", "TypedArray", "ArrayBuffer", "SharedArrayBuffer", "Array", "Array-like Object"], value);
  };
  function fromArrayLike(a) {
    const n = a.length >>> 0;
    const b = allocate(n);
    for (let i = 0; i < n; i++) b[i] = a[i];
    return b;
  }
  function fromString(s, enc) {
    const e = typeof enc === "string" && enc !== "" ? checkEncoding(enc) : "utf8";
    return wrap(native.decode(s, e));
  }
  function allocate(n) { return new FastBuffer(n); }

  Buffer.of = function of(...items) { return fromArrayLike(items); };
  Buffer.alloc = function alloc(size, fill, encoding) {
    checkSize(size);
    const b = allocate(size);
    if (fill !== undefined && fill !== 0 && size > 0) b.fill(fill, encoding);
    return b;
  };
  Buffer.allocUnsafe = function allocUnsafe(size) { checkSize(size); return allocate(size); };
  Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) { checkSize(size); return allocate(size); };
  Buffer.isBuffer = function isBuffer(b) { return b instanceof Buffer; };
  Buffer.isEncoding = function isEncoding(e) { return typeof e === "string" && e.length !== 0 && normalizeEncoding(e) !== undefined; };
  Buffer.byteLength = function byteLength(s, enc) {
    if (typeof s !== "string") {
      if (ArrayBuffer.isView(s) || s instanceof ArrayBuffer) return s.byteLength;
      throw new ERR_INVALID_ARG_TYPE("string", ["string", "Buffer", "ArrayBuffer"], s);
    }
    return native.byteLength(s, normalizeEncoding(enc) || "utf8");
  };
  Buffer.compare = function compare(a, b) {
    if (!(a instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE("buf1", ["Buffer", "Uint8Array"], a);
    if (!(b instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE("buf2", ["Buffer", "Uint8Array"], b);
    return native.compare(a, b);
  };
  Buffer.concat = function concat(list, totalLength) {
    if (!Array.isArray(list)) throw new ERR_INVALID_ARG_TYPE("list", "Array", list);
    if (list.length === 0) return allocate(0);
    if (totalLength === undefined) {
      totalLength = 0;
      for (let i = 0; i < list.length; i++) {
        if (!(list[i] instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ["Buffer", "Uint8Array"], list[i]);
        totalLength += list[i].length;
      }
    }
    const out = Buffer.alloc(totalLength);
    let pos = 0;
    for (let i = 0; i < list.length && pos < totalLength; i++) {
      const b = list[i];
      if (!(b instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ["Buffer", "Uint8Array"], b);
      const n = Math.min(b.length, totalLength - pos);
      out.set(n === b.length ? b : b.subarray(0, n), pos);
      pos += n;
    }
    return out;
  };
  Buffer.poolSize = 8192;

  const proto = Buffer.prototype;
  function range(buf, start, end) {
    start = start === undefined ? 0 : Math.max(0, Math.trunc(+start) || 0);
    end = end === undefined ? buf.length : Math.min(buf.length, Math.trunc(+end) || 0);
    return [start, end];
  }
  proto.toString = function toString(encoding, start, end) {
    if (arguments.length === 0) return native.encode(this, "utf8");
    const [s, e] = range(this, start, end);
    if (e <= s) return "";
    return native.encode(s === 0 && e === this.length ? this : this.subarray(s, e), checkEncoding(encoding));
  };
  proto.toLocaleString = proto.toString;
  proto.toJSON = function toJSON() { return { type: "Buffer", data: Array.from(this) }; };
  proto.equals = function equals(other) {
    if (!(other instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE("otherBuffer", ["Buffer", "Uint8Array"], other);
    return this === other || native.compare(this, other) === 0;
  };
  proto.compare = function compare(target, tStart, tEnd, sStart, sEnd) {
    if (!(target instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE("target", ["Buffer", "Uint8Array"], target);
    const t = target.subarray(tStart ?? 0, tEnd ?? target.length);
    const s = this.subarray(sStart ?? 0, sEnd ?? this.length);
    return native.compare(s, t);
  };
  proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
    targetStart = targetStart === undefined ? 0 : Math.trunc(targetStart);
    sourceStart = sourceStart === undefined ? 0 : Math.trunc(sourceStart);
    sourceEnd = sourceEnd === undefined ? this.length : Math.min(this.length, Math.trunc(sourceEnd));
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE("targetStart", ">= 0", targetStart);
    if (sourceStart < 0) throw new ERR_OUT_OF_RANGE("sourceStart", ">= 0", sourceStart);
    if (sourceEnd <= sourceStart || targetStart >= target.length) return 0;
    const n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
    target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
    return n;
  };
  proto.slice = function slice(start, end) { return this.subarray(start, end); };
  proto.write = function write(string, offset, length, encoding) {
    if (typeof string !== "string") throw new ERR_INVALID_ARG_TYPE("argument", "string", string);
    if (typeof offset === "string") { encoding = offset; offset = 0; length = this.length; }
    else if (typeof length === "string") { encoding = length; length = this.length - (offset || 0); }
    offset = offset === undefined ? 0 : offset >>> 0;
    const remaining = this.length - offset;
    length = length === undefined || length > remaining ? remaining : length >>> 0;
    const enc = checkEncoding(encoding);
    let bytes = native.decode(string, enc);
    if (bytes.length > length) {
      bytes = native.truncate(bytes, length, enc);
    }
    this.set(bytes, offset);
    return bytes.length;
  };
  proto.fill = function fill(value, offset, end, encoding) {
    if (typeof offset === "string") { encoding = offset; offset = 0; end = this.length; }
    else if (typeof end === "string") { encoding = end; end = this.length; }
    offset = offset === undefined ? 0 : offset;
    end = end === undefined ? this.length : end;
    if (offset < 0 || end > this.length) throw new ERR_OUT_OF_RANGE("offset", `>= 0 && <= ${this.length}`, offset);
    if (typeof value === "number" || typeof value === "boolean") {
      Uint8Array.prototype.fill.call(this, value & 255, offset, end);
      return this;
    }
    let bytes;
    if (typeof value === "string") {
      const enc = checkEncoding(encoding);
      if (value.length === 1 && enc === "utf8" && value.charCodeAt(0) < 128) {
        Uint8Array.prototype.fill.call(this, value.charCodeAt(0), offset, end);
        return this;
      }
      bytes = native.decode(value, enc);
      if (bytes.length === 0) {
        if (enc === "hex") throw new ERR_INVALID_ARG_VALUE("value", value);
        Uint8Array.prototype.fill.call(this, 0, offset, end);
        return this;
      }
    } else if (value instanceof Uint8Array) {
      bytes = value;
    } else {
      Uint8Array.prototype.fill.call(this, 0, offset, end);
      return this;
    }
    for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
    return this;
  };
  function toNeedle(value, encoding) {
    if (typeof value === "string") return native.decode(value, checkEncoding(encoding));
    if (value instanceof Uint8Array) return value;
    if (typeof value === "number") return new Uint8Array([value & 255]);
    throw new ERR_INVALID_ARG_TYPE("value", ["number", "string", "Buffer", "Uint8Array"], value);
  }
  function byteOffsetOf(buf, byteOffset, encoding, dir) {
    if (typeof byteOffset === "string") return [undefined, byteOffset];
    let off = byteOffset === undefined ? (dir ? 0 : buf.length) : +byteOffset;
    if (Number.isNaN(off)) off = dir ? 0 : buf.length;
    off = Math.trunc(off);
    if (off < 0) off += buf.length;
    return [off, encoding];
  }
  proto.indexOf = function indexOf(value, byteOffset, encoding) {
    let off;
    [off, encoding] = byteOffsetOf(this, byteOffset, encoding, true);
    if (off === undefined) off = 0;
    return native.indexOf(this, toNeedle(value, encoding), Math.max(0, off), true);
  };
  proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
    let off;
    [off, encoding] = byteOffsetOf(this, byteOffset, encoding, false);
    if (off === undefined) off = this.length;
    if (off < 0) return -1;
    return native.indexOf(this, toNeedle(value, encoding), Math.min(off, this.length), false);
  };
  proto.includes = function includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; };
  function swap(buf, size) {
    if (buf.length % size !== 0) throw new errors.ERR_INVALID_BUFFER_SIZE(`${size * 8}-bits`);
    for (let i = 0; i < buf.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) { const t = buf[a]; buf[a] = buf[b]; buf[b] = t; }
    }
    return buf;
  }
  proto.swap16 = function swap16() { return swap(this, 2); };
  proto.swap32 = function swap32() { return swap(this, 4); };
  proto.swap64 = function swap64() { return swap(this, 8); };

  function checkOffset(buf, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== "number") throw new ERR_INVALID_ARG_TYPE("offset", "number", offset);
    if (!Number.isInteger(offset)) throw new ERR_OUT_OF_RANGE("offset", "an integer", offset);
    if (offset < 0 || offset + size > buf.length) {
      if (buf.length - size < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
      throw new ERR_OUT_OF_RANGE("offset", `>= 0 and <= ${buf.length - size}`, offset);
    }
    return offset;
  }
  // Fixed-size reads and writes: integers up to 32 bits by arithmetic on the bytes; floats and
  // 64-bit integers through one scratch DataView (no allocation per call).
  const scratch = new Uint8Array(8);
  const scratchView = new DataView(scratch.buffer);
  // intReader and intWriter are unrolled per width: loops cost more than the arithmetic in goja.
  function intReader(size, little, signed) {
    let r;
    if (size === 1) r = (b, o) => b[o];
    else if (size === 2) r = little ? (b, o) => b[o] + b[o + 1] * 0x100 : (b, o) => b[o] * 0x100 + b[o + 1];
    else r = little ? (b, o) => b[o] + b[o + 1] * 0x100 + b[o + 2] * 0x10000 + b[o + 3] * 0x1000000
      : (b, o) => b[o] * 0x1000000 + b[o + 1] * 0x10000 + b[o + 2] * 0x100 + b[o + 3];
    if (!signed) return r;
    const half = 2 ** (8 * size - 1), full = 2 ** (8 * size);
    return (b, o) => { const v = r(b, o); return v >= half ? v - full : v; };
  }
  function intWriter(size, little) {
    if (size === 1) return (b, v, o) => { b[o] = v; };
    if (size === 2) return little ? (b, v, o) => { b[o] = v; b[o + 1] = v >>> 8; } : (b, v, o) => { b[o] = v >>> 8; b[o + 1] = v; };
    return little ? (b, v, o) => { b[o] = v; b[o + 1] = v >>> 8; b[o + 2] = v >>> 16; b[o + 3] = v >>> 24; }
      : (b, v, o) => { b[o] = v >>> 24; b[o + 1] = v >>> 16; b[o + 2] = v >>> 8; b[o + 3] = v; };
  }
  const fixed = [
    ["UInt8", 1, "Uint8", false, 0, 0xff], ["Int8", 1, "Int8", false, -0x80, 0x7f],
    ["UInt16", 2, "Uint16", true, 0, 0xffff], ["Int16", 2, "Int16", true, -0x8000, 0x7fff],
    ["UInt32", 4, "Uint32", true, 0, 0xffffffff], ["Int32", 4, "Int32", true, -0x80000000, 0x7fffffff],
    ["Float", 4, "Float32", true], ["Double", 8, "Float64", true],
    ["BigUInt64", 8, "BigUint64", true, 0n, 2n ** 64n - 1n], ["BigInt64", 8, "BigInt64", true, -(2n ** 63n), 2n ** 63n - 1n],
  ];
  for (const [name, size, dv, endian, min, max] of fixed) {
    const get = DataView.prototype["get" + dv], set = DataView.prototype["set" + dv];
    const integer = typeof min === "number";
    const signed = integer && min < 0;
    const variants = endian ? [["LE", true], ["BE", false]] : [["", false]];
    for (const [suffix, little] of variants) {
      const rname = "read" + name + suffix, wname = "write" + name + suffix;
      const read = integer ? intReader(size, little, signed) : function (buf, offset) {
        for (let i = 0; i < size; i++) scratch[i] = buf[offset + i];
        return get.call(scratchView, 0, little);
      };
      const write = integer ? intWriter(size, little) : function (buf, value, offset) {
        set.call(scratchView, 0, value, little);
        for (let i = 0; i < size; i++) buf[offset + i] = scratch[i];
      };
      proto[rname] = { [rname](offset) { return read(this, checkOffset(this, offset, size)); } }[rname];
      proto[wname] = { [wname](value, offset) {
        offset = checkOffset(this, offset, size);
        if (min !== undefined) {
          if (typeof min === "bigint" && typeof value !== "bigint") throw new ERR_INVALID_ARG_TYPE("value", "bigint", value);
          if (value < min || value > max) {
            const n = typeof min === "bigint" ? "n" : "";
            const range = size > 4 || (size === 4 && typeof min !== "bigint")
              ? (min === 0 || min === 0n ? `>= 0${n} and < 2${n} ** ${size * 8}${n}` : `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2${n} ** ${size * 8 - 1}${n}`)
              : `>= ${min} and <= ${max}`;
            throw new ERR_OUT_OF_RANGE("value", range, value);
          }
        }
        write(this, integer ? Math.trunc(+value) : value, offset);
        return offset + size;
      } }[wname];
    }
  }
  for (const [alias, target] of [["readUint8", "readUInt8"], ["writeUint8", "writeUInt8"]]) proto[alias] = proto[target];
  for (const s of ["LE", "BE"]) {
    for (const n of ["16", "32"]) {
      proto["readUint" + n + s] = proto["readUInt" + n + s];
      proto["writeUint" + n + s] = proto["writeUInt" + n + s];
    }
    proto["readBigUint64" + s] = proto["readBigUInt64" + s];
    proto["writeBigUint64" + s] = proto["writeBigUInt64" + s];
  }
  // Variable-size integer access (1 to 6 bytes).
  function checkByteLength(n) {
    if (typeof n !== "number") throw new ERR_INVALID_ARG_TYPE("byteLength", "number", n);
    if (!(n >= 1 && n <= 6) || !Number.isInteger(n)) throw new ERR_OUT_OF_RANGE("byteLength", ">= 1 and <= 6", n);
  }
  function readUIntAt(buf, offset, n, little) {
    let v = 0;
    for (let i = 0; i < n; i++) v += buf[offset + (little ? i : n - 1 - i)] * 2 ** (8 * i);
    return v;
  }
  proto.readUIntLE = function readUIntLE(offset, n) { checkByteLength(n); offset = checkOffset(this, offset, n); return readUIntAt(this, offset, n, true); };
  proto.readUIntBE = function readUIntBE(offset, n) { checkByteLength(n); offset = checkOffset(this, offset, n); return readUIntAt(this, offset, n, false); };
  proto.readIntLE = function readIntLE(offset, n) { const v = this.readUIntLE(offset, n); return v >= 2 ** (8 * n - 1) ? v - 2 ** (8 * n) : v; };
  proto.readIntBE = function readIntBE(offset, n) { const v = this.readUIntBE(offset, n); return v >= 2 ** (8 * n - 1) ? v - 2 ** (8 * n) : v; };
  function writeIntAt(buf, value, offset, n, little, signed) {
    checkByteLength(n);
    offset = checkOffset(buf, offset, n);
    const min = signed ? -(2 ** (8 * n - 1)) : 0, max = signed ? 2 ** (8 * n - 1) - 1 : 2 ** (8 * n) - 1;
    if (value < min || value > max) {
      const range = signed ? `>= -(2 ** ${8 * n - 1}) and < 2 ** ${8 * n - 1}` : `>= 0 and < 2 ** ${8 * n}`;
      throw new ERR_OUT_OF_RANGE("value", n > 4 ? range : `>= ${min} and <= ${max}`, value);
    }
    let v = value < 0 ? value + 2 ** (8 * n) : value;
    for (let i = 0; i < n; i++) {
      buf[offset + (little ? i : n - 1 - i)] = v % 256;
      v = Math.floor(v / 256);
    }
    return offset + n;
  }
  proto.writeUIntLE = function writeUIntLE(v, o, n) { return writeIntAt(this, v, o, n, true, false); };
  proto.writeUIntBE = function writeUIntBE(v, o, n) { return writeIntAt(this, v, o, n, false, false); };
  proto.writeIntLE = function writeIntLE(v, o, n) { return writeIntAt(this, v, o, n, true, true); };
  proto.writeIntBE = function writeIntBE(v, o, n) { return writeIntAt(this, v, o, n, false, true); };
  for (const [a, t] of [["readUintLE", "readUIntLE"], ["readUintBE", "readUIntBE"], ["writeUintLE", "writeUIntLE"], ["writeUintBE", "writeUIntBE"]]) proto[a] = proto[t];

  for (const enc of ["utf8", "hex", "base64", "base64url", "latin1", "ascii", "ucs2", "utf16le"]) {
    const s = enc + "Slice", w = enc + "Write";
    proto[s] = { [s](start, end) { return this.toString(enc, start, end); } }[s];
    proto[w] = { [w](string, offset, length) { return this.write(string, offset, length, enc); } }[w];
  }
  proto.asciiSlice = function asciiSlice(start, end) { return this.toString("ascii", start, end); };

  Object.defineProperty(proto, "parent", { get() { return this instanceof Buffer ? this.buffer : undefined; }, enumerable: true, configurable: true });
  Object.defineProperty(proto, "offset", { get() { return this instanceof Buffer ? this.byteOffset : undefined; }, enumerable: true, configurable: true });

  const INSPECT_MAX_BYTES = 50;
  proto[Symbol.for("nodejs.util.inspect.custom")] = function inspect(depth, ctx) {
    const max = exports.INSPECT_MAX_BYTES;
    const n = Math.min(max, this.length);
    let str = native.encode(this.subarray(0, n), "hex").replace(/(.{2})/g, "$1 ").trim();
    const rest = this.length - max;
    if (rest > 0) str += ` ... ${rest} more byte${rest > 1 ? "s" : ""}`;
    if (ctx) {
      const util = require("util");
      const extras = Object.keys(this).filter((k) => !/^\d+$/.test(k));
      if (extras.length) {
        const parts = extras.map((k) => `${k}: ${util.inspect(this[k], { ...ctx, breakLength: Infinity, compact: true })}`);
        str += (str ? ", " : "") + parts.join(", ");
      }
    }
    return `<${this.constructor.name} ${str}>`;
  };

  function SlowBuffer(size) { return Buffer.allocUnsafeSlow(size); }
  SlowBuffer.prototype = Buffer.prototype;

  const exports = {
    Buffer,
    SlowBuffer,
    INSPECT_MAX_BYTES,
    kMaxLength,
    kStringMaxLength,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    atob: globalThis.atob,
    btoa: globalThis.btoa,
    Blob: globalThis.Blob,
    File: globalThis.File,
    isUtf8(input) { return native.isUtf8(toView(input, "input")); },
    isAscii(input) { const b = toView(input, "input"); for (let i = 0; i < b.length; i++) if (b[i] > 127) return false; return true; },
    transcode(source, from, to) { return Buffer.from(Buffer.from(source).toString(checkEncoding(from)), checkEncoding(to)); },
  };
  function toView(v, name) {
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    throw new ERR_INVALID_ARG_TYPE(name, ["ArrayBuffer", "Buffer", "TypedArray"], v);
  }
  exports.normalizeEncoding = normalizeEncoding;
  Object.defineProperty(exports, "normalizeEncoding", { enumerable: false });
  return exports;
})
