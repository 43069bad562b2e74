package urlpattern_test

import (
	"testing"

	"github.com/dop251/goja"
)

func benchJS(b *testing.B, setup, body string) {
	b.Helper()
	vm := newVM(b)
	if _, err := vm.RunString(setup); err != nil {
		b.Fatal(err)
	}
	prg := goja.MustCompile("bench.js", body, true)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConstructInit is new URLPattern({pathname}) — a router's start-up cost per route.
func BenchmarkConstructInit(b *testing.B) {
	benchJS(b, ``, `new URLPattern({ pathname: '/users/:id/posts/:post' })`)
}

// BenchmarkConstructString is the constructor-string form with a regexp group.
func BenchmarkConstructString(b *testing.B) {
	benchJS(b, ``, `new URLPattern('https://*.example.com/api/:version(v\\d+)/*')`)
}

// BenchmarkExecURL matches a full URL string against a typical route and reads a group.
func BenchmarkExecURL(b *testing.B) {
	benchJS(b, `globalThis.p = new URLPattern({ pathname: '/users/:id/posts/:post' });`,
		`p.exec('https://example.com/users/42/posts/7?x=1').pathname.groups.post`)
}

// BenchmarkTestMiss is a route that does not match (most routes in a table miss).
func BenchmarkTestMiss(b *testing.B) {
	benchJS(b, `globalThis.p = new URLPattern({ pathname: '/users/:id/posts/:post' });`,
		`p.test('https://example.com/static/site.css')`)
}
