package intl_test

import (
	"testing"

	"github.com/dop251/goja"
)

// benchJS runs fn (a JS function expression) b.N times in one runtime.
func benchJS(b *testing.B, setup string) {
	b.Helper()
	vm := newVM(b)
	v, err := vm.RunString(setup)
	if err != nil {
		b.Fatal(err)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		b.Fatal("setup did not return a function")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fn(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNumberFormat(b *testing.B) {
	for _, bc := range []struct{ name, setup string }{
		{"decimal", `(() => { const f = new Intl.NumberFormat("en-US").format; return () => f(1234567.891); })()`},
		{"currency", `(() => { const f = new Intl.NumberFormat("de-DE", {style: "currency", currency: "EUR"}).format; return () => f(-1234.5); })()`},
		{"compact", `(() => { const f = new Intl.NumberFormat("en-US", {notation: "compact"}).format; return () => f(1234567); })()`},
		{"formatToParts", `(() => { const nf = new Intl.NumberFormat("en-US"); return () => nf.formatToParts(1234567.891); })()`},
		{"toLocaleString", `(() => { const n = 1234567.891; return () => n.toLocaleString(); })()`},
		{"toLocaleString_options", `(() => { const n = 0.256; return () => n.toLocaleString("en-US", {style: "percent"}); })()`},
		{"construct", `() => new Intl.NumberFormat("en-US", {style: "currency", currency: "USD"})`},
	} {
		b.Run(bc.name, func(b *testing.B) { benchJS(b, bc.setup) })
	}
}

func BenchmarkDateTimeFormat(b *testing.B) {
	for _, bc := range []struct{ name, setup string }{
		{"default", `(() => { const f = new Intl.DateTimeFormat("en-US").format; return () => f(1704424029045); })()`},
		{"styles_zone", `(() => { const f = new Intl.DateTimeFormat("en-US", {dateStyle: "full", timeStyle: "long", timeZone: "America/New_York"}).format; return () => f(1704424029045); })()`},
		{"components", `(() => { const f = new Intl.DateTimeFormat("de-DE", {weekday: "short", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit"}).format; return () => f(1704424029045); })()`},
		{"formatToParts", `(() => { const f = new Intl.DateTimeFormat("en-US", {dateStyle: "medium", timeStyle: "short"}); return () => f.formatToParts(1704424029045); })()`},
		{"toLocaleString", `(() => { const d = new Date(1704424029045); return () => d.toLocaleString(); })()`},
		{"toLocaleDateString_options", `(() => { const d = new Date(1704424029045); return () => d.toLocaleDateString("en-US", {month: "short", day: "numeric", year: "numeric"}); })()`},
		{"construct", `() => new Intl.DateTimeFormat("en-US", {hour: "numeric", minute: "2-digit", timeZone: "Europe/Berlin"})`},
	} {
		b.Run(bc.name, func(b *testing.B) { benchJS(b, bc.setup) })
	}
}

func BenchmarkCollator(b *testing.B) {
	benchJS(b, `(() => { const c = new Intl.Collator("en").compare; return () => c("résumé", "resume"); })()`)
}

func BenchmarkInstall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		newVM(b)
	}
}
