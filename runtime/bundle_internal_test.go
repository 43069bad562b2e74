package runtime

import "testing"

// TestQuoteRejectedFields: only the class fields goja's parser rejects are quoted (it accepts
// "static set;"), never text inside a template; a parse error that is not such a field leaves
// the bundle to the class-field lowering fallback.
func TestQuoteRejectedFields(t *testing.T) {
	src := "class A {\n  get = 1;\n  static set;\n  x = `\n  async;\n`;\n}\n"
	got, _, ok := quoteRejectedFields("a.js", src)
	if want := "class A {\n  \"get\" = 1;\n  static set;\n  x = `\n  async;\n`;\n}\n"; !ok || got != want {
		t.Fatalf("got %v %q, want %q", ok, got, want)
	}
	if _, _, ok := quoteRejectedFields("a.js", "class A {\n  get = 1;\n}\nlet x = ;\n"); ok {
		t.Fatal("a syntax error that is not a class field was accepted")
	}
}
