package webcrypto_test

import (
	"os"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/dom"
	"github.com/edgeruntime/edge/runtime/internal/encoding"
	"github.com/edgeruntime/edge/runtime/internal/jstest"
	"github.com/edgeruntime/edge/runtime/internal/streams"
	"github.com/edgeruntime/edge/runtime/internal/webcrypto"
)

// host runs heavy operations on real goroutines; pump waits for the next one and settles its
// promise on the test's goroutine, as an isolate's loop would.
type host struct {
	vm      *goja.Runtime
	pending int
	done    chan func()
}

func (h *host) Async(work func() func() (goja.Value, goja.Value)) goja.Value {
	p, resolve, reject := h.vm.NewPromise()
	h.pending++
	go func() {
		settle := work()
		h.done <- func() {
			v, rejection := settle()
			if rejection != nil {
				_ = reject(rejection)
			} else {
				_ = resolve(v)
			}
		}
	}()
	return h.vm.ToValue(p)
}

func (h *host) CheckRequestContext() {}

func (h *host) SetTimeout(time.Duration, func()) func() { return func() {} }

func (h *host) pump() bool {
	if h.pending == 0 {
		return false
	}
	(<-h.done)()
	h.pending--
	return true
}

func newVM(t testing.TB) (*goja.Runtime, *host) {
	t.Helper()
	vm := goja.New()
	if _, err := vm.RunString(`Object.defineProperty(Symbol, 'asyncIterator', {value: Symbol.for('Symbol.asyncIterator')});`); err != nil {
		t.Fatal(err)
	}
	h := &host{vm: vm, done: make(chan func())}
	g := vm.GlobalObject()
	dom.Install(vm, g, h)
	encoding.Install(vm, g)
	if _, err := streams.Install(vm); err != nil {
		t.Fatal(err)
	}
	if err := webcrypto.Install(vm, g, h); err != nil {
		t.Fatal(err)
	}
	return vm, h
}

func TestJS(t *testing.T) {
	vm, h := newVM(t)
	src, err := os.ReadFile("testdata/webcrypto.test.js")
	if err != nil {
		t.Fatal(err)
	}
	jstest.Run(t, vm, "webcrypto.test.js", string(src), h.pump)
}
