package kvstore

import (
	"bytes"
	"context"
	"encoding/json"

	bolt "go.etcd.io/bbolt"
)

// ListOptions are list()'s options.
type ListOptions struct {
	Prefix string // exact, case-sensitive byte prefix; "" = all keys
	Limit  int    // keys per page; 0 or negative = MaxListLimit (as workerd drops them)
	Cursor string // from a previous ListResult; "" = first page
}

// KeyInfo is one key of a list page.
type KeyInfo struct {
	Name       string
	Expiration int64           // unix seconds; 0 = never (omit it from JS)
	Metadata   json.RawMessage // nil = none (omit it from JS)
}

// ListResult is one page of keys.
type ListResult struct {
	Keys         []KeyInfo
	ListComplete bool
	Cursor       string // "" when ListComplete
}

// List returns the live keys of namespace ns that start with opts.Prefix, in
// UTF-8 byte order, at most opts.Limit of them, starting strictly after the
// key encoded in opts.Cursor.
//
// It reads one key beyond the page, so a page is never empty unless the
// listing is complete, and a last page holding exactly Limit keys is
// complete and has no cursor. Expired keys are skipped and do not count.
// The cursor names the last key returned: keys inserted behind it later are
// not seen, keys inserted ahead of it are, and Limit may change between
// pages. A cursor that is not one of ours is decoded leniently, as Miniflare
// does, and never rejected (see decodeCursor).
func (s *Store) List(ctx context.Context, ns string, opts ListOptions) (ListResult, error) {
	// Miniflare's order: limit, then prefix.
	if err := ValidateListLimit(float64(opts.Limit)); err != nil {
		return ListResult{}, err
	}
	if err := ValidateListPrefix(opts.Prefix); err != nil {
		return ListResult{}, err
	}
	names, err := s.begin(ctx, ns)
	if err != nil {
		return ListResult{}, err
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = MaxListLimit
	}
	now := s.nowUnix()
	prefix := []byte(opts.Prefix)
	seek, exclusive := startAfter(opts.Prefix, decodeCursor(opts.Cursor))

	res := ListResult{ListComplete: true}
	err = s.db.View(func(tx *bolt.Tx) error {
		data := tx.Bucket(names.data)
		if data == nil {
			return nil
		}
		c := data.Cursor()
		k, v := c.Seek([]byte(seek))
		if exclusive && k != nil && string(k) == seek {
			k, v = c.Next()
		}
		for n := 0; k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			expiration, metadata, _, err := decodeRecord(v)
			if err != nil {
				return err
			}
			if isExpired(expiration, now) {
				continue
			}
			if len(res.Keys) == limit {
				res.ListComplete = false
				break
			}
			if res.Keys == nil {
				res.Keys = make([]KeyInfo, 0, min(limit, 64))
			}
			res.Keys = append(res.Keys, KeyInfo{
				Name:       string(k),
				Expiration: expiration,
				Metadata:   bytes.Clone(metadata),
			})
		}
		return nil
	})
	if err != nil {
		return ListResult{}, s.storeErr(err)
	}
	if res.Keys == nil {
		res.Keys = []KeyInfo{}
	}
	if !res.ListComplete {
		res.Cursor = encodeCursor(res.Keys[len(res.Keys)-1].Name)
	}
	return res, nil
}
