// One KV list of the whole namespace per request: 1000 keys (seeded by scripts/bench-kv.sh and
// internal/bench's Go benchmark), one page, the default and maximum limit.
export default {
  async fetch(request, env) {
    const { keys } = await env.KV.list();
    return new Response(String(keys.length));
  },
};
