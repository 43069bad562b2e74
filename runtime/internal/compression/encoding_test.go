package compression_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/edgeruntime/edge/runtime/internal/compression"
)

func encode(t testing.TB, encoding string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := compression.NewEncoder(encoding, &buf)
	if err != nil {
		t.Fatal(err)
	}
	for len(data) > 0 { // several writes, as a streaming body would
		n := min(len(data), 1000)
		if _, err := w.Write(data[:n]); err != nil {
			t.Fatal(err)
		}
		data = data[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(encoding string, data []byte) ([]byte, error) {
	r, err := compression.NewDecoder(encoding, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func TestEncoderDecoderRoundTrip(t *testing.T) {
	data := []byte(strings.Repeat("Content-Encoding round trip. ", 2000))
	for _, enc := range []string{"gzip", "x-gzip", "deflate", "br", "identity", " GZIP ", "Br"} {
		t.Run(enc, func(t *testing.T) {
			encoded := encode(t, enc, data)
			if strings.TrimSpace(strings.ToLower(enc)) != "identity" && len(encoded) > len(data)/10 {
				t.Errorf("encoded to %d of %d bytes", len(encoded), len(data))
			}
			got, err := decode(enc, encoded)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("decoded %d bytes, %v", len(got), err)
			}
		})
	}
}

func TestDecoderFormats(t *testing.T) {
	data := []byte(strings.Repeat("abc123", 500))
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	_, _ = fw.Write(data)
	_ = fw.Close()
	twoMembers := append(encode(t, "gzip", data[:1000]), encode(t, "gzip", data[1000:])...)
	for _, tc := range []struct {
		name, encoding string
		body           []byte
		want           []byte
	}{
		{"deflate with a zlib header", "deflate", encode(t, "deflate", data), data},
		{"raw deflate fallback", "deflate", raw.Bytes(), data},
		{"concatenated gzip members", "gzip", twoMembers, data},
		{"empty gzip body", "gzip", nil, nil},
		{"empty deflate body", "deflate", nil, nil},
		{"identity", "identity", []byte("as is"), []byte("as is")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decode(tc.encoding, tc.body)
			if err != nil || !bytes.Equal(got, tc.want) {
				t.Fatalf("got %d bytes, %v; want %d", len(got), err, len(tc.want))
			}
		})
	}
}

func TestDecoderErrors(t *testing.T) {
	gz := encode(t, "gzip", []byte(strings.Repeat("x", 5000)))
	for _, tc := range []struct {
		name, encoding string
		body           []byte
		is             error
		prefix         string
	}{
		{"bad gzip header", "gzip", []byte("not gzip at all"), gzip.ErrHeader, "compression: gzip: "},
		{"truncated gzip", "gzip", gz[:len(gz)-4], io.ErrUnexpectedEOF, "compression: gzip: "},
		{"bad gzip checksum", "gzip", append(bytes.Clone(gz[:len(gz)-8]), 1, 2, 3, 4, 0, 0, 0, 0), gzip.ErrChecksum, "compression: gzip: "},
		{"one-byte deflate", "deflate", []byte{0x78}, io.ErrUnexpectedEOF, "compression: deflate: "},
		{"bad brotli", "br", []byte{0xff, 0xff, 0xff, 0xff}, nil, "compression: br: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decode(tc.encoding, tc.body)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			if !strings.HasPrefix(err.Error(), tc.prefix) {
				t.Errorf("error %q lacks prefix %q", err, tc.prefix)
			}
		})
	}
}

func TestUnsupportedEncodings(t *testing.T) {
	for _, enc := range []string{"compress", "zstd", "gzip, br", "", "deflate-raw"} {
		if _, err := compression.NewDecoder(enc, strings.NewReader("")); !errors.Is(err, compression.ErrUnsupportedEncoding) {
			t.Errorf("NewDecoder(%q): %v", enc, err)
		}
		if _, err := compression.NewEncoder(enc, io.Discard); !errors.Is(err, compression.ErrUnsupportedEncoding) {
			t.Errorf("NewEncoder(%q): %v", enc, err)
		}
	}
}

// failReader fails the test if it is read.
type failReader struct{ t *testing.T }

func (f failReader) Read([]byte) (int, error) {
	f.t.Error("the body was read before the first Read of the decoder")
	return 0, io.EOF
}

func TestDecoderIsLazyAndDoesNotCloseSource(t *testing.T) {
	for _, enc := range []string{"gzip", "deflate", "br"} {
		r, err := compression.NewDecoder(enc, failReader{t})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Read(make([]byte, 1)); err == nil {
			t.Errorf("%s: Read after Close succeeded", enc)
		}
	}
	src := &closeTracker{Reader: bytes.NewReader(encode(t, "gzip", []byte("hi")))}
	r, _ := compression.NewDecoder("gzip", src)
	if b, err := io.ReadAll(r); err != nil || string(b) != "hi" {
		t.Fatalf("%q %v", b, err)
	}
	_ = r.Close()
	if src.closed {
		t.Error("Close closed the source")
	}
}

type closeTracker struct {
	io.Reader
	closed bool
}

func (c *closeTracker) Close() error { c.closed = true; return nil }

func FuzzNewDecoder(f *testing.F) {
	f.Add(uint8(0), []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(uint8(1), []byte{0x78, 0x9c, 3, 0, 0, 0, 0, 1})
	f.Add(uint8(1), []byte{3, 0})
	f.Add(uint8(2), []byte{0x3b})
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		enc := []string{"gzip", "deflate", "br"}[int(which)%3]
		r, err := compression.NewDecoder(enc, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		// Bound the output: a tiny body may legitimately inflate a lot.
		_, err = io.Copy(io.Discard, io.LimitReader(r, 1<<20))
		if err != nil && !strings.HasPrefix(err.Error(), "compression: "+enc+": ") {
			t.Fatalf("unwrapped error %v", err)
		}
	})
}
