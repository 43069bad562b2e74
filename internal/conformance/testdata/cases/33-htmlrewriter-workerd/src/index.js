// HTMLRewriter scenarios modelled on workerd's htmlrewriter tests (src/workerd/api/tests), written
// as deterministic checks.

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
const thrown = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
};
const enc = new TextEncoder();
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

// slowBody enqueues one piece per pull, after a timer.
const slowBody = (pieces) => {
  const left = [...pieces];
  return new ReadableStream({
    async pull(c) {
      await wait(1);
      if (left.length) c.enqueue(enc.encode(left.shift()));
      else c.close();
    },
  });
};

async function fullDocument() {
  const doc = { doctype: 0, comments: 0, text: 0, end: false, stale: {} };
  const el = { element: 0, comments: 0, text: 0, errors: [], stale: {} };
  const pieces = [
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">', "<!-- top comment -->", "top text",
    '<body foo="bar" other="x">world<p>DROP ME', '<remove mode="all">inner</remove>', '<remove mode="keep">inner</remove>',
    '<after html="true">inner</after>', '<after html="false">inner</after>', '<append html="true">inner</append>',
    '<append html="false">inner</append>', '<replace html="true">inner</replace>', '<replace html="false">inner</replace>',
    '<inner html="true">inner</inner>', '<inner html="false">inner</inner>', "<set foo></set>", "<set foo=></set>",
    '<set foo=""></set>', "<!-- REMOVE -->", "<!-- REPLACE -->", "<!-- SET -->", "</body>",
  ];
  const body = await new HTMLRewriter()
    .onDocument({
      doctype(d) { doc.doctype++; doc.stale.doctype ??= d; doc.doctypeSeen = [d.name, d.publicId, d.systemId]; },
      comments(c) { doc.comments++; doc.stale.comment ??= c; },
      text(t) { doc.text++; doc.stale.text ??= t; },
      end() { doc.end = true; },
    })
    .on("*", {
      element(e) {
        el.element++;
        el.stale.element ??= e;
        el.stale.attrs ??= e.attributes;
        const html = e.getAttribute("html") === "true";
        switch (e.tagName) {
          case "body": {
            e.removeAttribute("foo");
            e.setAttribute("baz", "qux");
            for (const bad of ["has space", "", "1abc", "a/b", "a>b"]) {
              try { e.tagName = bad; el.errors.push("no error"); } catch (x) { el.errors.push(`${x.name}: ${x.message}`); }
            }
            for (const bad of ["has space", "", "a=b", "a/b"]) {
              try { e.setAttribute(bad, "v"); el.errors.push("no error"); } catch (x) { el.errors.push(`${x.name}: ${x.message}`); }
            }
            e.tagName = "tail";
            e.before("<1>");
            e.before("<2>", { html: false });
            e.before("<3>", null);
            e.before("<b>", { html: true });
            e.prepend("<em>x</em>", { html: true });
            e.prepend("<4>");
            const it = e.attributes;
            el.iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
            el.attrs = [...it];
            el.exhausted = [it.next(), it.next()];
            break;
          }
          case "remove":
            el.removedBefore = e.removed;
            if (e.getAttribute("mode") === "all") e.remove(); else e.removeAndKeepContent();
            el.removedAfter = e.removed;
            break;
          case "after": e.after("<after>", { html }); break;
          case "append": e.append("<append>", { html }); break;
          case "replace": e.replace("<replace>", { html }); break;
          case "inner": e.setInnerContent("<inner>", { html }); break;
          case "set": el.set = (el.set ?? []).concat([[e.hasAttribute("foo"), e.getAttribute("foo")]]); e.setAttribute("foo", "bar"); break;
        }
      },
      comments(c) {
        el.comments++;
        el.stale.comment ??= c;
        if (c.text === " SET ") c.text = " was set ";
        if (c.text === " REMOVE ") c.remove();
        if (c.text === " REPLACE ") { c.replace("first"); c.replace("<second>", null); c.before("<!-- ", { html: true }); c.after(" -->", { html: true }); }
      },
      text(t) {
        el.text++;
        el.stale.text ??= t;
        if (t.lastInTextNode !== (t.text.length === 0)) el.errors.push("chunk length/last mismatch");
        if (t.text === "world") { t.before("again, "); t.after("..."); t.replace("lost"); t.replace("<W>", { html: true }); }
        if (t.text === "DROP ME") t.remove();
      },
    })
    .transform(new Response(slowBody(pieces)))
    .text();
  const stale = {};
  for (const [k, fn] of Object.entries({
    doctype: () => doc.stale.doctype.publicId,
    docComment: () => doc.stale.comment.text,
    docText: () => doc.stale.text.text,
    element: () => el.stale.element.getAttribute("foo"),
    attrs: () => el.stale.attrs.next(),
    comment: () => el.stale.comment.text,
    text: () => el.stale.text.text,
  })) stale[k] = await thrown(fn);
  delete doc.stale;
  delete el.stale;
  return { body, doc, el, stale };
}

export default {
  async fetch() {
    return run({
      "full.document": fullDocument,
      "identity.input": async () => {
        const { readable, writable } = new IdentityTransformStream();
        const res = new HTMLRewriter().on("*", { element(e) { e.prepend("foo "); } }).transform(new Response(readable));
        const text = res.text();
        const w = writable.getWriter();
        for (const p of ["<html>", "bar", "</html>"]) await w.write(enc.encode(p));
        await w.close();
        return text;
      },
      "transformstream.input": async () => {
        const { readable, writable } = new TransformStream();
        const res = new HTMLRewriter().on("h3", { async text() { await wait(1); } }).transform(new Response(readable));
        const w = writable.getWriter();
        const [text] = await Promise.all([res.text(), w.write(enc.encode("<h3>hi</h3>")), w.close()]);
        return text;
      },
      "empty.input": async () => {
        const { readable, writable } = new TransformStream();
        const res = new HTMLRewriter().on("h3", { text() {} }).transform(new Response(readable));
        const [text] = await Promise.all([res.text(), writable.getWriter().close()]);
        return text;
      },
      "interleaved.async": async () => {
        let arrived = 0, release;
        const gate = new Promise((r) => (release = r));
        const meet = async () => { if (++arrived === 2) release(); else await gate; };
        const [inner, blank] = await Promise.all([
          new HTMLRewriter().on("body", { async element(e) { await meet(); e.setInnerContent("foo bar"); } }).transform(new Response("<body>old</body>")).text(),
          new HTMLRewriter().on("body", { async element(e) { await meet(); e.remove(); } }).transform(new Response("<!doctype html><html><head></head><body></body></html>")).arrayBuffer(),
        ]);
        return new HTMLRewriter().on("html", { element(e) { e.append(inner, { html: true }); } }).transform(new Response(blank)).text();
      },
      "fresh.token.objects": async () => {
        const seen = [];
        const body = await new HTMLRewriter()
          .on("*", { element(e) { seen.push(e.mark); e.mark = "set"; seen.push(e.mark); } })
          .on("img", { element(e) { seen.push(e.mark === undefined ? "fresh" : "shared"); } })
          .transform(new Response("<img />")).text();
        return { body, seen };
      },
      "cancel.propagates": async () => {
        const { readable, writable } = new IdentityTransformStream();
        const res = new HTMLRewriter().transform(new Response(readable));
        await res.body.cancel(new Error("boom"));
        const w = writable.getWriter();
        return thrown(() => w.write(enc.encode("x")));
      },
      "charset.invalid": () => thrown(() => new HTMLRewriter().on("*", {}).transform(new Response("x", { headers: { "content-type": "text/html; charset=invalid" } }))),
      "charset.utf8": () => new HTMLRewriter().on("p", { element(e) { e.append("é"); } }).transform(new Response("<p>ü</p>", { headers: { "content-type": "text/html; charset=UTF-8" } })).text(),
      "charset.latin1": async () => {
        const res = new HTMLRewriter().on("p", { element(e) { e.setAttribute("t", e.getAttribute("t") + "!"); } }).transform(new Response(new Uint8Array([0x3c, 0x70, 0x20, 0x74, 0x3d, 0xe9, 0x3e, 0xfc, 0x3c, 0x2f, 0x70, 0x3e]), { headers: { "content-type": "text/html; charset=iso-8859-1" } }));
        return [...new Uint8Array(await res.arrayBuffer())];
      },
      "svg.a": async () => { let ns; await new HTMLRewriter().on("a", { element(e) { ns = e.namespaceURI; } }).transform(new Response("<svg><a /></svg>")).text(); return ns; },
      "end.append": () => new HTMLRewriter().onDocument({ end(e) { e.append("<!-- end -->", { html: true }); } }).transform(new Response("<!doctype html><html><head></head><body><!----></body></html>")).text(),
      "exception.text": () => thrown(() => new HTMLRewriter().on("*", { text() { throw new Error("boom"); } }).transform(new Response("<body>hello</body>")).text()),
    });
  },
};
