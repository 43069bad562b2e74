// internal/comparisons — deep equality in Node's strict and loose modes (assert, util).
(function () {
  "use strict";
  const toStr = (v) => Object.prototype.toString.call(v);

  function isDeepEqual(a, b, strict, memo) {
    if (a === b) return a !== 0 || !strict || Object.is(a, b);
    if (strict) {
      if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
        return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
      }
      if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    } else {
      if (a === null || typeof a !== "object") {
        if (b === null || typeof b !== "object") return a == b || (Number.isNaN(a) && Number.isNaN(b));
        return false;
      }
      if (b === null || typeof b !== "object") return false;
    }
    const ta = toStr(a);
    if (ta !== toStr(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (a instanceof Date) {
      if (!(b instanceof Date) || a.getTime() !== b.getTime()) return false;
    } else if (a instanceof RegExp) {
      if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
    } else if (a instanceof Error) {
      if (!(b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
    } else if (ArrayBuffer.isView(a)) {
      if (!ArrayBuffer.isView(b) || a.byteLength !== b.byteLength) return false;
      if (!(a instanceof Float32Array || a instanceof Float64Array) || strict) {
        const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
        if (a instanceof Float32Array || a instanceof Float64Array) {
          for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
        } else {
          for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
        }
      } else {
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      }
    } else if (a instanceof ArrayBuffer) {
      if (!(b instanceof ArrayBuffer) || a.byteLength !== b.byteLength) return false;
      const x = new Uint8Array(a), y = new Uint8Array(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    } else if (a instanceof Number || a instanceof String || a instanceof Boolean) {
      if (!Object.is(a.valueOf(), b.valueOf())) return false;
    }
    memo = memo || { a: new Map(), b: new Map(), pos: 0 };
    const ma = memo.a.get(a);
    if (ma !== undefined) {
      const mb = memo.b.get(b);
      if (mb !== undefined) return ma === mb;
    }
    memo.pos++;
    memo.a.set(a, memo.pos);
    memo.b.set(b, memo.pos);
    const r = objEquiv(a, b, strict, memo);
    memo.a.delete(a);
    memo.b.delete(b);
    return r;
  }

  function ownKeys(o, strict) {
    const keys = Object.keys(o);
    if (strict) for (const s of Object.getOwnPropertySymbols(o)) if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
    return keys;
  }
  function objEquiv(a, b, strict, memo) {
    if (Array.isArray(a) && a.length !== b.length) return false;
    const ka = ownKeys(a, strict), kb = ownKeys(b, strict);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
    }
    if (a instanceof Set) {
      if (!(b instanceof Set) || a.size !== b.size) return false;
      outer: for (const v of a) {
        if (b.has(v)) continue;
        if (typeof v !== "object" || v === null) { if (strict) return false; }
        for (const w of b) if (isDeepEqual(v, w, strict, memo)) continue outer;
        return false;
      }
    } else if (a instanceof Map) {
      if (!(b instanceof Map) || a.size !== b.size) return false;
      outer: for (const [k, v] of a) {
        if (b.has(k)) { if (!isDeepEqual(v, b.get(k), strict, memo)) return false; continue; }
        for (const [k2, v2] of b) if (isDeepEqual(k, k2, strict, memo) && isDeepEqual(v, v2, strict, memo)) continue outer;
        return false;
      }
    }
    for (const k of ka) if (!isDeepEqual(a[k], b[k], strict, memo)) return false;
    return true;
  }

  return {
    isDeepEqual: (a, b) => isDeepEqual(a, b, false),
    isDeepStrictEqual: (a, b) => isDeepEqual(a, b, true),
  };
})
