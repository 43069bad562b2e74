import assert, { AssertionError } from "node:assert";
import strict from "node:assert/strict";

test("passing assertions", async () => {
  assert(1);
  assert.ok("x");
  assert.equal(1, "1");
  assert.strictEqual(NaN, NaN);
  assert.deepStrictEqual({ a: [1, new Map([[1, new Set([2])]])] }, { a: [1, new Map([[1, new Set([2])]])] });
  assert.notDeepStrictEqual({ a: 1 }, { a: "1" });
  assert.throws(() => { throw new TypeError("bad thing"); }, { name: "TypeError", message: /bad/ });
  await assert.rejects(async () => { throw new RangeError("r"); }, RangeError);
  await assert.doesNotReject(Promise.resolve());
  assert.match("abc", /b/);
  strict.equal(1, 1);
});
test("AssertionError shape", () => {
  const e = assertThrows(() => assert.strictEqual(1, 2), "AssertionError");
  assert(e instanceof AssertionError);
  assertEquals([e.code, e.actual, e.expected, e.operator], ["ERR_ASSERTION", 1, 2, "strictEqual"]);
  assertEquals(e.message, "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   2\n");
  assertEquals(String(e).split("\n")[0], "AssertionError [ERR_ASSERTION]: Values are not strictly equal:");
});
test("messages", async () => {
  assertThrows(() => assert.deepStrictEqual([1, 2], [1, 3]), "AssertionError", "+ [ 1, 2 ]\n- [ 1, 3 ]\n       ^");
  assertThrows(() => assert.ok(null), "AssertionError", "null == true");
  assertThrows(() => assert.throws(() => {}), "AssertionError", "Missing expected exception.");
  assertThrows(() => assert.fail("custom"), "AssertionError", "custom");
  assertThrows(() => assert.strictEqual(1, 2, new TypeError("own")), "TypeError", "own");
  await assertRejects(assert.rejects(Promise.resolve()), "AssertionError", "Missing expected rejection.");
  assertThrows(() => assert.throws(() => { throw new Error("x"); }, TypeError), "AssertionError", 'The error is expected to be an instance of "TypeError". Received "Error"');
});
