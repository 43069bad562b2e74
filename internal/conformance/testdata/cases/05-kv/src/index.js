// Workers KV through a [[kv_namespaces]] binding: value types in and out, metadata, expiration,
// delete, list (prefix, limit, cursors, UTF-8 byte order), bulk get and every validation error.
// Checks run in order, so later checks see the writes of earlier ones.

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
const dec = new TextDecoder();
const FAR = 2000000000; // 2033-05-18T03:33:20Z (expirations are int32 seconds)
const nowSec = () => Math.floor(Date.now() / 1000);
const shape = (o) => (o && typeof o === "object" ? Object.keys(o).sort() : o);
const streamText = async (s) => (s === null ? null : await new Response(s).text());
const mapEntries = (m) => (m instanceof Map ? [...m.entries()] : { notAMap: Object.prototype.toString.call(m) });

function putGetChecks(KV) {
  return {
    "get.missing": () => KV.get("missing"),
    "get.missingTypes": async () => [await KV.get("missing", "text"), await KV.get("missing", "json"), await KV.get("missing", "arrayBuffer"), await KV.get("missing", "stream")],
    "put.returns": () => KV.put("str", "hello ✓"),
    "get.default": () => KV.get("str"),
    "get.textString": () => KV.get("str", "text"),
    "get.textObject": () => KV.get("str", { type: "text" }),
    "get.emptyOptions": () => KV.get("str", {}),
    "get.arrayBuffer": async () => {
      const ab = await KV.get("str", "arrayBuffer");
      return [ab instanceof ArrayBuffer, ab.byteLength, dec.decode(ab)];
    },
    "get.stream": async () => {
      const s = await KV.get("str", "stream");
      return [s instanceof ReadableStream, await streamText(s)];
    },
    "get.cacheTtl": () => KV.get("str", { type: "text", cacheTtl: 60 }),
    "get.badType": () => thrown(() => KV.get("str", "bogus")),
    "get.badTypeObject": () => thrown(() => KV.get("str", { type: "blob" })),
    "get.cacheTtlTooLow": () => thrown(() => KV.get("str", { cacheTtl: 10 })),
    "put.json": () => KV.put("json", JSON.stringify({ a: [1, 2], b: "c" })),
    "get.json": () => KV.get("json", "json"),
    "get.jsonObject": () => KV.get("json", { type: "json" }),
    "get.jsonInvalid": async () => {
      await KV.put("notjson", "{nope");
      try {
        await KV.get("notjson", "json");
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "put.arrayBuffer": async () => {
      await KV.put("ab", new Uint8Array([0, 1, 2, 255]).buffer);
      return Array.from(new Uint8Array(await KV.get("ab", "arrayBuffer")));
    },
    "put.uint8Array": async () => {
      await KV.put("u8", new Uint8Array([104, 105]));
      return KV.get("u8");
    },
    "put.subarray": async () => {
      await KV.put("sub", enc.encode("xxmiddlexx").subarray(2, 8));
      return KV.get("sub");
    },
    "put.dataView": async () => {
      await KV.put("dv", new DataView(enc.encode("view").buffer));
      return KV.get("dv");
    },
    "put.stream": async () => {
      const s = new ReadableStream({
        start(c) {
          c.enqueue(enc.encode("streamed "));
          c.enqueue(enc.encode("value"));
          c.close();
        },
      });
      await KV.put("stream", s);
      return KV.get("stream");
    },
    "put.binaryRoundTrip": async () => {
      const u = new Uint8Array(300);
      for (let i = 0; i < u.length; i++) u[i] = (i * 7) & 0xff;
      await KV.put("bin", u);
      const back = new Uint8Array(await KV.get("bin", "arrayBuffer"));
      return [back.length, back.every((b, i) => b === u[i])];
    },
    "put.emptyString": async () => {
      await KV.put("empty", "");
      return [await KV.get("empty"), (await KV.get("empty", "arrayBuffer")).byteLength];
    },
    "put.number": async () => {
      await KV.put("num", 42);
      return KV.get("num");
    },
    "put.overwrite": async () => {
      await KV.put("over", "one");
      await KV.put("over", "two");
      return KV.get("over");
    },
    "put.null": async () => [await thrown(() => KV.put("nullv", null)), await KV.get("nullv")],
    "put.undefined": async () => [await thrown(() => KV.put("undefv", undefined)), await KV.get("undefv")],
    "put.object": async () => {
      const r = await thrown(() => KV.put("objv", { a: 1 }));
      return [r, await KV.get("objv")];
    },
    "put.unicodeKey": async () => {
      await KV.put("ключ/ü/€/😀", "unicode key");
      return KV.get("ключ/ü/€/😀");
    },
    "put.keyWithSlashesAndSpaces": async () => {
      await KV.put("a b/c?d#e%20", "odd key");
      return KV.get("a b/c?d#e%20");
    },
    "put.keyMax": async () => {
      const k = "k".repeat(512);
      await KV.put(k, "max key");
      return KV.get(k);
    },
    "put.keyMaxUnicode": async () => {
      const k = "€".repeat(170); // 510 UTF-8 bytes
      await KV.put(k, "max unicode key");
      return KV.get(k);
    },
    "getWithMetadata.noMetadata": async () => {
      const r = await KV.getWithMetadata("str");
      return { keys: shape(r), value: r.value, metadata: r.metadata, cacheStatus: r.cacheStatus ?? "absent" };
    },
    "getWithMetadata.missing": async () => {
      const r = await KV.getWithMetadata("missing");
      return { keys: shape(r), value: r.value, metadata: r.metadata };
    },
    "put.metadata": () => KV.put("meta", "with metadata", { metadata: { owner: "me", n: 1, nested: { ok: true }, list: [1, "x"] } }),
    "getWithMetadata.metadata": async () => {
      const r = await KV.getWithMetadata("meta");
      return [r.value, r.metadata];
    },
    "getWithMetadata.types": async () => {
      const a = await KV.getWithMetadata("meta", "arrayBuffer");
      const s = await KV.getWithMetadata("meta", { type: "stream" });
      const j = await KV.getWithMetadata("json", "json");
      return [a.value.byteLength, a.metadata.owner, await streamText(s.value), s.metadata.n, j.value, j.metadata];
    },
    "put.metadataString": async () => {
      await KV.put("metastr", "v", { metadata: "just a string" });
      return (await KV.getWithMetadata("metastr")).metadata;
    },
    "put.metadataNull": async () => {
      await KV.put("metanull", "v", { metadata: null });
      return (await KV.getWithMetadata("metanull")).metadata;
    },
    "put.metadataReplacedOnOverwrite": async () => {
      await KV.put("metaover", "1", { metadata: { v: 1 } });
      await KV.put("metaover", "2");
      return (await KV.getWithMetadata("metaover")).metadata;
    },
    "put.expiration": async () => {
      await KV.put("exp", "expires in 2033", { expiration: FAR });
      return KV.get("exp");
    },
    "put.expirationString": async () => {
      await KV.put("expstr", "v", { expiration: String(FAR) });
      return KV.get("expstr");
    },
    "put.expirationTtl": async () => {
      await KV.put("ttl", "ttl value", { expirationTtl: 3600 });
      return KV.get("ttl");
    },
    "put.expirationTtlMin": async () => {
      await KV.put("ttlmin", "v", { expirationTtl: 60 });
      return KV.get("ttlmin");
    },
    "put.expirationAndMetadata": () => KV.put("expmeta", "v", { expiration: FAR, metadata: { m: true } }),
    "delete.returns": () => KV.delete("over"),
    "delete.gone": () => KV.get("over"),
    "delete.missing": () => KV.delete("never-existed"),
    "delete.thenGetWithMetadata": async () => {
      await KV.delete("meta");
      const r = await KV.getWithMetadata("meta");
      return [r.value, r.metadata];
    },
    "namespacesIsolated": async () => {
      await KV.put("shared-name", "in KV");
      return [await env_other().get("shared-name"), await KV.get("shared-name")];
    },
  };
}

let OTHER_NS = null;
const env_other = () => OTHER_NS;

function errorChecks(KV) {
  const big = (n) => new Uint8Array(n);
  return {
    "key.empty.get": () => thrown(() => KV.get("")),
    "key.empty.put": () => thrown(() => KV.put("", "v")),
    "key.empty.delete": () => thrown(() => KV.delete("")),
    "key.empty.getWithMetadata": () => thrown(() => KV.getWithMetadata("")),
    "key.dot.put": () => thrown(() => KV.put(".", "v")),
    "key.dotdot.put": () => thrown(() => KV.put("..", "v")),
    "key.dot.get": () => thrown(() => KV.get(".")),
    "key.dotdot.delete": () => thrown(() => KV.delete("..")),
    "key.dotsInside": async () => {
      await KV.put("a.b..c", "dots ok");
      return KV.get("a.b..c");
    },
    "key.tooLong.put": () => thrown(() => KV.put("k".repeat(513), "v")),
    "key.tooLong.get": () => thrown(() => KV.get("k".repeat(513))),
    "key.tooLong.delete": () => thrown(() => KV.delete("k".repeat(600))),
    "key.tooLongUnicode.put": () => thrown(() => KV.put("€".repeat(171), "v")),
    "key.number": async () => {
      const r = await thrown(() => KV.put(123, "numeric key"));
      return [r, await KV.get("123")];
    },
    "ttl.tooLow": () => thrown(() => KV.put("t", "v", { expirationTtl: 59 })),
    "ttl.zero": () => thrown(() => KV.put("t", "v", { expirationTtl: 0 })),
    "ttl.negative": () => thrown(() => KV.put("t", "v", { expirationTtl: -5 })),
    "ttl.notNumber": () => thrown(() => KV.put("t", "v", { expirationTtl: "abc" })),
    "expiration.past": () => thrown(() => KV.put("t", "v", { expiration: 1000 })),
    "expiration.tooSoon": () =>
      KV.put("soon", "v", { expiration: nowSec() + 10 }).then(
        () => "no error",
        (e) => `${e.name}: ${e.message.replace(/\d{9,}/g, "N")}`,
      ),
    "expiration.tooLarge": () => thrown(() => KV.put("t", "v", { expiration: 2 ** 31 })),
    "expiration.notNumber": () => thrown(() => KV.put("t", "v", { expiration: "soon" })),
    "metadata.tooLarge": () => thrown(() => KV.put("t", "v", { metadata: { big: "x".repeat(1100) } })),
    "metadata.exactLimit": async () => {
      // JSON.stringify({ m: "x".repeat(1016) }) is exactly 1024 bytes
      return thrown(() => KV.put("metalimit", "v", { metadata: { m: "x".repeat(1016) } }));
    },
    "metadata.overLimitByOne": () => thrown(() => KV.put("t", "v", { metadata: { m: "x".repeat(1017) } })),
    "metadata.notSerializable": async () => {
      try {
        await KV.put("t", "v", { metadata: { f: 1n } });
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "value.tooLarge": () => thrown(() => KV.put("huge", big(25 * 1024 * 1024 + 1))),
    "value.maxSize": async () => {
      await KV.put("max", big(25 * 1024 * 1024));
      const ab = await KV.get("max", "arrayBuffer");
      await KV.delete("max");
      return ab.byteLength;
    },
    "list.limitTooHigh": () => thrown(() => KV.list({ limit: 1001 })),
    "list.limitMax": async () => (await KV.list({ limit: 1000 })).keys.length > 0,
    "list.limitZero": async () => shape(await KV.list({ limit: 0 })),
    "list.limitNegative": async () => shape(await KV.list({ limit: -1 })),
    "list.unknownCursor": async () => {
      const r = await thrown(() => KV.list({ cursor: "not-a-real-cursor" }));
      return r;
    },
    "list.prefixNull": async () => (await KV.list({ prefix: null })).keys.length > 0,
    "bulk.tooMany": () => thrown(() => KV.get(Array.from({ length: 101 }, (_, i) => `k${i}`))),
    "bulk.exactly100": async () => (await KV.get(Array.from({ length: 100 }, (_, i) => `k${i}`))).size,
    "bulk.emptyArray": async () => {
      try {
        const m = await KV.get([]);
        return mapEntries(m);
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    },
    "bulk.badType": () => thrown(() => KV.get(["a"], "arrayBuffer")),
    "bulk.streamType": () => thrown(() => KV.get(["a"], "stream")),
    "bulk.emptyKey": () => thrown(() => KV.get(["ok", ""])),
    "noArgs.get": async () => {
      try {
        await KV.get();
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "noArgs.put": async () => {
      try {
        await KV.put();
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "errorTypes": async () => {
      const kinds = {};
      for (const [k, fn] of Object.entries({
        empty: () => KV.put("", "v"),
        dot: () => KV.put(".", "v"),
        long: () => KV.put("k".repeat(513), "v"),
        ttl: () => KV.put("t", "v", { expirationTtl: 1 }),
      })) {
        try {
          await fn();
          kinds[k] = "no error";
        } catch (e) {
          kinds[k] = [e.constructor.name, e instanceof TypeError, e instanceof Error];
        }
      }
      return kinds;
    },
  };
}

const LIST_KEYS = ["b", "a", "a/1", "a/2", "a/10", "ab", "A", "Z", "_", "é", "€", "😀", "\uffff", "z", "a\u0000x"];

async function listChecks(KV) {
  for (const k of LIST_KEYS) await KV.put(`list:${k}`, `v:${k}`);
  await KV.put("list-meta:plain", "1");
  await KV.put("list-meta:meta", "1", { metadata: { tag: "m" } });
  await KV.put("list-meta:exp", "1", { expiration: FAR });
  await KV.put("list-meta:both", "1", { expiration: FAR, metadata: [1, 2] });
  await KV.put("list-meta:ttl", "1", { expirationTtl: 7200 });
  await KV.put("list-meta:metanull", "1", { metadata: null });
  const names = (r) => r.keys.map((k) => k.name);
  return {
    "order.utf8Bytes": async () => names(await KV.list({ prefix: "list:" })),
    "result.shape": async () => {
      const r = await KV.list({ prefix: "list:" });
      return { keys: shape(r), list_complete: r.list_complete, cursor: r.cursor ?? "absent", cacheStatus: r.cacheStatus };
    },
    "entry.shape": async () => {
      const r = await KV.list({ prefix: "list-meta:" });
      const byName = {};
      for (const k of r.keys) byName[k.name] = { keys: shape(k), metadata: k.metadata ?? "absent", expiration: typeof k.expiration === "number" ? (k.expiration === FAR ? "FAR" : "number") : k.expiration ?? "absent" };
      return byName;
    },
    "entry.ttlExpiration": async () => {
      const r = await KV.list({ prefix: "list-meta:ttl" });
      const e = r.keys[0].expiration;
      return Math.abs(e - (nowSec() + 7200)) <= 5;
    },
    "prefix.narrow": async () => names(await KV.list({ prefix: "list:a/" })),
    "prefix.noMatch": async () => {
      const r = await KV.list({ prefix: "nothing-here:" });
      return [r.keys, r.list_complete, r.cursor ?? "absent"];
    },
    "prefix.unicode": async () => names(await KV.list({ prefix: "list:€" })),
    "limit.paging": async () => {
      const pages = [];
      let cursor;
      for (let i = 0; i < 10; i++) {
        const r = await KV.list({ prefix: "list:", limit: 4, cursor });
        pages.push({ names: names(r), complete: r.list_complete, hasCursor: typeof r.cursor === "string" && r.cursor.length > 0 });
        if (r.list_complete) break;
        cursor = r.cursor;
      }
      return pages;
    },
    "limit.exactFinalPage": async () => {
      const r1 = await KV.list({ prefix: "list:a/", limit: 2 });
      const r2 = await KV.list({ prefix: "list:a/", limit: 2, cursor: r1.cursor });
      return [names(r1), r1.list_complete, names(r2), r2.list_complete, r2.cursor ?? "absent"];
    },
    "limit.exactMultiplePages": async () => {
      // six keys start with "list:a"; with limit 3 the second page holds exactly the last three
      const r1 = await KV.list({ prefix: "list:a", limit: 3 });
      const r2 = await KV.list({ prefix: "list:a", limit: 3, cursor: r1.cursor });
      return [names(r1), r1.list_complete, names(r2), r2.list_complete, r2.cursor ?? "absent"];
    },
    "limit.exactAll": async () => {
      const r = await KV.list({ prefix: "list:a/", limit: 3 });
      return [names(r), r.list_complete, r.cursor ?? "absent"];
    },
    "limit.one": async () => {
      const r = await KV.list({ prefix: "list:", limit: 1 });
      return [names(r), r.list_complete];
    },
    "cursor.withoutPrefix": async () => {
      // a cursor from a prefixed listing, used with the same prefix
      const r1 = await KV.list({ prefix: "list:", limit: 13 });
      const r2 = await KV.list({ prefix: "list:", cursor: r1.cursor });
      return [names(r1).length, names(r2)];
    },
    "all.count": async () => (await KV.list()).keys.length,
    "all.noOptions": async () => names(await KV.list()).filter((n) => n.startsWith("list-meta:")),
    "afterDelete": async () => {
      await KV.delete("list:b");
      return names(await KV.list({ prefix: "list:b" }));
    },
    "bulk.get": async () => mapEntries(await KV.get(["list:a", "list:€", "missing-key", "list:a"])),
    "bulk.getText": async () => mapEntries(await KV.get(["list:z"], "text")),
    "bulk.getJson": async () => {
      await KV.put("j1", '{"x":1}');
      await KV.put("j2", "[true]");
      return mapEntries(await KV.get(["j1", "j2", "j3"], { type: "json" }));
    },
    "bulk.getJsonInvalid": async () => {
      await KV.put("j-bad", "{");
      try {
        await KV.get(["j-bad"], "json");
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "bulk.getWithMetadata": async () => {
      const m = await KV.getWithMetadata(["list-meta:meta", "list-meta:plain", "missing-key"]);
      return mapEntries(m);
    },
    "bulk.getWithMetadataJson": async () => mapEntries(await KV.getWithMetadata(["j1"], "json")),
  };
}

export default {
  async fetch(request, env) {
    OTHER_NS = env.OTHER;
    const url = new URL(request.url);
    if (url.pathname === "/kv/put-get") return run(putGetChecks(env.KV));
    if (url.pathname === "/kv/errors") return run(errorChecks(env.KV));
    if (url.pathname === "/kv/list") return run(await listChecks(env.KV));
    if (url.pathname === "/kv/binding")
      return run({
        "type": () => [typeof env.KV, Object.prototype.toString.call(env.KV), env.KV.constructor.name],
        "methods": () => ["get", "getWithMetadata", "put", "delete", "list"].map((m) => typeof env.KV[m]),
        "ownKeys": () => Object.keys(env.KV),
      });
    // a tiny REST surface, to check KV state across requests
    const m = url.pathname.match(/^\/item\/(.+)$/);
    if (m) {
      const key = decodeURIComponent(m[1]);
      if (request.method === "PUT") {
        const ttl = url.searchParams.get("ttl");
        await env.KV.put(key, await request.arrayBuffer(), {
          metadata: { ct: request.headers.get("content-type") },
          ...(ttl ? { expirationTtl: Number(ttl) } : {}),
        });
        return new Response(null, { status: 204 });
      }
      if (request.method === "DELETE") {
        await env.KV.delete(key);
        return new Response("deleted");
      }
      const { value, metadata } = await env.KV.getWithMetadata(key, "arrayBuffer");
      if (value === null) return new Response("missing", { status: 404 });
      return new Response(value, { headers: { "content-type": metadata?.ct || "application/octet-stream" } });
    }
    return new Response("not found", { status: 404 });
  },
};
