package bindings

import (
	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime"
)

// Data is a [data_blobs] entry: in a service-worker script the global NAME is an
// ArrayBuffer holding the file. Each isolate gets its own copy, since JS may write to it.
// (A [text_blobs] entry is a Text binding.)
type Data struct {
	Binding string
	Bytes   []byte
}

// Name implements runtime.Binding.
func (d Data) Name() string { return d.Binding }

// Value implements runtime.Binding.
func (d Data) Value(iso *runtime.Isolate) (goja.Value, error) {
	b := make([]byte, len(d.Bytes))
	copy(b, d.Bytes)
	return iso.NewArrayBuffer(b), nil
}

// Wasm is a [wasm_modules] entry: in a service-worker script the global NAME is a
// WebAssembly.Module compiled from the file. The worker compiles the bytes once; every
// isolate gets its own Module object over the same compiled code.
type Wasm struct {
	Binding string
	Bytes   []byte
}

// Name implements runtime.Binding.
func (w Wasm) Name() string { return w.Binding }

// Value implements runtime.Binding.
func (w Wasm) Value(iso *runtime.Isolate) (goja.Value, error) { return iso.NewWasmModule(w.Bytes) }
