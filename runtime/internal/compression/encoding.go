package compression

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"strings"

	"github.com/andybalholm/brotli"
)

// NewDecoder returns a reader of the decoded form of r, which is encoded with the HTTP
// Content-Encoding token encoding (case-insensitive, surrounding spaces ignored):
//
//   - "gzip" (and its alias "x-gzip"): RFC 1952; concatenated members are read as one body, as
//     Go's HTTP client and browsers do.
//   - "deflate": RFC 1950 zlib-wrapped deflate, with a fallback to raw RFC 1951 deflate when
//     the body does not start with a valid zlib header (some servers send raw deflate, and
//     browsers accept it).
//   - "br": Brotli (RFC 7932).
//   - "identity": r unchanged.
//
// Any other token is an error wrapping ErrUnsupportedEncoding; a list such as "gzip, br" must be
// split by the caller and decoders stacked in reverse order.
//
// Nothing is read from r until the first Read (so the caller need not wait for body bytes to
// set up the decoder). Decoding errors are returned by Read, wrapped with the encoding's name;
// io.EOF is returned unwrapped at the end. Close releases the decoder; it does not close r.
func NewDecoder(encoding string, r io.Reader) (io.ReadCloser, error) {
	switch enc := normalizeEncoding(encoding); enc {
	case "gzip", "x-gzip":
		return &decoder{name: "gzip", open: func() (io.Reader, error) {
			return gzip.NewReader(r)
		}}, nil
	case "deflate":
		return &decoder{name: "deflate", open: func() (io.Reader, error) {
			return openDeflate(r)
		}}, nil
	case "br":
		return &decoder{name: "br", open: func() (io.Reader, error) {
			return brotli.NewReader(r), nil
		}}, nil
	case "identity":
		return io.NopCloser(r), nil
	default:
		return nil, fmt.Errorf("compression: decoding %q: %w", encoding, ErrUnsupportedEncoding)
	}
}

// NewEncoder returns a writer that encodes what is written to it with the HTTP
// Content-Encoding token encoding ("gzip", "deflate" as zlib-wrapped deflate, "br", or
// "identity") and writes the result to w. Close flushes the encoding's trailer; it does not
// close w. Other tokens are an error wrapping ErrUnsupportedEncoding.
func NewEncoder(encoding string, w io.Writer) (io.WriteCloser, error) {
	switch normalizeEncoding(encoding) {
	case "gzip", "x-gzip":
		return gzip.NewWriter(w), nil
	case "deflate":
		return zlib.NewWriter(w), nil
	case "br":
		return brotli.NewWriterLevel(w, brotli.DefaultCompression), nil
	case "identity":
		return nopWriteCloser{w}, nil
	default:
		return nil, fmt.Errorf("compression: encoding %q: %w", encoding, ErrUnsupportedEncoding)
	}
}

func normalizeEncoding(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// openDeflate sniffs for a zlib header (RFC 1950 §2.2: CM 8, CINFO ≤ 7, FCHECK making the first
// two bytes a multiple of 31) and falls back to raw deflate.
func openDeflate(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if len(head) < 2 {
		if err == io.EOF && len(head) == 1 {
			err = io.ErrUnexpectedEOF
		}
		return nil, err // io.EOF for an empty body: it decodes to nothing, as with gzip
	}
	if isZlibHeader(head[0], head[1]) {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

func isZlibHeader(cmf, flg byte) bool {
	return cmf&0x0f == 8 && cmf>>4 <= 7 && (uint16(cmf)<<8|uint16(flg))%31 == 0
}

// decoder opens its reader on the first Read and wraps errors with the encoding's name.
type decoder struct {
	name string
	open func() (io.Reader, error)
	r    io.Reader
	err  error
}

func (d *decoder) Read(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	if d.r == nil {
		r, err := d.open()
		if err != nil {
			d.err = d.wrap(err)
			return 0, d.err
		}
		d.r, d.open = r, nil
	}
	n, err := d.r.Read(p)
	if err != nil {
		d.err = d.wrap(err)
	}
	return n, d.err
}

func (d *decoder) wrap(err error) error {
	if err == io.EOF {
		return err
	}
	return fmt.Errorf("compression: %s: %w", d.name, err)
}

func (d *decoder) Close() error {
	if c, ok := d.r.(io.Closer); ok {
		_ = c.Close() // gzip/zlib/flate readers only release state; their errors repeat Read's
	}
	d.r, d.open = nil, nil
	if d.err == nil {
		d.err = fmt.Errorf("compression: %s: read after close", d.name)
	}
	return nil
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
