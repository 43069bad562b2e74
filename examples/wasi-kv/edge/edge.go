//go:build wasip1

// Package edge is the Go client of edge's "edge" host imports for standalone Wasm workers
// (GOOS=wasip1 GOARCH=wasm): the worker's KV namespaces, by binding name, and its vars. The
// ABI is documented in edge's wagi package; the request itself arrives WAGI-style (CGI
// environment, body on stdin, response on stdout).
package edge

import (
	"encoding/json"
	"errors"
	"time"
	"unsafe"
)

//go:wasmimport edge kv_get
func kvGet(bindingPtr unsafe.Pointer, bindingLen uint32, keyPtr unsafe.Pointer, keyLen uint32) int32

//go:wasmimport edge kv_put
func kvPut(bindingPtr unsafe.Pointer, bindingLen uint32, keyPtr unsafe.Pointer, keyLen uint32, valuePtr unsafe.Pointer, valueLen uint32, ttlSeconds int64) int32

//go:wasmimport edge kv_delete
func kvDelete(bindingPtr unsafe.Pointer, bindingLen uint32, keyPtr unsafe.Pointer, keyLen uint32) int32

//go:wasmimport edge kv_list
func kvList(bindingPtr unsafe.Pointer, bindingLen uint32, prefixPtr unsafe.Pointer, prefixLen uint32, cursorPtr unsafe.Pointer, cursorLen uint32, limit int32) int32

//go:wasmimport edge var_get
func varGet(namePtr unsafe.Pointer, nameLen uint32) int32

//go:wasmimport edge result_len
func resultLen() int32

//go:wasmimport edge result_read
func resultRead(ptr unsafe.Pointer)

const (
	notFound = -1
	failed   = -2
)

func str(s string) (unsafe.Pointer, uint32) {
	return unsafe.Pointer(unsafe.StringData(s)), uint32(len(s))
}

// result copies the host's result buffer (n bytes).
func result(n int32) []byte {
	b := make([]byte, n)
	if n > 0 {
		resultRead(unsafe.Pointer(&b[0]))
	}
	return b
}

// hostError reads the error message the host left for a failed call.
func hostError() error { return errors.New(string(result(resultLen()))) }

// Get returns the value of key in the KV namespace bound as binding.
func Get(binding, key string) (value []byte, found bool, err error) {
	bp, bl := str(binding)
	kp, kl := str(key)
	switch n := kvGet(bp, bl, kp, kl); {
	case n == notFound:
		return nil, false, nil
	case n == failed:
		return nil, false, hostError()
	default:
		return result(n), true, nil
	}
}

// Put stores value under key; ttl 0 means no expiry (Workers KV's minimum TTL is 60 s).
func Put(binding, key string, value []byte, ttl time.Duration) error {
	bp, bl := str(binding)
	kp, kl := str(key)
	var vp unsafe.Pointer
	if len(value) > 0 {
		vp = unsafe.Pointer(&value[0])
	}
	if kvPut(bp, bl, kp, kl, vp, uint32(len(value)), int64(ttl/time.Second)) == failed {
		return hostError()
	}
	return nil
}

// Delete removes key.
func Delete(binding, key string) error {
	bp, bl := str(binding)
	kp, kl := str(key)
	if kvDelete(bp, bl, kp, kl) == failed {
		return hostError()
	}
	return nil
}

// Key is one key of a List page.
type Key struct {
	Name       string          `json:"name"`
	Expiration int64           `json:"expiration,omitempty"`
	Metadata   json.RawMessage `json:"metadata,omitempty"`
}

// ListResult is one page of keys, as Workers KV's list() returns it.
type ListResult struct {
	Keys         []Key  `json:"keys"`
	ListComplete bool   `json:"list_complete"`
	Cursor       string `json:"cursor"`
}

// List returns up to limit keys (0 = 1000) starting with prefix, after cursor.
func List(binding, prefix, cursor string, limit int) (ListResult, error) {
	bp, bl := str(binding)
	pp, pl := str(prefix)
	cp, cl := str(cursor)
	n := kvList(bp, bl, pp, pl, cp, cl, int32(limit))
	if n == failed {
		return ListResult{}, hostError()
	}
	var res ListResult
	err := json.Unmarshal(result(n), &res)
	return res, err
}

// Var returns the worker's var (or secret) name.
func Var(name string) (string, bool) {
	np, nl := str(name)
	n := varGet(np, nl)
	if n == notFound {
		return "", false
	}
	return string(result(n)), true
}
