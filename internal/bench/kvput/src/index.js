// One KV put per request, of a distinct key: the key is the request path, which the load
// generator makes unique (scripts/bench-kv.sh's wrk script, internal/bench's Go benchmark).
// The response is sent only after the put resolved, i.e. after the write is durable.
export default {
  async fetch(request, env) {
    const key = new URL(request.url).pathname.slice(1) || "root";
    await env.KV.put(key, "value of " + key);
    return new Response("ok");
  },
};
