// A tiny test harness. Test files use only test, assert, assertEquals,
// assertRejects and assertThrows (plus setTimeout), so the same files can run
// under a browser or workerd with another implementation of these five.
//
// The Go runner calls __harness.run(), which runs the tests one after another
// and resolves with [{name, ok, message}]; __harness.current names the test
// that is running (the runner uses it to blame unhandled rejections).
(function (global) {
  'use strict';
  const tests = [];

  class AssertionError extends Error {}
  AssertionError.prototype.name = 'AssertionError';

  function describe(v) {
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'function') return `function ${v.name}`;
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Error) return `${v.name}: ${v.message}`;
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${Array.from(v).join(',')}]`;
    try {
      return JSON.stringify(v) ?? String(v);
    } catch (_) {
      return String(v);
    }
  }
  function json(v) {
    return JSON.stringify(v, (k, x) => (ArrayBuffer.isView(x) ? { [x.constructor.name]: Array.from(x) } : x === undefined ? '<undefined>' : x));
  }

  global.test = function test(name, fn) {
    tests.push({ name, fn });
  };
  global.assert = function assert(cond, msg) {
    if (!cond) throw new AssertionError(msg || 'assertion failed');
  };
  global.assertEquals = function assertEquals(actual, expected, msg) {
    const a = json(actual);
    const e = json(expected);
    if (a !== e) throw new AssertionError(`${msg ? msg + ': ' : ''}got ${a}, want ${e}`);
  };
  function checkError(e, ErrorClass, substring, what) {
    if (ErrorClass && !(e instanceof ErrorClass)) {
      throw new AssertionError(`${what}: got ${describe(e)}, want a ${ErrorClass.name}`);
    }
    if (substring !== undefined && !String(e && e.message).includes(substring)) {
      throw new AssertionError(`${what}: message ${describe(e && e.message)} does not contain ${describe(substring)}`);
    }
    return e;
  }
  global.assertRejects = async function assertRejects(promiseOrFn, ErrorClass, substring) {
    let p = promiseOrFn;
    if (typeof promiseOrFn === 'function') {
      try {
        p = promiseOrFn();
      } catch (e) {
        throw new AssertionError(`expected a rejected promise, but the function threw ${describe(e)}`);
      }
    }
    if (!p || typeof p.then !== 'function') throw new AssertionError(`expected a promise, got ${describe(p)}`);
    let value;
    try {
      value = await p;
    } catch (e) {
      return checkError(e, ErrorClass, substring, 'rejection');
    }
    throw new AssertionError(`expected a rejection, but the promise fulfilled with ${describe(value)}`);
  };
  global.assertThrows = function assertThrows(fn, ErrorClass, substring) {
    try {
      fn();
    } catch (e) {
      return checkError(e, ErrorClass, substring, 'exception');
    }
    throw new AssertionError('expected an exception');
  };

  // A test that has not settled after TIMEOUT_MS fails. Under the Go runner
  // the clock is fake: the timeout fires as soon as nothing else can run.
  const TIMEOUT_MS = 30000;
  function withTimeout(p) {
    let id;
    const timeout = new Promise((_, reject) => {
      id = setTimeout(() => reject(new AssertionError(`timed out after ${TIMEOUT_MS} ms (the test never settled)`)), TIMEOUT_MS);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(id));
  }

  global.__harness = {
    current: '',
    async run() {
      const results = [];
      for (const t of tests) {
        this.current = t.name;
        try {
          await withTimeout(Promise.resolve().then(t.fn));
          results.push({ name: t.name, ok: true, message: '' });
        } catch (e) {
          const message = e instanceof Error ? (e.stack || `${e.name}: ${e.message}`) : describe(e);
          results.push({ name: t.name, ok: false, message });
        }
      }
      this.current = '';
      return results;
    },
  };
})(globalThis);
