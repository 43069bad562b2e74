package wrangler

import (
	"math"
	"slices"
)

// The tables that configure the local tools rather than the worker: [dev], [build],
// [limits] and [secrets] (workers-utils validation.ts normalizeAndValidateDev, …Build).

// integer checks that n is a whole number (a TOML integer, or a JSON number without a
// fraction) and returns it.
func (c *checker) integer(n *node, key string) (int64, bool) {
	switch n.kind {
	case kindInteger:
		return n.int, true
	case kindNumber, kindFloat:
		if n.num == math.Trunc(n.num) && math.Abs(n.num) < 1<<53 {
			return int64(n.num), true
		}
	}
	c.typeError(n, key, "a whole number")
	return 0, false
}

// dev validates [dev]. ip and port become edge serve's defaults; local_protocol = "https"
// warns (edge serves plain http); the other fields wrangler knows are listed in ignored.
func (c *checker) dev(n *node, ignored *[]string) Dev {
	var d Dev
	if n.kind != kindTable {
		c.typeError(n, "dev", c.aTable())
		return d
	}
	for _, name := range n.keys {
		v, k := n.fields[name], joinKey("dev", name)
		switch name {
		case "ip":
			if s, ok := c.str(v, k); ok {
				d.IP = s
			}
		case "port":
			if p, ok := c.integer(v, k); ok {
				if p < 1 || p > 65535 {
					c.errorf(v, k, "expected a port number from 1 to 65535, found %d", p)
				} else {
					d.Port = int(p)
				}
			}
		case "local_protocol":
			if s, ok := c.str(v, k); ok {
				switch s {
				case "http":
					d.LocalProtocol = s
				case "https":
					d.LocalProtocol = s
					c.warnf(v, k, "edge serves plain http only; local_protocol = \"https\" is ignored (put a TLS-terminating proxy in front of edge serve)")
				default:
					c.errorf(v, k, "expected \"http\" or \"https\", found %q", s)
				}
			}
		case "upstream_protocol", "host", "inspector_ip", "container_engine":
			if _, ok := c.str(v, k); ok {
				*ignored = append(*ignored, k)
			}
		case "inspector_port":
			if _, ok := c.integer(v, k); ok {
				*ignored = append(*ignored, k)
			}
		case "enable_containers", "generate_types":
			c.boolean(v, k)
			*ignored = append(*ignored, k)
		default:
			c.warnf(v, k, "unexpected field in dev; ignored")
		}
	}
	return d
}

// test validates [test], edge's own table for `edge test`: kv_seed is a table of KV binding
// names to `wrangler kv bulk put` files (relative to the config file; Load resolves them,
// edge test reads them).
func (c *checker) test(n *node) Test {
	var t Test
	if n.kind != kindTable {
		c.typeError(n, "test", c.aTable())
		return t
	}
	for _, name := range n.keys {
		v, k := n.fields[name], joinKey("test", name)
		switch name {
		case "kv_seed":
			if v.kind != kindTable {
				c.typeError(v, k, c.aTable()+" of KV binding names to files")
				continue
			}
			for _, b := range v.keys {
				f, fk := v.fields[b], joinKey(k, b)
				if s, ok := c.str(f, fk); ok && s != "" {
					t.KVSeed = append(t.KVSeed, Blob{Name: b, Path: s, Line: f.line})
				} else if ok {
					c.errorf(f, fk, "must not be empty")
				}
			}
		default:
			c.warnf(v, k, "unexpected field in test; ignored")
		}
	}
	return t
}

// build validates [build]: command and cwd (strings), watch_dir (a string or an array of
// strings). "upload" is wrangler v1's custom-build format, which wrangler v4 rejects.
func (c *checker) build(n *node, key string, ignored *[]string) Build {
	var b Build
	if n.kind != kindTable {
		c.typeError(n, key, c.aTable())
		return b
	}
	for _, name := range n.keys {
		v, k := n.fields[name], joinKey(key, name)
		switch name {
		case "command":
			if s, ok := c.str(v, k); ok {
				b.Command = s
			}
		case "cwd":
			if s, ok := c.str(v, k); ok {
				b.Cwd = s
			}
		case "watch_dir":
			if v.kind == kindArray {
				b.WatchDirs = c.strings(v, k)
			} else if s, ok := c.str(v, k); ok {
				b.WatchDirs = []string{s}
			}
			*ignored = append(*ignored, "build.watch_dir")
		case "upload":
			c.warnf(v, k, "[build.upload] is wrangler v1's custom-build format, which wrangler v4 no longer supports; ignored (set main to the built file)")
		default:
			c.warnf(v, k, "unexpected field in build; ignored")
		}
	}
	return b
}

// limits validates [limits]: cpu_ms and subrequests, positive whole numbers. They are
// exposed on Config but not enforced, as in wrangler dev.
func (c *checker) limits(n *node, key string) Limits {
	var l Limits
	if n.kind != kindTable {
		c.typeError(n, key, c.aTable())
		return l
	}
	for _, name := range n.keys {
		v, k := n.fields[name], joinKey(key, name)
		switch name {
		case "cpu_ms", "subrequests":
			x, ok := c.integer(v, k)
			if !ok {
				continue
			}
			if x < 1 || x > math.MaxInt32 {
				c.errorf(v, k, "expected a positive whole number, found %d", x)
				continue
			}
			if name == "cpu_ms" {
				l.CPUMs = int(x)
			} else {
				l.Subrequests = int(x)
			}
		default:
			c.warnf(v, k, "unexpected field in limits; ignored")
		}
	}
	return l
}

// secrets validates [secrets]: required, an array of secret names. It returns nil when
// "required" is absent (no filtering).
func (c *checker) secrets(n *node, key string) []string {
	if n.kind != kindTable {
		c.typeError(n, key, c.aTable())
		return nil
	}
	var out []string
	for _, name := range n.keys {
		v, k := n.fields[name], joinKey(key, name)
		if name != "required" {
			c.warnf(v, k, "unexpected field in secrets; ignored")
			continue
		}
		if v.kind != kindArray {
			c.typeError(v, k, "an array of strings")
			continue
		}
		out = []string{}
		for _, s := range c.strings(v, k) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}
