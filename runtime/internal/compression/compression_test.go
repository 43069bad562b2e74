package compression_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/compression"
	"github.com/edgeruntime/edge/runtime/internal/encoding"
	"github.com/edgeruntime/edge/runtime/internal/jstest"
	"github.com/edgeruntime/edge/runtime/internal/streams"
)

// loop is a minimal event loop for the tests: setTimeout callbacks in due order on a fake clock.
// Promise jobs need no loop (goja runs them when each outermost call returns).
type loop struct {
	vm     *goja.Runtime
	now    int64
	nextID int64
	timers []timer
}

type timer struct {
	id, due int64
	fn      goja.Callable
}

// newVM returns a runtime with the globals CompressionStream needs (streams, TextEncoder and
// the text streams the tests use) and a setTimeout driven by the returned pump.
func newVM(t testing.TB) (*goja.Runtime, func() bool) {
	t.Helper()
	vm := goja.New()
	// What the runtime defines before streams: goja has no Symbol.asyncIterator.
	if _, err := vm.RunString(`Object.defineProperty(Symbol, 'asyncIterator', {value: Symbol.for('Symbol.asyncIterator')});`); err != nil {
		t.Fatal(err)
	}
	l := &loop{vm: vm}
	g := vm.GlobalObject()
	_ = g.Set("setTimeout", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("setTimeout: callback is not a function"))
		}
		l.nextID++
		l.timers = append(l.timers, timer{id: l.nextID, due: l.now + max(call.Argument(1).ToInteger(), 0), fn: fn})
		return vm.ToValue(l.nextID)
	})
	_ = g.Set("clearTimeout", func(call goja.FunctionCall) goja.Value {
		id := call.Argument(0).ToInteger()
		for i, tm := range l.timers {
			if tm.id == id {
				l.timers = append(l.timers[:i], l.timers[i+1:]...)
				break
			}
		}
		return goja.Undefined()
	})
	encoding.Install(vm, g)
	if _, err := streams.Install(vm); err != nil {
		t.Fatal(err)
	}
	if err := streams.InstallTextStreams(vm); err != nil {
		t.Fatal(err)
	}
	if err := compression.Install(vm, g); err != nil {
		t.Fatal(err)
	}
	return vm, l.fire
}

// fire runs the earliest timer (ties in creation order); false when none is pending.
func (l *loop) fire() bool {
	if len(l.timers) == 0 {
		return false
	}
	best := 0
	for i, tm := range l.timers {
		if tm.due < l.timers[best].due {
			best = i
		}
	}
	tm := l.timers[best]
	l.timers = append(l.timers[:best], l.timers[best+1:]...)
	l.now = tm.due
	if _, err := tm.fn(goja.Undefined()); err != nil {
		panic(err)
	}
	return true
}

func TestJS(t *testing.T) {
	files, err := filepath.Glob("testdata/*.test.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(f), ".test.js"), func(t *testing.T) {
			vm, pump := newVM(t)
			jstest.Run(t, vm, filepath.Base(f), string(src), pump)
		})
	}
}

func TestInstallNeedsTransformStream(t *testing.T) {
	vm := goja.New()
	if err := compression.Install(vm, vm.GlobalObject()); err == nil {
		t.Fatal("Install without TransformStream succeeded")
	}
}

// compressJS runs data through a CompressionStream in chunks of size chunk and returns the output.
func compressJS(t testing.TB, vm *goja.Runtime, format string, data []byte, chunk int) []byte {
	t.Helper()
	fn, err := vm.RunString(`(async function (format, data, chunk) {
		const cs = new CompressionStream(format);
		const w = cs.writable.getWriter();
		for (let i = 0; i < data.length; i += chunk) w.write(data.subarray(i, i + chunk));
		w.close();
		const parts = [];
		const r = cs.readable.getReader();
		for (;;) { const { value, done } = await r.read(); if (done) break; parts.push(value); }
		let n = 0; for (const p of parts) n += p.length;
		const out = new Uint8Array(n); let off = 0;
		for (const p of parts) { out.set(p, off); off += p.length; }
		return out;
	})`)
	if err != nil {
		t.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	u8, err := vm.New(vm.Get("Uint8Array"), vm.ToValue(vm.NewArrayBuffer(bytes.Clone(data))))
	if err != nil {
		t.Fatal(err)
	}
	res, err := call(goja.Undefined(), vm.ToValue(format), u8, vm.ToValue(chunk))
	if err != nil {
		t.Fatal(err)
	}
	p := res.Export().(*goja.Promise)
	if p.State() != goja.PromiseStateFulfilled {
		t.Fatalf("compress: %v %v", p.State(), p.Result())
	}
	var out []byte
	if err := vm.ExportTo(p.Result(), &out); err != nil {
		t.Fatal(err)
	}
	return bytes.Clone(out)
}

// TestGoReadsJSOutput decodes CompressionStream output with the standard library's readers.
func TestGoReadsJSOutput(t *testing.T) {
	vm, _ := newVM(t)
	data := bytes.Repeat([]byte("edge compression interop; "), 20000) // ~520 KB
	readers := map[string]func(io.Reader) (io.Reader, error){
		"gzip":        func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"deflate":     func(r io.Reader) (io.Reader, error) { return zlib.NewReader(r) },
		"deflate-raw": func(r io.Reader) (io.Reader, error) { return flate.NewReader(r), nil },
	}
	for format, open := range readers {
		for _, chunk := range []int{1 << 20, 65536, 1000} {
			out := compressJS(t, vm, format, data, chunk)
			r, err := open(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("%s/%d: %v", format, chunk, err)
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("%s/%d: %d bytes, %v", format, chunk, len(got), err)
			}
			if len(out) > len(data)/20 {
				t.Errorf("%s/%d: compressed to %d bytes", format, chunk, len(out))
			}
		}
	}
}

// TestAbandonedStreamsDoNotLeak checks that DecompressionStreams dropped half-way release their
// coroutine goroutines once they are garbage.
func TestAbandonedStreamsDoNotLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	func() {
		vm, _ := newVM(t)
		_, err := vm.RunString(`
			for (let i = 0; i < 50; i++) {
				const ds = new DecompressionStream(['gzip', 'deflate', 'deflate-raw'][i % 3]);
				const w = ds.writable.getWriter();
				ds.readable.getReader().read();
				w.write(new Uint8Array([31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 120, 218, 243, 72]).subarray(i % 3 === 0 ? 0 : 10));
			}`)
		if err != nil {
			t.Fatal(err)
		}
		// Precondition: the decompressors are parked. Other goroutines of the test process may
		// start or end meanwhile (seen: 52 with 3 before), so require most, not an exact count.
		if n := runtime.NumGoroutine(); n < before+40 {
			t.Fatalf("expected about 50 parked decompressors, have %d goroutines (was %d)", n, before)
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines remain (was %d)", runtime.NumGoroutine(), before)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// TestFinishedStreamsEndTheirCoroutine checks that streams that finish, fail or are cancelled
// stop their coroutines at once, without waiting for the garbage collector.
func TestFinishedStreamsEndTheirCoroutine(t *testing.T) {
	vm, pump := newVM(t)
	before := runtime.NumGoroutine()
	v, err := vm.RunString(`(async () => {
		const vec = new Uint8Array([120, 218, 243, 72, 205, 201, 201, 215, 81, 8, 207, 47, 202, 78, 45, 42, 86, 84, 240, 32, 145, 15, 0, 200, 198, 21, 185]);
		const keep = [];
		for (let i = 0; i < 40; i++) {
			const ds = new DecompressionStream('deflate');
			keep.push(ds);
			const w = ds.writable.getWriter();
			const r = ds.readable.getReader();
			const reading = (async () => { for (;;) { const x = await r.read(); if (x.done) return; } })();
			switch (i % 4) {
			case 0: w.write(vec); w.close(); await reading; break;             // finished
			case 1: await w.write(vec.subarray(0, 5)); await w.abort('x'); await reading.catch(() => {}); break; // aborted mid-stream
			case 2: w.write(vec.subarray(0, 5)).catch(() => {}); await r.cancel('y'); break; // cancelled
			case 3: await w.write(vec.subarray(0, 5)); await w.write('not bytes').catch(() => {}); await reading.catch(() => {}); break; // errored
			}
		}
		globalThis.keep = keep;
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	p := v.Export().(*goja.Promise)
	for p.State() == goja.PromiseStatePending && pump() {
	}
	if p.State() != goja.PromiseStateFulfilled {
		t.Fatalf("%v: %v", p.State(), p.Result())
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		t.Fatalf("%d goroutines after all streams ended (was %d)", n, before)
	}
}
