package kvstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Namespace titles.
//
// A namespace is named by its id: the id in wrangler config, or one that
// CreateNamespace was given. Cloudflare also gives every namespace a title,
// unique per account, that the REST API and `edge kv namespace …` show and
// change. Titles live in the top-level bucket "titles" (id → title). A
// namespace needs no title: one that appeared with a worker's first write
// has none, and callers show its id instead.

// titlesBucket is the top-level bucket of titles; part of the on-disk layout.
const titlesBucket = "titles"

// NamespaceInfo is a namespace's id and title ("" when it has none).
type NamespaceInfo struct {
	ID    string
	Title string
}

// NewNamespaceID returns a fresh namespace id shaped like Cloudflare's: 32
// lowercase hex digits from crypto/rand.
func NewNamespaceID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand documents it)
	return hex.EncodeToString(b[:])
}

// ListNamespaces returns every namespace with its title, in byte order of id.
func (s *Store) ListNamespaces() ([]NamespaceInfo, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	var out []NamespaceInfo
	err := s.db.View(func(tx *bolt.Tx) error {
		titles := tx.Bucket([]byte(titlesBucket))
		c := tx.Cursor()
		for k, _ := c.Seek([]byte(dataPrefix)); k != nil && bytes.HasPrefix(k, []byte(dataPrefix)); k, _ = c.Next() {
			id := k[len(dataPrefix):]
			out = append(out, NamespaceInfo{ID: string(id), Title: string(titleOf(titles, id))})
		}
		return nil
	})
	return out, s.storeErr(err)
}

// LookupNamespace reports whether namespace id exists and returns its title.
func (s *Store) LookupNamespace(id string) (info NamespaceInfo, found bool, err error) {
	names, err := s.begin(context.Background(), id)
	if err != nil {
		return NamespaceInfo{}, false, err
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(names.data) == nil {
			return nil
		}
		found = true
		info = NamespaceInfo{ID: id, Title: string(titleOf(tx.Bucket([]byte(titlesBucket)), []byte(id)))}
		return nil
	})
	return info, found, s.storeErr(err)
}

// CreateNamespace creates the empty namespace id titled title. It fails with
// an error wrapping ErrNamespaceExists when id exists, ErrTitleTaken when
// another namespace has that title, or ErrTitle when the title is empty, not
// UTF-8 or longer than MaxTitleBytes.
func (s *Store) CreateNamespace(ctx context.Context, id, title string) error {
	return s.writeTitle(ctx, id, title, true)
}

// SetNamespaceTitle gives namespace id the title, creating the namespace
// when it does not exist yet (a namespace named in wrangler config before
// its first write). It fails like CreateNamespace, except that an existing
// id is the point.
func (s *Store) SetNamespaceTitle(ctx context.Context, id, title string) error {
	return s.writeTitle(ctx, id, title, false)
}

func (s *Store) writeTitle(ctx context.Context, id, title string, create bool) error {
	if err := validateTitle(title); err != nil {
		return err
	}
	names, err := s.begin(ctx, id)
	if err != nil {
		return err
	}
	if s.replicator() != nil {
		return ErrReplicated
	}
	// It may run more than once (commit.go): it only touches tx.
	write := func(tx *bolt.Tx) error {
		if create && tx.Bucket(names.data) != nil {
			return fmt.Errorf("%w: %q", ErrNamespaceExists, id)
		}
		titles, err := tx.CreateBucketIfNotExists([]byte(titlesBucket))
		if err != nil {
			return err
		}
		err = titles.ForEach(func(k, v []byte) error {
			if string(v) == title && string(k) != id {
				return fmt.Errorf("%w: %q (namespace %s)", ErrTitleTaken, title, k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if _, _, err := createBuckets(tx, names); err != nil {
			return err
		}
		return titles.Put([]byte(id), []byte(title))
	}
	return s.storeErr(s.writes.write(write, len(id)+len(title)))
}

func validateTitle(title string) error {
	switch {
	case title == "":
		return fmt.Errorf("%w: it is empty", ErrTitle)
	case len(title) > MaxTitleBytes:
		return fmt.Errorf("%w: %d bytes, at most %d allowed", ErrTitle, len(title), MaxTitleBytes)
	case !utf8.ValidString(title):
		return fmt.Errorf("%w: not UTF-8", ErrTitle)
	}
	return nil
}

// titleOf returns the title of namespace id, nil when it has none.
func titleOf(titles *bolt.Bucket, id []byte) []byte {
	if titles == nil {
		return nil
	}
	return titles.Get(id)
}

// deleteTitle removes namespace id's title, if any (DeleteNamespace).
func deleteTitle(tx *bolt.Tx, id string) error {
	titles := tx.Bucket([]byte(titlesBucket))
	if titles == nil {
		return nil
	}
	return titles.Delete([]byte(id))
}

// checkTitles is Check's part for the titles bucket: every title names an
// existing namespace and is a valid title.
func checkTitles(tx *bolt.Tx, titles *bolt.Bucket, add func(string, ...any)) {
	seen := map[string]string{}
	_ = titles.ForEach(func(k, v []byte) error {
		if v == nil {
			add("titles: nested bucket %q", k)
			return nil
		}
		if tx.Bucket(append([]byte(dataPrefix), k...)) == nil {
			add("title %q of missing namespace %q", v, k)
		}
		if err := validateTitle(string(v)); err != nil {
			add("namespace %q: %v", k, err)
		}
		if other, dup := seen[string(v)]; dup {
			add("namespaces %q and %q have the same title %q", other, k, v)
		}
		seen[string(v)] = string(k)
		return nil
	})
}
