package cachestore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DefaultMaxBytes is the default cap on the bytes of bodies a store keeps.
const DefaultMaxBytes = 512 << 20

// Entry describes a stored response.
type Entry struct {
	Status  int
	Headers [][2]string // lower-case names, as stored; the body is encoded as they say
	Expires time.Time
	Size    int64 // body length in bytes
}

// Body is a stored body; the caller closes it. Reads may run after the entry was replaced or
// evicted: a body once returned stays readable.
type Body interface {
	io.ReaderAt
	io.Closer
}

// Store is what package runtime needs from a cache store. *Cache implements it; an embedder
// may supply its own.
type Store interface {
	// Put reads body to its end and stores it as the entry for (ns, key), replacing what was
	// there, before returning. A body larger than the store's cap is read and dropped.
	Put(ctx context.Context, ns, key string, e Entry, body io.Reader) error
	// Get returns the live entry for (ns, key) and its body, or found=false.
	Get(ns, key string) (e Entry, body Body, found bool, err error)
	// Delete removes the entry and reports whether a live one was there.
	Delete(ns, key string) (bool, error)
}

// Options tune a Cache.
type Options struct {
	MaxBytes int64            // cap on stored body bytes; 0 = DefaultMaxBytes
	Now      func() time.Time // clock for expiry and recency; nil = time.Now
}

// Cache is a bounded cache store, in memory or on disk.
type Cache struct {
	max int64
	now func() time.Time

	mu      sync.Mutex
	entries map[string]*item // by namespace + "\x00" + key
	used    int64            // sum of entry sizes
	swept   time.Time        // last sweep of expired entries

	db   *bolt.DB          // nil in memory
	dir  string            // blob directory; "" in memory
	mem  map[string][]byte // blobs in memory
	next uint64            // memory blob names
}

// item is an entry plus where its body is; the JSON form is the index record on disk.
type item struct {
	Entry
	Blob string    `json:"blob"`
	Used time.Time `json:"used"`
}

var bucketName = []byte("entries")

// sweepEvery bounds how often a Put scans for expired entries to reclaim their space.
const sweepEvery = time.Minute

// NewMemory returns a store that keeps everything in memory.
func NewMemory(opts Options) *Cache {
	c := newCache(opts)
	c.mem = map[string][]byte{}
	return c
}

// Open opens (creating it if needed) the store in dir: dir/cache.db and dir/blobs/. Expired
// entries and body files no entry refers to are removed.
func Open(dir string, opts Options) (*Cache, error) {
	blobs := filepath.Join(dir, "blobs")
	if err := os.MkdirAll(blobs, 0o755); err != nil {
		return nil, fmt.Errorf("cachestore: %w", err)
	}
	db, err := bolt.Open(filepath.Join(dir, "cache.db"), 0o644, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("cachestore: open %s: %w", dir, err)
	}
	c := newCache(opts)
	c.db, c.dir = db, blobs
	if err := c.load(); err != nil {
		db.Close()
		return nil, err
	}
	return c, nil
}

func newCache(opts Options) *Cache {
	c := &Cache{max: opts.MaxBytes, now: opts.Now, entries: map[string]*item{}}
	if c.max <= 0 {
		c.max = DefaultMaxBytes
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c
}

// load reads the index, drops expired entries and orphaned body files, and trims to the cap.
func (c *Cache) load() error {
	now := c.now()
	var drop []string
	err := c.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketName)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			var it item
			if json.Unmarshal(v, &it) != nil || !now.Before(it.Expires) {
				drop = append(drop, string(k))
				return nil
			}
			c.entries[string(k)] = &it
			c.used += it.Size
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("cachestore: load: %w", err)
	}
	referenced := map[string]bool{}
	for _, it := range c.entries {
		referenced[it.Blob] = true
	}
	if files, err := os.ReadDir(c.dir); err == nil {
		for _, f := range files {
			if !referenced[f.Name()] {
				os.Remove(filepath.Join(c.dir, f.Name()))
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	removed := c.evictLocked(0, now)
	for _, k := range drop {
		removed = append(removed, removal{key: k})
	}
	return c.commitLocked("", nil, removed)
}

// Close closes the index file (a memory store has nothing to close).
func (c *Cache) Close() error {
	if c.db == nil {
		return nil
	}
	return c.db.Close()
}

// Path is the store's directory, or "" in memory.
func (c *Cache) Path() string {
	if c.dir == "" {
		return ""
	}
	return filepath.Dir(c.dir)
}

// Used reports the bytes of bodies stored now.
func (c *Cache) Used() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

func fullKey(ns, key string) string { return ns + "\x00" + key }

// Put implements Store.
func (c *Cache) Put(ctx context.Context, ns, key string, e Entry, body io.Reader) error {
	blob, size, err := c.writeBlob(ctx, body)
	if err != nil {
		return err
	}
	if blob == "" { // larger than the whole cache
		return nil
	}
	e.Size = size
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	k := fullKey(ns, key)
	var removed []removal
	if old, ok := c.entries[k]; ok {
		removed = append(removed, removal{blob: old.Blob})
		c.used -= old.Size
		delete(c.entries, k)
	}
	if now.Sub(c.swept) >= sweepEvery {
		c.swept = now
		removed = append(removed, c.sweepLocked(now)...)
	}
	removed = append(removed, c.evictLocked(size, now)...)
	it := &item{Entry: e, Blob: blob, Used: now}
	c.entries[k] = it
	c.used += size
	if err := c.commitLocked(k, it, removed); err != nil {
		delete(c.entries, k)
		c.used -= size
		c.removeBlob(blob)
		return err
	}
	return nil
}

// removal is an entry taken out of the index: its key (to delete from the index file; "" when
// the key is being rewritten) and its body.
type removal struct{ key, blob string }

// sweepLocked drops every expired entry.
func (c *Cache) sweepLocked(now time.Time) []removal {
	var out []removal
	for k, it := range c.entries {
		if !now.Before(it.Expires) {
			out = append(out, c.dropLocked(k, it))
		}
	}
	return out
}

// evictLocked makes room for incoming more bytes: expired entries first, then the least
// recently used.
func (c *Cache) evictLocked(incoming int64, now time.Time) []removal {
	if c.used+incoming <= c.max {
		return nil
	}
	out := c.sweepLocked(now)
	for c.used+incoming > c.max && len(c.entries) > 0 {
		var oldestKey string
		var oldest *item
		for k, it := range c.entries {
			if oldest == nil || it.Used.Before(oldest.Used) {
				oldestKey, oldest = k, it
			}
		}
		out = append(out, c.dropLocked(oldestKey, oldest))
	}
	return out
}

func (c *Cache) dropLocked(k string, it *item) removal {
	delete(c.entries, k)
	c.used -= it.Size
	return removal{key: k, blob: it.Blob}
}

// commitLocked writes the index change (put k → it, delete removed keys) and then deletes the
// bodies that no entry refers to any more.
func (c *Cache) commitLocked(k string, it *item, removed []removal) error {
	if c.db != nil && (it != nil || len(removed) > 0) {
		err := c.db.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketName)
			for _, r := range removed {
				if r.key != "" {
					if err := b.Delete([]byte(r.key)); err != nil {
						return err
					}
				}
			}
			if it == nil {
				return nil
			}
			v, err := json.Marshal(it)
			if err != nil {
				return err
			}
			return b.Put([]byte(k), v)
		})
		if err != nil {
			return fmt.Errorf("cachestore: %w", err)
		}
	}
	for _, r := range removed {
		if r.blob != "" {
			c.removeBlob(r.blob)
		}
	}
	return nil
}

// Get implements Store.
func (c *Cache) Get(ns, key string) (Entry, Body, bool, error) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	k := fullKey(ns, key)
	it, ok := c.entries[k]
	if !ok {
		return Entry{}, nil, false, nil
	}
	if !now.Before(it.Expires) {
		return Entry{}, nil, false, c.commitLocked("", nil, []removal{c.dropLocked(k, it)})
	}
	body, err := c.openBlob(it.Blob)
	if err != nil {
		return Entry{}, nil, false, err
	}
	it.Used = now
	return it.Entry, body, true, nil
}

// Delete implements Store.
func (c *Cache) Delete(ns, key string) (bool, error) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	k := fullKey(ns, key)
	it, ok := c.entries[k]
	if !ok {
		return false, nil
	}
	live := now.Before(it.Expires)
	return live, c.commitLocked("", nil, []removal{c.dropLocked(k, it)})
}

// writeBlob streams body into a new blob. It returns blob "" when the body exceeds the cap.
func (c *Cache) writeBlob(ctx context.Context, body io.Reader) (blob string, size int64, err error) {
	limited := io.LimitReader(ctxReader{ctx, body}, c.max+1)
	if c.dir == "" {
		data, err := io.ReadAll(limited)
		if err != nil {
			return "", 0, err
		}
		if int64(len(data)) > c.max {
			_, err := io.Copy(io.Discard, body)
			return "", 0, err
		}
		c.mu.Lock()
		c.next++
		blob = fmt.Sprintf("m%d", c.next)
		c.mem[blob] = data
		c.mu.Unlock()
		return blob, int64(len(data)), nil
	}
	f, err := os.CreateTemp(c.dir, "b-*")
	if err != nil {
		return "", 0, fmt.Errorf("cachestore: %w", err)
	}
	size, err = io.Copy(f, limited)
	if err == nil && size > c.max {
		_, err = io.Copy(io.Discard, body)
		size = -1
	}
	if err == nil && size >= 0 {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || size < 0 {
		os.Remove(f.Name())
		return "", 0, err
	}
	return filepath.Base(f.Name()), size, nil
}

func (c *Cache) openBlob(blob string) (Body, error) {
	if c.dir == "" {
		return nopCloser{bytes.NewReader(c.mem[blob])}, nil
	}
	f, err := os.Open(filepath.Join(c.dir, blob))
	if err != nil {
		return nil, fmt.Errorf("cachestore: %w", err)
	}
	return f, nil
}

// removeBlob deletes a body; readers that have it open keep reading (memory: the slice;
// disk: the open file).
func (c *Cache) removeBlob(blob string) {
	if c.dir == "" {
		delete(c.mem, blob)
		return
	}
	_ = os.Remove(filepath.Join(c.dir, blob))
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// ctxReader stops reading once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}
