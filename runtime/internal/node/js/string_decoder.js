// node:string_decoder — decodes Buffers to strings, keeping incomplete multi-byte characters
// for the next write.
(function (require, native) {
  "use strict";
  const { Buffer, normalizeEncoding } = require("buffer");
  const { ERR_UNKNOWN_ENCODING, ERR_INVALID_ARG_TYPE } = require("internal/errors");

  // utf8Incomplete returns how many bytes at the end of b start a character that is not complete.
  function utf8Incomplete(b) {
    for (let back = 1; back <= Math.min(3, b.length); back++) {
      const c = b[b.length - back];
      if ((c & 0xc0) === 0x80) continue; // continuation byte
      const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }

  class StringDecoder {
    constructor(encoding) {
      const enc = normalizeEncoding(encoding);
      if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
      this.encoding = enc;
      this.pending = new Uint8Array(0);
    }
    write(buf) {
      if (typeof buf === "string") return buf;
      if (!ArrayBuffer.isView(buf)) throw new ERR_INVALID_ARG_TYPE("buf", ["Buffer", "TypedArray", "DataView"], buf);
      let b = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      if (this.pending.length > 0) {
        const joined = new Uint8Array(this.pending.length + b.length);
        joined.set(this.pending);
        joined.set(b, this.pending.length);
        b = joined;
      }
      let keep = 0;
      switch (this.encoding) {
        case "utf8": keep = utf8Incomplete(b); break;
        case "utf16le": {
          keep = b.length % 2;
          if (keep === 0 && b.length >= 2) {
            const last = b[b.length - 2] | (b[b.length - 1] << 8);
            if (last >= 0xd800 && last <= 0xdbff) keep = 2;
          }
          break;
        }
        case "base64": case "base64url": keep = b.length % 3; break;
      }
      this.pending = b.slice(b.length - keep);
      return native.encode(b.subarray(0, b.length - keep), this.encoding);
    }
    end(buf) {
      let s = buf === undefined ? "" : this.write(buf);
      if (this.pending.length > 0) {
        s += this.encoding === "utf8" ? "\ufffd" : native.encode(this.pending, this.encoding);
        this.pending = new Uint8Array(0);
      }
      return s;
    }
    text(buf, offset) { return this.write(buf.subarray(offset)); }
    get lastNeed() { return this.pending.length === 0 ? 0 : this.encoding === "utf8" ? 1 : 0; }
    get lastTotal() { return this.pending.length; }
    get lastChar() { return Buffer.from(this.pending); }
  }
  return { StringDecoder };
})
