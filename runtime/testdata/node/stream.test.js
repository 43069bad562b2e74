import { Readable, Writable, Transform, PassThrough, pipeline, finished } from "node:stream";
import { pipeline as pipelineAsync } from "node:stream/promises";
import { Buffer } from "node:buffer";

const collect = () => {
  const chunks = [];
  const w = new Writable({ write(c, enc, cb) { chunks.push(Buffer.from(c).toString()); cb(); } });
  return [w, chunks];
};
test("readable push/pull into writable", async () => {
  let n = 0;
  const r = new Readable({ read() { n++; this.push(n <= 3 ? `c${n}` : null); } });
  const [w, chunks] = collect();
  await pipelineAsync(r, w);
  assertEquals(chunks, ["c1", "c2", "c3"]);
});
test("transform with flush", async () => {
  const upper = new Transform({
    transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); },
    flush(cb) { cb(null, "!"); },
  });
  const [w, chunks] = collect();
  await pipelineAsync(Readable.from(["a", "b"]), upper, w);
  assertEquals(chunks.join(""), "AB!");
});
test("pipeline reports errors", async () => {
  const bad = new Transform({ transform(c, e, cb) { cb(new Error("broken")); } });
  const [w] = collect();
  const err = await new Promise((res) => pipeline(Readable.from(["x"]), bad, w, res));
  assertEquals(err?.message, "broken");
});
test("paused mode read()", async () => {
  const p = new PassThrough();
  p.write("ab");
  p.end("cd");
  await new Promise((r) => setTimeout(r, 0));
  assertEquals(String(p.read()), "abcd");
});
test("finished and events", async () => {
  const [w] = collect();
  const order = [];
  w.on("finish", () => order.push("finish"));
  const done = new Promise((r) => finished(w, (err) => r(err ?? "ok")));
  w.write("x", () => order.push("written"));
  w.end();
  assertEquals(await done, "ok");
  assertEquals(order, ["written", "finish"]);
  assertThrows(() => w.write(null), "ERR_STREAM_NULL_VALUES");
});
test("async iteration", async () => {
  const got = [];
  for await (const x of Readable.from([1, 2, 3])) got.push(x);
  assertEquals(got, [1, 2, 3]);
});
