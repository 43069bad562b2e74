package runtime

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// installConsole defines console.* writing to the worker's logger: log/info/debug at their
// levels, warn and error at Warn/Error. Arguments are formatted like Node's util.format.
func (iso *Isolate) installConsole(g *goja.Object) error {
	vm := iso.vm
	c := vm.NewObject()
	levels := []struct {
		name  string
		level slog.Level
	}{
		{"log", slog.LevelInfo}, {"info", slog.LevelInfo}, {"debug", slog.LevelDebug},
		{"warn", slog.LevelWarn}, {"error", slog.LevelError}, {"trace", slog.LevelDebug},
	}
	for _, l := range levels {
		level := l.level
		_ = c.Set(l.name, jsutil.Func(vm, l.name, 0, func(call goja.FunctionCall) goja.Value {
			if inv := iso.current; inv != nil {
				iso.w.log.Log(context.Background(), level, formatLog(vm, call.Arguments), "source", "console", "worker", iso.w.name, "request", inv.id)
			} else {
				iso.w.log.Log(context.Background(), level, formatLog(vm, call.Arguments), "source", "console", "worker", iso.w.name)
			}
			return goja.Undefined()
		}))
	}
	_ = c.Set("assert", jsutil.Func(vm, "assert", 0, func(call goja.FunctionCall) goja.Value {
		if !call.Argument(0).ToBoolean() {
			msg := "Assertion failed"
			if len(call.Arguments) > 1 {
				msg += ": " + formatLog(vm, call.Arguments[1:])
			}
			iso.w.log.Error(msg, "source", "console", "worker", iso.w.name)
		}
		return goja.Undefined()
	}))
	for _, name := range []string{"time", "timeEnd", "timeLog", "group", "groupEnd", "groupCollapsed", "count", "countReset", "table", "dir", "dirxml"} {
		n := name
		_ = c.Set(n, jsutil.Func(vm, n, 0, func(call goja.FunctionCall) goja.Value {
			if n == "table" || n == "dir" || n == "dirxml" {
				iso.w.log.Info(formatLog(vm, call.Arguments), "source", "console", "worker", iso.w.name)
			}
			return goja.Undefined()
		}))
	}
	jsutil.DefineGlobal(g, "console", c)
	return nil
}

// formatLog implements the subset of util.format console needs: %s %d %i %f %j %o %O %%,
// then the remaining arguments inspected and space-separated.
func formatLog(vm *goja.Runtime, args []goja.Value) string {
	if len(args) == 0 {
		return ""
	}
	var b strings.Builder
	rest := args
	if s, ok := args[0].Export().(string); ok && strings.Contains(s, "%") && len(args) > 1 {
		rest = args[1:]
		for i := 0; i < len(s); i++ {
			if s[i] != '%' || i+1 == len(s) {
				b.WriteByte(s[i])
				continue
			}
			verb := s[i+1]
			if verb == '%' {
				b.WriteByte('%')
				i++
				continue
			}
			if !strings.ContainsRune("sdifjoOc", rune(verb)) || len(rest) == 0 {
				b.WriteByte(s[i])
				continue
			}
			a := rest[0]
			rest = rest[1:]
			i++
			switch verb {
			case 's':
				if _, isStr := a.Export().(string); isStr {
					b.WriteString(a.String())
				} else {
					b.WriteString(inspect(vm, a, 1, nil))
				}
			case 'd', 'i':
				f := a.ToFloat()
				if verb == 'i' {
					f = math.Trunc(f)
				}
				b.WriteString(formatNumber(f))
			case 'f':
				b.WriteString(formatNumber(a.ToFloat()))
			case 'j':
				if r, err := jsonStringifyVM(vm, a); err == nil {
					b.WriteString(r)
				}
			case 'c':
			default:
				b.WriteString(inspect(vm, a, 2, nil))
			}
		}
	} else {
		if s, ok := args[0].Export().(string); ok {
			b.WriteString(s)
		} else {
			b.WriteString(inspect(vm, args[0], 2, nil))
		}
		rest = args[1:]
	}
	for _, a := range rest {
		b.WriteByte(' ')
		if s, ok := a.Export().(string); ok {
			b.WriteString(s)
		} else {
			b.WriteString(inspect(vm, a, 2, nil))
		}
	}
	return b.String()
}

func jsonStringifyVM(vm *goja.Runtime, v goja.Value) (string, error) {
	f, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
	r, err := f(goja.Undefined(), v)
	if err != nil {
		return "", err
	}
	return r.String(), nil
}

func formatNumber(f float64) string {
	if math.IsInf(f, 1) {
		return "Infinity"
	}
	if math.IsInf(f, -1) {
		return "-Infinity"
	}
	if math.IsNaN(f) {
		return "NaN"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// inspect renders a value roughly as Node's util.inspect does (enough for logs).
func inspect(vm *goja.Runtime, v goja.Value, depth int, seen map[*goja.Object]bool) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if goja.IsNull(v) {
		return "null"
	}
	o, ok := v.(*goja.Object)
	if !ok {
		if s, isStr := v.Export().(string); isStr {
			return strconv.Quote(s)
		}
		return v.String()
	}
	if seen[o] {
		return "[Circular *1]"
	}
	if _, isFn := goja.AssertFunction(o); isFn {
		name := o.Get("name").String()
		if name == "" {
			return "[Function (anonymous)]"
		}
		return "[Function: " + name + "]"
	}
	if isError(vm, o) {
		if s := o.Get("stack"); s != nil && !goja.IsUndefined(s) {
			return s.String()
		}
		return o.String()
	}
	switch o.ClassName() {
	case "Date", "RegExp":
		return o.String()
	}
	if depth < 0 {
		if o.ClassName() == "Array" {
			return "[Array]"
		}
		return "[Object]"
	}
	if seen == nil {
		seen = map[*goja.Object]bool{}
	}
	seen[o] = true
	defer delete(seen, o)
	if o.ClassName() == "Array" {
		n := o.Get("length").ToInteger()
		parts := make([]string, 0, n)
		for i := int64(0); i < n && i < 100; i++ {
			parts = append(parts, inspect(vm, o.Get(strconv.FormatInt(i, 10)), depth-1, seen))
		}
		if n > 100 {
			parts = append(parts, fmt.Sprintf("... %d more items", n-100))
		}
		return "[ " + strings.Join(parts, ", ") + " ]"
	}
	keys := o.Keys()
	prefix := ""
	if tag := o.GetSymbol(goja.SymToStringTag); tag != nil && !goja.IsUndefined(tag) {
		prefix = tag.String() + " "
	} else if ctor := o.Get("constructor"); ctor != nil {
		if co, ok := ctor.(*goja.Object); ok {
			if n := co.Get("name"); n != nil && n.String() != "Object" && n.String() != "" {
				prefix = n.String() + " "
			}
		}
	}
	if len(keys) == 0 {
		return prefix + "{}"
	}
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		name := k
		if !isIdent(k) {
			name = "'" + k + "'"
		}
		pv := o.Get(k)
		if s, ok := pv.Export().(string); ok {
			parts = append(parts, name+": '"+s+"'")
			continue
		}
		parts = append(parts, name+": "+inspect(vm, pv, depth-1, seen))
	}
	return prefix + "{ " + strings.Join(parts, ", ") + " }"
}

func isError(vm *goja.Runtime, o *goja.Object) bool {
	c, ok := vm.Get("Error").(*goja.Object)
	return o.ClassName() == "Error" || ok && vm.InstanceOf(o, c)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
