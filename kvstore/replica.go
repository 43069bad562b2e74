package kvstore

import (
	"context"
	"encoding/binary"
	"errors"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// Replicated stores.
//
// A Store may hold a replica of namespaces whose writes are committed
// elsewhere first: in a replicated log (package replication: one NATS
// JetStream KV bucket per namespace). The Store then delegates every write to
// its Replicator, which returns once the log has committed the change, and
// applies the change locally before Put or Delete returns, so the writing
// node reads its own writes. Every node also applies the log itself, in log
// order, through ApplyLog (the replica feed); reads never leave the node.
//
// Each namespace's log revision travels with its changes. The Store keeps,
// in the same transaction as the data,
//
//	"applied"    namespace id → the revision ApplyLog applied last (uint64 BE);
//	             the feed resumes right after it
//	"ahead/<id>" key → revision (uint64 BE) of a write this node applied
//	             before its feed reached it
//
// so that a change is applied once and a key never goes back to an older
// revision: the feed skips a change older than the key's ahead revision, and
// a local apply skips a revision the feed has passed already.

// Replicator commits writes to a replicated log before the Store applies
// them (see SetReplicator).
type Replicator interface {
	// Commit durably commits one change of key in namespace ns and returns
	// its revision in ns's log (> 0). record is the encoded record (doc.go,
	// "A record"), nil for a delete; expiration is the record's expiration
	// in unix seconds (0 = never), for a log that expires entries itself.
	// A failure that Workers KV would report should be a *Error.
	Commit(ctx context.Context, ns, key string, record []byte, expiration int64) (rev uint64, err error)
}

// ErrReplicated is wrapped by CreateNamespace, SetNamespaceTitle and
// DeleteNamespace on a replicated store: namespaces and their titles are not
// replicated, so they are managed by configuration (one bucket per
// namespace id), not per node.
var ErrReplicated = errors.New("kvstore: namespaces of a replicated store cannot be created, renamed or deleted")

// On-disk names of the replica state (doc.go).
const (
	appliedBucket = "applied" // namespace id → applied revision
	aheadPrefix   = "ahead/"  // "ahead/<id>": key → revision applied ahead of the feed
)

// replicator is the Store's Replicator; nil for a local store.
type replicator struct{ r atomic.Pointer[Replicator] }

// SetReplicator makes the store a replica: from now on Put and Delete commit
// through r before applying the change locally, and namespace management
// fails with ErrReplicated. Call it before the store is shared.
func (s *Store) SetReplicator(r Replicator) { s.repl.r.Store(&r) }

func (s *Store) replicator() Replicator {
	if p := s.repl.r.Load(); p != nil {
		return *p
	}
	return nil
}

// IsReplica reports whether the store has applied a replicated log: it is a
// cluster node's copy, which only that node's replication may write.
func (s *Store) IsReplica() (bool, error) {
	if s.closed.Load() {
		return false, ErrClosed
	}
	var replica bool
	err := s.db.View(func(tx *bolt.Tx) error {
		replica = tx.Bucket([]byte(appliedBucket)) != nil
		return nil
	})
	return replica, s.storeErr(err)
}

// Change is one entry of a namespace's replicated log.
type Change struct {
	Key    string
	Record []byte // an encoded record (doc.go); nil = the key was deleted or expired
	Rev    uint64 // its revision in the log, increasing
}

// ValidRecord reports whether b is a record this build can apply.
func ValidRecord(b []byte) bool {
	_, _, _, err := decodeRecord(b)
	return err == nil
}

// ApplyLog applies changes, in log order, to namespace ns and records the
// last revision as ns's applied revision, all in one transaction: after a
// crash the feed resumes exactly after the last change applied. Changes at
// or below the applied revision are skipped (a replay), as are changes
// older than a write this node applied ahead of its feed. A change whose
// key is not a valid key or whose record does not decode is skipped and
// counted in invalid; the log moves on.
func (s *Store) ApplyLog(ctx context.Context, ns string, changes []Change) (invalid int, err error) {
	names, err := s.begin(ctx, ns)
	if err != nil || len(changes) == 0 {
		return 0, err
	}
	size := 0
	for _, c := range changes {
		size += len(c.Key) + len(c.Record)
	}
	apply := func(tx *bolt.Tx) error {
		invalid = 0
		data, expiry, err := createBuckets(tx, names)
		if err != nil {
			return err
		}
		state, err := tx.CreateBucketIfNotExists([]byte(appliedBucket))
		if err != nil {
			return err
		}
		ahead, err := tx.CreateBucketIfNotExists(names.ahead)
		if err != nil {
			return err
		}
		applied := getRev(state.Get([]byte(ns)))
		for _, c := range changes {
			if c.Rev <= applied {
				continue
			}
			applied = c.Rev
			k := []byte(c.Key)
			if ValidateKey("PUT", c.Key) != nil || (c.Record != nil && !ValidRecord(c.Record)) {
				invalid++
				continue
			}
			if a := ahead.Get(k); a != nil {
				if err := ahead.Delete(k); err != nil {
					return err
				}
				if getRev(a) >= c.Rev {
					continue // this node wrote the key at c.Rev or later already
				}
			}
			if err := setRecord(data, expiry, k, c.Record); err != nil {
				return err
			}
		}
		return state.Put([]byte(ns), putRev(applied))
	}
	return invalid, s.storeErr(s.writes.write(apply, size))
}

// AppliedRevision returns the revision of ns's log that ApplyLog applied
// last; 0 when it has applied none.
func (s *Store) AppliedRevision(ns string) (uint64, error) {
	if s.closed.Load() {
		return 0, ErrClosed
	}
	var rev uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte(appliedBucket)); b != nil {
			rev = getRev(b.Get([]byte(ns)))
		}
		return nil
	})
	return rev, s.storeErr(err)
}

// commitReplicated is the write path of a replicated store: commit through
// r, then apply the committed revision locally unless the feed has passed
// it or this node holds a newer write of the key.
func (s *Store) commitReplicated(ctx context.Context, r Replicator, ns string, names *bucketNames, key string, rec []byte, expiration int64) error {
	rev, err := r.Commit(ctx, ns, key, rec, expiration)
	if err != nil {
		return err
	}
	k := []byte(key)
	apply := func(tx *bolt.Tx) error {
		if state := tx.Bucket([]byte(appliedBucket)); state != nil && getRev(state.Get([]byte(ns))) >= rev {
			return nil
		}
		data, expiry, err := createBuckets(tx, names)
		if err != nil {
			return err
		}
		ahead, err := tx.CreateBucketIfNotExists(names.ahead)
		if err != nil {
			return err
		}
		if a := ahead.Get(k); a != nil && getRev(a) >= rev {
			return nil
		}
		if err := setRecord(data, expiry, k, rec); err != nil {
			return err
		}
		return ahead.Put(k, putRev(rev))
	}
	return s.storeErr(s.writes.write(apply, len(k)+len(rec)))
}

// setRecord stores rec under k, keeping the expiry index right; a nil rec
// deletes k.
func setRecord(data, expiry *bolt.Bucket, k, rec []byte) error {
	if err := unindex(data, expiry, k); err != nil {
		return err
	}
	if rec == nil {
		return data.Delete(k)
	}
	if err := data.Put(k, rec); err != nil {
		return err
	}
	if expiration, _, _, err := decodeRecord(rec); err == nil && expiration != 0 {
		return expiry.Put(expiryKey(expiration, k), []byte{})
	}
	return nil
}

func getRev(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

func putRev(rev uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, rev)
}
