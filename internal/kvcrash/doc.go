// Package kvcrash holds the KV durability crash test (crash_test.go): a real `edge serve` child
// process takes acknowledged KV writes from concurrent HTTP clients, is killed with SIGKILL
// mid-stream at a random moment, and every write it acknowledged must be there afterwards —
// read back through kvstore directly and through a restarted `edge serve` — with
// kvstore.Store.Check (bbolt's page check plus the store's own invariants) passing.
//
// The test builds cmd/edge through internal/e2e. e2e only stops a node with SIGTERM, so the
// killable child is started here. The package has no code outside its tests; it may import
// anything.
package kvcrash
