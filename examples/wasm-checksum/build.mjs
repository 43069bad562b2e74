// Compiles src/checksum.wat to src/checksum.wasm with wabt (npm). `edge serve` runs it as
// the [build] command, so the .wasm is never committed.
import { readFileSync, writeFileSync } from "node:fs";
import wabtInit from "wabt";

const wabt = await wabtInit();
const src = "src/checksum.wat";
const mod = wabt.parseWat(src, readFileSync(src, "utf8"));
mod.validate();
writeFileSync("src/checksum.wasm", mod.toBinary({}).buffer);
