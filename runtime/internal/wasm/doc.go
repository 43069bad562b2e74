// Package wasm is the WebAssembly JS API of an isolate, backed by wazero
// (github.com/tetratelabs/wazero): WebAssembly.Module, Instance, instantiate, validate,
// Memory, Global, Table and the CompileError/LinkError/RuntimeError classes.
//
// An Engine belongs to one worker version: one wazero runtime (compiler engine, Wasm 2.0 core
// features) with a compilation cache (in memory, or on disk in the state directory), each
// module compiled once and instantiated by any isolate under a fresh name. An API belongs to
// one isolate and is used on its loop goroutine only; it imports jsutil and nothing else of
// edge.
//
// How the JS API maps onto wazero (spec/webapi.md §5.4):
//
//   - Module objects come only from the bundle (`import m from "./x.wasm"`, CompiledWasm
//     rules) or [wasm_modules] bindings. Compiling at run time is refused as Workers refuses
//     it: `new WebAssembly.Module(bytes)`, `compile`, `compileStreaming`,
//     `instantiateStreaming` and `instantiate(bytes)` throw or reject with CompileError
//     "WebAssembly.…(): Wasm code generation disallowed by embedder". `validate` works.
//     Module.exports/imports/customSections come from our own reading of the binary
//     (binary.go), since wazero's API lists neither tables nor globals.
//   - Imports: each import module name becomes a host module of JS functions
//     (wazero.HostModuleBuilder under a unique name); when the name also offers memories or
//     globals, a generated glue module imports them all and re-exports them under the
//     requested names. wazero's experimental ImportResolver maps the import module name to
//     that module for this one instantiation.
//   - Memory: `buffer` is a goja ArrayBuffer over the wazero memory slice (no copy). When the
//     memory grows — by Memory.grow or inside Wasm, noticed after each call into Wasm and at
//     each call out of it — the old buffer is detached and the next `buffer` is new, as the
//     spec says (wasm-bindgen relies on `byteLength === 0` to refresh its views).
//     `new WebAssembly.Memory` instantiates a generated module defining the memory.
//   - Global: exported globals through api.Global/api.MutableGlobal; `new WebAssembly.Global`
//     through a generated module. i64 values are BigInts.
//   - Values: i32 ↔ Number, i64 ↔ BigInt, f32/f64 ↔ Number, externref ↔ any JS value through
//     a per-isolate handle table. A JS exception thrown by an import propagates through Wasm
//     unchanged; traps become RuntimeError with V8's messages.
//
// Deviation: WebAssembly.Table is a stub. wazero's api.Module has no table accessor (its
// source says "TODO: Table"), so exported tables are Table objects whose length/get/set/grow
// throw, `new WebAssembly.Table` throws, and a module importing a table cannot be
// instantiated (LinkError). wasm-bindgen output that grows its externref table from JS
// (`__wbindgen_externrefs`) therefore does not run.
// Deviation: funcref values (Global/Table of funcref) are not supported; exception-handling
// tags cannot be imported or exported.
// Deviation: shared memories (threads) are not supported.
//
// The CPU limit reaches Wasm through the context the embedder supplies: the runtime is built
// WithCloseOnContextDone, so cancelling it stops a running call (the instance is then closed;
// the isolate is replaced anyway after a CPU-limit interrupt).
package wasm
