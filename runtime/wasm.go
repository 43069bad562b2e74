package runtime

import (
	"context"
	"fmt"
	"sort"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/wasm"
)

// wasmModuleSymbol names the hidden global through which the bundle's CompiledWasm shims
// fetch their WebAssembly.Module (see moduleRulesPlugin).
const wasmModuleSymbol = "edge.wasmModule"

// compileWasm makes the worker's wazero engine and compiles the bundle's Wasm modules once,
// for every isolate to instantiate.
func (w *Worker) compileWasm(cacheDir string) error {
	eng := wasm.NewEngine(cacheDir)
	w.wasm = eng
	w.wasmModules = map[string]*wasm.Module{}
	keys := make([]string, 0, len(w.script.WasmModules))
	for k := range w.script.WasmModules {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m, err := eng.Compile(context.Background(), w.script.WasmModules[k])
		if err != nil {
			_ = eng.Close(context.Background())
			return &BuildError{Messages: []Message{{File: k, Text: "CompileError: WebAssembly.Module(): " + err.Error()}}}
		}
		w.wasmModules[k] = m
	}
	return nil
}

// installWasm defines the WebAssembly namespace and the hidden loader of bundled modules.
func (iso *Isolate) installWasm(g *goja.Object) error {
	iso.wasmCtx, iso.wasmStop = context.WithCancel(context.Background())
	ctx := iso.wasmCtx
	api, err := wasm.Install(iso.vm, g, iso.w.wasm, func() context.Context { return ctx })
	if err != nil {
		return err
	}
	iso.wasm = api
	return iso.defineLoader(g, wasmModuleSymbol, "wasmModule", func(key string) (goja.Value, bool, error) {
		m, ok := iso.w.wasmModules[key]
		if !ok {
			return nil, false, nil
		}
		return api.NewModule(m), true, nil
	})
}

// NewWasmModule compiles b (once per worker: the same bytes give the same compiled module)
// and returns it as a WebAssembly.Module of this isolate. [wasm_modules] bindings use it.
func (iso *Isolate) NewWasmModule(b []byte) (goja.Value, error) {
	m, err := iso.w.wasm.Compile(context.Background(), b)
	if err != nil {
		return nil, fmt.Errorf("CompileError: WebAssembly.Module(): %w", err)
	}
	return iso.wasm.NewModule(m), nil
}
