package kvstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the file: bbolt's own page-level consistency, then this
// package's invariants (only known top-level buckets, every record decodes,
// the expiry index holds exactly one entry per expiring record and nothing
// else). It returns every problem found, joined, or nil. Writers wait while
// it runs. Tests run it after each scenario; operators may run it on a
// suspect file.
func (s *Store) Check(ctx context.Context) error {
	if s.closed.Load() {
		return ErrClosed
	}
	var problems []error
	add := func(format string, args ...any) {
		problems = append(problems, fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...))
	}
	// A writable transaction, rolled back: bbolt's Check reads the freelist,
	// which only the writer lock protects from concurrent commits.
	tx, err := s.db.Begin(true)
	if err != nil {
		return s.storeErr(err)
	}
	defer tx.Rollback()
	err = func() error {
		for err := range tx.Check() {
			add("bbolt: %v", err)
		}
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			switch {
			case string(name) == metaBucket:
				if v := b.Get([]byte(metaFormatKey)); string(v) != formatVersion {
					add("format version %q", v)
				}
			case string(name) == titlesBucket:
				checkTitles(tx, b, add)
			case string(name) == appliedBucket, bytes.HasPrefix(name, []byte(aheadPrefix)):
				// replica state (replica.go): revisions only
			case bytes.HasPrefix(name, []byte(dataPrefix)):
				ns := name[len(dataPrefix):]
				expiry := tx.Bucket(append([]byte(expiryPrefix), ns...))
				if expiry == nil {
					add("namespace %q has no expiry index", ns)
				}
				checkData(b, expiry, ns, add)
			case bytes.HasPrefix(name, []byte(expiryPrefix)):
				ns := name[len(expiryPrefix):]
				data := tx.Bucket(append([]byte(dataPrefix), ns...))
				if data == nil {
					add("expiry index of missing namespace %q", ns)
				}
				checkExpiry(b, data, ns, add)
			default:
				add("unknown top-level bucket %q", name)
			}
			return nil
		})
	}()
	if err != nil {
		return s.storeErr(err)
	}
	return errors.Join(problems...)
}

func checkData(data, expiry *bolt.Bucket, ns []byte, add func(string, ...any)) {
	_ = data.ForEach(func(k, v []byte) error {
		if v == nil {
			add("namespace %q: nested bucket %q", ns, k)
			return nil
		}
		expiration, _, _, err := decodeRecord(v)
		if err != nil {
			add("namespace %q key %q: %v", ns, k, err)
			return nil
		}
		if expiration != 0 && expiry != nil && expiry.Get(expiryKey(expiration, k)) == nil {
			add("namespace %q key %q: expiration %d not indexed", ns, k, expiration)
		}
		return nil
	})
}

func checkExpiry(expiry, data *bolt.Bucket, ns []byte, add func(string, ...any)) {
	_ = expiry.ForEach(func(k, _ []byte) error {
		if len(k) < 8 {
			add("namespace %q: short expiry index key %x", ns, k)
			return nil
		}
		expiration, key := int64(binary.BigEndian.Uint64(k)), k[8:]
		if data == nil {
			return nil
		}
		rec := data.Get(key)
		if rec == nil {
			add("namespace %q: expiry index names missing key %q", ns, key)
			return nil
		}
		if got, _, _, err := decodeRecord(rec); err == nil && got != expiration {
			add("namespace %q key %q: index says expiration %d, record says %d", ns, key, expiration, got)
		}
		return nil
	})
}
