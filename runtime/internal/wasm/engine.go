package wasm

import (
	"context"
	"crypto/sha256"
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
// instantiate the same module as often as it likes.
type Engine struct {
	rt    wazero.Runtime
	cache wazero.CompilationCache

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
func NewEngine(ctx context.Context, cacheDir string) (*Engine, error) {
	var cache wazero.CompilationCache
	if cacheDir != "" {
		c, err := wazero.NewCompilationCacheWithDir(cacheDir)
		if err != nil {
			return nil, fmt.Errorf("wasm: compilation cache: %w", err)
		}
		cache = c
	} else {
		cache = wazero.NewCompilationCache()
	}
	cfg := wazero.NewRuntimeConfig().
		WithCompilationCache(cache).
		WithCoreFeatures(api.CoreFeaturesV2).
		WithCloseOnContextDone(true) // the CPU limit cancels the call's context
	return &Engine{rt: wazero.NewRuntimeWithConfig(ctx, cfg), cache: cache, compiled: map[[32]byte]*Module{}}, nil
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
	cm, err := e.rt.CompileModule(ctx, b)
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
	cm, err := e.rt.CompileModule(ctx, b)
	if err != nil {
		return false
	}
	_ = cm.Close(ctx)
	return true
}

// Close releases every module and instance, and closes the compilation cache.
func (e *Engine) Close(ctx context.Context) error {
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
	return e.rt.InstantiateModule(ctx, m, wazero.NewModuleConfig().WithName(e.name(prefix)).WithStartFunctions())
}

// synthetic compiles and instantiates a generated module (memory, global or glue). It is not
// kept among the compiled modules: a global's module embeds its initial value.
func (e *Engine) synthetic(ctx context.Context, b []byte, prefix string) (api.Module, error) {
	cm, err := e.rt.CompileModule(ctx, b)
	if err != nil {
		return nil, err
	}
	defer cm.Close(ctx) // instances outlive their compiled module
	return e.instantiate(ctx, cm, prefix)
}
