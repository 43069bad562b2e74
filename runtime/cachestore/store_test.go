package cachestore_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime/cachestore"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// forms runs a test against the memory and the disk store.
func forms(t *testing.T, max int64, fn func(t *testing.T, c *cachestore.Cache, clk *clock)) {
	for _, form := range []string{"memory", "disk"} {
		t.Run(form, func(t *testing.T) {
			clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			opts := cachestore.Options{MaxBytes: max, Now: clk.now}
			c := cachestore.NewMemory(opts)
			if form == "disk" {
				var err error
				if c, err = cachestore.Open(t.TempDir(), opts); err != nil {
					t.Fatal(err)
				}
			}
			t.Cleanup(func() { c.Close() })
			fn(t, c, clk)
		})
	}
}

func put(t *testing.T, c *cachestore.Cache, key, body string, expires time.Time) {
	t.Helper()
	e := cachestore.Entry{Status: 200, Headers: [][2]string{{"x-key", key}}, Expires: expires}
	if err := c.Put(context.Background(), "ns", key, e, strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
}

// get returns the body, or "<miss>".
func get(t *testing.T, c *cachestore.Cache, key string) string {
	t.Helper()
	e, b, found, err := c.Get("ns", key)
	if err != nil {
		t.Fatal(err)
	}
	if !found {
		return "<miss>"
	}
	defer b.Close()
	data, err := io.ReadAll(io.NewSectionReader(b, 0, e.Size))
	if err != nil {
		t.Fatal(err)
	}
	if e.Headers[0][1] != key || e.Status != 200 {
		t.Fatalf("entry %+v for %s", e, key)
	}
	return string(data)
}

func TestPutGetDelete(t *testing.T) {
	forms(t, 0, func(t *testing.T, c *cachestore.Cache, clk *clock) {
		later := clk.now().Add(time.Hour)
		if got := get(t, c, "a"); got != "<miss>" {
			t.Fatalf("empty store: %q", got)
		}
		put(t, c, "a", "one", later)
		put(t, c, "b", "", later)
		if got := get(t, c, "a"); got != "one" {
			t.Fatalf("get a = %q", got)
		}
		if got := get(t, c, "b"); got != "" {
			t.Fatalf("empty body = %q", got)
		}
		put(t, c, "a", "two", later)
		if got := get(t, c, "a"); got != "two" {
			t.Fatalf("overwritten a = %q", got)
		}
		if _, _, found, _ := c.Get("other", "a"); found {
			t.Fatal("namespaces are separate")
		}
		if ok, _ := c.Delete("ns", "a"); !ok {
			t.Fatal("delete a = false")
		}
		if ok, _ := c.Delete("ns", "a"); ok {
			t.Fatal("second delete a = true")
		}
		if got := c.Used(); got != 0 {
			t.Fatalf("used = %d after deleting everything but an empty body", got)
		}
	})
}

func TestExpiry(t *testing.T) {
	forms(t, 0, func(t *testing.T, c *cachestore.Cache, clk *clock) {
		put(t, c, "short", "s", clk.now().Add(time.Second))
		put(t, c, "long", "l", clk.now().Add(time.Hour))
		clk.add(time.Second)
		if got := get(t, c, "short"); got != "<miss>" {
			t.Fatalf("expired entry = %q", got)
		}
		if ok, _ := c.Delete("ns", "short"); ok {
			t.Fatal("delete of an expired entry reports true")
		}
		if got := get(t, c, "long"); got != "l" {
			t.Fatalf("live entry = %q", got)
		}
	})
}

func TestEvictionLeastRecentlyUsed(t *testing.T) {
	forms(t, 10, func(t *testing.T, c *cachestore.Cache, clk *clock) {
		later := clk.now().Add(time.Hour)
		put(t, c, "a", "aaaa", later)
		clk.add(time.Second)
		put(t, c, "b", "bbbb", later)
		clk.add(time.Second)
		get(t, c, "a") // a is now more recent than b
		clk.add(time.Second)
		put(t, c, "c", "cccc", later) // 12 bytes > 10: b goes
		if got := get(t, c, "b"); got != "<miss>" {
			t.Fatalf("least recently used entry kept: %q", got)
		}
		if get(t, c, "a") != "aaaa" || get(t, c, "c") != "cccc" {
			t.Fatal("recent entries evicted")
		}
		if c.Used() > 10 {
			t.Fatalf("used %d over the cap", c.Used())
		}
		put(t, c, "huge", strings.Repeat("x", 11), later) // larger than the cap: dropped
		if got := get(t, c, "huge"); got != "<miss>" {
			t.Fatal("an entry larger than the cap was stored")
		}
		if get(t, c, "a") != "aaaa" {
			t.Fatal("an oversized put evicted entries")
		}
	})
}

func TestEvictionPrefersExpired(t *testing.T) {
	forms(t, 10, func(t *testing.T, c *cachestore.Cache, clk *clock) {
		put(t, c, "old", "oooo", clk.now().Add(time.Hour))
		clk.add(time.Second)
		put(t, c, "dies", "dddd", clk.now().Add(2*time.Second))
		clk.add(5 * time.Second)
		put(t, c, "new", "nnnn", clk.now().Add(time.Hour))
		if get(t, c, "old") != "oooo" || get(t, c, "new") != "nnnn" {
			t.Fatal("a live entry was evicted while an expired one could go")
		}
	})
}

func TestPersistence(t *testing.T) {
	dir := t.TempDir()
	clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	opts := cachestore.Options{Now: clk.now}
	c, err := cachestore.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	put(t, c, "kept", "body", clk.now().Add(time.Hour))
	put(t, c, "gone", "body", clk.now().Add(time.Minute))
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	// A crash between writing a body and committing the index leaves an orphan body file.
	orphan := filepath.Join(dir, "blobs", "b-orphan")
	if err := os.WriteFile(orphan, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	clk.add(2 * time.Minute)
	c, err = cachestore.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := get(t, c, "kept"); got != "body" {
		t.Fatalf("after reopen: %q", got)
	}
	if got := get(t, c, "gone"); got != "<miss>" {
		t.Fatalf("expired entry after reopen: %q", got)
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Fatalf("orphan body file not removed: %v", err)
	}
	files, _ := os.ReadDir(filepath.Join(dir, "blobs"))
	if len(files) != 1 {
		t.Fatalf("%d body files, want 1 (the live entry)", len(files))
	}
}

func TestLowerCapOnReopen(t *testing.T) {
	dir := t.TempDir()
	c, err := cachestore.Open(dir, cachestore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	put(t, c, "a", "aaaa", later)
	put(t, c, "b", "bbbb", later)
	c.Close()
	c, err = cachestore.Open(dir, cachestore.Options{MaxBytes: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Used() > 5 {
		t.Fatalf("used %d over the new cap", c.Used())
	}
}

// A body handed out by Get stays readable after its entry is replaced.
func TestBodyOutlivesReplacement(t *testing.T) {
	forms(t, 0, func(t *testing.T, c *cachestore.Cache, clk *clock) {
		later := clk.now().Add(time.Hour)
		put(t, c, "k", "first", later)
		e, b, _, _ := c.Get("ns", "k")
		defer b.Close()
		put(t, c, "k", "second", later)
		data, err := io.ReadAll(io.NewSectionReader(b, 0, e.Size))
		if err != nil || string(data) != "first" {
			t.Fatalf("old body = %q, %v", data, err)
		}
	})
}

func TestConcurrentPuts(t *testing.T) {
	forms(t, 1000, func(t *testing.T, c *cachestore.Cache, clk *clock) {
		later := clk.now().Add(time.Hour)
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for j := 0; j < 20; j++ {
					key := string(rune('a'+i)) + string(rune('a'+j))
					e := cachestore.Entry{Status: 200, Headers: [][2]string{{"x-key", key}}, Expires: later}
					if err := c.Put(context.Background(), "ns", key, e, strings.NewReader(strings.Repeat("x", 10))); err != nil {
						t.Error(err)
					}
					if _, b, ok, _ := c.Get("ns", key); ok {
						b.Close()
					}
				}
			}(i)
		}
		wg.Wait()
		if c.Used() > 1000 {
			t.Fatalf("used %d over the cap", c.Used())
		}
	})
}
