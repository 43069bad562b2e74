// Array.fromAsync (ES2026, proposal-array-from-async).

// asyncIterable yields values through Symbol.asyncIterator and records calls in log.
function asyncIterable(values, log) {
  return {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next() {
          log && log.push('next');
          return Promise.resolve(i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true });
        },
        return() {
          log && log.push('return');
          return Promise.resolve({ done: true });
        },
      };
    },
  };
}

test('shape', () => {
  const d = Object.getOwnPropertyDescriptor(Array, 'fromAsync');
  assert(d.writable && !d.enumerable && d.configurable, 'flags');
  assertEquals(Array.fromAsync.name, 'fromAsync');
  assertEquals(Array.fromAsync.length, 1);
  assertThrows(() => new Array.fromAsync([]), 'TypeError');
  assert(Array.fromAsync([]) instanceof Promise, 'returns a promise');
});

test('async iterables', async () => {
  assertEquals(await Array.fromAsync(asyncIterable([1, 2, 3])), [1, 2, 3]);
  // Values of an async iterator are not awaited.
  const p = Promise.resolve(9);
  const got = await Array.fromAsync(asyncIterable([p]));
  assert(got[0] === p, 'the promise itself is kept');
});

test('sync iterables: values are awaited', async () => {
  assertEquals(await Array.fromAsync([1, Promise.resolve(2), 3]), [1, 2, 3]);
  assertEquals(await Array.fromAsync(new Set(['a', 'b'])), ['a', 'b']);
  function* gen() { yield 1; yield Promise.resolve(2); }
  assertEquals(await Array.fromAsync(gen()), [1, 2]);
  assertEquals(await Array.fromAsync('ab'), ['a', 'b']);
});

test('Symbol.asyncIterator wins over Symbol.iterator', async () => {
  const both = asyncIterable(['async']);
  both[Symbol.iterator] = function* () { yield 'sync'; };
  assertEquals(await Array.fromAsync(both), ['async']);
});

test('array-likes: elements are awaited', async () => {
  assertEquals(await Array.fromAsync({ length: 3, 0: 'a', 1: Promise.resolve('b') }), ['a', 'b', undefined]);
  assertEquals(await Array.fromAsync({ length: -1 }), []);
  assertEquals(await Array.fromAsync({}), []);
  assertEquals(await Array.fromAsync(5), []);
});

test('mapping function and thisArg', async () => {
  const self = {};
  const calls = [];
  const out = await Array.fromAsync([1, Promise.resolve(2)], function (v, i) {
    calls.push([v, i, this]);
    return Promise.resolve(v * 10);
  }, self);
  assertEquals(out, [10, 20]);
  assertEquals(calls, [[1, 0, self], [2, 1, self]]);
  assertEquals(await Array.fromAsync(asyncIterable([1, 2]), (v) => v + 1), [2, 3]);
  assertEquals(await Array.fromAsync({ length: 2, 0: 1, 1: 2 }, async (v, i) => v + i), [1, 3]);
  // In strict code an omitted thisArg is undefined.
  let seenThis = null;
  await Array.fromAsync([1], function () { 'use strict'; seenThis = this; });
  assertEquals(seenThis, undefined);
});

test('errors reject the promise', async () => {
  await assertRejects(Array.fromAsync(null), 'TypeError');
  await assertRejects(Array.fromAsync(undefined), 'TypeError');
  await assertRejects(Array.fromAsync([1], 'not callable'), 'TypeError');
  await assertRejects(Array.fromAsync({ [Symbol.asyncIterator]: 5 }), 'TypeError');
  await assertRejects(Array.fromAsync({ [Symbol.asyncIterator]() { return 1; } }), 'TypeError');
  await assertRejects(Array.fromAsync([Promise.reject(new RangeError('elem'))]), 'RangeError', 'elem');
  const bad = { [Symbol.asyncIterator]() { return { next() { return Promise.resolve(1); } }; } };
  await assertRejects(Array.fromAsync(bad), 'TypeError');
});

test('a throwing or rejecting mapper closes the iterator', async () => {
  const log = [];
  await assertRejects(Array.fromAsync(asyncIterable([1, 2], log), () => { throw new SyntaxError('map'); }), 'SyntaxError', 'map');
  assertEquals(log, ['next', 'return']);
  log.length = 0;
  await assertRejects(Array.fromAsync(asyncIterable([1, 2], log), () => Promise.reject(new EvalError('async map'))), 'EvalError');
  assertEquals(log, ['next', 'return']);
  // Sync iterators are closed through the async-from-sync wrapper.
  let closed = 0;
  const it = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; }, return() { closed++; return {}; } }; } };
  await assertRejects(Array.fromAsync(it, () => { throw new URIError('x'); }), 'URIError');
  assertEquals(closed, 1);
});

test('a rejected value of a sync iterator closes it', async () => {
  let closed = 0;
  const it = {
    [Symbol.iterator]() {
      return { next() { return { value: Promise.reject(new RangeError('v')), done: false }; }, return() { closed++; return {}; } };
    },
  };
  await assertRejects(Array.fromAsync(it), 'RangeError', 'v');
  assertEquals(closed, 1);
});

test('an error from next() does not close the iterator', async () => {
  let closed = 0;
  const it = { [Symbol.asyncIterator]() { return { next() { throw new URIError('next'); }, return() { closed++; } }; } };
  await assertRejects(Array.fromAsync(it), 'URIError');
  assertEquals(closed, 0);
});

test('this as a constructor', async () => {
  function C(n) { this.args = Array.prototype.slice.call(arguments); }
  const fromIterable = await Array.fromAsync.call(C, [7, 8]);
  assert(fromIterable instanceof C, 'instance of C');
  assertEquals(fromIterable.args, []);
  assertEquals(fromIterable.length, 2);
  assertEquals(fromIterable[1], 8);
  const fromArrayLike = await Array.fromAsync.call(C, { length: 1, 0: 'x' });
  assertEquals(fromArrayLike.args, [1]);
  assertEquals(fromArrayLike[0], 'x');
  // A non-constructor this gives a plain array.
  const plain = await Array.fromAsync.call({}, [1]);
  assert(Array.isArray(plain), 'array');
  const arrow = await Array.fromAsync.call(() => {}, [1]);
  assert(Array.isArray(arrow), 'array for an arrow function');
  // IsConstructor does not read anything from a non-constructor this.
  const touched = [];
  const spy = new Proxy(() => {}, { get(t, k) { touched.push(String(k)); return t[k]; } });
  assert(Array.isArray(await Array.fromAsync.call(spy, [1])), 'array for a proxied arrow');
  assertEquals(touched, []);
});
