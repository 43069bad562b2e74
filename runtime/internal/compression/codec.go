package compression

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"iter"
	"runtime"
)

// format is a CompressionStream format.
type format uint8

const (
	formatGzip format = iota
	formatDeflate
	formatDeflateRaw
	numFormats
)

// parseFormat maps the WebIDL CompressionFormat enum value to a format.
func parseFormat(s string) (format, bool) {
	switch s {
	case "gzip":
		return formatGzip, true
	case "deflate":
		return formatDeflate, true
	case "deflate-raw":
		return formatDeflateRaw, true
	}
	return 0, false
}

func (f format) String() string {
	switch f {
	case formatGzip:
		return "gzip"
	case formatDeflate:
		return "deflate"
	case formatDeflateRaw:
		return "deflate-raw"
	}
	return "unknown"
}

// pieceSize is the largest output chunk a decompressor enqueues.
const pieceSize = 64 << 10

// codec is the streaming interface the JS classes drive: push for each written chunk, finish on
// close, abort on cancel. push and finish return the output produced so far, in pieces that the
// caller owns. After finish, abort or an error the codec is unusable.
type codec interface {
	push(p []byte) ([][]byte, error)
	finish() ([][]byte, error)
	abort()
}

// ---- compression ----

// resetWriter is what compress/gzip, compress/zlib and compress/flate writers have in common.
type resetWriter interface {
	io.WriteCloser
	Reset(w io.Writer)
}

// writerPool is a per-runtime free list of compressors. It is used only on the runtime's
// goroutine, so it needs no locking.
type writerPool struct {
	free [numFormats][]resetWriter
}

// maxPooled is how many idle compressors of each format a runtime keeps.
const maxPooled = 4

func (p *writerPool) get(f format, dst io.Writer) resetWriter {
	if p != nil {
		if l := p.free[f]; len(l) > 0 {
			w := l[len(l)-1]
			l[len(l)-1] = nil
			p.free[f] = l[:len(l)-1]
			w.Reset(dst)
			return w
		}
	}
	switch f {
	case formatGzip:
		return gzip.NewWriter(dst)
	case formatDeflate:
		return zlib.NewWriter(dst)
	default:
		w, _ := flate.NewWriter(dst, flate.DefaultCompression) // only fails for a bad level
		return w
	}
}

func (p *writerPool) put(f format, w resetWriter) {
	if p == nil || len(p.free[f]) >= maxPooled {
		return
	}
	// Not reset here: Reset clears the match tables, and get resets anyway. Until then w keeps a
	// pointer to the finished compressor's (emptied) sink, which is small.
	p.free[f] = append(p.free[f], w)
}

// sink collects a compressor's output between pushes.
type sink struct{ b []byte }

func (s *sink) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	return len(p), nil
}

// take returns the collected bytes as one exact-size piece (nil when there are none).
func (s *sink) take() [][]byte {
	if len(s.b) == 0 {
		return nil
	}
	out := bytes.Clone(s.b)
	s.b = s.b[:0]
	return [][]byte{out}
}

// compressor feeds every chunk to one persistent writer, taken from the pool on first use.
type compressor struct {
	f    format
	w    resetWriter
	done bool // finished or aborted
	out  sink
	pool *writerPool
}

func newCompressor(f format, pool *writerPool) *compressor {
	return &compressor{f: f, pool: pool}
}

func (c *compressor) writer() (resetWriter, error) {
	if c.done {
		return nil, ErrClosed
	}
	if c.w == nil {
		c.w = c.pool.get(c.f, &c.out)
	}
	return c.w, nil
}

func (c *compressor) push(p []byte) ([][]byte, error) {
	w, err := c.writer()
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(p); err != nil { // the sink never fails; kept for completeness
		c.abort()
		return nil, err
	}
	return c.out.take(), nil
}

func (c *compressor) finish() ([][]byte, error) {
	w, err := c.writer()
	if err != nil {
		return nil, err
	}
	err = w.Close()
	c.release()
	if err != nil {
		return nil, err
	}
	out := c.out.take()
	c.out.b = nil
	return out, nil
}

func (c *compressor) abort() {
	c.release()
	c.out.b = nil
}

func (c *compressor) release() {
	c.done = true
	if c.w != nil {
		c.pool.put(c.f, c.w)
		c.w = nil
	}
}

// ---- decompression ----

// decompressor runs a Go decompressing reader as a coroutine over an input feed. The reader
// pulls bytes from the feed; when the current chunk is used up the feed yields, which returns
// control to push. The coroutine is started by the first non-empty push and ends when the
// compressed stream ends, fails, or the decompressor is finished, aborted or collected.
type decompressor struct {
	st    *inflateState
	next  func() (struct{}, bool) // nil until the coroutine starts
	stop  func()
	magic int // gzip: how many bytes of gzipMagic have been checked
}

// gzipMagic is ID1, ID2 and CM (deflate) of a gzip member header (RFC 1952 §2.3.1).
var gzipMagic = [...]byte{0x1f, 0x8b, 8}

// inflateState is shared by the decompressor and its coroutine. It must not point back to the
// decompressor, so that an abandoned decompressor can be collected and its cleanup can stop the
// coroutine.
type inflateState struct {
	f       format
	in      []byte // the unread rest of the chunk being pushed; aliases caller memory
	closing bool   // finish was called: the feed reports the end of input instead of yielding
	aborted bool   // the coroutine was told to stop
	yield   func(struct{}) bool

	// Output: the reader fills scratch; scratch[start:n] has not been taken yet. A Read that is
	// suspended waiting for input writes into scratch[n:], so take must leave that region and n
	// alone.
	scratch  []byte
	start, n int
	out      [][]byte // pieces produced since the last take

	done bool  // the compressed stream ended normally
	err  error // ErrCorrupt, ErrIncomplete, ErrTrailingData or ErrClosed
}

var errAborted = errors.New("compression: decompressor aborted")

func newDecompressor(f format) *decompressor {
	return &decompressor{st: &inflateState{f: f}}
}

// resume runs the coroutine until it wants more input or ends.
func (d *decompressor) resume() {
	if d.next == nil {
		d.next, d.stop = iter.Pull(d.st.run)
		// stop must not reference d (it does not: it closes over the coroutine and st).
		runtime.AddCleanup(d, func(stop func()) { stop() }, d.stop)
	}
	d.next()
}

func (d *decompressor) push(p []byte) ([][]byte, error) {
	st := d.st
	if st.err != nil {
		return nil, st.err
	}
	if st.done {
		if len(p) > 0 {
			return nil, d.fail(ErrTrailingData)
		}
		return nil, nil
	}
	if len(p) == 0 {
		return nil, nil
	}
	if st.f == formatGzip && d.magic < len(gzipMagic) {
		// Go's gzip reader reads the whole 10-byte header before checking it; zlib rejects a bad
		// magic number at once, so check it as it arrives.
		for _, b := range p[:min(len(p), len(gzipMagic)-d.magic)] {
			if b != gzipMagic[d.magic] {
				return nil, d.fail(ErrCorrupt)
			}
			d.magic++
		}
	}
	st.in = p
	d.resume()
	leftover := len(st.in)
	st.in = nil // drop the reference to the caller's memory
	if st.err != nil {
		return nil, d.fail(st.err)
	}
	if st.done && leftover > 0 {
		return nil, d.fail(ErrTrailingData)
	}
	return st.take(), nil
}

func (d *decompressor) finish() ([][]byte, error) {
	st := d.st
	if st.err != nil {
		return nil, st.err
	}
	if !st.done {
		st.closing = true
		d.resume()
		if st.err != nil {
			return nil, d.fail(st.err)
		}
		if !st.done { // cannot happen: a closing feed ends the reader
			return nil, d.fail(ErrIncomplete)
		}
	}
	out := st.take()
	d.release()
	st.err = ErrClosed
	return out, nil
}

func (d *decompressor) abort() {
	if d.st.err == nil {
		d.st.err = ErrClosed
	}
	d.release()
}

// fail records err, ends the coroutine and returns err.
func (d *decompressor) fail(err error) error {
	d.st.err = err
	d.release()
	return err
}

func (d *decompressor) release() {
	if d.stop != nil {
		d.stop() // a no-op when the coroutine has already returned
	}
	d.st.in, d.st.scratch, d.st.out = nil, nil, nil
}

// take returns the output produced since the last take.
func (st *inflateState) take() [][]byte {
	out := st.out
	st.out = nil
	if st.n > st.start {
		out = append(out, bytes.Clone(st.scratch[st.start:st.n]))
		st.start = st.n
	}
	return out
}

// run is the coroutine body.
func (st *inflateState) run(yield func(struct{}) bool) {
	st.yield = yield
	defer func() { st.yield = nil }()
	r, err := st.open()
	if err != nil {
		st.setErr(err)
		return
	}
	for {
		if st.scratch == nil {
			st.scratch = make([]byte, pieceSize)
		}
		n, err := r.Read(st.scratch[st.n:])
		st.n += n
		if st.n == len(st.scratch) {
			piece := st.scratch[st.start:] // a whole untaken piece is handed over without copying
			if st.start > 0 {
				piece = bytes.Clone(piece)
			}
			st.out = append(st.out, piece)
			st.scratch, st.start, st.n = nil, 0, 0
		}
		if err == io.EOF {
			st.done = true
			return
		}
		if err != nil {
			st.setErr(err)
			return
		}
	}
}

func (st *inflateState) open() (io.Reader, error) {
	src := feed{st}
	switch st.f {
	case formatGzip:
		zr, err := gzip.NewReader(src)
		if err != nil {
			return nil, err
		}
		zr.Multistream(false) // one member; anything after it is trailing data
		return zr, nil
	case formatDeflate:
		return zlib.NewReader(src)
	default:
		return flate.NewReader(src), nil
	}
}

// setErr maps a reader error to the stream error workerd reports.
func (st *inflateState) setErr(err error) {
	switch {
	case st.aborted || errors.Is(err, errAborted):
		st.err = ErrClosed
	case st.closing && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)):
		st.err = ErrIncomplete
	default:
		st.err = ErrCorrupt
	}
}

// feed is the decompressing reader's source. It implements io.ByteReader so that flate reads
// exactly the bytes it needs (no bufio read-ahead): whatever is left in the chunk when the
// compressed stream ends is trailing data.
type feed struct{ st *inflateState }

// wait makes input available; false means there will be none.
func (f feed) wait() error {
	st := f.st
	for len(st.in) == 0 {
		if st.closing {
			return io.ErrUnexpectedEOF
		}
		if st.aborted || !st.yield(struct{}{}) {
			st.aborted = true
			return errAborted
		}
	}
	return nil
}

func (f feed) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if err := f.wait(); err != nil {
		return 0, err
	}
	n := copy(p, f.st.in)
	f.st.in = f.st.in[n:]
	return n, nil
}

func (f feed) ReadByte() (byte, error) {
	if err := f.wait(); err != nil {
		return 0, err
	}
	b := f.st.in[0]
	f.st.in = f.st.in[1:]
	return b, nil
}
