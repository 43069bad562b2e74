import { StringDecoder } from "node:string_decoder";
import { Buffer } from "node:buffer";

test("utf8 split across writes", () => {
  const d = new StringDecoder("utf8");
  const euro = Buffer.from("€😀");
  let s = "";
  for (const byte of euro) s += d.write(Buffer.from([byte]));
  assertEquals(s + d.end(), "€😀");
  assertEquals(new StringDecoder().end(Buffer.from([0xf0, 0x9f])), "\ufffd");
});
test("utf16le and base64", () => {
  const d = new StringDecoder("utf16le");
  const b = Buffer.from("😀", "utf16le");
  assertEquals(d.write(b.subarray(0, 3)) + d.write(b.subarray(3)), "😀");
  const b64 = new StringDecoder("base64");
  assertEquals(b64.write(Buffer.from("ab")) + b64.end(Buffer.from("c")), "YWJj");
  assertThrows(() => new StringDecoder("klingon"), "ERR_UNKNOWN_ENCODING");
});
