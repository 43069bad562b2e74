import { inspect, format } from "node:util";

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}

class Tagged { get [Symbol.toStringTag]() { return "Tag"; } constructor() { this.v = 1; } }
class Empty {}

export default {
  async fetch() {
    return run({
      nestedBreak: () => inspect({ user: { name: "Ada Lovelace", roles: ["admin", "editor", "viewer"], address: { city: "London", zip: "N1" } }, active: true }),
      stringArray: () => inspect(["apple", "banana", "cherry", "date", "elderberry", "fig", "grape", "honeydew"]),
      mixedArray: () => inspect([1, "two", { three: 3 }, [4], null, undefined, true]),
      longArrayNumbers: () => inspect(Array.from({ length: 26 }, (_, i) => i * 37)),
      objectInArray: () => inspect([{ a: 1, b: 2 }, { a: 3, b: 4 }]),
      tagged: () => inspect(new Tagged()),
      emptyClass: () => inspect(new Empty()),
      getter: () => inspect({ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} }),
      nestedCollections: () => inspect(new Map([["k", new Set([1, [2, 3]])]])),
      typed: () => [inspect(new Float64Array([1.5, -0])), inspect(new BigInt64Array(2)), inspect(new Uint8Array(0))],
      arrayBuffer: () => inspect(new Uint8Array([1, 2, 255]).buffer),
      boxed: () => [inspect(new Boolean(false)), inspect(Object(Symbol("b"))), inspect(Object(3n))],
      nullProto: () => inspect(Object.assign(Object.create(null), { a: 1 })),
      longString: () => inspect("x".repeat(100)),
      multilineString: () => inspect({ s: "line1\nline2" }),
      arrayExtraProps: () => { const a = [1, 2]; a.extra = "e"; return inspect(a); },
      deepArrays: () => inspect([[[[["deep"]]]]]),
      depthInfinity: () => inspect({ a: { b: { c: { d: { e: 1 } } } } }, { depth: Infinity }),
      formatObject: () => format("%o", { a: [1, 2], f() {} }),
      formatMixed: () => format("%s and %s", "one", { two: 2 }, [3]),
      formatNumberSpecials: () => format("%d %d %i %f", -0, Infinity, -5.9, "x"),
      errorInObject: () => inspect({ e: new RangeError("bad") }).split("\n")[0],
      dateInvalid: () => inspect(new Date(NaN)),
      functionsWithProps: () => inspect(Object.assign(function f() {}, { a: 1 })),
      symbols: () => inspect([Symbol(), Symbol("x"), Symbol.iterator]),
      weak: () => [inspect(new WeakMap()), inspect(new WeakSet())],
      iterators: () => [inspect(new Map([[1, 2]]).entries()), inspect([1].values())],
      sparse: () => inspect([, , 1, , ]),
      compactFalse: () => inspect({ a: 1, b: { c: 2 } }, { compact: false }),
      breakLengthInfinity: () => inspect({ alpha: "a".repeat(50), beta: "b".repeat(50) }, { breakLength: Infinity }),
      maxArrayLength: () => inspect([1, 2, 3, 4, 5], { maxArrayLength: 2 }),
      maxStringLength: () => inspect("abcdefgh", { maxStringLength: 3 }),
      negativeZeroInObject: () => inspect({ z: -0, n: NaN }),
    });
  },
};
