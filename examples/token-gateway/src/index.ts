// Token gateway: authenticates a bearer token against Workers KV and forwards the request to
// the origin with a `User-Id` header. The TOKENS namespace holds two kinds of keys:
//   token:<token>      {"userId": "u-123", "expiresAt": "2030-01-01T00:00:00Z", "scopes": ["read"]}
//   last-used:<userId> ISO time of the user's last authenticated request (written by the worker)
// The `token:` prefix keeps a caller from presenting another key's name as a token.

export interface Env {
  TOKENS: KVNamespace;
  ORIGIN_URL: string;
}

interface TokenRecord {
  userId: string;
  expiresAt?: string;
  scopes?: string[];
}

function json(status: number, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function deny(status: 401 | 403, error: string): Response {
  // RFC 6750: a 401 tells the client which scheme to use.
  const headers: Record<string, string> =
    status === 401 ? { "www-authenticate": 'Bearer realm="token-gateway"' } : {};
  return json(status, { error }, headers);
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

    const record = await env.TOKENS.get<TokenRecord>(`token:${token}`, "json");
    if (!record || typeof record.userId !== "string") return deny(403, "unknown token");
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

    try {
      // The origin's response (any status, headers and body) goes back to the client as is.
      return await fetch(upstream);
    } catch (err) {
      // fetch() rejects only when no response arrived at all: refused, reset, DNS failure.
      console.error(`origin ${target.origin} unreachable:`, String(err));
      return json(502, { error: "origin unreachable" });
    }
  },
};
