// URLSearchParams (https://url.spec.whatwg.org/#interface-urlsearchparams).

test('constructed from a string', () => {
  assertEquals(new URLSearchParams('a=1&b=2&a=3').getAll('a'), ['1', '3']);
  assertEquals(new URLSearchParams('?a=1').get('a'), '1');
  assertEquals(new URLSearchParams('??a=1').get('?a'), '1'); // only one ? is stripped
  assertEquals([...new URLSearchParams('a&=b&c=&&d=e=f')], [['a', ''], ['', 'b'], ['c', ''], ['d', 'e=f']]);
  assertEquals(new URLSearchParams('').size, 0);
  assertEquals(new URLSearchParams().size, 0);
  assertEquals(new URLSearchParams(undefined).size, 0);
  assertEquals(new URLSearchParams(null).get('null'), '');
  assertEquals(new URLSearchParams(12).has('12'), true);
});

test('+ and %20 decode to spaces; %2B stays a plus', () => {
  const p = new URLSearchParams('a+b=c+d&e%20f=g%20h&i=%2B&j=%zz&k=%');
  assertEquals(p.get('a b'), 'c d');
  assertEquals(p.get('e f'), 'g h');
  assertEquals(p.get('i'), '+');
  assertEquals(p.get('j'), '%zz');
  assertEquals(p.get('k'), '%');
});

test('percent-decoded bytes are UTF-8 decoded with replacement', () => {
  const p = new URLSearchParams('a=%C3%A9&b=%FF&c=%F0%9F%98&d=%F0%9F%98%80&e=%E2%82');
  assertEquals(p.get('a'), '\u00e9');
  assertEquals(p.get('b'), '\ufffd');
  assertEquals(p.get('c'), '\ufffd');
  assertEquals(p.get('d'), '\ud83d\ude00');
  assertEquals(p.get('e'), '\ufffd');
});

test('constructed from a sequence of pairs', () => {
  const p = new URLSearchParams([['a', '1'], ['b', 2], ['a', '3']]);
  assertEquals(p.toString(), 'a=1&b=2&a=3');
  const fromIterable = new URLSearchParams(new Map([['x', 'y']]));
  assertEquals(fromIterable.get('x'), 'y');
  function* gen() { yield ['g', '1']; yield new Set(['h', '2']); }
  assertEquals(new URLSearchParams(gen()).toString(), 'g=1&h=2');
  assertThrows(() => new URLSearchParams([['a']]), 'TypeError', 'Invalid URL search params sequence.');
  assertThrows(() => new URLSearchParams([['a', 'b', 'c']]), 'TypeError');
  assertThrows(() => new URLSearchParams([1]), 'TypeError');
  assertThrows(() => new URLSearchParams(['ab']), 'TypeError');
});

test('constructed from another URLSearchParams (a copy)', () => {
  const a = new URLSearchParams('x=1&y=2');
  const b = new URLSearchParams(a);
  b.append('z', '3');
  assertEquals(a.toString(), 'x=1&y=2');
  assertEquals(b.toString(), 'x=1&y=2&z=3');
  const viaUrl = new URLSearchParams(new URL('http://h/?k=v').searchParams);
  assertEquals(viaUrl.get('k'), 'v');
  // A subclass with its own iterator is read through that iterator.
  class Custom extends URLSearchParams { *[Symbol.iterator]() { yield ['y', '2']; } }
  assertEquals(new URLSearchParams(new Custom('x=1')).toString(), 'y=2');
});

test('constructed from a record', () => {
  const p = new URLSearchParams({ a: '1', b: 2, c: undefined });
  assertEquals([...p], [['a', '1'], ['b', '2'], ['c', 'undefined']]);
  const proto = Object.create({ inherited: 'x' });
  proto.own = 'y';
  assertEquals([...new URLSearchParams(proto)], [['own', 'y']]);
  const hidden = {};
  Object.defineProperty(hidden, 'h', { value: '1', enumerable: false });
  assertEquals(new URLSearchParams(hidden).size, 0);
  // Keys that become equal after USVString conversion keep the first position and last value.
  const dup = new URLSearchParams({ '\ud835x': '1', xx: '2', '\ud83dx': '3' });
  assertEquals([...dup], [['\ufffdx', '3'], ['xx', '2']]);
  assertThrows(() => new URLSearchParams({ [Symbol('s')]: 1 }), 'TypeError');
});

test('append, get, getAll, has', () => {
  const p = new URLSearchParams();
  p.append('a', '1');
  p.append('a', 2);
  p.append('b', null);
  assertEquals(p.get('a'), '1');
  assertEquals(p.getAll('a'), ['1', '2']);
  assertEquals(p.getAll('zz'), []);
  assertEquals(p.get('zz'), null);
  assertEquals(p.get('b'), 'null');
  assertEquals(p.has('a'), true);
  assertEquals(p.has('a', '2'), true);
  assertEquals(p.has('a', '3'), false);
  assertEquals(p.has('a', undefined), true);
  assertEquals(p.has('c'), false);
  assertThrows(() => p.append('x'), 'TypeError');
  assertThrows(() => p.get(), 'TypeError');
});

test('delete with and without a value', () => {
  const p = new URLSearchParams('a=1&b=2&a=3&a=1');
  p.delete('a', '1');
  assertEquals(p.toString(), 'b=2&a=3');
  p.delete('a', undefined);
  assertEquals(p.toString(), 'b=2');
  p.delete('nothing');
  assertEquals(p.toString(), 'b=2');
});

test('set replaces the first match and removes the rest', () => {
  const p = new URLSearchParams('a=1&b=2&a=3&c=4');
  p.set('a', 'x');
  assertEquals(p.toString(), 'a=x&b=2&c=4');
  p.set('d', 'y');
  assertEquals(p.toString(), 'a=x&b=2&c=4&d=y');
});

test('sort is stable and orders by UTF-16 code units', () => {
  const p = new URLSearchParams('z=1&a=2&z=3&a=4&b=5');
  p.sort();
  assertEquals(p.toString(), 'a=2&a=4&b=5&z=1&z=3');
  // U+FFFD (0xFFFD) sorts after an astral character (lead surrogate 0xD83D) in UTF-16,
  // though it is the smaller code point.
  const q = new URLSearchParams([['\ufffd', 'x'], ['\ud83d\ude00', 'y'], ['\ufffd', 'z'], ['a', 'w']]);
  q.sort();
  assertEquals([...q].map((e) => e[1]), ['w', 'y', 'x', 'z']);
  const r = new URLSearchParams([['ab', '1'], ['a', '2'], ['', '3']]);
  r.sort();
  assertEquals([...r].map((e) => e[0]), ['', 'a', 'ab']);
});

test('toString serializes with the form encoding', () => {
  const p = new URLSearchParams();
  p.append('a b', 'c+d');
  p.append('é', '&=?#/%');
  p.append('*-._', '~!\'()');
  p.append('', '');
  assertEquals(p.toString(), 'a+b=c%2Bd&%C3%A9=%26%3D%3F%23%2F%25&*-._=%7E%21%27%28%29&=');
  p.append('s', '\ud800');
  assert(p.toString().endsWith('&s=%EF%BF%BD'));
  assertEquals(String(new URLSearchParams('a=b')), 'a=b');
});

test('size', () => {
  const p = new URLSearchParams('a=1&a=2&b=3');
  assertEquals(p.size, 3);
  p.delete('a');
  assertEquals(p.size, 1);
});

test('iteration: entries, keys, values, Symbol.iterator', () => {
  const p = new URLSearchParams('a=1&b=2');
  assertEquals([...p], [['a', '1'], ['b', '2']]);
  assertEquals([...p.entries()], [['a', '1'], ['b', '2']]);
  assertEquals([...p.keys()], ['a', 'b']);
  assertEquals([...p.values()], ['1', '2']);
  assert(URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries);
  const it = p.keys();
  assertEquals(Object.prototype.toString.call(it), '[object URLSearchParams Iterator]');
  assert(it[Symbol.iterator]() === it, 'iterators are iterable');
  assertEquals(it.next(), { value: 'a', done: false });
  assertEquals(it.next(), { value: 'b', done: false });
  assertEquals(it.next(), { value: undefined, done: true });
  assertEquals(it.next(), { value: undefined, done: true });
  const entries = [];
  for (const [k, v] of new URLSearchParams('x=1')) entries.push(k + v);
  assertEquals(entries, ['x1']);
});

test('iterators see live mutation', () => {
  const p = new URLSearchParams('a=1&b=2&c=3');
  const seen = [];
  for (const [k] of p) {
    seen.push(k);
    if (k === 'a') p.delete('b');
    if (k === 'c') p.append('d', '4');
  }
  assertEquals(seen, ['a', 'c', 'd']);
  const it = new URLSearchParams('a=1').values();
  const q = new URLSearchParams('x=1');
  assertThrows(() => it.next.call(q), 'TypeError', 'Illegal invocation');
});

test('forEach passes (value, key, params) and sees live mutation', () => {
  const p = new URLSearchParams('a=1&b=2&c=3');
  const seen = [];
  p.forEach(function (value, key, self) {
    seen.push([key, value, self === p, this.tag]);
    if (key === 'a') p.delete('b');
  }, { tag: 't' });
  assertEquals(seen, [['a', '1', true, 't'], ['c', '3', true, 't']]);
  assertThrows(() => p.forEach(), 'TypeError');
  assertThrows(() => p.forEach('x'), 'TypeError');
  assertThrows(() => p.forEach(() => { throw new RangeError('stop'); }), 'RangeError', 'stop');
});

test('brand checks and class shape', () => {
  const p = new URLSearchParams('a=1');
  assertEquals(Object.prototype.toString.call(p), '[object URLSearchParams]');
  assertThrows(() => URLSearchParams.prototype.get.call({}, 'a'), 'TypeError', 'Illegal invocation');
  assertThrows(() => URLSearchParams.prototype.get.call(new URL('http://a/'), 'a'), 'TypeError');
  assertEquals(Object.keys(p), []);
  p.custom = 'kept';
  assertEquals(p.custom, 'kept');
});
