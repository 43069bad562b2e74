package kvstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
)

func TestPutGetViewDelete(t *testing.T) {
	s := openStore(t, kvstore.Options{Now: newClock(t0).Now})
	ctx := context.Background()

	t.Run("missing", func(t *testing.T) {
		if _, found := mustGet(t, s, "ns", "nope"); found {
			t.Fatal("found a key never written")
		}
		if _, found := mustGet(t, s, "no-such-namespace", "k"); found {
			t.Fatal("found a key in a namespace never written")
		}
	})
	t.Run("put then get", func(t *testing.T) {
		mustPut(t, s, "ns", "k", "v1", kvstore.PutOptions{Metadata: json.RawMessage(`{"a":1}`)})
		e, found := mustGet(t, s, "ns", "k")
		if !found || string(e.Value) != "v1" || string(e.Metadata) != `{"a":1}` || e.Expiration != 0 {
			t.Fatalf("got %+v found=%v", e, found)
		}
	})
	t.Run("get returns copies", func(t *testing.T) {
		e, _ := mustGet(t, s, "ns", "k")
		e.Value[0], e.Metadata[0] = 'X', 'X'
		if e2, _ := mustGet(t, s, "ns", "k"); string(e2.Value) != "v1" || string(e2.Metadata) != `{"a":1}` {
			t.Fatalf("stored entry changed through a returned slice: %+v", e2)
		}
	})
	t.Run("view", func(t *testing.T) {
		var got string
		found, err := s.View(ctx, "ns", "k", func(value []byte, expiration int64, metadata json.RawMessage) error {
			got = string(value) + "|" + string(metadata)
			return nil
		})
		if err != nil || !found || got != `v1|{"a":1}` {
			t.Fatalf("View: found=%v err=%v got %q", found, err, got)
		}
		sentinel := errors.New("from fn")
		found, err = s.View(ctx, "ns", "k", func([]byte, int64, json.RawMessage) error { return sentinel })
		if !found || err != sentinel {
			t.Fatalf("View with failing fn: found=%v err=%v", found, err)
		}
		called := false
		found, err = s.View(ctx, "ns", "missing", func([]byte, int64, json.RawMessage) error { called = true; return nil })
		if found || err != nil || called {
			t.Fatalf("View of missing key: found=%v err=%v called=%v", found, err, called)
		}
	})
	t.Run("overwrite replaces value, expiration and metadata", func(t *testing.T) {
		mustPut(t, s, "ns", "o", "old", kvstore.PutOptions{ExpirationTTL: f64(300), Metadata: json.RawMessage(`"m"`)})
		mustPut(t, s, "ns", "o", "new", kvstore.PutOptions{})
		e, found := mustGet(t, s, "ns", "o")
		if !found || string(e.Value) != "new" || e.Metadata != nil || e.Expiration != 0 {
			t.Fatalf("got %+v", e)
		}
		res := mustList(t, s, "ns", kvstore.ListOptions{Prefix: "o"})
		if len(res.Keys) != 1 || res.Keys[0].Metadata != nil || res.Keys[0].Expiration != 0 {
			t.Fatalf("list after overwrite: %+v", res.Keys)
		}
	})
	t.Run("metadata null is none", func(t *testing.T) {
		mustPut(t, s, "ns", "n", "v", kvstore.PutOptions{Metadata: json.RawMessage(`null`)})
		if e, _ := mustGet(t, s, "ns", "n"); e.Metadata != nil {
			t.Fatalf("metadata %q, want none", e.Metadata)
		}
	})
	t.Run("falsy metadata is kept", func(t *testing.T) {
		for _, m := range []string{`0`, `false`, `""`, `[]`} {
			mustPut(t, s, "ns", "f", "v", kvstore.PutOptions{Metadata: json.RawMessage(m)})
			if e, _ := mustGet(t, s, "ns", "f"); string(e.Metadata) != m {
				t.Fatalf("metadata %q, want %q", e.Metadata, m)
			}
		}
	})
	t.Run("empty value", func(t *testing.T) {
		mustPut(t, s, "ns", "empty", "", kvstore.PutOptions{})
		e, found := mustGet(t, s, "ns", "empty")
		if !found || e.Value == nil || len(e.Value) != 0 {
			t.Fatalf("got %+v found=%v, want a found, empty, non-nil value", e, found)
		}
	})
	t.Run("keys are case-sensitive bytes", func(t *testing.T) {
		mustPut(t, s, "ns", "Case", "upper", kvstore.PutOptions{})
		mustPut(t, s, "ns", "case", "lower", kvstore.PutOptions{})
		a, _ := mustGet(t, s, "ns", "Case")
		b, _ := mustGet(t, s, "ns", "case")
		if string(a.Value) != "upper" || string(b.Value) != "lower" {
			t.Fatalf("got %q %q", a.Value, b.Value)
		}
	})
	t.Run("keys are not paths", func(t *testing.T) {
		for _, k := range []string{"../../etc/passwd", "/abs", `a\b`, "a/./b", "\x00", "..."} {
			mustPut(t, s, "ns", k, k, kvstore.PutOptions{})
			if e, _ := mustGet(t, s, "ns", k); string(e.Value) != k {
				t.Fatalf("key %q: got %q", k, e.Value)
			}
		}
	})
	t.Run("namespaces are separate", func(t *testing.T) {
		mustPut(t, s, "other", "k", "elsewhere", kvstore.PutOptions{})
		a, _ := mustGet(t, s, "ns", "k")
		b, _ := mustGet(t, s, "other", "k")
		if string(a.Value) != "v1" || string(b.Value) != "elsewhere" {
			t.Fatalf("got %q %q", a.Value, b.Value)
		}
	})
	t.Run("delete", func(t *testing.T) {
		if err := s.Delete(ctx, "ns", "k"); err != nil {
			t.Fatal(err)
		}
		if _, found := mustGet(t, s, "ns", "k"); found {
			t.Fatal("found after delete")
		}
		for _, ns := range []string{"ns", "never-written"} {
			if err := s.Delete(ctx, ns, "k"); err != nil {
				t.Fatalf("delete of missing key in %q: %v", ns, err)
			}
		}
		if b, _ := mustGet(t, s, "other", "k"); string(b.Value) != "elsewhere" {
			t.Fatal("delete reached another namespace")
		}
	})
}

func TestLargeValues(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	ctx := context.Background()
	big := bytes.Repeat([]byte("0123456789abcdef"), kvstore.MaxValueBytes/16)
	if len(big) != kvstore.MaxValueBytes {
		t.Fatal(len(big))
	}
	if err := s.Put(ctx, "ns", "big", big, kvstore.PutOptions{}); err != nil {
		t.Fatalf("25 MiB put: %v", err)
	}
	e, found := mustGet(t, s, "ns", "big")
	if !found || !bytes.Equal(e.Value, big) {
		t.Fatalf("25 MiB value did not round-trip (found=%v, %d bytes)", found, len(e.Value))
	}
	err := s.Put(ctx, "ns", "big", append(big, 'x'), kvstore.PutOptions{})
	wantErr(t, err, kvstore.PlainError, 413, "KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.")
	if e, _ := mustGet(t, s, "ns", "big"); len(e.Value) != kvstore.MaxValueBytes {
		t.Fatal("rejected put changed the stored value")
	}
}

func TestNamespaces(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	ctx := context.Background()
	ids, err := s.Namespaces()
	if err != nil || len(ids) != 0 {
		t.Fatalf("fresh store: %v %v", ids, err)
	}
	for _, ns := range []string{"b", "a", "ns/with/slash", "c"} {
		mustPut(t, s, ns, "k", "v", kvstore.PutOptions{})
	}
	// Reads and deletes do not create namespaces.
	mustGet(t, s, "ghost", "k")
	mustList(t, s, "ghost", kvstore.ListOptions{})
	if err := s.Delete(ctx, "ghost", "k"); err != nil {
		t.Fatal(err)
	}
	// A namespace whose keys are all deleted still exists.
	if err := s.Delete(ctx, "c", "k"); err != nil {
		t.Fatal(err)
	}
	ids, _ = s.Namespaces()
	if want := []string{"a", "b", "c", "ns/with/slash"}; !slices.Equal(ids, want) {
		t.Fatalf("Namespaces = %q, want %q", ids, want)
	}

	if err := s.DeleteNamespace(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteNamespace(ctx, "never"); err != nil {
		t.Fatalf("deleting a missing namespace: %v", err)
	}
	ids, _ = s.Namespaces()
	if want := []string{"a", "c", "ns/with/slash"}; !slices.Equal(ids, want) {
		t.Fatalf("after delete: %q, want %q", ids, want)
	}
	if _, found := mustGet(t, s, "b", "k"); found {
		t.Fatal("key survived DeleteNamespace")
	}
	if _, found := mustGet(t, s, "a", "k"); !found {
		t.Fatal("DeleteNamespace removed another namespace's key")
	}

	for _, bad := range []string{"", string(make([]byte, 256))} {
		if err := s.Put(ctx, bad, "k", nil, kvstore.PutOptions{}); !errors.Is(err, kvstore.ErrNamespace) {
			t.Errorf("namespace of %d bytes: got %v, want ErrNamespace", len(bad), err)
		}
	}
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dirs", "kv.db")
	s, err := kvstore.Open(path, kvstore.Options{SweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	mustPut(t, s, "ns", "k", "durable", kvstore.PutOptions{ExpirationTTL: f64(3600), Metadata: json.RawMessage(`{"x":true}`)})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&0o600 != 0o600 || perm&0o111 != 0 || perm&^0o644 != 0 {
		t.Errorf("file mode %v, want 0644 (less umask)", perm)
	}

	s = openAt(t, path, kvstore.Options{})
	e, found := mustGet(t, s, "ns", "k")
	if !found || string(e.Value) != "durable" || string(e.Metadata) != `{"x":true}` || e.Expiration == 0 {
		t.Fatalf("after reopen: %+v found=%v", e, found)
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kv.db")
	openAt(t, path, kvstore.Options{})
	start := time.Now()
	s2, err := kvstore.Open(path, kvstore.Options{})
	if err == nil {
		s2.Close()
		t.Fatal("second Open of an open file succeeded")
	}
	if want := "kvstore: open " + path + ": database is locked by another process"; err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
	if !errors.Is(err, kvstore.ErrLocked) {
		t.Error("error does not wrap ErrLocked")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Open waited %v", d)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(notDB, bytes.Repeat([]byte("not a bbolt file"), 1024), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := kvstore.Open(notDB, kvstore.Options{}); err == nil {
		t.Error("opened a file that is not a bbolt file")
	}
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := kvstore.Open(filepath.Join(blocker, "kv.db"), kvstore.Options{}); err == nil {
		t.Error("opened a path under a regular file")
	}
}

func TestClosed(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	ctx := context.Background()
	mustPut(t, s, "ns", "k", "v", kvstore.PutOptions{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	_, _, getErr := s.Get(ctx, "ns", "k")
	_, viewErr := s.View(ctx, "ns", "k", func([]byte, int64, json.RawMessage) error { return nil })
	_, listErr := s.List(ctx, "ns", kvstore.ListOptions{})
	_, nsErr := s.Namespaces()
	_, sweepErr := s.Sweep(ctx)
	for name, err := range map[string]error{
		"Put":             s.Put(ctx, "ns", "k", nil, kvstore.PutOptions{}),
		"Get":             getErr,
		"View":            viewErr,
		"Delete":          s.Delete(ctx, "ns", "k"),
		"List":            listErr,
		"Namespaces":      nsErr,
		"DeleteNamespace": s.DeleteNamespace(ctx, "ns"),
		"Sweep":           sweepErr,
		"Check":           s.Check(ctx),
	} {
		if !errors.Is(err, kvstore.ErrClosed) {
			t.Errorf("%s after Close: %v, want ErrClosed", name, err)
		}
	}
}

func TestCanceledContext(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, getErr := s.Get(ctx, "ns", "k")
	_, listErr := s.List(ctx, "ns", kvstore.ListOptions{})
	for name, err := range map[string]error{
		"Put":    s.Put(ctx, "ns", "k", nil, kvstore.PutOptions{}),
		"Get":    getErr,
		"Delete": s.Delete(ctx, "ns", "k"),
		"List":   listErr,
	} {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v, want context.Canceled", name, err)
		}
	}
}
