// File behaviour (File API §4). Uses only the jstest globals, so it can run under workerd too.

test('File requires bits and a name', () => {
  assertThrows(() => new File(), 'TypeError', '2 arguments required, but only 0 present');
  assertThrows(() => new File([]), 'TypeError', '2 arguments required, but only 1 present');
  assertEquals(File.length, 2);
});

test('name, type, size and content', async () => {
  const f = new File(['ab', new Uint8Array([99])], 'a.txt', { type: 'Text/Plain' });
  assertEquals(f.name, 'a.txt');
  assertEquals(f.type, 'text/plain');
  assertEquals(f.size, 3);
  assertEquals(await f.text(), 'abc');
});

test('name is converted to a string', () => {
  assertEquals(new File([], 1).name, '1');
  assertEquals(new File([], undefined).name, 'undefined');
  assertEquals(new File([], null).name, 'null');
  assertEquals(new File([], 'a\ud800').name, 'a\ufffd');
  assertEquals(new File([], 'dir/x.txt').name, 'dir/x.txt');
});

test('lastModified defaults to now', () => {
  const before = Date.now();
  const f = new File([], 'x');
  const after = Date.now();
  assert(f.lastModified >= before && f.lastModified <= after, String(f.lastModified));
  assertEquals(typeof f.lastModified, 'number');
});

test('lastModified option', () => {
  assertEquals(new File([], 'x', { lastModified: 42 }).lastModified, 42);
  assertEquals(new File([], 'x', { lastModified: 0 }).lastModified, 0);
  assertEquals(new File([], 'x', { lastModified: -1 }).lastModified, -1);
  assertEquals(new File([], 'x', { lastModified: NaN }).lastModified, 0);
  assertEquals(new File([], 'x', { lastModified: '7' }).lastModified, 7);
  assertEquals(new File([], 'x', { lastModified: new Date(12345) }).lastModified, 12345);
});

test('File options are read in WebIDL order after the parts and the name', () => {
  const log = [];
  new File([{ toString() { log.push('part'); return ''; } }], { toString() { log.push('name'); return 'n'; } }, {
    get type() { log.push('type'); return ''; },
    get lastModified() { log.push('lastModified'); return 1; },
    get endings() { log.push('endings'); return 'transparent'; },
  });
  assertEquals(log, ['part', 'name', 'endings', 'lastModified', 'type']);
});

test('File inherits from Blob', async () => {
  const f = new File(['xyz'], 'f');
  assert(f instanceof File);
  assert(f instanceof Blob);
  assertEquals(Object.getPrototypeOf(File.prototype), Blob.prototype);
  assertEquals(Object.getPrototypeOf(File), Blob);
  assertEquals(Object.prototype.toString.call(f), '[object File]');
  assertEquals(File.name, 'File');
  // Blob's members work on Files.
  assertEquals(f.size, 3);
  assertEquals(await f.slice(1).text(), 'yz');
  assertEquals(Array.from(await f.bytes()), [120, 121, 122]);
});

test('slicing a File gives a Blob', () => {
  const s = new File(['abc'], 'f', { type: 'a/b' }).slice(0, 1);
  assert(s instanceof Blob);
  assert(!(s instanceof File));
  assertEquals(s.type, '');
});

test('a Blob is not a File', () => {
  const b = new Blob(['x']);
  assert(!(b instanceof File));
  const name = Object.getOwnPropertyDescriptor(File.prototype, 'name').get;
  assertThrows(() => name.call(b), 'TypeError', 'Illegal invocation');
  assertThrows(() => name.call({}), 'TypeError', 'Illegal invocation');
  assertEquals(b.name, undefined);
});

test('File and Blob parts', async () => {
  const inner = new File(['in'], 'inner.txt', { type: 'text/plain' });
  const f = new File([inner, new Blob(['-']), inner], 'outer');
  assertEquals(await f.text(), 'in-in');
  assertEquals(f.type, '');
  assertEquals(f.name, 'outer');
});

test('name and lastModified are prototype accessors', () => {
  const f = new File([], 'x');
  assertEquals(Object.keys(f), []);
  const d = Object.getOwnPropertyDescriptor(File.prototype, 'lastModified');
  assertEquals(typeof d.get, 'function');
  assertEquals(d.set, undefined);
  assertEquals(Object.prototype.hasOwnProperty.call(File.prototype, 'size'), false);
});

test('File subclasses', () => {
  class Upload extends File {
    get ext() { return this.name.split('.').pop(); }
  }
  const u = new Upload(['1'], 'x.png', { type: 'image/png' });
  assert(u instanceof Upload && u instanceof File && u instanceof Blob);
  assertEquals(u.ext, 'png');
  assertEquals(u.type, 'image/png');
});
