package wasm

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// Engine compiles and instantiates modules for one worker version: one wazero runtime shared
// by the worker's isolates (wazero runtimes are safe for concurrent use), each module compiled
// once. Instances get unique names in the runtime's namespace, so every isolate can
// instantiate the same module as often as it likes. The wazero runtime is made on first use:
// most workers never touch WebAssembly, and making one costs 0.3–0.8 ms of start-up per worker.
type Engine struct {
	cacheDir string
	once     sync.Once
	rt       wazero.Runtime
	cache    wazero.CompilationCache
	err      error // making the runtime failed

	mu       sync.Mutex
	compiled map[[32]byte]*Module
	seq      atomic.Uint64
}

// Module is a compiled module and what the JS API reports about it.
type Module struct {
	compiled wazero.CompiledModule
	info     *moduleInfo
}

// NewEngine makes an engine. With cacheDir set, compiled machine code is also kept on disk
// there (wazero's compilation cache), so a restart does not compile again.
func NewEngine(cacheDir string) *Engine {
	return &Engine{cacheDir: cacheDir, compiled: map[[32]byte]*Module{}}
}

// runtime returns the wazero runtime, making it on first use.
func (e *Engine) runtime() (wazero.Runtime, error) {
	e.once.Do(func() {
		if e.cacheDir != "" {
			c, err := wazero.NewCompilationCacheWithDir(e.cacheDir)
			if err != nil {
				e.err = fmt.Errorf("wasm: compilation cache: %w", err)
				return
			}
			e.cache = c
		} else {
			e.cache = wazero.NewCompilationCache()
		}
		cfg := wazero.NewRuntimeConfig().
			WithCompilationCache(e.cache).
			WithCoreFeatures(api.CoreFeaturesV2).
			WithCloseOnContextDone(true) // the CPU limit cancels the call's context
		e.rt = wazero.NewRuntimeWithConfig(context.Background(), cfg)
	})
	return e.rt, e.err
}

// Compile compiles b, or returns the module compiled earlier from the same bytes.
// The error is the compiler's (a CompileError in JS terms).
func (e *Engine) Compile(ctx context.Context, b []byte) (*Module, error) {
	key := sha256.Sum256(b)
	e.mu.Lock()
	defer e.mu.Unlock()
	if m, ok := e.compiled[key]; ok {
		return m, nil
	}
	rt, err := e.runtime()
	if err != nil {
		return nil, err
	}
	cm, err := rt.CompileModule(ctx, b)
	if err != nil {
		return nil, err
	}
	info, err := parseModule(b)
	if err != nil {
		_ = cm.Close(ctx)
		return nil, err
	}
	m := &Module{compiled: cm, info: info}
	e.compiled[key] = m
	return m, nil
}

// Validate reports whether b is a valid module for this engine's feature set.
func (e *Engine) Validate(ctx context.Context, b []byte) bool {
	rt, err := e.runtime()
	if err != nil {
		return false
	}
	cm, err := rt.CompileModule(ctx, b)
	if err != nil {
		return false
	}
	_ = cm.Close(ctx)
	return true
}

// Close releases every module and instance, and closes the compilation cache.
func (e *Engine) Close(ctx context.Context) error {
	// Never made: nothing to close, and a use after Close fails instead of making one.
	e.once.Do(func() { e.err = errors.New("wasm: engine closed") })
	if e.rt == nil {
		return nil
	}
	err := e.rt.Close(ctx)
	if cerr := e.cache.Close(ctx); err == nil {
		err = cerr
	}
	return err
}

// name returns a fresh module name for the runtime's namespace.
func (e *Engine) name(prefix string) string {
	return prefix + "#" + strconv.FormatUint(e.seq.Add(1), 10)
}

// instantiate instantiates m under a fresh name without running any start function but the
// module's own start section (the JS API runs no "_start").
func (e *Engine) instantiate(ctx context.Context, m wazero.CompiledModule, prefix string) (api.Module, error) {
	rt, err := e.runtime()
	if err != nil {
		return nil, err
	}
	return rt.InstantiateModule(ctx, m, wazero.NewModuleConfig().WithName(e.name(prefix)).WithStartFunctions())
}

// synthetic compiles and instantiates a generated module (memory, global or glue). It is not
// kept among the compiled modules: a global's module embeds its initial value.
func (e *Engine) synthetic(ctx context.Context, b []byte, prefix string) (api.Module, error) {
	rt, err := e.runtime()
	if err != nil {
		return nil, err
	}
	cm, err := rt.CompileModule(ctx, b)
	if err != nil {
		return nil, err
	}
	defer cm.Close(ctx) // instances outlive their compiled module
	return e.instantiate(ctx, cm, prefix)
}
