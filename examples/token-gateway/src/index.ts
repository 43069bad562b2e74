// Token gateway: authenticates a bearer token against Workers KV and forwards the request to
// the origin with a `User-Id` header. Tokens are JSON records in the TOKENS namespace:
//   key:   the token
//   value: {"userId": "u-123", "expiresAt": "2030-01-01T00:00:00Z", "scopes": ["read"]}

export interface Env {
  TOKENS: KVNamespace;
  ORIGIN_URL: string;
}

interface TokenRecord {
  userId: string;
  expiresAt?: string;
  scopes?: string[];
}

function deny(status: 401 | 403, error: string): Response {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="token-gateway"';
  return new Response(JSON.stringify({ error }), { status, headers });
}

function bearerToken(request: Request): string | null {
  const auth = request.headers.get("authorization");
  if (!auth) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  return match ? match[1] : "";
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const token = bearerToken(request);
    if (token === null) return deny(401, "missing Authorization header");
    if (token === "") return deny(401, "Authorization header must be 'Bearer <token>'");

    const record = await env.TOKENS.get<TokenRecord>(token, "json");
    if (!record) return deny(403, "unknown token");
    if (record.expiresAt && Date.parse(record.expiresAt) <= Date.now()) {
      return deny(403, "token expired");
    }

    const incoming = new URL(request.url);
    const target = new URL(incoming.pathname + incoming.search, env.ORIGIN_URL);
    const upstream = new Request(target.toString(), request);
    upstream.headers.set("User-Id", record.userId);
    upstream.headers.delete("authorization");

    // Record the last use without delaying the response.
    ctx.waitUntil(env.TOKENS.put(`last-used:${record.userId}`, new Date().toISOString()));
    return fetch(upstream);
  },
};
