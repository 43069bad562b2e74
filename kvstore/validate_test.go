package kvstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/edgeruntime/edge/kvstore"
)

// wantErr checks that err is an *Error with exactly the given message,
// JS class and (for plain errors) status.
func wantErr(t *testing.T, err error, typ kvstore.ErrorType, status int, msg string) {
	t.Helper()
	var kvErr *kvstore.Error
	if !errors.As(err, &kvErr) {
		t.Fatalf("got %v (%T), want *kvstore.Error %q", err, err, msg)
	}
	if got := err.Error(); got != msg {
		t.Errorf("message\n got: %s\nwant: %s", got, msg)
	}
	if kvErr.Type != typ || kvErr.Status != status {
		t.Errorf("got %v status %d, want %v status %d", kvErr.Type, kvErr.Status, typ, status)
	}
}

func TestValidateKey(t *testing.T) {
	tests := []struct {
		name, op, key string
		typ           kvstore.ErrorType
		status        int
		msg           string // "" = valid
	}{
		{"empty", "GET", "", kvstore.TypeError, 0, "Key name cannot be empty."},
		{"dot", "PUT", ".", kvstore.TypeError, 0, `"." is not allowed as a key name.`},
		{"dotdot", "DELETE", "..", kvstore.TypeError, 0, `".." is not allowed as a key name.`},
		{"513 bytes get", "GET", strings.Repeat("x", 513), kvstore.PlainError, 414,
			"KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{"513 bytes put", "PUT", strings.Repeat("x", 513), kvstore.PlainError, 414,
			"KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{"513 bytes delete", "DELETE", strings.Repeat("x", 513), kvstore.PlainError, 414,
			"KV DELETE failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{"counts UTF-8 bytes not runes", "GET", strings.Repeat("😀", 129), kvstore.PlainError, 414,
			"KV GET failed: 414 UTF-8 encoded length of 516 exceeds key length limit of 512."},
		{"512 bytes", "GET", strings.Repeat("x", 512), 0, 0, ""},
		{"256 two-byte runes", "PUT", strings.Repeat("é", 256), 0, 0, ""},
		{"three dots", "GET", "...", 0, 0, ""},
		{"dot prefix", "GET", "./a", 0, 0, ""},
		{"space", "GET", " ", 0, 0, ""},
		{"slashes", "GET", "/../", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := kvstore.ValidateKey(tt.op, tt.key)
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("ValidateKey: %v", err)
				}
				return
			}
			wantErr(t, err, tt.typ, tt.status, tt.msg)
		})
	}
}

func TestValidateGetAndList(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		msg    string // "" = valid
	}{
		{"limit 1001", kvstore.ValidateListLimit(1001), 400,
			"KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000."},
		{"limit 1000", kvstore.ValidateListLimit(1000), 0, ""},
		{"limit 1", kvstore.ValidateListLimit(1), 0, ""},
		{"limit 0 means default", kvstore.ValidateListLimit(0), 0, ""},
		{"limit -1 means default", kvstore.ValidateListLimit(-1), 0, ""},
		{"limit NaN means default", kvstore.ValidateListLimit(math.NaN()), 0, ""},
		{"cacheTtl 20", kvstore.ValidateCacheTTL(20), 400,
			"KV GET failed: 400 Invalid cache_ttl of 20. Cache TTL must be at least 30."},
		{"cacheTtl NaN", kvstore.ValidateCacheTTL(math.NaN()), 400,
			"KV GET failed: 400 Invalid cache_ttl of NaN. Cache TTL must be at least 30."},
		{"cacheTtl 29.5", kvstore.ValidateCacheTTL(29.5), 400,
			"KV GET failed: 400 Invalid cache_ttl of 29.5. Cache TTL must be at least 30."},
		{"cacheTtl -1", kvstore.ValidateCacheTTL(-1), 400,
			"KV GET failed: 400 Invalid cache_ttl of -1. Cache TTL must be at least 30."},
		{"cacheTtl 30", kvstore.ValidateCacheTTL(30), 0, ""},
		{"cacheTtl 60", kvstore.ValidateCacheTTL(60), 0, ""},
		{"prefix 513 bytes", kvstore.ValidateListPrefix(strings.Repeat("p", 513)), 414,
			"KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{"prefix 512 bytes", kvstore.ValidateListPrefix(strings.Repeat("p", 512)), 0, ""},
		{"bulk bad type", kvstore.ValidateBulkGet(1, "arrayBuffer"), 400,
			`KV GET_BULK failed: 400 "arrayBuffer" is not a valid type. Use "json" or "text"`},
		{"bulk 101 keys", kvstore.ValidateBulkGet(101, "text"), 400,
			"KV GET_BULK failed: 400 You can request a maximum of 100 keys"},
		{"bulk 0 keys", kvstore.ValidateBulkGet(0, ""), 400,
			"KV GET_BULK failed: 400 You must request a minimum of 1 key"},
		{"bulk 100 json", kvstore.ValidateBulkGet(100, "json"), 0, ""},
		{"bulk non-json", kvstore.BulkNotJSONError(), 400,
			"KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value"},
		{"bulk too large", kvstore.BulkTooLargeError(), 413,
			"KV GET_BULK failed: 413 Total size of request exceeds the limit of 25MB"},
		{"bulk cacheTtl", kvstore.ValidateCacheTTL(1).(*kvstore.Error).WithOp("GET_BULK"), 400,
			"KV GET_BULK failed: 400 Invalid cache_ttl of 1. Cache TTL must be at least 30."},
		{"value too large", kvstore.ValueTooLargeError(26214401), 413,
			"KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.msg == "" {
				if tt.err != nil {
					t.Fatalf("got %v, want nil", tt.err)
				}
				return
			}
			wantErr(t, tt.err, kvstore.PlainError, tt.status, tt.msg)
		})
	}
}

// TestPutValidation drives every put check through Store.Put, so the CLI and
// REST API get exactly what the binding gets.
func TestPutValidation(t *testing.T) {
	s := openStore(t, kvstore.Options{Now: newClock(t0).Now})
	ctx := context.Background()
	meta := func(n int) json.RawMessage { // a JSON string of n bytes in total
		return json.RawMessage(`"` + strings.Repeat("m", n-2) + `"`)
	}
	tests := []struct {
		name   string
		key    *string // nil = the case name
		value  []byte
		opts   kvstore.PutOptions
		typ    kvstore.ErrorType
		status int
		msg    string // "" = valid
		exp    int64  // stored expiration when valid
	}{
		{name: "empty key", key: str(""), typ: kvstore.TypeError,
			msg: "Key name cannot be empty."},
		{name: "dot key", key: str("."), typ: kvstore.TypeError,
			msg: `"." is not allowed as a key name.`},
		{name: "long key", key: str(strings.Repeat("k", 513)), status: 414,
			msg: "KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},

		{name: "ttl NaN", opts: kvstore.PutOptions{ExpirationTTL: f64(math.NaN())}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of NaN. Please specify integer greater than 0."},
		{name: "ttl 0", opts: kvstore.PutOptions{ExpirationTTL: f64(0)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0."},
		{name: "ttl negative", opts: kvstore.PutOptions{ExpirationTTL: f64(-5)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of -5. Please specify integer greater than 0."},
		{name: "ttl 0.5 floors to 0", opts: kvstore.PutOptions{ExpirationTTL: f64(0.5)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of 0.5. Please specify integer greater than 0."},
		{name: "ttl Infinity", opts: kvstore.PutOptions{ExpirationTTL: f64(math.Inf(1))}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of Infinity. Please specify integer greater than 0."},
		{name: "ttl 30", opts: kvstore.PutOptions{ExpirationTTL: f64(30)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60."},
		{name: "ttl 59.9", opts: kvstore.PutOptions{ExpirationTTL: f64(59.9)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of 59.9. Expiration TTL must be at least 60."},
		{name: "ttl 60", opts: kvstore.PutOptions{ExpirationTTL: f64(60)}, exp: t0 + 60},
		{name: "ttl 60.9 floors", opts: kvstore.PutOptions{ExpirationTTL: f64(60.9)}, exp: t0 + 60},

		{name: "expiration NaN", opts: kvstore.PutOptions{Expiration: f64(math.NaN())}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration of NaN. Please specify integer greater than the current number of seconds since the UNIX epoch."},
		{name: "expiration 0", opts: kvstore.PutOptions{Expiration: f64(0)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration of 0. Please specify integer greater than the current number of seconds since the UNIX epoch."},
		{name: "expiration now", opts: kvstore.PutOptions{Expiration: f64(t0)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration of 1700000000. Please specify integer greater than the current number of seconds since the UNIX epoch."},
		{name: "expiration now+0.5 floors to now", opts: kvstore.PutOptions{Expiration: f64(t0 + 0.5)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration of 1700000000.5. Please specify integer greater than the current number of seconds since the UNIX epoch."},
		{name: "expiration Infinity", opts: kvstore.PutOptions{Expiration: f64(math.Inf(1))}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration of Infinity. Please specify integer greater than the current number of seconds since the UNIX epoch."},
		{name: "expiration now+30", opts: kvstore.PutOptions{Expiration: f64(t0 + 30)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration of 1700000030. Expiration times must be at least 60 seconds in the future."},
		{name: "expiration now+59.5", opts: kvstore.PutOptions{Expiration: f64(t0 + 59.5)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration of 1700000059.5. Expiration times must be at least 60 seconds in the future."},
		{name: "expiration now+60", opts: kvstore.PutOptions{Expiration: f64(t0 + 60)}, exp: t0 + 60},
		{name: "expiration fractional floors", opts: kvstore.PutOptions{Expiration: f64(t0 + 90.75)}, exp: t0 + 90},
		{name: "ttl wins over expiration", opts: kvstore.PutOptions{Expiration: f64(5), ExpirationTTL: f64(120)}, exp: t0 + 120},
		{name: "bad ttl wins over good expiration", opts: kvstore.PutOptions{Expiration: f64(t0 + 600), ExpirationTTL: f64(10)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of 10. Expiration TTL must be at least 60."},

		{name: "metadata 1025 bytes", opts: kvstore.PutOptions{Metadata: meta(1025)}, status: 413,
			msg: "KV PUT failed: 413 Metadata length of 1025 exceeds limit of 1024."},
		{name: "metadata 1024 bytes", opts: kvstore.PutOptions{Metadata: meta(1024)}},
		{name: "metadata not JSON", opts: kvstore.PutOptions{Metadata: json.RawMessage(`{`)}, status: 400,
			msg: "KV PUT failed: 400 Metadata is not valid JSON."},
		{name: "expiration checked before metadata", opts: kvstore.PutOptions{ExpirationTTL: f64(1), Metadata: meta(2000)}, status: 400,
			msg: "KV PUT failed: 400 Invalid expiration_ttl of 1. Expiration TTL must be at least 60."},

		{name: "value 25 MiB + 1", value: make([]byte, kvstore.MaxValueBytes+1), status: 413,
			msg: "KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400."},
		{name: "metadata checked before value", value: make([]byte, kvstore.MaxValueBytes+1), opts: kvstore.PutOptions{Metadata: meta(1025)}, status: 413,
			msg: "KV PUT failed: 413 Metadata length of 1025 exceeds limit of 1024."},
		{name: "empty value", value: []byte{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := tt.name
			if tt.key != nil {
				key = *tt.key
			}
			err := s.Put(ctx, "ns", key, tt.value, tt.opts)
			if tt.msg != "" {
				wantErr(t, err, tt.typ, tt.status, tt.msg)
				if _, found := mustGetIfValid(t, s, key); found {
					t.Errorf("rejected put stored %q", key)
				}
				return
			}
			if err != nil {
				t.Fatalf("Put: %v", err)
			}
			e, found := mustGet(t, s, "ns", key)
			if !found || e.Expiration != tt.exp {
				t.Fatalf("got found=%v expiration=%d, want expiration %d", found, e.Expiration, tt.exp)
			}
		})
	}
}

func str(s string) *string { return &s }

func mustGetIfValid(t *testing.T, s *kvstore.Store, key string) (kvstore.Entry, bool) {
	if kvstore.ValidateKey("GET", key) != nil {
		return kvstore.Entry{}, false
	}
	return mustGet(t, s, "ns", key)
}

func TestErrorClassAndOps(t *testing.T) {
	err := kvstore.ValidateKey("PUT", strings.Repeat("k", 600)).(*kvstore.Error)
	if err.Op != "PUT" || err.Status != 414 || err.Type != kvstore.PlainError ||
		err.Message != "UTF-8 encoded length of 600 exceeds key length limit of 512." {
		t.Errorf("got %+v", *err)
	}
	if got := err.WithOp("GET_BULK").Error(); got != "KV GET_BULK failed: 414 UTF-8 encoded length of 600 exceeds key length limit of 512." {
		t.Errorf("WithOp: %s", got)
	}
	if err.Op != "PUT" {
		t.Error("WithOp modified the original")
	}
	if kvstore.TypeError.String() != "TypeError" || kvstore.PlainError.String() != "Error" {
		t.Error("ErrorType.String")
	}
	// Store methods validate keys with their own op name.
	s := openStore(t, kvstore.Options{})
	ctx := context.Background()
	long := strings.Repeat("k", 513)
	_, _, gerr := s.Get(ctx, "ns", long)
	derr := s.Delete(ctx, "ns", long)
	_, lerr := s.List(ctx, "ns", kvstore.ListOptions{Prefix: long})
	_, llerr := s.List(ctx, "ns", kvstore.ListOptions{Limit: 1001})
	for _, c := range []struct {
		err error
		msg string
	}{
		{gerr, "KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{derr, "KV DELETE failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{lerr, "KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{llerr, "KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000."},
	} {
		if c.err == nil || c.err.Error() != c.msg {
			t.Errorf("got %v, want %s", c.err, c.msg)
		}
	}
}

func TestFormatJSNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1, "1"},
		{-1, "-1"},
		{1.5, "1.5"},
		{-0.5, "-0.5"},
		{0.1, "0.1"},
		{0.30000000000000004, "0.30000000000000004"},
		{123.456, "123.456"},
		{1700000000, "1700000000"},
		{1700000059.5, "1700000059.5"},
		{1e20, "100000000000000000000"},
		{123456789012345680000, "123456789012345680000"},
		{1e21, "1e+21"},
		{1.5e21, "1.5e+21"},
		{0.000001, "0.000001"},
		{0.0000015, "0.0000015"},
		{1e-7, "1e-7"},
		{1.5e-7, "1.5e-7"},
		{5e-324, "5e-324"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{9007199254740991, "9007199254740991"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := kvstore.FormatJSNumber(tt.in); got != tt.want {
				t.Errorf("FormatJSNumber(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
