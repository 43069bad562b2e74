package htmlrewriter_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/edgeruntime/edge/runtime/internal/htmlrewriter"
)

// benchPage is a ~1 MB page of articles with links, paragraphs and inline script.
func benchPage() []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><title>Bench</title><script>var a = 1 < 2;</script></head><body>\n")
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, `<article class="post item-%d" data-i18n-key="k%d"><h2><a href="http://example.com/p/%d">Post %d</a></h2>`, i, i%50, i, i)
		b.WriteString("<p>Lorem ipsum dolor sit amet, <em>consectetur</em> adipiscing elit &amp; sed do eiusmod tempor.</p><!-- c --></article>\n")
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

func BenchmarkRewrite1MB(b *testing.B) {
	page := benchPage()
	cases := []struct {
		name  string
		setup func(rw *htmlrewriter.Rewriter)
	}{
		{"passthrough", func(rw *htmlrewriter.Rewriter) {}},
		{"rewrite-links", func(rw *htmlrewriter.Rewriter) {
			sel, _ := htmlrewriter.ParseSelector(`a[href^="http:"]`)
			rw.On(sel, htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error {
				v, _ := e.GetAttribute("href")
				e.SetAttribute("href", "https:"+v[5:])
				return nil
			}})
		}},
		{"i18n-text", func(rw *htmlrewriter.Rewriter) {
			sel, _ := htmlrewriter.ParseSelector("[data-i18n-key] h2 a")
			rw.On(sel, htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error {
				e.SetInnerContent(htmlrewriter.Content{Text: "Beitrag"})
				return nil
			}})
			rw.OnDocument(htmlrewriter.DocumentHandlers{Text: func(*htmlrewriter.TextChunk) error { return nil }})
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				rw := htmlrewriter.New()
				c.setup(rw)
				if err := rw.Run(io.Discard, bytes.NewReader(page)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
