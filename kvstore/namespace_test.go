package kvstore_test

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/edgeruntime/edge/kvstore"
)

func TestNamespaceTitles(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	ctx := context.Background()
	lookup := func(id string) (kvstore.NamespaceInfo, bool) {
		t.Helper()
		info, found, err := s.LookupNamespace(id)
		if err != nil {
			t.Fatalf("LookupNamespace(%q): %v", id, err)
		}
		return info, found
	}
	list := func() []kvstore.NamespaceInfo {
		t.Helper()
		l, err := s.ListNamespaces()
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	t.Run("a namespace from a first write has no title", func(t *testing.T) {
		mustPut(t, s, "from-config", "k", "v", kvstore.PutOptions{})
		if info, found := lookup("from-config"); !found || info != (kvstore.NamespaceInfo{ID: "from-config"}) {
			t.Fatalf("got %+v found=%v", info, found)
		}
		if _, found := lookup("never-written"); found {
			t.Fatal("found a namespace never written")
		}
	})
	t.Run("create", func(t *testing.T) {
		if err := s.CreateNamespace(ctx, "aaa", "My Namespace"); err != nil {
			t.Fatal(err)
		}
		if info, found := lookup("aaa"); !found || info.Title != "My Namespace" {
			t.Fatalf("got %+v found=%v", info, found)
		}
		if res := mustList(t, s, "aaa", kvstore.ListOptions{}); len(res.Keys) != 0 || !res.ListComplete {
			t.Fatalf("new namespace lists %+v", res)
		}
	})
	t.Run("create errors", func(t *testing.T) {
		for _, tc := range []struct {
			id, title string
			want      error
		}{
			{"bbb", "My Namespace", kvstore.ErrTitleTaken},
			{"aaa", "Other", kvstore.ErrNamespaceExists},
			{"from-config", "Other", kvstore.ErrNamespaceExists},
			{"ccc", "", kvstore.ErrTitle},
			{"ccc", strings.Repeat("t", kvstore.MaxTitleBytes+1), kvstore.ErrTitle},
			{"ccc", "\xff", kvstore.ErrTitle},
			{"", "x", kvstore.ErrNamespace},
		} {
			if err := s.CreateNamespace(ctx, tc.id, tc.title); !errors.Is(err, tc.want) {
				t.Errorf("CreateNamespace(%q, %q) = %v, want %v", tc.id, tc.title, err, tc.want)
			}
		}
		if _, found := lookup("ccc"); found {
			t.Fatal("a failed create left a namespace behind")
		}
	})
	t.Run("rename", func(t *testing.T) {
		if err := s.SetNamespaceTitle(ctx, "from-config", "Tokens"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNamespaceTitle(ctx, "aaa", "My Namespace"); err != nil {
			t.Fatalf("keeping one's own title: %v", err)
		}
		if err := s.SetNamespaceTitle(ctx, "aaa", "Tokens"); !errors.Is(err, kvstore.ErrTitleTaken) {
			t.Fatalf("taking another's title: %v", err)
		}
		if err := s.SetNamespaceTitle(ctx, "configured-only", "Fresh"); err != nil {
			t.Fatal(err)
		}
		want := []kvstore.NamespaceInfo{{"aaa", "My Namespace"}, {"configured-only", "Fresh"}, {"from-config", "Tokens"}}
		if got := list(); !slices.Equal(got, want) {
			t.Fatalf("ListNamespaces = %+v, want %+v", got, want)
		}
		if ids, _ := s.Namespaces(); !slices.Equal(ids, []string{"aaa", "configured-only", "from-config"}) {
			t.Fatalf("Namespaces = %q", ids)
		}
	})
	t.Run("delete frees the title", func(t *testing.T) {
		if err := s.DeleteNamespace(ctx, "from-config"); err != nil {
			t.Fatal(err)
		}
		if _, found := lookup("from-config"); found {
			t.Fatal("deleted namespace still found")
		}
		if err := s.CreateNamespace(ctx, "ddd", "Tokens"); err != nil {
			t.Fatalf("title of a deleted namespace: %v", err)
		}
	})
}

func TestNamespaceTitlesPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kv.db")
	s, err := kvstore.Open(path, kvstore.Options{NoSync: true, SweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateNamespace(context.Background(), "id1", "Persisted"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, kvstore.Options{})
	if info, found, err := s.LookupNamespace("id1"); err != nil || !found || info.Title != "Persisted" {
		t.Fatalf("after reopen: %+v %v %v", info, found, err)
	}
}

// Concurrent creates with one title: exactly one wins, whatever the group
// commit folds together.
func TestNamespaceTitleRace(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = s.CreateNamespace(context.Background(), kvstore.NewNamespaceID(), "same") })
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, kvstore.ErrTitleTaken):
			t.Fatal(err)
		}
	}
	if l, _ := s.ListNamespaces(); wins != 1 || len(l) != 1 {
		t.Fatalf("%d creates succeeded, %d namespaces exist; want 1 and 1", wins, len(l))
	}
}

func TestNewNamespaceID(t *testing.T) {
	a, b := kvstore.NewNamespaceID(), kvstore.NewNamespaceID()
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(a) || a == b {
		t.Fatalf("ids %q, %q", a, b)
	}
}

func TestCheckPut(t *testing.T) {
	s := openStore(t, kvstore.Options{Now: newClock(t0).Now})
	if err := s.CheckPut("k", 1, kvstore.PutOptions{ExpirationTTL: f64(60)}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key  string
		n    int
		opts kvstore.PutOptions
		want string
	}{
		{"", 1, kvstore.PutOptions{}, "Key name cannot be empty."},
		{"k", 1, kvstore.PutOptions{ExpirationTTL: f64(10)}, "Invalid expiration_ttl of 10. Expiration TTL must be at least 60."},
		{"k", 1, kvstore.PutOptions{Metadata: []byte("{")}, "Metadata is not valid JSON."},
		{"k", kvstore.MaxValueBytes + 1, kvstore.PutOptions{}, "Value length of 26214401 exceeds limit of 26214400."},
	} {
		var kerr *kvstore.Error
		if err := s.CheckPut(tc.key, tc.n, tc.opts); !errors.As(err, &kerr) || kerr.Message != tc.want {
			t.Errorf("CheckPut(%q, %d, %+v) = %v, want %q", tc.key, tc.n, tc.opts, err, tc.want)
		}
	}
	if ids, _ := s.Namespaces(); len(ids) != 0 {
		t.Fatalf("CheckPut wrote: %q", ids)
	}
}
