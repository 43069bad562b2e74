// Package kvstore is edge's key-value store: the local implementation of
// Cloudflare Workers KV namespaces, kept in a single bbolt file.
//
// # Who uses it
//
// The bindings package builds the JS KVNamespace object on top of it,
// package replication makes it a node's replica of a cluster (replica.go),
// cmd/edge uses it for "edge kv …" and for serving, and the Cloudflare v4
// REST API (server/admin.go) serves it over HTTP. kvstore imports nothing from
// this repository; it depends only on the standard library and
// go.etcd.io/bbolt. A Go program may embed it directly.
//
// # The contract
//
// The behaviour is that of Workers KV as Miniflare (wrangler dev) and workerd
// implement it, described in spec/kv-and-wrangler.md sections A (binding API,
// A.7 list, A.8 validation strings, A.10 expiry) and C (REST API), and in
// DESIGN.md "KV semantics":
//
//   - Keys are 1 to 512 UTF-8 bytes and not "." or ".."; they are compared
//     as bytes, case-sensitively. Values are 0 to 25 MiB; metadata is JSON
//     text of at most 1024 bytes.
//   - Put replaces value, expiration and metadata together; Delete of a
//     missing key succeeds.
//   - A key expires at a whole unix second (expirations are floored); it is
//     invisible to Get, View and List from that second on (expiration <= now,
//     the same rule for all three) and is deleted later by the sweeper.
//   - List returns keys in UTF-8 byte order, at most 1000 per page, with an
//     opaque cursor naming the last key returned.
//   - Failures a worker can see are *Error values whose Error() is the exact
//     message Workers KV throws, and whose Type says which JS class to throw.
//     The exported Validate* functions are the checks workerd's binding makes
//     before any I/O; Put, Get, View, Delete and List repeat them, so every
//     caller gets the same rules.
//   - Local KV is strongly consistent, as under Miniflare: a write is visible
//     to every later read. cacheTtl is validated and otherwise ignored.
//
// Deliberate differences from Workers KV are marked "Deviation:" in the
// source (grep for it).
//
// # Concurrency
//
// A *Store is safe for concurrent use by any number of goroutines. Reads run
// in parallel in bbolt read transactions and never wait for writers.
// Writes are serialised; writers that arrive while a commit is in progress
// are committed together in the next transaction (group commit, commit.go),
// so one fsync covers many writes. A successful Put, Delete or
// DeleteNamespace has been committed, and fsync'd unless Options.NoSync,
// before it returns. Contexts are checked when an operation starts; a write
// already queued for commit is not abandoned. View's callback runs inside a
// read transaction and must not call the Store.
//
// One Store owns its file: bbolt takes an exclusive file lock, and a second
// Open of the same file (from another process or this one) fails after one
// second with ErrLocked instead of waiting. Open starts one background
// goroutine, the sweeper; Close stops it, waits for operations in flight and
// closes the file. Methods called after Close return ErrClosed.
//
// # On-disk layout (stable; users script against it)
//
// The store is one bbolt file whose path the caller chooses (cmd/edge keeps
// it under the state directory, .edge/state by default). Its top-level
// buckets are:
//
//	"meta"       key "format" → "1": the layout version. Open refuses other versions.
//	"ns/<id>"    one per namespace; key name bytes → record
//	"exp/<id>"   the namespace's expiry index; key = expiration ‖ key name, value empty
//	"titles"     namespace id → title (UTF-8, 1 to 512 bytes, unique); absent until the first title
//	"applied"    namespace id → revision of its replicated log applied last (replica.go; only on a replica)
//	"ahead/<id>" key name → revision of a write this node applied before its replica feed (replica.go)
//
// <id> is the namespace id exactly as given (the id from wrangler config,
// or the binding name where wrangler would use it). Both buckets of a
// namespace appear on its first write and go together on DeleteNamespace;
// the namespace exists as long as they do, even when empty. A namespace may
// have a title (namespace.go: Cloudflare's human name for it, set by
// CreateNamespace or SetNamespaceTitle); DeleteNamespace removes it too.
//
// A record (format 1) is:
//
//	byte 0          version, 1
//	bytes 1..8      expiration: int64, big-endian, unix seconds; 0 = never
//	bytes 9..12     metadata length m: uint32, big-endian; 0 = no metadata
//	bytes 13..13+m  metadata: JSON text as the writer gave it
//	the rest        the value bytes
//
// An expiry index key is the expiration as a big-endian uint64 (8 bytes)
// followed by the key name, so a cursor walks the index in expiration
// order. Every record with a non-zero expiration has exactly one index
// entry; the sweeper deletes index entries up to now and, when the record
// still carries that expiration, the record. Keys are bucket keys, never
// file names. Values are stored inline (bbolt overflow pages for large
// ones), up to 25 MiB. Store.Check verifies all of the above.
//
// The file can be inspected with bbolt's own CLI
// (go.etcd.io/bbolt/cmd/bbolt): "bbolt buckets kv.db", "bbolt keys kv.db ns/ID",
// "bbolt get kv.db ns/ID KEY" (the first 13 bytes are the header above).
// Only read it while no edge process has it open.
//
// # Cursors
//
// A list cursor is the base64url encoding (no padding) of the last key of
// the page. The next page starts strictly after that key, so keys inserted
// behind it are skipped and keys inserted ahead appear; the limit may change
// from page to page. Like Miniflare, a cursor that is not one of ours is not
// rejected: it is decoded leniently (both base64 alphabets, junk characters
// ignored) into some start-after key, usually "" (the beginning).
package kvstore
