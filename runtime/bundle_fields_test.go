package runtime_test

import (
	"strings"
	"testing"

	"github.com/edgeruntime/edge/runtime"
)

// classFieldsWorker has class fields named get, set and async (goja's parser rejects them
// unquoted; Hono's classes have them) and a private field that refers to its own object.
const classFieldsWorker = `class Ctx {
  #self = this;
  get = (k) => "got " + k;
  static set = "static set";
  async = true;
  self() { return this.#self === this; }
}
// Only lines goja rejects are quoted: this template's text stays as written.
const text = ` + "`" + `
  get = 1;
` + "`" + `;
export default { fetch() {
  const c = new Ctx();
  return new Response([c.get("x"), Ctx.set, c.async, c.self(), JSON.stringify(text)].join("|"));
} };`

// TestClassFieldsNamedGetSetAsync: such classes run with native class fields (the names are
// quoted in the bundle), so private fields stay native: lowered ones become WeakMaps, and
// goja's WeakMap holds its values strongly, which leaks every object whose private field
// refers back to it (a Hono Context per request). Only the lines goja rejects are quoted: an
// assignment to a variable named get and a template's text stay as written.
func TestClassFieldsNamedGetSetAsync(t *testing.T) {
	for _, c := range []struct {
		name, src string
		lowered   bool
	}{
		{"quoted", classFieldsWorker, false},
		{"with an assignment to a variable named get", "let get;\nfunction f() {\n  get = 1;\n}\nf();\n" + classFieldsWorker, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeProject(t, map[string]string{"src/index.js": c.src})
			script, err := runtime.Bundle(runtime.BundleOptions{Entry: "src/index.js", Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if script.LoweredClassFields != c.lowered || strings.Contains(script.Code, "new WeakMap") != c.lowered {
				t.Fatalf("lowered = %v, WeakMap in the bundle = %v; want %v", script.LoweredClassFields, strings.Contains(script.Code, "new WeakMap"), c.lowered)
			}
			w := serveScript(t, script, runtime.Config{Isolates: 1})
			if r := get(t, w.URL); r.body != `got x|static set|true|true|"\n  get = 1;\n"` {
				t.Fatalf("%d %q", r.status, r.body)
			}
		})
	}
}
