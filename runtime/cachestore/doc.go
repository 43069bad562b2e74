// Package cachestore stores the entries of the Workers Cache API (caches.default,
// caches.open(name)) for package runtime: a bounded store of HTTP responses keyed by namespace
// and URL, with a time to live per entry and eviction of the least recently used entries when
// a size cap is reached.
//
// Two forms share one implementation: Open keeps the index in a bbolt file (cache.db) and the
// bodies in files beside it (blobs/), so entries survive a restart; NewMemory keeps everything
// in memory (an embedder without a state directory). The HTTP rules — what may be stored, for
// how long, Range and conditional answers — are not here but in runtime/internal/httpcache;
// this package only keeps what it is given until it expires or is evicted.
//
// Durability: Put returns after the body file is fsync'd and the index transaction committed.
// A crash between the two leaves an unreferenced body file, removed at the next Open.
//
// Recency: the time of last use is kept in memory; the index on disk records the time of the
// write, so after a restart eviction order falls back to write order.
//
// It imports nothing of ours (bbolt only). All methods are safe for concurrent use.
package cachestore
