package wrangler

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// What edge does with the keys it does not turn into Config fields: the support column of
// the key table (keys.go), applied to the configuration with the environment applied.

// effective returns the node of key k that applies: the top level's for a top-level-only
// key; the environment's, else (for an inheritable key) the top level's; nil if absent.
// prefix is the key-path prefix of the node returned ("" or "env.NAME.").
func effective(root, envNode *node, env string, k keySpec) (n *node, prefix string) {
	if envNode == nil || k.class == keyTopLevelOnly {
		return root.get(k.name), ""
	}
	if n := envNode.get(k.name); n != nil {
		return n, "env." + env + "."
	}
	if k.class == keyInheritable {
		return root.get(k.name), ""
	}
	return nil, ""
}

// applySupport lists deploy-only keys in cfg.Ignored, unsupported bindings in
// cfg.Unsupported in file order (and in refs, for the uniqueness check), and warns about keys edge
// does not implement yet.
func (c *checker) applySupport(root, envNode *node, env string, cfg *Config, refs *[]bindingRef) {
	for _, k := range keyTable() {
		n, prefix := effective(root, envNode, env, k)
		if n == nil {
			continue
		}
		key := prefix + k.name
		switch k.support {
		case supDeployOnly:
			cfg.Ignored = append(cfg.Ignored, k.name)
		case supNotYet:
			if k.quietIf != "" && n.kind == kindBool && strconv.FormatBool(n.bool) == k.quietIf {
				continue
			}
			c.warnf(n, key, "%s; ignored", k.note)
		case supBinding:
			c.unsupportedBindings(n, k.name, key, cfg, refs)
		}
	}
	sort.SliceStable(cfg.Unsupported, func(i, j int) bool { return cfg.Unsupported[i].Line < cfg.Unsupported[j].Line })
}

// unsupportedBindings finds the binding names a key of kind defines: the "binding" (else
// "name") field of each table, looking into arrays and into the "bindings" and
// "producers" members (durable_objects.bindings, unsafe.bindings, queues.producers).
// Entries without a name are skipped: they define nothing edge could expose anyway.
func (c *checker) unsupportedBindings(n *node, kind, key string, cfg *Config, refs *[]bindingRef) {
	add := func(name string, at *node, k string) {
		cfg.Unsupported = append(cfg.Unsupported, UnsupportedBinding{Name: name, Kind: kind, Line: at.line})
		*refs = append(*refs, bindingRef{name: name, key: k, node: at})
	}
	switch kind {
	case "site":
		// Workers Sites binds its KV namespace under a fixed name.
		add("__STATIC_CONTENT", n, key)
		return
	case "assets":
		c.warnf(n, key, "static assets are not served by edge yet; every request goes to the worker")
		if b := n.get("binding"); b != nil && b.kind == kindString && b.str != "" {
			add(b.str, b, joinKey(key, "binding"))
		}
		return
	}
	var walk func(n *node, k string)
	walk = func(n *node, k string) {
		switch n.kind {
		case kindArray:
			for i, e := range n.elems {
				walk(e, indexKey(k, i))
			}
		case kindTable:
			for _, f := range []string{"binding", "name"} {
				if b := n.get(f); b != nil && b.kind == kindString && b.str != "" {
					add(b.str, b, joinKey(k, f))
					return
				}
			}
			for _, f := range []string{"bindings", "producers"} {
				if sub := n.get(f); sub != nil {
					walk(sub, joinKey(k, f))
				}
			}
		}
	}
	walk(n, key)
}

// UnsupportedWarning words Unsupported as one warning, for example
// `env.DB (d1_databases) is not supported by edge; it will be undefined`; "" when every
// binding is supported.
func (c *Config) UnsupportedWarning() string {
	if len(c.Unsupported) == 0 {
		return ""
	}
	parts := make([]string, len(c.Unsupported))
	for i, u := range c.Unsupported {
		parts[i] = fmt.Sprintf("env.%s (%s)", u.Name, u.Kind)
	}
	if len(parts) == 1 {
		return parts[0] + " is not supported by edge; it will be undefined"
	}
	return strings.Join(parts, ", ") + " are not supported by edge; they will be undefined"
}

// IgnoredNote words Ignored as one info note; "" when nothing is ignored.
func (c *Config) IgnoredNote() string {
	if len(c.Ignored) == 0 {
		return ""
	}
	return "ignored by edge (deploy-time settings, or not enforced locally): " + strings.Join(c.Ignored, ", ")
}

// CheckFormat reports what the config asks of a worker that edge cannot give it, once the
// worker's format is known: [text_blobs]/[data_blobs]/[wasm_modules] in an ES-module worker
// (wrangler's messages: they are service-worker globals). The error is a Diagnostics value
// naming the config file.
func (c *Config) CheckFormat(serviceWorker bool) error {
	var ds Diagnostics
	if !serviceWorker {
		if len(c.WasmModules) > 0 {
			ds = append(ds, Diagnostic{File: c.Path, Line: c.WasmModules[0].Line, Key: "wasm_modules",
				Message: "You cannot configure [wasm_modules] with an ES module worker. Instead, import the .wasm module directly in your code"})
		}
		for _, b := range []struct {
			key   string
			blobs []Blob
		}{{"text_blobs", c.TextBlobs}, {"data_blobs", c.DataBlobs}} {
			if len(b.blobs) == 0 {
				continue
			}
			ds = append(ds, Diagnostic{File: c.Path, Line: b.blobs[0].Line, Key: b.key,
				Message: fmt.Sprintf("You cannot configure [%s] with an ES module worker. Instead, import the file directly in your code, "+
					"and optionally configure `[rules]` in your configuration file", b.key)})
		}
	}
	if len(ds) > 0 {
		return ds
	}
	return nil
}
