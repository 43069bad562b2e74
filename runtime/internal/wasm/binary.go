package wasm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/tetratelabs/wazero/api"
)

// This file reads the parts of a module binary that wazero's public API does not describe
// (every import and export with its kind and type, custom sections), and writes the small
// synthetic modules that stand in for JS-constructed memories and globals and that re-export
// mixed imports under one module name.

// Extern kinds, named as WebAssembly.Module.imports()/exports() name them.
const (
	kindFunction = "function"
	kindTable    = "table"
	kindMemory   = "memory"
	kindGlobal   = "global"
	kindTag      = "tag"
)

// funcType is a function signature.
type funcType struct {
	params, results []api.ValueType
}

// limits are a memory's or table's size bounds (pages or elements).
type limits struct {
	min    uint64
	max    uint64
	hasMax bool
}

// globalType is a global's value type and mutability.
type globalType struct {
	val     api.ValueType
	mutable bool
}

// extern is one import or export of a module.
type extern struct {
	module string // imports only
	name   string
	kind   string
	index  uint32     // exports: the index in the kind's index space
	fn     funcType   // imported function
	lim    limits     // imported memory or table
	elem   byte       // imported table's element type
	global globalType // imported global
}

// customSection is one custom section's name and payload.
type customSection struct {
	name string
	data []byte
}

// moduleInfo is what the JS API needs to know about a module beyond what wazero tells.
type moduleInfo struct {
	imports  []extern
	exports  []extern
	custom   []customSection
	types    []funcType // the type section
	funcs    []funcType // the function index space's types: imports first
	globals  []globalType
	memories []limits
	tables   []byte // element types
}

var errMalformed = errors.New("malformed module")

type reader struct {
	b   []byte
	off int
}

func (r *reader) byte() (byte, error) {
	if r.off >= len(r.b) {
		return 0, errMalformed
	}
	c := r.b[r.off]
	r.off++
	return c, nil
}

func (r *reader) u32() (uint32, error) {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 || v > math.MaxUint32 {
		return 0, errMalformed
	}
	r.off += n
	return uint32(v), nil
}

func (r *reader) bytes(n uint32) ([]byte, error) {
	if uint64(r.off)+uint64(n) > uint64(len(r.b)) {
		return nil, errMalformed
	}
	b := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return b, nil
}

func (r *reader) name() (string, error) {
	n, err := r.u32()
	if err != nil {
		return "", err
	}
	b, err := r.bytes(n)
	return string(b), err
}

func (r *reader) limits() (limits, error) {
	flag, err := r.byte()
	if err != nil {
		return limits{}, err
	}
	min, err := r.u32()
	if err != nil {
		return limits{}, err
	}
	l := limits{min: uint64(min)}
	if flag&1 != 0 {
		max, err := r.u32()
		if err != nil {
			return limits{}, err
		}
		l.max, l.hasMax = uint64(max), true
	}
	return l, nil
}

func (r *reader) globalType() (globalType, error) {
	t, err := r.byte()
	if err != nil {
		return globalType{}, err
	}
	m, err := r.byte()
	return globalType{val: t, mutable: m == 1}, err
}

// parseModule reads the type, import, function, table, memory, global, export and custom
// sections. It assumes wazero has already validated the binary.
func parseModule(b []byte) (*moduleInfo, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errMalformed
	}
	info := &moduleInfo{}
	var types []funcType
	r := &reader{b: b, off: 8}
	for r.off < len(b) {
		id, err := r.byte()
		if err != nil {
			return nil, err
		}
		size, err := r.u32()
		if err != nil {
			return nil, err
		}
		body, err := r.bytes(size)
		if err != nil {
			return nil, err
		}
		s := &reader{b: body}
		switch id {
		case 0:
			name, err := s.name()
			if err != nil {
				return nil, err
			}
			info.custom = append(info.custom, customSection{name: name, data: body[s.off:]})
		case 1:
			if types, err = readTypes(s); err != nil {
				return nil, err
			}
			info.types = types
		case 2:
			if err := readImports(s, types, info); err != nil {
				return nil, err
			}
		case 3:
			n, err := s.u32()
			for i := uint32(0); err == nil && i < n; i++ {
				var t uint32
				if t, err = s.u32(); err == nil {
					if int(t) >= len(types) {
						return nil, errMalformed
					}
					info.funcs = append(info.funcs, types[t])
				}
			}
			if err != nil {
				return nil, err
			}
		case 4:
			n, err := s.u32()
			for i := uint32(0); err == nil && i < n; i++ {
				var t byte
				if t, err = s.byte(); err == nil {
					_, err = s.limits()
					info.tables = append(info.tables, t)
				}
			}
			if err != nil {
				return nil, err
			}
		case 5:
			n, err := s.u32()
			for i := uint32(0); err == nil && i < n; i++ {
				var l limits
				if l, err = s.limits(); err == nil {
					info.memories = append(info.memories, l)
				}
			}
			if err != nil {
				return nil, err
			}
		case 6:
			// Only the types are needed; the init expressions end with 0x0B, but may contain
			// it inside immediates, so read them instruction by instruction.
			n, err := s.u32()
			for i := uint32(0); err == nil && i < n; i++ {
				var g globalType
				if g, err = s.globalType(); err == nil {
					info.globals = append(info.globals, g)
					err = skipConstExpr(s)
				}
			}
			if err != nil {
				return nil, err
			}
		case 7:
			if err := readExports(s, info); err != nil {
				return nil, err
			}
		}
	}
	return info, nil
}

func readTypes(s *reader) ([]funcType, error) {
	n, err := s.u32()
	if err != nil {
		return nil, err
	}
	var types []funcType
	for i := uint32(0); i < n; i++ {
		if form, err := s.byte(); err != nil || form != 0x60 {
			return nil, fmt.Errorf("%w: unsupported type form", errMalformed)
		}
		var ft funcType
		for _, dst := range []*[]api.ValueType{&ft.params, &ft.results} {
			c, err := s.u32()
			if err != nil {
				return nil, err
			}
			for j := uint32(0); j < c; j++ {
				t, err := s.byte()
				if err != nil {
					return nil, err
				}
				*dst = append(*dst, t)
			}
		}
		types = append(types, ft)
	}
	return types, nil
}

func readImports(s *reader, types []funcType, info *moduleInfo) error {
	n, err := s.u32()
	if err != nil {
		return err
	}
	for i := uint32(0); i < n; i++ {
		var e extern
		if e.module, err = s.name(); err != nil {
			return err
		}
		if e.name, err = s.name(); err != nil {
			return err
		}
		k, err := s.byte()
		if err != nil {
			return err
		}
		switch k {
		case 0:
			t, err := s.u32()
			if err != nil || int(t) >= len(types) {
				return errMalformed
			}
			e.kind, e.fn = kindFunction, types[t]
			info.funcs = append(info.funcs, e.fn)
		case 1:
			if e.elem, err = s.byte(); err != nil {
				return err
			}
			if e.lim, err = s.limits(); err != nil {
				return err
			}
			e.kind = kindTable
			info.tables = append(info.tables, e.elem)
		case 2:
			if e.lim, err = s.limits(); err != nil {
				return err
			}
			e.kind = kindMemory
			info.memories = append(info.memories, e.lim)
		case 3:
			if e.global, err = s.globalType(); err != nil {
				return err
			}
			e.kind = kindGlobal
			info.globals = append(info.globals, e.global)
		case 4:
			if _, err := s.byte(); err != nil {
				return err
			}
			if _, err := s.u32(); err != nil {
				return err
			}
			e.kind = kindTag
		default:
			return errMalformed
		}
		info.imports = append(info.imports, e)
	}
	return nil
}

func readExports(s *reader, info *moduleInfo) error {
	n, err := s.u32()
	if err != nil {
		return err
	}
	kinds := []string{kindFunction, kindTable, kindMemory, kindGlobal, kindTag}
	for i := uint32(0); i < n; i++ {
		name, err := s.name()
		if err != nil {
			return err
		}
		k, err := s.byte()
		if err != nil || int(k) >= len(kinds) {
			return errMalformed
		}
		idx, err := s.u32()
		if err != nil {
			return err
		}
		info.exports = append(info.exports, extern{name: name, kind: kinds[k], index: idx})
	}
	return nil
}

// skipConstExpr skips a constant expression up to and including its end opcode.
func skipConstExpr(s *reader) error {
	for {
		op, err := s.byte()
		if err != nil {
			return err
		}
		switch op {
		case 0x0B: // end
			return nil
		case 0x41, 0x42, 0x23, 0xD2: // i32.const, i64.const, global.get, ref.func: LEB immediate
			for {
				c, err := s.byte()
				if err != nil {
					return err
				}
				if c&0x80 == 0 {
					break
				}
			}
		case 0x43:
			_, err = s.bytes(4)
		case 0x44:
			_, err = s.bytes(8)
		case 0xD0: // ref.null t
			_, err = s.byte()
		case 0xFD: // v128.const
			if _, err = s.u32(); err == nil {
				_, err = s.bytes(16)
			}
		case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E: // extended-const arithmetic
		default:
			return fmt.Errorf("%w: unsupported constant expression opcode 0x%02x", errMalformed, op)
		}
		if err != nil {
			return err
		}
	}
}

// writer builds a module binary.
type writer struct{ bytes.Buffer }

func (w *writer) u32(v uint32) { w.Write(binary.AppendUvarint(nil, uint64(v))) }

// sleb writes v as signed LEB128 (the encoding of i32.const and i64.const immediates).
func (w *writer) sleb(v int64) {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			w.WriteByte(c)
			return
		}
		w.WriteByte(c | 0x80)
	}
}

func (w *writer) name(s string) {
	w.u32(uint32(len(s)))
	w.WriteString(s)
}

func (w *writer) limits(l limits) {
	if l.hasMax {
		w.WriteByte(1)
		w.u32(uint32(l.min))
		w.u32(uint32(l.max))
		return
	}
	w.WriteByte(0)
	w.u32(uint32(l.min))
}

func (w *writer) section(id byte, body *writer) {
	w.WriteByte(id)
	w.u32(uint32(body.Len()))
	w.Write(body.Bytes())
}

func newModuleWriter() *writer {
	w := &writer{}
	w.Write([]byte("\x00asm\x01\x00\x00\x00"))
	return w
}

// memoryModule is a module that defines one memory and exports it as "memory".
func memoryModule(l limits) []byte {
	w := newModuleWriter()
	var mem, exp writer
	mem.u32(1)
	mem.limits(l)
	exp.u32(1)
	exp.name("memory")
	exp.WriteByte(2)
	exp.u32(0)
	w.section(5, &mem)
	w.section(7, &exp)
	return w.Bytes()
}

// globalModule is a module that defines one global with the given initial bits and exports it
// as "global".
func globalModule(t globalType, bits uint64) []byte {
	w := newModuleWriter()
	var glob, exp writer
	glob.u32(1)
	glob.WriteByte(t.val)
	if t.mutable {
		glob.WriteByte(1)
	} else {
		glob.WriteByte(0)
	}
	switch t.val {
	case api.ValueTypeI32:
		glob.WriteByte(0x41)
		glob.sleb(int64(int32(uint32(bits))))
	case api.ValueTypeI64:
		glob.WriteByte(0x42)
		glob.sleb(int64(bits))
	case api.ValueTypeF32:
		glob.WriteByte(0x43)
		glob.Write(binary.LittleEndian.AppendUint32(nil, uint32(bits)))
	case api.ValueTypeF64:
		glob.WriteByte(0x44)
		glob.Write(binary.LittleEndian.AppendUint64(nil, bits))
	default: // externref / funcref: null; the value is set after instantiation
		glob.WriteByte(0xD0)
		glob.WriteByte(t.val)
	}
	glob.WriteByte(0x0B)
	exp.u32(1)
	exp.name("global")
	exp.WriteByte(3)
	exp.u32(0)
	w.section(6, &glob)
	w.section(7, &exp)
	return w.Bytes()
}

// reexport is one entry of a glue module: the import (from) and the name it is exported as.
type reexport struct {
	from extern // module, name, kind and type of what is imported
	as   string
}

// glueModule imports every entry and exports it again under its new name, so that one import
// module name can offer JS functions (from a host module), another instance's exports and
// JS-constructed memories and globals at once.
func glueModule(entries []reexport) []byte {
	w := newModuleWriter()
	var types, imps, exps writer
	var sigs []funcType
	typeIndex := func(ft funcType) uint32 {
		for i, s := range sigs {
			if bytes.Equal(s.params, ft.params) && bytes.Equal(s.results, ft.results) {
				return uint32(i)
			}
		}
		sigs = append(sigs, ft)
		return uint32(len(sigs) - 1)
	}
	counts := map[string]uint32{}
	imps.u32(uint32(len(entries)))
	exps.u32(uint32(len(entries)))
	for _, e := range entries {
		imps.name(e.from.module)
		imps.name(e.from.name)
		exps.name(e.as)
		switch e.from.kind {
		case kindFunction:
			imps.WriteByte(0)
			imps.u32(typeIndex(e.from.fn))
			exps.WriteByte(0)
		case kindTable:
			imps.WriteByte(1)
			imps.WriteByte(e.from.elem)
			imps.limits(e.from.lim)
			exps.WriteByte(1)
		case kindMemory:
			imps.WriteByte(2)
			imps.limits(e.from.lim)
			exps.WriteByte(2)
		case kindGlobal:
			imps.WriteByte(3)
			imps.WriteByte(e.from.global.val)
			if e.from.global.mutable {
				imps.WriteByte(1)
			} else {
				imps.WriteByte(0)
			}
			exps.WriteByte(3)
		}
		exps.u32(counts[e.from.kind])
		counts[e.from.kind]++
	}
	types.u32(uint32(len(sigs)))
	for _, s := range sigs {
		types.WriteByte(0x60)
		types.u32(uint32(len(s.params)))
		types.Write(s.params)
		types.u32(uint32(len(s.results)))
		types.Write(s.results)
	}
	w.section(1, &types)
	w.section(2, &imps)
	w.section(7, &exps)
	return w.Bytes()
}

// Element types of tables.
const (
	elemFuncref   byte = 0x70
	elemExternref byte = 0x6F
)

// tableAccessorModule is a module whose exported functions size/grow/get/set operate on one
// table with Wasm's own table instructions: wazero's API has no table access. With define
// set, the module defines the table (new WebAssembly.Table) and exports it as "table";
// otherwise it imports from.module/from.name.
func tableAccessorModule(elem byte, from extern, define *limits) []byte {
	w := newModuleWriter()
	var types, imps, funcs, tables, exps, code writer
	sigs := [][2][]byte{
		{nil, {api.ValueTypeI32}},                      // size
		{{elem, api.ValueTypeI32}, {api.ValueTypeI32}}, // grow(ref, delta) → old size or -1
		{{api.ValueTypeI32}, {elem}},                   // get(i)
		{{api.ValueTypeI32, elem}, nil},                // set(i, ref)
	}
	types.u32(uint32(len(sigs)))
	for _, sig := range sigs {
		types.WriteByte(0x60)
		types.u32(uint32(len(sig[0])))
		types.Write(sig[0])
		types.u32(uint32(len(sig[1])))
		types.Write(sig[1])
	}
	funcs.u32(4)
	for i := uint32(0); i < 4; i++ {
		funcs.u32(i)
	}
	nexp := uint32(4)
	if define != nil {
		tables.u32(1)
		tables.WriteByte(elem)
		tables.limits(*define)
		nexp++
	} else {
		imps.u32(1)
		imps.name(from.module)
		imps.name(from.name)
		imps.WriteByte(1)
		imps.WriteByte(elem)
		imps.limits(limits{})
	}
	exps.u32(nexp)
	for i, name := range []string{"size", "grow", "get", "set"} {
		exps.name(name)
		exps.WriteByte(0)
		exps.u32(uint32(i))
	}
	if define != nil {
		exps.name("table")
		exps.WriteByte(1)
		exps.u32(0)
	}
	bodies := [][]byte{
		{0x00, 0xFC, 0x10, 0x00, 0x0B},                         // table.size 0
		{0x00, 0x20, 0x00, 0x20, 0x01, 0xFC, 0x0F, 0x00, 0x0B}, // table.grow 0
		{0x00, 0x20, 0x00, 0x25, 0x00, 0x0B},                   // table.get 0
		{0x00, 0x20, 0x00, 0x20, 0x01, 0x26, 0x00, 0x0B},       // table.set 0
	}
	code.u32(uint32(len(bodies)))
	for _, b := range bodies {
		code.u32(uint32(len(b)))
		code.Write(b)
	}
	w.section(1, &types)
	if define == nil {
		w.section(2, &imps)
	}
	w.section(3, &funcs)
	if define != nil {
		w.section(4, &tables)
	}
	w.section(7, &exps)
	w.section(10, &code)
	return w.Bytes()
}

// funcrefModule imports one function (from.module/from.name, of type from.fn) and exports
// "ref", which returns a funcref to it: the only way to turn a function into a table value.
func funcrefModule(from extern) []byte {
	w := newModuleWriter()
	var types, imps, funcs, exps, code writer
	types.u32(2)
	types.WriteByte(0x60)
	types.u32(uint32(len(from.fn.params)))
	types.Write(from.fn.params)
	types.u32(uint32(len(from.fn.results)))
	types.Write(from.fn.results)
	types.Write([]byte{0x60, 0x00, 0x01, elemFuncref})
	imps.u32(1)
	imps.name(from.module)
	imps.name(from.name)
	imps.WriteByte(0)
	imps.u32(0)
	funcs.u32(1)
	funcs.u32(1)
	exps.u32(2)
	exps.name("f") // exporting the import declares it for ref.func
	exps.WriteByte(0)
	exps.u32(0)
	exps.name("ref")
	exps.WriteByte(0)
	exps.u32(1)
	body := []byte{0x00, 0xD2, 0x00, 0x0B} // ref.func 0
	code.u32(1)
	code.u32(uint32(len(body)))
	code.Write(body)
	w.section(1, &types)
	w.section(2, &imps)
	w.section(3, &funcs)
	w.section(7, &exps)
	w.section(10, &code)
	return w.Bytes()
}
