import { evaluate, parseFlag, type Flag, type Decision } from "./flags";

export interface Env {
  FLAGS: KVNamespace;
  FLAG_NAMES: string[];
  ADMIN_TOKEN?: string;
}

const json = (data: unknown, status = 200, headers?: HeadersInit) =>
  Response.json(data, { status, headers });

async function decide(env: Env, userId: string): Promise<Record<string, Decision>> {
  const names = env.FLAG_NAMES;
  const flags = await Promise.all(names.map((n) => env.FLAGS.get<Flag>(`flag:${n}`, "json")));
  const out: Record<string, Decision> = {};
  names.forEach((n, i) => (out[n] = evaluate(n, flags[i], userId)));
  return out;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const userId = url.searchParams.get("user") ?? request.headers.get("x-user-id") ?? "anonymous";

    // GET /flags?user=u — every flag's decision for a user.
    if (url.pathname === "/flags" && request.method === "GET") {
      return json({ user: userId, flags: await decide(env, userId) });
    }

    // GET /checkout?user=u — a response whose variant depends on a flag.
    if (url.pathname === "/checkout" && request.method === "GET") {
      const d = (await decide(env, userId))["new-checkout"];
      const variant = d.on ? "new" : "classic";
      return new Response(`<h1>${variant === "new" ? "New checkout" : "Checkout"}</h1>`, {
        headers: { "content-type": "text/html; charset=utf-8", "x-variant": variant },
      });
    }

    // /admin/flags/:name — read, change or delete a flag at run time (bearer ADMIN_TOKEN).
    const admin = /^\/admin\/flags\/([\w-]+)$/.exec(url.pathname);
    if (admin) {
      if (!env.ADMIN_TOKEN || request.headers.get("authorization") !== `Bearer ${env.ADMIN_TOKEN}`) {
        return json({ error: "unauthorized" }, 401);
      }
      const key = `flag:${admin[1]}`;
      switch (request.method) {
        case "GET": {
          const flag = await env.FLAGS.get<Flag>(key, "json");
          return flag ? json(flag) : json({ error: "flag not found" }, 404);
        }
        case "PUT": {
          let body: unknown;
          try {
            body = await request.json();
          } catch {
            return json({ error: "body must be JSON" }, 400);
          }
          const parsed = parseFlag(body);
          if (typeof parsed === "string") return json({ error: parsed }, 400);
          await env.FLAGS.put(key, JSON.stringify(parsed), { metadata: { updatedAt: Date.now() } });
          return json({ ok: true, flag: parsed });
        }
        case "DELETE":
          await env.FLAGS.delete(key);
          return new Response(null, { status: 204 });
        default:
          return json({ error: "method not allowed" }, 405, { allow: "GET, PUT, DELETE" });
      }
    }

    return json({ error: "not found" }, 404);
  },
};
