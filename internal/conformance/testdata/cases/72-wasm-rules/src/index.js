// Module imports of Wasm: the default *.wasm and *.wasm?module rules, and a CompiledWasm rule
// with a glob of its own (fallthrough keeps the defaults).
import plain from "./add.wasm";
import suffixed from "./add.wasm?module";
import custom from "./add.wbin";

const imports = { env: { log() {} } };

export default {
  async fetch() {
    const viaInstantiate = await WebAssembly.instantiate(custom, imports);
    return Response.json({
      modules: [plain, suffixed, custom].map((m) => m instanceof WebAssembly.Module),
      sameImportSameModule: plain === suffixed,
      customAdd: viaInstantiate.exports.add(40, 2),
      plainAdd: new WebAssembly.Instance(plain, imports).exports.add(1, 1),
    });
  },
};
