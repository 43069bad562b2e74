// Blob behaviour (File API §3). Uses only the jstest globals, so it can run under workerd too.

async function bytesOf(blob) {
  return Array.from(new Uint8Array(await blob.arrayBuffer()));
}

test('new Blob() is empty', async () => {
  for (const b of [new Blob(), new Blob([]), new Blob(undefined), new Blob([], undefined), new Blob([], null)]) {
    assertEquals(b.size, 0);
    assertEquals(b.type, '');
    assertEquals(await b.text(), '');
  }
});

test('string parts are UTF-8', async () => {
  const b = new Blob(['a', 'é', '€', '😀']);
  assertEquals(b.size, 1 + 2 + 3 + 4);
  assertEquals(await b.text(), 'aé€😀');
  assertEquals(await bytesOf(new Blob(['é'])), [0xc3, 0xa9]);
});

test('lone surrogates in strings become U+FFFD', async () => {
  assertEquals(await bytesOf(new Blob(['\ud800'])), [0xef, 0xbf, 0xbd]);
  assertEquals(await new Blob(['a\udc00b']).text(), 'a\ufffdb');
});

test('ArrayBuffer, typed arrays and DataView parts', async () => {
  const ab = new Uint8Array([1, 2, 3, 4]).buffer;
  const parts = [
    ab,
    new Uint8Array(ab, 1, 2),
    new Uint16Array([0x0605]),
    new DataView(ab, 3, 1),
    new Int8Array([-1]),
    new Float32Array(0),
  ];
  assertEquals(await bytesOf(new Blob(parts)), [1, 2, 3, 4, 2, 3, 5, 6, 4, 255]);
});

test('Blob parts are concatenated, and other objects are converted to strings', async () => {
  const inner = new Blob(['in', 'ner'], { type: 'text/x' });
  const obj = { toString() { return 'obj'; } };
  const b = new Blob([inner, '|', obj, '|', 12, '|', null, '|', undefined, '|', [1, 2]]);
  assertEquals(await b.text(), 'inner|obj|12|null|undefined|1,2');
  assertEquals(b.type, '');
});

test('buffers are copied at construction', async () => {
  const u8 = new Uint8Array([1, 2, 3]);
  const b = new Blob([u8]);
  u8[0] = 9;
  assertEquals(await bytesOf(b), [1, 2, 3]);
  const out = new Uint8Array(await b.arrayBuffer());
  out[1] = 9;
  assertEquals(await bytesOf(b), [1, 2, 3], 'arrayBuffer() returns a copy');
});

test('blobParts may be any iterable', async () => {
  function* gen() { yield 'a'; yield 'b'; }
  assertEquals(await new Blob(gen()).text(), 'ab');
  assertEquals(await new Blob(new Set(['x', 'y'])).text(), 'xy');
  const iterable = { [Symbol.iterator]: () => ['c', 'd'][Symbol.iterator]() };
  assertEquals(await new Blob(iterable).text(), 'cd');
});

test('blobParts that is not a sequence throws TypeError', () => {
  for (const bad of [null, 'abc', 123, true, {}, { length: 1, 0: 'a' }, new Date()]) {
    assertThrows(() => new Blob(bad), 'TypeError', 'cannot be converted to a sequence');
  }
});

test('options must be an object', () => {
  assertThrows(() => new Blob([], 'text/plain'), 'TypeError');
  assertThrows(() => new Blob([], 1), 'TypeError');
});

test('type is lower-cased; any character outside U+0020..U+007E makes it empty', () => {
  const cases = [
    ['text/plain', 'text/plain'],
    ['TEXT/HTML;Charset=UTF-8', 'text/html;charset=utf-8'],
    ['not a mime type at all', 'not a mime type at all'],
    ['text/plain\u0000', ''],
    ['text/\u000aplain', ''],
    ['text/plain\u007f', ''],
    ['tëxt/plain', ''],
    ['', ''],
  ];
  for (const [input, want] of cases) {
    assertEquals(new Blob([], { type: input }).type, want, JSON.stringify(input));
  }
  assertEquals(new Blob([], { type: { toString: () => 'A/B' } }).type, 'a/b');
});

test('endings: transparent keeps line breaks, native makes them LF in strings only', async () => {
  const s = 'a\r\nb\rc\nd';
  assertEquals(await new Blob([s]).text(), s);
  assertEquals(await new Blob([s], { endings: 'transparent' }).text(), s);
  assertEquals(await new Blob([s], { endings: 'native' }).text(), 'a\nb\nc\nd');
  const bytes = new Uint8Array([13, 10]);
  assertEquals(await bytesOf(new Blob([bytes], { endings: 'native' })), [13, 10]);
  assertThrows(() => new Blob([], { endings: 'NATIVE' }), 'TypeError', 'EndingType');
  assertThrows(() => new Blob([], { endings: 'other' }), 'TypeError', 'EndingType');
});

test('arguments are converted in WebIDL order: parts, then options members A to Z', async () => {
  const log = [];
  const part = { toString() { log.push('part'); return 'x\r\n'; } };
  const b = new Blob([part], {
    get type() { log.push('type'); return 'a/b'; },
    get endings() { log.push('endings'); return 'native'; },
  });
  assertEquals(log, ['part', 'endings', 'type']);
  assertEquals(await b.text(), 'x\n');
});

test('size and type are prototype accessors; instances have no own properties', () => {
  const b = new Blob(['abc'], { type: 'x/y' });
  assertEquals(Object.keys(b), []);
  assertEquals(Object.getOwnPropertyNames(b), []);
  const size = Object.getOwnPropertyDescriptor(Blob.prototype, 'size');
  assertEquals(typeof size.get, 'function');
  assertEquals(size.set, undefined);
  assertEquals(size.enumerable, true);
  b.extra = 1;
  assertEquals(b.extra, 1, 'user-added properties are kept');
  b.size = 10;
  assertEquals(b.size, 3, 'size is read-only');
});

test('toStringTag, constructor name and length', () => {
  assertEquals(Object.prototype.toString.call(new Blob()), '[object Blob]');
  assertEquals(Blob.name, 'Blob');
  assertEquals(Blob.length, 0);
  assertEquals(Blob.prototype.slice.length, 0);
});

test('methods check their receiver', async () => {
  const get = Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get;
  assertThrows(() => get.call({}), 'TypeError', 'Illegal invocation');
  assertThrows(() => Blob.prototype.slice.call({}), 'TypeError');
  assertThrows(() => Blob.prototype.text.call(new Uint8Array(1)), 'TypeError');
});

test('slice with no arguments copies the whole Blob without its type', async () => {
  const b = new Blob(['hello'], { type: 'text/plain' });
  const s = b.slice();
  assert(s !== b);
  assertEquals(s.size, 5);
  assertEquals(s.type, '');
  assertEquals(await s.text(), 'hello');
});

test('slice indices: negative from the end, clamped, end before start is empty', async () => {
  const b = new Blob(['0123456789']);
  const cases = [
    [[0, 5], '01234'],
    [[5], '56789'],
    [[-3], '789'],
    [[-3, -1], '78'],
    [[2, -2], '234567'],
    [[-100, 3], '012'],
    [[8, 100], '89'],
    [[100], ''],
    [[5, 2], ''],
    [[-2, -5], ''],
    [[0, 0], ''],
    [[NaN, NaN], ''],
    [[undefined, undefined], '0123456789'],
    [[1.5, 4.5], '1234'], // [Clamp] rounds half to even: 2 and 4 ... see below
    [['3', '6'], '345'],
    [[-Infinity, Infinity], '0123456789'],
    [[Infinity], ''],
    [[null, 4], '0123'],
  ];
  for (const [args, want] of cases) {
    let w = want;
    if (args[0] === 1.5) w = '23'; // 1.5 → 2, 4.5 → 4
    assertEquals(await b.slice(...args).text(), w, 'slice(' + args.map(String).join(', ') + ')');
  }
});

test('slice contentType is normalised like the constructor type', () => {
  const b = new Blob(['x'], { type: 'a/b' });
  assertEquals(b.slice(0, 1, 'TEXT/Plain').type, 'text/plain');
  assertEquals(b.slice(0, 1, 'bad\u0001').type, '');
  assertEquals(b.slice(0, 1, undefined).type, '');
  assertEquals(b.slice(0, 1, null).type, 'null');
});

test('slices of slices', async () => {
  const b = new Blob(['abcdefghij']);
  const s = b.slice(2, 8).slice(1, -1).slice(-2);
  assertEquals(await s.text(), 'fg');
  assertEquals(s.size, 2);
});

test('slice of a multi-byte character slices bytes', async () => {
  const b = new Blob(['é']);
  assertEquals(await bytesOf(b.slice(1)), [0xa9]);
  assertEquals(await b.slice(1).text(), '\ufffd');
});

test('arrayBuffer, bytes and text return promises of fresh values', async () => {
  const b = new Blob([new Uint8Array([104, 105])]);
  const p = b.arrayBuffer();
  assert(p instanceof Promise);
  const ab = await p;
  assert(ab instanceof ArrayBuffer);
  assertEquals(ab.byteLength, 2);
  const u8 = await b.bytes();
  assert(u8 instanceof Uint8Array);
  assertEquals(Array.from(u8), [104, 105]);
  assert(u8.buffer !== ab);
  assertEquals(await b.text(), 'hi');
});

test('text() decodes UTF-8 with replacement characters and strips one BOM', async () => {
  const cases = [
    [[0xef, 0xbb, 0xbf, 0x61], 'a'],
    [[0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], '\ufeff'],
    [[0xff, 0x61], '\ufffda'],
    [[0xe2, 0x82, 0x61], '\ufffda'], // a truncated sequence is one U+FFFD
    [[0xf0, 0x9f, 0x98], '\ufffd'],
    [[0xc0, 0x80], '\ufffd\ufffd'], // overlong: every byte is an error
    [[0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'], // surrogate
  ];
  for (const [bytes, want] of cases) {
    assertEquals(await new Blob([new Uint8Array(bytes)]).text(), want, JSON.stringify(bytes));
  }
});

test('stream() yields the bytes', async () => {
  const b = new Blob(['stream', new Uint8Array([0, 255])]);
  const s = b.stream();
  assert(s instanceof ReadableStream);
  const reader = s.getReader();
  const got = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    assert(value instanceof Uint8Array);
    got.push(...value);
  }
  assertEquals(got, [115, 116, 114, 101, 97, 109, 0, 255]);
});

test('stream() of an empty Blob closes at once', async () => {
  const r = new Blob().stream().getReader();
  assertEquals((await r.read()).done, true);
});

test('stream() chunks are copies', async () => {
  const b = new Blob(['abc']);
  const { value } = await b.stream().getReader().read();
  value[0] = 0;
  assertEquals(await b.text(), 'abc');
});

test('subclasses work', async () => {
  class MyBlob extends Blob {
    hello() { return 'hi ' + this.size; }
  }
  const b = new MyBlob(['abc']);
  assert(b instanceof MyBlob);
  assert(b instanceof Blob);
  assertEquals(b.hello(), 'hi 3');
  assertEquals(await b.text(), 'abc');
});

test('Blob over 128 MiB is a RangeError', () => {
  const big = new ArrayBuffer(128 * 1024 * 1024);
  assertThrows(() => new Blob(['x', big]), 'RangeError', 'Blob size 134217729 exceeds limit 134217728');
});
