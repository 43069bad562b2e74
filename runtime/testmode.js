// The edge:test module (see testmode.go): test registration in source order, hooks, and a
// small assert with readable diffs. Called once per isolate with the worker's env, SELF (the
// worker under test, or undefined) and a no-op controller for workerd-style tests; returns
// the module's exports and the host's side (the Go test runner calls it).
(function (env, SELF, controller) {
  "use strict";

  // --- registration ---------------------------------------------------------------------
  const tests = [];
  const all = { beforeAll: [], afterAll: [] };
  const root = { prefix: "", beforeEach: [], afterEach: [], parent: null };
  let scope = root;
  let collecting = true; // registration is over once the runner has listed the tests

  function checkFn(what, name, fn) {
    if (!collecting) throw new Error(what + "() must be called at the top level of a test file, not while tests run");
    if (typeof fn !== "function") throw new TypeError(what + "(" + (name === undefined ? "" : JSON.stringify(String(name)) + ", ") + "fn): fn must be a function");
  }
  let hasOnly = false;
  function register(name, fn, skip, only) {
    checkFn("test", name, fn);
    tests.push({ name: scope.prefix + String(name), fn, scope, skip, only });
    if (only) hasOnly = true;
  }
  function test(name, fn) { register(name, fn, false, false); }
  test.skip = function skip(name, fn) { register(name, fn || function () {}, true, false); };
  // test.only: when a file has any, its other tests are skipped.
  test.only = function only(name, fn) { register(name, fn, false, true); };
  function describe(name, fn) {
    checkFn("describe", name, fn);
    const outer = scope;
    scope = { prefix: outer.prefix + String(name) + " > ", beforeEach: [], afterEach: [], parent: outer };
    try { fn(); } finally { scope = outer; }
  }
  describe.skip = function skip(name, fn) {
    checkFn("describe", name, fn);
    const before = tests.length;
    describe(name, fn);
    for (let i = before; i < tests.length; i++) tests[i].skip = true;
  };
  function fileHook(kind) {
    return function (fn) {
      checkFn(kind, undefined, fn);
      if (scope !== root) throw new Error(kind + "() inside describe() is not supported by edge:test; call it at the top level of the file");
      all[kind].push(fn);
    };
  }
  function eachHook(kind) {
    return function (fn) { checkFn(kind, undefined, fn); scope[kind].push(fn); };
  }

  // withHooks runs fn between the beforeEach hooks of its scopes (outermost first) and their
  // afterEach hooks (innermost first, always); the first failure is the test's.
  async function withHooks(s, fn) {
    const chain = [];
    for (let c = s; c; c = c.parent) chain.unshift(c);
    let failed = false, error;
    try {
      for (const c of chain) for (const h of c.beforeEach) await h();
      await fn();
    } catch (e) { failed = true; error = e; }
    for (let i = chain.length - 1; i >= 0; i--) {
      for (const h of chain[i].afterEach) {
        try { await h(); } catch (e) { if (!failed) { failed = true; error = e; } }
      }
    }
    if (failed) throw error;
  }

  // --- assert ----------------------------------------------------------------------------
  class AssertionError extends Error {
    constructor(options) {
      super(options.message);
      this.name = "AssertionError";
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      this.generatedMessage = !options.userMessage;
    }
  }

  function typeTag(v) { return Object.prototype.toString.call(v).slice(8, -1); }

  // inspect renders a value over several lines (objects indented two spaces), so that two
  // renderings diff line by line.
  function inspect(v, indent, seen) {
    indent = indent || "";
    seen = seen || [];
    switch (typeof v) {
      case "string": return JSON.stringify(v);
      case "bigint": return v + "n";
      case "symbol": case "undefined": case "boolean": return String(v);
      case "number": return Object.is(v, -0) ? "-0" : String(v);
      case "function": return "[Function" + (v.name ? ": " + v.name : " (anonymous)") + "]";
    }
    if (v === null) return "null";
    if (seen.includes(v)) return "[Circular]";
    const tag = typeTag(v);
    if (tag === "Date") return isNaN(v) ? "Invalid Date" : v.toISOString();
    if (tag === "RegExp") return String(v);
    if (v instanceof Error) return v.name + ": " + v.message;
    const inner = indent + "  ";
    const next = seen.concat([v]);
    const lines = [];
    let open, close;
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      open = (Array.isArray(v) ? "" : tag + " ") + "["; close = "]";
      for (let i = 0; i < v.length; i++) lines.push(inner + inspect(v[i], inner, next) + ",");
    } else if (v instanceof Map) {
      open = "Map(" + v.size + ") {"; close = "}";
      for (const [k, x] of v) lines.push(inner + inspect(k, inner, next) + " => " + inspect(x, inner, next) + ",");
    } else if (v instanceof Set) {
      open = "Set(" + v.size + ") {"; close = "}";
      for (const x of v) lines.push(inner + inspect(x, inner, next) + ",");
    } else {
      const proto = Object.getPrototypeOf(v);
      const ctor = proto && proto !== Object.prototype && proto.constructor && proto.constructor.name;
      open = (proto === null ? "[Object: null prototype] " : ctor ? ctor + " " : "") + "{"; close = "}";
      for (const k of Object.keys(v)) {
        const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
        lines.push(inner + key + ": " + inspect(v[k], inner, next) + ",");
      }
    }
    if (lines.length === 0) return open + close;
    return open + "\n" + lines.join("\n") + "\n" + indent + close;
  }

  // diff is a line diff of two renderings (longest common subsequence), in node:assert's
  // layout: "+ actual - expected", unchanged lines indented by two spaces.
  function diff(actual, expected) {
    const a = inspect(actual).split("\n"), e = inspect(expected).split("\n");
    const n = a.length, m = e.length;
    const lcs = [];
    for (let i = 0; i <= n; i++) lcs.push(new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i][j] = a[i] === e[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    const out = ["+ actual - expected", ""];
    let i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === e[j]) { out.push("  " + a[i]); i++; j++; }
      else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) { out.push("+ " + a[i]); i++; }
      else { out.push("- " + e[j]); j++; }
    }
    return out.join("\n");
  }

  function fail(operator, actual, expected, message, generated) {
    if (message instanceof Error) throw message;
    throw new AssertionError({ message: message === undefined ? generated : String(message), userMessage: message !== undefined, actual, expected, operator });
  }

  function isDeepEqual(a, b, seen) {
    if (Object.is(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || typeTag(a) !== typeTag(b)) return false;
    for (const [x, y] of seen) if (x === a && y === b) return true;
    seen = seen.concat([[a, b]]);
    const tag = typeTag(a);
    if (tag === "Date") return Object.is(a.getTime(), b.getTime());
    if (tag === "RegExp") return a.source === b.source && a.flags === b.flags;
    if (a instanceof Error && (a.name !== b.name || a.message !== b.message)) return false;
    if (ArrayBuffer.isView(a) || a instanceof ArrayBuffer) {
      const x = new Uint8Array(a.buffer || a, a.byteOffset || 0, a.byteLength), y = new Uint8Array(b.buffer || b, b.byteOffset || 0, b.byteLength);
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      return true;
    }
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) if (!b.has(k) || !isDeepEqual(v, b.get(k), seen)) return false;
      return true;
    }
    if (a instanceof Set) {
      if (a.size !== b.size) return false;
      outer: for (const v of a) {
        if (b.has(v)) continue;
        for (const w of b) if (isDeepEqual(v, w, seen)) continue outer;
        return false;
      }
      return true;
    }
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !isDeepEqual(a[k], b[k], seen)) return false;
    return true;
  }

  // matches checks a thrown or rejected value against what throws()/rejects() expect: an
  // Error class, a RegExp for its message (or the value), a validation function, or an
  // object whose properties must be deeply equal.
  function matches(operator, err, expected, message) {
    if (expected === undefined) return;
    if (typeof expected === "function" && expected.prototype !== undefined && (expected === Error || Error.isPrototypeOf(expected))) {
      if (!(err instanceof expected)) fail(operator, err, expected, message, "The error is expected to be an instance of \"" + expected.name + "\". Received " + inspect(err));
      return;
    }
    if (expected instanceof RegExp) {
      const s = err instanceof Error ? err.message : String(err);
      if (!expected.test(s) && !expected.test(String(err))) fail(operator, err, expected, message, "The input did not match the regular expression " + expected + ". Input:\n\n" + inspect(s) + "\n");
      return;
    }
    if (typeof expected === "function") {
      if (expected(err) !== true) fail(operator, err, expected, message, "The validation function is expected to return \"true\". Received " + inspect(err));
      return;
    }
    if (typeof expected === "object" && expected !== null) {
      const picked = {};
      for (const k of Object.keys(expected)) picked[k] = err == null ? undefined : err[k];
      if (!isDeepEqual(picked, Object.assign({}, expected), [])) fail(operator, picked, expected, message, "Expected values to be deeply equal:\n" + diff(picked, Object.assign({}, expected)) + "\n");
      return;
    }
    throw new TypeError("The \"expected\" argument must be an Error class, a RegExp, a function or an object");
  }

  function ok(value, message) {
    if (!value) fail("==", value, true, message, "The expression evaluated to a falsy value:\n\n  assert.ok(" + inspect(value) + ")\n");
  }
  const assert = function assert(value, message) { ok(value, message); };
  Object.assign(assert, {
    AssertionError,
    ok,
    equal(actual, expected, message) {
      if (!Object.is(actual, expected) && actual !== expected) {
        const simple = typeof actual !== "object" && typeof expected !== "object" || actual === null || expected === null;
        fail("strictEqual", actual, expected, message, simple
          ? "Expected values to be strictly equal:\n\n" + inspect(actual) + " !== " + inspect(expected) + "\n"
          : "Expected values to be strictly equal:\n" + diff(actual, expected) + "\n");
      }
    },
    notEqual(actual, expected, message) {
      if (Object.is(actual, expected) || actual === expected) fail("notStrictEqual", actual, expected, message, "Expected \"actual\" to be strictly unequal to: " + inspect(expected));
    },
    deepEqual(actual, expected, message) {
      if (!isDeepEqual(actual, expected, [])) fail("deepStrictEqual", actual, expected, message, "Expected values to be deeply equal:\n" + diff(actual, expected) + "\n");
    },
    notDeepEqual(actual, expected, message) {
      if (isDeepEqual(actual, expected, [])) fail("notDeepStrictEqual", actual, expected, message, "Expected \"actual\" not to be deeply equal to:\n\n" + inspect(expected) + "\n");
    },
    match(string, regexp, message) {
      if (!(regexp instanceof RegExp)) throw new TypeError("The \"regexp\" argument must be an instance of RegExp.");
      if (typeof string !== "string" || !regexp.test(string)) fail("match", string, regexp, message, typeof string !== "string"
        ? "The \"string\" argument must be of type string. Received " + inspect(string)
        : "The input did not match the regular expression " + regexp + ". Input:\n\n" + inspect(string) + "\n");
    },
    throws(fn, expected, message) {
      if (typeof fn !== "function") throw new TypeError("The \"fn\" argument must be of type function.");
      if (typeof expected === "string") { message = expected; expected = undefined; }
      try { fn(); } catch (e) { matches("throws", e, expected, message); return; }
      fail("throws", undefined, expected, message, "Missing expected exception" + (message === undefined ? "." : ": " + message));
    },
    async rejects(promiseOrFn, expected, message) {
      if (typeof expected === "string") { message = expected; expected = undefined; }
      let p = promiseOrFn;
      if (typeof p === "function") p = p();
      if (!p || typeof p.then !== "function") throw new TypeError("The \"promiseFn\" argument must be of type function or an instance of Promise.");
      try { await p; } catch (e) { matches("rejects", e, expected, message); return; }
      fail("rejects", undefined, expected, message, "Missing expected rejection" + (message === undefined ? "." : ": " + message));
    },
  });
  assert.strictEqual = assert.equal;
  assert.notStrictEqual = assert.notEqual;
  assert.deepStrictEqual = assert.deepEqual;
  assert.notDeepStrictEqual = assert.notDeepEqual;

  // Helpers for calling a handler directly (worker.fetch(request, env, ctx)), as in
  // cloudflare:test. Deviation: the context is a plain object, not an ExecutionContext.
  const pending = new WeakMap();
  function createExecutionContext() {
    const promises = [];
    const ctx = {
      waitUntil(p) { promises.push(Promise.resolve(p)); },
      passThroughOnException() {},
      props: {},
    };
    pending.set(ctx, promises);
    return ctx;
  }
  async function waitOnExecutionContext(ctx) {
    const promises = pending.get(ctx);
    if (!promises) throw new TypeError("waitOnExecutionContext(): ctx must come from createExecutionContext()");
    // waitUntil work may add more work; wait until none is left. A rejection is reported.
    for (let done = 0; done < promises.length; done = promises.length) await Promise.all(promises.slice(done));
  }
  function createScheduledController(options) {
    const o = options || {};
    const at = o.scheduledTime === undefined ? Date.now() : Number(o.scheduledTime);
    return { cron: o.cron === undefined ? "" : String(o.cron), scheduledTime: at, noRetry() {} };
  }

  const exports = {
    test, it: test, describe,
    createExecutionContext, waitOnExecutionContext, createScheduledController,
    beforeAll: fileHook("beforeAll"), afterAll: fileHook("afterAll"),
    beforeEach: eachHook("beforeEach"), afterEach: eachHook("afterEach"),
    assert, AssertionError, env, SELF,
  };
  exports.default = exports;

  // --- the host's side -------------------------------------------------------------------
  async function runAll(hooks) { for (const h of hooks) await h(); }
  const host = {
    // tests lists the registered tests, then the named exports with a test() method
    // (workerd's test mode: test(controller, env, ctx)); each run(ctx) returns a promise.
    tests(ns) {
      collecting = false;
      const out = tests.map((t) => ({ name: t.name, skip: t.skip || (hasOnly && !t.only), run: () => withHooks(t.scope, t.fn) }));
      if (ns) {
        for (const name of Object.keys(ns)) {
          const v = ns[name];
          if (name === "default" || v === null || typeof v !== "object" || typeof v.test !== "function") continue;
          out.push({ name, skip: false, run: (ctx) => withHooks(root, () => v.test(controller, env, ctx)) });
        }
      }
      return out;
    },
    beforeAll() { return runAll(all.beforeAll); },
    afterAll() { return runAll(all.afterAll); },
  };
  return { exports, host };
})
