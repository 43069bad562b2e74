// Usage: node wat2wasm.mjs in.wat out.wasm — compiles WebAssembly text with wabt (npm).
import { readFileSync, writeFileSync } from "node:fs";
import wabtInit from "wabt";

const [input, output] = process.argv.slice(2);
const wabt = await wabtInit();
try {
  const mod = wabt.parseWat(input, readFileSync(input, "utf8"), { annotations: true });
  writeFileSync(output, mod.toBinary({ write_debug_names: false }).buffer);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
