package streams_test

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/streams"
)

// call invokes internal[name](args...).
func (e *env) call(t testing.TB, name string, args ...goja.Value) goja.Value {
	t.Helper()
	fn, ok := goja.AssertFunction(e.internal.Get(name))
	if !ok {
		t.Fatalf("internal.%s is not a function", name)
	}
	v, err := fn(e.internal, args...)
	if err != nil {
		t.Fatalf("internal.%s: %v", name, err)
	}
	return v
}

// goReaderStream exposes r as a byte ReadableStream through internal.fromPull,
// the way request and response bodies are meant to be bridged: pull reads
// one chunk from r and enqueues it, or closes at EOF. (The real host reads
// off the loop and settles a promise; here the read is synchronous.)
func goReaderStream(t testing.TB, e *env, r io.Reader, chunkSize int, canceled *goja.Value) goja.Value {
	vm := e.vm
	u8 := vm.Get("Uint8Array")
	pull := func(call goja.FunctionCall) goja.Value {
		ctrl := call.Argument(0).ToObject(vm)
		buf := make([]byte, chunkSize)
		n, err := r.Read(buf)
		if n > 0 {
			chunk, cerr := vm.New(u8, vm.ToValue(vm.NewArrayBuffer(buf[:n])))
			if cerr != nil {
				panic(cerr)
			}
			enqueue, _ := goja.AssertFunction(ctrl.Get("enqueue"))
			if _, cerr := enqueue(ctrl, chunk); cerr != nil {
				panic(cerr)
			}
			return goja.Undefined()
		}
		if err == io.EOF {
			closeFn, _ := goja.AssertFunction(ctrl.Get("close"))
			if _, cerr := closeFn(ctrl); cerr != nil {
				panic(cerr)
			}
			return goja.Undefined()
		}
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return goja.Undefined()
	}
	cancel := func(call goja.FunctionCall) goja.Value {
		if canceled != nil {
			*canceled = call.Argument(0)
		}
		return goja.Undefined()
	}
	return e.call(t, "fromPull", vm.ToValue(pull), vm.ToValue(cancel), vm.ToValue(0))
}

func settled(t testing.TB, e *env, v goja.Value) goja.Value {
	t.Helper()
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		t.Fatalf("%v is not a promise", v)
	}
	if err := e.await(p); err != nil {
		t.Fatal(err)
	}
	if p.State() == goja.PromiseStateRejected {
		t.Fatalf("rejected: %v", p.Result())
	}
	return p.Result()
}

func TestFromPullGoReader(t *testing.T) {
	e := newEnv(t)
	want := strings.Repeat("edge streams ", 1000)
	s := goReaderStream(t, e, strings.NewReader(want), 100, nil)
	if !e.call(t, "isReadableStream", s).ToBoolean() {
		t.Fatal("fromPull did not return a ReadableStream")
	}
	got, ok := settled(t, e, e.call(t, "readAllBytes", s)).Export().([]byte)
	if !ok {
		t.Fatal("readAllBytes did not resolve with a Uint8Array")
	}
	if string(got) != want {
		t.Fatalf("got %d bytes, want %d", len(got), len(want))
	}
	if !e.call(t, "isDisturbed", s).ToBoolean() || e.call(t, "isLocked", s).ToBoolean() {
		t.Fatal("after readAllBytes the stream must be disturbed and unlocked")
	}
}

func TestFromPullCancel(t *testing.T) {
	e := newEnv(t)
	var canceled goja.Value
	s := goReaderStream(t, e, strings.NewReader("abcdefgh"), 2, &canceled)
	must(t, e.vm.Set("s", s))
	res := settled(t, e, must1(t, e.vm, `(async () => {
		const r = s.getReader();
		const first = await r.read();
		await r.cancel('client gone');
		return ascii(first.value);
	})()`))
	if res.String() != "ab" {
		t.Fatalf("first chunk %q, want %q", res.String(), "ab")
	}
	if canceled == nil || canceled.String() != "client gone" {
		t.Fatalf("cancel reason %v, want %q", canceled, "client gone")
	}
}

// must1 runs src in vm (with an ascii(u8) helper) and returns its value.
func must1(t testing.TB, vm *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := vm.RunString(`var ascii = (u8) => String.fromCharCode(...u8);` + src)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFromBytesAndExpectedLength(t *testing.T) {
	e := newEnv(t)
	data := bytes.Repeat([]byte{1, 2, 3}, 10)
	u8, err := e.vm.New(e.vm.Get("Uint8Array"), e.vm.ToValue(e.vm.NewArrayBuffer(data)))
	must(t, err)
	got := settled(t, e, e.call(t, "readAllBytes", e.call(t, "fromBytes", u8))).Export().([]byte)
	if !bytes.Equal(got, data) {
		t.Fatalf("got %v, want %v", got, data)
	}
	fls := must1(t, e.vm, `new FixedLengthStream(1234).readable`)
	if n := e.call(t, "expectedLength", fls).ToInteger(); n != 1234 {
		t.Fatalf("expectedLength %d, want 1234", n)
	}
	if v := e.call(t, "expectedLength", must1(t, e.vm, `new ReadableStream()`)); !goja.IsUndefined(v) {
		t.Fatalf("expectedLength of a plain stream is %v, want undefined", v)
	}
}

func TestInstallDoesNotExposeInternal(t *testing.T) {
	vm := goja.New()
	if _, err := streams.Install(vm); err != nil {
		t.Fatal(err)
	}
	names, err := vm.RunString(`Object.getOwnPropertyNames(globalThis).join(',')`)
	must(t, err)
	for _, n := range strings.Split(names.String(), ",") {
		if strings.Contains(strings.ToLower(n), "internal") || strings.HasPrefix(n, "install") {
			t.Errorf("global %q leaked", n)
		}
	}
	if v := vm.Get("ReadableStream"); v == nil || goja.IsUndefined(v) {
		t.Fatal("ReadableStream not installed")
	}
	// Without the host's Symbol.asyncIterator shim the registry symbol is used.
	v, err := vm.RunString(`typeof ReadableStream.prototype[Symbol.for('Symbol.asyncIterator')]`)
	must(t, err)
	if v.String() != "function" {
		t.Fatalf("async iterator method missing: %v", v)
	}
}

// TestInstallConcurrent shares the compiled Program between runtimes on
// several goroutines (run with -race).
func TestInstallConcurrent(t *testing.T) {
	const goroutines = 8
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for range goroutines {
		wg.Go(func() {
			for range 5 {
				vm := goja.New()
				internal, err := streams.Install(vm)
				if err != nil {
					errs <- err
					return
				}
				if err := vm.Set("internal", internal); err != nil {
					errs <- err
					return
				}
				v, err := vm.RunString(`internal.readAllBytes(ReadableStream.from([new Uint8Array([1, 2]), new Uint8Array([3])]))`)
				if err != nil {
					errs <- err
					return
				}
				p := v.Export().(*goja.Promise)
				if p.State() != goja.PromiseStateFulfilled || !bytes.Equal(p.Result().Export().([]byte), []byte{1, 2, 3}) {
					t.Errorf("readAllBytes: %v %v", p.State(), p.Result())
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
