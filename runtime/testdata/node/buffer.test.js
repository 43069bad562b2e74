import { Buffer, constants, isUtf8, isAscii } from "node:buffer";

test("encodings round trip", () => {
  const s = "héllo wörld €😀";
  for (const enc of ["utf8", "utf-8", "base64", "base64url", "hex"]) {
    assertEquals(Buffer.from(Buffer.from(s).toString(enc), enc).toString(), s, enc);
  }
  assertEquals(Buffer.from(s, "ucs2").toString("utf16le"), s);
  assertEquals(Buffer.from(s, "utf16le").length, 2 * s.length);
  assertEquals(Buffer.from("ÿ", "latin1")[0], 255);
  assertEquals(Buffer.from([0xff, 0x41]).toString("binary"), "ÿA");
});
test("lenient decoders", () => {
  assertEquals(Buffer.from("aGVs bG8=\n", "base64").toString(), "hello");
  assertEquals(Buffer.from("aGVsbG8", "base64url").toString(), "hello");
  assertEquals(Buffer.from("12zz34", "hex").length, 1);
  assertEquals(Buffer.from([0xe2, 0x82]).toString(), "\ufffd");
});
test("Buffer is a Uint8Array subclass", () => {
  const b = Buffer.alloc(4);
  assert(b instanceof Uint8Array && b instanceof Buffer);
  assert(b.subarray(1) instanceof Buffer);
  assert(Buffer.from(b.buffer).buffer === b.buffer, "ArrayBuffer is shared");
  assertEquals(Object.getPrototypeOf(Buffer), Uint8Array);
});
test("numbers", () => {
  const b = Buffer.alloc(8);
  b.writeInt32LE(-5, 0);
  b.writeUInt16BE(0x1234, 4);
  assertEquals([b.readInt32LE(0), b.readUInt16BE(4), b.readUInt8(5)], [-5, 0x1234, 0x34]);
  b.writeFloatBE(2.5, 0);
  assertEquals(b.readFloatBE(0), 2.5);
  b.writeIntBE(-123456, 0, 3);
  assertEquals(b.readIntBE(0, 3), -123456);
  assertThrows(() => b.readUInt32LE(6), "RangeError", "out of range");
  assertThrows(() => b.writeUInt16LE(70000, 0), "ERR_OUT_OF_RANGE");
});
test("integer widths against DataView", () => {
  const b = Buffer.alloc(8);
  const dv = new DataView(b.buffer, b.byteOffset, 8);
  const cases = [["Int8", "Int8", 1, [-128, -1, 0, 127]], ["UInt8", "Uint8", 1, [0, 1, 255]],
    ["Int16", "Int16", 2, [-32768, -2, 513, 32767]], ["UInt16", "Uint16", 2, [0, 258, 65535]],
    ["Int32", "Int32", 4, [-2147483648, -5, 16909060, 2147483647]], ["UInt32", "Uint32", 4, [0, 16909060, 4294967295]]];
  for (const [name, dvName, size, values] of cases) {
    for (const suffix of size === 1 ? [""] : ["LE", "BE"]) {
      for (const v of values) {
        assertEquals(b[`write${name}${suffix}`](v, 1), 1 + size);
        assertEquals(dv[`get${dvName}`](1, suffix === "LE"), v, `write${name}${suffix}(${v})`);
        assertEquals(b[`read${name}${suffix}`](1), v, `read${name}${suffix}(${v})`);
      }
    }
  }
  b.writeUInt8(1.7, 0);
  assertEquals(b[0], 1);
});
test("search, compare, concat", () => {
  const b = Buffer.from("one two two");
  assertEquals([b.indexOf("two"), b.lastIndexOf("two"), b.indexOf("two", 5), b.includes("x")], [4, 8, 8, false]);
  assertEquals(Buffer.compare(Buffer.from([1]), Buffer.from([1, 0])), -1);
  assertEquals(Buffer.concat([Buffer.from("a"), Buffer.from("bc")]).toString(), "abc");
});
test("write and fill", () => {
  const b = Buffer.alloc(4);
  assertEquals(b.write("€€"), 3, "only whole characters are written");
  assertEquals(Buffer.alloc(5).fill("xy").toString(), "xyxyx");
  assertEquals(Buffer.alloc(2, "ff", "hex").toString("hex"), "ffff");
});
test("module exports", () => {
  assertEquals(typeof constants.MAX_LENGTH, "number");
  assert(isUtf8(Buffer.from("é")) && !isUtf8(new Uint8Array([0xff])));
  assert(isAscii(Buffer.from("abc")) && !isAscii(Buffer.from("é")));
  assertEquals(JSON.stringify(Buffer.from([1, 2])), '{"type":"Buffer","data":[1,2]}');
  assertEquals(Buffer.from({ type: "Buffer", data: [3] })[0], 3);
});
test("errors", () => {
  assertThrows(() => Buffer.from(1), "ERR_INVALID_ARG_TYPE", "Received type number (1)");
  assertThrows(() => Buffer.from("x", "nope"), "ERR_UNKNOWN_ENCODING", "Unknown encoding: nope");
  assertThrows(() => Buffer.alloc("3"), "ERR_INVALID_ARG_TYPE");
});
