package webcrypto

import "strings"

// Params is an algorithm dictionary (AlgorithmIdentifier) as the caller passed it. Members are
// read on demand, in the order an operation needs them; the JS binding converts each the way
// WebIDL does and copies BufferSource members, so nothing read aliases caller memory. A
// conversion failure (a getter that throws, a member of the wrong type) is the binding's to
// report: it may panic with the JS exception.
type Params interface {
	// Name is the algorithm name as given ("" when absent).
	Name() string
	// Bytes reads a BufferSource member.
	Bytes(member string) ([]byte, bool)
	// Int reads an integer member ([EnforceRange] unsigned long and friends).
	Int(member string) (int, bool)
	// Hash reads a HashAlgorithmIdentifier member (a string or {name}) and returns the name.
	Hash(member string) (string, bool)
	// String reads a DOMString member.
	String(member string) (string, bool)
	// Key reads a CryptoKey member.
	Key(member string) (*Key, bool)
}

// MapParams is a Params over a Go map, for tests and for Go callers. Values are []byte,
// int, string (also for hashes) or *Key.
type MapParams map[string]any

// Name implements Params.
func (m MapParams) Name() string { s, _ := m["name"].(string); return s }

// Bytes implements Params.
func (m MapParams) Bytes(k string) ([]byte, bool) { v, ok := m[k].([]byte); return v, ok }

// Int implements Params.
func (m MapParams) Int(k string) (int, bool) { v, ok := m[k].(int); return v, ok }

// Hash implements Params.
func (m MapParams) Hash(k string) (string, bool) { v, ok := m[k].(string); return v, ok }

// String implements Params.
func (m MapParams) String(k string) (string, bool) { v, ok := m[k].(string); return v, ok }

// Key implements Params.
func (m MapParams) Key(k string) (*Key, bool) { v, ok := m[k].(*Key); return v, ok }

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// hashParam reads and normalises a required hash member.
func hashParam(p Params) (hashAlg, error) {
	name, ok := p.Hash("hash")
	if !ok {
		return hashAlg{}, missing("hash")
	}
	return lookupHash(name)
}

func requiredBytes(p Params, member string) ([]byte, error) {
	b, ok := p.Bytes(member)
	if !ok {
		return nil, missing(member)
	}
	return b, nil
}

func requiredInt(p Params, member string) (int, error) {
	n, ok := p.Int(member)
	if !ok {
		return 0, missing(member)
	}
	return n, nil
}
