// Compiles every src/*.wat to src/*.wasm with wabt; wrangler and edge both run it as the
// [build] command.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import wabtInit from "wabt";

const wabt = await wabtInit();
for (const f of readdirSync("src").filter((f) => f.endsWith(".wat"))) {
  const mod = wabt.parseWat(f, readFileSync(`src/${f}`, "utf8"), { annotations: true });
  mod.validate();
  writeFileSync(`src/${f.replace(/\.wat$/, ".wasm")}`, mod.toBinary({}).buffer);
}
