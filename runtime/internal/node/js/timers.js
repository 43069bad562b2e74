// node:timers and node:timers/promises over the isolate's timers.
// Deviation: the timer functions return numeric ids (as the global ones do), not Timeout objects.
(function (require, native, name) {
  "use strict";
  const g = globalThis;
  const { abortError } = require("internal/errors");
  function delay(ms, value, options) {
    return new Promise((resolve, reject) => {
      const signal = options?.signal;
      if (signal?.aborted) { reject(abortError(signal)); return; }
      const id = g.setTimeout(() => resolve(value), ms);
      signal?.addEventListener("abort", () => { g.clearTimeout(id); reject(abortError(signal)); }, { once: true });
    });
  }
  const promises = {
    setTimeout: delay,
    setImmediate: (value, options) => delay(0, value, options),
    scheduler: { wait: (ms, options) => delay(ms, undefined, options), yield: () => delay(0) },
  };
  if (name === "timers/promises") return promises;
  return {
    setTimeout: g.setTimeout,
    clearTimeout: g.clearTimeout,
    setInterval: g.setInterval,
    clearInterval: g.clearInterval,
    setImmediate: (fn, ...args) => g.setTimeout(fn, 0, ...args),
    clearImmediate: (id) => g.clearTimeout(id),
    promises,
  };
})
