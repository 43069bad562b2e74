// Run with `edge test` in examples/order-sync: SELF.scheduled() runs the cron handler in
// process. ORDERS starts from seed.json ([test] kv_seed in wrangler.toml).
import { test, assert, SELF } from "edge:test";

const status = async () => (await (await SELF.fetch("https://sync.test/status")).json()).lastRun;

test("no run has been recorded yet", async () => {
  assert.equal(await status(), null);
});

test("a scheduled run records its summary, and fails the run when the sync fails", async () => {
  const at = Date.UTC(2026, 0, 1, 12, 5);
  const result = await SELF.scheduled({ cron: "*/5 * * * *", scheduledTime: new Date(at) });
  const run = await status();
  assert.equal(run.cron, "*/5 * * * *");
  assert.equal(run.scheduledTime, "2026-01-01T12:05:00.000Z");
  // Without the stand-in APIs running on ORIGIN_URL/DELIVERY_URL the run fails, and says why.
  assert.equal(result.outcome, run.ok ? "ok" : "exception");
  if (!run.ok) assert.equal(typeof run.error, "string");
});

test("unknown orders are 404", async () => {
  const res = await SELF.fetch("https://sync.test/orders/nope");
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: "order not found" });
});
