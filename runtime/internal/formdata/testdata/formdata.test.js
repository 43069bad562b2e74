// FormData behaviour (XHR Standard §5, with Workers' choices). Uses only the jstest globals, so
// it can run under workerd too (except where the test names say edge).

function entriesOf(fd) {
  return Array.from(fd, ([k, v]) => [k, typeof v === 'string' ? v : 'File:' + v.name]);
}

test('new FormData() is empty', () => {
  const fd = new FormData();
  assertEquals(Array.from(fd), []);
  assertEquals(fd.get('x'), null);
  assertEquals(fd.getAll('x'), []);
  assertEquals(fd.has('x'), false);
  assertEquals(Object.prototype.toString.call(fd), '[object FormData]');
  assertEquals(FormData.length, 0);
  new FormData(undefined);
});

test('edge: constructing from a form element is not available', () => {
  for (const arg of [{}, null, 'form', 0]) {
    assertThrows(() => new FormData(arg), 'TypeError', "not of type 'HTMLFormElement'");
  }
});

test('append keeps insertion order and duplicates', () => {
  const fd = new FormData();
  fd.append('a', '1');
  fd.append('b', '2');
  fd.append('a', '3');
  assertEquals(entriesOf(fd), [['a', '1'], ['b', '2'], ['a', '3']]);
  assertEquals(fd.get('a'), '1');
  assertEquals(fd.getAll('a'), ['1', '3']);
  assertEquals(fd.getAll('b'), ['2']);
  assertEquals(fd.has('a'), true);
  assertEquals(fd.has('A'), false, 'names are case-sensitive');
});

test('values that are not Blobs become strings', () => {
  const fd = new FormData();
  fd.append('n', 1);
  fd.append('u', undefined);
  fd.append('z', null);
  fd.append('o', { toString() { return 'obj'; } });
  fd.append('b', true);
  fd.append('arr', [1, 2]);
  fd.append('buf', new Uint8Array([65]));
  fd.append(7, 'name7');
  assertEquals(Array.from(fd), [['n', '1'], ['u', 'undefined'], ['z', 'null'], ['o', 'obj'], ['b', 'true'],
    ['arr', '1,2'], ['buf', '65'], ['7', 'name7']]);
  assertThrows(() => fd.append('s', Symbol('x')), 'TypeError');
});

test('names and values are USVStrings', () => {
  const fd = new FormData();
  fd.append('a\ud800', 'b\udc00');
  assertEquals(Array.from(fd), [['a\ufffd', 'b\ufffd']]);
  assertEquals(fd.get('a\udfff'), 'b\ufffd', 'lookups convert too');
});

test('argument counts', () => {
  const fd = new FormData();
  assertThrows(() => fd.append('a'), 'TypeError', "Failed to execute 'append' on 'FormData': 2 arguments required, but only 1 present.");
  assertThrows(() => fd.set('a'), 'TypeError', '2 arguments required');
  assertThrows(() => fd.get(), 'TypeError', '1 argument required, but only 0 present');
  assertThrows(() => fd.getAll(), 'TypeError', '1 argument required');
  assertThrows(() => fd.has(), 'TypeError', '1 argument required');
  assertThrows(() => fd.delete(), 'TypeError', '1 argument required');
  assertThrows(() => fd.forEach(), 'TypeError', '1 argument required');
  assertThrows(() => fd.forEach(1), 'TypeError', "not of type 'Function'");
});

test('a Blob becomes a File named "blob" with the Blob\'s type and bytes', async () => {
  const fd = new FormData();
  const before = Date.now();
  const blob = new Blob(['data'], { type: 'text/plain' });
  fd.append('upload', blob);
  const f = fd.get('upload');
  assert(f instanceof File, 'a File');
  assert(f !== blob);
  assertEquals(f.name, 'blob');
  assertEquals(f.type, 'text/plain');
  assertEquals(await f.text(), 'data');
  assert(f.lastModified >= before && f.lastModified <= Date.now());
});

test('a Blob with a filename', () => {
  const fd = new FormData();
  fd.append('upload', new Blob(['x']), 'name.bin');
  assertEquals(fd.get('upload').name, 'name.bin');
  fd.append('other', new Blob(['x']), 12);
  assertEquals(fd.get('other').name, '12');
});

test('a File is kept as it is, unless a filename is given', async () => {
  const fd = new FormData();
  const file = new File(['hello'], 'orig.txt', { type: 'text/plain', lastModified: 123 });
  file.custom = 'kept';
  fd.append('a', file);
  assertEquals(fd.get('a'), file, 'same object');
  assertEquals(fd.get('a').custom, 'kept');
  fd.append('b', file, 'renamed.txt');
  const r = fd.get('b');
  assert(r !== file);
  assert(r instanceof File);
  assertEquals(r.name, 'renamed.txt');
  assertEquals(r.type, 'text/plain');
  assertEquals(r.lastModified, 123);
  assertEquals(await r.text(), 'hello');
});

test('get returns the same File object every time', () => {
  const fd = new FormData();
  fd.append('f', new Blob(['x']));
  assertEquals(fd.get('f'), fd.get('f'));
  assertEquals(fd.getAll('f')[0], fd.get('f'));
  assertEquals(fd.values().next().value, fd.get('f'));
});

test('a filename with a string value is ignored (workerd)', () => {
  const fd = new FormData();
  fd.append('s', 'value', 'file.txt');
  assertEquals(fd.get('s'), 'value');
});

test('set replaces the first entry with the name and removes the others', () => {
  const fd = new FormData();
  fd.append('a', '1');
  fd.append('b', '2');
  fd.append('a', '3');
  fd.append('c', '4');
  fd.append('a', '5');
  fd.set('a', 'x');
  assertEquals(entriesOf(fd), [['a', 'x'], ['b', '2'], ['c', '4']]);
  fd.set('d', 'new');
  assertEquals(entriesOf(fd), [['a', 'x'], ['b', '2'], ['c', '4'], ['d', 'new']]);
  fd.set('b', new Blob(['y']), 'y.txt');
  assertEquals(entriesOf(fd), [['a', 'x'], ['b', 'File:y.txt'], ['c', '4'], ['d', 'new']]);
  fd.set('b', new Blob(['y']));
  assertEquals(fd.get('b').name, 'blob');
});

test('delete removes every entry with the name', () => {
  const fd = new FormData();
  fd.append('a', '1');
  fd.append('b', '2');
  fd.append('a', '3');
  fd.delete('a');
  assertEquals(entriesOf(fd), [['b', '2']]);
  fd.delete('missing');
  assertEquals(entriesOf(fd), [['b', '2']]);
  fd.delete('b');
  assertEquals(entriesOf(fd), []);
});

test('entries, keys, values and Symbol.iterator iterate in insertion order', () => {
  const fd = new FormData();
  fd.append('a', '1');
  fd.append('f', new Blob([]), 'f.bin');
  fd.append('a', '2');
  assertEquals(Array.from(fd.keys()), ['a', 'f', 'a']);
  const values = Array.from(fd.values());
  assertEquals(values[0], '1');
  assertEquals(values[1].name, 'f.bin');
  assertEquals(values[2], '2');
  assertEquals(entriesOf({ [Symbol.iterator]: () => fd.entries() }), [['a', '1'], ['f', 'File:f.bin'], ['a', '2']]);
  assertEquals(FormData.prototype[Symbol.iterator], FormData.prototype.entries);
  const seen = [];
  for (const [k, v] of fd) seen.push(k + '=' + (typeof v));
  assertEquals(seen, ['a=string', 'f=object', 'a=string']);
});

test('iterators are live and finish for good', () => {
  const fd = new FormData();
  fd.append('a', '1');
  const it = fd.keys();
  assertEquals(it.next(), { value: 'a', done: false });
  fd.append('b', '2');
  assertEquals(it.next(), { value: 'b', done: false });
  assertEquals(it.next(), { value: undefined, done: true });
  fd.append('c', '3');
  assertEquals(it.next(), { value: undefined, done: true }, 'done stays done');
});

test('iterator objects', () => {
  const it = new FormData().entries();
  assertEquals(Object.prototype.toString.call(it), '[object FormData Iterator]');
  assertEquals(typeof it.next, 'function');
  assertEquals(it[Symbol.iterator](), it, 'inherits %IteratorPrototype%');
  assertThrows(() => it.next.call({}), 'TypeError');
});

test('forEach passes value, name and the FormData, with thisArg', () => {
  const fd = new FormData();
  fd.append('a', '1');
  fd.append('b', '2');
  const seen = [];
  const self = {};
  fd.forEach(function (value, name, obj) {
    assertEquals(this, self);
    assertEquals(obj, fd);
    seen.push([name, value]);
  }, self);
  assertEquals(seen, [['a', '1'], ['b', '2']]);
});

test('forEach sees entries appended during the walk', () => {
  const fd = new FormData();
  fd.append('a', '1');
  const seen = [];
  fd.forEach((v, k) => {
    seen.push(k);
    if (k === 'a') fd.append('b', '2');
  });
  assertEquals(seen, ['a', 'b']);
});

test('exceptions from forEach callbacks propagate', () => {
  const fd = new FormData();
  fd.append('a', '1');
  assertThrows(() => fd.forEach(() => { throw new RangeError('boom'); }), 'RangeError', 'boom');
});

test('methods check their receiver', () => {
  assertThrows(() => FormData.prototype.get.call({}, 'a'), 'TypeError', 'Illegal invocation');
  assertThrows(() => FormData.prototype.append.call(new Blob(), 'a', 'b'), 'TypeError');
});

test('instances have no own properties and keep user-added ones', () => {
  const fd = new FormData();
  fd.append('a', '1');
  assertEquals(Object.keys(fd), []);
  fd.note = 'x';
  assertEquals(Object.keys(fd), ['note']);
  assertEquals({ ...fd }, { note: 'x' });
});

test('FormData subclasses', () => {
  class F extends FormData {
    toObject() { return Object.fromEntries(this); }
  }
  const f = new F();
  f.append('k', 'v');
  assertEquals(f.toObject(), { k: 'v' });
});
