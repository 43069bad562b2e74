// The Cache API with fetch() responses from the runner's origin: what put() keeps of an origin
// response as it came (no Cache-Control, Set-Cookie, gzip), responses re-wrapped with a
// Cache-Control, and a cached entry served straight to the client on a later request.

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

const K = (p) => `https://origin-cache.example/${p}`;
async function describe(resP) {
  const res = await resP;
  if (res === undefined) return "miss";
  const headers = {};
  for (const [k, v] of res.headers) headers[k] = k === "date" ? "(date)" : v;
  return { status: res.status, body: await res.text(), headers };
}
// A fetch() response with a Cache-Control added (fetch() responses have immutable headers).
async function cacheable(url, cc = "max-age=600") {
  const r = await fetch(url);
  const copy = new Response(r.body, r);
  copy.headers.set("cache-control", cc);
  return copy;
}

export default {
  async fetch(request, env, ctx) {
    const o = request.headers.get("x-origin");
    const { pathname } = new URL(request.url);
    const c = caches.default;
    if (pathname === "/checks") {
      return run({
        "raw.json": async () => { await c.put(K("raw-json"), await fetch(o + "/json")); return describe(c.match(K("raw-json"))); },
        "raw.page": async () => { await c.put(K("raw-page"), await fetch(o + "/page")); return describe(c.match(K("raw-page"))); },
        "raw.redirect": async () => { await c.put(K("raw-redirect"), await fetch(o + "/redirect", { redirect: "manual" })); return describe(c.match(K("raw-redirect"))); },
        "wrapped.json": async () => { await c.put(K("json"), await cacheable(o + "/json")); return describe(c.match(K("json"))); },
        "wrapped.status404": async () => { await c.put(K("404"), await cacheable(o + "/status/404")); return describe(c.match(K("404"))); },
        "wrapped.status503": async () => { await c.put(K("503"), await cacheable(o + "/status/503")); return describe(c.match(K("503"))); },
        "wrapped.gzip": async () => {
          await c.put(K("gzip"), await cacheable(o + "/gzip"));
          const r = await c.match(K("gzip"));
          const text = await r.text();
          return [r.headers.get("content-encoding"), r.headers.get("content-length"), text.length, text.slice(0, 44)];
        },
        "wrapped.chunked": async () => { await c.put(K("chunked"), await cacheable(o + "/chunked")); return describe(c.match(K("chunked"))); },
        "clone.bothRead": async () => {
          const r = await cacheable(o + "/json");
          const put = c.put(K("clone"), r.clone());
          const body = await r.text();
          await put;
          return [body, (await describe(c.match(K("clone")))).body];
        },
        "gzip.identityWrapped": async () => {
          const r = await fetch(o + "/gzip");
          const w = new Response(r.body, r);
          w.headers.delete("content-encoding");
          w.headers.set("cache-control", "max-age=600");
          await c.put(K("identity"), w);
          const m = await c.match(K("identity"));
          return [m.headers.get("content-encoding"), m.headers.get("content-length"), (await m.text()).length];
        },
        "gzip.jsBody": async () => {
          const text = "hello ".repeat(100);
          await c.put(K("js-gzip"), new Response(text, { headers: { "content-encoding": "gzip", "cache-control": "max-age=600" } }));
          const m = await c.match(K("js-gzip"));
          const raw = new Uint8Array(await m.clone().arrayBuffer());
          const plain = await new Response(m.body.pipeThrough(new DecompressionStream("gzip"))).text();
          return [m.headers.get("content-encoding"), m.headers.get("content-length"), [...raw.slice(0, 3)], plain === text];
        },
        "gzip.manual": async () => {
          const z = new Uint8Array(await new Response(new Blob(["hello ".repeat(100)]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
          await c.put(K("manual"), new Response(z, { encodeBody: "manual", headers: { "content-encoding": "gzip", "cache-control": "max-age=600" } }));
          const m = await c.match(K("manual"));
          const raw = new Uint8Array(await m.arrayBuffer());
          return [m.headers.get("content-length") === String(z.length), raw.length === z.length, raw.every((b, i) => b === z[i])];
        },
        "range.gzipEntry.status": async () => (await c.match(new Request(K("gzip"), { headers: { range: "bytes=0-9" } }))).status,
      });
    }
    if (pathname === "/fill") {
      await c.put(K("served"), await cacheable(o + "/json"));
      return new Response("filled");
    }
    if (pathname === "/served") {
      return (await c.match(K("served"))) ?? new Response("miss", { status: 404 });
    }
    if (pathname === "/served-range") {
      return (await c.match(new Request(K("served"), { headers: { range: request.headers.get("range") } }))) ?? new Response("miss", { status: 404 });
    }
    if (pathname === "/served-conditional") {
      return (await c.match(new Request(K("served"), { headers: { "if-none-match": "*" } }))) ?? new Response("miss", { status: 404 });
    }
    return new Response("not found", { status: 404 });
  },
};
