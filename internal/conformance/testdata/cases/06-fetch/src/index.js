// Outbound fetch() against the runner's loopback origin server. The origin's base URL arrives in
// the x-origin request header.

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
const errType = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return e?.constructor?.name ?? typeof e;
  }
};
const enc = new TextEncoder();

// The origin echoes what it received; keep the parts that a worker controls.
const ECHO_HEADERS = ["content-type", "content-length", "x-custom", "x-multi", "x-pair", "authorization", "cookie", "host"];
async function echo(o, init, path = "/echo") {
  const r = await fetch(o + path, init);
  const e = await r.json();
  const headers = {};
  for (const h of ECHO_HEADERS) if (e.headers[h] !== undefined) headers[h] = e.headers[h];
  return { status: r.status, method: e.method, path: e.path, query: e.query, headers, body: e.body, bodyLength: e.bodyLength };
}

function fetchChecks(o) {
  return {
    "json.basic": async () => {
      const r = await fetch(`${o}/json`);
      return {
        status: r.status,
        statusText: r.statusText,
        ok: r.ok,
        url: r.url,
        redirected: r.redirected,
        type: r.type,
        contentType: r.headers.get("content-type"),
        bodyUsed: r.bodyUsed,
        json: await r.json(),
        bodyUsedAfter: r.bodyUsed,
      };
    },
    "page.headers": async () => {
      const r = await fetch(`${o}/page`);
      return {
        contentType: r.headers.get("content-type"),
        server: r.headers.get("server"),
        custom: r.headers.get("x-origin-header"),
        cacheControl: r.headers.get("cache-control"),
        setCookieJoined: r.headers.get("set-cookie"),
        getSetCookie: r.headers.getSetCookie(),
        hasDate: r.headers.has("date"),
      };
    },
    "page.text": async () => (await fetch(`${o}/page`)).text(),
    "page.arrayBufferLength": async () => (await (await fetch(`${o}/page`)).arrayBuffer()).byteLength,
    "page.stream": async () => {
      const r = await fetch(`${o}/page`);
      const reader = r.body.getReader();
      let n = 0;
      let allBytes = true;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        allBytes = allBytes && value instanceof Uint8Array;
        n += value.byteLength;
      }
      return [n, allBytes];
    },
    "responseHeaders.immutable": async () => {
      const r = await fetch(`${o}/json`);
      return thrown(() => r.headers.set("x", "1"));
    },
    "responseHeaders.immutableDelete": async () => {
      const r = await fetch(`${o}/json`);
      return thrown(() => r.headers.delete("content-type"));
    },
    "responseHeaders.copyMutable": async () => {
      const r = await fetch(`${o}/json`);
      const m = new Response(r.body, r);
      m.headers.set("x-added", "yes");
      return [m.status, m.headers.get("x-added"), m.headers.get("content-type"), await m.text()];
    },
    "responseHeaders.cloneImmutable": async () => {
      const r = await fetch(`${o}/json`);
      return thrown(() => r.clone().headers.set("x", "1"));
    },
    "clone": async () => {
      const r = await fetch(`${o}/json`);
      const c = r.clone();
      return [(await r.json()).name, (await c.json()).name];
    },
    "bodyUsed.twice": async () => {
      const r = await fetch(`${o}/json`);
      await r.text();
      return thrown(() => r.text());
    },
    "method.get": () => echo(o, {}, "/echo?a=1&b=%20"),
    "method.post.text": () => echo(o, { method: "POST", body: "posted ✓", headers: { "x-custom": "c1" } }),
    "method.post.json": () => echo(o, { method: "POST", body: JSON.stringify({ k: [1, 2] }), headers: { "content-type": "application/json" } }),
    "method.post.bytes": () => echo(o, { method: "POST", body: new Uint8Array([104, 105, 33]) }),
    "method.post.arrayBuffer": () => echo(o, { method: "POST", body: enc.encode("ab").buffer }),
    "method.post.urlSearchParams": () => echo(o, { method: "POST", body: new URLSearchParams({ a: "1", b: "x y" }) }),
    "method.post.stream": async () => {
      const body = new ReadableStream({
        start(c) {
          c.enqueue(enc.encode("stream"));
          c.enqueue(enc.encode("ed"));
          c.close();
        },
      });
      const e = await echo(o, { method: "POST", body });
      delete e.headers["content-length"];
      return e;
    },
    "method.post.empty": () => echo(o, { method: "POST" }),
    "method.post.emptyString": () => echo(o, { method: "POST", body: "" }),
    "method.put": () => echo(o, { method: "PUT", body: "put body" }),
    "method.patch": () => echo(o, { method: "patch", body: "patch body" }),
    "method.delete": () => echo(o, { method: "DELETE" }),
    "method.deleteWithBody": () => echo(o, { method: "DELETE", body: "gone" }),
    "method.options": () => echo(o, { method: "OPTIONS" }),
    "method.head": async () => {
      const r = await fetch(`${o}/page`, { method: "HEAD" });
      return [r.status, r.headers.get("content-type"), await r.text()];
    },
    "method.getWithBody": () => thrown(() => fetch(`${o}/echo`, { body: "x" })),
    "headers.forms": async () => [
      (await echo(o, { headers: new Headers({ "X-Custom": "from Headers" }) })).headers["x-custom"],
      (await echo(o, { headers: [["x-pair", "1"], ["x-pair", "2"]] })).headers["x-pair"],
      (await echo(o, { headers: { "x-multi": "a, b", Authorization: "Bearer t" } })).headers,
    ],
    "headers.cookie": async () => (await echo(o, { headers: { cookie: "a=1; b=2" } })).headers.cookie,
    "headers.host": async () => (await echo(o, {})).headers.host,
    "headers.defaultAccept": async () => {
      const e = await (await fetch(`${o}/echo`)).json();
      return e.headers["accept"] ?? null;
    },
    "requestObject": async () => {
      const req = new Request(`${o}/echo?via=request`, { method: "PUT", headers: { "x-custom": "req" }, body: "from request" });
      const e = await echo(o, undefined, "/echo").then(() => null);
      const r = await fetch(req);
      const j = await r.json();
      return [e, j.method, j.query, j.headers["x-custom"], j.body, req.bodyUsed];
    },
    "requestObject.override": async () => {
      const req = new Request(`${o}/echo`, { method: "POST", body: "original" });
      const j = await (await fetch(req, { method: "PUT", body: "override" })).json();
      return [j.method, j.body];
    },
    "urlObject": async () => (await (await fetch(new URL("/json", o))).json()).name,
    "requestBodyUsedAfterFetch": async () => {
      const req = new Request(`${o}/echo`, { method: "POST", body: "once" });
      await fetch(req);
      return [req.bodyUsed, await errType(() => fetch(req))];
    },
    "redirect.follow": async () => {
      const r = await fetch(`${o}/redirect`);
      return { status: r.status, redirected: r.redirected, url: r.url, body: await r.json() };
    },
    "redirect.manual": async () => {
      const r = await fetch(`${o}/redirect`, { redirect: "manual" });
      return { status: r.status, redirected: r.redirected, location: r.headers.get("location"), url: r.url, body: await r.text() };
    },
    "redirect.error": async () => {
      try {
        await fetch(`${o}/redirect`, { redirect: "error" });
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "redirect.postBecomesGet": async () => {
      const r = await fetch(`${o}/redirect`, { method: "POST", body: "x" });
      return [r.status, r.url];
    },
    "gzip": async () => {
      const r = await fetch(`${o}/gzip`);
      const t = await r.text();
      return { status: r.status, contentEncoding: r.headers.get("content-encoding"), contentType: r.headers.get("content-type"), length: t.length, start: t.slice(0, 44) };
    },
    "chunked": async () => (await fetch(`${o}/chunked`)).text(),
    "status.passThrough": async () => {
      const out = [];
      for (const s of [200, 201, 400, 404, 418, 500, 503]) {
        const r = await fetch(`${o}/status/${s}`);
        out.push([r.status, r.ok, r.statusText, r.headers.get("x-origin-status"), await r.text()]);
      }
      return out;
    },
    "status.204": async () => {
      const r = await fetch(`${o}/status/204`);
      return [r.status, r.body === null, await r.text()];
    },
    "status.unknownRoute": async () => {
      const r = await fetch(`${o}/nope`);
      return [r.status, r.statusText, await r.text()];
    },
    "errors.invalidUrl": () => thrown(() => fetch("not a url")),
    "errors.relativeUrl": () => errType(() => fetch("/relative")),
    "errors.unsupportedScheme": () => errType(() => fetch("ftp://example.com/")),
    "errors.connectionRefused": async () => {
      try {
        await fetch("http://127.0.0.1:9/");
        return "no error";
      } catch (e) {
        return e.constructor.name;
      }
    },
    "errors.badMethod": () => errType(() => fetch(`${o}/echo`, { method: "bad method" })),
    "abort.timeout": async () => {
      try {
        await fetch(`${o}/slow`, { signal: AbortSignal.timeout(100) });
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "abort.controller": async () => {
      const c = new AbortController();
      const p = fetch(`${o}/slow`, { signal: c.signal });
      setTimeout(() => c.abort(), 50);
      try {
        await p;
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "concurrent": async () => {
      const rs = await Promise.all([fetch(`${o}/json`), fetch(`${o}/status/201`), fetch(`${o}/echo?n=3`)]);
      return Promise.all(rs.map(async (r) => [r.status, (await r.text()).length > 0]));
    },
    "fetchIsGlobal": () => [typeof fetch, fetch.length],
  };
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const o = request.headers.get("x-origin");
    switch (url.pathname) {
      case "/checks":
        return run(fetchChecks(o));
      case "/proxy": {
        // hand the origin's response straight back
        return fetch(`${o}${url.searchParams.get("p")}`);
      }
      case "/proxy-request": {
        // forward the incoming request (method, headers, body) to the origin's /echo
        return fetch(new Request(`${o}/echo${url.search}`, request));
      }
      case "/proxy-modified": {
        const r = await fetch(`${o}/page`);
        const m = new Response(r.body, r);
        m.headers.set("x-proxied", "1");
        m.headers.delete("x-origin-header");
        return m;
      }
    }
    return new Response("not found", { status: 404 });
  },
};
