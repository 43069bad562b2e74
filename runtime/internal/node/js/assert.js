// node:assert — assert, assert.strict and AssertionError with workerd's messages: workerd's
// assert compares deepEqual strictly, and words strictEqual, notStrictEqual, notDeepStrictEqual
// and match failures its own way (a "[Diff] Actual / Expected" block for strictEqual).
(function (require) {
  "use strict";
  const { inspect } = require("util");
  const { isDeepEqual, isDeepStrictEqual } = require("internal/comparisons");
  const { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS } = require("internal/errors");

  const readable = {
    deepStrictEqual: "Expected values to be strictly deep-equal:",
    deepEqual: "Expected values to be loosely deep-equal:",
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  };
  const show = (v) => inspect(v, { compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, sorted: true, getters: true, breakLength: Infinity });

  // strictDiff renders two values as workerd's strictEqual does: strings raw, other values
  // inspected, actual lines marked "-" and expected lines "+".
  function strictDiff(actual, expected) {
    if (typeof actual === "string" && typeof expected === "string") {
      return `${lineDiff(actual.split("\n"), expected.split("\n"), "-   ", "+   ", "    ")}\n\n`;
    }
    return `${lineDiff(inspect(actual).split("\n"), inspect(expected).split("\n"), "-   ", "+   ", "    ")}\n`;
  }

  function lineDiff(a, b, plus, minus, same) {
    // Longest common subsequence over lines; "+" lines are actual, "-" lines expected.
    const n = a.length, m = b.length;
    const dp = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    const out = [];
    let i = 0, j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { out.push(same + a[i]); i++; j++; }
      else if (dp[i + 1][j] >= dp[i][j + 1]) out.push(plus + a[i++]);
      else out.push(minus + b[j++]);
    }
    while (i < n) out.push(plus + a[i++]);
    while (j < m) out.push(minus + b[j++]);
    return out.join("\n");
  }

  class AssertionError extends Error {
    constructor(options) {
      if (typeof options !== "object" || options === null) throw new ERR_INVALID_ARG_TYPE("options", "Object", options);
      const { message, operator, stackStartFn, actual, expected } = options;
      if (message != null) {
        super(String(message));
      } else if (operator === "strictEqual" || operator === "==") {
        super(`Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n${strictDiff(actual, expected)}`);
      } else if (operator === "notStrictEqual") {
        super("Expected actual to be strictly unequal to expected");
      } else if (operator === "notDeepStrictEqual") {
        super("Expected actual to not be deeply strictly equal to expected");
      } else if (operator === "deepStrictEqual") {
        const a = inspect(actual).split("\n"), e = inspect(expected).split("\n");
        const header = readable.deepStrictEqual;
        if (a.length === 1 && e.length === 1 && a[0] !== e[0]) {
          const both = a[0].length + e[0].length;
          if (both <= 12 && (typeof actual !== "object" || actual === null) && (typeof expected !== "object" || expected === null) && (actual !== 0 || expected !== 0)) {
            super(`${header}\n\n${a[0]} !== ${e[0]}\n`);
          } else {
            let i = 0;
            if (both < 80) while (a[0][i] === e[0][i]) i++;
            super(`${header}\n+ actual - expected\n\n+ ${a[0]}\n- ${e[0]}${i > 2 ? `\n${" ".repeat(i + 2)}^` : ""}`);
          }
        } else {
          super(`${header}\n+ actual - expected\n\n${lineDiff(a, e, "+ ", "- ", "  ")}`);
        }
      } else {
        let res = show(actual), other = show(expected);
        const known = readable[operator];
        if (operator === "notDeepEqual" && res === other) {
          res = `${known}\n\n${res}`;
          super(res.length > 1024 ? `${res.slice(0, 1021)}...` : res);
        } else if (known) {
          if (res.length > 512) res = `${res.slice(0, 509)}...`;
          if (other.length > 512) other = `${other.slice(0, 509)}...`;
          super(operator === "deepEqual" ? `${known}\n\n${res}\n\nshould loosely deep-equal\n\n${other}` : `${known}\n\n${res}\n\nshould not loosely deep-equal\n\n${other}`);
        } else {
          super(`${res} ${operator} ${other}`);
        }
      }
      this.generatedMessage = message == null && operator !== "strictEqual" && operator !== "==";
      Object.defineProperty(this, "name", { value: "AssertionError [ERR_ASSERTION]", enumerable: false, writable: true, configurable: true });
      this.code = "ERR_ASSERTION";
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
      if (typeof Error.captureStackTrace === "function") Error.captureStackTrace(this, stackStartFn);
      this.stack;
      this.name = "AssertionError";
    }
    toString() { return `${this.name} [${this.code}]: ${this.message}`; }
  }

  function innerFail(obj) {
    if (obj.message instanceof Error) throw obj.message;
    throw new AssertionError(obj);
  }
  function innerOk(fn, argLen, value, message) {
    if (!value) {
      let generated = false;
      if (argLen === 0) { generated = true; message = "No value argument passed to `assert.ok()`"; }
      else if (message == null) { generated = true; message = `${inspect(value)} == true`; }
      else if (message instanceof Error) throw message;
      const err = new AssertionError({ actual: value, expected: true, message, operator: "==", stackStartFn: fn });
      err.generatedMessage = generated;
      throw err;
    }
  }
  function ok(...args) { innerOk(ok, args.length, ...args); }
  const assert = ok;
  assert.ok = ok;
  assert.AssertionError = AssertionError;
  assert.fail = function fail(actual, expected, message, operator, stackStartFn) {
    const argsLen = arguments.length;
    let internalMessage = false;
    if (argsLen === 0) internalMessage = "Failed";
    else if (argsLen === 1) { message = actual; actual = undefined; }
    else {
      if (argsLen === 2) operator = "!=";
    }
    if (message instanceof Error) throw message;
    const err = new AssertionError({ actual, expected, operator: operator === undefined ? "fail" : operator, stackStartFn: stackStartFn || fail, message: internalMessage || message });
    if (internalMessage) err.generatedMessage = true;
    throw err;
  };
  function need(n, args, ...names) { if (args.length < n) throw new ERR_MISSING_ARGS(...names); }
  assert.equal = function equal(actual, expected, message) {
    need(2, arguments, "actual", "expected");
    if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected)))) innerFail({ actual, expected, message, operator: "==", stackStartFn: equal });
  };
  assert.notEqual = function notEqual(actual, expected, message) {
    need(2, arguments, "actual", "expected");
    if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) innerFail({ actual, expected, message, operator: "!=", stackStartFn: notEqual });
  };
  assert.strictEqual = function strictEqual(actual, expected, message) {
    need(2, arguments, "actual", "expected");
    if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: "strictEqual", stackStartFn: strictEqual });
  };
  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    need(2, arguments, "actual", "expected");
    if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: "notStrictEqual", stackStartFn: notStrictEqual });
  };
  assert.deepEqual = function deepEqual(actual, expected, message) {
    need(2, arguments, "actual", "expected");
    if (!isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: deepEqual });
  };
  assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    need(2, arguments, "actual", "expected");
    if (isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: "notDeepEqual", stackStartFn: notDeepEqual });
  };
  assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
    need(2, arguments, "actual", "expected");
    if (!isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: deepStrictEqual });
  };
  assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
    need(2, arguments, "actual", "expected");
    if (isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: "notDeepStrictEqual", stackStartFn: notDeepStrictEqual });
  };

  const NO_EXCEPTION = {};
  function getActual(fn) {
    if (typeof fn !== "function") throw new ERR_INVALID_ARG_TYPE("fn", "Function", fn);
    try { fn(); } catch (e) { return e; }
    return NO_EXCEPTION;
  }
  async function waitActual(promiseFn) {
    let p;
    if (typeof promiseFn === "function") {
      p = promiseFn();
      if (!p || typeof p.then !== "function") throw new ERR_INVALID_ARG_TYPE("promiseFn", ["Function", "Promise"], p);
    } else if (promiseFn && typeof promiseFn.then === "function") {
      p = promiseFn;
    } else {
      throw new ERR_INVALID_ARG_TYPE("promiseFn", ["Function", "Promise"], promiseFn);
    }
    try { await p; } catch (e) { return e; }
    return NO_EXCEPTION;
  }
  function compareExceptionKey(actual, expected, key, message, keys, fn) {
    if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
      if (!message) {
        const a = {}, b = {};
        for (const k of keys) { if (k in actual) a[k] = actual[k]; b[k] = expected[k]; }
        const err = new AssertionError({ actual: a, expected: b, operator: "deepStrictEqual", stackStartFn: fn });
        err.actual = actual; err.expected = expected; err.operator = fn.name;
        throw err;
      }
      innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    }
  }
  function expectedException(actual, expected, message, fn) {
    let generated = false;
    let throwError = false;
    if (typeof expected !== "function") {
      if (expected instanceof RegExp) {
        const str = String(actual);
        if (expected.test(str)) return;
        if (!message) {
          generated = true;
          message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
        }
        throwError = true;
      } else if (typeof actual !== "object" || actual === null) {
        const err = new AssertionError({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: fn });
        err.operator = fn.name;
        throw err;
      } else {
        const keys = Object.keys(expected);
        if (expected instanceof Error) keys.push("name", "message");
        else if (keys.length === 0) throw new ERR_INVALID_ARG_VALUE("error", expected, "may not be an empty object");
        for (const k of keys) {
          if (typeof actual[k] === "string" && expected[k] instanceof RegExp && expected[k].test(actual[k])) continue;
          compareExceptionKey(actual, expected, k, message, keys, fn);
        }
        return;
      }
    } else if (expected.prototype !== undefined && actual instanceof expected) {
      return;
    } else if (Error.isPrototypeOf(expected) || expected === Error) {
      if (!message) {
        generated = true;
        message = "The error is expected to be an instance of " +
          `"${expected.name}". Received `;
        if (actual instanceof Error) message += `"${actual.name}"`;
        else message += `"${inspect(actual, { depth: -1 })}"`;
        if (actual && actual.message !== undefined) message += `\n\nError message:\n\n${actual.message}`;
      }
      throwError = true;
    } else {
      const res = Reflect.apply(expected, {}, [actual]);
      if (res !== true) {
        if (!message) {
          generated = true;
          const name = expected.name ? `"${expected.name}" ` : "";
          message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
          if (actual instanceof Error) message += `\n\nCaught error:\n\n${actual}`;
        }
        throwError = true;
      }
    }
    if (throwError) {
      const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generated;
      throw err;
    }
  }
  function expectsError(fn, actual, error, message) {
    if (typeof error === "string") {
      if (arguments.length === 4) throw new ERR_INVALID_ARG_TYPE("error", ["Object", "Error", "Function", "RegExp"], error);
      message = error;
      error = undefined;
    }
    if (actual === NO_EXCEPTION) {
      let details = "";
      if (error && error.name) details += ` (${error.name})`;
      details += message ? `: ${message}` : ".";
      const fnType = fn === assert.rejects ? "rejection" : "exception";
      innerFail({ actual: undefined, expected: error, operator: fn.name, message: `Missing expected ${fnType}${details}`, stackStartFn: fn });
    }
    if (error && !expectedException(actual, error, message, fn)) { /* matched */ }
  }
  function expectsNoError(fn, actual, error, message) {
    if (actual === NO_EXCEPTION) return;
    if (typeof error === "string") { message = error; error = undefined; }
    if (!error || (typeof error === "function" && actual instanceof error) || (error instanceof RegExp && error.test(String(actual)))) {
      const details = message ? `: ${message}` : ".";
      innerFail({ actual, expected: error, operator: fn.name, message: `Got unwanted exception${details}\nActual message: "${actual && actual.message}"`, stackStartFn: fn });
    }
    throw actual;
  }
  assert.throws = function throws(promiseFn, ...args) { expectsError(throws, getActual(promiseFn), ...args); };
  assert.rejects = async function rejects(promiseFn, ...args) { expectsError(rejects, await waitActual(promiseFn), ...args); };
  assert.doesNotThrow = function doesNotThrow(fn, ...args) { expectsNoError(doesNotThrow, getActual(fn), ...args); };
  assert.doesNotReject = async function doesNotReject(fn, ...args) { expectsNoError(doesNotReject, await waitActual(fn), ...args); };
  assert.ifError = function ifError(err) {
    if (err !== null && err !== undefined) {
      let message = "ifError got unwanted exception: ";
      message += typeof err === "object" && typeof err.message === "string" ? (err.message.length === 0 && err.constructor ? err.constructor.name : err.message) : inspect(err);
      const e = new AssertionError({ actual: err, expected: null, operator: "ifError", message, stackStartFn: ifError });
      e.generatedMessage = false;
      throw e;
    }
  };
  function internalMatch(string, regexp, message, fn) {
    if (!(regexp instanceof RegExp)) throw new ERR_INVALID_ARG_TYPE("regexp", "RegExp", regexp);
    const match = fn === assert.match;
    if (typeof string !== "string" || regexp.test(string) !== match) {
      if (message instanceof Error) throw message;
      const generated = !message;
      message = message || (typeof string !== "string"
        ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
        : `actual: "${string}" expected to ${match ? "" : "not "}match: "${regexp}"`);
      const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generated;
      throw err;
    }
  }
  assert.match = function match(string, regexp, message) { internalMatch(string, regexp, message, match); };
  assert.doesNotMatch = function doesNotMatch(string, regexp, message) { internalMatch(string, regexp, message, doesNotMatch); };

  function strict(...args) { innerOk(strict, args.length, ...args); }
  Object.assign(strict, assert, {
    equal: assert.strictEqual,
    deepEqual: assert.deepStrictEqual,
    notEqual: assert.notStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  assert.strict = strict;
  assert.strict.strict = strict;
  return assert;
})
