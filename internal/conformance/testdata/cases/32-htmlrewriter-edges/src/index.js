// HTMLRewriter edge cases whose exact output comes from lol-html's lexer and rewriting rules.

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try {
      const v = await fn();
      out[name] = v === undefined ? "undefined" : v;
    } catch (e) {
      out[name] = { unexpectedError: `${e?.name}: ${e?.message}` };
    }
  }
  return Response.json(out);
}

const rewrite = (html, selector, element) =>
  new HTMLRewriter().on(selector, { element }).transform(new Response(html)).text();

const allText = async (html) => {
  const seen = [];
  const body = await new HTMLRewriter().onDocument({ text(t) { seen.push(t.text + (t.lastInTextNode ? "$" : "")); } }).transform(new Response(html)).text();
  return { body, seen: seen.join("|") };
};

export default {
  async fetch() {
    return run({
      "text.lt.data": () => allText("<p>a < b <3 c</p>"),
      "text.bogus": () => allText("<p>a </ b> c <! d> e <? f ?></p>"),
      "text.amp": () => allText("x &amp y &#x41; z"),
      "order.text": async () => {
        const seen = [];
        await new HTMLRewriter()
          .onDocument({ text(t) { if (t.text) seen.push("doc1:" + t.text); } })
          .on("p", { text(t) { if (t.text) seen.push("p:" + t.text); } })
          .on("*", { text(t) { if (t.text) seen.push("*:" + t.text); } })
          .onDocument({ text(t) { if (t.text) seen.push("doc2:" + t.text); } })
          .transform(new Response("<div><p>x</p></div>")).text();
        return seen;
      },
      "order.comments": async () => {
        const seen = [];
        await new HTMLRewriter()
          .onDocument({ comments(c) { seen.push("doc:" + c.text); } })
          .on("p", { comments(c) { seen.push("p:" + c.text); } })
          .transform(new Response("<p><!--x--></p>")).text();
        return seen;
      },
      "order.element": async () => {
        const seen = [];
        await new HTMLRewriter()
          .on("*", { element(e) { seen.push("*:" + e.tagName); } })
          .on("p", { element(e) { seen.push("p:" + e.tagName); } })
          .onDocument({ doctype() { seen.push("doctype"); }, end() { seen.push("end"); } })
          .transform(new Response("<!doctype html><p><b></b></p>")).text();
        return seen;
      },
      "replace.twice": () => rewrite("<p>x</p>", "p", (e) => { e.replace("a"); e.replace("b"); }),
      "replace.then.before": () => rewrite("<p>x</p>", "p", (e) => { e.replace("r"); e.before("b"); e.after("a"); }),
      "remove.before.after": () => rewrite("<p>x</p>", "p", (e) => { e.remove(); e.before("b"); e.after("a"); }),
      "inner.prepend.append": () => rewrite("<p>x</p>", "p", (e) => { e.prepend("1"); e.setInnerContent("i"); e.append("2"); }),
      "inner.then.prepend": () => rewrite("<p>x</p>", "p", (e) => { e.setInnerContent("i"); e.prepend("1"); e.append("2"); }),
      "inner.twice": () => rewrite("<p>x</p>", "p", (e) => { e.setInnerContent("a"); e.setInnerContent("b"); }),
      "keep.and.append": () => rewrite("<p>x</p>", "p", (e) => { e.removeAndKeepContent(); e.prepend("1"); e.append("2"); e.before("b"); e.after("a"); }),
      "removed.subtree.handlers": async () => {
        const seen = [];
        const body = await new HTMLRewriter()
          .on("div", { element(e) { e.remove(); } })
          .on("b", { element(e) { seen.push("b"); e.after("!"); } })
          .on("div", { text(t) { if (t.text) seen.push("t:" + t.text); } })
          .transform(new Response("<div>x<b>y</b></div><b>z</b>")).text();
        return { body, seen };
      },
      "removed.flag.after.replace": async () => {
        let r;
        await rewrite("<p>x</p>", "p", (e) => { e.replace("y"); r = e.removed; });
        return r;
      },
      "reserialize.selfclosing": () => rewrite('<img src=x /><br/><input type=text value="a b">', "img, br, input", (e) => { e.setAttribute("k", "v"); }),
      "reserialize.dupes": () => rewrite('<p a=1 a=2 B=3>x</p>', "p", (e) => { e.setAttribute("c", "4"); }),
      "attrs.dupes": async () => { let a; await rewrite('<p a=1 a=2 B=3>x</p>', "p", (e) => { a = [[...e.attributes], e.getAttribute("a"), e.getAttribute("b")]; }); return a; },
      "setAttribute.upper": () => rewrite("<p>x</p>", "p", (e) => { e.setAttribute("DATA-X", "1"); }),
      "setAttribute.empty": () => rewrite("<p>x</p>", "p", (e) => { e.setAttribute("e", ""); }),
      "attr.entities": async () => { let a; const body = await rewrite('<a href="?a=1&amp;b=2" title=&lt;x&gt;>t</a>', "a", (e) => { a = [e.getAttribute("href"), e.getAttribute("title")]; e.setAttribute("x", "&amp;"); }); return { body, a }; },
      "foreign.case": async () => {
        const seen = [];
        const body = await rewrite("<svg><foreignObject><div>x</div></foreignObject><linearGradient/></svg>", "*", (e) => { seen.push([e.tagName, e.namespaceURI]); });
        return { body, seen };
      },
      "foreign.selector.case": async () => {
        const seen = [];
        await rewrite("<svg><foreignObject></foreignObject><linearGradient/></svg>", "foreignobject, linearGradient", (e) => { seen.push(e.tagName); });
        return seen;
      },
      "uppercase.tags": async () => {
        const seen = [];
        const body = await rewrite("<DIV ID=A><P>x</P></DIV>", "div, p", (e) => { seen.push([e.tagName, [...e.attributes]]); e.append("!"); });
        return { body, seen };
      },
      "end.unmatched": () => rewrite("</p><div>x</span></div>", "div", (e) => { e.append("!"); }),
      "comments.edge": async () => {
        const seen = [];
        const body = await new HTMLRewriter().onDocument({ comments(c) { seen.push(c.text); } }).transform(new Response("<!----><!---><!--a--!><!-- -- --><!x><?y?>")).text();
        return { body, seen };
      },
      "comment.set.text": () => new HTMLRewriter().onDocument({ comments(c) { c.text = "-->"; } }).transform(new Response("<!--a-->")).text(),
      "text.replace.html": () => new HTMLRewriter().on("p", { text(t) { if (!t.lastInTextNode) t.replace("<i>" + t.text + "</i>", { html: true }); } }).transform(new Response("<p>a<br>b</p>")).text(),
      "textarea.title": () => allText("<title>a<b>c</title><textarea>d</textarea>"),
      "plaintext": () => allText("<plaintext><p>x</p>"),
      "noscript": () => allText("<noscript><p>x</p></noscript>"),
      "doctype.lower": async () => {
        let d;
        await new HTMLRewriter().onDocument({ doctype(x) { d = [x.name, x.publicId, x.systemId]; } }).transform(new Response('<!DocType HTML system "s">')).text();
        return d;
      },
      "doctype.none": async () => {
        let d;
        await new HTMLRewriter().onDocument({ doctype(x) { d = [x.name, x.publicId, x.systemId]; } }).transform(new Response("<!DOCTYPE>")).text();
        return d ?? "not called";
      },
      "end.twice": () => new HTMLRewriter().onDocument({ end(e) { e.append("1"); e.append("2"); } }).transform(new Response("x")).text(),
      "nonascii.attr.selector": async () => {
        const seen = [];
        await rewrite('<p title="ünï">x</p><p title="uni">y</p>', '[title^="ün"]', (e) => { seen.push(e.getAttribute("title")); });
        return seen;
      },
      "class.whitespace": async () => {
        const seen = [];
        await rewrite('<p class="\ta\n b ">x</p>', ".a.b", (e) => { seen.push(e.getAttribute("class")); });
        return seen;
      },
    });
  },
};
