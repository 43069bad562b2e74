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
// How the JS API maps onto wazero (spec/webapi.md §5.4; conformance case 70-wasm-api):
//
//   - Module objects come only from the bundle (`import m from "./x.wasm"`, CompiledWasm
//     rules) or [wasm_modules] bindings. Compiling at run time is refused as Workers refuses
//     it: `new WebAssembly.Module(bytes)`, `compile`, `compileStreaming`,
//     `instantiateStreaming` and `instantiate(bytes)` throw or reject with CompileError
//     "WebAssembly.…(): Wasm code generation disallowed by embedder". `validate` works.
//     Module.exports/imports/customSections come from our own reading of the binary
//     (binary.go), since wazero's API lists neither tables nor globals.
//
//   - Imports: the JS functions of each import module name become a host module
//     (wazero.HostModuleBuilder under a unique name), and a generated glue module imports
//     them together with the memories, globals and tables offered under that name and
//     re-exports everything under the requested names. wazero's experimental ImportResolver
//     maps the import module name to the glue module for this one instantiation (it accepts
//     no host module instances, hence the glue even for functions only).
//
//   - Memory: `buffer` is a goja ArrayBuffer over the wazero memory slice (no copy). When the
//     memory grows — by Memory.grow or inside Wasm, noticed after each call into Wasm and at
//     each call out of it — the old buffer is detached and the next `buffer` is new, as the
//     spec says (wasm-bindgen relies on `byteLength === 0` to refresh its views).
//     `new WebAssembly.Memory` instantiates a generated module defining the memory.
//
//   - Global: exported globals through api.Global/api.MutableGlobal; `new WebAssembly.Global`
//     through a generated module. i64 values are BigInts.
//
//   - Values: i32 ↔ Number, i64 ↔ BigInt, f32/f64 ↔ Number, externref ↔ any JS value through
//     a per-isolate handle table. A JS exception thrown by an import propagates through Wasm
//     unchanged; traps become RuntimeError with V8's messages.
//
//   - Table: wazero's api.Module has no table accessor (its source says "TODO: Table"), so
//     every table gets a generated accessor module whose size/grow/get/set functions run
//     Wasm's own table instructions on it (table.go). externref entries map to JS values;
//     a funcref entry read from JS is found with wazero's experimental table.LookupFunction
//     among the function types of the modules instantiated so far, and a Wasm function is
//     turned into a funcref by a generated module returning ref.func of it.
//
// Deviation: funcref Globals are not supported; exception handling (Exception, Tag, JSTag) and
// JS promise integration (Suspending, promising) are absent; exception-handling tags cannot
// be imported or exported.
// Deviation: in call_indirect, wazero reports a null entry and an out-of-bounds index with the
// same trap; both read "table index is out of bounds" (V8 says "null function" for the first).
// Deviation: shared memories (threads) are not supported.
//
// Lifetime: an instance's wazero modules (instance, glue, host) are closed by a cleanup
// (runtime.AddCleanup) once no JS object of the instance is reachable, so a worker that
// instantiates per request does not keep every linear memory; the host modules reach their JS
// functions through a weak pointer, so wazero's namespace does not keep instances alive.
// Memories, globals and tables made with `new` are closed the same way. Buffers stay valid
// after a close (linear memory is Go memory).
//
// Deviation: externref values given to Wasm stay in the isolate's handle table until the
// isolate ends (Wasm may hold them anywhere; wazero cannot say when it drops one).
//
// The CPU limit reaches Wasm through the context the embedder supplies: the runtime is built
// WithCloseOnContextDone, so cancelling it stops a running call (the instance is then closed;
// the isolate is replaced anyway after a CPU-limit interrupt).
package wasm
