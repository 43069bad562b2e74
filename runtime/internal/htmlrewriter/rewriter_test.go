package htmlrewriter_test

import (
	"strings"
	"testing"

	"github.com/edgeruntime/edge/runtime/internal/htmlrewriter"
)

func mustSel(t testing.TB, s string) *htmlrewriter.Selector {
	sel, err := htmlrewriter.ParseSelector(s)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func text(s string) htmlrewriter.Content { return htmlrewriter.Content{Text: s} }
func markup(s string) htmlrewriter.Content {
	return htmlrewriter.Content{Text: s, HTML: true}
}

// rewrite feeds chunks one by one and returns the output.
func rewrite(t *testing.T, rw *htmlrewriter.Rewriter, chunks ...string) string {
	t.Helper()
	var out strings.Builder
	drain := func() {
		for {
			more, err := rw.Step()
			if err != nil {
				t.Fatal(err)
			}
			if !more {
				break
			}
		}
		out.Write(rw.TakeOutput())
	}
	for _, c := range chunks {
		rw.Write([]byte(c))
		drain()
	}
	rw.End()
	drain()
	if !rw.Done() {
		t.Fatal("not done after End")
	}
	return out.String()
}

// The expected outputs are workerd's (conformance cases 30 and 31).
func TestElementMutations(t *testing.T) {
	const page = `<div id="a" class="x">one <b>two</b></div><p>three</p><br><img src="i.png"/>`
	tests := []struct {
		name, sel string
		fn        func(e *htmlrewriter.Element)
		want      string
	}{
		{"attrs", "div", func(e *htmlrewriter.Element) {
			e.SetAttribute("ID", `q"<`)
			e.SetAttribute("new", "n")
			e.RemoveAttribute("class")
		}, `<div id="q&quot;<" new="n">one <b>two</b></div><p>three</p><br><img src="i.png"/>`},
		{"rename", "div", func(e *htmlrewriter.Element) { e.SetTagName("section") },
			`<section id="a" class="x">one <b>two</b></section><p>three</p><br><img src="i.png"/>`},
		{"around", "p", func(e *htmlrewriter.Element) {
			e.Before(text("<b1>"))
			e.Before(markup("<b2>"))
			e.After(text("a1"))
			e.After(markup("<a2>"))
			e.Prepend(text("p1"))
			e.Prepend(markup("<p2>"))
			e.Append(text("e1"))
			e.Append(markup("<e2>"))
		}, `<div id="a" class="x">one <b>two</b></div>&lt;b1&gt;<b2><p><p2>p1threee1<e2></p><a2>a1<br><img src="i.png"/>`},
		{"replace", "div", func(e *htmlrewriter.Element) { e.Replace(markup("<hr>")) }, `<hr><p>three</p><br><img src="i.png"/>`},
		{"inner", "div", func(e *htmlrewriter.Element) { e.SetInnerContent(text("<x>")) },
			`<div id="a" class="x">&lt;x&gt;</div><p>three</p><br><img src="i.png"/>`},
		{"remove", "div", func(e *htmlrewriter.Element) { e.Remove() }, `<p>three</p><br><img src="i.png"/>`},
		{"keep content", "div", func(e *htmlrewriter.Element) { e.RemoveAndKeepContent() }, `one <b>two</b><p>three</p><br><img src="i.png"/>`},
		{"void", "br", func(e *htmlrewriter.Element) {
			e.Append(text("x"))
			e.Before(text("b"))
			e.After(text("a"))
		}, `<div id="a" class="x">one <b>two</b></div><p>three</p>b<br>a<img src="i.png"/>`},
		{"end tag", "p", func(e *htmlrewriter.Element) {
			e.Append(text("[a]"))
			_ = e.OnEndTag(func(et *htmlrewriter.EndTag) error {
				et.Before(markup("<!--b-->"))
				et.After(text("<"))
				et.SetName("q")
				return nil
			})
		}, `<div id="a" class="x">one <b>two</b></div><p>three[a]<!--b--></q>&lt;<br><img src="i.png"/>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rw := htmlrewriter.New()
			rw.On(mustSel(t, tt.sel), htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error { tt.fn(e); return nil }})
			if got := rewrite(t, rw, page); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestOnEndTagVoid(t *testing.T) {
	rw := htmlrewriter.New()
	var err error
	rw.On(mustSel(t, "br"), htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error {
		err = e.OnEndTag(func(*htmlrewriter.EndTag) error { return nil })
		return nil
	}})
	rewrite(t, rw, "<br>")
	if err == nil || err.Error() != "No end tag." {
		t.Fatalf("err = %v", err)
	}
}

type chunkLog []string

func (l *chunkLog) handler(c *htmlrewriter.TextChunk) error {
	s := c.Text()
	if c.LastInTextNode() {
		s += "$"
	}
	*l = append(*l, s)
	return nil
}

func TestTextChunks(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"one chunk", []string{"<p>Hello <b>world</b>!</p>"}, "Hello |$|world|$|!|$"},
		{"split", []string{"<p>Hel", "lo wo", "rld</p><p>a", "</p>"}, "Hel|lo wo|rld|$|a|$"},
		{"tag split", []string{"<p>ab<", "b>cd</", "b>ef</p>"}, "ab|$|cd|$|ef|$"},
		{"entity split", []string{"<p>a &am", "p; b</p>"}, "a &am|p; b|$"},
		{"script", []string{"<script>if (a < b) x = '</p>';</script>"}, "if (a |<| b) x = '|</p|>';|$"},
		{"script split", []string{"<script>ab", "cd<", "/scr", "ipt><p>x", "y</p>"}, "ab|cd|$|x|y|$"},
		{"utf8 split", []string{"<p>\xe6\x97", "\xa5</p>"}, "日|$"},
		{"cdata", []string{"<svg><![CDATA[x<y]]></svg>"}, "x<y|$"},
		{"eof", []string{"just text"}, "just text|$"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log chunkLog
			rw := htmlrewriter.New()
			rw.OnDocument(htmlrewriter.DocumentHandlers{Text: log.handler})
			out := rewrite(t, rw, tt.chunks...)
			if want := strings.Join(tt.chunks, ""); out != want {
				t.Errorf("output %q, want %q", out, want)
			}
			if got := strings.Join(log, "|"); got != tt.want {
				t.Errorf("chunks %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommentsDoctypeEnd(t *testing.T) {
	var doctype []string
	rw := htmlrewriter.New()
	rw.OnDocument(htmlrewriter.DocumentHandlers{
		Doctype: func(d *htmlrewriter.Doctype) error {
			doctype = append(doctype, *d.Name, *d.PublicID, *d.SystemID)
			return nil
		},
		Comments: func(c *htmlrewriter.Comment) error {
			switch c.Text() {
			case "a":
				c.SetText("A")
			case "b":
				c.Remove()
			case "c":
				c.Replace(text("<c>"))
			}
			return nil
		},
		End: func(d *htmlrewriter.DocumentEnd) error { d.Append(markup("<!--end-->")); return nil },
	})
	got := rewrite(t, rw, `<!DOCTYPE html PUBLIC "p" 's'><!--a--><!-`, `-b--><!--c-->`)
	if want := `<!DOCTYPE html PUBLIC "p" 's'><!--A-->&lt;c&gt;<!--end-->`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if strings.Join(doctype, ",") != "html,p,s" {
		t.Errorf("doctype %q", doctype)
	}
}

// TestStreaming checks that output follows input chunk by chunk: what is complete is written
// before the next chunk arrives.
func TestStreaming(t *testing.T) {
	rw := htmlrewriter.New()
	rw.On(mustSel(t, "p"), htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error { e.SetAttribute("x", "1"); return nil }})
	step := func(in string) string {
		rw.Write([]byte(in))
		for {
			more, err := rw.Step()
			if err != nil {
				t.Fatal(err)
			}
			if !more {
				return string(rw.TakeOutput())
			}
		}
	}
	for _, c := range []struct{ in, out string }{
		{"<html><p>first", `<html><p x="1">first`},
		{" more</p><p", " more</p>"},
		{">x", `<p x="1">x`},
	} {
		if got := step(c.in); got != c.out {
			t.Fatalf("after %q: output %q, want %q", c.in, got, c.out)
		}
	}
}

// TestPause checks that Step returns after a handler that called Pause, so a caller can wait for
// the handler's asynchronous work.
func TestPause(t *testing.T) {
	rw := htmlrewriter.New()
	calls := 0
	rw.On(mustSel(t, "p"), htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error { calls++; rw.Pause(); return nil }})
	rw.Write([]byte("<p>a</p><p>b</p>"))
	rw.End()
	for want := 1; want <= 2; want++ {
		more, err := rw.Step()
		if err != nil || !more || calls != want {
			t.Fatalf("step %d: more=%v err=%v calls=%d", want, more, err, calls)
		}
	}
	if more, _ := rw.Step(); more || !rw.Done() {
		t.Fatal("not done")
	}
	if got := string(rw.TakeOutput()); got != "<p>a</p><p>b</p>" {
		t.Fatalf("output %q", got)
	}
}

// TestNameRules checks lol-html's refusals of tag and attribute names (messages recorded with
// workerd in conformance case 33).
func TestNameRules(t *testing.T) {
	rw := htmlrewriter.New()
	var got []string
	rw.On(mustSel(t, "p"), htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error {
		for _, n := range []string{"has space", "", "1abc", "a/b", "ok-name"} {
			if err := e.SetTagName(n); err != nil {
				got = append(got, err.Error())
			}
		}
		for _, n := range []string{"a=b", "", "fine"} {
			if err := e.SetAttribute(n, "v"); err != nil {
				got = append(got, err.Error())
			}
		}
		return nil
	}})
	if out := rewrite(t, rw, "<p>x</p>"); out != `<ok-name fine="v">x</ok-name>` {
		t.Errorf("output %q", out)
	}
	want := []string{
		"` ` character is forbidden in the tag name",
		"Tag name can't be empty.",
		"The first character of the tag name should be an ASCII alphabetical character.",
		"`/` character is forbidden in the tag name",
		"`=` character is forbidden in the attribute name",
		"Attribute name can't be empty.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzChunking checks that output does not depend on where input chunks end: the same document
// split at arbitrary points rewrites to the same bytes as in one piece.
func FuzzChunking(f *testing.F) {
	f.Add(`<!DOCTYPE html><html><head><script>if (a < b) x = "</p>";</script></head><body class=x><p id=1>Hello &amp; <b>wörld</b><!-- c --><br><img src=a /></p><svg><path d="M0"/><![CDATA[x<y]]></svg></body></html>`, uint64(0x9e3779b97f4a7c15))
	f.Add("<ul><li>1<li>2</ul><textarea><b>t</b></textarea><title>a<b</title>", uint64(12345))
	f.Fuzz(func(t *testing.T, doc string, seed uint64) {
		run := func(chunks []string) string {
			rw := htmlrewriter.New()
			rw.On(mustSel(t, "p, li, b, path"), htmlrewriter.ElementHandlers{Element: func(e *htmlrewriter.Element) error {
				e.SetAttribute("seen", "1")
				e.Before(text("<"))
				e.Append(markup("!"))
				return nil
			}})
			rw.OnDocument(htmlrewriter.DocumentHandlers{Comments: func(c *htmlrewriter.Comment) error { return c.SetText("C") }})
			return rewrite(t, rw, chunks...)
		}
		whole := run([]string{doc})
		var chunks []string
		for rest := doc; rest != ""; {
			seed = seed*6364136223846793005 + 1442695040888963407
			n := 1 + int(seed>>33)%8
			n = min(n, len(rest))
			chunks = append(chunks, rest[:n])
			rest = rest[n:]
		}
		if got := run(chunks); got != whole {
			t.Fatalf("chunked %q\ngot  %q\nwant %q", chunks, got, whole)
		}
	})
}
