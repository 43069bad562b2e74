package wrangler

import (
	"math"
	"sort"
	"time"
	"unicode/utf8"
)

// The intermediate tree. Both decoders (toml.go, jsonc.go) produce it; the validator
// (validate.go) reads only it. Every node remembers where it was written: for a table
// member that is the position of its key, for an array element the start of the element,
// for a TOML [table] or [[array]] the header.

type kind uint8

const (
	kindNull     kind = iota // JSON null
	kindString               // both formats
	kindInteger              // TOML integer
	kindFloat                // TOML float
	kindNumber               // JSON number
	kindBool                 // both formats
	kindDatetime             // TOML offset/local date-time, local date, local time
	kindArray                // both formats
	kindTable                // TOML table, JSON object
)

type node struct {
	kind      kind
	line, col int

	str  string    // kindString
	num  float64   // kindNumber, kindFloat
	int  int64     // kindInteger
	bool bool      // kindBool
	time time.Time // kindDatetime

	elems  []*node          // kindArray
	keys   []string         // kindTable, in file order
	fields map[string]*node // kindTable
}

func newTable(line, col int) *node {
	return &node{kind: kindTable, line: line, col: col, fields: map[string]*node{}}
}

// set adds or replaces a member, keeping the position of the first occurrence in the key
// order (as a JavaScript object does).
func (n *node) set(key string, v *node) {
	if _, ok := n.fields[key]; !ok {
		n.keys = append(n.keys, key)
	}
	n.fields[key] = v
}

// get returns the member called key, or nil. It is safe on a nil or non-table node.
func (n *node) get(key string) *node {
	if n == nil || n.kind != kindTable {
		return nil
	}
	return n.fields[key]
}

// typeName names the node's type in messages, in the vocabulary of the file's format.
func (n *node) typeName(json bool) string {
	switch n.kind {
	case kindNull:
		return "null"
	case kindString:
		return "string"
	case kindInteger:
		return "integer"
	case kindFloat:
		return "float"
	case kindNumber:
		return "number"
	case kindBool:
		return "boolean"
	case kindDatetime:
		return "date"
	case kindArray:
		return "array"
	case kindTable:
		if json {
			return "object"
		}
		return "table"
	}
	return "value"
}

// jsonValue converts n to the value encoding/json would produce for the same JSON text:
// map[string]any, []any, string, float64, bool or nil. It fails for values JSON cannot
// hold (dates, NaN, infinities); bad is then the offending node.
func (n *node) jsonValue() (v any, bad *node) {
	switch n.kind {
	case kindNull:
		return nil, nil
	case kindString:
		return n.str, nil
	case kindInteger:
		return float64(n.int), nil
	case kindFloat, kindNumber:
		if math.IsNaN(n.num) || math.IsInf(n.num, 0) {
			return nil, n
		}
		return n.num, nil
	case kindBool:
		return n.bool, nil
	case kindArray:
		out := make([]any, len(n.elems))
		for i, e := range n.elems {
			x, bad := e.jsonValue()
			if bad != nil {
				return nil, bad
			}
			out[i] = x
		}
		return out, nil
	case kindTable:
		out := make(map[string]any, len(n.keys))
		for _, k := range n.keys {
			x, bad := n.fields[k].jsonValue()
			if bad != nil {
				return nil, bad
			}
			out[k] = x
		}
		return out, nil
	}
	return nil, n
}

// lineIndex maps byte offsets of a source to 1-based lines and character columns.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the start of each line
}

func newLineIndex(src []byte) *lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src: src, starts: starts}
}

// pos returns the 1-based line and column of byte offset off. Columns count characters.
func (li *lineIndex) pos(off int) (line, col int) {
	if off > len(li.src) {
		off = len(li.src)
	}
	if off < 0 {
		off = 0
	}
	i := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	return i + 1, utf8.RuneCount(li.src[li.starts[i]:off]) + 1
}
