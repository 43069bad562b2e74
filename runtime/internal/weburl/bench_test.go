package weburl_test

import (
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

const benchURL = "https://user@api.example.com:8443/v1/items/42?fields=name,price&sort=-price#top"

func BenchmarkParseHref(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := weburl.ParseHref("../v2/items?x=1", benchURL); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJS measures typical router-style use from JS, per iteration.
func BenchmarkJS(b *testing.B) {
	for _, bc := range []struct{ name, src string }{
		{"new-URL-pathname", `new URL(u).pathname`},
		{"searchParams-get", `new URL(u).searchParams.get('sort')`},
		{"URLSearchParams-toString", `const p = new URLSearchParams(); p.append('a', '1 2'); p.append('b', 'é'); p.toString()`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			vm := goja.New()
			weburl.Install(vm, vm.GlobalObject())
			fnv, err := vm.RunString(`(function (u) { ` + bc.src + ` })`)
			if err != nil {
				b.Fatal(err)
			}
			fn, _ := goja.AssertFunction(fnv)
			arg := vm.ToValue(benchURL)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := fn(goja.Undefined(), arg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
