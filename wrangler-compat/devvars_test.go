package wrangler_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

func TestParseDotenv(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []wrangler.DotenvEntry
		err  string
	}{
		{name: "plain", src: "A=1\nB = two words \n", want: []wrangler.DotenvEntry{{"A", "1", 1}, {"B", "two words", 2}}},
		{name: "comments and blank lines", src: "# c\n\n  # indented\nA=1 # trailing\nB=x#y\n",
			want: []wrangler.DotenvEntry{{"A", "1", 4}, {"B", "x", 5}}},
		{name: "equals inside value", src: "URL=postgres://u:p@h/db?a=b\n", want: []wrangler.DotenvEntry{{"URL", "postgres://u:p@h/db?a=b", 1}}},
		{name: "export prefix", src: "export A=1\nexport\tB=2\nexported=3\n",
			want: []wrangler.DotenvEntry{{"A", "1", 1}, {"B", "2", 2}, {"exported", "3", 3}}},
		{name: "single quotes are literal", src: `A='x\ny # not a comment'`, want: []wrangler.DotenvEntry{{"A", `x\ny # not a comment`, 1}}},
		{name: "double quotes expand \\n and \\r only", src: `A="a\nb\rc\td\"e"`, want: []wrangler.DotenvEntry{{"A", "a\nb\rc\\td\\\"e", 1}}},
		{name: "backticks", src: "A=`it's \"quoted\"`", want: []wrangler.DotenvEntry{{"A", `it's "quoted"`, 1}}},
		{name: "multi-line double quotes", src: "A=\"line1\nline2\"\nB=after\n",
			want: []wrangler.DotenvEntry{{"A", "line1\nline2", 1}, {"B", "after", 3}}},
		{name: "multi-line single quotes keep text", src: "KEY='-----BEGIN-----\nabc\n-----END-----'\n",
			want: []wrangler.DotenvEntry{{"KEY", "-----BEGIN-----\nabc\n-----END-----", 1}}},
		{name: "comment after closing quote", src: `A="v" # note`, want: []wrangler.DotenvEntry{{"A", "v", 1}}},
		{name: "empty values", src: "A=\nB=\"\"\nC=''\n", want: []wrangler.DotenvEntry{{"A", "", 1}, {"B", "", 2}, {"C", "", 3}}},
		{name: "colon separator", src: "A: 1\n", want: []wrangler.DotenvEntry{{"A", "1", 1}}},
		{name: "CRLF", src: "A=1\r\nB=\"x\r\ny\"\r\n", want: []wrangler.DotenvEntry{{"A", "1", 1}, {"B", "x\ny", 2}}},
		{name: "key characters", src: "a.b-c_D9=1\n", want: []wrangler.DotenvEntry{{"a.b-c_D9", "1", 1}}},
		{name: "backslash before the last quote", src: `P="C:\dir\"`, want: []wrangler.DotenvEntry{{"P", `C:\dir\`, 1}}},
		{name: "duplicates are all returned", src: "A=1\nA=2\n", want: []wrangler.DotenvEntry{{"A", "1", 1}, {"A", "2", 2}}},
		{name: "no equals", src: "A=1\nJUSTAKEY\n", err: `f:2: expected '=' after JUSTAKEY, found ""`},
		{name: "bad key", src: "\n\n$A=1\n", err: `f:3: expected KEY=VALUE, found "$A=1"`},
		{name: "unterminated quote names the line it starts on", src: "A=1\nB=\"abc\nC=2\n", err: `f:2: unterminated "-quoted value for B`},
		{name: "text after closing quote", src: "A=\"x\" y\n", err: `f:1: unexpected "y" after the closing quote of A`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := wrangler.ParseDotenv("f", []byte(tt.src))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error = %v, want %s", err, tt.err)
				}
				var ds wrangler.Diagnostics
				if !errors.As(err, &ds) {
					t.Errorf("error is %T, want Diagnostics", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestLoadDevVars(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		env      string
		noDotEnv bool // CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV=false
		want     string
		wantFile string // comma-separated base names
	}{
		{name: "nothing", want: "", wantFile: ""},
		{name: ".dev.vars", files: map[string]string{".dev.vars": "A=1\nB=2\n", ".env": "C=3"},
			want: "A=1 B=2", wantFile: ".dev.vars"},
		{name: ".dev.vars.<env> replaces .dev.vars", env: "staging",
			files: map[string]string{".dev.vars": "A=1\nB=2\n", ".dev.vars.staging": "B=s\n"},
			want:  "B=s", wantFile: ".dev.vars.staging"},
		{name: ".dev.vars used when the env file is absent", env: "staging",
			files: map[string]string{".dev.vars": "A=1\n", ".dev.vars.production": "A=p\n"},
			want:  "A=1", wantFile: ".dev.vars"},
		{name: ".dev.vars.<env> is ignored without --env",
			files: map[string]string{".dev.vars.staging": "A=1\n"}, want: "", wantFile: ""},
		{name: ".env files merge, later wins, first position kept", env: "staging",
			files: map[string]string{
				".env":                  "A=env\nB=env\nC=env\n",
				".env.local":            "B=local\nD=local\n",
				".env.staging":          "C=staging\n",
				".env.staging.local":    "A=staging-local\n",
				".env.production":       "A=wrong\n",
				".env.production.local": "A=wrong\n",
			},
			want:     "A=staging-local B=local C=staging D=local",
			wantFile: ".env, .env.local, .env.staging, .env.staging.local"},
		{name: ".env.<env> files need --env",
			files: map[string]string{".env": "A=1\n", ".env.staging": "A=2\n"}, want: "A=1", wantFile: ".env"},
		{name: "no .env fallback when disabled", noDotEnv: true,
			files: map[string]string{".env": "A=1\n"}, want: "", wantFile: ""},
		{name: "disabling .env does not affect .dev.vars", noDotEnv: true,
			files: map[string]string{".dev.vars": "A=1\n", ".env": "B=1\n"}, want: "A=1", wantFile: ".dev.vars"},
		{name: "${VAR} expansion in .env",
			files: map[string]string{
				".env":       "HOST=localhost\nURL=http://${HOST}:$PORT/x\nPORT=8080\nD=${MISSING:-dflt}\nE=${MISSING-other}\nLIT=\\$HOME\nSELF=$SELF\n",
				".env.local": "HOST=example.com\n",
			},
			want:     "HOST=example.com URL=http://example.com:8080/x PORT=8080 D=dflt E=other LIT=$HOME SELF=",
			wantFile: ".env, .env.local"},
		{name: "no expansion in .dev.vars (wrangler expands only .env)",
			files: map[string]string{".dev.vars": "A=1\nB=$A\n"}, want: "A=1 B=$A", wantFile: ".dev.vars"},
		{name: "expansion cycles end", files: map[string]string{".env": "A=$B\nB=$A\n"}, want: "A= B=", wantFile: ".env"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.noDotEnv {
				t.Setenv("CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV", "false")
			} else {
				t.Setenv("CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV", "")
			}
			dir := t.TempDir()
			for name, content := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			vars, file, err := wrangler.LoadDevVars(dir, tt.env)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vars {
				if v.JSON {
					t.Errorf("%s has JSON=true", v.Name)
				}
				got = append(got, v.Name+"="+v.Value.(string))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("vars = %q, want %q", strings.Join(got, " "), tt.want)
			}
			var files []string
			for _, f := range strings.Split(file, ", ") {
				if f != "" {
					if filepath.Dir(f) != dir {
						t.Errorf("file %q is not in %q", f, dir)
					}
					files = append(files, filepath.Base(f))
				}
			}
			if strings.Join(files, ", ") != tt.wantFile {
				t.Errorf("file = %q, want %q", strings.Join(files, ", "), tt.wantFile)
			}
		})
	}
}

func TestLoadDevVarsErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".dev.vars")
	if err := os.WriteFile(p, []byte("A=1\nB='open\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := wrangler.LoadDevVars(dir, "")
	if err == nil || err.Error() != p+":2: unterminated '-quoted value for B" {
		t.Errorf("error = %v", err)
	}
	if _, _, err := wrangler.LoadDevVars(dir, "../x"); err == nil {
		t.Error("an environment name with a path separator was accepted")
	}
}

func TestParseVarFlag(t *testing.T) {
	tests := []struct {
		in      string
		name    string
		value   string
		wantErr bool
	}{
		{in: "KEY:value", name: "KEY", value: "value"},
		{in: "URL:http://example.com:8080/x", name: "URL", value: "http://example.com:8080/x"},
		{in: "EMPTY:", name: "EMPTY", value: ""},
		{in: "SPACES: a b ", name: "SPACES", value: " a b "},
		{in: "NOCOLON", wantErr: true},
		{in: ":value", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := wrangler.ParseVarFlag(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseVarFlag(%q) = %+v, want an error", tt.in, v)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if v != (wrangler.Var{Name: tt.name, Value: tt.value}) {
				t.Errorf("got %+v", v)
			}
		})
	}
}
