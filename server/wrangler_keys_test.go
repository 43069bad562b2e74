package server_test

import (
	"errors"
	"log/slog"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/edgeruntime/edge/server"
	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// Wiring of the wrangler keys beyond bindings and vars: unsupported bindings, blobs, module
// rules, [dev], [build] (issue 4).

func TestUnsupportedBindingsAreUndefined(t *testing.T) {
	dir := project(t, map[string]string{
		"wrangler.toml": `name = "w"
main = "index.js"
workers_dev = true
routes = ["example.com/*"]
[observability]
enabled = true
[limits]
cpu_ms = 50
[[d1_databases]]
binding = "DB"
database_name = "d"
database_id = "x"
[[r2_buckets]]
binding = "BUCKET"
bucket_name = "b"
[ai]
binding = "AI"
`,
		"index.js": `export default { fetch(req, env) {
  return Response.json({ db: typeof env.DB, bucket: typeof env.BUCKET, ai: "AI" in env, secret: env.TOKEN });
} };`,
		// .dev.vars and --var must not smuggle a value in under an unsupported binding's name.
		".dev.vars": "DB=from-dev-vars\nTOKEN=supersecret-token-value\n",
	})
	s, logs, out := start(t, server.Options{Dir: dir, Vars: []string{"BUCKET:from-flag"}})
	defer stop(t, s)
	code, body := fetch(t, "GET", s.URL+"/", "")
	if code != 200 || body != `{"db":"undefined","bucket":"undefined","ai":false,"secret":"supersecret-token-value"}` {
		t.Fatalf("%d %s", code, body)
	}
	l := logs.String()
	const want = "env.DB (d1_databases), env.BUCKET (r2_buckets), env.AI (ai) are not supported by edge; they will be undefined"
	if n := strings.Count(l, "not supported by edge"); n != 1 || !strings.Contains(l, want) {
		t.Errorf("want exactly one warning %q, logs:\n%s", want, l)
	}
	if !strings.Contains(l, "level=INFO") || !strings.Contains(l, "ignored by edge (deploy-time settings, or not enforced locally): workers_dev, routes, observability, limits") {
		t.Errorf("no info note for deploy-time keys:\n%s", l)
	}
	// Secrets never appear in the banner or the logs.
	if strings.Contains(out.String()+l, "supersecret") {
		t.Errorf("a secret was printed:\n%s\n%s", out, l)
	}
	if !strings.Contains(out.String(), `env.TOKEN (secret) "(hidden)"`) {
		t.Errorf("banner:\n%s", out)
	}
	for _, name := range []string{"env.DB ", "env.BUCKET ", "env.AI "} {
		if strings.Contains(out.String(), name) {
			t.Errorf("banner lists %s as available:\n%s", name, out)
		}
	}
}

func TestBlobsAndModuleRules(t *testing.T) {
	t.Run("service worker: blobs are globals", func(t *testing.T) {
		dir := project(t, map[string]string{
			"wrangler.toml": "name = \"sw\"\nmain = \"worker.js\"\n[text_blobs]\nGREETING = \"data/hello.txt\"\n[data_blobs]\nBYTES = \"data/b.bin\"\n",
			"worker.js": `addEventListener("fetch", (e) => e.respondWith(Response.json({
  greeting: GREETING, bytes: [...new Uint8Array(BYTES)], isBuffer: BYTES instanceof ArrayBuffer })));`,
			"data/hello.txt": "hello from a blob",
			"data/b.bin":     "\x01\x02",
		})
		s, _, out := start(t, server.Options{Dir: dir})
		defer stop(t, s)
		if code, body := fetch(t, "GET", s.URL+"/", ""); code != 200 || body != `{"greeting":"hello from a blob","bytes":[1,2],"isBuffer":true}` {
			t.Fatalf("%d %s", code, body)
		}
		if !strings.Contains(out.String(), "env.GREETING (text blob)") || !strings.Contains(out.String(), "env.BYTES (data blob)") {
			t.Errorf("banner:\n%s", out)
		}
	})
	t.Run("modules: rules for text and data imports", func(t *testing.T) {
		dir := project(t, map[string]string{
			"wrangler.toml": "name = \"m\"\nmain = \"src/index.js\"\nrules = [{ type = \"Data\", globs = [\"**/*.dat\"], fallthrough = true }]\n",
			"src/index.js": `import page from "./page.html"; import d from "./x.dat"; import b from "./y.bin";
export default { fetch() { return Response.json({ page, d: d.byteLength, b: b instanceof ArrayBuffer }); } };`,
			"src/page.html": "<p>hi</p>",
			"src/x.dat":     "abc",
			"src/y.bin":     "z",
		})
		s, _, _ := start(t, server.Options{Dir: dir})
		defer stop(t, s)
		if code, body := fetch(t, "GET", s.URL+"/", ""); code != 200 || body != `{"page":"<p>hi</p>","d":3,"b":true}` {
			t.Fatalf("%d %s", code, body)
		}
	})
}

func TestStartErrorsForUnsupportedKeys(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name: "wasm_modules in a module worker",
			files: map[string]string{
				"wrangler.toml": "name = \"w\"\nmain = \"index.js\"\n[wasm_modules]\nADD = \"add.wasm\"\n",
				"index.js":      `export default { fetch() { return new Response("x"); } };`,
				"add.wasm":      "\x00asm\x01\x00\x00\x00",
			},
			want: `wrangler.toml:4: wasm_modules: You cannot configure [wasm_modules] with an ES module worker. Instead, import the .wasm module directly in your code`,
		},
		{
			name: "invalid wasm import",
			files: map[string]string{
				"wrangler.toml": "name = \"w\"\nmain = \"index.js\"\n",
				"index.js":      `import m from "./add.wasm"; export default { fetch() { return new Response(String(m)); } };`,
				"add.wasm":      "\x00asm",
			},
			want: `add.wasm:0:0: CompileError: WebAssembly.Module(): invalid version header`,
		},
		{
			name: "text_blobs in a module worker",
			files: map[string]string{
				"wrangler.toml": "name = \"w\"\nmain = \"index.js\"\n[text_blobs]\nT = \"t.txt\"\n",
				"index.js":      `export default { fetch() { return new Response("x"); } };`,
				"t.txt":         "t",
			},
			want: "text_blobs: You cannot configure [text_blobs] with an ES module worker.",
		},
		{
			name: "missing blob file",
			files: map[string]string{
				"wrangler.toml": "name = \"w\"\nmain = \"worker.js\"\n[data_blobs]\nD = \"missing.bin\"\n",
				"worker.js":     `addEventListener("fetch", (e) => e.respondWith(new Response("x")));`,
			},
			want: "data_blobs.D: open ",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := project(t, tt.files)
			_, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", Logger: slog.New(slog.DiscardHandler)})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func TestDevConfigDefaults(t *testing.T) {
	port := freePort(t)
	dir := project(t, map[string]string{
		"wrangler.toml": "name = \"w\"\nmain = \"index.js\"\n[dev]\nip = \"127.0.0.1\"\nport = " + strconv.Itoa(port) + "\n",
		"index.js":      `export default { fetch() { return new Response("ok"); } };`,
	})
	t.Run("config gives the address when the flags do not", func(t *testing.T) {
		s, err := server.Start(server.Options{Dir: dir, Port: -1, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		defer stop(t, s)
		if want := "http://127.0.0.1:" + strconv.Itoa(port); s.URL != want {
			t.Errorf("URL = %s, want %s", s.URL, want)
		}
	})
	t.Run("flags beat the config", func(t *testing.T) {
		s, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", Port: 0, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		defer stop(t, s)
		if strings.HasSuffix(s.URL, ":"+strconv.Itoa(port)) {
			t.Errorf("URL = %s: --port 0 should pick a free port, not [dev] port", s.URL)
		}
	})
}

func TestCustomBuildRunsBeforeBundling(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the build command uses sh syntax")
	}
	dir := project(t, map[string]string{
		"wrangler.toml": `name = "built"
main = "dist/index.js"
[build]
command = "mkdir -p ../dist && cp worker.js ../dist/index.js && echo built it"
cwd = "src"
`,
		"src/worker.js": `export default { fetch() { return new Response("from the build"); } };`,
	})
	s, _, out := start(t, server.Options{Dir: dir})
	defer stop(t, s)
	if code, body := fetch(t, "GET", s.URL+"/", ""); code != 200 || body != "from the build" {
		t.Fatalf("%d %s", code, body)
	}
	if o := out.String(); !strings.Contains(o, "[custom build] Running: mkdir -p ../dist") || !strings.Contains(o, "built it\n") {
		t.Errorf("output:\n%s", o)
	}

	t.Run("a failing build stops the start", func(t *testing.T) {
		dir := project(t, map[string]string{
			"wrangler.toml": "name = \"w\"\nmain = \"index.js\"\n[build]\ncommand = \"exit 3\"\n",
			"index.js":      `export default { fetch() { return new Response("x"); } };`,
		})
		_, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", Logger: slog.New(slog.DiscardHandler)})
		if err == nil || !strings.Contains(err.Error(), "custom build failed: exit 3: exit status 3") {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("main missing after the build", func(t *testing.T) {
		dir := project(t, map[string]string{"wrangler.toml": "name = \"w\"\nmain = \"out.js\"\n[build]\ncommand = \"true\"\n"})
		_, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", Logger: slog.New(slog.DiscardHandler)})
		var ds wrangler.Diagnostics
		if err == nil || errors.As(err, &ds) || !strings.Contains(err.Error(), `the expected output file at "out.js" was not found after running custom build: true`) {
			t.Fatalf("error = %v", err)
		}
	})
}

func TestSecretsRequired(t *testing.T) {
	dir := project(t, map[string]string{
		"wrangler.toml": "name = \"w\"\nmain = \"index.js\"\n[vars]\nMODE = \"prod\"\n[secrets]\nrequired = [\"API_KEY\", \"DB_PASSWORD\"]\n",
		"index.js":      `export default { fetch(req, env) { return Response.json(env); } };`,
		".dev.vars":     "API_KEY=k-123\nMODE=dev\nUNRELATED=do-not-bind\n",
	})
	s, logs, _ := start(t, server.Options{Dir: dir})
	defer stop(t, s)
	if code, body := fetch(t, "GET", s.URL+"/", ""); code != 200 || body != `{"MODE":"dev","API_KEY":"k-123"}` {
		t.Fatalf("%d %s", code, body)
	}
	if l := logs.String(); !strings.Contains(l, "secrets.required lists secrets that no .dev.vars/.env file sets") || !strings.Contains(l, "names=DB_PASSWORD") || strings.Contains(l, "k-123") {
		t.Errorf("logs:\n%s", l)
	}
}
