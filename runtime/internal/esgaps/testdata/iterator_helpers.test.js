// Iterator, Iterator.from and the iterator helpers on %IteratorPrototype% (ECMA-262 §27.1).

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

// counter(n, log) is an iterator over 0..n-1 (written by hand, not a generator) that records
// next/return calls in log.
function counter(n, log) {
  let i = 0;
  const it = Object.create(Iterator.prototype);
  it.next = function () {
    log && log.push('next');
    return i < n ? { value: i++, done: false } : { value: undefined, done: true };
  };
  it.return = function () {
    log && log.push('return');
    return { value: undefined, done: true };
  };
  return it;
}

function* naturals() {
  for (let i = 0; ; i++) yield i;
}

test('Iterator is the abstract constructor of %IteratorPrototype%', () => {
  assertEquals(typeof Iterator, 'function');
  assert(Iterator.prototype === IteratorPrototype, 'Iterator.prototype');
  const d = Object.getOwnPropertyDescriptor(Iterator, 'prototype');
  assert(!d.writable && !d.enumerable && !d.configurable, 'prototype flags');
  const g = Object.getOwnPropertyDescriptor(globalThis, 'Iterator');
  assert(g.writable && !g.enumerable && g.configurable, 'global flags');
  assertEquals(Iterator.length, 0);
  assertEquals(Iterator.name, 'Iterator');
  assertThrows(() => new Iterator(), 'TypeError');
  assertThrows(() => Iterator(), 'TypeError');
  class Sub extends Iterator {}
  const s = new Sub();
  assert(s instanceof Iterator, 'subclass instance');
  assert([].values() instanceof Iterator, 'array iterators are Iterators');
  assert(naturals() instanceof Iterator, 'generators are Iterators');
  assert(new Map().keys() instanceof Iterator, 'map iterators are Iterators');
});

test('Iterator.prototype constructor and @@toStringTag accessors', () => {
  assert(Iterator.prototype.constructor === Iterator, 'constructor');
  assertEquals(Iterator.prototype[Symbol.toStringTag], 'Iterator');
  for (const key of ['constructor', Symbol.toStringTag]) {
    const d = Object.getOwnPropertyDescriptor(Iterator.prototype, key);
    assert(typeof d.get === 'function' && typeof d.set === 'function', 'accessor');
    assert(!d.enumerable && d.configurable, 'flags');
    assertThrows(() => { Iterator.prototype[key] = 1; }, 'TypeError');
    assertThrows(() => d.set.call(1, 2), 'TypeError');
  }
  assertEquals(Object.getOwnPropertyDescriptor(Iterator.prototype, 'constructor').get.name, 'get constructor');
  // Setting on an inheriting object creates an own data property.
  const o = Object.create(Iterator.prototype);
  o[Symbol.toStringTag] = 'Mine';
  assertEquals(Object.prototype.toString.call(o), '[object Mine]');
  assert(Object.getOwnPropertyDescriptor(o, Symbol.toStringTag).enumerable, 'own data property');
  o.constructor = 5;
  assertEquals(o.constructor, 5);
  assertEquals(Object.prototype.toString.call(counter(0)), '[object Iterator]');
});

test('method names, lengths and flags', () => {
  const lengths = { map: 1, filter: 1, take: 1, drop: 1, flatMap: 1, reduce: 1, toArray: 0, forEach: 1, some: 1, every: 1, find: 1 };
  for (const [name, length] of Object.entries(lengths)) {
    const d = Object.getOwnPropertyDescriptor(Iterator.prototype, name);
    assert(d && d.writable && !d.enumerable && d.configurable, name + ' flags');
    assertEquals(d.value.name, name);
    assertEquals(d.value.length, length, name + '.length');
    assertThrows(() => new d.value(), 'TypeError'); // built-in methods are not constructors
  }
  assertEquals(Iterator.from.length, 1);
  assertEquals(Iterator.from.name, 'from');
  assert(!Object.getOwnPropertyDescriptor(Iterator, 'from').enumerable, 'from is not enumerable');
  assertEquals(Object.keys(Iterator.prototype), []);
});

test('map, filter, take, drop, flatMap are lazy and compose', () => {
  assertEquals([1, 2, 3].values().map((x, i) => x * 10 + i).toArray(), [10, 21, 32]);
  assertEquals([1, 2, 3, 4].values().filter((x, i) => x % 2 === 0 && i > 0).toArray(), [2, 4]);
  assertEquals(naturals().take(3).toArray(), [0, 1, 2]);
  assertEquals(naturals().drop(5).take(2).toArray(), [5, 6]);
  assertEquals(['ab', 'c'].values().flatMap((s, i) => [...s, i]).toArray(), ['a', 'b', 0, 'c', 1]);
});

test('flatMap flattens iterables and iterators, rejects primitives', () => {
  assertEquals([1, 2].values().flatMap((x) => [x, x * 10]).toArray(), [1, 10, 2, 20]);
  assertEquals([2].values().flatMap((x) => counter(x)).toArray(), [0, 1]);
  assertEquals([1].values().flatMap(() => new Set(['s'])).toArray(), ['s']);
  // A string returned by the mapper is a TypeError, and the outer iterator is closed.
  const log = [];
  const h = counter(3, log).flatMap(() => 'ab');
  assertThrows(() => h.next(), 'TypeError');
  assertEquals(log, ['next', 'return']);
  // String objects are iterable objects, so they are flattened.
  assertEquals([1].values().flatMap(() => new String('ab')).toArray(), ['a', 'b']);
});

test('helpers pull only what they need', () => {
  const log = [];
  const h = counter(10, log).map((x) => x * 2);
  assertEquals(log, []);
  assertEquals(h.next(), { value: 0, done: false });
  assertEquals(log, ['next']);
  const t = counter(10, log).take(1);
  log.length = 0;
  assertEquals(t.next(), { value: 0, done: false });
  assertEquals(t.next(), { value: undefined, done: true });
  assertEquals(log, ['next', 'return']);
  assertEquals(t.next(), { value: undefined, done: true });
  assertEquals(log, ['next', 'return']);
});

test('helper objects: prototype, toStringTag, next/return shape', () => {
  const h = [1].values().map((x) => x);
  const HelperPrototype = Object.getPrototypeOf(h);
  assert(Object.getPrototypeOf(HelperPrototype) === Iterator.prototype, 'helper prototype chain');
  assertEquals(Object.prototype.toString.call(h), '[object Iterator Helper]');
  assertEquals(Object.getOwnPropertyNames(HelperPrototype).sort(), ['next', 'return']);
  assert(HelperPrototype.constructor === Iterator, 'constructor is inherited from Iterator.prototype');
  const tag = Object.getOwnPropertyDescriptor(HelperPrototype, Symbol.toStringTag);
  assert(!tag.writable && !tag.enumerable && tag.configurable, 'tag flags');
  for (const name of ['next', 'return']) {
    const d = Object.getOwnPropertyDescriptor(HelperPrototype, name);
    assert(d.writable && !d.enumerable && d.configurable, name + ' flags');
    assertEquals(d.value.length, 0);
    assertThrows(() => d.value.call({}), 'TypeError');
    assertThrows(() => d.value.call(naturals()), 'TypeError');
  }
  assert(Object.getPrototypeOf(naturals().filter(Boolean)) === HelperPrototype, 'one helper prototype');
  const r = h.next();
  assert('value' in r && 'done' in r, 'result object');
  const end = h.next();
  assertEquals(end, { value: undefined, done: true });
  assert('value' in end, 'done result has value');
});

test('return() before the first next closes the underlying iterator', () => {
  const log = [];
  const h = counter(5, log).map((x) => x);
  assertEquals(h.return(), { value: undefined, done: true });
  assertEquals(log, ['return']);
  assertEquals(h.next(), { value: undefined, done: true });
  assertEquals(h.return(), { value: undefined, done: true });
  assertEquals(log, ['return']);
});

test('return() while suspended closes the underlying iterator once', () => {
  for (const make of [
    (it) => it.map((x) => x),
    (it) => it.filter(() => true),
    (it) => it.take(3),
    (it) => it.drop(0),
  ]) {
    const log = [];
    const h = make(counter(5, log));
    h.next();
    assertEquals(h.return(), { value: undefined, done: true });
    assertEquals(log, ['next', 'return']);
    assertEquals(h.next(), { value: undefined, done: true });
    assertEquals(log, ['next', 'return']);
  }
});

test('flatMap return() closes the inner and then the outer iterator', () => {
  const log = [];
  const inner = counter(3, log);
  inner.return = function () { log.push('inner return'); return {}; };
  const h = counter(2, log).flatMap(() => inner);
  h.next();
  h.return();
  assertEquals(log, ['next', 'next', 'inner return', 'return']);
});

test('errors from return() on a normal close propagate; non-object results are TypeErrors', () => {
  const it = counter(5);
  it.return = () => { throw new SyntaxError('ret'); };
  const h = it.map((x) => x);
  h.next();
  assertThrows(() => h.return(), 'SyntaxError', 'ret');
  const it2 = counter(5);
  it2.return = () => 1;
  assertThrows(() => it2.take(0).next(), 'TypeError');
  const it3 = counter(5);
  it3.return = () => 1;
  assertThrows(() => it3.some(() => true), 'TypeError');
});

test('callback errors close the iterator and win over errors from return()', () => {
  for (const name of ['map', 'filter', 'flatMap', 'forEach', 'some', 'every', 'find', 'reduce']) {
    const log = [];
    const it = counter(5, log);
    it.return = function () { log.push('return'); throw new Error('ignored'); };
    const res = () => {
      const r = it[name](() => { throw new EvalError(name); }, 0);
      if (typeof r.next === 'function') r.next();
    };
    assertThrows(res, 'EvalError', name);
    assertEquals(log, ['next', 'return'], name);
  }
});

test('errors from next() do not close the iterator', () => {
  const log = [];
  const it = counter(5, log);
  it.next = () => { throw new URIError('next'); };
  assertThrows(() => it.map((x) => x).next(), 'URIError');
  assertThrows(() => it.toArray(), 'URIError');
  assertThrows(() => it.some(() => true), 'URIError');
  assertEquals(log, []);
  it.next = () => 5;
  assertThrows(() => it.toArray(), 'TypeError');
});

test('argument validation closes the receiver', () => {
  for (const [name, arg, err] of [
    ['map', 1, 'TypeError'], ['filter', {}, 'TypeError'], ['flatMap', null, 'TypeError'],
    ['reduce', undefined, 'TypeError'], ['forEach', 'x', 'TypeError'], ['some', 2, 'TypeError'],
    ['every', 3, 'TypeError'], ['find', 4, 'TypeError'],
    ['take', NaN, 'RangeError'], ['take', -1, 'RangeError'], ['drop', 'abc', 'RangeError'], ['drop', -1, 'RangeError'],
    ['take', 1n, 'TypeError'], ['drop', Symbol('x'), 'TypeError'],
  ]) {
    const log = [];
    assertThrows(() => counter(3, log)[name](arg), err, undefined);
    assertEquals(log, ['return'], name + ' closes');
  }
  // -0.5 truncates to -0, which is allowed.
  assertEquals(naturals().drop(-0.5).take(1).toArray(), [0]);
  assertEquals(naturals().take(2.9).toArray(), [0, 1]);
  assertEquals([1, 2].values().take(Infinity).toArray(), [1, 2]);
  assertEquals(naturals().drop('2').take(1).toArray(), [2]);
  assertEquals([1, 2].values().drop(Infinity).toArray(), []);
});

test('a non-object receiver is a TypeError', () => {
  for (const name of ['map', 'filter', 'take', 'drop', 'flatMap', 'reduce', 'toArray', 'forEach', 'some', 'every', 'find']) {
    assertThrows(() => Iterator.prototype[name].call(1, () => {}), 'TypeError', undefined);
    assertThrows(() => Iterator.prototype[name].call(undefined, () => {}), 'TypeError', undefined);
  }
});

test('helpers read next once, when created', () => {
  let gets = 0;
  const it = Object.create(Iterator.prototype);
  let i = 0;
  Object.defineProperty(it, 'next', { get() { gets++; return () => ({ value: i++, done: i > 3 }); } });
  const h = it.map((x) => x);
  assertEquals(gets, 1);
  assertEquals(h.toArray(), [0, 1, 2]);
  assertEquals(gets, 1);
});

test('reduce, toArray, forEach, some, every, find', () => {
  assertEquals([1, 2, 3].values().reduce((a, b) => a + b), 6);
  assertEquals([1, 2, 3].values().reduce((a, b, i) => a + b * i, 10), 18);
  assertThrows(() => [].values().reduce((a, b) => a + b), 'TypeError');
  assertEquals([].values().reduce((a, b) => a + b, 'init'), 'init');
  assertEquals(new Set([3, 4]).values().toArray(), [3, 4]);
  const seen = [];
  assertEquals([5, 6].values().forEach((v, i) => seen.push([v, i])), undefined);
  assertEquals(seen, [[5, 0], [6, 1]]);
  const log = [];
  assertEquals(counter(5, log).some((x) => x === 1), true);
  assertEquals(log, ['next', 'next', 'return']);
  assertEquals(counter(3).some((x) => x > 5), false);
  log.length = 0;
  assertEquals(counter(5, log).every((x) => x < 1), false);
  assertEquals(log, ['next', 'next', 'return']);
  assertEquals(counter(3).every((x) => x < 5), true);
  log.length = 0;
  assertEquals(counter(5, log).find((x, i) => i === 2), 2);
  assertEquals(log, ['next', 'next', 'next', 'return']);
  assertEquals(counter(3).find(() => false), undefined);
});

test('re-entering a running helper is a TypeError', () => {
  let h;
  h = naturals().map(() => h.next());
  assertThrows(() => h.next(), 'TypeError');
  let h2;
  h2 = naturals().map(() => h2.return());
  assertThrows(() => h2.next(), 'TypeError');
});

test('Iterator.from', () => {
  const arrayIt = [1].values();
  assert(Iterator.from(arrayIt) === arrayIt, 'an Iterator is returned as is');
  assert(Iterator.from([1, 2]) instanceof Iterator, 'an iterable gives its iterator');
  assertEquals(Iterator.from('a\uD83D\uDE00').toArray(), ['a', '\uD83D\uDE00']);
  assertEquals(Iterator.from(new String('xy')).toArray(), ['x', 'y']);
  // An iterator that does not inherit from Iterator.prototype is wrapped.
  let i = 0;
  const plain = { next() { return { value: i++, done: i > 2 }; } };
  const w = Iterator.from(plain);
  assert(w !== plain && w instanceof Iterator, 'wrapped');
  assertEquals(w.map((x) => x + 1).toArray(), [1, 2]);
  const WrapPrototype = Object.getPrototypeOf(w);
  assertEquals(Object.getOwnPropertyNames(WrapPrototype).sort(), ['next', 'return']);
  assertEquals(w.return(), { value: undefined, done: true });
  const closing = { next() { return { done: true }; }, return() { return { closed: true }; } };
  assertEquals(Iterator.from(closing).return(), { closed: true });
  assertThrows(() => WrapPrototype.next.call({}), 'TypeError');
  assertThrows(() => WrapPrototype.return.call(arrayIt), 'TypeError');
  for (const bad of [null, undefined, 1, true, Symbol('x')]) {
    assertThrows(() => Iterator.from(bad), 'TypeError', undefined);
  }
  assertThrows(() => Iterator.from({ [Symbol.iterator]: 1 }), 'TypeError');
  assertThrows(() => Iterator.from({ [Symbol.iterator]() { return 1; } }), 'TypeError');
});

test('works with generators, Map, Set and string iterators', () => {
  assertEquals(new Map([['a', 1], ['b', 2]]).entries().map(([k, v]) => k + v).toArray(), ['a1', 'b2']);
  assertEquals('abc'[Symbol.iterator]().filter((c) => c !== 'b').toArray(), ['a', 'c']);
  assertEquals(naturals().filter((n) => n % 3 === 0).map((n) => n * n).take(4).reduce((a, b) => a + b, 0), 0 + 9 + 36 + 81);
  let total = 0;
  for (const x of naturals().take(4)) total += x;
  assertEquals(total, 6);
  assertEquals([...naturals().drop(1).take(2)], [1, 2]);
});
