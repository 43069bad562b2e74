package wasm

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero/api"
)

// The generated modules are valid for wazero and read back as written.
func TestSyntheticModules(t *testing.T) {
	ctx := context.Background()
	eng := NewEngine("")
	defer eng.Close(ctx)
	glue := glueModule([]reexport{
		{from: extern{module: "h", name: "f", kind: kindFunction, fn: funcType{params: []api.ValueType{api.ValueTypeI32}, results: []api.ValueType{api.ValueTypeI64}}}, as: "f"},
		{from: extern{module: "m", name: "memory", kind: kindMemory, lim: limits{min: 1, max: 3, hasMax: true}}, as: "mem"},
		{from: extern{module: "g", name: "global", kind: kindGlobal, global: globalType{val: api.ValueTypeF64, mutable: true}}, as: "g"},
	})
	for name, b := range map[string][]byte{
		"memory": memoryModule(limits{min: 2}),
		"global": globalModule(globalType{val: api.ValueTypeI64}, uint64(1<<63)),
		"glue":   glue,
	} {
		if !eng.Validate(ctx, b) {
			t.Errorf("%s: wazero rejects the module", name)
		}
		if _, err := parseModule(b); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	info, _ := parseModule(glue)
	if len(info.imports) != 3 || info.imports[1].lim.max != 3 || !info.imports[2].global.mutable || info.exports[1].name != "mem" || info.exports[1].kind != kindMemory {
		t.Errorf("glue read back as %+v", info)
	}
	m, err := eng.synthetic(ctx, globalModule(globalType{val: api.ValueTypeI32}, uint64(uint32(0xffffff85))), "g")
	if err != nil {
		t.Fatal(err)
	}
	if v := int32(uint32(m.ExportedGlobal("global").Get())); v != -123 {
		t.Errorf("i32 global = %d, want -123", v)
	}
}

func FuzzParseModule(f *testing.F) {
	f.Add(memoryModule(limits{min: 1, max: 2, hasMax: true}))
	f.Add(globalModule(globalType{val: api.ValueTypeF32, mutable: true}, 0))
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x00\x05\x04name"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = parseModule(b) // must not panic
	})
}
