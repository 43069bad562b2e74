import { Buffer } from "node:buffer";
import process from "node:process";
import { EventEmitter } from "node:events";
import { AsyncLocalStorage } from "node:async_hooks";
import util from "node:util";

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}

export default {
  async fetch(request, env) {
    return run({
      globals: () => [typeof globalThis.Buffer, typeof globalThis.process, typeof globalThis.global, typeof globalThis.setImmediate],
      buffer: () => Buffer.from("v1").toString("base64"),
      processEnv: () => Object.keys(process.env),
      processType: () => [typeof process.nextTick, process.platform],
      processVersion: () => [process.version, typeof process.versions],
      events: () => { const e = new EventEmitter(); let n = 0; e.on("a", () => n++); e.emit("a"); return n; },
      als: () => new AsyncLocalStorage().run(5, async () => { await null; return 5; }),
      inspect: () => util.inspect({ v: 1 }),
    });
  },
};
