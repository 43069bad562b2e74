// A service-worker script: [wasm_modules] entries are globals holding a WebAssembly.Module.
const logged = [];
const instance = new WebAssembly.Instance(ADD, { env: { log: (x) => logged.push(x) } });

addEventListener("fetch", (event) => {
  instance.exports.addAndLog(20, 22);
  event.respondWith(Response.json({
    isModule: ADD instanceof WebAssembly.Module,
    tag: Object.prototype.toString.call(ADD),
    exports: WebAssembly.Module.exports(ADD),
    imports: WebAssembly.Module.imports(ADD),
    add: instance.exports.add(2, 3),
    logged: logged.slice(-1),
    globalDescriptor: (({ writable, enumerable, configurable }) => ({ writable, enumerable, configurable }))(Object.getOwnPropertyDescriptor(globalThis, "ADD")),
  }));
});
