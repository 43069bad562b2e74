// A module worker using a .wasm module the way wasm-bindgen's glue does: the import yields a
// WebAssembly.Module, WebAssembly.instantiate(module, imports) makes the instance, and the
// cached Uint8Array view of memory is re-created when its byteLength is 0 (memory grew).
import checksumModule from "./checksum.wasm";

let wasm;
let progressCalls = 0;
const ready = WebAssembly.instantiate(checksumModule, {
  env: { progress: () => { progressCalls++; } },
}).then((instance) => { wasm = instance.exports; });

let cachedBytes = null;
function memoryBytes() {
  if (cachedBytes === null || cachedBytes.byteLength === 0) {
    cachedBytes = new Uint8Array(wasm.memory.buffer);
  }
  return cachedBytes;
}

function passBytes(bytes) {
  const ptr = wasm.alloc(bytes.length); // may grow memory: the cached view is then detached
  memoryBytes().set(bytes, ptr);
  return ptr;
}

export default {
  async fetch(request) {
    await ready;
    if (request.method !== "POST") {
      return new Response("POST a body: the reply is its CRC-32 and its ROT13.\n");
    }
    const body = new Uint8Array(await request.arrayBuffer());
    wasm.reset();
    progressCalls = 0;
    const ptr = passBytes(body);
    const crc = wasm.crc32(ptr, body.length) >>> 0;
    wasm.rot13(ptr, body.length);
    const rot13 = new TextDecoder().decode(memoryBytes().subarray(ptr, ptr + body.length));
    return Response.json({
      crc32: crc.toString(16).padStart(8, "0"),
      rot13: body.length <= 1024 ? rot13 : `(${body.length} bytes)`,
      pages: wasm.memory.buffer.byteLength / 65536,
      progressCalls,
      exports: WebAssembly.Module.exports(checksumModule).map((e) => `${e.name}:${e.kind}`),
    });
  },
};
