package weburl_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

// The web-platform-tests URL data files shipped in nlnwa/whatwg-url's module directory
// (testdata/urltestdata.json, setters_tests.json, toascii.json). The tests are skipped when the
// module directory cannot be found (e.g. no go command on PATH).

func wptDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/nlnwa/whatwg-url").Output()
	if err != nil {
		t.Skipf("cannot locate the whatwg-url module: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "testdata")
	if _, err := os.Stat(filepath.Join(dir, "urltestdata.json")); err != nil {
		t.Skipf("no WPT data in %s: %v", dir, err)
	}
	return dir
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// urlTestCase is one object of urltestdata.json (string entries are comments).
type urlTestCase struct {
	Input        string  `json:"input"`
	Base         *string `json:"base"`
	Failure      bool    `json:"failure"`
	Href         string  `json:"href"`
	Origin       *string `json:"origin"`
	Protocol     string  `json:"protocol"`
	Username     string  `json:"username"`
	Password     string  `json:"password"`
	Host         string  `json:"host"`
	Hostname     string  `json:"hostname"`
	Port         string  `json:"port"`
	Pathname     string  `json:"pathname"`
	Search       string  `json:"search"`
	SearchParams *string `json:"searchParams"`
	Hash         string  `json:"hash"`
}

func loadURLTestData(t *testing.T) []urlTestCase {
	var raw []json.RawMessage
	readJSON(t, filepath.Join(wptDir(t), "urltestdata.json"), &raw)
	var cases []urlTestCase
	for _, r := range raw {
		if len(r) > 0 && r[0] == '{' {
			var c urlTestCase
			if err := json.Unmarshal(r, &c); err != nil {
				t.Fatal(err)
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// knownFailures lists WPT cases (input, or "input @ base") that edge is known to get wrong,
// with the reason. A listed case that starts passing fails the test so the list stays honest.
var knownFailures = map[string]string{}

func caseName(input string, base *string) string {
	if base == nil {
		return fmt.Sprintf("%q", input)
	}
	return fmt.Sprintf("%q @ %q", input, *base)
}

// report fails t for unexpected failures and for known failures that pass, and logs counts.
func report(t *testing.T, what string, total int, failed map[string]string) {
	t.Helper()
	var unexpected []string
	for name, why := range failed {
		if _, known := knownFailures[name]; !known {
			unexpected = append(unexpected, name+": "+why)
		}
	}
	for name := range knownFailures {
		if _, ok := failed[name]; !ok && strings.HasPrefix(name, what+" ") {
			t.Errorf("known failure now passes, remove it from knownFailures: %s", name)
		}
	}
	sort.Strings(unexpected)
	for _, u := range unexpected {
		t.Error(u)
	}
	t.Logf("WPT %s: %d/%d cases pass", what, total-len(failed), total)
}

// TestWPTParseHref runs urltestdata.json through ParseHref (href and failure only).
func TestWPTParseHref(t *testing.T) {
	cases := loadURLTestData(t)
	failed := map[string]string{}
	total := 0
	for _, c := range cases {
		base := ""
		if c.Base != nil {
			if *c.Base == "" {
				continue // ParseHref cannot express an empty (invalid) base
			}
			base = *c.Base
		}
		total++
		name := "ParseHref " + caseName(c.Input, c.Base)
		href, err := weburl.ParseHref(c.Input, base)
		switch {
		case c.Failure && err == nil:
			failed[name] = fmt.Sprintf("parsed as %q, want failure", href)
		case !c.Failure && err != nil:
			failed[name] = fmt.Sprintf("failed (%v), want %q", err, c.Href)
		case !c.Failure && href != c.Href:
			failed[name] = fmt.Sprintf("href %q, want %q", href, c.Href)
		case c.Failure && err.Error() != "Invalid URL string.":
			failed[name] = fmt.Sprintf("error %q", err)
		}
	}
	report(t, "ParseHref", total, failed)
}

// TestWPTURLConstructor runs urltestdata.json through new URL(input, base) in JS and compares
// every attribute, as WPT's url-constructor.any.js does.
func TestWPTURLConstructor(t *testing.T) {
	cases := loadURLTestData(t)
	vm := newVM(t)
	check, err := vm.RunString(`(function (input, base, expected) {
		let url;
		try {
			url = base === undefined ? new URL(input) : new URL(input, base);
		} catch (e) {
			if (expected.failure && e instanceof TypeError) return '';
			return 'threw ' + e;
		}
		if (expected.failure) return 'parsed as ' + url.href + ', want failure';
		const diffs = [];
		for (const k of ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']) {
			if (url[k] !== expected[k]) diffs.push(k + ' ' + JSON.stringify(url[k]) + ' want ' + JSON.stringify(expected[k]));
		}
		if ('origin' in expected && url.origin !== expected.origin) diffs.push('origin ' + url.origin + ' want ' + expected.origin);
		if ('searchParams' in expected && url.searchParams.toString() !== expected.searchParams) {
			diffs.push('searchParams ' + url.searchParams + ' want ' + expected.searchParams);
		}
		return diffs.join('; ');
	})`)
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(check)
	failed := map[string]string{}
	total := 0
	run := func(name string, input string, base *string, expected goja.Value) {
		total++
		b := goja.Undefined()
		if base != nil {
			b = vm.ToValue(*base)
		}
		res, err := fn(goja.Undefined(), vm.ToValue(input), b, expected)
		if err != nil {
			failed[name] = err.Error()
		} else if s := res.String(); s != "" {
			failed[name] = s
		}
	}
	raw, _ := json.Marshal(cases)
	var plain []map[string]any
	_ = json.Unmarshal(raw, &plain)
	for i, c := range cases {
		// Rebuild the expectation object with only the keys the data file has.
		exp := vm.NewObject()
		for k, v := range plain[i] {
			_ = exp.Set(k, v)
		}
		if c.Origin == nil {
			_ = exp.Delete("origin")
		}
		if c.SearchParams == nil {
			_ = exp.Delete("searchParams")
		}
		run("URL "+caseName(c.Input, c.Base), c.Input, c.Base, exp)
	}
	report(t, "URL", total, failed)
}

// TestWPTSetters runs setters_tests.json: assign new_value to the attribute and compare the
// expected attributes.
func TestWPTSetters(t *testing.T) {
	var data map[string]json.RawMessage
	readJSON(t, filepath.Join(wptDir(t), "setters_tests.json"), &data)
	vm := newVM(t)
	check, err := vm.RunString(`(function (attr, href, value, expected) {
		const url = new URL(href);
		try { url[attr] = value; } catch (e) { if (attr !== 'href') return 'threw ' + e; }
		const diffs = [];
		for (const k of Object.keys(expected)) {
			if (url[k] !== expected[k]) diffs.push(k + ' ' + JSON.stringify(url[k]) + ' want ' + JSON.stringify(expected[k]));
		}
		return diffs.join('; ');
	})`)
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(check)
	attrs := make([]string, 0, len(data))
	for k := range data {
		if k != "comment" {
			attrs = append(attrs, k)
		}
	}
	sort.Strings(attrs)
	failed := map[string]string{}
	total := 0
	for _, attr := range attrs {
		var cases []struct {
			Href     string            `json:"href"`
			NewValue string            `json:"new_value"`
			Expected map[string]string `json:"expected"`
		}
		if err := json.Unmarshal(data[attr], &cases); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			total++
			exp := vm.NewObject()
			for k, v := range c.Expected {
				_ = exp.Set(k, v)
			}
			name := fmt.Sprintf("setter %s %q = %q", attr, c.Href, c.NewValue)
			res, err := fn(goja.Undefined(), vm.ToValue(attr), vm.ToValue(c.Href), vm.ToValue(c.NewValue), exp)
			if err != nil {
				failed[name] = err.Error()
			} else if s := res.String(); s != "" {
				failed[name] = s
			}
		}
	}
	report(t, "setter", total, failed)
}

// TestWPTToASCII runs toascii.json the way WPT's toascii.window.js does: as the host of a URL
// and through the host and hostname setters.
func TestWPTToASCII(t *testing.T) {
	var raw []json.RawMessage
	readJSON(t, filepath.Join(wptDir(t), "toascii.json"), &raw)
	vm := newVM(t)
	check, err := vm.RunString(`(function (input, output) {
		const diffs = [];
		try {
			const url = new URL('https://' + input + '/x');
			if (output === null) diffs.push('parsed as ' + url.host + ', want failure');
			else if (url.host !== output) diffs.push('host ' + url.host + ' want ' + output);
		} catch (e) {
			if (output !== null) diffs.push('threw ' + e);
		}
		for (const attr of ['host', 'hostname']) {
			const url = new URL('https://x/x');
			url[attr] = input;
			const want = output === null ? 'x' : output;
			if (url[attr] !== want) diffs.push(attr + ' setter ' + url[attr] + ' want ' + want);
		}
		return diffs.join('; ');
	})`)
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(check)
	failed := map[string]string{}
	total := 0
	for _, r := range raw {
		if len(r) == 0 || r[0] != '{' {
			continue
		}
		var c struct {
			Input  string  `json:"input"`
			Output *string `json:"output"`
		}
		if err := json.Unmarshal(r, &c); err != nil {
			t.Fatal(err)
		}
		total++
		out := goja.Null()
		if c.Output != nil {
			out = vm.ToValue(*c.Output)
		}
		name := fmt.Sprintf("toascii %q", c.Input)
		res, err := fn(goja.Undefined(), vm.ToValue(c.Input), out)
		if err != nil {
			failed[name] = err.Error()
		} else if s := res.String(); s != "" {
			failed[name] = s
		}
	}
	report(t, "toascii", total, failed)
}
