package jstest

import (
	_ "embed"
	"errors"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

//go:embed harness.js
var harnessSource string

// harnessProgram is compiled once per test binary; a *goja.Program may be shared by runtimes.
var harnessProgram = goja.MustCompile("jstest/harness.js", harnessSource, true)

type jsTest struct {
	name string
	fn   goja.Value
	skip bool
}

// Run executes a JS test file in vm: it installs the globals test(name, fn), assert(cond, msg),
// assertEquals(actual, expected, msg) (deep equality, showing both values on failure),
// assertThrows(fn, ErrorClassName, messageSubstring) and assertRejects(promiseOrFn,
// ErrorClassName, messageSubstring) (async); runs the file, then runs each registered test
// (awaiting async ones), reporting each as t.Run(name).
//
// pump is called repeatedly while a test's promise is pending so the caller can drive timers
// and host callbacks; it returns false when it has nothing left to run, which fails the test
// as never settling. nil means there is no event loop.
func Run(t *testing.T, vm *goja.Runtime, filename, source string, pump func() bool) {
	t.Helper()
	var tests []jsTest
	register := func(name string, fn goja.Value, skip bool) {
		tests = append(tests, jsTest{name: name, fn: fn, skip: skip})
	}
	format, err := install(vm, register)
	if err != nil {
		t.Fatalf("jstest: installing the harness: %v", err)
	}
	if _, err := vm.RunScript(filename, source); err != nil {
		t.Fatalf("%s: %s", filename, describeError(err, format))
	}
	if len(tests) == 0 {
		t.Fatalf("%s: no tests registered", filename)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip {
				t.Skip("skipped with test.skip")
			}
			runOne(t, vm, tc, pump, format)
		})
	}
}

func install(vm *goja.Runtime, register func(string, goja.Value, bool)) (func(goja.Value) string, error) {
	factory, err := vm.RunProgram(harnessProgram)
	if err != nil {
		return nil, err
	}
	call, ok := goja.AssertFunction(factory)
	if !ok {
		return nil, errors.New("harness did not evaluate to a function")
	}
	res, err := call(goja.Undefined(), vm.GlobalObject(), vm.ToValue(register))
	if err != nil {
		return nil, err
	}
	formatFn, ok := goja.AssertFunction(res.ToObject(vm).Get("format"))
	if !ok {
		return nil, errors.New("harness has no format function")
	}
	format := func(v goja.Value) string {
		s, err := formatFn(goja.Undefined(), v)
		if err != nil {
			return v.String()
		}
		return s.String()
	}
	return format, nil
}

func runOne(t *testing.T, vm *goja.Runtime, tc jsTest, pump func() bool, format func(goja.Value) string) {
	t.Helper()
	fn, ok := goja.AssertFunction(tc.fn)
	if !ok {
		t.Fatalf("test %q: not a function", tc.name)
	}
	res, err := fn(goja.Undefined())
	if err != nil {
		t.Fatal(describeError(err, format))
	}
	obj, isObj := res.(*goja.Object)
	if !isObj {
		return
	}
	p, isPromise := obj.Export().(*goja.Promise)
	if !isPromise {
		return
	}
	for p.State() == goja.PromiseStatePending {
		if pump == nil || !pump() {
			t.Fatal("the test's promise never settled (nothing left to run)")
		}
	}
	if p.State() == goja.PromiseStateRejected {
		t.Fatal(describeValue(p.Result(), format))
	}
}

// describeError renders a JS exception with its stack when goja has one.
func describeError(err error, format func(goja.Value) string) string {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		if s := stackOf(ex.Value()); s != "" {
			return s
		}
		return strings.TrimSpace(ex.String())
	}
	return err.Error()
}

// describeValue renders a rejection reason.
func describeValue(v goja.Value, format func(goja.Value) string) string {
	if s := stackOf(v); s != "" {
		return s
	}
	return "rejected with " + format(v)
}

func stackOf(v goja.Value) string {
	o, ok := v.(*goja.Object)
	if !ok {
		return ""
	}
	st := o.Get("stack")
	if st == nil || goja.IsUndefined(st) || goja.IsNull(st) {
		return ""
	}
	s := st.String()
	// goja's stack omits the message line; V8's starts with it.
	msg := o.Get("message")
	name := o.Get("name")
	if msg != nil && !goja.IsUndefined(msg) && !strings.Contains(s, msg.String()) {
		head := msg.String()
		if name != nil && !goja.IsUndefined(name) {
			head = name.String() + ": " + head
		}
		s = head + "\n" + s
	}
	// Frames inside the harness itself are noise.
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !strings.Contains(l, "jstest/harness.js") {
			kept = append(kept, l)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}
