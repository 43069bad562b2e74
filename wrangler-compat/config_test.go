package wrangler_test

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

var update = flag.Bool("update", false, "rewrite testdata/errors/*.golden from the current output")

// fullTop is what testdata/full.{toml,jsonc} give at the top level (Path, Dir and Line
// fields aside, which are checked separately).
func fullTop(dir string) *wrangler.Config {
	return &wrangler.Config{
		Name:               "full-worker",
		Main:               filepath.Join(dir, "src", "index.js"),
		CompatibilityDate:  "2025-01-15",
		CompatibilityFlags: []string{"nodejs_compat", "global_fetch_strictly_public"},
		Vars: []wrangler.Var{
			{Name: "GREETING", Value: "hello"},
			{Name: "LIMIT", Value: float64(10), JSON: true},
			{Name: "RATIO", Value: 0.5, JSON: true},
			{Name: "ENABLED", Value: true, JSON: true},
			{Name: "LIST", Value: []any{"a", float64(1)}, JSON: true},
			{Name: "NESTED", Value: map[string]any{"a": map[string]any{"b": "c"}}, JSON: true},
			{Name: "EMPTY", Value: ""},
		},
		KVNamespaces: []wrangler.KVNamespace{
			{Binding: "CACHE", ID: "cache-id", PreviewID: "cache-preview"},
			{Binding: "FLAGS"},
		},
		Services: []wrangler.Service{
			{Binding: "AUTH", Service: "auth-worker", Entrypoint: "AuthEntrypoint", Props: map[string]any{"tenant": "t1"}},
		},
		Crons:       []string{"*/5 * * * *", "0 0 * * *"},
		Define:      map[string]string{"__VERSION__": `"1.0"`},
		Rules:       wrangler.DefaultModuleRules(),
		Unsupported: []wrangler.UnsupportedBinding{{Name: "COUNTER", Kind: "durable_objects"}},
		Ignored:     []string{"account_id", "workers_dev", "routes", "observability"},
	}
}

func fullStaging(dir string) *wrangler.Config {
	c := fullTop(dir)
	c.Env = "staging"
	c.Name = "full-staging" // set in the environment: no suffix
	c.Vars = []wrangler.Var{
		{Name: "GREETING", Value: "hello staging"},
		{Name: "LIMIT", Value: float64(5), JSON: true},
		{Name: "RATIO", Value: 0.5, JSON: true},
		{Name: "ENABLED", Value: false, JSON: true},
		{Name: "LIST", Value: []any{}, JSON: true},
		{Name: "NESTED", Value: map[string]any{}, JSON: true},
		{Name: "EMPTY", Value: "x"},
	}
	c.KVNamespaces = []wrangler.KVNamespace{{Binding: "CACHE", ID: "staging-cache"}}
	c.Services = []wrangler.Service{{Binding: "AUTH", Service: "auth-worker-staging"}}
	c.Define = map[string]string{"__VERSION__": `"1.0-staging"`}
	return c
}

func fullProduction(dir string) *wrangler.Config {
	c := fullTop(dir)
	c.Env = "production"
	c.Name = "full-worker-production"  // inherited name, suffixed
	c.CompatibilityDate = "2025-02-01" // inheritable, overridden
	c.Crons = []string{}               // inheritable, overridden by an empty list
	c.Vars, c.KVNamespaces = nil, nil  // non-inheritable, absent from the environment
	c.Define = nil                     // ditto
	c.Unsupported = nil                // ditto (durable_objects)
	c.Services = []wrangler.Service{{Binding: "AUTH", Service: "auth-worker-production"}}
	return c
}

// keyMessages renders diagnostics without file and line, to compare across formats.
func keyMessages(ds wrangler.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		d.File, d.Line, d.Column = "", 0, 0
		out = append(out, d.String())
	}
	return out
}

func TestLoadFull(t *testing.T) {
	abs, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	nonInherited := func(env, key string) string {
		return `: warning: env.` + env + `: "` + key + `" exists at the top level, but not on "env.` + env + `". ` +
			`This is not what you probably want, since "` + key + `" is not inherited by environments. ` +
			`Please add "` + key + `" to "env.` + env + `".`
	}
	tests := []struct {
		env      string
		want     *wrangler.Config
		warnings []string
	}{
		{env: "", want: fullTop(abs)},
		{env: "staging", want: fullStaging(abs), warnings: []string{
			`: warning: env.staging.kv_namespaces: There is a kv_namespaces binding with name "FLAGS" at the top level, but not on "env.staging". ` +
				`This is not what you probably want, since "kv_namespaces" configuration is not inherited by environments. ` +
				`Please add a binding for "FLAGS" to "env.staging.kv_namespaces".`,
		}},
		{env: "production", want: fullProduction(abs), warnings: []string{
			nonInherited("production", "vars"),
			nonInherited("production", "define"),
			nonInherited("production", "kv_namespaces"),
			nonInherited("production", "durable_objects"),
		}},
	}
	// Lines of the KV and service entries in each file, top level then staging.
	lines := map[string]struct{ kv, svc, stagingKV, stagingSvc []int }{
		"full.toml":  {kv: []int{22, 27}, svc: []int{31}, stagingKV: []int{50}, stagingSvc: []int{51}},
		"full.jsonc": {kv: []int{23, 24}, svc: []int{27}, stagingKV: []int{41}, stagingSvc: []int{42}},
	}
	for _, file := range []string{"full.toml", "full.jsonc"} {
		for _, tt := range tests {
			t.Run(file+"/"+tt.env, func(t *testing.T) {
				path := filepath.Join("testdata", file)
				cfg, warns, err := wrangler.Load(path, wrangler.LoadOptions{Env: tt.env})
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				if cfg.Path != filepath.Join(abs, file) || cfg.Dir != abs {
					t.Errorf("Path, Dir = %q, %q", cfg.Path, cfg.Dir)
				}
				wantLines := lines[file]
				kvLines, svcLines := wantLines.kv, wantLines.svc
				if tt.env == "staging" {
					kvLines, svcLines = wantLines.stagingKV, wantLines.stagingSvc
				}
				for i := range cfg.KVNamespaces {
					if i < len(kvLines) && cfg.KVNamespaces[i].Line != kvLines[i] {
						t.Errorf("KVNamespaces[%d].Line = %d, want %d", i, cfg.KVNamespaces[i].Line, kvLines[i])
					}
					cfg.KVNamespaces[i].Line = 0
				}
				for i := range cfg.Services {
					if tt.env != "production" && i < len(svcLines) && cfg.Services[i].Line != svcLines[i] {
						t.Errorf("Services[%d].Line = %d, want %d", i, cfg.Services[i].Line, svcLines[i])
					}
					cfg.Services[i].Line = 0
				}
				for i := range cfg.Unsupported {
					if cfg.Unsupported[i].Line == 0 {
						t.Errorf("Unsupported[%d] without a line", i)
					}
					cfg.Unsupported[i].Line = 0
				}
				cfg.Path, cfg.Dir = "", ""
				if !reflect.DeepEqual(cfg, tt.want) {
					t.Errorf("config:\n got %#v\nwant %#v", cfg, tt.want)
				}
				if got := keyMessages(warns); !reflect.DeepEqual(got, tt.warnings) {
					t.Errorf("warnings:\n got %q\nwant %q", got, tt.warnings)
				}
				for _, w := range warns {
					if w.Line == 0 || w.File != path || !w.Warning {
						t.Errorf("warning without file/line: %#v", w)
					}
				}
			})
		}
	}
}

func TestLoadPlainJSONAllowsComments(t *testing.T) {
	cfg, warns, err := wrangler.Load(filepath.Join("testdata", "plain.json"), wrangler.LoadOptions{})
	if err != nil || len(warns) > 0 {
		t.Fatalf("Load: %v, warnings %v", err, warns)
	}
	if cfg.Name != "plain" || filepath.Base(cfg.Main) != "index.mjs" || len(cfg.Vars) != 1 {
		t.Errorf("config = %+v", cfg)
	}
}

// TestLoadThreeMistakes pins the exact form of diagnostics: one per mistake, each with
// file, line and key path, all reported together.
func TestLoadThreeMistakes(t *testing.T) {
	path := filepath.Join("testdata", "errors", "three.toml")
	cfg, _, err := wrangler.Load(path, wrangler.LoadOptions{})
	if cfg != nil {
		t.Errorf("config = %+v, want nil", cfg)
	}
	var ds wrangler.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error %T %v is not Diagnostics", err, err)
	}
	want := []string{
		path + `:1: name: expected lowercase letters, digits, dashes and underscores, not starting with a dash, found "Bad Name"`,
		path + `:2: compatibility_date: expected a date as "yyyy-mm-dd", found "2025/01/01"`,
		path + `:5: kv_namespaces[0].binding: expected a string, found integer`,
	}
	if len(ds) != 3 {
		t.Fatalf("got %d diagnostics, want 3:\n%v", len(ds), err)
	}
	for i, d := range ds {
		if d.String() != want[i] {
			t.Errorf("diagnostic %d:\n got %s\nwant %s", i, d, want[i])
		}
		if d.File != path || d.Warning {
			t.Errorf("diagnostic %d = %#v", i, d)
		}
	}
	if err.Error() != strings.Join(want, "\n") {
		t.Errorf("Error() =\n%s", err)
	}
}

// TestLoadGolden loads every file in testdata/errors (a first-line comment "env: NAME"
// selects an environment) and compares all diagnostics with NAME.golden. Run with
// -update to rewrite the golden files, then read the diff like code.
func TestLoadGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, ".golden") {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			env := ""
			first, _, _ := strings.Cut(string(data), "\n")
			if _, e, ok := strings.Cut(first, "env: "); ok {
				env = strings.TrimSpace(e)
			}
			cfg, warns, err := wrangler.Load(path, wrangler.LoadOptions{Env: env})
			var b strings.Builder
			var ds wrangler.Diagnostics
			switch {
			case err == nil:
				b.WriteString("ok: name=" + cfg.Name + "\n")
			case errors.As(err, &ds):
				if cfg != nil {
					t.Errorf("config returned with errors")
				}
				b.WriteString("errors:\n")
				for _, d := range ds {
					if d.File != path || d.Warning {
						t.Errorf("bad error diagnostic %#v", d)
					}
					b.WriteString("  " + d.String() + "\n")
				}
			default:
				t.Fatalf("error is %T, not Diagnostics: %v", err, err)
			}
			if len(warns) > 0 {
				b.WriteString("warnings:\n")
				for _, d := range warns {
					b.WriteString("  " + d.String() + "\n")
				}
			}
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("diagnostics differ from %s:\n got:\n%s\nwant:\n%s", golden, b.String(), want)
			}
		})
	}
}

func TestLoadEnvironments(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		src      string
		env      string
		wantName string
		wantVars []string // names
		wantKV   []string // bindings
		warn     []string // substrings, one per expected warning, in order
		err      string   // substring of the error; "" for success
	}{
		{
			name: "no envs at all: warning, top level used, name suffixed",
			file: "wrangler.toml",
			src:  "name = \"w\"\n[vars]\nA = \"1\"\n[[kv_namespaces]]\nbinding = \"KV\"\n",
			env:  "dev", wantName: "w-dev", wantVars: []string{"A"}, wantKV: []string{"KV"},
			warn: []string{`env: No environment found in configuration with name "dev".`},
		},
		{
			name: "missing env among others: error listing them",
			file: "wrangler.jsonc",
			src:  `{"name": "w", "env": {"a": {}, "b": {}}}`,
			env:  "c",
			err:  `wrangler.jsonc:1: env: No environment found in configuration with name "c". Before using ` + "`--env=c`" + ` there should be an equivalent environment section in the configuration. The available configured environment names are: ["a","b"]`,
		},
		{
			name: "env without name and no top-level name stays unnamed",
			file: "wrangler.toml",
			src:  "[env.x]\nmain = \"a.js\"\n",
			env:  "x", wantName: "",
		},
		{
			name: "env name wins, no suffix",
			file: "wrangler.toml",
			src:  "name = \"w\"\n[env.x]\nname = \"custom\"\n",
			env:  "x", wantName: "custom",
		},
		{
			name: "top-level only key in env warns",
			file: "wrangler.toml",
			src:  "name = \"w\"\n[env.x]\n[env.x.site]\nbucket = \"b\"\n",
			env:  "x", wantName: "w-x",
			warn: []string{`wrangler.toml:3: warning: env.x.site: "site" can only be set at the top level; ignored in an environment`},
		},
		{
			name: "non-inheritable key set only in env is fine",
			file: "wrangler.toml",
			src:  "name = \"w\"\n[env.x.vars]\nA = \"1\"\n",
			env:  "x", wantName: "w-x", wantVars: []string{"A"},
		},
		{
			name: "vars missing from env vars",
			file: "wrangler.toml",
			src:  "name = \"w\"\n[vars]\nA = \"1\"\nB = \"2\"\n[env.x.vars]\nA = \"3\"\n",
			env:  "x", wantName: "w-x", wantVars: []string{"A"},
			warn: []string{`wrangler.toml:5: warning: env.x.vars: The following vars exist at the top level, but not on "env.x.vars": B.`},
		},
		{
			name: "only the selected env is validated",
			file: "wrangler.toml",
			src:  "name = \"w\"\n[env.bad]\nname = 1\n[env.good]\n",
			env:  "good", wantName: "w-good",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, warns, err := wrangler.LoadBytes(tt.file, []byte(tt.src), wrangler.LoadOptions{Env: tt.env})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if cfg.Name != tt.wantName || cfg.Env != tt.env {
				t.Errorf("Name, Env = %q, %q; want %q, %q", cfg.Name, cfg.Env, tt.wantName, tt.env)
			}
			var vars, kv []string
			for _, v := range cfg.Vars {
				vars = append(vars, v.Name)
			}
			for _, k := range cfg.KVNamespaces {
				kv = append(kv, k.Binding)
			}
			if !reflect.DeepEqual(vars, tt.wantVars) || !reflect.DeepEqual(kv, tt.wantKV) {
				t.Errorf("vars %q kv %q; want %q %q", vars, kv, tt.wantVars, tt.wantKV)
			}
			if len(warns) != len(tt.warn) {
				t.Fatalf("warnings:\n%v\nwant %d", warns, len(tt.warn))
			}
			for i, w := range warns {
				if !strings.Contains(w.String(), tt.warn[i]) {
					t.Errorf("warning %d = %s\nwant it to contain %s", i, w, tt.warn[i])
				}
			}
		})
	}
}

func TestLoadMisc(t *testing.T) {
	t.Run("missing file is a plain wrapped error", func(t *testing.T) {
		_, _, err := wrangler.Load(filepath.Join(t.TempDir(), "wrangler.toml"), wrangler.LoadOptions{})
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error = %v, want fs.ErrNotExist", err)
		}
	})
	t.Run("unsupported extension", func(t *testing.T) {
		_, _, err := wrangler.LoadBytes("wrangler.yaml", []byte("name: x"), wrangler.LoadOptions{})
		if err == nil || !strings.Contains(err.Error(), `unsupported config file extension ".yaml"`) {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("JSON top level must be an object", func(t *testing.T) {
		_, _, err := wrangler.LoadBytes("wrangler.json", []byte("[1]"), wrangler.LoadOptions{})
		if err == nil || err.Error() != "wrangler.json:1: expected an object at the top level, found array" {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("BOM, CRLF and absolute main", func(t *testing.T) {
		main := filepath.Join(t.TempDir(), "w.js")
		src := "\xef\xbb\xbfname = \"w\"\r\nmain = '" + main + "'\r\n"
		cfg, _, err := wrangler.LoadBytes("wrangler.toml", []byte(src), wrangler.LoadOptions{})
		if err != nil || cfg.Main != main {
			t.Fatalf("cfg %+v err %v", cfg, err)
		}
	})
	t.Run("empty file is a valid TOML config", func(t *testing.T) {
		cfg, warns, err := wrangler.LoadBytes("wrangler.toml", nil, wrangler.LoadOptions{})
		if err != nil || len(warns) != 0 || cfg.Name != "" || cfg.Main != "" {
			t.Fatalf("cfg %+v warns %v err %v", cfg, warns, err)
		}
	})
	t.Run("empty JSON file is a syntax error", func(t *testing.T) {
		_, _, err := wrangler.LoadBytes("wrangler.jsonc", []byte("// nothing\n"), wrangler.LoadOptions{})
		if err == nil || err.Error() != "wrangler.jsonc:2:1: the file is empty; expected a JSON object" {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("vars keep file order across formats", func(t *testing.T) {
		for file, src := range map[string]string{
			"wrangler.toml":  "vars = { Z = \"1\", A = \"2\", M = { y = 1, b = 2 } }\n",
			"wrangler.jsonc": `{"vars": {"Z": "1", "A": "2", "M": {"y": 1, "b": 2}}}`,
		} {
			cfg, _, err := wrangler.LoadBytes(file, []byte(src), wrangler.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, v := range cfg.Vars {
				names = append(names, v.Name)
			}
			if strings.Join(names, ",") != "Z,A,M" {
				t.Errorf("%s: order %v", file, names)
			}
		}
	})
	t.Run("TOML positions: strings that look like structure, spaced headers", func(t *testing.T) {
		src := strings.Join([]string{
			`note = """`, // 1
			`[[kv_namespaces]]`,
			`binding = 1"""`,
			`other = '# not a comment [x]' # comment`, // 4
			`[ env . 'staging' ]`,                     // 5
			`vars = {`,                                // 6 (TOML 1.1 multi-line inline table)
			`  A = "a",`,
			`  B = 2024-01-01,`, // 8
			`}`,
			`[[ env.staging.kv_namespaces ]]`, // 10
			`binding = "KV"`,
			`[[env."staging".kv_namespaces]]`, // 12
			`"binding" = 2`,                   // 13
		}, "\n")
		_, _, err := wrangler.LoadBytes("wrangler.toml", []byte(src), wrangler.LoadOptions{Env: "staging"})
		want := "wrangler.toml:8: env.staging.vars.B: is a TOML date, which is not supported. Please use a string instead, e.g. B = \"2024-01-01\"\n" +
			"wrangler.toml:13: env.staging.kv_namespaces[1].binding: expected a string, found integer"
		if err == nil || err.Error() != want {
			t.Errorf("got\n%v\nwant\n%s", err, want)
		}
	})
	t.Run("TOML positions: dotted keys, inline tables, arrays over lines", func(t *testing.T) {
		src := strings.Join([]string{
			`kv_namespaces = [`, // 1
			`  # comment with [brackets] and "quotes"`,
			`  { binding = "A", id = "1" },`, // 3
			`  { binding = "B", id = """`,    // 4
			`multi`,
			`line""" },`,
			`  { binding = 'C' , id = 'x' }, { binding = 1 },`, // 7
			`]`,
			`"quoted.key" = 1`,         // 9
			`site.bucket = "./public"`, // 10
			`[[services]]`,             // 11
			`binding = "S"`,            // 12
			`service = 3`,              // 13
		}, "\n")
		cfg, _, err := wrangler.LoadBytes("wrangler.toml", []byte(src), wrangler.LoadOptions{})
		var ds wrangler.Diagnostics
		if !errors.As(err, &ds) {
			t.Fatalf("err = %v", err)
		}
		_ = cfg
		got := ds.Error()
		want := "wrangler.toml:7: kv_namespaces[3].binding: expected a string, found integer\n" +
			"wrangler.toml:13: services[0].service: expected a string, found integer"
		if got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// [test] is edge's own table: kv_seed maps KV bindings to bulk-put files, resolved against the
// config's directory; it is top-level only.
func TestLoadTestTable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "wrangler.toml")
	src := "name = \"w\"\n[test]\nkv_seed = { KV = \"seed.json\", OTHER = \"\" }\nbogus = 1\n[env.ci.test]\nkv_seed = { KV = \"ci.json\" }\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := wrangler.Load(path, wrangler.LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "test.kv_seed.OTHER") || !strings.Contains(err.Error(), "must not be empty") {
		t.Fatalf("empty path: err %v", err)
	}
	src = strings.Replace(src, `, OTHER = ""`, "", 1)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, warns, err := wrangler.Load(path, wrangler.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []wrangler.Blob{{Name: "KV", Path: filepath.Join(dir, "seed.json"), Line: 3}}
	if !reflect.DeepEqual(cfg.Test.KVSeed, want) {
		t.Errorf("KVSeed = %+v, want %+v", cfg.Test.KVSeed, want)
	}
	var texts []string
	for _, w := range warns {
		texts = append(texts, w.String())
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "test.bogus") {
		t.Errorf("warnings:\n%s", all)
	}
	// Under an environment, the top level's [test] applies; the environment's draws a warning.
	cfg, warns, err = wrangler.Load(path, wrangler.LoadOptions{Env: "ci"})
	if err != nil || !reflect.DeepEqual(cfg.Test.KVSeed, want) || !strings.Contains(fmt.Sprint(warns), `env.ci.test: "test" can only be set at the top level`) {
		t.Errorf("env ci: %+v %v %v", cfg.Test.KVSeed, warns, err)
	}
}
