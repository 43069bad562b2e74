// Global APIs: structuredClone, crypto, timers, microtasks, AbortController/AbortSignal,
// DOMException, navigator, console, blocked code generation, absent Node globals, ctx.waitUntil.

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try {
      const v = await fn();
      out[name] = v === undefined ? "undefined" : v;
    } catch (e) {
      out[name] = { unexpectedError: `${e?.name}: ${e?.message}` };
    }
  }
  return Response.json(out);
}
const thrown = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
};
const errType = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return e?.constructor?.name ?? typeof e;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cloneChecks() {
  return {
    "primitives": () => [structuredClone(1), structuredClone("s"), structuredClone(true), structuredClone(null), structuredClone(undefined) === undefined, Object.is(structuredClone(-0), -0), Number.isNaN(structuredClone(NaN))],
    "bigint": () => String(structuredClone(12345678901234567890n)),
    "object.deep": () => {
      const src = { a: 1, nested: { b: [1, { c: "d" }] } };
      const c = structuredClone(src);
      return [c.nested.b[1].c, c !== src, c.nested !== src.nested, JSON.stringify(c)];
    },
    "object.cycle": () => {
      const a = { name: "a" };
      a.self = a;
      const c = structuredClone(a);
      return [c.self === c, c !== a];
    },
    "object.sharedRefs": () => {
      const shared = { s: 1 };
      const c = structuredClone({ x: shared, y: shared });
      return c.x === c.y;
    },
    "array.sparseAndProps": () => {
      const arr = [1, , 3];
      arr.extra = "x";
      const c = structuredClone(arr);
      return [c.length, 1 in c, c.extra];
    },
    "date": () => {
      const d = structuredClone(new Date(1700000000000));
      return [d instanceof Date, d.getTime()];
    },
    "regexp": () => {
      const r = structuredClone(/ab+c/gi);
      return [r instanceof RegExp, r.source, r.flags, r.lastIndex];
    },
    "map": () => {
      const m = structuredClone(new Map([["k", { v: 1 }], [1, "one"]]));
      return [m instanceof Map, [...m.entries()]];
    },
    "set": () => {
      const s = structuredClone(new Set([1, "two", 1]));
      return [s instanceof Set, [...s]];
    },
    "arrayBuffer": () => {
      const ab = new Uint8Array([1, 2, 3]).buffer;
      const c = structuredClone(ab);
      return [c instanceof ArrayBuffer, c !== ab, Array.from(new Uint8Array(c))];
    },
    "typedArrays": () => {
      const u16 = structuredClone(new Uint16Array([1, 65535]));
      const f64 = structuredClone(new Float64Array([1.5]));
      const dv = structuredClone(new DataView(new Uint8Array([9, 8]).buffer, 1));
      return [u16.constructor.name, Array.from(u16), f64.constructor.name, f64[0], dv.constructor.name, dv.byteLength, dv.getUint8(0)];
    },
    "typedArray.sharedBuffer": () => {
      const buf = new ArrayBuffer(4);
      const c = structuredClone({ a: new Uint8Array(buf), b: new Uint8Array(buf, 2) });
      return [c.a.buffer === c.b.buffer, c.b.byteOffset];
    },
    "wrappers": () => {
      const c = structuredClone([new String("s"), new Number(3), new Boolean(false)]);
      return c.map((x) => [typeof x, x.valueOf()]);
    },
    "errors": () => {
      const e = structuredClone(new RangeError("out of range"));
      const t = structuredClone(new TypeError("bad type"));
      return [e instanceof RangeError, e.name, e.message, t.constructor.name, t.message];
    },
    "error.custom": () => {
      class MyErr extends Error {}
      const e = new MyErr("mine");
      e.name = "MyErr";
      const c = structuredClone(e);
      return [c.constructor.name, c.message];
    },
    "classInstance": () => {
      class Point {
        constructor() {
          this.x = 1;
        }
        get y() {
          return 2;
        }
      }
      const c = structuredClone(new Point());
      return [c.constructor.name, c.x, c.y === undefined];
    },
    "getterInvoked": () => {
      const c = structuredClone({ get g() { return "got"; } });
      return Object.getOwnPropertyDescriptor(c, "g").value;
    },
    "symbolKeysDropped": () => Object.getOwnPropertySymbols(structuredClone({ [Symbol("s")]: 1, a: 2 })).length,
    "function": () => thrown(() => structuredClone(() => 1)),
    "functionInObject": () => errType(() => structuredClone({ f() {} })),
    "symbol": () => errType(() => structuredClone(Symbol("x"))),
    "weakMap": () => errType(() => structuredClone(new WeakMap())),
    "promise": () => errType(() => structuredClone(Promise.resolve(1))),
    "request": () => errType(() => structuredClone(new Request("https://e.com/"))),
    "errorIsDOMException": async () => {
      try {
        structuredClone(() => 1);
      } catch (e) {
        return [e instanceof DOMException, e.name, e.code];
      }
      return "no error";
    },
    "noArgs": () => errType(() => structuredClone()),
    "transfer": () => {
      const ab = new Uint8Array([1, 2]).buffer;
      const c = structuredClone(ab, { transfer: [ab] });
      return [c.byteLength, ab.byteLength];
    },
  };
}

function cryptoChecks() {
  return {
    "getRandomValues.returnsSame": () => {
      const a = new Uint8Array(16);
      return crypto.getRandomValues(a) === a;
    },
    "getRandomValues.fills": () => {
      const a = new Uint32Array(64);
      crypto.getRandomValues(a);
      return a.some((x) => x !== 0);
    },
    "getRandomValues.types": () =>
      [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array].map((T) => {
        try {
          return crypto.getRandomValues(new T(2)).length;
        } catch (e) {
          return e.name;
        }
      }),
    "getRandomValues.float": () => thrown(() => crypto.getRandomValues(new Float32Array(2))),
    "getRandomValues.dataView": () => errType(() => crypto.getRandomValues(new DataView(new ArrayBuffer(2)))),
    "getRandomValues.quota": () => thrown(() => crypto.getRandomValues(new Uint8Array(65537))),
    "getRandomValues.quotaExact": () => crypto.getRandomValues(new Uint8Array(65536)).length,
    "getRandomValues.notTyped": () => errType(() => crypto.getRandomValues([1, 2])),
    "getRandomValues.unbound": () => errType(() => {
      const g = crypto.getRandomValues;
      return g(new Uint8Array(1));
    }),
    "randomUUID.shape": () => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
    "randomUUID.unique": () => new Set(Array.from({ length: 50 }, () => crypto.randomUUID())).size,
    "types": () => [typeof crypto, typeof crypto.subtle, typeof crypto.randomUUID, Object.prototype.toString.call(crypto)],
  };
}

function timerChecks() {
  return {
    "setTimeout.idType": () => {
      const id = setTimeout(() => {}, 1000);
      clearTimeout(id);
      return typeof id;
    },
    "setTimeout.idsDistinct": () => {
      const a = setTimeout(() => {}, 1000);
      const b = setTimeout(() => {}, 1000);
      clearTimeout(a);
      clearTimeout(b);
      return a !== b;
    },
    "setTimeout.args": () => new Promise((r) => setTimeout((x, y) => r([x, y]), 1, "a", "b")),
    "setTimeout.order": async () => {
      const seen = [];
      await new Promise((done) => {
        setTimeout(() => seen.push("t20"), 20);
        setTimeout(() => seen.push("t0"), 0);
        setTimeout(() => seen.push("t5"), 5);
        setTimeout(done, 60);
      });
      return seen;
    },
    "setTimeout.sameDelayFifo": async () => {
      // timers with the same delay fire in the order they were created
      const rounds = [];
      for (let r = 0; r < 3; r++) {
        const seen = [];
        await new Promise((done) => {
          for (let i = 0; i < 10; i++) setTimeout(() => seen.push(i), 0);
          setTimeout(done, 50);
        });
        rounds.push(seen.join(""));
      }
      return rounds;
    },
    "setTimeout.negativeDelay": () => new Promise((r) => setTimeout(() => r("ran"), -5)),
    "setTimeout.stringDelay": () => new Promise((r) => setTimeout(() => r("ran"), "3")),
    "setTimeout.stringCallback": () => errType(() => setTimeout("1+1", 0)),
    "clearTimeout.cancels": async () => {
      let fired = false;
      const id = setTimeout(() => (fired = true), 5);
      clearTimeout(id);
      await sleep(30);
      return fired;
    },
    "clearTimeout.invalidIds": () => {
      clearTimeout(undefined);
      clearTimeout(null);
      clearTimeout(123456);
      clearTimeout("x");
      return "ok";
    },
    "setInterval.repeats": async () => {
      let n = 0;
      await new Promise((done) => {
        const id = setInterval(() => {
          n++;
          if (n === 3) {
            clearInterval(id);
            done();
          }
        }, 5);
      });
      await sleep(30);
      return n;
    },
    "setInterval.clearTimeoutWorks": async () => {
      let n = 0;
      const id = setInterval(() => n++, 5);
      clearTimeout(id);
      await sleep(30);
      return n;
    },
    "setInterval.clearInsideFirst": async () => {
      let n = 0;
      const id = setInterval(() => {
        n++;
        clearInterval(id);
      }, 1);
      await sleep(30);
      return n;
    },
    "queueMicrotask.order": async () => {
      const seen = [];
      setTimeout(() => seen.push("timeout"), 0);
      queueMicrotask(() => seen.push("micro1"));
      Promise.resolve().then(() => seen.push("promise"));
      queueMicrotask(() => seen.push("micro2"));
      seen.push("sync");
      await sleep(10);
      return seen;
    },
    "queueMicrotask.notFunction": () => errType(() => queueMicrotask("x")),
    "queueMicrotask.nested": async () => {
      const seen = [];
      queueMicrotask(() => {
        seen.push("a");
        queueMicrotask(() => seen.push("c"));
      });
      queueMicrotask(() => seen.push("b"));
      await sleep(1);
      return seen;
    },
    "scheduler.wait": async () => (typeof scheduler !== "undefined" && typeof scheduler.wait === "function" ? (await scheduler.wait(1), "waited") : "no scheduler.wait"),
  };
}

function abortChecks() {
  return {
    "controller.basic": () => {
      const c = new AbortController();
      const s = c.signal;
      const before = [s.aborted, s.reason];
      c.abort();
      return [before, s.aborted, s.reason instanceof DOMException, s.reason.name, s.reason.message];
    },
    "controller.reason": () => {
      const c = new AbortController();
      c.abort("why");
      return c.signal.reason;
    },
    "controller.abortTwice": () => {
      const c = new AbortController();
      c.abort("first");
      c.abort("second");
      return c.signal.reason;
    },
    "signal.event": () => {
      const c = new AbortController();
      const seen = [];
      c.signal.addEventListener("abort", (e) => seen.push(["listener", e.type, e instanceof Event]));
      c.signal.onabort = () => seen.push(["onabort"]);
      c.abort();
      c.abort();
      return seen;
    },
    "signal.throwIfAborted": () => {
      const c = new AbortController();
      const a = thrown(() => c.signal.throwIfAborted());
      c.abort(new Error("custom"));
      return Promise.all([a, thrown(() => c.signal.throwIfAborted())]);
    },
    "signal.abortStatic": () => {
      const s = AbortSignal.abort();
      return [s.aborted, s.reason.name];
    },
    "signal.abortStaticReason": () => AbortSignal.abort(42).reason,
    "signal.timeout": async () => {
      const s = AbortSignal.timeout(5);
      await sleep(40);
      return [s.aborted, s.reason?.name];
    },
    "signal.any": () => {
      if (typeof AbortSignal.any !== "function") return "no AbortSignal.any";
      const a = new AbortController();
      const b = new AbortController();
      const s = AbortSignal.any([a.signal, b.signal]);
      const before = s.aborted;
      b.abort("b-reason");
      return [before, s.aborted, s.reason];
    },
    "signal.constructor": () => errType(() => new AbortSignal()),
    "fetchAborted": async () => {
      const c = new AbortController();
      c.abort();
      try {
        await fetch("http://127.0.0.1:9/", { signal: c.signal });
        return "no error";
      } catch (e) {
        return e.name;
      }
    },
    "eventTarget": () => {
      const t = new EventTarget();
      const seen = [];
      const h = (e) => seen.push(e.type);
      t.addEventListener("x", h);
      t.addEventListener("x", h);
      t.dispatchEvent(new Event("x"));
      t.removeEventListener("x", h);
      t.dispatchEvent(new Event("x"));
      t.addEventListener("y", () => seen.push("once"), { once: true });
      t.dispatchEvent(new Event("y"));
      t.dispatchEvent(new Event("y"));
      return seen;
    },
    "customEvent": () => {
      if (typeof CustomEvent !== "function") return "no CustomEvent";
      return new CustomEvent("c", { detail: { d: 1 } }).detail;
    },
  };
}

function miscChecks() {
  return {
    "domException.basic": () => {
      const e = new DOMException("msg", "NotFoundError");
      return [e.name, e.message, e.code, e instanceof Error, String(e)];
    },
    "domException.default": () => {
      const e = new DOMException();
      return [e.name, e.message, e.code];
    },
    "domException.codes": () => ["IndexSizeError", "SyntaxError", "InvalidStateError", "AbortError", "TimeoutError", "DataCloneError", "QuotaExceededError", "NotSupportedError", "CustomName"].map((n) => new DOMException("", n).code),
    "domException.constants": () => [DOMException.ABORT_ERR, DOMException.DATA_CLONE_ERR, DOMException.NOT_FOUND_ERR],
    "domException.toStringTag": () => Object.prototype.toString.call(new DOMException("x")),
    "navigator.userAgent": () => navigator.userAgent,
    "navigator.type": () => typeof navigator,
    "eval": () => thrown(() => eval("1 + 1")),
    "newFunction": () => thrown(() => new Function("return 1")),
    "functionConstructor": () => errType(() => Function("return 1")()),
    "asyncFunctionConstructor": () => errType(() => Object.getPrototypeOf(async function () {}).constructor("return 1")),
    "indirectEval": () => errType(() => (0, eval)("1")),
    "node.process": () => typeof process,
    "node.Buffer": () => typeof Buffer,
    "node.setImmediate": () => typeof setImmediate,
    "node.global": () => typeof global,
    "node.module": () => typeof module,
    "globalThis.self": () => [typeof self, self === globalThis],
    "globalThis.window": () => typeof window,
    "console.methods": () => ["log", "info", "warn", "error", "debug", "trace", "table", "time", "timeEnd", "assert", "dir", "group", "groupEnd", "count"].filter((m) => typeof console[m] !== "function"),
    "console.logDoesNotThrow": () => {
      console.log("conformance log", { a: 1 }, [1, 2], "%s done", "x");
      console.error(new Error("logged error"));
      console.warn("warned");
      return "ok";
    },
    "performance.now": () => [typeof performance, typeof performance.now(), performance.now() >= 0],
    "webApisPresent": () =>
      ["Request", "Response", "Headers", "fetch", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "atob", "btoa", "setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask", "structuredClone", "crypto", "ReadableStream", "WritableStream", "TransformStream", "AbortController", "AbortSignal", "DOMException", "Event", "EventTarget"].filter(
        (n) => typeof globalThis[n] === "undefined",
      ),
    "dateNow": () => typeof Date.now() === "number" && Date.now() > 1600000000000,
    "mathRandom": () => {
      const x = Math.random();
      return x >= 0 && x < 1;
    },
  };
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/clone":
        return run(cloneChecks());
      case "/crypto":
        return run(cryptoChecks());
      case "/timers":
        return run(timerChecks());
      case "/abort":
        return run(abortChecks());
      case "/misc":
        return run(miscChecks());
      case "/ctx":
        return run({
          "ctx.type": () => [typeof ctx, typeof ctx.waitUntil, typeof ctx.passThroughOnException],
          "env.keys": () => Object.keys(env).sort(),
          "waitUntil.returns": () => ctx.waitUntil(Promise.resolve()),
          "waitUntil.nonPromise": () => errType(() => ctx.waitUntil(42)),
          "waitUntil.schedule": () => {
            ctx.waitUntil(
              (async () => {
                await sleep(50);
                await env.KV.put("wait-until", "written after the response");
              })(),
            );
            return "scheduled";
          },
        });
      case "/ctx/after":
        return new Response(String(await env.KV.get("wait-until")));
      case "/timer-after-response": {
        // a timer left pending when the response is returned must not break the next request
        setTimeout(() => {}, 10);
        return new Response("ok");
      }
    }
    return new Response("not found", { status: 404 });
  },
};
