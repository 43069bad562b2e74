// Request, Response and Headers as a Workers user meets them. Every check returns a plain,
// deterministic value; errors are recorded as "Name: message".

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

const entries = (h) => [...h];
const desc = (obj, key) => {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d) return null;
  return {
    kind: "value" in d ? "value" : "accessor",
    get: typeof d.get,
    set: typeof d.set,
    enumerable: d.enumerable,
    configurable: d.configurable,
    writable: "writable" in d ? d.writable : "n/a",
  };
};

function headersChecks() {
  return {
    "empty.entries": () => entries(new Headers()),
    "init.object": () => entries(new Headers({ "X-B": "2", "x-a": "1", "Content-Type": "text/plain" })),
    "init.pairs": () => entries(new Headers([["x-a", "1"], ["X-A", "2"], ["x-b", "3"]])),
    "init.headers": () => entries(new Headers(new Headers({ a: "1", b: "2" }))),
    "init.map": () => entries(new Headers(new Map([["m", "1"], ["n", "2"]]))),
    "init.undefined": () => entries(new Headers(undefined)),
    "init.badPair": () => thrown(() => new Headers([["a", "1", "2"]])),
    "init.badPairShort": () => thrown(() => new Headers([["a"]])),
    "init.notIterable": () => errType(() => new Headers(42)),
    "init.badName": () => thrown(() => new Headers({ "bad name": "x" })),
    "init.badNameEmpty": () => thrown(() => new Headers({ "": "x" })),
    "init.badValueNewline": () => thrown(() => new Headers({ a: "x\ny" })),
    "init.badValueNul": () => thrown(() => new Headers({ a: "x\0y" })),
    "get.caseInsensitive": () => {
      const h = new Headers({ "Content-Type": "text/html" });
      return [h.get("content-type"), h.get("CONTENT-TYPE"), h.get("Content-type")];
    },
    "get.missing": () => new Headers().get("nope"),
    "has": () => {
      const h = new Headers({ "X-Y": "1" });
      return [h.has("x-y"), h.has("X-Y"), h.has("z")];
    },
    "has.badName": () => thrown(() => new Headers().has("bad name")),
    "get.badName": () => thrown(() => new Headers().get("bad name")),
    "append.combines": () => {
      const h = new Headers();
      h.append("Accept", "a");
      h.append("accept", "b");
      h.append("ACCEPT", "c");
      return [h.get("accept"), entries(h)];
    },
    "set.replaces": () => {
      const h = new Headers([["x", "1"], ["x", "2"]]);
      h.set("X", "3");
      return entries(h);
    },
    "delete": () => {
      const h = new Headers({ a: "1", b: "2" });
      h.delete("A");
      h.delete("missing");
      return entries(h);
    },
    "value.trimmed": () => {
      const h = new Headers({ a: "  padded\t " });
      h.append("b", "\t x y \t");
      return [h.get("a"), h.get("b")];
    },
    "value.empty": () => {
      const h = new Headers({ a: "" });
      return [h.has("a"), h.get("a"), entries(h)];
    },
    "value.latin1": () => new Headers({ a: "caf\u00e9" }).get("a"),
    "value.nonLatin1": () => errType(() => new Headers({ a: "\u20ac" })),
    "value.number": () => new Headers({ a: 42 }).get("a"),
    "iteration.sorted": () => {
      const h = new Headers();
      h.append("zeta", "1");
      h.append("Alpha", "2");
      h.append("mid", "3");
      h.append("alpha", "4");
      return entries(h);
    },
    "iteration.keysValues": () => {
      const h = new Headers({ b: "2", a: "1" });
      return [[...h.keys()], [...h.values()], [...h.entries()]];
    },
    "iteration.forEach": () => {
      const h = new Headers({ b: "2", a: "1" });
      const seen = [];
      h.forEach((v, k, self) => seen.push([k, v, self === h]));
      return seen;
    },
    "iteration.mutateDuring": () => {
      const h = new Headers({ a: "1", b: "2", c: "3" });
      const seen = [];
      for (const [k] of h) {
        seen.push(k);
        if (k === "a") h.delete("b");
      }
      return seen;
    },
    "setCookie.separate": () => {
      const h = new Headers();
      h.append("Set-Cookie", "a=1");
      h.append("set-cookie", "b=2; Path=/");
      h.append("x", "y");
      return entries(h);
    },
    "setCookie.getJoined": () => {
      const h = new Headers();
      h.append("Set-Cookie", "a=1");
      h.append("set-cookie", "b=2");
      return h.get("set-cookie");
    },
    "setCookie.getSetCookie": () => {
      const h = new Headers();
      h.append("Set-Cookie", "a=1");
      h.append("set-cookie", "b=2, c=3");
      return h.getSetCookie();
    },
    "setCookie.getSetCookieEmpty": () => new Headers({ a: "1" }).getSetCookie(),
    "setCookie.getAll": () => {
      const h = new Headers();
      h.append("Set-Cookie", "a=1");
      h.append("set-cookie", "b=2");
      return typeof h.getAll === "function" ? h.getAll("set-cookie") : "no getAll";
    },
    "setCookie.getAllOther": () => {
      const h = new Headers({ x: "1" });
      return typeof h.getAll === "function" ? thrown(() => h.getAll("x")) : "no getAll";
    },
    "setCookie.setReplacesAll": () => {
      const h = new Headers();
      h.append("set-cookie", "a=1");
      h.append("set-cookie", "b=2");
      h.set("set-cookie", "c=3");
      return h.getSetCookie();
    },
    "toStringTag": () => Object.prototype.toString.call(new Headers()),
    "typeofIterator": () => typeof Headers.prototype[Symbol.iterator],
    "proto.get": () => desc(Headers.prototype, "get"),
    "ownKeys": () => Object.keys(new Headers({ a: "1" })),
    "calledWithoutNew": () => errType(() => Headers()),
  };
}

function responseChecks() {
  return {
    "default": () => {
      const r = new Response();
      return {
        status: r.status,
        statusText: r.statusText,
        ok: r.ok,
        body: r.body,
        bodyUsed: r.bodyUsed,
        type: r.type,
        url: r.url,
        redirected: r.redirected,
        headers: entries(r.headers),
      };
    },
    "string.contentType": () => new Response("x").headers.get("content-type"),
    "status.custom": () => {
      const r = new Response("x", { status: 418, statusText: "I'm a teapot" });
      return [r.status, r.statusText, r.ok];
    },
    "status.okRange": () => [200, 250, 299, 300, 404, 500, 599].map((s) => new Response(null, { status: s }).ok),
    "status.noStatusText": () => [404, 500, 201].map((s) => new Response(null, { status: s }).statusText),
    "status.tooLow": () => thrown(() => new Response(null, { status: 199 - 100 })),
    "status.tooHigh": () => thrown(() => new Response(null, { status: 600 })),
    "status.zero": () => errType(() => new Response(null, { status: 0 })),
    "status.string": () => new Response(null, { status: "201" }).status,
    "status.fractional": () => new Response(null, { status: 201.7 }).status,
    "statusText.invalid": () => errType(() => new Response(null, { statusText: "bad\ntext" })),
    "nullBodyStatus.204withBody": () => thrown(() => new Response("x", { status: 204 })),
    "nullBodyStatus.304withBody": () => errType(() => new Response("x", { status: 304 })),
    "nullBodyStatus.204emptyString": () => errType(() => new Response("", { status: 204 })),
    "nullBodyStatus.204null": () => new Response(null, { status: 204 }).status,
    "init.headersObject": () => entries(new Response(null, { headers: { "X-A": "1", b: "2" } }).headers),
    "init.headersPairs": () => entries(new Response(null, { headers: [["x", "1"], ["x", "2"]] }).headers),
    "init.headersInstance": () => {
      const h = new Headers({ a: "1" });
      const r = new Response(null, { headers: h });
      h.set("a", "changed");
      return r.headers.get("a");
    },
    "init.contentTypeOverride": () => new Response("x", { headers: { "content-type": "text/custom" } }).headers.get("content-type"),
    "headers.mutable": () => {
      const r = new Response("x");
      r.headers.set("x-added", "1");
      return r.headers.get("x-added");
    },
    "headers.sameObject": () => {
      const r = new Response("x");
      return r.headers === r.headers;
    },
    "json.basic": async () => {
      const r = Response.json({ a: 1, b: [true, null] });
      return [r.status, r.headers.get("content-type"), await r.text()];
    },
    "json.init": async () => {
      const r = Response.json([1, 2], { status: 201, statusText: "Made", headers: { "x-h": "v" } });
      return [r.status, r.statusText, r.headers.get("x-h"), r.headers.get("content-type"), await r.text()];
    },
    "json.contentTypeOverride": () => Response.json({}, { headers: { "content-type": "application/vnd.x+json" } }).headers.get("content-type"),
    "json.string": async () => Response.json("str").text(),
    "json.null": async () => Response.json(null).text(),
    "json.undefined": () => thrown(() => Response.json(undefined)),
    "json.bigint": () => errType(() => Response.json({ n: 1n })),
    "json.cyclic": () => errType(() => {
      const o = {};
      o.o = o;
      return Response.json(o);
    }),
    "json.204": () => errType(() => Response.json({}, { status: 204 })),
    "redirect.default": () => {
      const r = Response.redirect("https://example.com/next");
      return [r.status, r.headers.get("location"), r.body, entries(r.headers)];
    },
    "redirect.statuses": () => [301, 302, 303, 307, 308].map((s) => Response.redirect("https://ex.com/", s).status),
    "redirect.badStatus": () => thrown(() => Response.redirect("https://ex.com/", 200)),
    "redirect.relative": () => errType(() => Response.redirect("/relative")),
    "redirect.urlObject": () => Response.redirect(new URL("https://ex.com/a b?q=ü")).headers.get("location"),
    "redirect.headersImmutable": () => thrown(() => Response.redirect("https://ex.com/").headers.set("x", "1")),
    "error": () => {
      const r = Response.error();
      return [r.type, r.status, r.statusText, r.ok, r.body, entries(r.headers)];
    },
    "error.headersImmutable": () => errType(() => Response.error().headers.set("x", "1")),
    "bodyUsed.text": async () => {
      const r = new Response("hello");
      const before = r.bodyUsed;
      const t = await r.text();
      return [before, t, r.bodyUsed];
    },
    "bodyUsed.secondText": async () => {
      const r = new Response("hello");
      await r.text();
      return thrown(() => r.text());
    },
    "bodyUsed.secondJson": async () => {
      const r = new Response("{}");
      await r.json();
      return thrown(() => r.json());
    },
    "bodyUsed.secondArrayBuffer": async () => {
      const r = new Response("x");
      await r.arrayBuffer();
      return thrown(() => r.arrayBuffer());
    },
    "bodyUsed.nullBody": async () => {
      const r = new Response(null);
      const a = await r.text();
      const b = await r.text();
      return [a, b, r.bodyUsed];
    },
    "bodyUsed.lockedStream": async () => {
      const r = new Response("x");
      r.body.getReader();
      return [r.bodyUsed, await thrown(() => r.text())];
    },
    "bodyUsed.afterStreamRead": async () => {
      const r = new Response("x");
      const reader = r.body.getReader();
      await reader.read();
      return r.bodyUsed;
    },
    "clone.both": async () => {
      const r = new Response("twice", { status: 201, headers: { x: "1" } });
      const c = r.clone();
      return [await r.text(), await c.text(), c.status, c.headers.get("x"), c.headers === r.headers];
    },
    "clone.headersIndependent": () => {
      const r = new Response("x", { headers: { a: "1" } });
      const c = r.clone();
      c.headers.set("a", "2");
      return [r.headers.get("a"), c.headers.get("a")];
    },
    "clone.afterUse": async () => {
      const r = new Response("x");
      await r.text();
      return thrown(() => r.clone());
    },
    "json.invalid": async () => errType(() => new Response("{not json").json()),
    "toStringTag": () => Object.prototype.toString.call(new Response()),
    "ownKeys": () => Object.keys(new Response("x")),
    "spread": () => ({ ...new Response("x") }),
    "stringify": () => JSON.stringify(new Response("x")),
    "proto.status": () => desc(Response.prototype, "status"),
    "proto.headers": () => desc(Response.prototype, "headers"),
    "proto.body": () => desc(Response.prototype, "body"),
    "proto.text": () => desc(Response.prototype, "text"),
    "proto.jsonStatic": () => desc(Response, "json"),
    "own.status": () => desc(new Response(), "status"),
    "statusAssign": () => {
      const r = new Response(null, { status: 201 });
      try {
        r.status = 500;
      } catch (e) {
        return `threw ${e.name}`;
      }
      return r.status;
    },
    "calledWithoutNew": () => errType(() => Response()),
    "instanceof": () => [new Response() instanceof Response, Response.json({}) instanceof Response, Response.redirect("https://e.com/") instanceof Response],
    "init.notObject": () => errType(() => new Response("x", 5)),
  };
}

function requestChecks() {
  return {
    "default": () => {
      const r = new Request("https://example.com/a/../b?x=1#frag");
      return {
        url: r.url,
        method: r.method,
        headers: entries(r.headers),
        body: r.body,
        bodyUsed: r.bodyUsed,
        redirect: r.redirect,
        signalAborted: r.signal.aborted,
        signalIsAbortSignal: r.signal instanceof AbortSignal,
        integrity: r.integrity,
      };
    },
    "url.object": () => new Request(new URL("https://ex.com/p?q")).url,
    "url.relative": () => errType(() => new Request("/relative")),
    "url.invalid": () => errType(() => new Request("http://")),
    "method.lower": () => ["get", "post", "put", "delete", "head", "options", "patch"].map((m) => new Request("https://e.com/", { method: m }).method),
    "method.custom": () => ["Foo", "foo", "PROPFIND", "propfind", "PURGE", "purge", "MKCOL", "REPORT", "X-CUSTOM"].map((m) => {
      try {
        return new Request("https://e.com/", { method: m }).method;
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    }),
    "method.invalid": () => thrown(() => new Request("https://e.com/", { method: "bad method" })),
    "method.forbidden": () => ["CONNECT", "TRACE"].map((m) => {
      try {
        return new Request("https://e.com/", { method: m }).method;
      } catch (e) {
        return e.name;
      }
    }),
    "getWithBody": () => thrown(() => new Request("https://e.com/", { body: "x" })),
    "headWithBody": () => thrown(() => new Request("https://e.com/", { method: "HEAD", body: "x" })),
    "getWithNullBody": () => new Request("https://e.com/", { body: null }).body,
    "post.stringBody": async () => {
      const r = new Request("https://e.com/", { method: "POST", body: "payload" });
      return [r.headers.get("content-type"), r.bodyUsed, await r.text(), r.bodyUsed];
    },
    "post.secondRead": async () => {
      const r = new Request("https://e.com/", { method: "POST", body: "payload" });
      await r.text();
      return thrown(() => r.text());
    },
    "init.headers": () => entries(new Request("https://e.com/", { headers: { "X-Z": "1", a: "2" } }).headers),
    "init.redirect": () => ["follow", "manual"].map((redirect) => new Request("https://e.com/", { redirect }).redirect),
    "init.redirectInvalid": () => errType(() => new Request("https://e.com/", { redirect: "bogus" })),
    "headers.mutable": () => {
      const r = new Request("https://e.com/");
      r.headers.set("x", "1");
      return r.headers.get("x");
    },
    "fromRequest.copy": async () => {
      const a = new Request("https://e.com/a", { method: "PUT", headers: { x: "1" }, body: "b1", redirect: "manual" });
      const b = new Request(a);
      return [b.url, b.method, b.headers.get("x"), b.redirect, await b.text(), a.bodyUsed];
    },
    "fromRequest.override": async () => {
      const a = new Request("https://e.com/a", { method: "POST", headers: { x: "1" }, body: "old" });
      const b = new Request(a, { method: "PATCH", headers: { y: "2" }, body: "new" });
      return [b.method, entries(b.headers), await b.text(), a.bodyUsed];
    },
    "fromRequest.newUrl": () => {
      const a = new Request("https://e.com/a", { headers: { x: "1" } });
      const b = new Request("https://other.com/b", a);
      return [b.url, b.headers.get("x")];
    },
    "fromRequest.usedBody": async () => {
      const a = new Request("https://e.com/", { method: "POST", body: "x" });
      await a.text();
      return errType(() => new Request(a));
    },
    "fromRequest.toGetWithBody": () => errType(() => new Request(new Request("https://e.com/", { method: "POST", body: "x" }), { method: "GET" })),
    "clone": async () => {
      const a = new Request("https://e.com/c", { method: "POST", headers: { h: "v" }, body: "cloned" });
      const c = a.clone();
      return [c.url, c.method, c.headers.get("h"), await a.text(), await c.text()];
    },
    "clone.afterUse": async () => {
      const a = new Request("https://e.com/", { method: "POST", body: "x" });
      await a.text();
      return errType(() => a.clone());
    },
    "toStringTag": () => Object.prototype.toString.call(new Request("https://e.com/")),
    "ownKeys": () => Object.keys(new Request("https://e.com/")),
    "spread": () => ({ ...new Request("https://e.com/") }),
    "proto.url": () => desc(Request.prototype, "url"),
    "proto.method": () => desc(Request.prototype, "method"),
    "proto.clone": () => desc(Request.prototype, "clone"),
    "calledWithoutNew": () => errType(() => Request("https://e.com/")),
    "cf.constructed": () => typeof new Request("https://e.com/").cf,
  };
}

function incomingChecks(request) {
  return {
    "method": () => request.method,
    "url": () => request.url,
    "redirect": () => request.redirect,
    "cf.type": () => typeof request.cf,
    "headers.custom": () => request.headers.get("x-custom"),
    "headers.caseInsensitive": () => request.headers.get("X-CUSTOM"),
    "headers.multi": () => request.headers.get("x-multi"),
    "headers.set": () => thrown(() => request.headers.set("x", "1")),
    "headers.append": () => thrown(() => request.headers.append("x", "1")),
    "headers.delete": () => thrown(() => request.headers.delete("x-custom")),
    "headers.copyMutable": () => {
      const h = new Headers(request.headers);
      h.set("x-new", "1");
      return h.get("x-new");
    },
    "headers.hasConnection": () => request.headers.has("x-custom"),
    "ownKeys": () => Object.keys(request),
    "spread": () => Object.keys({ ...request }),
    "spreadMethod": () => ({ ...request }).method ?? null,
    "stringify": () => JSON.stringify(request),
    "inOperator": () => ["method" in request, "url" in request, "headers" in request, "cf" in request],
    "body.null": () => request.body,
    "bodyUsed": () => request.bodyUsed,
    "newRequestFromIncoming": () => {
      const r = new Request(request);
      return [r.method, r.url, r.headers.get("x-custom")];
    },
    "newRequestFromIncomingHeadersMutable": () => {
      const r = new Request(request);
      r.headers.set("x-extra", "1");
      return r.headers.get("x-extra");
    },
    "newRequestPreservesCf": () => typeof new Request(request).cf,
    "clone": async () => {
      const c = request.clone();
      return [c.method, c.url, c.headers.get("x-custom"), await thrown(() => c.headers.set("a", "b"))];
    },
  };
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/headers":
        return run(headersChecks());
      case "/response":
        return run(responseChecks());
      case "/request":
        return run(requestChecks());
      case "/incoming":
        return run(incomingChecks(request));
      case "/method":
        return new Response(request.method, { headers: { "x-method": request.method } });
      case "/incoming-body": {
        const first = await request.text();
        return run({
          "text": () => first,
          "bodyUsed": () => request.bodyUsed,
          "secondRead": () => thrown(() => request.text()),
          "cloneAfterRead": () => errType(() => request.clone()),
        });
      }
      case "/status": {
        const s = Number(url.searchParams.get("s"));
        const text = url.searchParams.get("text");
        return new Response(s === 204 || s === 304 ? null : `status ${s}`, text === null ? { status: s } : { status: s, statusText: text });
      }
      case "/json":
        return Response.json({ hello: "world", list: [1, "two", null] }, { status: 202, headers: { "x-extra": "yes" } });
      case "/redirect":
        return Response.redirect(`${url.origin}/target?from=redirect`, Number(url.searchParams.get("s") || 302));
      case "/set-cookies": {
        const h = new Headers();
        h.append("Set-Cookie", "a=1; Path=/");
        h.append("Set-Cookie", "b=2; HttpOnly");
        h.append("X-Dup", "one");
        h.append("x-dup", "two");
        return new Response("cookies", { headers: h });
      }
      case "/error-response":
        try {
          return Response.error();
        } catch (e) {
          return new Response(`Response.error threw ${e.name}`);
        }
      case "/header-case":
        return new Response("ok", { headers: { "X-MiXeD-CaSe": "Value", "content-type": "text/plain" } });
    }
    return new Response("not found", { status: 404 });
  },
};
