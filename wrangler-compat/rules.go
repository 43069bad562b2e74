package wrangler

import "strings"

// Module rules say how an imported file that is not JavaScript becomes a module (spec D.3
// "rules"; wrangler deployment-bundle/rules.ts and module-collection.ts).

// Module rule types.
const (
	RuleESModule     = "ESModule"
	RuleCommonJS     = "CommonJS"
	RuleCompiledWasm = "CompiledWasm"
	RuleText         = "Text"
	RuleData         = "Data"
)

// ModuleRule is one entry of "rules": files whose import specifier matches one of Globs
// become modules of Type.
type ModuleRule struct {
	Type        string   // RuleText, RuleData, RuleCompiledWasm, RuleESModule or RuleCommonJS
	Globs       []string // matched against the import specifier, as wrangler does
	Fallthrough bool     // later rules of the same type stay active
	Default     bool     // one of wrangler's default rules
	Line        int      // where the rule was written; 0 for a default rule
}

// DefaultModuleRules are wrangler's default rules, appended after the config's rules.
func DefaultModuleRules() []ModuleRule {
	return []ModuleRule{
		{Type: RuleText, Globs: []string{"**/*.txt", "**/*.html", "**/*.sql"}, Default: true},
		{Type: RuleData, Globs: []string{"**/*.bin"}, Default: true},
		{Type: RuleCompiledWasm, Globs: []string{"**/*.wasm", "**/*.wasm?module"}, Default: true},
	}
}

// ruleIn is a rule as written, before the defaults and fallthrough are applied.
type ruleIn struct {
	rule         ModuleRule
	fallsThrough *bool // nil when not written: wrangler tells "absent" from false
	key          string
	node         *node
}

// rules validates "rules": an array of tables {type, globs, fallthrough?}. Python rule
// types are accepted by wrangler and dropped here with a warning.
func (c *checker) rules(n *node, key string) []ruleIn {
	entries, idx := c.bindingArray(n, key)
	var out []ruleIn
	for j, e := range entries {
		k := indexKey(key, idx[j])
		r := ruleIn{key: k, node: e, rule: ModuleRule{Line: e.line}}
		ok := true
		for _, name := range e.keys {
			v, fk := e.fields[name], joinKey(k, name)
			switch name {
			case "type":
				s, good := c.str(v, fk)
				switch {
				case !good:
					ok = false
				case s == RuleESModule || s == RuleCommonJS || s == RuleCompiledWasm || s == RuleText || s == RuleData:
					r.rule.Type = s
				case s == "PythonModule" || s == "PythonRequirement":
					c.warnf(v, fk, "%s rules are for Python workers, which edge does not run; this rule is ignored", s)
					ok = false
				default:
					c.errorf(v, fk, "expected one of \"ESModule\", \"CommonJS\", \"CompiledWasm\", \"Text\", \"Data\", found %q", s)
					ok = false
				}
			case "globs":
				r.rule.Globs = c.strings(v, fk)
				if v.kind != kindArray || len(r.rule.Globs) != len(v.elems) {
					ok = false
				}
				for i, g := range v.elems {
					if g.kind == kindString && g.str == "" {
						c.errorf(g, indexKey(fk, i), "must not be empty")
						ok = false
					}
				}
			case "fallthrough":
				if v.kind != kindBool {
					c.typeError(v, fk, "a boolean")
					ok = false
					continue
				}
				b := v.bool
				r.fallsThrough = &b
				r.rule.Fallthrough = b
			default:
				c.warnf(v, fk, "unexpected field in a rules entry; ignored")
			}
		}
		for _, req := range []string{"type", "globs"} {
			if e.get(req) == nil {
				c.errorf(e, k, "missing required field %q", req)
				ok = false
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// resolveRules appends wrangler's default rules to the config's and applies fallthrough
// (wrangler's parseRules): the first rule of a type that is not fallthrough = true
// completes the type, and every later rule of that type is removed. Removing a rule warns
// unless the completing rule says fallthrough = false explicitly.
func (c *checker) resolveRules(user []ruleIn) (active, ignored []ModuleRule) {
	all := append([]ruleIn(nil), user...)
	for _, d := range DefaultModuleRules() {
		all = append(all, ruleIn{rule: d})
	}
	completed := map[string]int{} // type → index in all of the completing rule
	for i, r := range all {
		t := r.rule.Type
		if at, done := completed[t]; done {
			ignored = append(ignored, r.rule)
			by := all[at]
			if by.fallsThrough != nil && !*by.fallsThrough {
				continue // fallthrough = false: removal is intended, no warning
			}
			if !r.rule.Default {
				c.warnf(r.node, r.key, "this rule has the same type (%s) as %s, which is not marked `fallthrough = true`, so it is ignored. "+
					"Add `fallthrough = true` to %s to use both, or `fallthrough = false` to silence this warning.", t, by.key, by.key)
			} else {
				c.warnf(by.node, by.key, "this rule replaces wrangler's default %s rule (%s), which is ignored. "+
					"Add `fallthrough = true` to keep the default rule too, or `fallthrough = false` to silence this warning.",
					t, strings.Join(r.rule.Globs, ", "))
			}
			continue
		}
		if r.fallsThrough == nil || !*r.fallsThrough {
			completed[t] = i
		}
		active = append(active, r.rule)
	}
	return active, ignored
}
