package wrangler

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The one validator. It reads the intermediate tree (whatever the file format), collects
// every problem it finds, and builds the Config for the requested environment. Messages
// follow wrangler's where wrangler's wording is the thing users search for (environment
// and inheritance problems); elsewhere they use the "expected X, found Y" form.

type checker struct {
	file  string
	json  bool // the file is JSON(C): say "object" rather than "table"
	diags Diagnostics
}

func (c *checker) add(n *node, key string, warning bool, format string, args ...any) {
	d := Diagnostic{File: c.file, Key: key, Message: fmt.Sprintf(format, args...), Warning: warning}
	if n != nil {
		// Column is left out: a key's line is what users need, and it keeps String in
		// the documented "file:line: key: message" form. Syntax errors carry a column.
		d.Line = n.line
	}
	c.diags = append(c.diags, d)
}

func (c *checker) errorf(n *node, key, format string, args ...any) {
	c.add(n, key, false, format, args...)
}

func (c *checker) warnf(n *node, key, format string, args ...any) {
	c.add(n, key, true, format, args...)
}

// typeError reports that n at key is not of the wanted type ("a string", "an array of
// tables", …).
func (c *checker) typeError(n *node, key, want string) {
	found := n.typeName(c.json)
	if n.kind == kindDatetime && strings.Contains(want, "string") {
		found += " (TOML dates are not strings; put the value in quotes)"
	}
	c.errorf(n, key, "expected %s, found %s", want, found)
}

// table names a table in the file's vocabulary; aTable adds the article.
func (c *checker) table() string {
	if c.json {
		return "object"
	}
	return "table"
}

func (c *checker) aTable() string {
	if c.json {
		return "an object"
	}
	return "a table"
}

// section is the validated content of one table: the top level or one [env.NAME]. A nil
// pointer or a false has* flag means the key is absent.
type section struct {
	name, main, compatDate *string
	compatFlags            []string
	vars                   []Var
	define                 map[string]string
	kv                     []KVNamespace
	services               []Service
	crons                  []string
	rules                  []ruleIn
	build                  Build
	limits                 Limits
	secretsRequired        []string
	hasFlags, hasVars      bool
	hasDefine, hasKV       bool
	hasServices, hasCrons  bool
	hasRules, hasBuild     bool
	hasLimits              bool
	buildIgnored           []string // [build] fields parsed but not acted on

	// Where each valid binding name was written (kv, services, vars).
	bindings []bindingRef
}

// bindingRef locates one binding name for the uniqueness check.
type bindingRef struct {
	name string
	key  string // e.g. "kv_namespaces[0].binding"
	node *node
}

// config validates root and builds the Config for env ("" = top level). It returns nil
// only when the file is unusable; errors are in c.diags either way.
func (c *checker) config(root *node, env string) *Config {
	if root.kind != kindTable {
		c.typeError(root, "", c.aTable()+" at the top level")
		return nil
	}
	c.checkKeys(root, "", true)
	top := c.section(root, "")

	envs := root.get("env")
	cur := top
	var envNode *node
	if env != "" {
		envNode = envs.get(env)
		if envNode != nil && envNode.kind == kindTable {
			c.checkKeys(envNode, "env."+env+".", false)
			cur = c.section(envNode, "env."+env+".")
		} else {
			envNode = nil
			c.envNotFound(envs, env)
		}
	}

	cfg := &Config{}
	// Inheritable keys: the environment's value, else the top level's.
	pick := func(e, t *string) string {
		switch {
		case e != nil:
			return *e
		case t != nil:
			return *t
		}
		return ""
	}
	// An environment's own name is used as is; otherwise the top-level name gets the
	// environment appended (wrangler's appendEnvName), also when [env.NAME] is missing.
	if envNode != nil && cur.name != nil {
		cfg.Name = *cur.name
	} else if top.name != nil && *top.name != "" {
		cfg.Name = *top.name
		if env != "" {
			cfg.Name += "-" + env // wrangler's appendEnvName
		}
	}
	cfg.Main = pick(cur.main, top.main)
	cfg.CompatibilityDate = pick(cur.compatDate, top.compatDate)
	cfg.CompatibilityFlags = top.compatFlags
	if cur.hasFlags {
		cfg.CompatibilityFlags = cur.compatFlags
	}
	cfg.Crons = top.crons
	if cur.hasCrons {
		cfg.Crons = cur.crons
	}

	rules, build, limits := top.rules, top.build, top.limits
	buildIgnored, hasLimits := top.buildIgnored, top.hasLimits
	if cur.hasRules {
		rules = cur.rules
	}
	if cur.hasBuild {
		build, buildIgnored = cur.build, cur.buildIgnored
	}
	if cur.hasLimits {
		limits, hasLimits = cur.limits, true
	}
	cfg.Rules, cfg.IgnoredRules = c.resolveRules(rules)
	cfg.Build, cfg.Limits = build, limits

	// Non-inheritable keys: the environment's value only (when an environment was found).
	cfg.Vars, cfg.Define, cfg.KVNamespaces, cfg.Services = cur.vars, cur.define, cur.kv, cur.services
	cfg.SecretsRequired = cur.secretsRequired
	if envNode != nil {
		c.notInherited(root, envNode, env, top, cur)
	}

	// Top-level-only keys: always the top level's.
	refs := slices.Clone(cur.bindings)
	if n := root.get("text_blobs"); n != nil {
		cfg.TextBlobs = c.blobs(n, "text_blobs", &refs)
	}
	if n := root.get("data_blobs"); n != nil {
		cfg.DataBlobs = c.blobs(n, "data_blobs", &refs)
	}
	if n := root.get("wasm_modules"); n != nil {
		cfg.WasmModules = c.blobs(n, "wasm_modules", &refs)
	}
	var devIgnored []string
	if n := root.get("dev"); n != nil {
		cfg.Dev = c.dev(n, &devIgnored)
	}
	if n := root.get("test"); n != nil {
		cfg.Test = c.test(n)
	}

	c.applySupport(root, envNode, env, cfg, &refs)
	if hasLimits {
		cfg.Ignored = append(cfg.Ignored, "limits")
	}
	cfg.Ignored = append(append(cfg.Ignored, devIgnored...), buildIgnored...)
	c.uniqueBindings(refs)
	return cfg
}

// envNotFound reports --env NAME without [env.NAME]: an error if the file defines other
// environments, a warning if it defines none (workers-utils validation.ts).
func (c *checker) envNotFound(envs *node, env string) {
	var names []string
	if envs != nil && envs.kind == kindTable {
		names = envs.keys
	}
	msg := fmt.Sprintf("No environment found in configuration with name %q. "+
		"Before using `--env=%s` there should be an equivalent environment section in the configuration.", env, env)
	if len(names) == 0 {
		c.warnf(envs, "env", "%s Consider adding an environment configuration section: [env.%s]", msg, env)
		return
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	c.errorf(envs, "env", "%s The available configured environment names are: [%s]", msg, strings.Join(quoted, ","))
}

// checkKeys warns about keys wrangler does not know, and (in an environment) about keys
// that only the top level may set. At the top level it also checks the shape of "env".
func (c *checker) checkKeys(t *node, prefix string, topLevel bool) {
	for _, k := range t.keys {
		v := t.fields[k]
		switch classOf(k) {
		case keyUnknown:
			if topLevel {
				c.warnf(v, prefix+k, "unknown top-level key; wrangler does not know it, edge ignores it")
			} else {
				c.warnf(v, prefix+k, "unknown key in an environment; wrangler does not know it, edge ignores it")
			}
		case keyTopLevelOnly:
			if !topLevel {
				c.warnf(v, prefix+k, "%q can only be set at the top level; ignored in an environment", k)
			}
		case keyRemoved:
			c.warnf(v, prefix+k, "%q is no longer supported by wrangler v4; ignored", k)
		}
	}
	if !topLevel {
		return
	}
	if s := t.get("$schema"); s != nil && s.kind != kindString {
		c.typeError(s, "$schema", "a string")
	}
	if envs := t.get("env"); envs != nil {
		if envs.kind != kindTable {
			c.typeError(envs, "env", c.aTable()+" of environments")
			return
		}
		for _, name := range envs.keys {
			if e := envs.fields[name]; e.kind != kindTable {
				c.typeError(e, "env."+name, c.aTable())
			}
		}
	}
}

// section validates the keys edge uses in one table.
func (c *checker) section(t *node, prefix string) section {
	s := section{}
	if n := t.get("name"); n != nil {
		if v, ok := c.str(n, prefix+"name"); ok {
			if !validName(v) {
				c.errorf(n, prefix+"name", "expected lowercase letters, digits, dashes and underscores, not starting with a dash, found %q", v)
			}
			s.name = &v
		}
	}
	if n := t.get("main"); n != nil {
		if v, ok := c.str(n, prefix+"main"); ok {
			s.main = &v
		}
	}
	if n := t.get("compatibility_date"); n != nil {
		if v, ok := c.str(n, prefix+"compatibility_date"); ok {
			if msg := checkDate(v); msg != "" {
				c.errorf(n, prefix+"compatibility_date", "%s", msg)
			}
			s.compatDate = &v
		}
	}
	if n := t.get("compatibility_flags"); n != nil {
		s.compatFlags, s.hasFlags = c.strings(n, prefix+"compatibility_flags"), true
	}
	if n := t.get("vars"); n != nil {
		s.vars, s.hasVars = c.vars(n, prefix+"vars", &s.bindings), true
	}
	if n := t.get("define"); n != nil {
		s.define, s.hasDefine = c.define(n, prefix+"define"), true
	}
	if n := t.get("kv_namespaces"); n != nil {
		s.kv, s.hasKV = c.kvNamespaces(n, prefix+"kv_namespaces", &s.bindings), true
	}
	if n := t.get("services"); n != nil {
		s.services, s.hasServices = c.services(n, prefix+"services", &s.bindings), true
	}
	if n := t.get("triggers"); n != nil {
		s.crons, s.hasCrons = c.triggers(n, prefix+"triggers")
	}
	if n := t.get("rules"); n != nil {
		s.rules, s.hasRules = c.rules(n, prefix+"rules"), true
	}
	if n := t.get("build"); n != nil {
		s.build, s.hasBuild = c.build(n, prefix+"build", &s.buildIgnored), true
	}
	if n := t.get("limits"); n != nil {
		s.limits, s.hasLimits = c.limits(n, prefix+"limits"), true
	}
	if n := t.get("secrets"); n != nil {
		s.secretsRequired = c.secrets(n, prefix+"secrets")
	}
	return s
}

// validName is wrangler's isValidName: /^$|^[a-z0-9_][a-z0-9-_]*$/ (workers-utils
// validation-helpers.ts). The docs say "alphanumerics and dashes"; the source also allows
// underscores, and the source is what users meet.
func validName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' && i > 0) {
			return false
		}
	}
	return true
}

// checkDate returns a message if s is not a valid yyyy-mm-dd date.
func checkDate(s string) string {
	shape := len(s) == 10
	for i := 0; shape && i < len(s); i++ {
		if i == 4 || i == 7 {
			shape = s[i] == '-'
		} else {
			shape = s[i] >= '0' && s[i] <= '9'
		}
	}
	if !shape {
		return fmt.Sprintf("expected a date as \"yyyy-mm-dd\", found %q", s)
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return fmt.Sprintf("%q is not a valid date", s)
	}
	return ""
}

func (c *checker) str(n *node, key string) (string, bool) {
	if n.kind != kindString {
		c.typeError(n, key, "a string")
		return "", false
	}
	return n.str, true
}

func (c *checker) boolean(n *node, key string) {
	if n.kind != kindBool {
		c.typeError(n, key, "a boolean")
	}
}

// strings checks an array of strings; bad elements are reported and left out.
func (c *checker) strings(n *node, key string) []string {
	if n.kind != kindArray {
		c.typeError(n, key, "an array of strings")
		return nil
	}
	out := []string{}
	for i, e := range n.elems {
		if s, ok := c.str(e, indexKey(key, i)); ok {
			out = append(out, s)
		}
	}
	return out
}

// vars: a table of strings or JSON values (spec D.3; WR dev-vars.ts toVarBinding).
func (c *checker) vars(n *node, key string, refs *[]bindingRef) []Var {
	if n.kind != kindTable {
		c.typeError(n, key, c.aTable()+" of variables")
		return nil
	}
	vars := []Var{}
	for _, name := range n.keys {
		v, k := n.fields[name], joinKey(key, name)
		switch v.kind {
		case kindString:
			vars = append(vars, Var{Name: name, Value: v.str})
			*refs = append(*refs, bindingRef{name: name, key: k, node: v})
		case kindDatetime:
			// wrangler's message (validation.ts validateVars).
			c.errorf(v, k, "is a TOML date, which is not supported. Please use a string instead, e.g. %s = %q", name, v.time.Format("2006-01-02"))
		default:
			val, bad := v.jsonValue()
			if bad != nil {
				c.errorf(bad, k, "a %s cannot be represented in JSON; use a string", bad.typeName(c.json))
				continue
			}
			vars = append(vars, Var{Name: name, Value: val, JSON: true})
			*refs = append(*refs, bindingRef{name: name, key: k, node: v})
		}
	}
	return vars
}

// define: a table of strings (build-time substitutions).
func (c *checker) define(n *node, key string) map[string]string {
	if n.kind != kindTable {
		c.typeError(n, key, c.aTable()+" of strings")
		return nil
	}
	out := map[string]string{}
	for _, name := range n.keys {
		if s, ok := c.str(n.fields[name], joinKey(key, name)); ok {
			out[name] = s
		}
	}
	return out
}

// bindingArray checks that n is an array of tables and returns its tables (bad elements
// are reported and left out, with their indices kept in the key paths).
func (c *checker) bindingArray(n *node, key string) ([]*node, []int) {
	if n.kind != kindArray {
		hint := ""
		if n.kind == kindTable && !c.json {
			hint = fmt.Sprintf(" (write [[%s]], with double brackets)", key[strings.LastIndex(key, ".")+1:])
		}
		c.errorf(n, key, "expected an array of %ss, found %s%s", c.table(), n.typeName(c.json), hint)
		return nil, nil
	}
	var out []*node
	var idx []int
	for i, e := range n.elems {
		if e.kind != kindTable {
			c.typeError(e, indexKey(key, i), c.aTable())
			continue
		}
		out, idx = append(out, e), append(idx, i)
	}
	return out, idx
}

// fieldSpec describes one field of a binding entry.
type fieldSpec struct {
	name     string
	kind     kind // kindString, kindBool or kindTable
	required bool
	nonEmpty bool
}

// entry validates one binding table against specs. It returns the string fields found
// (valid ones only) and whether every required field was valid. Unknown fields warn
// (wrangler's validateAdditionalProperties).
func (c *checker) entry(e *node, key, what string, specs []fieldSpec) (map[string]string, bool) {
	got := map[string]string{}
	ok := true
	for _, f := range specs {
		v, k := e.get(f.name), joinKey(key, f.name)
		if v == nil {
			if f.required {
				c.errorf(e, key, "missing required field %q", f.name)
				ok = false
			}
			continue
		}
		switch f.kind {
		case kindString:
			s, good := c.str(v, k)
			if good && f.nonEmpty && s == "" {
				c.errorf(v, k, "must not be empty")
				good = false
			}
			if good {
				got[f.name] = s
			} else if f.required {
				ok = false
			}
		case kindBool:
			c.boolean(v, k)
		case kindTable:
			if v.kind != kindTable {
				c.typeError(v, k, c.aTable())
			}
		}
	}
	for _, name := range e.keys {
		known := false
		for _, f := range specs {
			known = known || f.name == name
		}
		if !known {
			c.warnf(e.fields[name], joinKey(key, name), "unexpected field in a %s entry; ignored", what)
		}
	}
	return got, ok
}

// kvNamespaces: [[kv_namespaces]] with binding (required), id and preview_id (optional,
// non-empty), remote (bool) — workers-utils validateKVBinding.
func (c *checker) kvNamespaces(n *node, key string, refs *[]bindingRef) []KVNamespace {
	specs := []fieldSpec{
		{name: "binding", kind: kindString, required: true, nonEmpty: true},
		{name: "id", kind: kindString, nonEmpty: true},
		{name: "preview_id", kind: kindString, nonEmpty: true},
		{name: "remote", kind: kindBool},
	}
	entries, idx := c.bindingArray(n, key)
	out := []KVNamespace{}
	for j, e := range entries {
		k := indexKey(key, idx[j])
		f, ok := c.entry(e, k, "kv_namespaces", specs)
		if ok {
			out = append(out, KVNamespace{Binding: f["binding"], ID: f["id"], PreviewID: f["preview_id"], Line: e.line})
			*refs = append(*refs, bindingRef{name: f["binding"], key: joinKey(k, "binding"), node: e.get("binding")})
		}
	}
	return out
}

// services: [[services]] with binding and service (required), entrypoint, props, remote,
// environment (deprecated) — workers-utils validateServiceBinding.
func (c *checker) services(n *node, key string, refs *[]bindingRef) []Service {
	specs := []fieldSpec{
		{name: "binding", kind: kindString, required: true, nonEmpty: true},
		{name: "service", kind: kindString, required: true, nonEmpty: true},
		{name: "entrypoint", kind: kindString, nonEmpty: true},
		{name: "props", kind: kindTable},
		{name: "remote", kind: kindBool},
		{name: "environment", kind: kindString},
	}
	entries, idx := c.bindingArray(n, key)
	out := []Service{}
	for j, e := range entries {
		k := indexKey(key, idx[j])
		f, ok := c.entry(e, k, "services", specs)
		if !ok {
			continue
		}
		s := Service{Binding: f["binding"], Service: f["service"], Entrypoint: f["entrypoint"], Line: e.line}
		if p := e.get("props"); p != nil && p.kind == kindTable {
			v, bad := p.jsonValue()
			if bad != nil {
				c.errorf(bad, joinKey(k, "props"), "a %s cannot be represented in JSON", bad.typeName(c.json))
				continue
			}
			s.Props = v.(map[string]any)
		}
		out = append(out, s)
		*refs = append(*refs, bindingRef{name: s.Binding, key: joinKey(k, "binding"), node: e.get("binding")})
	}
	return out
}

// triggers: [triggers] crons = [...]. "events" is known and ignored; other fields warn.
func (c *checker) triggers(n *node, key string) ([]string, bool) {
	if n.kind != kindTable {
		c.typeError(n, key, c.aTable())
		return nil, false
	}
	for _, name := range n.keys {
		if name != "crons" && name != "events" {
			c.warnf(n.fields[name], joinKey(key, name), "unexpected field in triggers; ignored")
		}
	}
	crons := []string{}
	if cr := n.get("crons"); cr != nil {
		crons = c.strings(cr, joinKey(key, "crons"))
	}
	return crons, true
}

// notInherited warns about non-inheritable keys set at the top level but not in the
// environment (workers-utils notInheritable), and about top-level vars, define entries
// and KV/service bindings missing from the environment's own lists.
func (c *checker) notInherited(root, envNode *node, env string, top, cur section) {
	for _, k := range root.keys {
		if classOf(k) != keyNonInheritable || envNode.get(k) != nil {
			continue
		}
		c.warnf(envNode, "env."+env, "%q exists at the top level, but not on \"env.%s\". "+
			"This is not what you probably want, since %q is not inherited by environments. "+
			"Please add %q to \"env.%s\".", k, env, k, k, env)
	}
	if top.hasVars && cur.hasVars {
		if missing := missingNames(varNames(top.vars), varNames(cur.vars)); len(missing) > 0 {
			c.warnf(envNode.get("vars"), "env."+env+".vars", "The following vars exist at the top level, but not on \"env.%s.vars\": %s. "+
				"This is probably not what you want, since \"vars\" configuration is not inherited by environments.",
				env, strings.Join(missing, ", "))
		}
	}
	if top.hasDefine && cur.hasDefine && len(top.define) > 0 {
		topNames, envNames := sortedKeys(top.define), sortedKeys(cur.define)
		if missing := missingNames(topNames, envNames); len(missing) > 0 {
			c.warnf(envNode.get("define"), "env."+env+".define", "The following define entries exist at the top level, but not on \"env.%s.define\": %s. "+
				"This is probably not what you want, since \"define\" configuration is not inherited by environments.",
				env, strings.Join(missing, ", "))
		}
		for _, extra := range missingNames(envNames, topNames) {
			c.warnf(envNode.get("define").get(extra), "env."+env+".define."+extra, "%q exists on \"env.%s\", but not on the top level; "+
				"define entries in an environment can only override top-level ones.", extra, env)
		}
	}
	kvNames := func(bs []KVNamespace) (out []string) {
		for _, b := range bs {
			out = append(out, b.Binding)
		}
		return out
	}
	serviceNames := func(bs []Service) (out []string) {
		for _, b := range bs {
			out = append(out, b.Binding)
		}
		return out
	}
	missingBindings := func(field string, missing []string) {
		for _, name := range missing {
			c.warnf(envNode.get(field), "env."+env+"."+field, "There is a %s binding with name %q at the top level, but not on \"env.%s\". "+
				"This is not what you probably want, since %q configuration is not inherited by environments. "+
				"Please add a binding for %q to \"env.%s.%s\".", field, name, env, field, name, env, field)
		}
	}
	if cur.hasKV {
		missingBindings("kv_namespaces", missingNames(kvNames(top.kv), kvNames(cur.kv)))
	}
	if cur.hasServices {
		missingBindings("services", missingNames(serviceNames(top.services), serviceNames(cur.services)))
	}
}

func varNames(vs []Var) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Name
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// missingNames returns the names in want that are not in have, in want's order.
func missingNames(want, have []string) []string {
	set := map[string]bool{}
	for _, h := range have {
		set[h] = true
	}
	var out []string
	for _, w := range want {
		if !set[w] {
			out = append(out, w)
			set[w] = true
		}
	}
	return out
}

// uniqueBindings reports binding names used twice across the applied bindings (vars,
// kv_namespaces, services, blobs and the bindings edge does not provide), naming both places (wrangler: "Bindings must have unique
// names, so that they can all be referenced in the worker."). The later of the two in
// the file is the one reported.
func (c *checker) uniqueBindings(refs []bindingRef) {
	sort.SliceStable(refs, func(i, j int) bool {
		a, b := refs[i].node, refs[j].node
		return a.line < b.line || a.line == b.line && a.col < b.col
	})
	first := map[string]bindingRef{}
	for _, b := range refs {
		f, dup := first[b.name]
		if !dup {
			first[b.name] = b
			continue
		}
		c.errorf(b.node, b.key, "binding name %q is already used by %s (line %d); bindings must have unique names so that they can all be referenced in the worker",
			b.name, f.key, f.node.line)
	}
}
