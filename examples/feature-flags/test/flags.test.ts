// Run with `edge test` in examples/feature-flags: FLAGS starts from seed.json ([test] kv_seed
// in wrangler.jsonc) in every test file; ADMIN_TOKEN comes from .dev.vars.
import { test, describe, beforeAll, assert, env, SELF } from "edge:test";
import { bucketOf, evaluate } from "../src/flags";

const get = (path: string, init?: RequestInit) => SELF.fetch("https://flags.test" + path, init);
const admin = (name: string, init: RequestInit = {}) =>
  get("/admin/flags/" + name, { ...init, headers: { authorization: "Bearer " + env.ADMIN_TOKEN } });

describe("evaluate (pure functions, no worker)", () => {
  test("overrides win over the rollout", () => {
    const flag = { enabled: true, rollout: 0, overrides: { vip: true } };
    assert.deepEqual(evaluate("x", flag, "vip"), { on: true, reason: "override" });
  });
  test("buckets are stable and within 0..99", () => {
    const b = bucketOf("new-checkout", "user-1");
    assert.equal(bucketOf("new-checkout", "user-1"), b);
    assert.ok(b >= 0 && b < 100, String(b));
  });
});

beforeAll(() => {
  assert.equal(typeof env.ADMIN_TOKEN, "string", "ADMIN_TOKEN from .dev.vars");
});

describe("the worker", () => {
  test("every flag in FLAG_NAMES order, from the seed", async () => {
    const res = await get("/flags?user=qa-team");
    const body = await res.json();
    assert.deepEqual(Object.keys(body.flags), env.FLAG_NAMES);
    assert.deepEqual(body.flags["beta-search"], { on: true, reason: "override" });
    assert.deepEqual(body.flags["dark-mode"].on, true);
  });

  test("the admin API needs the token", async () => {
    const res = await get("/admin/flags/dark-mode");
    assert.equal(res.status, 401);
  });

  test("a flag changed through the admin API is used at once", async () => {
    const put = await admin("dark-mode", { method: "PUT", body: JSON.stringify({ enabled: false }) });
    assert.equal(put.status, 200);
    const stored = await env.FLAGS.getWithMetadata("flag:dark-mode", "json");
    assert.deepEqual(stored.value, { enabled: false });
    assert.equal(typeof (stored.metadata as { updatedAt: number }).updatedAt, "number");
    const body = await (await get("/flags?user=anyone")).json();
    assert.deepEqual(body.flags["dark-mode"], { on: false, reason: "disabled" });
  });

  test("an invalid flag is refused with 400", async () => {
    const res = await admin("dark-mode", { method: "PUT", body: "{not json" });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error: "body must be JSON" });
  });

  test("deleting a flag makes it missing", async () => {
    assert.equal((await admin("beta-search", { method: "DELETE" })).status, 204);
    assert.equal(await env.FLAGS.get("flag:beta-search"), null);
    const body = await (await get("/flags?user=qa-team")).json();
    assert.equal(body.flags["beta-search"].reason, "missing");
  });
});
