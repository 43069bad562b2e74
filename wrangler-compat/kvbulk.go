package wrangler

import (
	"encoding/json"
	"fmt"
	"os"
)

// KVBulkItem is one entry of a `wrangler kv bulk put` file: a JSON array of
// {key, value, expiration?, expiration_ttl?, metadata?, base64?} objects.
type KVBulkItem struct {
	Key           string
	Value         string
	Expiration    float64         // 0 = none
	ExpirationTTL float64         // 0 = none
	Metadata      json.RawMessage // nil = none
	Base64        bool            // Value is base64 and must be decoded before storing
	Line          int
}

// maxBulkDiagnostics caps reported problems, as wrangler prints at most 12.
const maxBulkDiagnostics = 12

// LoadKVBulkPut reads a bulk-put file. Unknown properties are warnings; wrong types and
// missing key/value are errors, every one listed with its line (at most 12 of each).
func LoadKVBulkPut(path string) ([]KVBulkItem, Diagnostics, error) {
	root, err := loadJSONFile(path)
	if err != nil {
		return nil, nil, err
	}
	var errs, warns Diagnostics
	add := func(list *Diagnostics, n *node, key, msg string, warning bool) {
		if len(*list) < maxBulkDiagnostics {
			*list = append(*list, Diagnostic{File: path, Line: n.line, Key: key, Message: msg, Warning: warning})
		}
	}
	if root.kind != kindArray {
		return nil, nil, Diagnostics{{File: path, Line: root.line, Message: "expected a JSON array of {\"key\", \"value\"} objects, found " + root.typeName(true)}}
	}
	items := make([]KVBulkItem, 0, len(root.elems))
	for i, el := range root.elems {
		at := fmt.Sprintf("[%d]", i)
		if el.kind != kindTable {
			add(&errs, el, at, "expected an object with \"key\" and \"value\", found "+el.typeName(true), false)
			continue
		}
		it := KVBulkItem{Line: el.line}
		for _, k := range el.keys {
			v := el.fields[k]
			key := at + "." + k
			switch k {
			case "key", "value":
				if v.kind != kindString {
					add(&errs, v, key, "expected a string, found "+v.typeName(true), false)
				} else if k == "key" {
					it.Key = v.str
				} else {
					it.Value = v.str
				}
			case "expiration", "expiration_ttl":
				if v.kind != kindNumber {
					add(&errs, v, key, "expected a number, found "+v.typeName(true), false)
				} else if k == "expiration" {
					it.Expiration = v.num
				} else {
					it.ExpirationTTL = v.num
				}
			case "metadata":
				mv, bad := v.jsonValue()
				if bad != nil {
					add(&errs, bad, key, "not a JSON value", false)
				} else if mv != nil {
					raw, _ := json.Marshal(mv)
					it.Metadata = raw
				}
			case "base64":
				if v.kind != kindBool {
					add(&errs, v, key, "expected a boolean, found "+v.typeName(true), false)
				} else {
					it.Base64 = v.bool
				}
			default:
				add(&warns, v, key, "unexpected property (known: key, value, expiration, expiration_ttl, metadata, base64)", true)
			}
		}
		if el.get("key") == nil {
			add(&errs, el, at, "missing \"key\"", false)
		}
		if el.get("value") == nil {
			add(&errs, el, at, "missing \"value\"", false)
		}
		items = append(items, it)
	}
	if len(errs) > 0 {
		return nil, warns, errs
	}
	return items, warns, nil
}

// LoadKVBulkKeys reads a `kv bulk get`/`kv bulk delete` file: a JSON array of key strings or
// of {"name": …} objects (so `kv key list` output can be fed back in).
func LoadKVBulkKeys(path string) ([]string, error) {
	root, err := loadJSONFile(path)
	if err != nil {
		return nil, err
	}
	if root.kind != kindArray {
		return nil, Diagnostics{{File: path, Line: root.line, Message: "expected a JSON array of key names or {\"name\": …} objects, found " + root.typeName(true)}}
	}
	var errs Diagnostics
	keys := make([]string, 0, len(root.elems))
	for i, el := range root.elems {
		switch {
		case el.kind == kindString:
			keys = append(keys, el.str)
		case el.kind == kindTable && el.get("name") != nil && el.get("name").kind == kindString:
			keys = append(keys, el.get("name").str)
		default:
			if len(errs) < maxBulkDiagnostics {
				errs = append(errs, Diagnostic{File: path, Line: el.line, Key: fmt.Sprintf("[%d]", i), Message: "expected a key string or an object with a string \"name\""})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return keys, nil
}

func loadJSONFile(path string) (*node, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("wrangler: %w", err)
	}
	li := newLineIndex(src)
	root, _, err := parseJSONC(src, li)
	if err != nil {
		if se, ok := err.(*syntaxError); ok {
			line, col := li.pos(se.off)
			return nil, Diagnostics{{File: path, Line: line, Column: col, Message: se.msg}}
		}
		return nil, err
	}
	return root, nil
}
