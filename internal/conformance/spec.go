package conformance

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Case is one case folder: a Workers project plus requests.json, loaded as run.mjs loads it.
type Case struct {
	Name             string
	Dir              string
	Description      string
	Origin           bool
	TimeoutMs        int
	StartupTimeoutMs int
	Runs             []Run
}

// Serve holds the extra `edge serve` flags of a run.
type Serve struct {
	Env           string   `json:"env"`
	TestScheduled bool     `json:"testScheduled"`
	Configs       []string `json:"configs"`
}

// Args returns the flags in the order run.mjs passes them.
func (s Serve) Args() []string {
	var a []string
	for _, c := range s.Configs {
		a = append(a, "--config", c)
	}
	if s.Env != "" {
		a = append(a, "--env", s.Env)
	}
	if s.TestScheduled {
		a = append(a, "--test-scheduled")
	}
	return a
}

// Run is one start of the runtime with its own persist dir.
type Run struct {
	Name     string
	Serve    Serve
	Requests []*Request
}

// Header is one request header as written in requests.json (order kept; arrays give repeats).
type Header struct {
	Name   string
	Values []string // before placeholder substitution
	IsText bool     // a JSON string: placeholders are substituted
}

// Request is one request of a run.
type Request struct {
	Name          string
	Method        string
	Path          string
	Headers       []Header
	Body          json.RawMessage
	SleepBeforeMs int
	TimeoutMs     int
	Compare       Compare
}

// Compare selects the checks recorded for a response (see README "compare").
type Compare struct {
	Status         bool
	Headers        []string
	HeaderRegex    map[string]string
	HeadersPresent []string
	Body           BodyMode
	Streamed       float64 // 0: no check
	FasterThanMs   float64 // 0: no check
}

// BodyMode is the interpreted "body" compare mode.
type BodyMode struct {
	Kind       string // exact, sha256, length, none, json, checks, regex, firstLine, startsWith
	Ignore     []string
	Regex      string
	Flags      string
	StartsWith string
}

// ListCases returns the case folder names under dir (those holding requests.json), sorted.
func ListCases(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), "requests.json")); err == nil {
				names = append(names, e.Name())
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// LoadCase reads dir/name/requests.json.
func LoadCase(dir, name string) (*Case, error) {
	cdir := filepath.Join(dir, name)
	data, err := os.ReadFile(filepath.Join(cdir, "requests.json"))
	if err != nil {
		return nil, err
	}
	c := &Case{Name: name, Dir: cdir, TimeoutMs: 240000, StartupTimeoutMs: 90000}
	trimmed := bytes.TrimSpace(data)
	var top struct {
		Description      string            `json:"description"`
		Origin           json.RawMessage   `json:"origin"`
		TimeoutMs        int               `json:"timeoutMs"`
		StartupTimeoutMs int               `json:"startupTimeoutMs"`
		Serve            json.RawMessage   `json:"serve"`
		Requests         []json.RawMessage `json:"requests"`
		Runs             []struct {
			Name     string            `json:"name"`
			Serve    json.RawMessage   `json:"serve"`
			Requests []json.RawMessage `json:"requests"`
		} `json:"runs"`
	}
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &top.Requests); err != nil {
			return nil, fmt.Errorf("%s: requests.json: %v", name, err)
		}
	} else if err := json.Unmarshal(trimmed, &top); err != nil {
		return nil, fmt.Errorf("%s: requests.json: %v", name, err)
	}
	c.Description = top.Description
	c.Origin = truthy(top.Origin)
	if top.TimeoutMs > 0 {
		c.TimeoutMs = top.TimeoutMs
	}
	if top.StartupTimeoutMs > 0 {
		c.StartupTimeoutMs = top.StartupTimeoutMs
	}
	type rawRun struct {
		name     string
		serve    []json.RawMessage
		requests []json.RawMessage
	}
	var raws []rawRun
	if top.Runs != nil {
		for i, r := range top.Runs {
			n := r.Name
			if n == "" {
				n = fmt.Sprintf("run%d", i)
			}
			raws = append(raws, rawRun{n, []json.RawMessage{top.Serve, r.Serve}, r.Requests})
		}
	} else {
		raws = append(raws, rawRun{"main", []json.RawMessage{top.Serve}, top.Requests})
	}
	for _, rr := range raws {
		serve, err := mergeServe(rr.serve)
		if err != nil {
			return nil, fmt.Errorf("%s: run %s: serve: %v", name, rr.name, err)
		}
		if rr.requests == nil {
			return nil, fmt.Errorf("%s: run %s has no requests array", name, rr.name)
		}
		run := Run{Name: rr.name, Serve: serve}
		seen := map[string]bool{}
		for i, raw := range rr.requests {
			q, err := parseRequest(raw, i)
			if err != nil {
				return nil, fmt.Errorf("%s: run %s: request %d: %v", name, rr.name, i, err)
			}
			if seen[q.Name] {
				return nil, fmt.Errorf("%s: duplicate request name %s", name, q.Name)
			}
			seen[q.Name] = true
			run.Requests = append(run.Requests, q)
		}
		c.Runs = append(c.Runs, run)
	}
	return c, nil
}

// mergeServe merges serve objects key by key, later ones winning ({...top, ...run}).
func mergeServe(parts []json.RawMessage) (Serve, error) {
	merged := map[string]json.RawMessage{}
	for _, p := range parts {
		if len(bytes.TrimSpace(p)) == 0 || string(bytes.TrimSpace(p)) == "null" {
			continue
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(p, &m); err != nil {
			return Serve{}, err
		}
		for k, v := range m {
			merged[k] = v
		}
	}
	var s Serve
	if v, ok := merged["env"]; ok && truthy(v) {
		if err := json.Unmarshal(v, &s.Env); err != nil {
			return s, err
		}
	}
	s.TestScheduled = truthy(merged["testScheduled"])
	if v, ok := merged["configs"]; ok && string(v) != "null" {
		if err := json.Unmarshal(v, &s.Configs); err != nil {
			return s, err
		}
	}
	return s, nil
}

func parseRequest(raw json.RawMessage, i int) (*Request, error) {
	var r struct {
		Name          string          `json:"name"`
		Method        string          `json:"method"`
		Path          string          `json:"path"`
		Headers       json.RawMessage `json:"headers"`
		Body          json.RawMessage `json:"body"`
		SleepBeforeMs float64         `json:"sleepBeforeMs"`
		TimeoutMs     float64         `json:"timeoutMs"`
		Compare       json.RawMessage `json:"compare"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	q := &Request{Name: r.Name, Method: r.Method, Path: r.Path, Body: r.Body, SleepBeforeMs: int(r.SleepBeforeMs), TimeoutMs: int(r.TimeoutMs)}
	if q.Name == "" {
		m := q.Method
		if m == "" {
			m = "GET"
		}
		q.Name = fmt.Sprintf("%d-%s %s", i, m, q.Path)
	}
	if len(bytes.TrimSpace(r.Headers)) > 0 && string(bytes.TrimSpace(r.Headers)) != "null" {
		ov, err := parseOrdered(r.Headers)
		if err != nil {
			return nil, fmt.Errorf("headers: %v", err)
		}
		if ov.kind != 'o' {
			return nil, fmt.Errorf("headers must be an object")
		}
		for _, k := range ov.orderedKeys() {
			v := ov.vals[k]
			h := Header{Name: k, IsText: v.kind == 's'}
			if v.kind == 'a' {
				for _, e := range v.arr {
					h.Values = append(h.Values, e.jsString())
				}
			} else {
				h.Values = []string{v.jsString()}
			}
			q.Headers = append(q.Headers, h)
		}
	}
	cmp, err := parseCompare(r.Compare)
	if err != nil {
		return nil, fmt.Errorf("compare: %v", err)
	}
	q.Compare = cmp
	return q, nil
}

func parseCompare(raw json.RawMessage) (Compare, error) {
	c := Compare{Status: true, Body: BodyMode{Kind: "exact"}}
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return c, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return c, err
	}
	if v, ok := m["status"]; ok && string(bytes.TrimSpace(v)) == "false" {
		c.Status = false
	}
	if v, ok := m["headers"]; ok && truthy(v) {
		if err := json.Unmarshal(v, &c.Headers); err != nil {
			return c, fmt.Errorf("headers: %v", err)
		}
	}
	if v, ok := m["headerRegex"]; ok && truthy(v) {
		ov, err := parseOrdered(v)
		if err != nil || ov.kind != 'o' {
			return c, fmt.Errorf("headerRegex must be an object")
		}
		c.HeaderRegex = map[string]string{}
		for _, k := range ov.keys {
			c.HeaderRegex[k] = ov.vals[k].jsString()
		}
	}
	if v, ok := m["headersPresent"]; ok && truthy(v) {
		if err := json.Unmarshal(v, &c.HeadersPresent); err != nil {
			return c, fmt.Errorf("headersPresent: %v", err)
		}
	}
	if v, ok := m["body"]; ok {
		bm, err := parseBodyMode(v)
		if err != nil {
			return c, err
		}
		c.Body = bm
	}
	if v, ok := m["streamed"]; ok && truthy(v) {
		c.Streamed = 300
		var f float64
		if json.Unmarshal(v, &f) == nil {
			c.Streamed = f
		}
	}
	if v, ok := m["fasterThanMs"]; ok && truthy(v) {
		if err := json.Unmarshal(v, &c.FasterThanMs); err != nil {
			return c, fmt.Errorf("fasterThanMs: %v", err)
		}
	}
	return c, nil
}

// parseBodyMode follows extractChecks' order of tests, with JavaScript truthiness.
func parseBodyMode(raw json.RawMessage) (BodyMode, error) {
	t := bytes.TrimSpace(raw)
	if len(t) > 0 && t[0] == '"' {
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return BodyMode{}, err
		}
		switch s {
		case "exact", "sha256", "length", "none", "json", "checks":
			return BodyMode{Kind: s}, nil
		}
		return BodyMode{}, fmt.Errorf("bad body compare mode %s", t)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(t, &m); err != nil {
		return BodyMode{}, fmt.Errorf("bad body compare mode %s", t)
	}
	switch {
	case truthy(m["json"]) || truthy(m["checks"]):
		bm := BodyMode{Kind: "checks"}
		if truthy(m["json"]) {
			bm.Kind = "json"
		}
		if v, ok := m["ignore"]; ok && truthy(v) {
			if err := json.Unmarshal(v, &bm.Ignore); err != nil {
				return bm, fmt.Errorf("ignore: %v", err)
			}
		}
		return bm, nil
	case truthy(m["regex"]):
		bm := BodyMode{Kind: "regex"}
		_ = json.Unmarshal(m["regex"], &bm.Regex)
		if truthy(m["flags"]) {
			_ = json.Unmarshal(m["flags"], &bm.Flags)
		}
		return bm, nil
	case truthy(m["firstLine"]):
		return BodyMode{Kind: "firstLine"}, nil
	case truthy(m["startsWith"]):
		bm := BodyMode{Kind: "startsWith"}
		_ = json.Unmarshal(m["startsWith"], &bm.StartsWith)
		return bm, nil
	}
	return BodyMode{}, fmt.Errorf("bad body compare mode %s", t)
}

var placeholderRE = regexp.MustCompile(`\{\{(\w+)\}\}`)

// Vars are the placeholder values of one run: BASE, HOSTPORT, ORIGIN, ORIGIN_HOSTPORT.
type Vars map[string]string

func (v Vars) substitute(s string) string {
	return placeholderRE.ReplaceAllStringFunc(s, func(m string) string {
		if x, ok := v[m[2:len(m)-2]]; ok {
			return x
		}
		return m
	})
}

// normalize replaces run-specific addresses by their placeholders (normalizeText).
func (v Vars) normalize(s string) string {
	for _, k := range []string{"ORIGIN", "ORIGIN_HOSTPORT", "BASE", "HOSTPORT"} {
		if x := v[k]; x != "" {
			s = strings.ReplaceAll(s, x, "{{"+k+"}}")
		}
	}
	return s
}

// normalizeJSON applies normalize to every string and key (normalizeJson).
func (v Vars) normalizeJSON(x any) any {
	switch t := x.(type) {
	case string:
		return v.normalize(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = v.normalizeJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[v.normalize(k)] = v.normalizeJSON(e)
		}
		return out
	}
	return x
}

// buildBody is run.mjs's buildBody; nil means no body.
func buildBody(raw json.RawMessage, vars Vars) ([]byte, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return nil, nil
	}
	if t[0] == '"' {
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return nil, err
		}
		return toUTF8(vars.substitute(s)), nil
	}
	ov, err := parseOrdered(t)
	if err != nil {
		return nil, err
	}
	if ov.kind != 'o' {
		return nil, fmt.Errorf("unsupported body spec %s", t)
	}
	if j, ok := ov.vals["json"]; ok {
		return toUTF8(vars.substitute(j.stringify())), nil
	}
	if b, ok := ov.vals["base64"]; ok {
		return nodeBase64(b.jsString()), nil
	}
	if g, ok := ov.vals["generate"]; ok && !(g.kind == 'n' || (g.kind == 'b' && !g.b) || (g.kind == 'f' && g.f == 0) || (g.kind == 's' && g.s == "")) {
		size, seed := 0, uint32(1)
		if g.kind == 'o' {
			if s, ok := g.vals["size"]; ok && s.kind == 'f' {
				size = int(s.f)
			}
			if s, ok := g.vals["seed"]; ok && s.kind == 'f' {
				seed = toUint32(s.f)
			}
		}
		return generateBytes(size, seed), nil
	}
	if x, ok := ov.vals["text"]; ok {
		return toUTF8(vars.substitute(x.jsString())), nil
	}
	return nil, fmt.Errorf("unsupported body spec %s", t)
}

// toUTF8 is Buffer.from(s, "utf8"); Go strings from JSON are UTF-8 already.
func toUTF8(s string) []byte { return []byte(s) }

// nodeBase64 is Buffer.from(s, "base64"): both alphabets, padding optional, other characters
// skipped, decoding stops at the first "=".
func nodeBase64(s string) []byte {
	var clean []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			i = len(s)
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean = append(clean, c)
		case c == '-':
			clean = append(clean, '+')
		case c == '_':
			clean = append(clean, '/')
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, err := base64.RawStdEncoding.DecodeString(string(clean))
	if err != nil {
		return out
	}
	return out
}
