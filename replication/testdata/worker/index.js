// The cluster tests' worker: /kv/<key> reads (GET), writes (PUT, with ?ttl= and ?meta=) and
// deletes (DELETE) one key; /dump returns every live key with its value as JSON. A KV failure
// answers 503 with the error message.
export default {
  async fetch(req, env) {
    const url = new URL(req.url);
    try {
      if (url.pathname === "/dump") {
        const out = {};
        let cursor;
        do {
          const page = await env.KV.list({ cursor });
          for (const k of page.keys) {
            const v = await env.KV.get(k.name);
            if (v !== null) out[k.name] = v;
          }
          cursor = page.list_complete ? undefined : page.cursor;
        } while (cursor);
        return Response.json(out);
      }
      const key = decodeURIComponent(url.pathname.slice("/kv/".length));
      switch (req.method) {
        case "PUT": {
          const opts = {};
          if (url.searchParams.has("ttl")) opts.expirationTtl = Number(url.searchParams.get("ttl"));
          if (url.searchParams.has("meta")) opts.metadata = JSON.parse(url.searchParams.get("meta"));
          await env.KV.put(key, await req.text(), opts);
          return new Response("ok");
        }
        case "DELETE":
          await env.KV.delete(key);
          return new Response("ok");
        default: {
          const { value, metadata } = await env.KV.getWithMetadata(key);
          if (value === null) return new Response("not found", { status: 404 });
          const listed = await env.KV.list({ prefix: key, limit: 1 });
          const k = listed.keys[0];
          return new Response(value, {
            headers: {
              "x-metadata": JSON.stringify(metadata),
              "x-expiration": String(k && k.name === key && k.expiration ? k.expiration : 0),
            },
          });
        }
      }
    } catch (e) {
      return new Response(String(e.message), { status: 503 });
    }
  },
};
