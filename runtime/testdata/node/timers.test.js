import timers from "node:timers";
import { setTimeout as sleep, scheduler } from "timers/promises";
import types from "node:util/types";
import Readable from "_stream_readable";
import { Readable as StreamReadable } from "node:stream";
import { ReadableStream as WebReadableStream } from "node:stream/web";

test("timers/promises", async () => {
  assertEquals(await sleep(1, "value"), "value");
  await scheduler.wait(1);
  const c = new AbortController();
  const p = sleep(1000, "never", { signal: c.signal });
  c.abort();
  await assertRejects(p, "AbortError", "aborted");
});
test("timers", async () => {
  const got = await new Promise((r) => timers.setImmediate((a, b) => r(a + b), 1, 2));
  assertEquals(got, 3);
  assertEquals(timers.setTimeout, globalThis.setTimeout);
});
test("module aliases", () => {
  assertEquals(Readable, StreamReadable);
  assert(types.isDate(new Date()));
  assertEquals(WebReadableStream, globalThis.ReadableStream);
});
