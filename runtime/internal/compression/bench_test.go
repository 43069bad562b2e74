package compression_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/dop251/goja"
)

// benchData is 4 MiB of text-like bytes (words from a small vocabulary), which gzip shrinks to
// roughly a third, like HTML or JSON bodies.
func benchData() []byte {
	words := []string{"edge ", "worker ", "stream ", "compress ", "gzip ", "the ", "of ", "response ",
		"header ", "body ", "\n", "{\"id\": ", "42, ", "\"name\": ", "\"value\"}, "}
	rng := rand.New(rand.NewPCG(7, 9))
	var b bytes.Buffer
	for b.Len() < 4<<20 {
		b.WriteString(words[rng.IntN(len(words))])
	}
	return b.Bytes()[:4<<20]
}

// jsPipe returns a function that writes data (in 64 KiB chunks) through a new stream made by
// ctor(format) and returns the total output length, driving promise jobs to completion.
func jsPipe(b *testing.B, ctor, format string, data []byte) func() int {
	b.Helper()
	vm, _ := newVM(b)
	fn, err := vm.RunString(`(function (ctor, format, data) {
		const s = new globalThis[ctor](format);
		const w = s.writable.getWriter();
		for (let i = 0; i < data.length; i += 65536) w.write(data.subarray(i, i + 65536));
		w.close();
		const r = s.readable.getReader();
		let n = 0;
		return (async () => {
			for (;;) { const { value, done } = await r.read(); if (done) return n; n += value.length; }
		})();
	})`)
	if err != nil {
		b.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	u8, err := vm.New(vm.Get("Uint8Array"), vm.ToValue(vm.NewArrayBuffer(data)))
	if err != nil {
		b.Fatal(err)
	}
	return func() int {
		res, err := call(goja.Undefined(), vm.ToValue(ctor), vm.ToValue(format), u8)
		if err != nil {
			b.Fatal(err)
		}
		p := res.Export().(*goja.Promise)
		if p.State() != goja.PromiseStateFulfilled {
			b.Fatalf("%v: %v", p.State(), p.Result())
		}
		return int(p.Result().ToInteger())
	}
}

// BenchmarkCompressionStream is the throughput of CompressionStream over 4 MiB written in
// 64 KiB chunks (MB/s of input).
func BenchmarkCompressionStream(b *testing.B) {
	data := benchData()
	for _, format := range []string{"gzip", "deflate-raw"} {
		b.Run(format, func(b *testing.B) {
			run := jsPipe(b, "CompressionStream", format, data)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				run()
			}
		})
	}
}

// BenchmarkDecompressionStream is the throughput of DecompressionStream("gzip") producing 4 MiB
// (MB/s of output).
func BenchmarkDecompressionStream(b *testing.B) {
	data := benchData()
	var c bytes.Buffer
	w := gzip.NewWriter(&c)
	_, _ = w.Write(data)
	_ = w.Close()
	run := jsPipe(b, "DecompressionStream", "gzip", c.Bytes())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if n := run(); n != len(data) {
			b.Fatal(n)
		}
	}
}

// BenchmarkGoGzip is the standard library alone on the same input, the ceiling for
// BenchmarkCompressionStream/gzip.
func BenchmarkGoGzip(b *testing.B) {
	data := benchData()
	w := gzip.NewWriter(io.Discard)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		w.Reset(io.Discard)
		for i := 0; i < len(data); i += 65536 {
			_, _ = w.Write(data[i:min(i+65536, len(data))])
		}
		_ = w.Close()
	}
}

// BenchmarkSmallResponse compresses a 2 KiB body with a fresh CompressionStream each time, the
// per-request shape of Hono's compress middleware (constructor cost and writer reuse dominate).
func BenchmarkSmallResponse(b *testing.B) {
	data := benchData()[:2048]
	run := jsPipe(b, "CompressionStream", "gzip", data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if n := run(); n == 0 {
			b.Fatal(fmt.Sprint(n))
		}
	}
}
