import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";

const als = new AsyncLocalStorage();
const tick = () => new Promise((r) => setTimeout(r, 0));

test("store follows awaits, timers and then callbacks", async () => {
  const seen = await als.run("s1", async () => {
    const out = [als.getStore()];
    await tick();
    out.push(als.getStore());
    out.push(await new Promise((r) => setTimeout(() => r(als.getStore()), 1)));
    out.push(await Promise.resolve().then(() => als.getStore()));
    const interval = await new Promise((r) => { const id = setInterval(() => { clearInterval(id); r(als.getStore()); }, 1); });
    out.push(interval);
    return out;
  });
  assertEquals(seen, ["s1", "s1", "s1", "s1", "s1"]);
  assertEquals(als.getStore(), undefined);
});
test("interleaved runs keep their own stores", async () => {
  const work = (id, ms) => als.run({ id }, async () => {
    await new Promise((r) => setTimeout(r, ms));
    await tick();
    return als.getStore().id;
  });
  assertEquals(await Promise.all([work(1, 5), work(2, 1), work(3, 3)]), [1, 2, 3]);
});
test("a context is not leaked to code outside run", async () => {
  let later;
  als.run("inside", () => { later = tick(); });
  await later;
  assertEquals(als.getStore(), undefined);
  assertEquals(als.exit(() => als.getStore()), undefined);
});
test("AsyncResource and bind", () => {
  const r = als.run("res", () => new AsyncResource("T"));
  assertEquals(r.runInAsyncScope(() => als.getStore()), "res");
  const bound = als.run("b", () => r.bind(() => als.getStore()));
  assertEquals(bound(), "res");
  assertEquals(als.run("x", () => AsyncResource.bind(() => als.getStore()))(), "x");
});
