package replication_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/replication"
)

func TestNames(t *testing.T) {
	for _, id := range []string{"cluster-test", "MY_KV", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "a.b c/ü", "_5F"} {
		b := replication.BucketName(id)
		if strings.Trim(b, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			t.Errorf("bucket %q of %q is not a valid bucket name", b, id)
		}
		if got, ok := replication.NamespaceOf(b); !ok || got != id {
			t.Errorf("NamespaceOf(%q) = %q, %v; want %q", b, got, ok, id)
		}
	}
	if _, ok := replication.NamespaceOf("orders"); ok {
		t.Error("a bucket without the edge- prefix is not a namespace")
	}
	for _, key := range []string{"a", "a.b", "*", ">", "_kv", "ü x", strings.Repeat("🙂", 128)} {
		enc := replication.EncodeKey(key)
		if strings.ContainsAny(enc, ".*> ") || strings.HasPrefix(enc, "_") {
			t.Errorf("key %q encodes to %q, not one plain subject token", key, enc)
		}
		if got, err := replication.DecodeKey(enc); err != nil || got != key {
			t.Errorf("DecodeKey(%q) = %q, %v", enc, got, err)
		}
	}
}

// TestExpiryFromTheLog runs one node on a standalone embedded JetStream (no ports besides a
// loopback client listener) and checks that a key's per-message TTL removes it from the
// replica: the store's clock is an hour behind, so the key looks alive locally while the
// server has already expired it.
func TestExpiryFromTheLog(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an embedded NATS server (-short)")
	}
	dir := t.TempDir()
	skew := time.Hour - 2*time.Minute
	store, err := kvstore.Open(filepath.Join(dir, "kv.db"), kvstore.Options{NoSync: true, Now: func() time.Time { return time.Now().Add(-skew) }})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	node, err := replication.Start(store, replication.Config{Node: "solo", Dir: dir}, []string{"ns"})
	if err != nil {
		t.Fatal(err)
	}
	defer node.Close()
	ctx := context.Background()
	ttl := float64(kvstore.MinExpirationTTL)
	deadline := time.Now().Add(30 * time.Second)
	for { // the first writes wait for JetStream to create the bucket
		err = store.Put(ctx, "ns", "k", []byte("v"), kvstore.PutOptions{ExpirationTTL: &ttl})
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, found, _ := store.Get(ctx, "ns", "k"); !found {
		t.Fatal("the key is not readable right after its write")
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, found, _ := store.Get(ctx, "ns", "k"); !found {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server's TTL did not remove the key from the replica")
		}
	}
	if err := store.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
