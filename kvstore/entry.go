package kvstore

import (
	"bytes"
	"context"
	"encoding/json"

	bolt "go.etcd.io/bbolt"
)

// Metadata is a key's metadata as JSON text; nil means none.
type Metadata = json.RawMessage

// PutOptions are put()'s options as a worker passes them.
//
// workerd converts expiration and expirationTtl to integers before they reach
// the backend (jsg::Optional<int>: NaN becomes 0, fractions are dropped); a
// binding that wants those exact numbers in messages converts first. Put
// accepts any float64 and floors it.
type PutOptions struct {
	Expiration    *float64        // absolute unix seconds; nil = not given
	ExpirationTTL *float64        // seconds from now; wins over Expiration when both are set
	Metadata      json.RawMessage // JSON text; nil or JSON null = none
}

// Entry is a stored value with its expiration and metadata.
type Entry struct {
	Value      []byte
	Expiration int64           // unix seconds; 0 = never expires
	Metadata   json.RawMessage // nil = none
}

// Put stores value under key in namespace ns, creating the namespace on first
// write. It replaces the value, expiration and metadata together: a put
// without metadata clears the old metadata. Put validates like Workers KV
// (key, expiration, metadata size, value size, in Miniflare's order) and
// returns an *Error on failure. When it returns nil the write is committed
// and, unless Options.NoSync, fsync'd. Put does not retain value.
//
// Deviation: production Workers KV rejects more than one write per second to
// the same key (429 Too Many Requests); like Miniflare, Put does not.
func (s *Store) Put(ctx context.Context, ns, key string, value []byte, opts PutOptions) error {
	expiration, metadata, err := checkPut(s.nowUnix(), key, len(value), opts)
	if err != nil {
		return err
	}
	names, err := s.begin(ctx, ns)
	if err != nil {
		return err
	}
	k := []byte(key)
	rec := encodeRecord(expiration, metadata, value)
	if r := s.replicator(); r != nil {
		return s.commitReplicated(ctx, r, ns, names, key, rec, expiration)
	}
	// It may run more than once (see commit.go): it only touches tx, and
	// re-running it reaches the same state.
	put := func(tx *bolt.Tx) error {
		data, expiry, err := createBuckets(tx, names)
		if err != nil {
			return err
		}
		return setRecord(data, expiry, k, rec)
	}
	return s.storeErr(s.writes.write(put, len(k)+len(rec)))
}

// CheckPut returns the error Put would return for these arguments without
// writing anything, so a bulk writer (the REST API's bulk write) can refuse
// a whole batch before any of it is stored. The time is taken now: a Put
// made later may still fail an expiration that has become too close.
func (s *Store) CheckPut(key string, valueLen int, opts PutOptions) error {
	_, _, err := checkPut(s.nowUnix(), key, valueLen, opts)
	return err
}

// Delete removes key from namespace ns. Deleting a missing key, or a key of a
// namespace that does not exist, is success.
//
// On a replicated store (SetReplicator) Put and Delete return once the
// replicated log has committed the change and it is applied here.
func (s *Store) Delete(ctx context.Context, ns, key string) error {
	if err := ValidateKey("DELETE", key); err != nil {
		return err
	}
	names, err := s.begin(ctx, ns)
	if err != nil {
		return err
	}
	if r := s.replicator(); r != nil {
		return s.commitReplicated(ctx, r, ns, names, key, nil, 0)
	}
	k := []byte(key)
	del := func(tx *bolt.Tx) error {
		data, expiry := tx.Bucket(names.data), tx.Bucket(names.expiry)
		if data == nil {
			return nil
		}
		if err := unindex(data, expiry, k); err != nil {
			return err
		}
		return data.Delete(k)
	}
	return s.storeErr(s.writes.write(del, len(k)))
}

// Get returns a copy of the entry under key. An expired key is not found.
func (s *Store) Get(ctx context.Context, ns, key string) (e Entry, found bool, err error) {
	found, err = s.View(ctx, ns, key, func(value []byte, expiration int64, metadata json.RawMessage) error {
		e = Entry{
			Value:      bytes.Clone(value),
			Expiration: expiration,
			Metadata:   bytes.Clone(metadata),
		}
		if e.Value == nil {
			e.Value = []byte{}
		}
		return nil
	})
	return e, found, err
}

// View calls fn with the entry under key without copying it. value and
// metadata point into bbolt's memory map: they are valid only until fn
// returns and must not be modified. fn must not call the Store. An expired or
// missing key is not found and fn is not called. View returns fn's error.
func (s *Store) View(ctx context.Context, ns, key string, fn func(value []byte, expiration int64, metadata json.RawMessage) error) (found bool, err error) {
	if err := ValidateKey("GET", key); err != nil {
		return false, err
	}
	names, err := s.begin(ctx, ns)
	if err != nil {
		return false, err
	}
	now := s.nowUnix()
	err = s.db.View(func(tx *bolt.Tx) error {
		data := tx.Bucket(names.data)
		if data == nil {
			return nil
		}
		rec := data.Get([]byte(key))
		if rec == nil {
			return nil
		}
		expiration, metadata, value, err := decodeRecord(rec)
		if err != nil {
			return err
		}
		if isExpired(expiration, now) {
			return nil
		}
		found = true
		return fn(value, expiration, metadata)
	})
	return found, s.storeErr(err)
}

func createBuckets(tx *bolt.Tx, names *bucketNames) (data, expiry *bolt.Bucket, err error) {
	if data, err = tx.CreateBucketIfNotExists(names.data); err != nil {
		return nil, nil, err
	}
	if expiry, err = tx.CreateBucketIfNotExists(names.expiry); err != nil {
		return nil, nil, err
	}
	return data, expiry, nil
}

// unindex removes the expiry-index entry of the record currently under k, if
// it has one. It never fails on a corrupt record, so a put or delete repairs it.
func unindex(data, expiry *bolt.Bucket, k []byte) error {
	old := data.Get(k)
	if old == nil {
		return nil
	}
	expiration, _, _, err := decodeRecord(old)
	if err != nil || expiration == 0 || expiry == nil {
		// A corrupt record is simply replaced; the sweeper drops any index
		// entry it leaves behind.
		return nil
	}
	return expiry.Delete(expiryKey(expiration, k))
}
