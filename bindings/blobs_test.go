package bindings_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/bindings"
	"github.com/edgeruntime/edge/runtime"
)

// wranglerDefaultRules are wrangler's default module rules (wrangler-compat's
// DefaultModuleRules), as server passes them to the bundler.
var wranglerDefaultRules = []runtime.ModuleRule{
	{Type: runtime.ModuleText, Globs: []string{"**/*.txt", "**/*.html", "**/*.sql"}},
	{Type: runtime.ModuleData, Globs: []string{"**/*.bin"}},
	{Type: runtime.ModuleCompiledWasm, Globs: []string{"**/*.wasm", "**/*.wasm?module"}},
}

func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// serve runs script with binds and returns the JSON its fetch handler answers.
func serveJSON(t *testing.T, script *runtime.Script, binds []runtime.Binding) map[string]any {
	t.Helper()
	w, err := runtime.NewWorker(runtime.Config{Script: script, Bindings: binds, Isolates: 2,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w)
	defer func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = w.Close(ctx)
	}()
	var out map[string]any
	// Twice: each isolate gets its own copy of a Data blob, and module state persists.
	for i := 0; i < 2; i++ {
		r, err := http.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatalf("status %d, body %s", r.StatusCode, body)
		}
	}
	return out
}

func TestModuleRulesTextAndData(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/index.js": `
import text from "./page.html";
import again from "./page.html";
import sql from "../queries/q.sql";
import data from "./blob.bin";
import data2 from "./blob.bin";
import md from "./notes.md";
import custom from "./data.dat";
import answer from "./answer.jsm";
export default {
  fetch() {
    return Response.json({
      text, same: text === again, sql: sql.trim(), md,
      dataIsArrayBuffer: data instanceof ArrayBuffer, dataTag: Object.prototype.toString.call(data),
      byteLength: data.byteLength, bytes: [...new Uint8Array(data)], sameData: data === data2,
      customIsArrayBuffer: custom instanceof ArrayBuffer, answer,
    });
  },
};`,
		"src/page.html":   "<h1>héllo</h1>",
		"queries/q.sql":   "SELECT 1;\n",
		"src/blob.bin":    "\x00\x01\xfe\xff",
		"src/notes.md":    "# notes",
		"src/data.dat":    "xyz",
		"src/answer.jsm":  "export default 42;",
		"src/unused.wasm": "\x00asm",
	})
	rules := append([]runtime.ModuleRule{
		{Type: runtime.ModuleText, Globs: []string{"**/*.md"}},
		{Type: runtime.ModuleData, Globs: []string{"**/*.dat"}},
		{Type: runtime.ModuleESModule, Globs: []string{"**/*.jsm"}},
	}, wranglerDefaultRules...)
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	got := serveJSON(t, script, nil)
	want := map[string]any{
		"text": "<h1>héllo</h1>", "same": true, "sql": "SELECT 1;", "md": "# notes",
		"dataIsArrayBuffer": true, "dataTag": "[object ArrayBuffer]", "byteLength": float64(4),
		"bytes": []any{float64(0), float64(1), float64(254), float64(255)}, "sameData": true,
		"customIsArrayBuffer": true, "answer": float64(42),
	}
	for k, v := range want {
		if b, _ := json.Marshal(got[k]); string(b) != mustJSON(v) {
			t.Errorf("%s = %s, want %s", k, b, mustJSON(v))
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// CompiledWasm imports, with or without "?module", carry the file's bytes in the Script
// under its project-relative path (the worker compiles them; runtime/wasm_test.go runs them).
func TestCompiledWasmRule(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/index.js":     `import a from "./lib/add.wasm"; import b from "./lib/add.wasm?module"; export default { fetch() { return new Response(String(a === b)); } };`,
		"src/lib/add.wasm": "\x00asm\x01\x00\x00\x00",
	})
	s, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir, Rules: wranglerDefaultRules})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.WasmModules) != 1 || string(s.WasmModules["src/lib/add.wasm"]) != "\x00asm\x01\x00\x00\x00" {
		t.Fatalf("WasmModules = %q", s.WasmModules)
	}
	// edge dev watches the .wasm file like any other input.
	if want := filepath.Join(dir, "src", "lib", "add.wasm"); !slices.Contains(s.Inputs, want) {
		t.Errorf("Inputs = %q, want %s among them", s.Inputs, want)
	}
}

func TestModuleRulesErrors(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		rules   []runtime.ModuleRule
		ignored []runtime.ModuleRule
		want    string
	}{
		{
			name:  "a missing wasm file is esbuild's resolve error",
			src:   `import mod from "./missing.wasm?module"; export default { fetch() { return new Response(String(mod)); } };`,
			rules: wranglerDefaultRules,
			want:  `Could not resolve "./missing.wasm?module"`,
		},
		{
			name:    "an import only an ignored rule matches",
			src:     `import t from "./a.csv"; export default { fetch() { return new Response(t); } };`,
			rules:   []runtime.ModuleRule{{Type: runtime.ModuleText, Globs: []string{"**/*.md"}}},
			ignored: []runtime.ModuleRule{{Type: runtime.ModuleText, Globs: []string{"**/*.csv"}}},
			want:    "the file ./a.csv matched a module rule in your configuration (Text **/*.csv), but that rule is ignored because a previous rule with the same type is not marked `fallthrough = true`",
		},
		{
			name:  "a missing text file is esbuild's resolve error",
			src:   `import t from "./missing.txt"; export default { fetch() { return new Response(t); } };`,
			rules: wranglerDefaultRules,
			want:  `Could not resolve "./missing.txt"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeProject(t, map[string]string{"index.js": tt.src, "add.wasm": "\x00asm", "a.csv": "a,b"})
			_, err := runtime.Bundle(runtime.BundleOptions{Entry: "index.js", Dir: dir, Rules: tt.rules, IgnoredRules: tt.ignored})
			var be *runtime.BuildError
			if !errors.As(err, &be) {
				t.Fatalf("error = %v, want a BuildError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
			if be.Messages[0].File == "" || be.Messages[0].Line != 1 {
				t.Errorf("message without the import's location: %+v", be.Messages[0])
			}
		})
	}
}

func TestBlobBindingsInServiceWorker(t *testing.T) {
	dir := writeProject(t, map[string]string{"worker.js": `
addEventListener("fetch", (event) => {
  const before = new Uint8Array(LOGO)[0];
  new Uint8Array(LOGO)[0] = 99; // a write stays in this isolate's copy
  event.respondWith(Response.json({
    template: TEMPLATE, isArrayBuffer: LOGO instanceof ArrayBuffer, before, length: LOGO.byteLength,
    missing: typeof DB,
  }));
});`})
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: "worker.js", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if script.Format != runtime.FormatServiceWorker {
		t.Fatalf("format = %v", script.Format)
	}
	logo := []byte{7, 8, 9}
	got := serveJSON(t, script, []runtime.Binding{
		bindings.Text{Binding: "TEMPLATE", Text: "<p>{{x}}</p>"},
		bindings.Data{Binding: "LOGO", Bytes: logo},
	})
	// The second request may land on the isolate whose copy the first one changed; the
	// Go bytes never change.
	if got["template"] != "<p>{{x}}</p>" || got["isArrayBuffer"] != true || got["length"] != float64(3) || got["missing"] != "undefined" {
		t.Errorf("got %v", got)
	}
	if b := got["before"]; b != float64(7) && b != float64(99) {
		t.Errorf("before = %v", b)
	}
	if logo[0] != 7 {
		t.Errorf("the binding's bytes were modified: %v", logo)
	}
}
