package wrangler

// blobs validates [text_blobs], [data_blobs] or [wasm_modules]: a table of global name to
// file path (relative to the config file; Load resolves them). The files are not read
// here: edge serve reads them when it builds the bindings, so a missing file is reported
// there, naming the key.
func (c *checker) blobs(n *node, key string, refs *[]bindingRef) []Blob {
	if n.kind != kindTable {
		c.typeError(n, key, c.aTable()+" of names to file paths")
		return nil
	}
	out := []Blob{}
	for _, name := range n.keys {
		v, k := n.fields[name], joinKey(key, name)
		s, ok := c.str(v, k)
		if !ok {
			continue
		}
		if s == "" {
			c.errorf(v, k, "must not be empty")
			continue
		}
		out = append(out, Blob{Name: name, Path: s, Line: v.line})
		*refs = append(*refs, bindingRef{name: name, key: k, node: v})
	}
	return out
}
