package kvstore

import (
	"encoding/binary"
	"fmt"
)

// On-disk names. They are part of the stable layout documented in doc.go.
const (
	metaBucket      = "meta"   // store-wide facts
	metaFormatKey   = "format" // value: formatVersion as decimal text
	formatVersion   = "1"
	dataPrefix      = "ns/"  // "ns/<id>": key → record
	expiryPrefix    = "exp/" // "exp/<id>": expiration(8, BE) ‖ key → empty
	recordVersion   = 1
	recordHeaderLen = 1 + 8 + 4 // version, expiration, metadata length
)

// encodeRecord lays a record out as
//
//	[0]        version (1)
//	[1:9]      expiration, int64 big-endian unix seconds, 0 = never
//	[9:13]     metadata length m, uint32 big-endian, 0 = no metadata
//	[13:13+m]  metadata JSON text
//	[13+m:]    value bytes
func encodeRecord(expiration int64, metadata, value []byte) []byte {
	b := make([]byte, recordHeaderLen+len(metadata)+len(value))
	b[0] = recordVersion
	binary.BigEndian.PutUint64(b[1:9], uint64(expiration))
	binary.BigEndian.PutUint32(b[9:13], uint32(len(metadata)))
	n := copy(b[recordHeaderLen:], metadata)
	copy(b[recordHeaderLen+n:], value)
	return b
}

// decodeRecord splits a record without copying: the slices alias rec.
// metadata is nil when the record has none.
func decodeRecord(rec []byte) (expiration int64, metadata, value []byte, err error) {
	if len(rec) < recordHeaderLen || rec[0] != recordVersion {
		return 0, nil, nil, fmt.Errorf("%w: record of %d bytes with version %d", ErrCorrupt, len(rec), versionOf(rec))
	}
	expiration = int64(binary.BigEndian.Uint64(rec[1:9]))
	m := binary.BigEndian.Uint32(rec[9:13])
	if uint64(m) > uint64(len(rec)-recordHeaderLen) {
		return 0, nil, nil, fmt.Errorf("%w: metadata length %d overruns record of %d bytes", ErrCorrupt, m, len(rec))
	}
	if m > 0 {
		metadata = rec[recordHeaderLen : recordHeaderLen+m : recordHeaderLen+m]
	}
	return expiration, metadata, rec[recordHeaderLen+m:], nil
}

func versionOf(rec []byte) int {
	if len(rec) == 0 {
		return -1
	}
	return int(rec[0])
}

// expiryKey is the expiry-index key of key expiring at expiration. Big-endian
// seconds first, so a cursor walks the index in expiration order.
func expiryKey(expiration int64, key []byte) []byte {
	b := make([]byte, 8+len(key))
	binary.BigEndian.PutUint64(b, uint64(expiration))
	copy(b[8:], key)
	return b
}

// isExpired is the single expiry rule for get, list and sweep: a key whose
// expiration is at or before now (unix seconds) is gone.
//
// Deviation: Miniflare hides a key whose expiration equals now from get but
// still lists it (spec A.10); we apply one rule to both.
func isExpired(expiration, now int64) bool {
	return expiration != 0 && expiration <= now
}
