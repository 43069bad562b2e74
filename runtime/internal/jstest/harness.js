// The globals a jstest file may use. Evaluated once per runtime by jstest.Run; the result of
// this expression is a function taking (global, register) and returning {format}.
(function (global, register) {
  'use strict';

  function define(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, enumerable: false, configurable: true });
  }

  if (typeof Symbol.asyncIterator !== 'symbol') {
    Object.defineProperty(Symbol, 'asyncIterator', { value: Symbol('Symbol.asyncIterator') });
  }
  if (typeof global.queueMicrotask !== 'function') {
    define(global, 'queueMicrotask', function queueMicrotask(callback) {
      if (typeof callback !== 'function') {
        throw new TypeError('queueMicrotask: callback is not a function');
      }
      Promise.resolve().then(function () { callback(); });
    });
  }

  class AssertionError extends Error {
    constructor(message) {
      super(message);
      this.name = 'AssertionError';
    }
  }

  // ---- formatting values for failure messages ----

  function quote(s) {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const ch = s[i];
      if (ch === '"' || ch === '\\') {
        out += '\\' + ch;
      } else if (c === 10) {
        out += '\\n';
      } else if (c === 13) {
        out += '\\r';
      } else if (c === 9) {
        out += '\\t';
      } else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0xfffd ||
        (c >= 0xd800 && c <= 0xdfff && !isPaired(s, i, c))) {
        out += '\\u' + c.toString(16).padStart(4, '0');
      } else {
        out += ch;
      }
    }
    return out + '"';
  }

  function isPaired(s, i, c) {
    if (c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      return n >= 0xdc00 && n <= 0xdfff;
    }
    const p = s.charCodeAt(i - 1);
    return p >= 0xd800 && p <= 0xdbff;
  }

  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = Object.getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag).get;

  function tagOf(v) {
    return Object.prototype.toString.call(v).slice(8, -1);
  }

  function ctorName(v) {
    const p = Object.getPrototypeOf(v);
    if (p === null) return '[null prototype]';
    const c = p.constructor;
    return typeof c === 'function' && c.name ? c.name : tagOf(v);
  }

  function format(v, depth, seen) {
    depth = depth === undefined ? 0 : depth;
    seen = seen || [];
    switch (typeof v) {
      case 'string': return quote(v);
      case 'number': return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint': return String(v) + 'n';
      case 'undefined': return 'undefined';
      case 'boolean': return String(v);
      case 'symbol': return v.toString();
      case 'function': return '[Function ' + (v.name || '(anonymous)') + ']';
    }
    if (v === null) return 'null';
    if (seen.indexOf(v) >= 0) return '[Circular]';
    if (depth > 4) return '[' + ctorName(v) + ']';
    seen = seen.concat([v]);
    const f = function (x) { return format(x, depth + 1, seen); };
    const list = function (items, limit) {
      const parts = items.slice(0, limit).map(f);
      if (items.length > limit) parts.push('... ' + (items.length - limit) + ' more');
      return parts.join(', ');
    };
    if (Array.isArray(v)) return '[' + list(v, 100) + ']';
    if (typedArrayTag.call(v) !== undefined) {
      return typedArrayTag.call(v) + '(' + v.length + ') [' + list(Array.prototype.slice.call(v), 100) + ']';
    }
    if (v instanceof ArrayBuffer) {
      return 'ArrayBuffer(' + v.byteLength + ') [' + list(Array.from(new Uint8Array(v)), 100) + ']';
    }
    if (v instanceof DataView) {
      return 'DataView(' + v.byteLength + ') [' +
        list(Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)), 100) + ']';
    }
    if (v instanceof Date) return 'Date(' + (isNaN(v.getTime()) ? 'Invalid' : v.toISOString()) + ')';
    if (v instanceof RegExp) return String(v);
    if (v instanceof Error) return (v.name || 'Error') + ': ' + v.message;
    if (v instanceof Map) {
      return 'Map(' + v.size + ') {' + Array.from(v).map(function (e) { return f(e[0]) + ' => ' + f(e[1]); }).join(', ') + '}';
    }
    if (v instanceof Set) return 'Set(' + v.size + ') {' + list(Array.from(v), 100) + '}';
    if (v instanceof Promise) return 'Promise {}';
    const keys = Object.keys(v);
    const name = ctorName(v);
    const body = keys.map(function (k) {
      return (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)) + ': ' + f(v[k]);
    }).join(', ');
    if (name === 'Object') return '{' + body + '}';
    return name + ' {' + body + '}';
  }

  // ---- deep equality ----

  function bytesOf(v) {
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return null;
  }

  function deepEqual(a, b, seen) {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    for (let i = 0; i < seen.length; i++) {
      if (seen[i][0] === a && seen[i][1] === b) return true;
    }
    seen.push([a, b]);
    const ba = bytesOf(a);
    if (ba !== null) {
      const bb = bytesOf(b);
      if (bb === null || ba.length !== bb.length) return false;
      for (let i = 0; i < ba.length; i++) if (ba[i] !== bb[i]) return false;
      return true;
    }
    if (a instanceof Date) return Object.is(a.getTime(), b.getTime());
    if (a instanceof RegExp) return a.source === b.source && a.flags === b.flags;
    if (a instanceof Error && (a.name !== b.name || a.message !== b.message)) return false;
    if (a instanceof Number || a instanceof String || a instanceof Boolean) {
      if (!Object.is(a.valueOf(), b.valueOf())) return false;
    }
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) {
        if (!b.has(k) || !deepEqual(v, b.get(k), seen)) return false;
      }
      return true;
    }
    if (a instanceof Set) {
      if (a.size !== b.size) return false;
      outer: for (const v of a) {
        if (b.has(v)) continue;
        if (typeof v === 'object' && v !== null) {
          for (const w of b) if (deepEqual(v, w, seen)) continue outer;
        }
        return false;
      }
      return true;
    }
    if (Array.isArray(a) && a.length !== b.length) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      if (!deepEqual(a[k], b[k], seen)) return false;
    }
    return true;
  }

  // ---- assertions ----

  function prefix(msg) {
    return msg === undefined ? '' : msg + ': ';
  }

  function assert(cond, msg) {
    if (!cond) throw new AssertionError(msg === undefined ? 'assertion failed' : String(msg));
  }

  function assertEquals(actual, expected, msg) {
    if (!deepEqual(actual, expected, [])) {
      throw new AssertionError(prefix(msg) + 'values differ\n  actual:   ' + format(actual) +
        '\n  expected: ' + format(expected));
    }
  }

  function errorName(e) {
    if ((typeof e !== 'object' && typeof e !== 'function') || e === null) return undefined;
    return e.name;
  }

  function checkError(e, className, substring, how) {
    if (className !== undefined) {
      const ctor = (typeof e === 'object' && e !== null) ? Object.getPrototypeOf(e) && Object.getPrototypeOf(e).constructor : undefined;
      const ok = errorName(e) === className || (typeof ctor === 'function' && ctor.name === className);
      if (!ok) {
        throw new AssertionError('expected ' + className + ' to be ' + how + ', got ' + format(e));
      }
    }
    if (substring !== undefined) {
      const message = (typeof e === 'object' && e !== null) ? String(e.message) : String(e);
      if (message.indexOf(substring) < 0) {
        throw new AssertionError('expected the ' + how + ' error message to contain ' + quote(String(substring)) +
          ', got ' + quote(message));
      }
    }
    return e;
  }

  function assertThrows(fn, className, substring) {
    if (typeof fn !== 'function') throw new TypeError('assertThrows: first argument must be a function');
    try {
      fn();
    } catch (e) {
      return checkError(e, className, substring, 'thrown');
    }
    throw new AssertionError('expected ' + (className || 'an exception') + ' to be thrown, but nothing was thrown');
  }

  async function assertRejects(promiseOrFn, className, substring) {
    let p = promiseOrFn;
    if (typeof p === 'function') {
      try {
        p = p();
      } catch (e) {
        throw new AssertionError('expected a rejected promise, but the function threw synchronously: ' + format(e));
      }
    }
    if (!(p instanceof Promise)) {
      throw new AssertionError('expected a promise, got ' + format(p));
    }
    try {
      await p;
    } catch (e) {
      return checkError(e, className, substring, 'rejected with');
    }
    throw new AssertionError('expected the promise to reject with ' + (className || 'an error') + ', but it fulfilled');
  }

  function test(name, fn) {
    if (typeof fn !== 'function') throw new TypeError('test: second argument must be a function');
    register(String(name), fn, false);
  }
  define(test, 'skip', function skip(name, fn) {
    register(String(name), fn, true);
  });

  define(global, 'test', test);
  define(global, 'assert', assert);
  define(global, 'assertEquals', assertEquals);
  define(global, 'assertThrows', assertThrows);
  define(global, 'assertRejects', assertRejects);
  return { format: function (v) { return format(v); } };
})
