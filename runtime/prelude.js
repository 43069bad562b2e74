// Runs in every isolate before the worker's bundle. Keep it small: it fills gaps in goja's
// ECMAScript support that bundled code and esbuild's helpers rely on.
(function () {
  "use strict";
  // esbuild's lowering helpers look these up (spec/goja-feasibility.md §2).
  for (const n of ["asyncIterator", "dispose", "asyncDispose", "metadata"]) {
    if (!Symbol[n]) Object.defineProperty(Symbol, n, { value: Symbol.for("Symbol." + n) });
  }
  if (!Promise.withResolvers) {
    Object.defineProperty(Promise, "withResolvers", {
      writable: true, configurable: true,
      value: function withResolvers() {
        let resolve, reject;
        const promise = new this((res, rej) => { resolve = res; reject = rej; });
        return { promise, resolve, reject };
      },
    });
  }
  if (!Promise.try) {
    Object.defineProperty(Promise, "try", {
      writable: true, configurable: true,
      value: function (fn, ...args) { return new this((resolve) => resolve(fn(...args))); },
    });
  }
  // Workers forbid code generation from strings (spec/webapi.md §2.6).
  const noEval = "Code generation from strings disallowed for this context";
  const blockedEval = function () { throw new EvalError(noEval); };
  Object.defineProperty(blockedEval, "name", { value: "eval" });
  Object.defineProperty(globalThis, "eval", { writable: true, configurable: true, value: blockedEval });
  for (const proto of [
    Function.prototype,
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function () {}),
  ]) {
    const name = proto === Function.prototype ? "Function" : proto[Symbol.toStringTag];
    const blocked = { [name]: function () { throw new EvalError(noEval); } }[name];
    blocked.prototype = proto;
    Object.defineProperty(proto, "constructor", { writable: true, configurable: true, value: blocked });
    if (proto === Function.prototype) {
      Object.defineProperty(globalThis, "Function", { writable: true, configurable: true, value: blocked });
    }
  }
})();
