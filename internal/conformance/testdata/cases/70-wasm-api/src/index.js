// The WebAssembly JS API as Workers exposes it: Module descriptors, Instance and instantiate
// shapes, value conversions, Memory growth and detaching, Global, error classes and messages,
// and the refusal to compile at run time. The .wasm files are built from src/*.wat.
import calc from "./calc.wasm";
import host from "./host.wasm?module";
import tabled from "./tabled.wasm";

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try {
      const v = await fn();
      out[name] = v === undefined ? "undefined" : v;
    } catch (e) {
      out[name] = { unexpectedError: `${e?.name}: ${e?.message}` };
    }
  }
  return Response.json(out);
}
const thrown = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
};

const imports = () => ({ env: { twice: (x) => x * 2, offset: 100 } });
const calcExports = () => new WebAssembly.Instance(calc, imports()).exports;

const routes = {
  "/namespace": () => ({
    tag: () => Object.prototype.toString.call(WebAssembly),
    keys: () => Object.getOwnPropertyNames(WebAssembly).sort(),
    moduleTag: () => Object.prototype.toString.call(calc),
    instanceOf: () => [calc instanceof WebAssembly.Module, host instanceof WebAssembly.Module, calc === host],
    ctorLengths: () => ["Module", "Instance", "Memory", "Global", "Table"].map((n) => `${n}:${WebAssembly[n].length}`),
    errorClasses: () => ["CompileError", "LinkError", "RuntimeError"].map((n) => {
      const e = new WebAssembly[n]("m");
      return [n, e.name, e.message, e instanceof Error, Object.getPrototypeOf(WebAssembly[n]) === Error];
    }),
  }),
  "/module": () => ({
    exports: () => WebAssembly.Module.exports(calc),
    imports: () => WebAssembly.Module.imports(calc),
    hostImports: () => WebAssembly.Module.imports(host),
    customSections: () => WebAssembly.Module.customSections(calc, "meta").map((b) => [b instanceof ArrayBuffer, new TextDecoder().decode(b)]),
    customSectionsNone: () => WebAssembly.Module.customSections(calc, "nope"),
    exportsNotModule: () => thrown(() => WebAssembly.Module.exports({})),
    newModuleBytes: () => thrown(() => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))),
    validateGood: () => WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])),
    validateBad: () => WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0])),
    validateNotBytes: () => thrown(() => WebAssembly.validate("x")),
  }),
  "/instance": () => ({
    instanceTag: () => Object.prototype.toString.call(new WebAssembly.Instance(calc, imports())),
    exportsShape: () => { const e = calcExports(); return [Object.isFrozen(e), Object.getPrototypeOf(e), Object.keys(e)]; },
    fnShape: () => { const e = calcExports(); return [typeof e.add, e.add.name, e.add.length, e.noop.length, e.add === e.add]; },
    sameExportsObject: () => { const i = new WebAssembly.Instance(calc, imports()); return i.exports === i.exports; },
    i32: () => { const e = calcExports(); return [e.add(2, 3), e.add(0x7fffffff, 1), e.add("4", true), e.add(1.9, -0.5), e.add(), e.add(2 ** 32 + 5, 0)]; },
    i64: () => { const e = calcExports(); return [e.add64(2n, 3n), e.add64(-1n, 0n), e.add64(2n ** 64n + 1n, 0n), e.add64(2n ** 63n, 0n), e.add64(true, "5")].map(String); },
    i64Type: () => typeof calcExports().add64(1n, 1n),
    i64Number: () => thrown(() => calcExports().add64(1, 2)),
    i64Undefined: () => thrown(() => calcExports().add64()),
    f32: () => calcExports().addf32(0.1, 0.2),
    f64: () => calcExports().addf64(0.1, 0.2),
    nan: () => String(calcExports().addf64(NaN, 1)),
    importFn: () => calcExports().callTwice(21),
    importGlobal: () => calcExports().plusOffset(1),
    multiValue: () => { const r = calcExports().pair(); return [Array.isArray(r), r[0], String(r[1])]; },
    noopResult: () => String(calcExports().noop()),
    externref: () => { const e = calcExports(); const o = { a: 1 }; return [e.echoRef(o) === o, e.echoRef(null), String(e.echoRef(undefined)), e.echoRef("s")]; },
    importThrows: () => thrown(() => new WebAssembly.Instance(calc, { env: { twice() { throw new RangeError("from import"); }, offset: 1 } }).exports.callTwice(1)),
    importReturnsString: () => new WebAssembly.Instance(calc, { env: { twice: () => "7", offset: 1 } }).exports.callTwice(1),
  }),
  "/memory": () => ({
    memoryTag: () => Object.prototype.toString.call(calcExports().mem),
    initial: () => { const e = calcExports(); return [e.mem instanceof WebAssembly.Memory, e.mem.buffer.byteLength, e.mem.buffer === e.mem.buffer, new TextDecoder().decode(new Uint8Array(e.mem.buffer, 8, 5))]; },
    writeThrough: () => { const e = calcExports(); new Uint8Array(e.mem.buffer)[20] = 99; return e.load(20); },
    growJS: () => { const e = calcExports(); const old = e.mem.buffer; const prev = e.mem.grow(1); return [prev, old.byteLength, e.mem.buffer.byteLength, e.size()]; },
    growZeroDetaches: () => { const e = calcExports(); const old = e.mem.buffer; const prev = e.mem.grow(0); return [prev, old.byteLength, e.mem.buffer.byteLength, old === e.mem.buffer]; },
    growInWasm: () => { const e = calcExports(); const old = e.mem.buffer; const prev = e.grow(1); return [prev, old.byteLength, e.mem.buffer.byteLength]; },
    growInWasmPastMax: () => calcExports().grow(5),
    growPastMax: () => thrown(() => calcExports().mem.grow(3)),
    growNegative: () => thrown(() => calcExports().mem.grow(-1)),
    viewAfterGrow: () => { const e = calcExports(); const v = new Uint8Array(e.mem.buffer); e.grow(1); return [v.length, v.byteLength]; },
    constructed: () => { const m = new WebAssembly.Memory({ initial: 1, maximum: 2 }); const b = m.buffer; return [b.byteLength, m.grow(1), b.byteLength, m.buffer.byteLength]; },
    constructedPastMax: () => thrown(() => new WebAssembly.Memory({ initial: 1, maximum: 1 }).grow(1)),
    noInitial: () => thrown(() => new WebAssembly.Memory({})),
    maxBelowInitial: () => thrown(() => new WebAssembly.Memory({ initial: 2, maximum: 1 })),
    notObject: () => thrown(() => new WebAssembly.Memory(1)),
    imported: () => {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
      const counter = new WebAssembly.Global({ value: "i64", mutable: true }, 41n);
      const i = new WebAssembly.Instance(host, { host: { memory, counter, inc: (x) => x + 1 } });
      new Uint8Array(memory.buffer)[3] = 9;
      i.exports.poke(4, 7);
      return [i.exports.peek(3), new Uint8Array(memory.buffer)[4], String(i.exports.tick()), String(counter.value), i.exports.callInc(1)];
    },
  }),
  "/global": () => ({
    exported: () => { const e = calcExports(); return [e.count instanceof WebAssembly.Global, e.count.value, e.bump(), e.count.value, e.count.valueOf()]; },
    setFromJS: () => { const e = calcExports(); e.count.value = 40; return [e.bump(), e.count.value]; },
    i64: () => [typeof calcExports().wide.value, String(calcExports().wide.value)],
    f32: () => calcExports().ratio.value,
    immutable: () => thrown(() => { calcExports().wide.value = 1n; }),
    globalTag: () => Object.prototype.toString.call(calcExports().count),
    constructed: () => {
      const g = new WebAssembly.Global({ value: "i32", mutable: true }, 7);
      const before = g.value;
      g.value = 2 ** 31;
      return [before, g.value, new WebAssembly.Global({ value: "f64" }, 1.5).value, new WebAssembly.Global({ value: "i32" }).value];
    },
    constructedI64: () => String(new WebAssembly.Global({ value: "i64" }, 5n).value),
    constructedI64Number: () => thrown(() => new WebAssembly.Global({ value: "i64" }, 5)),
    badType: () => thrown(() => new WebAssembly.Global({ value: "i8" }, 1)),
    importImmutableNumber: () => new WebAssembly.Instance(calc, { env: { twice: (x) => x, offset: new WebAssembly.Global({ value: "i32" }, 5) } }).exports.plusOffset(1),
    importMutableNumber: () => thrown(() => new WebAssembly.Instance(host, { host: { memory: new WebAssembly.Memory({ initial: 1 }), counter: 1n, inc: () => 0 } })),
  }),
  "/errors": () => ({
    unreachable: () => thrown(() => calcExports().unreachable()),
    divZero: () => thrown(() => calcExports().div(1, 0)),
    divOverflow: () => thrown(() => calcExports().div(-2147483648, -1)),
    outOfBounds: () => thrown(() => calcExports().oob()),
    trapClass: () => { try { calcExports().unreachable(); } catch (e) { return [e instanceof WebAssembly.RuntimeError, e instanceof Error, e.constructor.name]; } },
    missingImportFn: () => thrown(() => new WebAssembly.Instance(calc, { env: { offset: 1 } })),
    importNotCallable: () => thrown(() => new WebAssembly.Instance(calc, { env: { twice: 1, offset: 1 } })),
    missingModule: () => thrown(() => new WebAssembly.Instance(calc, {})),
    noImportObject: () => thrown(() => new WebAssembly.Instance(calc)),
    badGlobalImport: () => thrown(() => new WebAssembly.Instance(calc, { env: { twice: () => 0, offset: "x" } })),
    badMemoryImport: () => thrown(() => new WebAssembly.Instance(host, { host: { memory: {}, counter: new WebAssembly.Global({ value: "i64", mutable: true }, 0n), inc: () => 0 } })),
    notAModule: () => thrown(() => new WebAssembly.Instance({})),
    instanceWithoutNew: () => thrown(() => WebAssembly.Instance(calc, imports())),
  }),
  "/instantiate": () => ({
    moduleOverload: async () => { const r = await WebAssembly.instantiate(calc, imports()); return [r instanceof WebAssembly.Instance, "module" in r, r.exports.add(1, 2)]; },
    moduleOverloadLinkError: async () => thrown(() => WebAssembly.instantiate(calc, {})),
    returnsPromise: () => { const p = WebAssembly.instantiate(calc, imports()); return p instanceof Promise; },
    bytesOverload: () => thrown(() => WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))),
    bytesIsRejection: () => { const p = WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); p.catch(() => {}); return p instanceof Promise; },
    compile: () => thrown(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))),
    notModuleOrBytes: () => thrown(() => WebAssembly.instantiate({})),
  }),
  "/table": () => ({
    tableType: () => typeof WebAssembly.Table,
    tableTag: () => Object.prototype.toString.call(new WebAssembly.Table({ initial: 0, element: "anyfunc" })),
    constructed: () => { const t = new WebAssembly.Table({ initial: 2, element: "anyfunc" }); return [t.length, t.get(0), t.grow(1), t.length]; },
    externref: () => {
      const t = new WebAssembly.Table({ element: "externref", initial: 2 });
      const o = {};
      const before = String(t.get(0));
      t.set(1, o);
      return [before, t.get(1) === o, t.grow(1, "x"), t.get(2), t.length];
    },
    externrefInit: () => { const t = new WebAssembly.Table({ element: "externref", initial: 2 }, "v"); return [t.get(0), t.get(1)]; },
    exported: () => {
      const e = calcExports();
      const f = e.tbl.get(0);
      return [e.tbl instanceof WebAssembly.Table, e.tbl.length, typeof f, f(9, 4), f === e.tbl.get(0), e.tbl.get(1), e.callAt(0, 9, 4)];
    },
    setExported: () => { const e = calcExports(); e.tbl.set(1, e.add); return [e.callAt(1, 2, 3), e.tbl.get(1) === e.add]; },
    exportedRefs: () => { const e = calcExports(); const o = { k: 1 }; e.storeRef(0, o); return [e.refs.length, e.refs.get(0) === o]; },
    getOutOfRange: () => thrown(() => calcExports().tbl.get(5)),
    setOutOfRange: () => thrown(() => calcExports().tbl.set(2, null)),
    setNotWasmFunction: () => thrown(() => new WebAssembly.Table({ element: "anyfunc", initial: 1 }).set(0, () => 1)),
    growPastMax: () => thrown(() => new WebAssembly.Table({ element: "anyfunc", initial: 1, maximum: 1 }).grow(1)),
    growExported: () => { const e = calcExports(); return [e.tbl.grow(2), e.tbl.length, e.tbl.get(3)]; },
    imported: () => {
      const e = calcExports();
      const t = new WebAssembly.Table({ element: "anyfunc", initial: 2 });
      t.set(1, e.add);
      const i = new WebAssembly.Instance(tabled, { t: { table: t } });
      return [i.exports.callSlot(1, 20, 22), t.length];
    },
    importedExported: () => { const e = calcExports(); return new WebAssembly.Instance(tabled, { t: { table: e.tbl } }).exports.callSlot(0, 10, 3); },
    importNotTable: () => thrown(() => new WebAssembly.Instance(tabled, { t: { table: {} } })),
    callNull: () => thrown(() => { const t = new WebAssembly.Table({ element: "anyfunc", initial: 1 }); new WebAssembly.Instance(tabled, { t: { table: t } }).exports.callSlot(0, 1, 1); }),
    badElement: () => thrown(() => new WebAssembly.Table({ element: "i32", initial: 1 })),
    noInitial: () => thrown(() => new WebAssembly.Table({ element: "anyfunc" })),
  }),
};

export default {
  async fetch(request) {
    const route = routes[new URL(request.url).pathname];
    if (!route) return new Response("not found", { status: 404 });
    return run(route());
  },
};
