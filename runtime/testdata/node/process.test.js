import process from "node:process";

test("process surface", () => {
  assertEquals(process, globalThis.process);
  assertEquals([process.platform, process.cwd(), typeof process.version, typeof process.hrtime.bigint()], ["linux", "/", "string", "bigint"]);
  assert(process.version.startsWith("v"));
  const [s, ns] = process.hrtime();
  assert(s >= 0 && ns >= 0 && ns < 1e9);
});
test("nextTick runs before timers", async () => {
  const order = [];
  await new Promise((done) => {
    setTimeout(() => { order.push("timeout"); done(); }, 0);
    process.nextTick((a) => order.push(`tick${a}`), 1);
  });
  assertEquals(order, ["tick1", "timeout"]);
  assertThrows(() => process.nextTick(1), "ERR_INVALID_ARG_TYPE");
});
test("env is string-valued", () => {
  process.env.N = 1;
  assertEquals(process.env.N, "1");
  delete process.env.N;
  assertEquals(process.env.N, undefined);
});
test("globals", () => {
  assertEquals(global, globalThis);
  assertEquals(typeof Buffer.from, "function");
  assertEquals(typeof setImmediate, "function");
});
