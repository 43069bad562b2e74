// Run with `edge test` in examples/wasm-checksum (its [build] command makes src/checksum.wasm
// from the WebAssembly text first). The expected CRC-32 values are the standard ones.
import { test, assert, SELF } from "edge:test";

const post = async (body) => (await SELF.fetch("https://checksum.test/", { method: "POST", body })).json();

test("CRC-32 and ROT13 of a short body", async () => {
  const r = await post("The quick brown fox jumps over the lazy dog");
  assert.equal(r.crc32, "414fa339");
  assert.equal(r.rot13, "Gur dhvpx oebja sbk whzcf bire gur ynml qbt");
});

test("a body larger than the module's memory grows it and is still summed right", async () => {
  const r = await post(new Uint8Array(256 * 1024)); // 256 KiB of zeros
  assert.equal(r.crc32, "e20eea22"); // CRC-32 of 262144 zero bytes (zlib.crc32)
  assert.ok(r.pages >= 5, `memory pages: ${r.pages}`);
});

test("the module's exports are described as WebAssembly.Module.exports gives them", async () => {
  const r = await post("x");
  assert.ok(r.exports.includes("memory:memory"));
  assert.ok(r.exports.includes("crc32:function"));
});
