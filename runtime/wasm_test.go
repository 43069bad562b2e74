package runtime_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/edgeruntime/edge/bindings"
	"github.com/edgeruntime/edge/runtime"
)

// wat2wasm compiles testdata/wasm/NAME.wat with wabt (npm, installed by scripts/setup.sh)
// into dir/NAME.wasm. No .wasm file is committed.
func wat2wasm(t testing.TB, name, dir string) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is needed to build .wasm fixtures")
	}
	fixtures, _ := filepath.Abs("testdata/wasm")
	if _, err := os.Stat(filepath.Join(fixtures, "node_modules", "wabt")); err != nil {
		t.Fatal("testdata/wasm/node_modules/wabt is missing: run scripts/setup.sh")
	}
	out := filepath.Join(dir, name+".wasm")
	cmd := exec.Command("node", filepath.Join(fixtures, "wat2wasm.mjs"), filepath.Join(fixtures, name+".wat"), out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wat2wasm %s: %v\n%s", name, err, b)
	}
	return out
}

var wasmRules = []runtime.ModuleRule{{Type: runtime.ModuleCompiledWasm, Globs: []string{"**/*.wasm", "**/*.wasm?module"}}}

// startWasmWorker bundles src (with api.wasm and imports.wasm next to it) under wrangler's
// default CompiledWasm rule.
func startWasmWorker(t *testing.T, src string, binds ...runtime.Binding) *testWorker {
	t.Helper()
	dir := writeProject(t, map[string]string{"src/index.js": src})
	wat2wasm(t, "api", filepath.Join(dir, "src"))
	wat2wasm(t, "imports", filepath.Join(dir, "src"))
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir, Rules: wasmRules})
	if err != nil {
		t.Fatalf("bundle: %v", err)
	}
	return serveScript(t, script, runtime.Config{Isolates: 2, Bindings: binds})
}

const wasmImports = `
const logged = [];
const imports = { env: { log: (p, n) => logged.push(new TextDecoder().decode(new Uint8Array(inst.exports.memory.buffer, p, n))), twice: (x) => x * 2, base: 100 } };
const inst = new WebAssembly.Instance(api, imports);
const e = inst.exports;
`

func TestWebAssemblyAPI(t *testing.T) {
	w := startWasmWorker(t, `import api from "./api.wasm";
import imp from "./imports.wasm?module";
`+checksPrelude+wasmImports+`
export default { async fetch() { return run({
  "moduleKinds": () => [api instanceof WebAssembly.Module, Object.prototype.toString.call(api), imp === api],
  "exports": () => WebAssembly.Module.exports(api).map((d) => d.name + ":" + d.kind).join(","),
  "imports": () => WebAssembly.Module.imports(imp),
  "customSections": () => WebAssembly.Module.customSections(imp, "edge.note").map((b) => new TextDecoder().decode(b)),
  "i32": () => [e.add(2, 3), e.add(0x7fffffff, 1), e.add("4", true)],
  "i64": () => [String(e.add64(2n, 3n)), String(e.add64(-1n, 0n)), String(e.add64(2n ** 64n + 1n, 0n)), typeof e.add64(1n, 1n)],
  "i64Number": () => thrown(() => e.add64(1, 2)),
  "f32": () => e.addf32(0.1, 0.2),
  "importCall": () => e.callTwice(21),
  "importGlobal": () => e.plusBase(1),
  "memoryText": () => { e.greet(); return logged; },
  "memoryAlias": () => { const u8 = new Uint8Array(e.memory.buffer); u8[0] = 42; return new Uint8Array(e.memory.buffer)[0]; },
  "memoryGrowJS": () => { const b = e.memory.buffer; const n = b.byteLength; const prev = e.memory.grow(1); return [n, prev, b.byteLength, e.memory.buffer.byteLength, e.memory.buffer === e.memory.buffer]; },
  "memoryGrowWasm": () => { const b = e.memory.buffer; const prev = e.growInside(1); return [prev, b.byteLength, e.memory.buffer.byteLength]; },
  "memoryGrowMax": () => thrown(() => e.memory.grow(10)),
  "globals": () => [e.counter.value, e.bump(), e.counter.value, (e.counter.value = 40, e.bump()), String(e.big.value)],
  "globalImmutable": () => thrown(() => { e.big.value = 1n; }),
  "trap": () => thrown(() => e.trap()),
  "trapClass": () => { try { e.trap(); } catch (err) { return [err instanceof WebAssembly.RuntimeError, err instanceof Error, err.name]; } },
  "divZero": () => thrown(() => e.div(1, 0)),
  "multiValue": () => { const [a, b] = e.pair(); return [a, String(b)]; },
  "externref": () => { const o = {}; return [e.echoRef(o) === o, e.echoRef(null)]; },
  "fnShape": () => [typeof e.add, e.add.length, e.add.name, Object.isFrozen(e), Object.getPrototypeOf(e)],
  "mixedImports": () => {
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const g = new WebAssembly.Global({ value: "i64", mutable: true }, 41n);
    const i = new WebAssembly.Instance(imp, { env: { mem, g, f: (x) => x + 1 } });
    new Uint8Array(mem.buffer)[3] = 9;
    i.exports.store(4, 7);
    return [i.exports.load(3), new Uint8Array(mem.buffer)[4], String(i.exports.incG()), String(g.value), i.exports.callF(1)];
  },
  "instantiateModule": async () => { const i = await WebAssembly.instantiate(api, imports); return [i instanceof WebAssembly.Instance, i.exports.add(1, 1)]; },
  "instantiateBytes": () => thrown(() => WebAssembly.instantiate(new Uint8Array(8))),
  "compile": () => thrown(() => WebAssembly.compile(new Uint8Array(8))),
  "newModule": () => thrown(() => new WebAssembly.Module(new Uint8Array(8))),
  "validate": () => [WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])), WebAssembly.validate(new Uint8Array([1, 2, 3]))],
  "linkMissingFunc": () => thrown(() => new WebAssembly.Instance(api, { env: { log() {}, base: 1 } })),
  "linkMissingModule": () => thrown(() => new WebAssembly.Instance(api, {})),
  "linkNoImports": () => thrown(() => new WebAssembly.Instance(api)),
  "importThrows": () => { const i = new WebAssembly.Instance(api, { env: { ...imports.env, twice() { throw new TypeError("boom"); } } }); return thrown(() => i.exports.callTwice(1)); },
  "instanceNotModule": () => thrown(() => new WebAssembly.Instance({})),
  "table": () => { const t = new WebAssembly.Table({ initial: 1, element: "externref" }); const o = {}; t.grow(2, o); return [t.length, String(t.get(0)), t.get(2) === o]; },
  "errorClasses": () => [new WebAssembly.CompileError("x").name, new WebAssembly.LinkError("x") instanceof Error, WebAssembly.RuntimeError.name],
  "toStringTag": () => String(WebAssembly),
}); } }`)
	r := get(t, w.URL+"/")
	var got map[string]any
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	want := map[string]string{
		"moduleKinds":       `[true,"[object WebAssembly.Module]",false]`,
		"exports":           `"memory:memory,counter:global,big:global,add:function,add64:function,addf32:function,callTwice:function,greet:function,plusBase:function,bump:function,growInside:function,trap:function,div:function,pair:function,spin:function,echoRef:function"`,
		"imports":           `[{"kind":"memory","module":"env","name":"mem"},{"kind":"global","module":"env","name":"g"},{"kind":"function","module":"env","name":"f"}]`,
		"customSections":    `["hi"]`,
		"i32":               `[5,-2147483648,5]`,
		"i64":               `["5","-1","1","bigint"]`,
		"i64Number":         `"TypeError: Cannot convert 1 to a BigInt"`,
		"f32":               `0.30000001192092896`,
		"importCall":        `42`,
		"importGlobal":      `101`,
		"memoryText":        `["hello from wasm"]`,
		"memoryAlias":       `42`,
		"memoryGrowJS":      `[65536,1,0,131072,true]`,
		"memoryGrowWasm":    `[2,0,196608]`,
		"memoryGrowMax":     `"RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded"`,
		"globals":           `[7,8,8,41,"-9007199254740993"]`,
		"globalImmutable":   `"TypeError: set WebAssembly.Global.value): Can't set the value of an immutable global."`,
		"trap":              `"RuntimeError: unreachable"`,
		"trapClass":         `[true,true,"RuntimeError"]`,
		"divZero":           `"RuntimeError: divide by zero"`,
		"multiValue":        `[1,"2"]`,
		"externref":         `[true,null]`,
		"fnShape":           `["function",2,"2",true,null]`,
		"mixedImports":      `[9,7,"42","42",2]`,
		"instantiateModule": `[true,2]`,
		"instantiateBytes":  `"CompileError: WebAssembly.instantiate(): Wasm code generation disallowed by embedder"`,
		"compile":           `"CompileError: WebAssembly.compile(): Wasm code generation disallowed by embedder"`,
		"newModule":         `"CompileError: WebAssembly.Module(): Wasm code generation disallowed by embedder"`,
		"validate":          `[true,false]`,
		"linkMissingFunc":   `"LinkError: WebAssembly.Instance(): Import #1 \"env\" \"twice\": function import requires a callable"`,
		"linkMissingModule": `"TypeError: WebAssembly.Instance(): Import #0 \"env\": module is not an object or function"`,
		"linkNoImports":     `"TypeError: WebAssembly.Instance(): Imports argument must be present and must be an object"`,
		"importThrows":      `"TypeError: boom"`,
		"instanceNotModule": `"TypeError: WebAssembly.Instance(): Argument 0 must be a WebAssembly.Module"`,
		"table":             `[3,"undefined",true]`,
		"errorClasses":      `["CompileError",true,"RuntimeError"]`,
		"toStringTag":       `"[object WebAssembly]"`,
	}
	for k, v := range want {
		if g := marshal(got[k]); g != v {
			t.Errorf("%s = %s, want %s", k, g, v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d checks, want %d", len(got), len(want))
	}
}

// A [wasm_modules] binding is a global WebAssembly.Module in a service-worker script.
func TestWasmModuleBinding(t *testing.T) {
	tmp := t.TempDir()
	b, err := os.ReadFile(wat2wasm(t, "api", tmp))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeProject(t, map[string]string{"src/index.js": `
addEventListener("fetch", (ev) => {
  const i = new WebAssembly.Instance(API, { env: { log() {}, twice: (x) => x, base: 1 } });
  ev.respondWith(new Response(String(i.exports.add(20, 22))));
});`})
	w := startWorker(t, dir, "src/index.js", 1, bindings.Wasm{Binding: "API", Bytes: b})
	if r := get(t, w.URL+"/"); r.body != "42" {
		t.Fatalf("got %d %q", r.status, r.body)
	}
}

// A Wasm loop that never returns is stopped by the CPU limit like a JS one: 503, and the
// worker keeps serving (from a fresh isolate).
func TestWasmCPULimit(t *testing.T) {
	dir := writeProject(t, map[string]string{"src/index.js": `import api from "./api.wasm";
const e = new WebAssembly.Instance(api, { env: { log() {}, twice: (x) => x, base: 1 } }).exports;
export default { fetch(req) {
  if (new URL(req.url).pathname === "/spin") e.spin();
  return new Response(String(e.add(1, 2)));
} }`})
	wat2wasm(t, "api", filepath.Join(dir, "src"))
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir, Rules: wasmRules})
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := serveWithCPULimit(t, script)
	for i := 0; i < 2; i++ {
		if r := get(t, srv.URL+"/spin"); r.status != 503 || r.body != "Error: Worker exceeded CPU time limit.\n" {
			t.Errorf("spin: %d %q", r.status, r.body)
		}
		if r := get(t, srv.URL+"/"); r.body != "3" {
			t.Fatalf("after spin: %d %q", r.status, r.body)
		}
	}
}
