package streams

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

// Source is the JavaScript implementation. Its completion value is the
// function installStreams(global) → internal.
//
//go:embed streams.js
var Source string

// programName is the file name JS stack traces show for streams.js.
const programName = "edge:streams.js"

var compileOnce = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile(programName, Source, true)
})

// Program returns streams.js compiled once per process. A *goja.Program is
// safe to share between runtimes.
func Program() *goja.Program { return compileOnce() }

// Install defines the stream classes on vm's global object and returns the
// host-only internal object (see the package documentation). It must run on
// the goroutine that owns vm, after Symbol.asyncIterator has been defined.
func Install(vm *goja.Runtime) (*goja.Object, error) {
	v, err := vm.RunProgram(Program())
	if err != nil {
		return nil, fmt.Errorf("streams: run %s: %w", programName, err)
	}
	install, ok := goja.AssertFunction(v)
	if !ok {
		return nil, fmt.Errorf("streams: %s did not evaluate to a function", programName)
	}
	res, err := install(goja.Undefined(), vm.GlobalObject())
	if err != nil {
		return nil, fmt.Errorf("streams: install: %w", err)
	}
	obj, ok := res.(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("streams: install returned %v, want an object", res)
	}
	return obj, nil
}

//go:embed text_streams.js
var textStreamsSource string

var compileTextOnce = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("edge:text_streams.js", textStreamsSource, true)
})

// InstallTextStreams defines TextEncoderStream and TextDecoderStream. It needs the stream classes
// (Install) and TextEncoder/TextDecoder on the global object first.
func InstallTextStreams(vm *goja.Runtime) error {
	v, err := vm.RunProgram(compileTextOnce())
	if err != nil {
		return fmt.Errorf("streams: run text_streams.js: %w", err)
	}
	install, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("streams: text_streams.js did not evaluate to a function")
	}
	_, err = install(goja.Undefined(), vm.GlobalObject())
	return err
}
