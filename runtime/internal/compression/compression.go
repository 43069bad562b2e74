package compression

import (
	_ "embed"
	"errors"
	"fmt"
	"sync"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

//go:embed compression_streams.js
var streamsSource string

const programName = "edge:compression_streams.js"

var compileOnce = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile(programName, streamsSource, true)
})

// Program returns compression_streams.js compiled (once per process; Install compiles it when
// needed).
func Program() *goja.Program { return compileOnce() }

// Install defines CompressionStream and DecompressionStream on global. TransformStream must
// already be there (install the streams package first). It must run on the goroutine that owns
// vm.
func Install(vm *goja.Runtime, global *goja.Object) error {
	if _, ok := goja.AssertConstructor(global.Get("TransformStream")); !ok {
		return errors.New("compression: TransformStream is not installed")
	}
	v, err := vm.RunProgram(compileOnce())
	if err != nil {
		return fmt.Errorf("compression: run %s: %w", programName, err)
	}
	install, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("compression: %s did not evaluate to a function", programName)
	}
	if _, err := install(goja.Undefined(), global, newHost(vm)); err != nil {
		return fmt.Errorf("compression: install: %w", err)
	}
	return nil
}

// codecState is the Go state of the host-only codec objects the JS classes hold.
type codecState struct {
	jsutil.Expando
	c codec
}

// newHost builds the host object: {compressor(format), decompressor(format)}, each returning a
// codec object with push(chunk), finish() and abort(). The codec class is never installed on the
// global object.
func newHost(vm *goja.Runtime) *goja.Object {
	pool := &writerPool{}
	cls := jsutil.NewClass[*codecState](vm, "Codec", 0, nil)
	output := func(pieces [][]byte, err error) goja.Value {
		if err != nil {
			jsutil.Throw(vm, "TypeError", err.Error())
		}
		vals := make([]any, len(pieces))
		for i, p := range pieces {
			vals[i] = jsutil.NewUint8Array(vm, p)
		}
		return vm.NewArray(vals...)
	}
	cls.Method("push", 1, func(s *codecState, call goja.FunctionCall) goja.Value {
		b, ok := jsutil.Bytes(vm, call.Argument(0))
		if !ok {
			s.c.abort() // the stream errors; release the codec now rather than at collection
			jsutil.Throw(vm, "TypeError", msgNotBytes)
		}
		return output(s.c.push(b))
	})
	cls.Method("finish", 0, func(s *codecState, call goja.FunctionCall) goja.Value {
		return output(s.c.finish())
	})
	cls.Method("abort", 0, func(s *codecState, call goja.FunctionCall) goja.Value {
		s.c.abort()
		return goja.Undefined()
	})
	factory := func(name string, newCodec func(format) codec) goja.Value {
		return jsutil.Func(vm, name, 1, func(call goja.FunctionCall) goja.Value {
			f, ok := parseFormat(call.Argument(0).String())
			if !ok {
				jsutil.Throw(vm, "TypeError", msgBadFormat)
			}
			return cls.Wrap(&codecState{c: newCodec(f)})
		})
	}
	host := vm.NewObject()
	_ = host.Set("compressor", factory("compressor", func(f format) codec { return newCompressor(f, pool) }))
	_ = host.Set("decompressor", factory("decompressor", func(f format) codec { return newDecompressor(f) }))
	return host
}
