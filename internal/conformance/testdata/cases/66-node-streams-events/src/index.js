import { Readable, Writable, Transform, PassThrough, Duplex, pipeline, finished } from "node:stream";
import { EventEmitter, once } from "node:events";
import { AsyncLocalStorage } from "node:async_hooks";

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
const thrown = async (fn) => { try { await fn(); return "no error"; } catch (e) { return [e?.name, e?.code ?? null, e?.message]; } };

const suites = {
  streams: {
    readableEvents: async () => {
      const log = [];
      const r = new Readable({ read() {} });
      for (const ev of ["data", "end", "close", "pause", "resume"]) r.on(ev, (x) => log.push(x === undefined ? ev : `${ev}:${x}`));
      r.push("a"); r.push("b"); r.push(null);
      await tick();
      return log;
    },
    writableEvents: async () => {
      const log = [];
      const w = new Writable({ write(c, e, cb) { log.push(`write:${c}`); cb(); }, final(cb) { log.push("final"); cb(); } });
      for (const ev of ["finish", "close", "drain"]) w.on(ev, () => log.push(ev));
      w.write("1", () => log.push("cb1"));
      w.end("2", () => log.push("endcb"));
      await tick();
      return log;
    },
    backpressure: () => {
      const w = new Writable({ highWaterMark: 3, write(c, e, cb) { setTimeout(cb, 1); } });
      return [w.write("ab"), w.write("cd"), w.writableLength, w.writableNeedDrain];
    },
    transformEvents: async () => {
      const log = [];
      const t = new Transform({ transform(c, e, cb) { cb(null, String(c).toUpperCase()); }, flush(cb) { this.push("!"); cb(); } });
      t.on("data", (c) => log.push(String(c)));
      for (const ev of ["end", "finish", "close"]) t.on(ev, () => log.push(ev));
      t.write("x"); t.end("y");
      await tick();
      return log;
    },
    destroyWithError: async () => {
      const log = [];
      const r = new Readable({ read() {} });
      r.on("error", (e) => log.push(`error:${e.message}`));
      r.on("close", () => log.push("close"));
      r.destroy(new Error("boom"));
      log.push(`destroyed:${r.destroyed}`);
      await tick();
      return log;
    },
    pipelineError: async () => new Promise((res) => {
      const src = new Readable({ read() { this.destroy(new Error("src failed")); } });
      pipeline(src, new PassThrough(), new Writable({ write(c, e, cb) { cb(); } }), (err) => res(err ? err.message : null));
    }),
    finishedPremature: async () => new Promise((res) => {
      const r = new Readable({ read() {} });
      finished(r, (err) => res(err ? [err.code, err.message] : null));
      r.destroy();
    }),
    writeAfterEnd: async () => {
      const w = new Writable({ write(c, e, cb) { cb(); } });
      const errs = [];
      w.on("error", (e) => errs.push([e.code, e.message]));
      w.end();
      w.write("late", (e) => errs.push(`cb:${e && e.code}`));
      await tick();
      return errs;
    },
    readNumber: async () => {
      const r = new Readable({ read() {} });
      r.push("hello"); r.push("world"); r.push(null);
      await tick(1);
      return [String(r.read(3)), String(r.read(4)), String(r.read())];
    },
    objectModeFrom: async () => { const out = []; for await (const x of Readable.from([{ a: 1 }, 2, "three"])) out.push(x); return out; },
    duplex: async () => {
      const got = [];
      const d = new Duplex({ read() {}, write(c, e, cb) { got.push(String(c)); this.push(String(c).length); cb(); }, objectMode: true });
      const read = [];
      d.on("data", (x) => read.push(x));
      d.write("abc"); d.write("de");
      await tick();
      return [got, read];
    },
    flags: () => { const r = new Readable({ read() {} }); const w = new Writable({ write(c, e, cb) { cb(); } }); return [r.readable, r.readableFlowing, r.readableObjectMode, w.writable, w.writableEnded, w.writableObjectMode, r.readableHighWaterMark, w.writableHighWaterMark]; },
    alsThroughStream: async () => {
      const als = new AsyncLocalStorage();
      return als.run("st", () => new Promise((res) => {
        const r = Readable.from(["x"]);
        r.on("data", () => res(als.getStore() ?? "none"));
      }));
    },
  },
  events: {
    listenerOrderDuringEmit: () => {
      const e = new EventEmitter();
      const log = [];
      e.on("x", () => { log.push(1); e.on("x", () => log.push("added")); });
      e.on("x", () => log.push(2));
      e.emit("x"); e.emit("x");
      return log;
    },
    removeDuringEmit: () => {
      const e = new EventEmitter();
      const log = [];
      const b = () => log.push("b");
      e.on("x", () => { log.push("a"); e.off("x", b); });
      e.on("x", b);
      e.emit("x"); e.emit("x");
      return log;
    },
    maxListenersWarningCount: () => { const e = new EventEmitter(); e.setMaxListeners(1); e.on("x", () => {}); e.on("x", () => {}); return [e.getMaxListeners(), e.listenerCount("x")]; },
    rawListeners: () => { const e = new EventEmitter(); const f = () => {}; e.once("x", f); const raw = e.rawListeners("x"); return [raw.length, raw[0] === f, raw[0].listener === f, e.listeners("x")[0] === f]; },
    symbolEvents: () => { const e = new EventEmitter(); const s = Symbol("s"); let n = 0; e.on(s, () => n++); e.emit(s); return [n, e.eventNames().length, typeof e.eventNames()[0]]; },
    errorMonitor: () => { const e = new EventEmitter(); const log = []; e.on(EventEmitter.errorMonitor, (er) => log.push(`monitor:${er.message}`)); e.on("error", (er) => log.push(`error:${er.message}`)); e.emit("error", new Error("m")); return log; },
    thisInListener: () => { const e = new EventEmitter(); let same; e.on("x", function () { same = this === e; }); e.emit("x"); return same; },
    onceWithSignal: async () => { const e = new EventEmitter(); const c = new AbortController(); const p = once(e, "never", { signal: c.signal }); c.abort(); return thrown(() => p); },
    badListener: () => thrown(() => new EventEmitter().on("x", 5)),
    inheritanceStyle: () => { function Old() { EventEmitter.call(this); } Object.setPrototypeOf(Old.prototype, EventEmitter.prototype); const o = new Old(); let v; o.on("a", (x) => { v = x; }); o.emit("a", 9); return [v, o instanceof EventEmitter]; },
    defaultExport: () => [typeof EventEmitter.once, typeof EventEmitter.defaultMaxListeners, EventEmitter.defaultMaxListeners],
  },
};

export default {
  async fetch(request) {
    const suite = suites[new URL(request.url).pathname.slice(1)];
    return suite ? run(suite) : new Response("not found", { status: 404 });
  },
};
