package runtime

import (
	"context"
	_ "embed"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// This file is the test mode behind `edge test`: the edge:test module and Worker.RunTests.
// A test module is a worker whose Config.Self is the worker under test.

//go:embed testmode.js
var testModeSource string

// testModeFile names testmode.js in stacks; RunTests drops its frames from failures.
const testModeFile = "edge:test.js"

var testModeProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile(testModeFile, testModeSource, true)
})

// testHostKey keys the host's side of edge:test in Isolate.Local.
type testHostKey struct{}

// edgeTestModule builds `edge:test`: test/it/describe, the hooks, assert, env and SELF (a
// Fetcher of the worker under test, with fetch() and scheduled()).
func edgeTestModule(iso *Isolate) (goja.Value, error) {
	f, err := iso.vm.RunProgram(testModeProgram())
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(f)
	self := goja.Undefined()
	if s := iso.w.self; s != nil {
		self = iso.NewFetcher("SELF", s.RoundTripper())
	}
	v, err := fn(goja.Undefined(), iso.env, self, iso.vm.NewObject())
	if err != nil {
		return nil, err
	}
	o := v.ToObject(iso.vm)
	iso.Local(testHostKey{}, func() any { return o.Get("host").ToObject(iso.vm) })
	return o.Get("exports"), nil
}

// TestResult is the outcome of one test of a test module.
type TestResult struct {
	Name     string
	Skipped  bool
	Err      error // nil = passed; else a *ScriptError whose Stack is source-mapped
	Duration time.Duration
}

// testCase is one test as the edge:test host lists it (loop-only values).
type testCase struct {
	name string
	skip bool
	run  goja.Callable
}

// RunTestsOptions select and report the tests RunTests runs.
type RunTestsOptions struct {
	Match  func(name string) bool // nil = every test
	Report func(TestResult)       // receives each result, in order
	// Timeout bounds each test and each hook batch; 0 = DefaultTestTimeout. A test past it
	// fails with "Test timed out in Nms." and the next one starts (the late invocation keeps
	// its isolate busy until it ends or the worker closes).
	Timeout time.Duration
}

// DefaultTestTimeout is a test's time limit, Vitest's default testTimeout.
const DefaultTestTimeout = 5 * time.Second

// RunTests runs the tests of a test module (a worker with Config.Self): those registered
// with edge:test's test() in source order, then named exports with a test(controller, env,
// ctx) method (workerd's test mode) in the order of the module namespace. beforeAll hooks run
// before the first selected test and afterAll hooks after the last; a failing beforeAll fails
// every selected test. All run on one isolate, each test and hook batch as one invocation, as
// a scheduled event runs: ctx.waitUntil, timers, the CPU limit and hang detection apply. The
// error is for failures outside the tests (the worker is shutting down, ctx ended).
func (w *Worker) RunTests(ctx context.Context, opts RunTestsOptions) error {
	match, report, timeout := opts.Match, opts.Report, opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTestTimeout
	}
	if w.closing.Load() {
		return errors.New("runtime: worker is shutting down")
	}
	iso := w.pick()
	var cases []testCase
	var hostObj *goja.Object
	var err error
	iso.runOwned(func() {
		if _, err = iso.hostModule("edge:test"); err != nil {
			return
		}
		hostObj = iso.Local(testHostKey{}, nil).(*goja.Object)
		ns := iso.vm.Get("__edge_worker") // the module's exports
		if ns == nil {
			ns = goja.Undefined()
		}
		list, _ := goja.AssertFunction(hostObj.Get("tests"))
		var v goja.Value
		if v, err = list(hostObj, ns); err != nil {
			return
		}
		arr := v.ToObject(iso.vm)
		n := int(arr.Get("length").ToInteger())
		for i := 0; i < n; i++ {
			o := arr.Get(strconv.Itoa(i)).ToObject(iso.vm)
			run, _ := goja.AssertFunction(o.Get("run"))
			cases = append(cases, testCase{name: o.Get("name").String(), skip: o.Get("skip").ToBoolean(), run: run})
		}
	})
	if err != nil {
		return &ScriptError{Phase: "test", Stack: describeError(err), Err: err}
	}
	var selected []testCase
	for _, c := range cases {
		if match == nil || match(c.name) {
			selected = append(selected, c)
		}
	}
	if len(selected) == 0 {
		return nil
	}
	hook := func(name string) func(*Isolate, *invocation) (goja.Value, error) {
		return func(iso *Isolate, inv *invocation) (goja.Value, error) {
			f, _ := goja.AssertFunction(hostObj.Get(name))
			return f(hostObj)
		}
	}
	run := func(call func(*Isolate, *invocation) (goja.Value, error)) error {
		tctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		err := w.invoke(tctx, iso, "test", call)
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			msg := "Test timed out in " + strconv.FormatInt(timeout.Milliseconds(), 10) + "ms."
			return &ScriptError{Phase: "test", Stack: "Error: " + msg, Err: &JSError{Class: "Error", Message: msg}}
		}
		return err
	}
	beforeErr := run(hook("beforeAll"))
	for _, c := range selected {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if c.skip {
			report(TestResult{Name: c.name, Skipped: true})
			continue
		}
		if beforeErr != nil {
			report(TestResult{Name: c.name, Err: testError(beforeErr)})
			continue
		}
		start := time.Now()
		fn := c.run
		err := run(func(iso *Isolate, inv *invocation) (goja.Value, error) {
			return fn(goja.Undefined(), iso.cls.ctx.Wrap(&execContext{inv: inv}))
		})
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		report(TestResult{Name: c.name, Err: testError(err), Duration: time.Since(start)})
	}
	if err := run(hook("afterAll")); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return testError(err)
	}
	return nil
}

// testError drops edge:test's own frames (assert's internals) from a failure's stack and
// makes source paths relative to the project directory: source maps name them relative to
// the bundle's file, which bundle() places two levels down, in .edge/bundle.
func testError(err error) error {
	var se *ScriptError
	if !errors.As(err, &se) {
		return err
	}
	lines := strings.Split(se.Stack, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "at ") && strings.Contains(l, testModeFile+":") {
			continue
		}
		kept = append(kept, strings.Replace(l, "at ../../", "at ", 1))
	}
	return &ScriptError{Phase: se.Phase, Stack: strings.Join(kept, "\n"), Err: se.Err}
}
