// A Hono app with the middleware a typical API carries: a timing header of its own, request
// ids, secure headers, CORS and ETags, then a parameterised JSON route (bench/run.sh asks
// GET /users/42?fields=name,plan).
import { Hono } from "hono";
import { cors } from "hono/cors";
import { etag } from "hono/etag";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";

const app = new Hono();

app.use("*", async (c, next) => {
  const start = Date.now();
  await next();
  c.header("x-response-time", `${Date.now() - start}ms`);
});
app.use("*", requestId(), secureHeaders(), cors({ origin: "https://example.com" }), etag());

app.get("/", (c) => c.text("Hello Hono!"));
app.get("/users/:id", (c) => {
  const id = c.req.param("id");
  const fields = (c.req.query("fields") ?? "name").split(",");
  const user = { id, name: `user ${id}`, plan: "free", email: `user${id}@example.com` };
  const out = { id };
  for (const f of fields) if (f in user) out[f] = user[f];
  return c.json(out);
});
app.notFound((c) => c.json({ error: "not found" }, 404));

export default app;
