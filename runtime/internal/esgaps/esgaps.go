package esgaps

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

//go:embed esgaps.js
var source string

// programName is the file name JS stack traces show for esgaps.js.
const programName = "edge:esgaps.js"

// program is esgaps.js compiled once per process; a *goja.Program may be shared by runtimes.
var program = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile(programName, source, true)
})

// Program returns esgaps.js compiled (once per process; Install compiles it when needed).
func Program() *goja.Program { return program() }

// Install adds the missing built-ins to vm (see the package documentation) and leaves every
// built-in goja already has alone. It must run on the goroutine that owns vm, before user code.
func Install(vm *goja.Runtime) error {
	_, err := Installed(vm)
	return err
}

// Installed is Install returning the names of what it added, e.g. "Object.groupBy" or
// "Iterator.prototype.map"; a second call on the same runtime adds nothing.
func Installed(vm *goja.Runtime) ([]string, error) {
	added := installWellFormed(vm)
	v, err := vm.RunProgram(program())
	if err != nil {
		return nil, fmt.Errorf("esgaps: run %s: %w", programName, err)
	}
	install, ok := goja.AssertFunction(v)
	if !ok {
		return nil, fmt.Errorf("esgaps: %s did not evaluate to a function", programName)
	}
	res, err := install(goja.Undefined(), vm.GlobalObject())
	if err != nil {
		return nil, fmt.Errorf("esgaps: install: %w", err)
	}
	var names []string
	if err := vm.ExportTo(res, &names); err != nil {
		return nil, fmt.Errorf("esgaps: install result: %w", err)
	}
	return append(added, names...), nil
}

// installWellFormed defines String.prototype.isWellFormed and toWellFormed (ES2024) in Go:
// they need the string's UTF-16 code units, which goja.String exposes without copying.
func installWellFormed(vm *goja.Runtime) []string {
	proto := vm.Get("String").ToObject(vm).Get("prototype").ToObject(vm)
	var added []string
	define := func(name string, fn func(goja.FunctionCall) goja.Value) {
		if v := proto.Get(name); v != nil && !goja.IsUndefined(v) {
			return
		}
		_ = proto.DefineDataProperty(name, jsutil.Func(vm, name, 0, fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		added = append(added, "String.prototype."+name)
	}
	define("isWellFormed", func(call goja.FunctionCall) goja.Value {
		s := thisString(vm, call.This, "isWellFormed")
		return vm.ToValue(firstLoneSurrogate(s, 0) < 0)
	})
	define("toWellFormed", func(call goja.FunctionCall) goja.Value {
		s := thisString(vm, call.This, "toWellFormed")
		i := firstLoneSurrogate(s, 0)
		if i < 0 {
			return s
		}
		n := s.Length()
		buf := make([]uint16, n)
		for j := 0; j < n; j++ {
			buf[j] = s.CharAt(j)
		}
		for ; i >= 0; i = firstLoneSurrogate(s, i+1) {
			buf[i] = 0xFFFD
		}
		return goja.StringFromUTF16(buf)
	})
	return added
}

// thisString is RequireObjectCoercible(this) followed by ToString(this).
func thisString(vm *goja.Runtime, this goja.Value, method string) goja.String {
	if this == nil || goja.IsUndefined(this) || goja.IsNull(this) {
		panic(vm.NewTypeError("String.prototype.%s called on null or undefined", method))
	}
	v := this.ToString()
	if _, isSym := v.(*goja.Symbol); isSym { // goja's ToString returns symbols unchanged
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	if s, ok := v.(goja.String); ok {
		return s
	}
	// Numbers and booleans return themselves from ToString; their String() is the JS one.
	s, _ := vm.ToValue(v.String()).(goja.String)
	return s
}

// firstLoneSurrogate returns the index of the first unpaired surrogate code unit at or after
// from, or -1.
func firstLoneSurrogate(s goja.String, from int) int {
	n := s.Length()
	for i := from; i < n; i++ {
		c := s.CharAt(i)
		switch {
		case c < 0xD800 || c > 0xDFFF:
		case c <= 0xDBFF && i+1 < n && isTrail(s.CharAt(i+1)):
			i++ // a valid pair
		default:
			return i
		}
	}
	return -1
}

func isTrail(c uint16) bool { return c >= 0xDC00 && c <= 0xDFFF }
