// One KV read per request (the key is seeded by scripts/bench.sh).
export default {
  async fetch(request, env) {
    const value = await env.KV.get("greeting");
    return new Response(value ?? "missing", { status: value ? 200 : 404 });
  },
};
