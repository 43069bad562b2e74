package streams_test

import (
	"testing"

	"github.com/dop251/goja"
)

// benchFunc installs streams in a fresh runtime, evaluates src (which must
// evaluate to a function returning a promise) and returns a Go function that
// calls it and checks the promise fulfilled. Promise jobs run when the call
// returns, so no event loop is needed.
func benchFunc(b *testing.B, src string) func() {
	b.Helper()
	e := newEnv(b)
	v, err := e.vm.RunString(src)
	if err != nil {
		b.Fatal(err)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		b.Fatal("not a function")
	}
	return func() {
		res, err := fn(goja.Undefined())
		if err != nil {
			b.Fatal(err)
		}
		p := res.Export().(*goja.Promise)
		if p.State() != goja.PromiseStateFulfilled {
			b.Fatalf("promise %v: %v", p.State(), p.Result())
		}
	}
}

// BenchmarkEnqueueRead enqueues 1,000 small chunks and reads them back with a
// default reader.
func BenchmarkEnqueueRead(b *testing.B) {
	run := benchFunc(b, `(async function () {
		let c;
		const rs = new ReadableStream({ start(ctrl) { c = ctrl; } });
		for (let i = 0; i < 1000; i++) c.enqueue(i);
		c.close();
		const reader = rs.getReader();
		let n = 0;
		for (;;) {
			const r = await reader.read();
			if (r.done) break;
			n++;
		}
		if (n !== 1000) throw new Error('got ' + n);
	})`)
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}

// BenchmarkPullRead reads 1,000 small chunks from a pull source (one enqueue
// per pull), the shape of a body backed by a Go reader.
func BenchmarkPullRead(b *testing.B) {
	run := benchFunc(b, `(async function () {
		let i = 0;
		const rs = new ReadableStream({ pull(c) { if (i === 1000) c.close(); else c.enqueue(i++); } }, { highWaterMark: 0 });
		const reader = rs.getReader();
		let n = 0;
		for (;;) {
			const r = await reader.read();
			if (r.done) break;
			n++;
		}
		if (n !== 1000) throw new Error('got ' + n);
	})`)
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}

// BenchmarkReadAllBytes drains 64 chunks of 16 KiB with internal.readAllBytes.
func BenchmarkReadAllBytes(b *testing.B) {
	run := benchFunc(b, `(function () {
		const chunks = [];
		for (let i = 0; i < 64; i++) chunks.push(new Uint8Array(16384).fill(i));
		return async function () {
			const rs = new ReadableStream({ start(c) { for (const ch of chunks) c.enqueue(ch); c.close(); } });
			const all = await internal.readAllBytes(rs);
			if (all.byteLength !== 64 * 16384 || all[16384 * 63] !== 63) throw new Error('bad bytes');
		};
	})()`)
	b.SetBytes(64 * 16384)
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}

// BenchmarkPipeThrough pipes 1,000 chunks through an identity TransformStream
// into a WritableStream.
func BenchmarkPipeThrough(b *testing.B) {
	run := benchFunc(b, `(async function () {
		let i = 0;
		const rs = new ReadableStream({ pull(c) { if (i === 1000) c.close(); else c.enqueue(i++); } });
		let n = 0;
		await rs.pipeThrough(new TransformStream()).pipeTo(new WritableStream({ write() { n++; } }));
		if (n !== 1000) throw new Error('got ' + n);
	})`)
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}

// BenchmarkFloorAwait is goja's own cost for the same 1,000 awaits of a fresh
// promise, with no streams involved: the floor under BenchmarkEnqueueRead.
func BenchmarkFloorAwait(b *testing.B) {
	run := benchFunc(b, `(async function () {
		for (let i = 0; i < 1000; i++) await new Promise((res) => res({ value: i, done: false }));
	})`)
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}
