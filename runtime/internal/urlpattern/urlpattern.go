package urlpattern

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// workerd's TypeError messages (src/workerd/api/urlpattern-standard.c++).
const (
	msgConstruct = "Failed to construct URLPattern"
	msgTest      = "Failed to test URLPattern"
	msgExec      = "Failed to exec URLPattern"
)

// initMembers are URLPatternInit's members in WebIDL order (lexicographic), with their
// component index (-1 for baseURL).
var initMembers = [...]struct {
	name string
	comp int
}{
	{"baseURL", -1}, {"hash", compHash}, {"hostname", compHostname}, {"password", compPassword},
	{"pathname", compPathname}, {"port", compPort}, {"protocol", compProtocol}, {"search", compSearch},
	{"username", compUsername},
}

type patternState struct {
	jsutil.Expando
	p *urlPattern
}

// Install defines URLPattern on global. It must run on the goroutine that owns vm. The
// RegExp constructor and RegExp.prototype.exec are captured now, so user code that replaces
// them later cannot change how patterns match (the spec calls RegExpBuiltinExec).
func Install(vm *goja.Runtime, global *goja.Object) error {
	re, err := newJSCompiler(vm)
	if err != nil {
		return err
	}
	cls := jsutil.NewClass(vm, "URLPattern", 0, func(call goja.ConstructorCall) *patternState {
		p, err := construct(re, call.Arguments)
		if err != nil {
			throwOrPanic(vm, err, msgConstruct)
		}
		return &patternState{p: p}
	})
	for c, name := range componentNames {
		cls.Getter(name, func(s *patternState) goja.Value { return vm.ToValue(s.p.comps[c].pattern) })
	}
	cls.Getter("hasRegExpGroups", func(s *patternState) goja.Value { return vm.ToValue(s.p.hasRegexpGroups()) })
	cls.Method("test", 0, func(s *patternState, call goja.FunctionCall) goja.Value {
		r, _, err := match(vm, s.p, call.Arguments)
		if err != nil {
			throwOrPanic(vm, err, msgTest)
		}
		return vm.ToValue(r != nil)
	})
	cls.Method("exec", 0, func(s *patternState, call goja.FunctionCall) goja.Value {
		r, inputs, err := match(vm, s.p, call.Arguments)
		if err != nil {
			throwOrPanic(vm, err, msgExec)
		}
		if r == nil {
			return goja.Null()
		}
		return resultObject(vm, r, inputs)
	})
	cls.Install(global)
	return nil
}

// engineError is a failure of the JS engine itself (an interrupt), which must propagate as is.
type engineError struct{ err error }

func (e engineError) Error() string { return e.err.Error() }
func (e engineError) Unwrap() error { return e.err }

// throwOrPanic throws TypeError msg for a pattern error and re-raises engine failures.
func throwOrPanic(vm *goja.Runtime, err error, msg string) {
	var ee engineError
	if errors.As(err, &ee) {
		panic(ee.err)
	}
	jsutil.Throw(vm, "TypeError", msg)
}

// argument returns args[i], or undefined.
func argument(args []goja.Value, i int) goja.Value {
	if i < len(args) {
		return args[i]
	}
	return goja.Undefined()
}

func isObject(v goja.Value) bool {
	_, ok := v.(*goja.Object)
	return ok
}

var errSymbolToString = errors.New("Cannot convert a Symbol value to a string") //lint:ignore ST1005 V8's message

// toInit converts a URLPatternInit dictionary (undefined and null are the empty dictionary).
func toInit(v goja.Value) (*patternInit, error) {
	in := &patternInit{}
	o, ok := v.(*goja.Object)
	if !ok {
		return in, nil
	}
	for _, m := range initMembers {
		mv := o.Get(m.name)
		if mv == nil || goja.IsUndefined(mv) {
			continue
		}
		if _, isSym := mv.(*goja.Symbol); isSym {
			return nil, errSymbolToString
		}
		s := mv.String()
		if m.comp < 0 {
			in.baseURL, in.hasBase = s, true
		} else {
			in.set(m.comp, s)
		}
	}
	return in, nil
}

// construct resolves the constructor overloads
//
//	new URLPattern(input, baseURL, options)
//	new URLPattern(input, options)
//
// as workerd does: the second argument is the options when it is an object, otherwise (unless
// undefined) the base URL.
func construct(re compiler, args []goja.Value) (p *urlPattern, err error) {
	input, second := argument(args, 0), argument(args, 1)
	var baseURL *string
	opts := argument(args, 2)
	switch {
	case goja.IsUndefined(second):
	case isObject(second) || goja.IsNull(second): // a dictionary, as WebIDL resolves the overload
		opts = second
	default:
		s, err := safeString(second)
		if err != nil {
			return nil, err
		}
		baseURL = &s
	}
	ignoreCase := false
	if o, ok := opts.(*goja.Object); ok {
		if v := o.Get("ignoreCase"); v != nil {
			ignoreCase = v.ToBoolean()
		}
	}
	if isObject(input) || goja.IsUndefined(input) || goja.IsNull(input) {
		if baseURL != nil {
			return nil, errors.New("a base URL argument is not allowed with a URLPatternInit")
		}
		init, err := toInit(input)
		if err != nil {
			return nil, err
		}
		return newFromInit(init, ignoreCase, re)
	}
	s, err := safeString(input)
	if err != nil {
		return nil, err
	}
	return newFromString(s, baseURL, ignoreCase, re)
}

func safeString(v goja.Value) (string, error) {
	if _, ok := v.(*goja.Symbol); ok {
		return "", errSymbolToString
	}
	return v.String(), nil
}

// match runs test/exec's argument handling and the match; inputs is the result's inputs list.
func match(vm *goja.Runtime, p *urlPattern, args []goja.Value) (*matchResult, []goja.Value, error) {
	input, base := argument(args, 0), argument(args, 1)
	var baseURL *string
	if !goja.IsUndefined(base) {
		s, err := safeString(base)
		if err != nil {
			return nil, nil, err
		}
		baseURL = &s
	}
	if isObject(input) || goja.IsUndefined(input) || goja.IsNull(input) {
		if baseURL != nil {
			return nil, nil, errors.New("a base URL argument is not allowed with a URLPatternInit")
		}
		init, err := toInit(input)
		if err != nil {
			return nil, nil, err
		}
		r, err := p.matchInit(init)
		return r, []goja.Value{initObject(vm, init)}, err
	}
	s, err := safeString(input)
	if err != nil {
		return nil, nil, err
	}
	r, err := p.matchURL(s, baseURL)
	inputs := []goja.Value{vm.ToValue(s)}
	if baseURL != nil {
		inputs = append(inputs, vm.ToValue(*baseURL))
	}
	return r, inputs, err
}

// initObject converts a URLPatternInit back to JS (the members present, in WebIDL order).
func initObject(vm *goja.Runtime, in *patternInit) *goja.Object {
	o := vm.NewObject()
	for _, m := range initMembers {
		switch {
		case m.comp < 0 && in.hasBase:
			_ = o.Set(m.name, in.baseURL)
		case m.comp >= 0 && in.has[m.comp]:
			_ = o.Set(m.name, in.v[m.comp])
		}
	}
	return o
}

// resultObject builds a URLPatternResult.
func resultObject(vm *goja.Runtime, r *matchResult, inputs []goja.Value) *goja.Object {
	res := vm.NewObject()
	in := make([]any, len(inputs))
	for i, v := range inputs {
		in[i] = v
	}
	_ = res.Set("inputs", vm.NewArray(in...))
	for c, name := range componentNames {
		cr := &r.comps[c]
		obj := vm.NewObject()
		_ = obj.Set("input", cr.input)
		groups := vm.NewObject()
		for i, name := range cr.names {
			v := goja.Undefined()
			if i < len(cr.groups) && cr.groups[i].ok {
				v = vm.ToValue(cr.groups[i].value)
			}
			_ = groups.Set(name, v)
		}
		_ = obj.Set("groups", groups)
		_ = res.Set(name, obj)
	}
	return res
}

// jsCompiler compiles component regular expressions as JS RegExps.
type jsCompiler struct {
	vm   *goja.Runtime
	ctor *goja.Object
	exec goja.Callable
}

func newJSCompiler(vm *goja.Runtime) (*jsCompiler, error) {
	ctor, ok := vm.Get("RegExp").(*goja.Object)
	if !ok {
		return nil, errors.New("urlpattern: no RegExp constructor")
	}
	exec, ok := goja.AssertFunction(ctor.Get("prototype").ToObject(vm).Get("exec"))
	if !ok {
		return nil, errors.New("urlpattern: no RegExp.prototype.exec")
	}
	return &jsCompiler{vm: vm, ctor: ctor, exec: exec}, nil
}

func (c *jsCompiler) compile(source string, ignoreCase bool) (matcher, error) {
	flags := "u"
	if ignoreCase {
		flags = "ui"
	}
	re, err := c.vm.New(c.ctor, c.vm.ToValue(source), c.vm.ToValue(flags))
	if err != nil {
		var ex *goja.Exception
		if errors.As(err, &ex) {
			return nil, fmt.Errorf("urlpattern: invalid regular expression %s: %w", source, err)
		}
		return nil, engineError{err}
	}
	return &jsRegexp{c: c, re: re}, nil
}

type jsRegexp struct {
	c  *jsCompiler
	re *goja.Object
}

func (r *jsRegexp) exec(input string) ([]group, bool, error) {
	res, err := r.c.exec(r.re, r.c.vm.ToValue(input))
	if err != nil {
		return nil, false, engineError{err}
	}
	arr, ok := res.(*goja.Object)
	if !ok { // null
		return nil, false, nil
	}
	n := int(arr.Get("length").ToInteger())
	groups := make([]group, 0, max(n-1, 0))
	for i := 1; i < n; i++ {
		v := arr.Get(strconv.Itoa(i))
		if v == nil || goja.IsUndefined(v) {
			groups = append(groups, group{})
		} else {
			groups = append(groups, group{value: v.String(), ok: true})
		}
	}
	return groups, true, nil
}
