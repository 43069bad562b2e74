import EventEmitter, { once } from "node:events";

test("on, once, prepend, off", () => {
  const e = new EventEmitter();
  const seen = [];
  const f = (x) => seen.push(`f${x}`);
  e.on("x", f);
  e.once("x", (x) => seen.push(`once${x}`));
  e.prependListener("x", (x) => seen.push(`pre${x}`));
  assert(e.emit("x", 1));
  e.off("x", f);
  e.emit("x", 2);
  assertEquals(seen, ["pre1", "f1", "once1", "pre2"]);
  assertEquals(e.listenerCount("x"), 1);
});
test("error events", () => {
  const e = new EventEmitter();
  assertThrows(() => e.emit("error", new TypeError("t")), "TypeError", "t");
  assertThrows(() => e.emit("error", 42), "ERR_UNHANDLED_ERROR", "Unhandled error. (42)");
  let got;
  e.on("error", (err) => { got = err.message; });
  e.emit("error", new Error("handled"));
  assertEquals(got, "handled");
});
test("newListener, removeListener, subclassing", () => {
  class Sub extends EventEmitter {}
  const s = new Sub();
  const events = [];
  s.on("newListener", (n) => events.push(`new:${n}`));
  s.on("removeListener", (n) => events.push(`rm:${n}`));
  const h = () => {};
  s.on("a", h);
  s.removeListener("a", h);
  assertEquals(events, ["new:removeListener", "new:a", "rm:a"]);
  assert(s instanceof EventEmitter);
  assertEquals(EventEmitter.EventEmitter, EventEmitter);
});
test("once() promise", async () => {
  const e = new EventEmitter();
  setTimeout(() => e.emit("done", "v", 2), 0);
  assertEquals(await once(e, "done"), ["v", 2]);
  setTimeout(() => e.emit("error", new Error("bad")), 0);
  await assertRejects(once(e, "never"), "Error", "bad");
});
