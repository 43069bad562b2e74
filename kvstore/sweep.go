package kvstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"
)

// sweepChunk bounds the deletions of one sweep transaction, so a sweep never
// holds the writer lock for long.
const sweepChunk = 1000

// Sweep deletes every key that has expired by now and returns how many it
// deleted. Expired keys are already invisible; sweeping only reclaims space.
// The background sweeper calls it every Options.SweepInterval; tests and
// operators may call it directly.
func (s *Store) Sweep(ctx context.Context) (int, error) {
	if s.closed.Load() {
		return 0, ErrClosed
	}
	now := s.nowUnix()
	var namespaces [][]byte
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Cursor()
		for k, _ := c.Seek([]byte(expiryPrefix)); k != nil && bytes.HasPrefix(k, []byte(expiryPrefix)); k, _ = c.Next() {
			namespaces = append(namespaces, bytes.Clone(k[len(expiryPrefix):]))
		}
		return nil
	})
	if err != nil {
		return 0, s.storeErr(err)
	}
	total := 0
	for _, ns := range namespaces {
		for {
			if err := ctx.Err(); err != nil {
				return total, err
			}
			deleted, more, err := s.sweepChunk(ns, now)
			total += deleted
			if err != nil {
				return total, s.storeErr(err)
			}
			if !more {
				break
			}
		}
	}
	return total, nil
}

// sweepChunk deletes up to sweepChunk expired keys of one namespace in one
// transaction. more reports that the chunk was full.
func (s *Store) sweepChunk(ns []byte, now int64) (deleted int, more bool, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		deleted, more = 0, false
		expiry := tx.Bucket(append([]byte(expiryPrefix), ns...))
		data := tx.Bucket(append([]byte(dataPrefix), ns...))
		if expiry == nil {
			return nil
		}
		// Collect first: deleting under a live bbolt cursor can skip keys.
		var due [][]byte
		c := expiry.Cursor()
		for k, _ := c.First(); k != nil && len(due) < sweepChunk; k, _ = c.Next() {
			if len(k) >= 8 && int64(binary.BigEndian.Uint64(k)) > now {
				break // the index is in expiration order
			}
			due = append(due, bytes.Clone(k))
		}
		more = len(due) == sweepChunk
		for _, ik := range due {
			if err := expiry.Delete(ik); err != nil {
				return err
			}
			if len(ik) < 8 || data == nil {
				continue // a malformed index entry: dropping it is the repair
			}
			key := ik[8:]
			rec := data.Get(key)
			if rec == nil {
				continue
			}
			// Only if the record still carries this expiration; a stale
			// index entry must not delete a newer value.
			if expiration, _, _, err := decodeRecord(rec); err == nil && expiration == int64(binary.BigEndian.Uint64(ik)) {
				if err := data.Delete(key); err != nil {
					return err
				}
				deleted++
			}
		}
		return nil
	})
	return deleted, more, err
}

func (s *Store) sweepLoop(ctx context.Context, interval time.Duration) {
	defer s.sweeper.Done()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// A failed sweep is retried at the next tick; expired keys stay
			// invisible meanwhile.
			_, _ = s.Sweep(ctx)
		}
	}
}
