// Run with `edge test` in examples/token-gateway. Each test file starts with TOKENS seeded
// from seed.json ([test] kv_seed in wrangler.toml); tests in a file run in order and share it.
import { test, describe, assert, env, SELF } from "edge:test";

const call = (token?: string) =>
  SELF.fetch("https://gateway.test/api/items?page=2", {
    headers: token === undefined ? {} : { authorization: token },
  });

describe("rejected before the origin", () => {
  test("no Authorization header is 401 with a Bearer challenge", async () => {
    const res = await call();
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="token-gateway"');
    assert.deepEqual(await res.json(), { error: "missing Authorization header" });
  });

  test("a header that is not 'Bearer <token>' is 401", async () => {
    const res = await call("Basic abc");
    assert.equal(res.status, 401);
    assert.match((await res.json()).error, /Bearer <token>/);
  });

  test("an unknown token is 403", async () => {
    const res = await call("Bearer tok-nobody");
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: "unknown token" });
  });

  test("an expired token is 403", async () => {
    const res = await call("Bearer tok-expired");
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: "token expired" });
  });

  test("another key's name is not a token", async () => {
    await env.TOKENS.put("last-used:alice", "2026-01-01T00:00:00Z");
    assert.equal((await call("Bearer last-used:alice")).status, 403);
  });
});

test("a token written by the test is accepted, and its use is recorded", async () => {
  await env.TOKENS.put("token:tok-temp", JSON.stringify({ userId: "temp" }));
  const res = await call("Bearer tok-temp");
  // Past authentication: the origin's answer, or 502 when no origin runs on ORIGIN_URL.
  assert.ok(res.status !== 401 && res.status !== 403, `status ${res.status}`);
  await res.arrayBuffer();
  // last-used is written in ctx.waitUntil, after the response: poll for it.
  let lastUsed: string | null = null;
  for (let i = 0; i < 100 && lastUsed === null; i++) {
    lastUsed = await env.TOKENS.get("last-used:temp");
    if (lastUsed === null) await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(lastUsed !== null, "last-used:temp was not written");
  assert.ok(Date.now() - Date.parse(lastUsed!) < 60_000);
});
