// structuredClone (HTML §2.7.3 StructuredSerializeInternal / StructuredDeserialize), with V8's
// and workerd's messages.

function dataCloneError(fn, message) {
  const e = assertThrows(fn, 'DataCloneError', message);
  assert(e instanceof DOMException, 'a DOMException');
  assertEquals(e.code, 25);
  if (message !== undefined) assertEquals(e.message, message);
  return e;
}

test('primitives are returned as they are', () => {
  for (const v of [undefined, null, true, false, 0, 1.5, NaN, Infinity, 'str', '', 10n, -(2n ** 70n)]) {
    assertEquals(structuredClone(v), v);
  }
  assert(Object.is(structuredClone(-0), -0), '-0 is kept');
});

test('wrapper objects', () => {
  const n = new Number(3);
  n.extra = 1;
  const c = structuredClone(n);
  assert(c !== n && c instanceof Number && typeof c === 'object');
  assertEquals(c.valueOf(), 3);
  assertEquals(c.extra, undefined);
  assertEquals(structuredClone(new String('s')).valueOf(), 's');
  assertEquals(structuredClone(new Boolean(false)).valueOf(), false);
  const b = structuredClone(Object(5n));
  assertEquals([typeof b, b.valueOf()], ['object', 5n]);
  assert(Object.is(structuredClone(new Number(-0)).valueOf(), -0));
});

test('Date', () => {
  const d = new Date(1700000000123);
  const c = structuredClone(d);
  assert(c !== d && c instanceof Date);
  assertEquals(c.getTime(), 1700000000123);
  assert(isNaN(structuredClone(new Date(NaN)).getTime()));
});

test('RegExp keeps source and flags but not lastIndex', () => {
  const r = /a(b)+/gimsuy;
  r.lastIndex = 3;
  r.extra = 1;
  const c = structuredClone(r);
  assert(c !== r && c instanceof RegExp);
  assertEquals([c.source, c.flags, c.lastIndex, c.extra], [r.source, r.flags, 0, undefined]);
  assertEquals(structuredClone(/\//).source, '\\/');
});

test('ArrayBuffer is copied', () => {
  const ab = new Uint8Array([1, 2, 3]).buffer;
  const c = structuredClone(ab);
  assert(c !== ab && c instanceof ArrayBuffer);
  new Uint8Array(c)[0] = 9;
  assertEquals(new Uint8Array(ab)[0], 1);
  assertEquals(new Uint8Array(c), new Uint8Array([9, 2, 3]));
  assertEquals(structuredClone(new ArrayBuffer(0)).byteLength, 0);
});

test('every typed array type, with offset and length', () => {
  const buf = new ArrayBuffer(64);
  new Uint8Array(buf).forEach((_, i, a) => { a[i] = i; });
  const views = [
    new Int8Array(buf, 1, 3), new Uint8Array(buf, 2, 4), new Uint8ClampedArray(buf, 3, 2),
    new Int16Array(buf, 2, 3), new Uint16Array(buf, 4, 2), new Int32Array(buf, 4, 2),
    new Uint32Array(buf, 8, 1), new Float32Array(buf, 8, 2), new Float64Array(buf, 8, 2),
    new BigInt64Array(buf, 16, 2), new BigUint64Array(buf, 24, 1),
  ];
  for (const v of views) {
    const c = structuredClone(v);
    const name = Object.prototype.toString.call(v);
    assertEquals(Object.prototype.toString.call(c), name);
    assertEquals([c.byteOffset, c.length, c.buffer.byteLength], [v.byteOffset, v.length, 64], name);
    assertEquals(Array.from(c), Array.from(v), name);
    assert(c.buffer !== buf);
  }
  const clamped = structuredClone(new Uint8ClampedArray(1));
  clamped[0] = 300;
  assertEquals(clamped[0], 255);
});

test('DataView', () => {
  const dv = new DataView(new ArrayBuffer(8), 2, 4);
  dv.setInt16(0, -2);
  const c = structuredClone(dv);
  assert(c instanceof DataView && c !== dv);
  assertEquals([c.byteOffset, c.byteLength, c.getInt16(0)], [2, 4, -2]);
});

test('views over one buffer share the cloned buffer', () => {
  const buf = new ArrayBuffer(8);
  const a = new Uint8Array(buf);
  const b = new Uint16Array(buf, 2, 2);
  const d = new DataView(buf);
  const c = structuredClone({ a, b, d, buf });
  assert(c.a.buffer === c.b.buffer && c.b.buffer === c.d.buffer && c.d.buffer === c.buf);
  c.a[2] = 7;
  assertEquals(c.b[0], 7);
  assertEquals(a[2], 0);
});

test('Map and Set', () => {
  const key = { k: 1 };
  const m = new Map([[key, 'v'], ['s', key], [NaN, -0]]);
  const c = structuredClone(m);
  assert(c instanceof Map && c !== m);
  assertEquals(c.size, 3);
  const [ck] = c.keys();
  assert(ck !== key && c.get('s') === ck, 'shared references stay shared');
  assertEquals(c.get(ck), 'v');
  assert(Object.is(c.get(NaN), -0));
  const s = new Set([1, 'a', key]);
  const cs = structuredClone(s);
  assert(cs instanceof Set && cs !== s);
  assertEquals(Array.from(cs).slice(0, 2), [1, 'a']);
  assertEquals(Array.from(cs)[2], { k: 1 });
});

test('Map entries added by a getter during the clone are not included', () => {
  const m = new Map();
  m.set('a', { get x() { m.set('b', 2); return 1; } });
  const c = structuredClone(m);
  assertEquals(Array.from(c.keys()), ['a']);
  assertEquals(c.get('a').x, 1);
});

test('arrays keep length, holes and extra properties', () => {
  const a = [1, , 3];
  a.length = 5;
  a.extra = 'x';
  const c = structuredClone(a);
  assert(Array.isArray(c) && c !== a);
  assertEquals(c.length, 5);
  assert(!(1 in c) && !(4 in c), 'holes stay holes');
  assertEquals([c[0], c[2], c.extra], [1, 3, 'x']);
  assertEquals(Object.keys(c), ['0', '2', 'extra']);
  assertEquals(structuredClone([]), []);
});

test('plain objects: own enumerable string keys, getters invoked', () => {
  const proto = { inherited: 1 };
  const o = Object.create(proto);
  o.a = 1;
  o[2] = 'two';
  Object.defineProperty(o, 'hidden', { value: 1, enumerable: false });
  o[Symbol('s')] = 1;
  let calls = 0;
  Object.defineProperty(o, 'g', { get() { calls++; return 'got'; }, enumerable: true });
  const c = structuredClone(o);
  assertEquals(Object.getPrototypeOf(c), Object.prototype);
  assertEquals(c, { 2: 'two', a: 1, g: 'got' });
  assertEquals(Object.getOwnPropertySymbols(c).length, 0);
  assertEquals(calls, 1);
  assertEquals(Object.getOwnPropertyDescriptor(c, 'g').value, 'got');
});

test('a "__proto__" key stays an own property', () => {
  const o = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
  const c = structuredClone(o);
  assertEquals(Object.getPrototypeOf(c), Object.prototype);
  assert(Object.prototype.hasOwnProperty.call(c, '__proto__'));
  assertEquals(c.polluted, undefined);
  assertEquals(({}).polluted, undefined);
});

test('class instances become plain objects (as in V8)', () => {
  class Point { constructor() { this.x = 1; this.y = 2; } get sum() { return this.x + this.y; } }
  const c = structuredClone(new Point());
  assertEquals(Object.getPrototypeOf(c), Object.prototype);
  assertEquals(c, { x: 1, y: 2 });
  assertEquals(structuredClone(Object.create(null)), {});
});

test('cycles and shared references are preserved', () => {
  const shared = { s: true };
  const o = { a: shared, b: shared, list: [shared] };
  o.self = o;
  o.list.push(o.list);
  const c = structuredClone(o);
  assert(c !== o && c.self === c);
  assert(c.a === c.b && c.list[0] === c.a && c.a !== shared);
  assert(c.list[1] === c.list);
  const m = new Map();
  m.set(m, m);
  const cm = structuredClone(m);
  assert(cm.get(cm) === cm);
});

test('errors keep their class, message, cause and stack', () => {
  for (const E of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
    const e = new E('msg ' + E.name);
    const c = structuredClone(e);
    assert(c !== e && c instanceof E, E.name);
    assertEquals([c.name, c.message], [E.name, 'msg ' + E.name]);
    assertEquals(typeof c.stack, 'string');
  }
  const withCause = new Error('outer', { cause: { inner: [1] } });
  const c = structuredClone(withCause);
  assertEquals(c.cause, { inner: [1] });
  assert(c.cause !== withCause.cause);
  assertEquals(Object.getOwnPropertyDescriptor(c, 'cause').enumerable, false);
  assertEquals(Object.prototype.hasOwnProperty.call(structuredClone(new Error()), 'message'), false);
});

test('error names outside the standard set become Error', () => {
  class MyError extends TypeError { constructor() { super('mine'); this.name = 'MyError'; } }
  const c = structuredClone(new MyError());
  assertEquals(Object.getPrototypeOf(c), Error.prototype);
  assertEquals([c.name, c.message], ['Error', 'mine']);
  const renamed = new Error('r');
  renamed.name = 'RangeError';
  assert(structuredClone(renamed) instanceof RangeError);
  const agg = structuredClone(new AggregateError([1], 'agg'));
  assertEquals([agg.constructor, agg.message], [Error, 'agg']);
  const self = new Error('cyclic');
  self.cause = self;
  const cs = structuredClone(self);
  assert(cs.cause === cs);
});

test('functions cannot be cloned', () => {
  dataCloneError(() => structuredClone(function () {}), 'function () {} could not be cloned.');
  dataCloneError(() => structuredClone(() => 1), '() => 1 could not be cloned.');
  dataCloneError(() => structuredClone({ nested: [class A {}] }), 'class A {} could not be cloned.');
  dataCloneError(() => structuredClone(Math.max), 'function max() { [native code] } could not be cloned.');
});

test('symbols and objects with internal state cannot be cloned', () => {
  dataCloneError(() => structuredClone(Symbol('x')), 'Symbol(x) could not be cloned.');
  dataCloneError(() => structuredClone({ s: Symbol() }), 'Symbol() could not be cloned.');
  dataCloneError(() => structuredClone(Promise.resolve(1)), '#<Promise> could not be cloned.');
  dataCloneError(() => structuredClone(new WeakMap()), '#<WeakMap> could not be cloned.');
  dataCloneError(() => structuredClone(new WeakSet()), '#<WeakSet> could not be cloned.');
  dataCloneError(() => structuredClone(new Proxy({}, {})), '#<Object> could not be cloned.');
});

test('host objects: DOMException is serializable, others are not (workerd message)', () => {
  const d = structuredClone(new DOMException('m', 'AbortError'));
  assert(d instanceof DOMException);
  assertEquals([d.name, d.message, d.code], ['AbortError', 'm', 20]);
  dataCloneError(() => structuredClone(new Event('x')),
    'Could not serialize object of type "Event". This type does not support serialization.');
  dataCloneError(() => structuredClone({ signal: new AbortController().signal }),
    'Could not serialize object of type "AbortSignal". This type does not support serialization.');
});

test('exceptions from getters propagate', () => {
  const o = { get bad() { throw new RangeError('from getter'); } };
  assertThrows(() => structuredClone(o), 'RangeError', 'from getter');
});

test('transfer detaches the source buffer', () => {
  const buf = new Uint8Array([1, 2, 3]).buffer;
  const view = new Uint8Array(buf, 1);
  const c = structuredClone({ buf, view }, { transfer: [buf] });
  assertEquals(buf.byteLength, 0);
  assertEquals(c.buf.byteLength, 3);
  assert(c.view.buffer === c.buf);
  assertEquals(Array.from(c.view), [2, 3]);
  // The transferred buffer is returned even when it is not part of the value.
  const other = new ArrayBuffer(4);
  assertEquals(structuredClone(1, { transfer: [other] }), 1);
  assertEquals(other.byteLength, 0);
});

test('transfer list: views stand for their buffers, other objects throw (workerd)', () => {
  const u8 = new Uint8Array([5, 6]);
  const c = structuredClone(u8, { transfer: [u8, u8.buffer] });
  assertEquals(Array.from(c), [5, 6]);
  assertEquals(u8.buffer.byteLength, 0);
  assertThrows(() => structuredClone(1, { transfer: [{}] }), 'TypeError', 'Object is not transferable');
  assertThrows(() => structuredClone(1, { transfer: [1] }), 'TypeError', 'Object is not transferable');
  assertThrows(() => structuredClone(1, { transfer: 5 }), 'TypeError');
  assertThrows(() => structuredClone(1, 'options'), 'TypeError');
  assertEquals(structuredClone(2, { transfer: undefined }), 2);
  assertEquals(structuredClone(3, null), 3);
});

test('detached buffers cannot be cloned or transferred', () => {
  const buf = new ArrayBuffer(2);
  structuredClone(buf, { transfer: [buf] });
  dataCloneError(() => structuredClone(buf), 'An ArrayBuffer is detached and could not be cloned.');
  dataCloneError(() => structuredClone(0, { transfer: [buf] }), 'An ArrayBuffer is detached and could not be cloned.');
});

test('a failed clone does not detach the transfer list', () => {
  const buf = new ArrayBuffer(2);
  dataCloneError(() => structuredClone({ buf, f() {} }, { transfer: [buf] }));
  assertEquals(buf.byteLength, 2);
});

test('structuredClone needs an argument', () => {
  assertThrows(() => structuredClone(), 'TypeError', '1 argument required');
  assertEquals(structuredClone.length, 1);
  assertEquals(structuredClone.name, 'structuredClone');
});

test('patched built-ins do not change the result', () => {
  const m = new Map([[1, 2]]);
  const set = Map.prototype.set;
  const forEach = Map.prototype.forEach;
  Map.prototype.set = function () { throw new Error('patched set'); };
  Map.prototype.forEach = function () { throw new Error('patched forEach'); };
  try {
    const c = structuredClone(m);
    assert(c instanceof Map && c !== m);
    set.call(m, 3, 4);
    assertEquals(Array.from(c.keys()), [1]);
  } finally {
    Map.prototype.set = set;
    Map.prototype.forEach = forEach;
  }
});
