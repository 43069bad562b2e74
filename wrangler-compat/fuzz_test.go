package wrangler_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// Native fuzz tests. The seeds (every fixture in testdata plus a few edge cases) run in
// every `go test`; `go test -fuzz=FuzzX` explores further. The property: parsers never
// panic or hang, and every failure is well-formed.

func addFixtures(f *testing.F, exts ...string) {
	f.Helper()
	// The config files inside the golden archives.
	archives, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range archives {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range parseArchive(string(data)).files {
			for _, ext := range exts {
				if strings.HasSuffix(file.name, ext) {
					f.Add([]byte(file.data))
				}
			}
		}
	}
	for _, pattern := range []string{"testdata/*", "testdata/errors/*"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range files {
			for _, ext := range exts {
				if strings.HasSuffix(p, ext) {
					data, err := os.ReadFile(p)
					if err != nil {
						f.Fatal(err)
					}
					f.Add(data)
				}
			}
		}
	}
}

// checkLoad fails unless a load of data gave a config or a non-empty Diagnostics of
// errors, with every line inside the file.
func checkLoad(t *testing.T, data []byte, cfg *wrangler.Config, warns wrangler.Diagnostics, err error) {
	t.Helper()
	lines := strings.Count(string(data), "\n") + 1
	inFile := func(line int) bool { return line >= 0 && line <= lines }
	for _, w := range warns {
		if !w.Warning || w.Message == "" || !inFile(w.Line) {
			t.Fatalf("malformed warning %#v", w)
		}
	}
	if err == nil {
		if cfg == nil {
			t.Fatal("nil config without an error")
		}
		for _, kv := range cfg.KVNamespaces {
			if kv.Line < 1 || !inFile(kv.Line) {
				t.Fatalf("KV namespace line %d outside 1..%d", kv.Line, lines)
			}
		}
		for _, s := range cfg.Services {
			if s.Line < 1 || !inFile(s.Line) {
				t.Fatalf("service line %d outside 1..%d", s.Line, lines)
			}
		}
		for _, u := range cfg.Unsupported {
			if u.Line < 1 || !inFile(u.Line) || u.Name == "" || u.Kind == "" {
				t.Fatalf("malformed unsupported binding %#v", u)
			}
		}
		for _, bs := range [][]wrangler.Blob{cfg.TextBlobs, cfg.DataBlobs, cfg.WasmModules} {
			for _, b := range bs {
				if b.Line < 1 || !inFile(b.Line) || b.Path == "" {
					t.Fatalf("malformed blob %#v", b)
				}
			}
		}
		for _, r := range append(append([]wrangler.ModuleRule(nil), cfg.Rules...), cfg.IgnoredRules...) {
			if r.Type == "" || r.Default != (r.Line == 0) || !inFile(r.Line) {
				t.Fatalf("malformed rule %#v", r)
			}
		}
		if cfg.Dev.Port < 0 || cfg.Dev.Port > 65535 || cfg.Limits.CPUMs < 0 {
			t.Fatalf("out-of-range dev/limits %+v %+v", cfg.Dev, cfg.Limits)
		}
		return
	}
	var ds wrangler.Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 {
		t.Fatalf("error %T %v is not a non-empty Diagnostics", err, err)
	}
	for _, d := range ds {
		if d.Warning || d.Message == "" || !inFile(d.Line) {
			t.Fatalf("malformed diagnostic %#v", d)
		}
	}
}

func FuzzJSONC(f *testing.F) {
	addFixtures(f, ".json", ".jsonc")
	for _, s := range []string{
		``, `{`, `}`, `[`, `{"a":}`, `{"a":1,}`, `[1,,2]`, `[1,]`, `"\ud800"`, `"\ud83d\ude00"`, `"\u12"`,
		`-`, `-0.5e+10`, `01`, `1.`, `1e`, `1e999`, `tru`, `nullx`, `/* open`, `// only`, "\"a\nb\"",
		`{"a":{"a":{"a":[[[[]]]]}}}`, strings.Repeat("[", 600), "\xff", "{\"\xff\":1}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = wrangler.ParseJSONC(data)
		for _, env := range []string{"", "staging"} {
			cfg, warns, err := wrangler.LoadBytes("wrangler.jsonc", data, wrangler.LoadOptions{Env: env})
			checkLoad(t, data, cfg, warns, err)
		}
	})
}

func FuzzDotenv(f *testing.F) {
	for _, s := range []string{
		"A=1", "export A=1", "A='x'", "A=\"x\\ny\"", "A=`x`", "A=\"\nB=1", "A=\"x\" y", "A: b", "#c\n\nA=1#c",
		"A=\"C:\\\\\"", "A=\r\nB=2\r", "=1", "A", "A=${B:-${C}}", "A=$", "\ufeffA=1", "A='", "A=\"\\\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := wrangler.ParseDotenv("f", data)
		if err != nil {
			var ds wrangler.Diagnostics
			if !errors.As(err, &ds) || len(ds) != 1 || ds[0].Line < 1 || ds[0].File != "f" {
				t.Fatalf("bad error %#v", err)
			}
			return
		}
		// Lines end at \n, \r\n or a lone \r, as in the parser.
		lines := strings.Count(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") +
			strings.Count(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r") + 1
		for _, e := range entries {
			if e.Key == "" || e.Line < 1 || e.Line > lines {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}

func FuzzLoadTOML(f *testing.F) {
	addFixtures(f, ".toml")
	for _, s := range []string{
		"", "a = 1", "[a]\n[[a.b]]\n[[a.b]]\nc = 1", "x = \"\"\"\n\"\"\"\"\"", "x = '''a''''",
		"a.\"b.c\".d = 1", "t = {\n a = 1,\n}", "[[kv_namespaces]]\n[[kv_namespaces]]\nbinding = 1",
		"vars = { \"\\u00e9\" = 1 }", "d = 1979-05-27 07:32:00Z", "[env.a]\nname = 1\n[env.a.vars]\nx = nan",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, env := range []string{"", "staging"} {
			cfg, warns, err := wrangler.LoadBytes("wrangler.toml", data, wrangler.LoadOptions{Env: env})
			checkLoad(t, data, cfg, warns, err)
		}
	})
}
