// node:async_hooks — AsyncLocalStorage and AsyncResource over the isolate's async context
// (a Map from storage to store, replaced on every run(); the host carries it across awaits,
// promise reactions and timers).
(function (require, native) {
  "use strict";
  const { ERR_INVALID_ARG_TYPE } = require("internal/errors");
  const empty = new Map();
  const current = () => native.getContext() || empty;

  function runIn(ctx, fn, thisArg, args) {
    const prev = native.getContext();
    native.setContext(ctx);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      native.setContext(prev);
    }
  }

  class AsyncLocalStorage {
    run(store, fn, ...args) {
      const ctx = new Map(current());
      ctx.set(this, store);
      return runIn(ctx, fn, undefined, args);
    }
    exit(fn, ...args) {
      const ctx = new Map(current());
      ctx.delete(this);
      return runIn(ctx, fn, undefined, args);
    }
    getStore() { return current().get(this); }
    disable() {}
    static bind(fn) {
      if (typeof fn !== "function") throw new ERR_INVALID_ARG_TYPE("fn", "function", fn);
      const ctx = current();
      return function bound(...args) { return runIn(ctx, fn, this, args); };
    }
    static snapshot() {
      const ctx = current();
      return (fn, ...args) => runIn(ctx, fn, undefined, args);
    }
  }

  class AsyncResource {
    constructor(type) {
      if (typeof type !== "string") throw new ERR_INVALID_ARG_TYPE("type", "string", type);
      this.type = type;
      this._ctx = current();
    }
    runInAsyncScope(fn, thisArg, ...args) { return runIn(this._ctx, fn, thisArg, args); }
    bind(fn, thisArg) {
      const res = this;
      const bound = function (...args) { return res.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args); };
      Object.defineProperty(bound, "length", { value: fn.length });
      bound.asyncResource = this;
      return bound;
    }
    emitDestroy() { return this; }
    asyncId() { return 0; }
    triggerAsyncId() { return 0; }
    static bind(fn, type, thisArg) { return new AsyncResource(type || fn.name || "bound-anonymous-fn").bind(fn, thisArg); }
  }

  return { AsyncLocalStorage, AsyncResource };
})
