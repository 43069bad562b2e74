// node:process — what workerd's process offers: env (from text and JSON bindings when the
// compatibility date or flag says so), nextTick, version(s), platform, cwd, hrtime, and the
// EventEmitter surface.
// Deviation: exit, abort and kill do nothing; memoryUsage and cpuUsage report zeros.
(function (require, native) {
  "use strict";
  const EventEmitter = require("events");
  const { ERR_INVALID_ARG_TYPE } = require("internal/errors");
  const process = new EventEmitter();
  const env = native.processEnv();
  let dir = "/";
  const start = Date.now();
  Object.assign(process, {
    title: "workerd",
    argv: ["workerd"],
    argv0: "workerd",
    execArgv: [],
    version: native.nodeVersion || undefined,
    versions: native.nodeVersion ? { node: native.nodeVersion.slice(1) } : undefined,
    platform: "linux",
    arch: "x64",
    release: { name: "node" },
    pid: 1,
    ppid: 0,
    exitCode: undefined,
    features: {},
    config: {},
    env: new Proxy(env, {
      set(t, k, v) { t[k] = String(v); return true; },
      defineProperty(t, k, d) { return Reflect.defineProperty(t, k, { ...d, value: String(d.value) }); },
    }),
    nextTick(fn, ...args) {
      if (typeof fn !== "function") throw new ERR_INVALID_ARG_TYPE("callback", "Function", fn);
      queueMicrotask(() => fn(...args));
    },
    cwd() { return dir; },
    chdir(d) { dir = require("path").resolve(dir, d); },
    umask() { return 0o22; },
    uptime() { return (Date.now() - start) / 1000; },
    memoryUsage: Object.assign(() => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }), { rss: () => 0 }),
    cpuUsage() { return { user: 0, system: 0 }; },
    resourceUsage() { return {}; },
    emitWarning(warning, type) {
      const w = typeof warning === "string" ? new Error(warning) : warning;
      if (typeof warning === "string") w.name = typeof type === "string" ? type : (type?.type || "Warning");
      process.emit("warning", w);
    },
    exit() {},
    abort() {},
    kill() {},
    getuid() { return 0; }, getgid() { return 0; }, geteuid() { return 0; }, getegid() { return 0; },
    getBuiltinModule(id) { return native.require(String(id).replace(/^node:/, "")); },
    binding() { throw new Error("process.binding is not supported"); },
  });
  function hrtime(prev) {
    const ms = performance.now();
    let s = Math.floor(ms / 1000), ns = Math.round((ms % 1000) * 1e6);
    if (prev) {
      s -= prev[0]; ns -= prev[1];
      if (ns < 0) { s--; ns += 1e9; }
    }
    return [s, ns];
  }
  hrtime.bigint = () => BigInt(Math.round(performance.now() * 1e6));
  process.hrtime = hrtime;
  Object.defineProperty(process, Symbol.toStringTag, { value: "process", configurable: true });
  return process;
})
