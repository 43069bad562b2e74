package weburl_test

import (
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

const benchURL = "https://user@api.example.com:8443/v1/items/42?fields=name,price&sort=-price#top"

// requestURL is in canonical form, as request.url of an incoming request is.
const requestURL = "http://127.0.0.1:8787/v1/items/42?fields=name,price&sort=-price"

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
	for _, bc := range []struct{ name, src, url string }{
		{"new-URL-pathname", `new URL(u).pathname`, benchURL},
		{"new-URL-pathname-request-url", `new URL(u).pathname`, requestURL},
		{"searchParams-get", `new URL(u).searchParams.get('sort')`, benchURL},
		{"searchParams-get-request-url", `new URL(u).searchParams.get('sort')`, requestURL},
		{"URLSearchParams-toString", `const p = new URLSearchParams(); p.append('a', '1 2'); p.append('b', 'é'); p.toString()`, benchURL},
	} {
		b.Run(bc.name, func(b *testing.B) {
			vm := goja.New()
			weburl.Install(vm, vm.GlobalObject())
			fnv, err := vm.RunString(`(function (u) { ` + bc.src + ` })`)
			if err != nil {
				b.Fatal(err)
			}
			fn, _ := goja.AssertFunction(fnv)
			arg := vm.ToValue(bc.url)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := fn(goja.Undefined(), arg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
