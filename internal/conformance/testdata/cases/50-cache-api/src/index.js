// The Cache API (caches.default, caches.open): surface, put validation errors, what is stored
// (Cache-Control, Expires, Set-Cookie, status), match (miss, ignoreMethod, Range, conditional
// requests, headers of a hit), delete, and the global-scope restriction. Every check uses its
// own URL so checks do not see each other's entries.

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
const syncThrown = (fn) => {
  try {
    const v = fn();
    return v instanceof Promise ? "promise" : "no error";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
};

// Top level: the Cache API is I/O and is not allowed outside a handler.
const topLevel = {
  defaultType: syncThrown(() => typeof caches.default),
  match: syncThrown(() => caches.default.match("https://example.com/top").then(() => { topLevel.matchResult = "resolved"; }, (e) => { topLevel.matchResult = `${e?.name}: ${e?.message}`; })),
  put: syncThrown(() => caches.default.put("https://example.com/top", new Response("x")).then(() => { topLevel.putResult = "resolved"; }, (e) => { topLevel.putResult = `${e?.name}: ${e?.message}`; })),
  delete: syncThrown(() => caches.default.delete("https://example.com/top").then(() => { topLevel.deleteResult = "resolved"; }, (e) => { topLevel.deleteResult = `${e?.name}: ${e?.message}`; })),
  open: syncThrown(() => caches.open("top").then(() => { topLevel.openResult = "resolved"; }, (e) => { topLevel.openResult = `${e?.name}: ${e?.message}`; })),
};

const U = (p) => `https://cache.example/${p}`;
const withCC = (body, cc, extra = {}) => new Response(body, { headers: { "cache-control": cc, ...extra } });
// What a stored entry looks like to match(): status, body and the header names (date and age
// values vary, so only their presence is recorded).
async function describe(resP) {
  const res = await resP;
  if (res === undefined) return "miss";
  const headers = {};
  for (const [k, v] of res.headers) headers[k] = k === "date" ? "(date)" : v;
  return { status: res.status, body: await res.text(), headers };
}
async function stored(key, res) {
  await caches.default.put(key, res);
  return describe(caches.default.match(key));
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/surface") {
      return run({
        "caches.type": () => Object.prototype.toString.call(caches),
        "caches.ctor": () => [typeof CacheStorage, typeof Cache],
        "caches.ownKeys": () => Object.getOwnPropertyNames(caches).sort(),
        "caches.protoKeys": () => Object.getOwnPropertyNames(Object.getPrototypeOf(caches)).sort(),
        "default.same": () => caches.default === caches.default,
        "default.isCache": () => caches.default instanceof Cache,
        "default.type": () => Object.prototype.toString.call(caches.default),
        "cache.protoKeys": () => Object.getOwnPropertyNames(Object.getPrototypeOf(caches.default)).sort(),
        "open.isCache": async () => (await caches.open("a")) instanceof Cache,
        "open.same": async () => (await caches.open("a")) === (await caches.open("a")),
        "open.returnsPromise": () => caches.open("a") instanceof Promise,
        "open.nameTooLong": () => thrown(() => caches.open("x".repeat(1024))),
        "open.name1023": async () => (await caches.open("x".repeat(1023))) instanceof Cache,
        "open.noArg": () => thrown(() => caches.open()),
        "storage.has": () => thrown(() => caches.has("a")),
        "storage.delete": () => thrown(() => caches.delete("a")),
        "storage.keys": () => thrown(() => caches.keys()),
        "storage.match": () => thrown(() => caches.match(U("x"))),
        "cache.add": () => thrown(() => caches.default.add(U("x"))),
        "cache.addAll": () => thrown(() => caches.default.addAll([U("x")])),
        "cache.matchAll": () => thrown(() => caches.default.matchAll()),
        "cache.keys": () => thrown(() => caches.default.keys()),
        "new.Cache": () => thrown(() => new Cache()),
        "new.CacheStorage": () => thrown(() => new CacheStorage()),
        "topLevel": () => topLevel,
      });
    }
    if (pathname === "/put") {
      const c = caches.default;
      return run({
        "put.returns": () => c.put(U("p1"), withCC("one", "max-age=60")),
        "put.returnsPromise": () => c.put(U("p2"), withCC("two", "max-age=60")) instanceof Promise,
        "put.post": () => thrown(() => c.put(new Request(U("p3"), { method: "POST", body: "x" }), withCC("x", "max-age=60"))),
        "put.head": () => thrown(() => c.put(new Request(U("p3"), { method: "HEAD" }), withCC("x", "max-age=60"))),
        "put.206": () => thrown(() => c.put(U("p4"), new Response("x", { status: 206, headers: { "cache-control": "max-age=60" } }))),
        "put.varyStar": () => thrown(() => c.put(U("p5"), withCC("x", "max-age=60", { vary: "*" }))),
        "put.varyListStar": () => thrown(() => c.put(U("p5"), withCC("x", "max-age=60", { vary: "Accept-Encoding, *" }))),
        "put.varyOther": async () => { await c.put(U("p5b"), withCC("v", "max-age=60", { vary: "Accept-Encoding" })); return describe(c.match(U("p5b"))); },
        "put.error": () => thrown(() => c.put(U("p6"), Response.error())),
        "put.notResponse": () => thrown(() => c.put(U("p6"), "text")),
        "put.noArgs": () => thrown(() => c.put()),
        "put.badUrl": () => thrown(() => c.put("not a url", withCC("x", "max-age=60"))),
        "put.usedBody": async () => { const r = withCC("x", "max-age=60"); await r.text(); return thrown(() => c.put(U("p7"), r)); },
        "put.bodyUsedAfter": () => { const r = withCC("x", "max-age=60"); const p = c.put(U("p8"), r); const used = r.bodyUsed; return p.then(() => used); },
        "put.304": async () => { await c.put(U("p9"), new Response(null, { status: 304, headers: { "cache-control": "max-age=60" } })); return describe(c.match(U("p9"))); },
        "put.requestObject": async () => { await c.put(new Request(U("p10")), withCC("req", "max-age=60")); return describe(c.match(U("p10"))); },
        "put.urlObject": async () => { await c.put(new URL(U("p11")), withCC("url", "max-age=60")); return describe(c.match(new URL(U("p11")))); },
        "put.overwrite": async () => { await c.put(U("p12"), withCC("old", "max-age=60")); await c.put(U("p12"), withCC("new", "max-age=60")); return describe(c.match(U("p12"))); },
        "put.stream": async () => {
          const { readable, writable } = new TransformStream();
          const w = writable.getWriter();
          w.write(new TextEncoder().encode("str")); w.write(new TextEncoder().encode("eam")); w.close();
          await c.put(U("p13"), new Response(readable, { headers: { "cache-control": "max-age=60" } }));
          return describe(c.match(U("p13")));
        },
        "put.binary": async () => {
          await c.put(U("p14"), new Response(new Uint8Array([0, 1, 2, 255]), { headers: { "cache-control": "max-age=60" } }));
          const r = await c.match(U("p14"));
          return [...new Uint8Array(await r.arrayBuffer())];
        },
        "put.emptyBody": () => stored(U("p15"), withCC(null, "max-age=60")),
        "put.keyFragment": async () => { await c.put(U("p16#frag"), withCC("frag", "max-age=60")); return [await describe(c.match(U("p16#frag"))), await describe(c.match(U("p16")))]; },
        "put.keyQuery": async () => { await c.put(U("p17?a=1"), withCC("q", "max-age=60")); return [await describe(c.match(U("p17?a=1"))), await describe(c.match(U("p17?a=2"))), await describe(c.match(U("p17")))]; },
        "put.keyHeadersIgnored": async () => {
          await c.put(new Request(U("p18"), { headers: { "accept-language": "de" } }), withCC("de", "max-age=60", { vary: "Accept-Language" }));
          return describe(c.match(new Request(U("p18"), { headers: { "accept-language": "fr" } })));
        },
      });
    }
    if (pathname === "/storable") {
      return run({
        "cc.maxAge": () => stored(U("s1"), withCC("a", "max-age=60")),
        "cc.sMaxage": () => stored(U("s2"), withCC("b", "s-maxage=60")),
        "cc.public": () => stored(U("s3"), withCC("c", "public, max-age=60")),
        "cc.none": () => stored(U("s4"), new Response("d")),
        "cc.maxAge0": () => stored(U("s5"), withCC("e", "max-age=0")),
        "cc.noStore": () => stored(U("s6"), withCC("f", "no-store, max-age=60")),
        "cc.private": () => stored(U("s7"), withCC("g", "private, max-age=60")),
        "cc.noCache": () => stored(U("s8"), withCC("h", "no-cache, max-age=60")),
        "cc.upper": () => stored(U("s9"), withCC("i", "MAX-AGE=60")),
        "cc.sMaxage0": () => stored(U("s10"), withCC("j", "s-maxage=0, max-age=60")),
        "expires.future": () => stored(U("s11"), new Response("k", { headers: { expires: "Fri, 01 Jan 2100 00:00:00 GMT" } })),
        "expires.past": () => stored(U("s12"), new Response("l", { headers: { expires: "Thu, 01 Jan 1970 00:00:00 GMT" } })),
        "expires.invalid": () => stored(U("s13"), new Response("m", { headers: { expires: "soon" } })),
        "setCookie": () => stored(U("s14"), withCC("n", "max-age=60", { "set-cookie": "a=1" })),
        "setCookie.private": () => stored(U("s15"), withCC("o", "private=Set-Cookie, max-age=60", { "set-cookie": "a=1" })),
        "setCookie.public": () => stored(U("s16"), withCC("p", "public, max-age=60", { "set-cookie": "a=1" })),
        "status.404": () => stored(U("s17"), new Response("q", { status: 404, headers: { "cache-control": "max-age=60" } })),
        "status.500": () => stored(U("s18"), new Response("r", { status: 500, headers: { "cache-control": "max-age=60" } })),
        "status.302": () => stored(U("s19"), new Response("s", { status: 302, headers: { "cache-control": "max-age=60", location: "/x" } })),
        "status.201": () => stored(U("s20"), new Response("t", { status: 201, headers: { "cache-control": "max-age=60" } })),
        "status.204": () => stored(U("s21"), new Response(null, { status: 204, headers: { "cache-control": "max-age=60" } })),
        "status.statusText": async () => { await caches.default.put(U("s22"), new Response("u", { statusText: "Fine", headers: { "cache-control": "max-age=60" } })); return (await caches.default.match(U("s22"))).statusText; },
        "lastModified.heuristic": () => stored(U("s23"), new Response("v", { headers: { "last-modified": "Thu, 01 Jan 2015 00:00:00 GMT" } })),
        "headers.kept": () => stored(U("s24"), withCC("w", "max-age=60", { "x-custom": "1", "content-type": "application/json", etag: '"abc"' })),
        "headers.hopByHop": () => stored(U("s25"), withCC("x", "max-age=60", { connection: "x-drop", "x-drop": "1", "keep-alive": "timeout=5" })),
        "headers.age": () => stored(U("s26"), withCC("y", "max-age=60", { age: "10" })),
        "headers.ageExpired": () => stored(U("s27"), withCC("z", "max-age=60", { age: "100" })),
        "headers.staleWhileRevalidate": () => stored(U("s28"), withCC("sw", "max-age=0, stale-while-revalidate=60")),
      });
    }
    if (pathname === "/match") {
      const c = caches.default;
      const body = "0123456789abcdefghij";
      await c.put(U("m1"), withCC(body, "max-age=60", { etag: '"v1"', "last-modified": "Wed, 01 Jan 2025 00:00:00 GMT", "content-type": "text/plain" }));
      const m = (init) => describe(c.match(new Request(U("m1"), init)));
      return run({
        "miss": () => c.match(U("never")),
        "miss.otherCache": async () => describe((await caches.open("other")).match(U("m1"))),
        "hit": () => m(),
        "hit.twice": async () => [await m(), await m()],
        "post": () => describe(c.match(new Request(U("m1"), { method: "POST" }))),
        "post.ignoreMethod": () => describe(c.match(new Request(U("m1"), { method: "POST" }), { ignoreMethod: true })),
        "head": () => describe(c.match(new Request(U("m1"), { method: "HEAD" }))),
        "head.ignoreMethod": () => describe(c.match(new Request(U("m1"), { method: "HEAD" }), { ignoreMethod: true })),
        "ignoreMethod.false": () => describe(c.match(new Request(U("m1"), { method: "POST" }), { ignoreMethod: false })),
        "badUrl": () => thrown(() => c.match("not a url")),
        "noArgs": () => thrown(() => c.match()),
        "range.first": () => m({ headers: { range: "bytes=0-4" } }),
        "range.middle": () => m({ headers: { range: "bytes=5-9" } }),
        "range.open": () => m({ headers: { range: "bytes=15-" } }),
        "range.suffix": () => m({ headers: { range: "bytes=-3" } }),
        "range.pastEnd": () => m({ headers: { range: "bytes=15-100" } }),
        "range.unsatisfiable": () => m({ headers: { range: "bytes=100-200" } }),
        "range.whole": () => m({ headers: { range: "bytes=0-" } }),
        "range.invalid": () => m({ headers: { range: "items=0-4" } }),
        "range.multi.status": async () => (await c.match(new Request(U("m1"), { headers: { range: "bytes=0-1,5-6" } }))).status,
        "ifNoneMatch.match": () => m({ headers: { "if-none-match": '"v1"' } }),
        "ifNoneMatch.weak": () => m({ headers: { "if-none-match": 'W/"v1"' } }),
        "ifNoneMatch.list": () => m({ headers: { "if-none-match": '"x", "v1"' } }),
        "ifNoneMatch.star": () => m({ headers: { "if-none-match": "*" } }),
        "ifNoneMatch.other": () => m({ headers: { "if-none-match": '"v2"' } }),
        "ifModifiedSince.later": () => m({ headers: { "if-modified-since": "Thu, 02 Jan 2025 00:00:00 GMT" } }),
        "ifModifiedSince.same": () => m({ headers: { "if-modified-since": "Wed, 01 Jan 2025 00:00:00 GMT" } }),
        "ifModifiedSince.earlier": () => m({ headers: { "if-modified-since": "Tue, 31 Dec 2024 00:00:00 GMT" } }),
        "ifModifiedSince.bad": () => m({ headers: { "if-modified-since": "yesterday" } }),
        "conditional.andRange": () => m({ headers: { "if-none-match": '"v1"', range: "bytes=0-1" } }),
        "cacheKey": async () => {
          await c.put(new Request(U("ck-a"), { cf: { cacheKey: "custom-key" } }), withCC("keyed", "max-age=60"));
          return [await describe(c.match(new Request(U("ck-b"), { cf: { cacheKey: "custom-key" } }))), await describe(c.match(U("ck-a")))];
        },
        "clone.independent": async () => { const r = await c.match(U("m1")); const r2 = r.clone(); return [await r.text(), await r2.text()]; },
        "headers.mutable": async () => { const r = await c.match(U("m1")); r.headers.set("x-added", "1"); return r.headers.get("x-added"); },
      });
    }
    if (pathname === "/delete") {
      const c = caches.default;
      return run({
        "delete.hit": async () => { await c.put(U("d1"), withCC("x", "max-age=60")); return [await c.delete(U("d1")), await describe(c.match(U("d1")))]; },
        "delete.miss": () => c.delete(U("d-none")),
        "delete.twice": async () => { await c.put(U("d2"), withCC("x", "max-age=60")); return [await c.delete(U("d2")), await c.delete(U("d2"))]; },
        "delete.post": async () => { await c.put(U("d3"), withCC("x", "max-age=60")); return [await c.delete(new Request(U("d3"), { method: "POST" })), await describe(c.match(U("d3")))]; },
        "delete.post.ignoreMethod": async () => { await c.put(U("d4"), withCC("x", "max-age=60")); return c.delete(new Request(U("d4"), { method: "POST" }), { ignoreMethod: true }); },
        "delete.named": async () => {
          const n = await caches.open("named");
          await n.put(U("d5"), withCC("named", "max-age=60"));
          await c.put(U("d5"), withCC("default", "max-age=60"));
          const r = [await describe(n.match(U("d5"))), await describe(c.match(U("d5")))];
          r.push(await n.delete(U("d5")), await describe(n.match(U("d5"))), await describe(c.match(U("d5"))));
          return r;
        },
        "delete.expired": async () => { await c.put(U("d6"), withCC("x", "max-age=0")); return c.delete(U("d6")); },
        "delete.badUrl": () => thrown(() => c.delete("not a url")),
        "delete.returnsPromise": () => c.delete(U("d7")) instanceof Promise,
      });
    }
    if (pathname === "/persist/put") {
      await caches.default.put(U("persist"), withCC("kept across requests", "max-age=600"));
      return new Response("ok");
    }
    if (pathname === "/persist/get") {
      return run({ "persisted": () => describe(caches.default.match(U("persist"))) });
    }
    return new Response("not found", { status: 404 });
  },
};
