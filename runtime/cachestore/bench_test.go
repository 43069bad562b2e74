package cachestore_test

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime/cachestore"
)

func benchStores(b *testing.B, fn func(b *testing.B, c *cachestore.Cache)) {
	b.Run("memory", func(b *testing.B) { fn(b, cachestore.NewMemory(cachestore.Options{})) })
	b.Run("disk", func(b *testing.B) {
		c, err := cachestore.Open(b.TempDir(), cachestore.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		fn(b, c)
	})
}

// BenchmarkPut stores 16 KiB bodies under distinct keys (disk: fsync'd body file + committed
// index transaction per put).
func BenchmarkPut(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 16<<10)
	benchStores(b, func(b *testing.B, c *cachestore.Cache) {
		e := cachestore.Entry{Status: 200, Expires: time.Now().Add(time.Hour)}
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for i := 0; i < b.N; i++ {
			if err := c.Put(context.Background(), "ns", strconv.Itoa(i), e, bytes.NewReader(body)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGet looks up and reads a 16 KiB entry.
func BenchmarkGet(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 16<<10)
	benchStores(b, func(b *testing.B, c *cachestore.Cache) {
		e := cachestore.Entry{Status: 200, Expires: time.Now().Add(time.Hour)}
		if err := c.Put(context.Background(), "ns", "k", e, bytes.NewReader(body)); err != nil {
			b.Fatal(err)
		}
		buf := make([]byte, len(body))
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for i := 0; i < b.N; i++ {
			got, rd, found, err := c.Get("ns", "k")
			if err != nil || !found {
				b.Fatal(err, found)
			}
			if _, err := io.ReadFull(io.NewSectionReader(rd, 0, got.Size), buf); err != nil {
				b.Fatal(err)
			}
			rd.Close()
		}
	})
}
