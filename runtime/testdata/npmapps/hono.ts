// A Hono app as users write it: middleware, params with regex, JSON validation by hand,
// HTTPException, onError, notFound, c.html, c.executionCtx.waitUntil.
import { Hono } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { HTTPException } from "hono/http-exception";

type Bindings = { GREETING: string };
const app = new Hono<{ Bindings: Bindings }>();

app.use("*", cors());
app.use("*", secureHeaders());
app.use("*", async (c, next) => {
  await next();
  c.header("x-handled-by", "hono");
});

app.get("/", (c) => c.text(`${c.env.GREETING} from hono`));
app.get("/users/:id{[0-9]+}", (c) =>
  c.json({ id: Number(c.req.param("id")), q: c.req.query("q") ?? null, ua: c.req.header("user-agent") ?? null }),
);
app.get("/hello/:name", (c) => c.html(`<h1>Hi ${c.req.param("name")}</h1>`));
app.post("/echo", async (c) => {
  const body = await c.req.json<{ msg?: string }>();
  if (typeof body.msg !== "string") throw new HTTPException(400, { message: "msg required" });
  return c.json({ echoed: body.msg.toUpperCase() }, 201);
});
app.get("/teapot", () => {
  throw new HTTPException(418, { message: "teapot" });
});
app.get("/crash", () => {
  throw new Error("unexpected crash");
});
app.onError((err, c) => {
  if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
  return c.json({ error: err.message }, 500);
});
app.notFound((c) => c.json({ error: "not found", path: c.req.path }, 404));

export default app;
