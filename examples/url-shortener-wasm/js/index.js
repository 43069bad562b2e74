// The URL shortener of ../main.go as a JS module worker: same routes, same KV layout.
const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function newCode() {
  const b = crypto.getRandomValues(new Uint8Array(7));
  let s = "";
  for (const x of b) s += alphabet[x % alphabet.length];
  return s;
}

const text = (status, body) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export default {
  async fetch(request, env) {
    const { pathname, origin } = new URL(request.url);
    if (request.method === "POST" && pathname === "/") {
      const target = (await request.text()).trim();
      let u;
      try { u = new URL(target); } catch { u = null; }
      if (!u || (u.protocol !== "http:" && u.protocol !== "https:")) return text(400, "the body must be an http(s) URL\n");
      const code = newCode();
      await env.LINKS.put(code, target);
      return text(201, (env.BASE_URL ?? origin) + "/" + code + "\n");
    }
    if (request.method === "GET" && pathname === "/") return text(200, "POST a URL to / to shorten it; GET /CODE to follow it.\n");
    if (request.method === "GET") {
      const target = await env.LINKS.get(pathname.slice(1));
      if (target === null) return text(404, "no such link\n");
      return new Response(null, { status: 302, headers: { location: target } });
    }
    return text(405, "method not allowed\n");
  },
};
