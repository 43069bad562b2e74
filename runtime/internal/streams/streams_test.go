package streams_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/streams"
)

// shim is what the runtime defines before installing streams: goja has no
// Symbol.asyncIterator and no queueMicrotask.
const shim = `
for (const n of ['asyncIterator']) if (!Symbol[n]) Object.defineProperty(Symbol, n, {value: Symbol.for('Symbol.' + n)});
globalThis.queueMicrotask = (fn) => { Promise.resolve().then(() => fn()); };
`

// timer is one pending setTimeout callback.
type timer struct {
	id   int64
	due  int64 // fake milliseconds
	seq  int64 // insertion order breaks ties
	fn   goja.Callable
	args []goja.Value
}

// env is one goja runtime with a fake clock. Everything runs on the test's
// goroutine: timers fire only when drain picks them, and goja runs promise
// jobs when each outermost Go→JS call returns.
type env struct {
	vm       *goja.Runtime
	internal *goja.Object
	now      int64
	nextID   int64
	timers   []*timer
	// unhandled maps rejected promises that have no handler yet to the test
	// that was running when they were rejected.
	unhandled map[*goja.Promise]string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	e := &env{vm: goja.New(), unhandled: map[*goja.Promise]string{}}
	vm := e.vm
	vm.SetPromiseRejectionTracker(func(p *goja.Promise, op goja.PromiseRejectionOperation) {
		switch op {
		case goja.PromiseRejectionReject:
			e.unhandled[p] = e.currentTest()
		case goja.PromiseRejectionHandle:
			delete(e.unhandled, p)
		}
	})
	if _, err := vm.RunString(shim); err != nil {
		t.Fatalf("shim: %v", err)
	}
	must(t, vm.Set("setTimeout", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("setTimeout: callback is not a function"))
		}
		delay := call.Argument(1).ToInteger()
		if delay < 0 {
			delay = 0
		}
		e.nextID++
		var args []goja.Value
		if len(call.Arguments) > 2 {
			args = append(args, call.Arguments[2:]...)
		}
		e.timers = append(e.timers, &timer{id: e.nextID, due: e.now + delay, seq: e.nextID, fn: fn, args: args})
		return vm.ToValue(e.nextID)
	}))
	must(t, vm.Set("clearTimeout", func(call goja.FunctionCall) goja.Value {
		id := call.Argument(0).ToInteger()
		for i, tm := range e.timers {
			if tm.id == id {
				e.timers = append(e.timers[:i], e.timers[i+1:]...)
				break
			}
		}
		return goja.Undefined()
	}))
	internal, err := streams.Install(vm)
	if err != nil {
		t.Fatalf("Install: %v", err)
	}
	e.internal = internal
	must(t, vm.Set("internal", internal))
	return e
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (e *env) currentTest() string {
	h := e.vm.GlobalObject().Get("__harness")
	if h == nil || goja.IsUndefined(h) {
		return ""
	}
	return h.ToObject(e.vm).Get("current").String()
}

// fireNextTimer advances the fake clock to the earliest timer and runs it.
// It returns false when no timers are pending.
func (e *env) fireNextTimer() (bool, error) {
	if len(e.timers) == 0 {
		return false, nil
	}
	sort.SliceStable(e.timers, func(i, j int) bool {
		a, b := e.timers[i], e.timers[j]
		return a.due < b.due || (a.due == b.due && a.seq < b.seq)
	})
	tm := e.timers[0]
	e.timers = e.timers[1:]
	e.now = tm.due
	_, err := tm.fn(goja.Undefined(), tm.args...)
	return true, err
}

// await drives timers until p settles.
func (e *env) await(p *goja.Promise) error {
	for p.State() == goja.PromiseStatePending {
		fired, err := e.fireNextTimer()
		if err != nil {
			return fmt.Errorf("timer callback: %w", err)
		}
		if !fired {
			return fmt.Errorf("deadlock: the promise is pending with no timers left (test %q)", e.currentTest())
		}
	}
	return nil
}

type result struct {
	Name    string
	OK      bool
	Message string
}

// TestJS runs every testdata/*.test.js file, one fresh runtime per file, and
// reports each JS test as a subtest.
func TestJS(t *testing.T) {
	harness, err := os.ReadFile(filepath.Join("testdata", "harness.js"))
	must(t, err)
	files, err := filepath.Glob(filepath.Join("testdata", "*.test.js"))
	must(t, err)
	if len(files) == 0 {
		t.Fatal("no testdata/*.test.js files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".test.js"), func(t *testing.T) {
			runJSFile(t, file, string(harness))
		})
	}
}

func runJSFile(t *testing.T, file, harness string) {
	src, err := os.ReadFile(file)
	must(t, err)
	e := newEnv(t)
	if _, err := e.vm.RunScript("harness.js", harness); err != nil {
		t.Fatalf("harness: %v", err)
	}
	if _, err := e.vm.RunScript(filepath.Base(file), string(src)); err != nil {
		t.Fatalf("load: %v", err)
	}
	run, ok := goja.AssertFunction(e.vm.Get("__harness").ToObject(e.vm).Get("run"))
	if !ok {
		t.Fatal("__harness.run is not a function")
	}
	v, err := run(e.vm.Get("__harness"))
	must(t, err)
	p := v.Export().(*goja.Promise)
	if err := e.await(p); err != nil {
		t.Fatal(err)
	}
	if p.State() == goja.PromiseStateRejected {
		t.Fatalf("harness rejected: %v", p.Result())
	}
	// Let timers that tests left behind run, so late unhandled rejections
	// show up too.
	for {
		fired, err := e.fireNextTimer()
		if err != nil {
			t.Fatalf("timer callback after the tests: %v", err)
		}
		if !fired {
			break
		}
	}
	blame := map[string][]string{}
	for p, name := range e.unhandled {
		blame[name] = append(blame[name], fmt.Sprint(p.Result()))
	}
	var results []result
	arr := p.Result().ToObject(e.vm)
	for i := range arr.Get("length").ToInteger() {
		o := arr.Get(fmt.Sprint(i)).ToObject(e.vm)
		results = append(results, result{
			Name:    o.Get("name").String(),
			OK:      o.Get("ok").ToBoolean(),
			Message: o.Get("message").String(),
		})
	}
	for _, r := range results {
		t.Run(r.Name, func(t *testing.T) {
			if !r.OK {
				t.Error(r.Message)
			}
			if u := blame[r.Name]; len(u) > 0 {
				sort.Strings(u)
				t.Errorf("unhandled promise rejections: %s", strings.Join(u, "; "))
			}
		})
		delete(blame, r.Name)
	}
	for name, u := range blame {
		t.Errorf("unhandled promise rejections outside the tests (%q): %s", name, strings.Join(u, "; "))
	}
}
