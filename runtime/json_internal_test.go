package runtime

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// checkJSON fails when parseJSON accepts s with a result that differs from JSON.parse's.
func checkJSON(t *testing.T, s string) bool {
	t.Helper()
	vm := goja.New()
	fast, ok := parseJSON(vm, s)
	if !ok {
		return false
	}
	builtin, err := vm.RunString(`(s) => JSON.parse(s)`)
	if err != nil {
		t.Fatal(err)
	}
	parse, _ := goja.AssertFunction(builtin)
	want, err := parse(goja.Undefined(), vm.ToValue(s))
	if err != nil {
		if strings.Contains(err.Error(), "cannot unmarshal number") {
			return true // goja's JSON.parse rejects out-of-range numbers; V8 makes them ±Infinity or 0
		}
		t.Fatalf("%q: parsed, but JSON.parse throws %v", s, err)
	}
	// Same structure, key order, values, and -0.
	cmp, _ := vm.RunString(`(function eq(a, b) {
		if (typeof a !== typeof b) return false;
		if (a === null || typeof a !== "object") return Object.is(a, b);
		if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
		const ka = Reflect.ownKeys(a), kb = Reflect.ownKeys(b);
		if (ka.length !== kb.length) return false;
		for (let i = 0; i < ka.length; i++) {
			if (ka[i] !== kb[i]) return false;
			const da = Object.getOwnPropertyDescriptor(a, ka[i]), db = Object.getOwnPropertyDescriptor(b, kb[i]);
			if (da.writable !== db.writable || da.enumerable !== db.enumerable || da.configurable !== db.configurable) return false;
			if (!eq(da.value, db.value)) return false;
		}
		return true;
	})`)
	eq, _ := goja.AssertFunction(cmp)
	same, err := eq(goja.Undefined(), fast, want)
	if err != nil || !same.ToBoolean() {
		t.Fatalf("%q: parsed differently from JSON.parse (%v)", s, err)
	}
	return true
}

func TestParseJSON(t *testing.T) {
	for _, s := range []string{
		`{"userId":"alice","expiresAt":"2999-01-01T00:00:00Z","scopes":["read","write"]}`,
		` [1, -0, 0.5, -1.5e3, 1E+2, 12345678901234567890, 1e400, -1e-400, true, false, null] `,
		`{"a":1,"a":2,"b":{"__proto__":{"x":1}},"2":"two","1":"one"}`, `"\u00e9\n\t\"\\\/\b\f\r"`, `"é😀"`,
		`{}`, `[]`, `[[[]],{}]`, `""`, `0`, `{"\u0000":"\u001f"}`, `"\ud83d\ude00"`,
	} {
		if !checkJSON(t, s) && s != `"\ud83d\ude00"` {
			t.Errorf("%q: left to JSON.parse", s)
		}
	}
	for _, s := range []string{
		``, ` `, `{`, `[1,]`, `{"a":1,}`, `01`, `1.`, `.5`, `-`, `+1`, `1e`, `"\x"`, "\"\x01\"", `"\ud800"`,
		`tru`, `nul`, `{a:1}`, `[1] x`, `'a'`, `NaN`, `Infinity`, "\"\xff\"", `[` + string(make([]byte, 0)) + `1`,
	} {
		if checkJSON(t, s) {
			t.Errorf("%q: taken by the fast parser", s)
		}
	}
}

// TestJSONParseGlobal: JSON.parse is the direct parser with JSON.parse's name, length, errors,
// reviver and argument conversion, and out-of-range numbers become ±Infinity as in V8.
func TestJSONParseGlobal(t *testing.T) {
	w := startInternal(t, `export default { fetch() {
  const out = [];
  out.push(JSON.parse.name, JSON.parse.length, Object.keys(JSON).length);
  out.push(JSON.parse("1e400") === Infinity, JSON.parse("[-1e400]")[0] === -Infinity, JSON.parse('{"a":[1,{"b":2}]}').a[1].b);
  out.push(JSON.parse('{"a":1,"b":2}', (k, v) => (typeof v === "number" ? v * 10 : v)).b);
  let calls = 0;
  out.push(JSON.parse(" 7 "));
  try { JSON.parse({ toString() { calls++; return "[1,"; } }); } catch (e) { out.push(e.name, calls); }
  try { JSON.parse("{bad"); } catch (e) { out.push(e.name); }
  try { new JSON.parse("1"); } catch (e) { out.push(e.name); }
  out.push(Object.getPrototypeOf(JSON.parse('{"__proto__":{"x":1}}')) === Object.prototype);
  return new Response(JSON.stringify(out));
} }`)
	want := `["parse",2,0,true,true,2,20,7,"SyntaxError",1,"SyntaxError","TypeError",true]`
	if got := w.get(t, "/"); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// FuzzParseJSON: whatever parseJSON accepts, it parses as JSON.parse does.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `"x\u0041\n"`, `-0.0e-0`, `[true,false]`, `{"__proto__":1}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkJSON(t, s) })
}

// BenchmarkJSONParse: the token gateway's record, by the direct parser and by goja's JSON.parse.
func BenchmarkJSONParse(b *testing.B) {
	const record = `{"userId":"alice","expiresAt":"2999-01-01T00:00:00Z","scopes":["read","write"]}`
	vm := goja.New()
	builtin, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := parseJSON(vm, record); !ok {
				b.Fatal("not parsed")
			}
		}
	})
	b.Run("goja", func(b *testing.B) {
		arg := vm.ToValue(record)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := builtin(goja.Undefined(), arg); err != nil {
				b.Fatal(err)
			}
		}
	})
}
