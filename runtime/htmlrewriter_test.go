package runtime_test

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestHTMLRewriterAPI calls every handler and method once in an isolate; the expected values are
// workerd's (conformance cases 30 and 31 hold the full differential set).
func TestHTMLRewriterAPI(t *testing.T) {
	runChecks(t, `
    "element": async () => { let info; const out = await new HTMLRewriter().on("div", { element(e) {
      info = [e.tagName, e.namespaceURI, [...e.attributes], e.getAttribute("ID"), e.hasAttribute("x"), e.removed];
      e.tagName = "section"; e.setAttribute("x", "\"1\"").removeAttribute("id");
      e.before("<b>").before("<i>", { html: true }).after("A").prepend("P").append("E", { html: true });
    } }).transform(new Response('<div id=a class="c">t</div>')).text(); return [info, out]; },
    "replace": () => new HTMLRewriter().on("p", { element(e) { e.replace("<hr>", { html: true }); } }).transform(new Response("<p>x</p>y")).text(),
    "inner": () => new HTMLRewriter().on("p", { element(e) { e.setInnerContent("<&>"); } }).transform(new Response("<p>x<b>y</b></p>")).text(),
    "remove": () => new HTMLRewriter().on("b", { element(e) { e.remove(); } }).on("i", { element(e) { e.removeAndKeepContent(); } }).transform(new Response("<p><b>x</b><i>y</i></p>")).text(),
    "endTag": () => new HTMLRewriter().on("p", { element(e) { e.onEndTag((end) => { end.before("[" + end.name + "]"); end.name = "q"; end.after("!"); }); } }).transform(new Response("<p>x</p>")).text(),
    "endTagRemove": () => new HTMLRewriter().on("p", { element(e) { e.onEndTag((end) => { end.remove(); }); } }).transform(new Response("<p>x</p>")).text(),
    "endTagVoid": async () => { let err; await new HTMLRewriter().on("br", { element(e) { try { e.onEndTag(() => {}); } catch (x) { err = x.name + ": " + x.message; } } }).transform(new Response("<br>")).text(); return err; },
    "text": async () => { const seen = []; const out = await new HTMLRewriter().on("p", { text(t) { seen.push([t.text, t.lastInTextNode, t.removed]); if (t.text === "a") t.replace("A"); if (t.text === "c") { t.before("<"); t.after(">", { html: true }); } if (t.text === "d") t.remove(); } }).transform(new Response("<p>a</p><p>c</p><p>d</p>")).text(); return [seen, out]; },
    "comments": async () => { const seen = []; const out = await new HTMLRewriter().on("p", { comments(c) { seen.push([c.text, c.removed]); if (c.text === "a") c.text = "A"; if (c.text === "b") c.remove(); if (c.text === "c") c.replace("<c>"); if (c.text === "d") { c.before("1"); c.after("2"); } } }).transform(new Response("<p><!--a--><!--b--><!--c--><!--d--></p>")).text(); return [seen, out]; },
    "document": async () => { const seen = []; const out = await new HTMLRewriter().onDocument({ doctype(d) { seen.push([d.name, d.publicId, d.systemId]); }, comments(c) { seen.push(c.text); }, text(t) { seen.push(t.text); }, end(e) { e.append("<!--e-->", { html: true }); } }).transform(new Response("<!DOCTYPE html><!--c-->x")).text(); return [seen, out]; },
    "async": () => new HTMLRewriter().on("p", { async element(e) { await new Promise((r) => setTimeout(r, 1)); e.setAttribute("a", "1"); } }).on("p", { async text(t) { await null; if (t.text) t.replace(t.text.toUpperCase()); } }).transform(new Response("<p>x</p><p>y</p>")).text(),
    "asyncEndTag": () => new HTMLRewriter().on("p", { element(e) { e.onEndTag(async (end) => { await null; end.after("!"); }); } }).transform(new Response("<p>x</p>")).text(),
    "throws": () => thrown(() => new HTMLRewriter().on("p", { element() { throw new RangeError("boom"); } }).transform(new Response("<p>x</p>")).text()),
    "rejects": () => thrown(() => new HTMLRewriter().on("p", { async element() { throw new Error("later"); } }).transform(new Response("<p>x</p>")).text()),
    "stale": async () => { let el; await new HTMLRewriter().on("p", { element(e) { el = e; } }).transform(new Response("<p>x</p>")).text(); return thrown(() => el.tagName); },
    "selectorError": () => thrown(() => new HTMLRewriter().on("p + p", {})),
    "handlerType": () => thrown(() => new HTMLRewriter().onDocument({ end: 1 })),
    "notResponse": () => thrown(() => new HTMLRewriter().transform("x")),
    "latin1": async () => { let seen; const r = new HTMLRewriter().on("p", { text(t) { if (t.text) seen = t.text; }, element(e) { e.append("é→"); } }).transform(new Response(new Uint8Array([60, 112, 62, 0xfc, 60, 47, 112, 62]), { headers: { "content-type": "text/html; charset=iso-8859-1" } })); const out = String.fromCharCode(...new Uint8Array(await r.arrayBuffer())); return [seen, out]; },
    "charsetUnknown": () => thrown(() => new HTMLRewriter().transform(new Response("x", { headers: { "content-type": "text/html; charset=nope" } }))),
    "preserves": async () => { const r = new HTMLRewriter().transform(new Response("<p>", { status: 201, headers: { "x-a": "1", "content-length": "3" } })); return [r.status, r.headers.get("x-a"), r.headers.get("content-length"), await r.text()]; },
`, map[string]string{
		"element":        `[["div","http://www.w3.org/1999/xhtml",[["id","a"],["class","c"]],"a",false,false],"&lt;b&gt;<i><section class=\"c\" x=\"&quot;1&quot;\">PtE</section>A"]`,
		"replace":        `"<hr>y"`,
		"inner":          `"<p>&lt;&amp;&gt;</p>"`,
		"remove":         `"<p>y</p>"`,
		"endTag":         `"<p>x[p]</q>!"`,
		"endTagRemove":   `"<p>x"`,
		"endTagVoid":     `"TypeError: Parser error: No end tag."`,
		"text":           `[[["a",false,false],["",true,false],["c",false,false],["",true,false],["d",false,false],["",true,false]],"<p>A</p><p>&lt;c></p><p></p>"]`,
		"comments":       `[[["a",false],["b",false],["c",false],["d",false]],"<p><!--A-->&lt;c&gt;1<!--d-->2</p>"]`,
		"document":       `[[["html",null,null],"c","x",""],"<!DOCTYPE html><!--c-->x<!--e-->"]`,
		"async":          `"<p a=\"1\">X</p><p a=\"1\">Y</p>"`,
		"asyncEndTag":    `"<p>x</p>!"`,
		"throws":         `"RangeError: boom"`,
		"rejects":        `"Error: later"`,
		"stale":          `"TypeError: This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler."`,
		"selectorError":  `"TypeError: Parser error: Unsupported combinator ` + "`+`" + ` in selector."`,
		"handlerType":    `"TypeError: Incorrect type for the 'end' field on 'DocumentContentHandlers': the provided value is not of type 'function'."`,
		"notResponse":    `"TypeError: Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'."`,
		"preserves":      `[201,"1",null,"<p>"]`,
		"latin1":         `["ü","<p>üé&#8594;</p>"]`,
		"charsetUnknown": `"TypeError: Parser error: Unknown character encoding has been provided."`,
	})
}

// TestHTMLRewriterStreams checks that rewritten bytes reach the client while the origin is still
// sending: the origin holds the rest of its page until the client has read the first part.
func TestHTMLRewriterStreams(t *testing.T) {
	release := make(chan struct{})
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "text/html")
		fmt.Fprint(w, `<html><body><p class="greeting">first</p>`)
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		fmt.Fprint(w, `<p class="greeting">second</p></body></html>`)
	}))
	defer origin.Close()
	w := startJS(t, `export default { async fetch(req) {
      const res = await fetch(new URL(req.url).searchParams.get("origin"));
      return new HTMLRewriter().on("p.greeting", { element(e) { e.setAttribute("lang", "de"); } }).transform(res);
    } }`)
	resp, err := http.Get(w.URL + "/?origin=" + origin.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	first := make(chan string, 1)
	go func() {
		s, _ := br.ReadString('/') // up to "</p>"'s slash: the first element has been rewritten
		first <- s
	}()
	select {
	case s := <-first:
		if want := `<html><body><p class="greeting" lang="de">first</`; s != want {
			t.Fatalf("first part %q", s)
		}
	case <-time.After(30 * time.Second): // a hang guard, not a timing assertion
		t.Fatal("no rewritten bytes while the origin was still sending")
	}
	close(release)
	rest := new(strings.Builder)
	if _, err := br.WriteTo(rest); err != nil {
		t.Fatal(err)
	}
	if want := `p><p class="greeting" lang="de">second</p></body></html>`; rest.String() != want {
		t.Fatalf("rest %q, want %q", rest.String(), want)
	}
}

// BenchmarkHTMLRewriter1MB rewrites a ~1 MB page fetched from a loopback origin in a worker:
// links rewritten by an element handler, and a text handler seeing every text chunk.
func BenchmarkHTMLRewriter1MB(b *testing.B) {
	var page strings.Builder
	page.WriteString("<!DOCTYPE html><html><head><title>Bench</title></head><body>\n")
	for i := 0; page.Len() < 1<<20; i++ {
		fmt.Fprintf(&page, `<article class="post" data-i18n-key="k%d"><h2><a href="http://example.com/p/%d">Post %d</a></h2>`, i%50, i, i)
		page.WriteString("<p>Lorem ipsum dolor sit amet, <em>consectetur</em> adipiscing elit &amp; sed do.</p></article>\n")
	}
	page.WriteString("</body></html>")
	body := page.String()
	o := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "text/html")
		fmt.Fprint(w, body)
	}))
	defer o.Close()
	w := startJS(b, `export default { async fetch(req) {
  const res = await fetch(req.headers.get("x-origin"));
  const path = new URL(req.url).pathname;
  if (path === "/passthrough") return new HTMLRewriter().transform(res);
  if (path === "/links") return new HTMLRewriter().on('a[href^="http:"]', { element(e) { e.setAttribute("href", "https:" + e.getAttribute("href").slice(5)); } }).transform(res);
  let n = 0;
  return new HTMLRewriter().on("[data-i18n-key]", { text(t) { n += t.text.length; } }).transform(res);
} }`)
	for _, path := range []string{"/passthrough", "/links", "/text"} {
		b.Run(path[1:], func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				req, _ := http.NewRequest("GET", w.URL+path, nil)
				req.Header.Set("X-Origin", o.URL)
				r, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, r.Body)
				r.Body.Close()
				if n < int64(len(body)) {
					b.Fatalf("short body: %d bytes", n)
				}
			}
		})
	}
}
