package conformance

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Checks maps check names (status, header:x, check:name, ...) to their values, in the generic
// JSON form (nil, bool, float64, string, []any, map[string]any).
type Checks map[string]any

// Extract computes a response's checks exactly as run.mjs's extractChecks does.
func Extract(q *Request, r *Response, vars Vars) (Checks, error) {
	cmp := q.Compare
	v := Checks{}
	if cmp.Status {
		v["status"] = float64(r.Status)
	}
	for _, h := range cmp.Headers {
		k := strings.ToLower(h)
		switch val := r.Headers[k].(type) {
		case nil:
			v["header:"+k] = nil
		case []string:
			out := make([]any, len(val))
			for i, x := range val {
				out[i] = vars.normalize(x)
			}
			v["header:"+k] = out
		case string:
			v["header:"+k] = vars.normalize(val)
		}
	}
	for h, re := range cmp.HeaderRegex {
		k := strings.ToLower(h)
		rx, err := jsRegexp(re, "")
		if err != nil {
			return nil, fmt.Errorf("headerRegex %s: %v", h, err)
		}
		switch val := r.Headers[k].(type) {
		case nil:
			v["header~:"+k] = false
		case []string:
			v["header~:"+k] = rx.MatchString(strings.Join(val, "\n"))
		case string:
			v["header~:"+k] = rx.MatchString(val)
		}
	}
	for _, h := range cmp.HeadersPresent {
		k := strings.ToLower(h)
		_, ok := r.Headers[k]
		v["header?:"+k] = ok
	}
	text := func() string { return decodeUTF8(r.Body) }
	switch mode := cmp.Body; mode.Kind {
	case "exact":
		v["body"] = bodyRepr(r.Body, vars)
	case "sha256":
		v["body:sha256"] = map[string]any{"length": float64(len(r.Body)), "sha256": sha256hex(r.Body)}
	case "length":
		v["body:length"] = float64(len(r.Body))
	case "none":
	case "json", "checks":
		var parsed any
		if err := json.Unmarshal([]byte(text()), &parsed); err != nil {
			v["body:json-parse"] = "not JSON: " + short(text(), 200)
			return v, nil
		}
		parsed = vars.normalizeJSON(parsed)
		for _, p := range mode.Ignore {
			deletePath(parsed, p)
		}
		if mode.Kind == "json" {
			v["json"] = parsed
		} else if obj, ok := parsed.(map[string]any); ok {
			for k, x := range obj {
				v["check:"+k] = x
			}
		} else {
			v["body:checks-object"] = "not a JSON object: " + short(parsed, 200)
		}
	case "regex":
		rx, err := jsRegexp(mode.Regex, mode.Flags)
		if err != nil {
			return nil, fmt.Errorf("body regex: %v", err)
		}
		v["body~"] = rx.MatchString(vars.normalize(text()))
	case "firstLine":
		first, _, _ := strings.Cut(vars.normalize(text()), "\n")
		v["body:firstLine"] = first
	case "startsWith":
		v["body:startsWith"] = strings.HasPrefix(vars.normalize(text()), mode.StartsWith)
	default:
		return nil, fmt.Errorf("bad body compare mode %q", mode.Kind)
	}
	if cmp.Streamed != 0 {
		v["streamed"] = r.FirstChunkAt >= 0 && float64((r.Total-r.FirstChunkAt).Milliseconds()) >= cmp.Streamed
	}
	if cmp.FasterThanMs != 0 {
		v["faster-than-"+jsNumber(cmp.FasterThanMs)+"ms"] = float64(r.Total.Milliseconds()) < cmp.FasterThanMs
	}
	return v, nil
}

func bodyRepr(b []byte, vars Vars) any {
	if len(b) <= 65536 && utf8.Valid(b) {
		return vars.normalize(string(b))
	}
	return map[string]any{"length": float64(len(b)), "sha256": sha256hex(b)}
}

func sha256hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// deletePath is run.mjs's deletePath: walk a dotted path, delete the last key (an array slot
// becomes a hole, which JSON serialises as null).
func deletePath(v any, p string) {
	ks := strings.Split(p, ".")
	last := ks[len(ks)-1]
	o := v
	for _, k := range ks[:len(ks)-1] {
		o = child(o, k)
		if o == nil {
			return
		}
	}
	switch t := o.(type) {
	case map[string]any:
		delete(t, last)
	case []any:
		if i, err := strconv.Atoi(last); err == nil && i >= 0 && i < len(t) && strconv.Itoa(i) == last {
			t[i] = nil
		}
	}
}

func child(o any, k string) any {
	switch t := o.(type) {
	case map[string]any:
		return t[k]
	case []any:
		if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(t) && strconv.Itoa(i) == k {
			return t[i]
		}
	}
	return nil
}

// jsRegexp compiles a JavaScript regular expression source with RE2 (enough for the patterns
// cases use: no lookaround or backreferences).
func jsRegexp(src, flags string) (*regexp.Regexp, error) {
	prefix := ""
	for _, f := range flags {
		switch f {
		case 'i', 'm', 's':
			prefix += string(f)
		case 'g', 'u', 'd':
		case 'y':
			src = `\A(?:` + src + `)`
		default:
			return nil, fmt.Errorf("unsupported regex flag %q", f)
		}
	}
	if prefix != "" {
		src = "(?" + prefix + ")" + src
	}
	return regexp.Compile(src)
}

// Equal is run.mjs's deepEqual: equality of the JSON serialisations with sorted keys.
func Equal(a, b any) bool {
	return jsStringify(canon(a)) == jsStringify(canon(b))
}

// canon converts Go values to the generic JSON form used by jsStringify.
func canon(v any) any {
	switch t := v.(type) {
	case []string:
		out := make([]any, len(t))
		for i, s := range t {
			out[i] = s
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = canon(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = canon(e)
		}
		return out
	case int:
		return float64(t)
	}
	return v
}

// Show renders a value for a report line, like run.mjs's short(v, 300).
func Show(v any) string { return short(canon(v), 300) }

// Golden is a golden file: golden/NAME.json.
type Golden struct {
	Case         string         `json:"case"`
	Description  string         `json:"description"`
	RecordedWith map[string]any `json:"recordedWith"`
	Runs         []GoldenRun    `json:"runs"`
}

// GoldenRun is one run's recorded results.
type GoldenRun struct {
	Name    string          `json:"name"`
	Results []GoldenRequest `json:"results"`
}

// GoldenRequest holds one request's recorded checks (ordered as recorded).
type GoldenRequest struct {
	Name   string
	Checks []GoldenCheck
	Error  string
}

// GoldenCheck is one recorded check value.
type GoldenCheck struct {
	Name  string
	Value any
}

func (g *GoldenRequest) UnmarshalJSON(b []byte) error {
	var raw struct {
		Name   string          `json:"name"`
		Checks json.RawMessage `json:"checks"`
		Error  string          `json:"error"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	g.Name, g.Error = raw.Name, raw.Error
	if len(bytes.TrimSpace(raw.Checks)) == 0 || string(raw.Checks) == "null" {
		return nil
	}
	ov, err := parseOrdered(raw.Checks)
	if err != nil {
		return err
	}
	if ov.kind != 'o' {
		return fmt.Errorf("checks of %s is not an object", raw.Name)
	}
	for _, k := range ov.keys {
		g.Checks = append(g.Checks, GoldenCheck{Name: k, Value: ov.vals[k].generic()})
	}
	return nil
}

// LoadGolden reads a golden file.
func LoadGolden(path string) (*Golden, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g Golden
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &g, nil
}

// Count returns the number of recorded checks.
func (g *Golden) Count() int {
	n := 0
	for _, r := range g.Runs {
		for _, q := range r.Results {
			n += len(q.Checks)
		}
	}
	return n
}

// Label is how reports (and known_failures.json) name a check: "CASE/REQUEST CHECK", with the
// run's name inserted ("CASE/RUN/REQUEST CHECK") when the golden has several runs — the node
// runner's labels, prefixed with the case.
func (g *Golden) Label(run, request, check string) string {
	if len(g.Runs) > 1 {
		return g.Case + "/" + run + "/" + request + " " + check
	}
	return g.Case + "/" + request + " " + check
}

// KnownFailures maps check labels to the reason edge is expected to fail them.
type KnownFailures map[string]string

// LoadKnownFailures reads known_failures.json; a missing file is an empty list.
func LoadKnownFailures(path string) (KnownFailures, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return KnownFailures{}, nil
	}
	if err != nil {
		return nil, err
	}
	kf := KnownFailures{}
	if err := json.Unmarshal(data, &kf); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return kf, nil
}

// Keys returns the labels, sorted.
func (k KnownFailures) Keys() []string {
	out := make([]string, 0, len(k))
	for l := range k {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
