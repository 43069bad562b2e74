package compression

// White-box tests of the streaming codecs: the decompressor is checked against the standard
// library's one-shot readers for every way of splitting the input.

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// reference decodes data in one go with the standard library and classifies the result the way
// the streaming decompressor must: the output, and nil, ErrCorrupt, ErrIncomplete or
// ErrTrailingData.
func reference(f format, data []byte) ([]byte, error) {
	br := bytes.NewReader(data) // an io.ByteReader: the readers consume exactly the stream
	var r io.Reader
	var err error
	switch f {
	case formatGzip:
		var zr *gzip.Reader
		if zr, err = gzip.NewReader(br); err == nil {
			zr.Multistream(false)
			r = zr
		}
	case formatDeflate:
		r, err = zlib.NewReader(br)
	default:
		r = flate.NewReader(br)
	}
	var out []byte
	if err == nil {
		out, err = io.ReadAll(r)
	}
	switch {
	case err == nil && br.Len() > 0:
		return nil, ErrTrailingData
	case err == nil:
		return out, nil
	case f == formatGzip && !bytes.HasPrefix(gzipMagic[:], data[:min(len(data), 3)]):
		return nil, ErrCorrupt // checked as bytes arrive, before the header is complete
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return nil, ErrIncomplete
	default:
		return nil, ErrCorrupt
	}
}

// stream runs data through a decompressor in the given chunk sizes (cycled).
func stream(f format, data []byte, sizes []int) ([]byte, error) {
	d := newDecompressor(f)
	var out []byte
	empties := 0
	for i := 0; len(data) > 0; i++ {
		n := min(max(sizes[i%len(sizes)], 0), len(data))
		if n == 0 { // empty pushes are part of the test, but the input must get through
			if empties++; empties > len(sizes) {
				n, empties = 1, 0
			}
		}
		pieces, err := d.push(data[:n])
		if err != nil {
			return nil, err
		}
		for _, p := range pieces {
			if len(p) == 0 || len(p) > pieceSize {
				return nil, errors.New("bad piece size")
			}
			out = append(out, p...)
		}
		data = data[n:]
	}
	pieces, err := d.finish()
	if err != nil {
		return nil, err
	}
	for _, p := range pieces {
		out = append(out, p...)
	}
	return out, nil
}

func compressAll(f format, data []byte) []byte {
	c := newCompressor(f, nil)
	var out []byte
	pieces, _ := c.push(data)
	for _, p := range pieces {
		out = append(out, p...)
	}
	pieces, _ = c.finish()
	for _, p := range pieces {
		out = append(out, p...)
	}
	return out
}

func checkAgainstReference(t *testing.T, f format, data []byte, sizes []int) {
	t.Helper()
	want, wantErr := reference(f, data)
	got, err := stream(f, data, sizes)
	if !errors.Is(err, wantErr) && err != wantErr {
		t.Fatalf("%v %v: error %v, want %v", f, sizes, err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%v %v: %d bytes, want %d", f, sizes, len(got), len(want))
	}
}

func TestDecompressorMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := bytes.Repeat([]byte("streaming inflate, one chunk at a time. "), 5000) // 200 KB
	noise := make([]byte, 150000)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	for f := range numFormats {
		for _, data := range [][]byte{text, noise, nil} {
			c := compressAll(f, data)
			inputs := [][]byte{
				c,
				c[:len(c)-1],                     // truncated
				append(bytes.Clone(c), 0),        // trailing byte
				append(bytes.Clone(c), c...),     // two streams
				c[:len(c)/2],                     // cut in half
				append(bytes.Clone(c[:7]), 0xff), // damaged early
			}
			for _, in := range inputs {
				for _, sizes := range [][]int{{len(in) + 1}, {1}, {0, 3}, {4096}, {65536, 1, 7}} {
					checkAgainstReference(t, f, in, sizes)
				}
			}
		}
	}
}

func TestDecompressorOutputPieces(t *testing.T) {
	data := bytes.Repeat([]byte{'z'}, 3*pieceSize+5) // a tiny input inflating to several pieces
	c := compressAll(formatDeflateRaw, data)
	d := newDecompressor(formatDeflateRaw)
	pieces, err := d.push(c)
	if err != nil {
		t.Fatal(err)
	}
	rest, err := d.finish()
	if err != nil {
		t.Fatal(err)
	}
	pieces = append(pieces, rest...)
	var total int
	for _, p := range pieces {
		if len(p) > pieceSize || cap(p) > pieceSize {
			t.Errorf("piece of len %d cap %d", len(p), cap(p))
		}
		total += len(p)
	}
	if total != len(data) || len(pieces) < 4 {
		t.Errorf("%d bytes in %d pieces", total, len(pieces))
	}
	if _, err := d.push([]byte{1}); err == nil {
		t.Error("push after finish succeeded")
	}
}

func TestCompressorPool(t *testing.T) {
	pool := &writerPool{}
	data := []byte("pooled writers must start a fresh stream each time")
	var first []byte
	for i := range 10 {
		c := newCompressor(formatGzip, pool)
		if i%3 == 2 { // an aborted stream returns its writer mid-stream
			_, _ = c.push(data)
			c.abort()
			continue
		}
		out := compressAll2(c, data)
		if first == nil {
			first = out
		} else if !bytes.Equal(out, first) {
			t.Fatalf("stream %d differs from the first", i)
		}
	}
	if n := len(pool.free[formatGzip]); n != 1 {
		t.Errorf("%d pooled writers, want 1 (they are reused)", n)
	}
	cs := make([]*compressor, 2*maxPooled)
	for i := range cs {
		cs[i] = newCompressor(formatDeflate, pool)
		_, _ = cs[i].push(data)
	}
	for _, c := range cs {
		_, _ = c.finish()
	}
	if n := len(pool.free[formatDeflate]); n != maxPooled {
		t.Errorf("%d pooled writers, want %d", n, maxPooled)
	}
}

func compressAll2(c *compressor, data []byte) []byte {
	var out []byte
	pieces, _ := c.push(data)
	for _, p := range pieces {
		out = append(out, p...)
	}
	pieces, _ = c.finish()
	for _, p := range pieces {
		out = append(out, p...)
	}
	return out
}

func FuzzDecompressor(f *testing.F) {
	for fm := range numFormats {
		f.Add(uint8(fm), compressAll(fm, []byte("hello hello hello hello")), uint16(3), uint16(1))
		f.Add(uint8(fm), compressAll(fm, nil), uint16(1), uint16(0))
	}
	f.Add(uint8(0), []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, uint16(2), uint16(5))
	f.Fuzz(func(t *testing.T, which uint8, data []byte, a, b uint16) {
		fm := format(which % uint8(numFormats))
		// Skip inputs whose output would be large; the property is about framing, not volume.
		if out, err := reference(fm, data); err == nil && len(out) > 1<<20 {
			t.Skip()
		}
		checkAgainstReference(t, fm, data, []int{int(a), int(b)})
	})
}
