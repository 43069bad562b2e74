// Object.groupBy and Map.groupBy (ECMA-262 §20.1.2.12, §24.1.2.1).

test('Object.groupBy groups in first-seen key order onto a null-prototype object', () => {
  const g = Object.groupBy([1, 2, 3, 4, 5], (x) => (x % 2 ? 'odd' : 'even'));
  assertEquals(Object.getPrototypeOf(g), null);
  assertEquals(Object.keys(g), ['odd', 'even']);
  assertEquals(g.odd, [1, 3, 5]);
  assertEquals(g.even, [2, 4]);
  const d = Object.getOwnPropertyDescriptor(g, 'odd');
  assert(d.writable && d.enumerable && d.configurable, 'groups are plain data properties');
});

test('Object.groupBy passes value and index, with an undefined this', () => {
  const seen = [];
  Object.groupBy('abc', function (v, i) { 'use strict'; seen.push([v, i, this]); return v; });
  assertEquals(seen, [['a', 0, undefined], ['b', 1, undefined], ['c', 2, undefined]]);
});

test('Object.groupBy converts keys with ToPropertyKey', () => {
  const sym = Symbol('s');
  const g = Object.groupBy([1, 2, 3, 4], (x) => (x === 1 ? sym : x === 2 ? { toString() { return 'obj'; } } : x === 3 ? -0 : null));
  assertEquals(g[sym], [1]);
  assertEquals(g.obj, [2]);
  assertEquals(g['0'], [3]);
  assertEquals(g['null'], [4]);
  // ToPrimitive may produce a symbol, which is kept as a symbol key.
  const g2 = Object.groupBy([1], () => ({ [Symbol.toPrimitive]() { return sym; } }));
  assertEquals(g2[sym], [1]);
});

test('Map.groupBy keeps keys by SameValueZero and returns a Map', () => {
  const k = {};
  const m = Map.groupBy([1, 2, 3, 4], (x) => (x < 3 ? k : x === 3 ? -0 : 0));
  assert(m instanceof Map, 'a Map');
  assertEquals([...m.keys()], [k, 0]);
  assert(Object.is([...m.keys()][1], 0), '-0 is normalised to +0');
  assertEquals(m.get(k), [1, 2]);
  assertEquals(m.get(0), [3, 4]);
});

test('groupBy accepts any iterable and empty input', () => {
  assertEquals(Object.keys(Object.groupBy([], (x) => x)), []);
  assertEquals(Map.groupBy(new Set(['a', 'bb', 'cc']), (s) => s.length).get(2), ['bb', 'cc']);
  function* gen() { yield 1; yield 2; }
  assertEquals(Object.groupBy(gen(), () => 'all').all, [1, 2]);
});

test('groupBy argument errors', () => {
  assertThrows(() => Object.groupBy(null, (x) => x), 'TypeError');
  assertThrows(() => Object.groupBy(undefined, (x) => x), 'TypeError');
  assertThrows(() => Object.groupBy([1], 'nope'), 'TypeError');
  assertThrows(() => Map.groupBy([1]), 'TypeError');
  assertThrows(() => Object.groupBy(5, (x) => x), 'TypeError');
  assertThrows(() => Object.groupBy({}, (x) => x), 'TypeError');
});

test('groupBy closes the iterator when the callback or key conversion throws', () => {
  let closed = 0;
  const iterable = {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next() { return { value: i++, done: false }; },
        return() { closed++; return {}; },
      };
    },
  };
  assertThrows(() => Object.groupBy(iterable, (x) => { if (x === 2) throw new SyntaxError('cb'); return x; }), 'SyntaxError', 'cb');
  assertEquals(closed, 1);
  assertThrows(() => Object.groupBy(iterable, () => ({ toString() { throw new URIError('key'); } })), 'URIError', 'key');
  assertEquals(closed, 2);
  assertThrows(() => Map.groupBy(iterable, () => { throw new EvalError('m'); }), 'EvalError', 'm');
  assertEquals(closed, 3);
});

test('groupBy does not close an iterator whose next throws', () => {
  let closed = 0;
  const iterable = {
    [Symbol.iterator]() {
      return { next() { throw new RangeError('next'); }, return() { closed++; return {}; } };
    },
  };
  assertThrows(() => Object.groupBy(iterable, (x) => x), 'RangeError', 'next');
  assertEquals(closed, 0);
});
