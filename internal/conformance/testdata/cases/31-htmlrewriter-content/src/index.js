// HTMLRewriter text chunks, comments, document handlers, async handlers, error propagation,
// input split into chunks, and a page fetched from the origin rewritten on its way through.

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

// chunked returns a Response whose body arrives in the given pieces.
function chunked(pieces) {
  return new Response(new ReadableStream({
    start(c) {
      for (const p of pieces) c.enqueue(enc.encode(p));
      c.close();
    },
  }), { headers: { "content-type": "text/html" } });
}

const textLog = async (input, selector = "*") => {
  const seen = [];
  const rw = new HTMLRewriter().on(selector, { text(t) { seen.push([t.text, t.lastInTextNode, t.removed]); } });
  const body = await rw.transform(typeof input === "string" ? new Response(input) : input).text();
  return { body, seen };
};

const docLog = async (input) => {
  const seen = [];
  const body = await new HTMLRewriter().onDocument({
    doctype(d) { seen.push(["doctype", d.name, d.publicId, d.systemId]); },
    comments(c) { seen.push(["comment", c.text, c.removed]); },
    text(t) { seen.push(["text", t.text, t.lastInTextNode]); },
    end(e) { seen.push(["end"]); e.append("<!--end-->", { html: true }); e.append("<&>"); },
  }).transform(typeof input === "string" ? new Response(input) : input).text();
  return { body, seen };
};

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/proxy") {
      const origin = request.headers.get("x-origin");
      const res = await fetch(origin + url.searchParams.get("p"));
      return new HTMLRewriter()
        .on("*", { element(el) { el.setAttribute("data-seen", el.tagName); } })
        .on("title", { text(t) { if (t.text) t.replace(t.text.toUpperCase()); } })
        .onDocument({ end(e) { e.append("<!-- rewritten -->", { html: true }); } })
        .transform(res);
    }
    return run({
      "text.simple": () => textLog("<p>Hello <b>world</b>!</p>"),
      "text.entities": () => textLog("<p>a &amp; b &lt; c &#169; &nbsp;</p>"),
      "text.script": () => textLog("<script>if (a < b) x = '<p>';</script><style>a>b{}</style><textarea>&amp;<b></textarea><title>A &amp; B</title>"),
      "text.script.endlike": () => textLog("<script>a</p>b</scri x</script><style>a<</style><title>x</titlex></title>"),
      "text.chunks.script": () => textLog(chunked(["<script>ab", "cd<", "/scr", "ipt><p>x", "y</p>"])),
      "text.chunks.comment": () => docLog(chunked(["<p>a<!-", "- c -", "-><", "/p>"])),
      "text.cdata": () => textLog("<svg><![CDATA[x<y]]></svg><p><![CDATA[z]]></p>"),
      "text.crlf": () => textLog("<p>a\r\nb\rc</p>"),
      "text.nul": () => textLog("<p>a\u0000b</p>"),
      "text.whitespace": () => textLog("<div>\n  <p>x</p>\n</div>\n"),
      "text.chunks": () => textLog(chunked(["<p>Hel", "lo wo", "rld</p><p>a", "</p><p>", "b</p>"])),
      "text.chunks.tagsplit": () => textLog(chunked(["<p>ab<", "b>cd</", "b>ef</p>"])),
      "text.chunks.entity": () => textLog(chunked(["<p>a &am", "p; b</p>"])),
      "text.selector": () => textLog("<div>d<p>p<b>b</b>q</p>e</div>", "p"),
      "text.mutate": async () => new HTMLRewriter().on("p", {
        text(t) {
          if (t.text === "a") t.before("<i>", { html: true });
          if (t.text === "a") t.after("</i>", { html: true });
          if (t.text === "b") t.replace("<B>");
          if (t.text === "c") t.remove();
          if (t.text === "d") t.replace("<D>", { html: true });
        },
      }).transform(new Response("<p>a</p><p>b</p><p>c</p><p>d</p>")).text(),
      "text.removed": async () => {
        const seen = [];
        await new HTMLRewriter().on("p", { text(t) { t.remove(); seen.push(t.removed); } }).transform(new Response("<p>x</p>")).text();
        return seen;
      },
      "comments": async () => {
        const seen = [];
        const body = await new HTMLRewriter().on("div", {
          comments(c) {
            seen.push([c.text, c.removed]);
            if (c.text === "a") c.text = "A";
            if (c.text === "b") c.remove();
            if (c.text === "c") { c.before("<i>", { html: true }); c.after("<u>"); }
            if (c.text === "d") c.replace("<x>", { html: true });
            if (c.text === "e") c.replace("<y>");
          },
        }).transform(new Response("<!--out--><div><!--a--><!--b--><!--c--><!--d--><!--e--></div>")).text();
        return { body, seen };
      },
      "document.full": () => docLog('<!DOCTYPE html><html><!-- c --><body>x</body></html>\n'),
      "document.doctype.ids": () => docLog('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><p>x</p>'),
      "document.doctype.system": () => docLog('<!doctype svg SYSTEM "about:legacy-compat">'),
      "document.empty": () => docLog(""),
      "document.textonly": () => docLog("just text"),
      "document.chunks": () => docLog(chunked(["<!DOC", "TYPE html><p>a", "b</p><!-", "- c -->"])),
      "async.element": async () => new HTMLRewriter().on("p", {
        async element(el) {
          await new Promise((r) => setTimeout(r, 5));
          el.setAttribute("async", "yes");
          await null;
          el.append("!");
        },
      }).transform(new Response("<p>a</p><p>b</p>")).text(),
      "async.order": async () => {
        const seen = [];
        await new HTMLRewriter()
          .on("p", { async element(el) { seen.push("start " + el.getAttribute("id")); await new Promise((r) => setTimeout(r, 2)); seen.push("end " + el.getAttribute("id")); } })
          .on("p", { text(t) { if (t.text) seen.push("text " + t.text); } })
          .onDocument({ end() { seen.push("doc end"); } })
          .transform(new Response('<p id="1">a</p><p id="2">b</p>')).text();
        return seen;
      },
      "async.text": async () => new HTMLRewriter().on("p", { async text(t) { await null; if (t.text) t.replace(t.text + t.text); } }).transform(new Response("<p>ab</p>")).text(),
      "error.sync": () => thrown(() => new HTMLRewriter().on("p", { element() { throw new RangeError("boom"); } }).transform(new Response("<p>x</p>")).text()),
      "error.async": () => thrown(() => new HTMLRewriter().on("p", { async element() { await null; throw new Error("later"); } }).transform(new Response("<p>x</p>")).text()),
      "error.document": () => thrown(() => new HTMLRewriter().onDocument({ end() { throw new TypeError("at end"); } }).transform(new Response("<p>x</p>")).text()),
      "transform.preserves": async () => {
        const res = new HTMLRewriter().on("p", { element(e) { e.append("!"); } }).transform(new Response("<p>x</p>", { status: 201, statusText: "Made", headers: { "x-a": "1", "content-type": "text/html" } }));
        return { status: res.status, statusText: res.statusText, xa: res.headers.get("x-a"), ct: res.headers.get("content-type"), body: await res.text() };
      },
      "transform.nullBody": async () => {
        const res = new HTMLRewriter().on("p", { element() {} }).transform(new Response(null, { status: 204 }));
        return { status: res.status, body: res.body === null ? "null" : await res.text() };
      },
      "transform.noHandlers": () => new HTMLRewriter().transform(new Response("<p>x</p>")).text(),
      "transform.bodyUsed": async () => {
        const r = new Response("<p>x</p>");
        const out = new HTMLRewriter().transform(r);
        return { used: r.bodyUsed, again: await thrown(() => new HTMLRewriter().transform(r)), text: await out.text() };
      },
      "transform.notResponse": () => thrown(() => new HTMLRewriter().transform("<p>x</p>")),
      "on.badHandlers": () => thrown(() => new HTMLRewriter().on("p", { element: 5 })),
      "on.returnsThis": () => { const r = new HTMLRewriter(); return [r.on("p", {}) === r, r.onDocument({}) === r]; },
      "shape": () => ({
        typeofCtor: typeof HTMLRewriter,
        proto: Object.getOwnPropertyNames(HTMLRewriter.prototype).sort(),
        tag: Object.prototype.toString.call(new HTMLRewriter()),
        call: String(thrown(() => HTMLRewriter())),
      }),
      "shape.call": () => thrown(() => HTMLRewriter()),
      "utf8": () => new HTMLRewriter().on("p", { element(e) { e.setAttribute("t", "ñ€😀"); e.append("ü"); } }).transform(new Response("<p title='é'>日本</p>")).text(),
      "utf8.split": async () => textLog(new Response(new ReadableStream({ start(c) { const b = enc.encode("<p>日本</p>"); c.enqueue(b.slice(0, 5)); c.enqueue(b.slice(5)); c.close(); } }))),
      "bytes.body": async () => {
        const res = new HTMLRewriter().on("p", { element(e) { e.append("!"); } }).transform(new Response(enc.encode("<p>x</p>")));
        return new Uint8Array(await res.arrayBuffer()).length;
      },
    });
  },
};
