// AsyncLocalStorage with only the nodejs_als flag.
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let counter = 0;

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}

export default {
  async fetch() {
    const id = ++counter > 0 ? "req" : "";
    return run({
      outside: () => als.getStore() ?? "none",
      runSync: () => als.run(1, () => als.getStore()),
      returnValue: () => als.run("s", (a, b) => a + b, 2, 3),
      afterAwait: () => als.run({ id }, async () => { await null; await sleep(2); return als.getStore(); }),
      timer: () => als.run("timer", () => new Promise((r) => setTimeout(() => r(als.getStore()), 1))),
      then: () => als.run("then", () => Promise.resolve().then(() => als.getStore())),
      thenRegisteredLater: () => { let p; als.run("early", () => { p = sleep(1); }); return p.then(() => als.getStore() ?? "none"); },
      nested: () => als.run("outer", () => [als.getStore(), als.run("inner", () => als.getStore()), als.getStore()]),
      twoStores: () => als.run("a", () => other.run("b", async () => { await sleep(1); return [als.getStore(), other.getStore()]; })),
      exit: () => als.run("x", () => [als.exit(() => als.getStore() ?? "none"), als.getStore()]),
      restoredAfterThrow: () => { try { als.run("t", () => { throw new Error("e"); }); } catch {} return als.getStore() ?? "none"; },
      concurrent: async () => { const a = als.run("A", async () => { await sleep(3); return als.getStore(); }); const b = als.run("B", async () => { await sleep(1); return als.getStore(); }); return [await a, await b]; },
      bind: () => { const f = als.run("bound", () => AsyncLocalStorage.bind(() => als.getStore())); return f(); },
      snapshot: () => { const snap = als.run("snap", () => AsyncLocalStorage.snapshot()); return snap(() => als.getStore()); },
      resource: () => { const r = als.run("res", () => new AsyncResource("X")); return r.runInAsyncScope(() => als.getStore()); },
      queueMicrotask: () => als.run("qm", () => new Promise((r) => queueMicrotask(() => r(als.getStore())))),
      globals: () => [typeof Buffer, typeof process],
    });
  },
};
