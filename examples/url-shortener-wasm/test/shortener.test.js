// Run with `edge test` in examples/url-shortener-wasm after building shortener.wasm (README.md).
// SELF is the standalone Wasm worker; LINKS is a fresh namespace for this file.
import { test, assert, env, SELF } from "edge:test";

let short;

test("POST / with a URL creates a short link stored in KV", async () => {
  const res = await SELF.fetch("http://sho.rt/", { method: "POST", body: "https://example.com/a?b=c" });
  assert.equal(res.status, 201);
  short = (await res.text()).trim();
  assert.match(short, /^http:\/\/sho\.rt\/[A-Za-z0-9]+$/);
  const code = short.slice("http://sho.rt/".length);
  assert.equal(await env.LINKS.get(code), "https://example.com/a?b=c");
});

test("GET /CODE redirects to the stored URL", async () => {
  const res = await SELF.fetch(short, { redirect: "manual" });
  assert.equal(res.status, 302);
  assert.equal(res.headers.get("location"), "https://example.com/a?b=c");
});

test("an unknown code is 404 and a non-URL body is 400", async () => {
  assert.equal((await SELF.fetch("http://sho.rt/nope")).status, 404);
  assert.equal((await SELF.fetch("http://sho.rt/", { method: "POST", body: "not a url" })).status, 400);
});
