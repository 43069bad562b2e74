package kvstore_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/edgeruntime/edge/kvstore"
)

// memLog is a replicated log in memory: it numbers the changes committed through it. (The
// real one, on NATS JetStream, is tested with real processes in package replication.)
type memLog struct {
	mu      sync.Mutex
	changes []kvstore.Change
	fail    error
}

func (l *memLog) Commit(_ context.Context, _, key string, record []byte, _ int64) (uint64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail != nil {
		return 0, l.fail
	}
	l.changes = append(l.changes, kvstore.Change{Key: key, Record: record, Rev: uint64(len(l.changes) + 1)})
	return uint64(len(l.changes)), nil
}

func (l *memLog) from(rev uint64) []kvstore.Change {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]kvstore.Change(nil), l.changes[rev:]...)
}

func value(t *testing.T, s *kvstore.Store, key string) string {
	t.Helper()
	e, found, err := s.Get(context.Background(), "ns", key)
	if err != nil {
		t.Fatal(err)
	}
	if !found {
		return "<none>"
	}
	return string(e.Value)
}

func TestReplicatedWritesAndFeed(t *testing.T) {
	ctx := context.Background()
	log := &memLog{}
	writer := openStore(t, kvstore.Options{})
	writer.SetReplicator(log)
	replica := openStore(t, kvstore.Options{})

	// Read-your-writes on the writing store, before its feed has applied anything.
	if err := writer.Put(ctx, "ns", "a", []byte("1"), kvstore.PutOptions{Metadata: []byte(`{"m":1}`)}); err != nil {
		t.Fatal(err)
	}
	if got := value(t, writer, "a"); got != "1" {
		t.Fatalf("writer reads %q", got)
	}
	if err := writer.Put(ctx, "ns", "a", []byte("2"), kvstore.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := writer.Delete(ctx, "ns", "b"); err != nil {
		t.Fatal(err)
	}

	// Another node applies the log; metadata travels in the record.
	if _, err := replica.ApplyLog(ctx, "ns", log.from(0)[:1]); err != nil {
		t.Fatal(err)
	}
	e, _, _ := replica.Get(ctx, "ns", "a")
	if string(e.Value) != "1" || string(e.Metadata) != `{"m":1}` {
		t.Fatalf("replica has %q %s", e.Value, e.Metadata)
	}
	if _, err := replica.ApplyLog(ctx, "ns", log.from(0)); err != nil { // replays revision 1
		t.Fatal(err)
	}
	if got := value(t, replica, "a"); got != "2" {
		t.Fatalf("replica reads %q after the log", got)
	}
	if rev, _ := replica.AppliedRevision("ns"); rev != 3 {
		t.Fatalf("applied revision %d, want 3", rev)
	}

	// The writer's own feed catches up: revision 1 (older than its write at 2) must not take
	// the key back.
	if _, err := writer.ApplyLog(ctx, "ns", log.from(0)[:1]); err != nil {
		t.Fatal(err)
	}
	if got := value(t, writer, "a"); got != "2" {
		t.Fatalf("writer went back to %q", got)
	}
	if _, err := writer.ApplyLog(ctx, "ns", log.from(1)); err != nil {
		t.Fatal(err)
	}
	// A change from elsewhere after the writer's own is applied.
	if _, err := writer.ApplyLog(ctx, "ns", []kvstore.Change{{Key: "a", Rev: 4}}); err != nil {
		t.Fatal(err)
	}
	if got := value(t, writer, "a"); got != "<none>" {
		t.Fatalf("delete at revision 4 not applied: %q", got)
	}

	// Invalid changes are skipped and counted; the revision moves on.
	invalid, err := writer.ApplyLog(ctx, "ns", []kvstore.Change{{Key: "", Record: []byte{}, Rev: 5}, {Key: "k", Record: []byte("junk"), Rev: 6}})
	if err != nil || invalid != 2 {
		t.Fatalf("invalid changes: %d, %v", invalid, err)
	}
	if rev, _ := writer.AppliedRevision("ns"); rev != 6 {
		t.Fatalf("applied revision %d, want 6", rev)
	}

	// A write the log does not acknowledge is not applied.
	log.fail = &kvstore.Error{Op: "PUT", Status: 503, Message: "no quorum"}
	if err := writer.Put(ctx, "ns", "c", []byte("1"), kvstore.PutOptions{}); !errors.As(err, new(*kvstore.Error)) {
		t.Fatalf("failed commit: %v", err)
	}
	if got := value(t, writer, "c"); got != "<none>" {
		t.Fatalf("unacknowledged write applied: %q", got)
	}

	// Namespaces are configuration on a replicated store.
	for _, err := range []error{
		writer.CreateNamespace(ctx, "new", "title"),
		writer.SetNamespaceTitle(ctx, "ns", "title"),
		writer.DeleteNamespace(ctx, "ns"),
	} {
		if !errors.Is(err, kvstore.ErrReplicated) {
			t.Fatalf("namespace management: %v", err)
		}
	}
}

func TestAppliedRevisionSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kv.db")
	s := openAt(t, path, kvstore.Options{})
	if _, err := s.ApplyLog(ctx, "ns", []kvstore.Change{{Key: "a", Rev: 7}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, kvstore.Options{})
	if rev, err := s.AppliedRevision("ns"); err != nil || rev != 7 {
		t.Fatalf("applied revision after reopen: %d, %v", rev, err)
	}
}
