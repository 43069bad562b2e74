// Self-test of the jstest globals. Uses only the harness API, so it also runs elsewhere.

test('assert passes on truthy and fails on falsy', () => {
  assert(true);
  assert(1, 'one is truthy');
  const e = assertThrows(() => assert(0, 'zero'), 'AssertionError', 'zero');
  assertEquals(e.name, 'AssertionError');
});

test('assertEquals compares deeply', () => {
  assertEquals({ a: [1, 2, { b: 'c' }] }, { a: [1, 2, { b: 'c' }] });
  assertEquals(new Uint8Array([1, 2]), new Uint8Array([1, 2]));
  assertEquals(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]]));
  assertEquals(new Set([1, 'a']), new Set(['a', 1]));
  assertEquals(NaN, NaN);
  assertEquals(new Date(5), new Date(5));
  assertEquals(/a/g, /a/g);
  const cyc1 = { n: 1 }; cyc1.self = cyc1;
  const cyc2 = { n: 1 }; cyc2.self = cyc2;
  assertEquals(cyc1, cyc2);
});

test('assertEquals reports both values', () => {
  const e = assertThrows(() => assertEquals([1, 'x\n'], [1, 'y'], 'ctx'), 'AssertionError');
  assert(e.message.indexOf('ctx: values differ') === 0, e.message);
  assert(e.message.indexOf('actual:   [1, "x\\n"]') >= 0, e.message);
  assert(e.message.indexOf('expected: [1, "y"]') >= 0, e.message);
  assertThrows(() => assertEquals(0, -0), 'AssertionError', '-0');
  assertThrows(() => assertEquals(new Uint8Array([1]), new Uint16Array([1])), 'AssertionError', 'Uint16Array(1) [1]');
  assertThrows(() => assertEquals({ a: 1 }, { a: 1, b: undefined }), 'AssertionError');
  assertThrows(() => assertEquals('\ud800', '\ufffd'), 'AssertionError', '"\\ud800"');
});

test('assertThrows checks class and message', () => {
  assertThrows(() => { throw new TypeError('bad thing'); }, 'TypeError', 'bad');
  assertThrows(() => { throw new RangeError('x'); });
  assertThrows(() => assertThrows(() => {}), 'AssertionError', 'nothing was thrown');
  assertThrows(() => assertThrows(() => { throw new TypeError('a'); }, 'RangeError'), 'AssertionError', 'expected RangeError');
  assertThrows(() => assertThrows(() => { throw new TypeError('a'); }, 'TypeError', 'b'), 'AssertionError', 'contain "b"');
  // Matching by constructor name as well as by the name property.
  class MyError extends Error {}
  assertThrows(() => { throw new MyError('m'); }, 'MyError');
  const named = new Error('n'); named.name = 'InvalidCharacterError';
  assertThrows(() => { throw named; }, 'InvalidCharacterError');
});

test('assertRejects awaits', async () => {
  await assertRejects(Promise.reject(new TypeError('nope')), 'TypeError', 'nope');
  await assertRejects(async () => { throw new RangeError('r'); }, 'RangeError');
  await assertRejects(assertRejects(Promise.resolve(1)), 'AssertionError', 'fulfilled');
  await assertRejects(assertRejects(() => { throw new Error('sync'); }), 'AssertionError', 'synchronously');
  await assertRejects(assertRejects(Promise.reject(new TypeError('t')), 'RangeError'), 'AssertionError');
});

test('async tests can await microtasks', async () => {
  let n = 0;
  await new Promise((resolve) => queueMicrotask(() => { n++; resolve(); }));
  assertEquals(n, 1);
});

test('Symbol.asyncIterator exists', () => {
  assertEquals(typeof Symbol.asyncIterator, 'symbol');
});

test.skip('skipped tests are not run', () => {
  throw new Error('must not run');
});
