package urlpattern_test

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"
	dunglas "github.com/dunglas/go-urlpattern"
)

// TestDifferentialGoURLPattern compares edge's URLPattern with github.com/dunglas/go-urlpattern
// (an independent implementation of the same standard, matching with Go's RE2) on random
// patterns without regexp groups, where the two engines must agree: construction success, the
// normalized component patterns, test() and the non-empty captured groups (go-urlpattern reports
// a group that did not participate as "" where edge has undefined, and omits the "0" group of a
// wildcard that matched the empty string, which the standard and WPT keep).
func TestDifferentialGoURLPattern(t *testing.T) {
	seed := uint64(20261124)
	rng := rand.New(rand.NewPCG(seed, seed))
	vm := newVM(t)
	v, err := vm.RunString(`(function (init, inputs) {
		let p;
		try { p = new URLPattern(init); } catch (e) { return null; }
		const comps = ['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'];
		const out = { patterns: comps.map((c) => p[c]), results: [] };
		for (const input of inputs) {
			const r = p.exec(input);
			out.results.push(r === null ? null : comps.map((c) =>
				Object.entries(r[c].groups).filter(([k, v]) => v).map(([k, v]) => k + '=' + v).sort().join('&')));
		}
		return JSON.stringify(out);
	})`)
	if err != nil {
		t.Fatal(err)
	}
	run, _ := goja.AssertFunction(v)

	pathPieces := []string{"/", "/foo", "/:id", "/:id?", "/*", "/:rest+", "/:rest*", "{/bar}?", ".", "-",
		":x", "*", "/a{:b}?", "/caf\u00e9", "/%20", "/.", "/..", "?", "\\:", "{x}", "/:a.:b"}
	hostPieces := []string{"example.com", "*.example.com", "{*.}?example.com", ":sub.example.com", "EXAMPLE.com",
		"xn--caf-dma.com", "caf\u00e9.com", "*", "127.0.0.1"}
	paths := []string{"/", "/foo", "/foo/bar", "/a/b/c", "/caf%C3%A9", "/x.y", "/a-b", "", "/.", "/123"}
	hosts := []string{"example.com", "a.example.com", "a.b.example.com", "example.org", "xn--caf-dma.com", "127.0.0.1"}

	const cases = 2000
	agree, skipped := 0, 0
	for i := range cases {
		var pattern strings.Builder
		for range 1 + rng.IntN(3) {
			pattern.WriteString(pathPieces[rng.IntN(len(pathPieces))])
		}
		host := hostPieces[rng.IntN(len(hostPieces))]
		protocol := []string{"https", "http{s}?", "*", "foo"}[rng.IntN(4)]
		init := map[string]any{"protocol": protocol, "hostname": host, "pathname": pattern.String()}
		var inputs []any
		for range 4 {
			inputs = append(inputs, map[string]any{
				"protocol": []string{"https", "http", "foo"}[rng.IntN(3)],
				"hostname": hosts[rng.IntN(len(hosts))],
				"pathname": paths[rng.IntN(len(paths))],
			})
		}
		got, err := run(goja.Undefined(), vm.ToValue(init), vm.ToValue(inputs))
		if err != nil {
			t.Fatal(err)
		}
		want, crashed := reference(init, inputs)
		if crashed {
			skipped++
			continue
		}
		var gotR *diffResult
		if !goja.IsNull(got) {
			gotR = &diffResult{}
			if err := json.Unmarshal([]byte(got.String()), gotR); err != nil {
				t.Fatal(err)
			}
		}
		if !reflect.DeepEqual(gotR, want) {
			t.Errorf("case %d (seed %d) %v %v\n edge:          %+v\n go-urlpattern: %+v", i, seed, init, inputs, gotR, want)
			continue
		}
		agree++
	}
	t.Logf("%d/%d random patterns agree with go-urlpattern (%d skipped: go-urlpattern panicked)", agree, cases, skipped)
}

type diffResult struct {
	Patterns []string
	Results  [][]string // nil entries: no match
}

// reference runs go-urlpattern and returns its results in the shape of the JS above (nil when
// the pattern does not construct).
func reference(init map[string]any, inputs []any) (out *diffResult, crashed bool) {
	defer func() {
		if recover() != nil { // go-urlpattern v1.0.0 panics on some relative pathnames ("x/../..")
			out, crashed = nil, true
		}
	}()
	str := func(m map[string]any, k string) *string {
		if v, ok := m[k]; ok {
			s := v.(string)
			return &s
		}
		return nil
	}
	pi := dunglas.URLPatternInit{Protocol: str(init, "protocol"), Hostname: str(init, "hostname"), Pathname: str(init, "pathname")}
	p, err := pi.New(nil)
	if err != nil {
		return nil, false
	}
	out = &diffResult{Patterns: []string{p.Protocol(), p.Username(), p.Password(), p.Hostname(), p.Port(), p.Pathname(), p.Search(), p.Hash()}}
	for _, in := range inputs {
		m := in.(map[string]any)
		r := p.ExecInit(&dunglas.URLPatternInit{Protocol: str(m, "protocol"), Hostname: str(m, "hostname"), Pathname: str(m, "pathname")})
		if r == nil {
			out.Results = append(out.Results, nil)
			continue
		}
		var comps []string
		for _, c := range []dunglas.URLPatternComponentResult{r.Protocol, r.Username, r.Password, r.Hostname, r.Port, r.Pathname, r.Search, r.Hash} {
			var groups []string
			for name, v := range c.Groups {
				if v != "" {
					groups = append(groups, name+"="+v)
				}
			}
			sort.Strings(groups)
			comps = append(comps, strings.Join(groups, "&"))
		}
		out.Results = append(out.Results, comps)
	}
	return out, false
}
