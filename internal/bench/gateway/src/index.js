// The token gateway: bearer header → KV get of the token's JSON record → 200 with the
// user, or 401/403. No origin fetch (examples/token-gateway, the "gateway-origin" workload, adds
// one and a waitUntil KV put). Seeded from examples/token-gateway/seed.json.
function json(status, data) {
  return new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json" } });
}

export default {
  async fetch(request, env) {
    const m = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
    if (!m) return json(401, { error: "missing or malformed Authorization header" });
    const record = await env.TOKENS.get(`token:${m[1]}`, "json");
    if (!record || typeof record.userId !== "string") return json(403, { error: "unknown token" });
    if (record.expiresAt && Date.parse(record.expiresAt) <= Date.now()) return json(403, { error: "token expired" });
    return json(200, { ok: true, userId: record.userId, scopes: record.scopes ?? [] });
  },
};
