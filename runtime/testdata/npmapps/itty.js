// An itty-router app: AutoRouter with params, query, json(), StatusError and a POST body.
import { AutoRouter, StatusError, json } from "itty-router";

const router = AutoRouter();
router
  .get("/", () => "itty home")
  .get("/items/:id", ({ params, query }) => ({ id: params.id, sort: query.sort ?? null }))
  .post("/items", async (request) => {
    const item = await request.json();
    if (!item.name) throw new StatusError(400, "name is required");
    return json({ created: item.name }, { status: 201 });
  })
  .get("/teapot", () => {
    throw new StatusError(418, "I'm a teapot");
  })
  .get("/crash", () => {
    throw new Error("kaboom");
  });

export default router;
