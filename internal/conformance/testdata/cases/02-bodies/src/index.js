// Body handling: every body init type, its default content-type, the body readers on requests
// and responses, and how bodies travel over HTTP (HEAD, 204, binary, streams).

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
const bytesOf = (u8) => Array.from(u8);
const checksum = (u8) => {
  let h = 2166136261 >>> 0;
  for (const b of u8) {
    h ^= b;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
};
function streamOf(chunks) {
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(typeof ch === "string" ? enc.encode(ch) : ch);
      c.close();
    },
  });
}

// body init -> [content-type, text]
const initForms = {
  string: () => "plain ✓",
  emptyString: () => "",
  arrayBuffer: () => enc.encode("from ArrayBuffer").buffer,
  uint8Array: () => enc.encode("from Uint8Array"),
  uint8Subarray: () => enc.encode("xxsubarrayxx").subarray(2, 10),
  dataView: () => new DataView(enc.encode("from DataView").buffer),
  uint16Array: () => new Uint16Array([0x6968, 0x2121]),
  int8Array: () => new Int8Array([104, 105]),
  float32Array: () => new Float32Array([1]),
  urlSearchParams: () => new URLSearchParams({ a: "1", b: "x y", c: "ü&=" }),
  readableStream: () => streamOf(["str", "eam"]),
  null: () => null,
  undefined: () => undefined,
  number: () => 42,
  object: () => ({ a: 1 }),
  array: () => [1, 2],
};

function responseBodyChecks() {
  const checks = {};
  for (const [name, make] of Object.entries(initForms)) {
    checks[`init.${name}`] = async () => {
      const r = new Response(make());
      return { contentType: r.headers.get("content-type"), bodyIsNull: r.body === null, text: await r.text() };
    };
  }
  Object.assign(checks, {
    "read.text": () => new Response("héllo").text(),
    "read.json": () => new Response('{"a":[1,{"b":null}],"c":"\\u00fc"}').json(),
    "read.jsonWhitespace": () => new Response(' \n {"a":1} \n').json(),
    "read.jsonInvalid": () => errType(() => new Response("{bad").json()),
    "read.jsonEmpty": () => errType(() => new Response("").json()),
    "read.arrayBuffer": async () => {
      const ab = await new Response("abc").arrayBuffer();
      return [ab instanceof ArrayBuffer, ab.byteLength, bytesOf(new Uint8Array(ab))];
    },
    "read.bytes": async () => {
      const r = new Response("abc");
      if (typeof r.bytes !== "function") return "no bytes()";
      const u = await r.bytes();
      return [u instanceof Uint8Array, u.byteLength, bytesOf(u)];
    },
    "read.nullBody": async () => {
      const r = new Response(null);
      return [await r.text(), (await r.arrayBuffer()).byteLength];
    },
    "read.utf8Bom": () => new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])).text(),
    "read.invalidUtf8": () => new Response(new Uint8Array([0x61, 0xff, 0x62, 0xe2, 0x82, 0x63])).text(),
    "read.stream": async () => {
      const r = new Response(streamOf(["a", "b", "c"]));
      const reader = r.body.getReader();
      const parts = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push([value.constructor.name, value.byteLength]);
      }
      return parts.length > 0 && parts.every((p) => p[0] === "Uint8Array") ? parts.reduce((n, p) => n + p[1], 0) : parts;
    },
    "read.streamOfStrings": () => thrown(() => new Response(new ReadableStream({ start(c) { c.enqueue("not bytes"); c.close(); } })).text()),
    "read.streamErrored": () => thrown(() => new Response(new ReadableStream({ start(c) { c.error(new Error("boom")); } })).text()),
    "body.isReadableStream": () => new Response("x").body instanceof ReadableStream,
    "body.sameObject": () => {
      const r = new Response("x");
      return r.body === r.body;
    },
    "bodyUsed.afterBodyAccess": () => {
      const r = new Response("x");
      void r.body;
      return r.bodyUsed;
    },
    "copy.uint8ArrayMutatedAfter": async () => {
      const u = enc.encode("abc");
      const r = new Response(u);
      u[0] = 0x7a;
      return r.text();
    },
    "stream.tee": async () => {
      const [a, b] = new Response("tee me").body.tee();
      return [await new Response(a).text(), await new Response(b).text()];
    },
    "stream.large": async () => {
      const chunk = new Uint8Array(65536).fill(0x61);
      let n = 0;
      const s = new ReadableStream({
        pull(c) {
          if (n++ < 16) c.enqueue(chunk);
          else c.close();
        },
      });
      const ab = await new Response(s).arrayBuffer();
      return ab.byteLength;
    },
  });
  return checks;
}

function requestBodyChecks() {
  const checks = {};
  for (const [name, make] of Object.entries(initForms)) {
    if (name === "readableStream") continue;
    checks[`init.${name}`] = async () => {
      const r = new Request("https://e.com/", { method: "POST", body: make() });
      return { contentType: r.headers.get("content-type"), bodyIsNull: r.body === null, text: await r.text() };
    };
  }
  Object.assign(checks, {
    "init.readableStream": async () => {
      const r = new Request("https://e.com/", { method: "POST", body: streamOf(["req", "stream"]) });
      return [r.headers.get("content-type"), await r.text()];
    },
    "read.json": () => new Request("https://e.com/", { method: "PUT", body: '{"x":true}' }).json(),
    "read.arrayBuffer": async () => (await new Request("https://e.com/", { method: "POST", body: "abcd" }).arrayBuffer()).byteLength,
    "read.bytes": async () => {
      const r = new Request("https://e.com/", { method: "POST", body: "ab" });
      return typeof r.bytes === "function" ? bytesOf(await r.bytes()) : "no bytes()";
    },
    "read.noBody": async () => {
      const r = new Request("https://e.com/");
      return [await r.text(), r.bodyUsed];
    },
    "contentType.explicitWins": () =>
      new Request("https://e.com/", { method: "POST", body: "x", headers: { "Content-Type": "application/x-mine" } }).headers.get("content-type"),
  });
  return checks;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const p = url.pathname;
    if (p === "/checks/response") return run(responseBodyChecks());
    if (p === "/checks/request") return run(requestBodyChecks());
    if (p === "/read") {
      // read the incoming body with the method named in ?as=
      const as = url.searchParams.get("as");
      const ct = request.headers.get("content-type");
      const cl = request.headers.get("content-length");
      if (as === "text") return Response.json({ as, ct, cl, value: await request.text() });
      if (as === "json") return Response.json({ as, ct, cl, value: await request.json() });
      if (as === "arrayBuffer") {
        const u = new Uint8Array(await request.arrayBuffer());
        return Response.json({ as, ct, cl, length: u.length, checksum: checksum(u), head: bytesOf(u.subarray(0, 8)) });
      }
      if (as === "bytes") {
        const u = await request.bytes();
        return Response.json({ as, ct, cl, length: u.length, checksum: checksum(u), isU8: u instanceof Uint8Array });
      }
      if (as === "stream") {
        const reader = request.body.getReader();
        let length = 0;
        let h = 2166136261 >>> 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (!(value instanceof Uint8Array)) return Response.json({ error: "chunk not Uint8Array" });
          length += value.length;
          for (const b of value) {
            h ^= b;
            h = Math.imul(h, 16777619) >>> 0;
          }
        }
        return Response.json({ as, length, checksum: h });
      }
      if (as === "form") {
        // urlencoded bodies read as text and parsed with URLSearchParams
        return Response.json({ as, ct, entries: [...new URLSearchParams(await request.text())] });
      }
      if (as === "twice") {
        const a = await request.text();
        return Response.json({ as, a, second: await thrown(() => request.arrayBuffer()) });
      }
      if (as === "none") return Response.json({ as, hasBody: request.body !== null, bodyUsed: request.bodyUsed, method: request.method });
    }
    if (p === "/echo-body") {
      // stream the request body back through an identity TransformStream
      return new Response(request.body.pipeThrough(new TransformStream()), { headers: { "content-type": request.headers.get("content-type") || "application/octet-stream" } });
    }
    if (p.startsWith("/type/")) {
      const make = initForms[p.slice(6)];
      if (!make) return new Response("unknown type", { status: 404 });
      return new Response(make());
    }
    if (p === "/binary") {
      const u = new Uint8Array(256);
      for (let i = 0; i < 256; i++) u[i] = i;
      return new Response(u, { headers: { "content-type": "application/octet-stream" } });
    }
    if (p === "/big") {
      const n = Number(url.searchParams.get("n") || 100000);
      const u = new Uint8Array(n);
      for (let i = 0; i < n; i++) u[i] = (i * 31 + 7) & 0xff;
      return new Response(u);
    }
    if (p === "/head-target") {
      return new Response("a body that HEAD must not send", { headers: { "x-method": request.method } });
    }
    if (p === "/no-content") {
      return new Response(null, { status: 204, headers: { "x-nc": "1" } });
    }
    if (p === "/empty-200") return new Response(null);
    if (p === "/empty-string") return new Response("");
    return new Response("not found", { status: 404 });
  },
};
