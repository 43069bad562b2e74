import util from "node:util";
import { inspect, format, promisify, types } from "util";

test("inspect layout", () => {
  assertEquals(inspect({ a: 1, s: "x" }), "{ a: 1, s: 'x' }");
  assertEquals(inspect([1, [2, [3, [4, [5]]]]]), "[ 1, [ 2, [ 3, [Array] ] ] ]");
  assertEquals(inspect(new Map([[1, { a: [] }]])), "Map(1) { 1 => { a: [] } }");
  assertEquals(inspect("a'b"), `"a'b"`);
  assertEquals(inspect({ "a b": 1 }), "{ 'a b': 1 }");
  assertEquals(inspect(Object.assign(() => {}, { x: 1 })), "[Function (anonymous)] { x: 1 }");
  assertEquals(inspect(new Error("e")).split("\n")[0], "Error: e");
  assertEquals(inspect({ long: "x".repeat(80) }), `{\n  long: '${"x".repeat(80)}'\n}`);
});
test("inspect circular and depth", () => {
  const a = { b: {} };
  a.b.a = a;
  assertEquals(inspect(a), "<ref *1> { b: { a: [Circular *1] } }");
  assertEquals(inspect({ a: { b: { c: {} } } }, { depth: 1 }), "{ a: { b: [Object] } }");
  assertEquals(inspect({ a: { b: { c: { d: 1 } } } }, { depth: null }), "{\n  a: { b: { c: { d: 1 } } }\n}");
});
test("inspect custom", () => {
  class P { [inspect.custom](depth, opts) { return `P<${typeof opts.stylize}>`; } }
  assertEquals(inspect([new P()]), "[ P<function> ]");
});
test("format", () => {
  assertEquals(format("%s %d %i %j %%", "a", 1.5, 2.9, [1]), "a 1.5 2 [1] %");
  assertEquals(format("no args", 1, "x"), "no args 1 x");
  assertEquals(format("%s", 2n), "2n");
});
test("promisify and callbackify", async () => {
  const cb = (x, done) => setTimeout(() => done(x < 0 ? new RangeError("neg") : null, x + 1), 0);
  assertEquals(await promisify(cb)(1), 2);
  await assertRejects(promisify(cb)(-1), "RangeError", "neg");
  const custom = () => {};
  custom[promisify.custom] = () => Promise.resolve("custom");
  assertEquals(await promisify(custom)(), "custom");
});
test("types", () => {
  assert(types.isUint8Array(new Uint8Array(1)) && !types.isUint8Array(new Int8Array(1)));
  assert(types.isGeneratorFunction(function* () {}));
  assert(types.isNativeError(new TypeError()));
  assert(util.isDeepStrictEqual([{ a: NaN }], [{ a: NaN }]));
  assert(!util.isDeepStrictEqual([1], [1, 2]));
});
test("inherits and deprecate", () => {
  function Base() {}
  Base.prototype.kind = "base";
  function Sub() {}
  util.inherits(Sub, Base);
  assertEquals(new Sub().kind, "base");
  assertThrows(() => util.inherits(Sub, null), "ERR_INVALID_ARG_TYPE");
  assertEquals(util.deprecate(() => 7, "gone")(), 7);
});
