// TextEncoder (https://encoding.spec.whatwg.org/#interface-textencoder).

function bytes(u8) { return Array.from(u8); }

test('encoding attribute and class shape', () => {
  const e = new TextEncoder();
  assertEquals(e.encoding, 'utf-8');
  assertEquals(Object.prototype.toString.call(e), '[object TextEncoder]');
  assertEquals(Object.keys(e), []);
  assertThrows(() => TextEncoder.prototype.encode.call({}, 'a'), 'TypeError', 'Illegal invocation');
  assertThrows(() => Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encoding').get.call({}), 'TypeError');
});

test('encode ASCII and multi-byte text', () => {
  const e = new TextEncoder();
  assert(e.encode('abc') instanceof Uint8Array);
  assertEquals(bytes(e.encode('abc')), [0x61, 0x62, 0x63]);
  assertEquals(bytes(e.encode('\u00e9')), [0xc3, 0xa9]);
  assertEquals(bytes(e.encode('\u20ac')), [0xe2, 0x82, 0xac]);
  assertEquals(bytes(e.encode('\ud83d\ude00')), [0xf0, 0x9f, 0x98, 0x80]);
  assertEquals(bytes(e.encode('a\u0000b')), [0x61, 0, 0x62]);
});

test('encode with no argument or undefined gives an empty array', () => {
  const e = new TextEncoder();
  assertEquals(e.encode().length, 0);
  assertEquals(e.encode(undefined).length, 0);
  assertEquals(e.encode('').length, 0);
  assertEquals(e.encode().buffer.byteLength, 0);
});

test('encode converts other values to strings', () => {
  const e = new TextEncoder();
  assertEquals(bytes(e.encode(null)), [0x6e, 0x75, 0x6c, 0x6c]);
  assertEquals(bytes(e.encode(12)), [0x31, 0x32]);
  assertEquals(bytes(e.encode({ toString() { return 'x'; } })), [0x78]);
  assertThrows(() => e.encode(Symbol('s')), 'TypeError');
});

test('lone surrogates become U+FFFD', () => {
  const e = new TextEncoder();
  const fffd = [0xef, 0xbf, 0xbd];
  assertEquals(bytes(e.encode('\ud800')), fffd);
  assertEquals(bytes(e.encode('\udc00')), fffd);
  assertEquals(bytes(e.encode('a\ud800b')), [0x61, ...fffd, 0x62]);
  assertEquals(bytes(e.encode('\udc00\ud800')), [...fffd, ...fffd]);
  assertEquals(bytes(e.encode('\ud800\ud800\udc00')), [...fffd, 0xf0, 0x90, 0x80, 0x80]);
});

test('encode result owns a fresh buffer each time', () => {
  const e = new TextEncoder();
  const a = e.encode('hi');
  const b = e.encode('hi');
  a[0] = 0;
  assertEquals(bytes(b), [0x68, 0x69]);
  assertEquals(a.byteOffset, 0);
  assertEquals(a.buffer.byteLength, 2);
});

test('encodeInto fills the buffer and reports read/written', () => {
  const e = new TextEncoder();
  const u8 = new Uint8Array(8);
  const r = e.encodeInto('hi\u20ac', u8);
  assertEquals(r, { read: 3, written: 5 });
  assertEquals(bytes(u8), [0x68, 0x69, 0xe2, 0x82, 0xac, 0, 0, 0]);
});

test('encodeInto never writes a partial character', () => {
  const e = new TextEncoder();
  let u8 = new Uint8Array(4);
  assertEquals(e.encodeInto('ab\u20ac', u8), { read: 2, written: 2 });
  assertEquals(bytes(u8), [0x61, 0x62, 0, 0]);
  u8 = new Uint8Array(3);
  assertEquals(e.encodeInto('\ud83d\ude00', u8), { read: 0, written: 0 });
  u8 = new Uint8Array(5);
  assertEquals(e.encodeInto('a\ud83d\ude00b', u8), { read: 3, written: 5 });
  assertEquals(e.encodeInto('abc', new Uint8Array(0)), { read: 0, written: 0 });
  assertEquals(e.encodeInto('abcdef', new Uint8Array(3)), { read: 3, written: 3 });
});

test('encodeInto counts UTF-16 code units and replaces lone surrogates', () => {
  const e = new TextEncoder();
  const u8 = new Uint8Array(10);
  assertEquals(e.encodeInto('\ud800x', u8), { read: 2, written: 4 });
  assertEquals(bytes(u8.subarray(0, 4)), [0xef, 0xbf, 0xbd, 0x78]);
});

test('encodeInto writes through a subarray view', () => {
  const e = new TextEncoder();
  const buf = new Uint8Array(6);
  const view = buf.subarray(2, 5);
  assertEquals(e.encodeInto('xyzw', view), { read: 3, written: 3 });
  assertEquals(bytes(buf), [0, 0, 0x78, 0x79, 0x7a, 0]);
});

test('encodeInto requires a Uint8Array', () => {
  const e = new TextEncoder();
  assertThrows(() => e.encodeInto('a', new Uint8ClampedArray(4)), 'TypeError', 'Uint8Array');
  assertThrows(() => e.encodeInto('a', new Int8Array(4)), 'TypeError');
  assertThrows(() => e.encodeInto('a', new ArrayBuffer(4)), 'TypeError');
  assertThrows(() => e.encodeInto('a', [0, 0]), 'TypeError');
  assertThrows(() => e.encodeInto('a'), 'TypeError');
});

test('encodeInto result is a plain object', () => {
  const r = new TextEncoder().encodeInto('', new Uint8Array(1));
  assertEquals(Object.getPrototypeOf(r), Object.prototype);
  assertEquals(Object.keys(r), ['read', 'written']);
});

test('round trip through TextDecoder', () => {
  const s = 'h\u00e9llo w\u00f6rld \u2603 \ud83d\ude00 \u4e2d\u6587';
  assertEquals(new TextDecoder().decode(new TextEncoder().encode(s)), s);
});

test('own properties added by user code are kept', () => {
  const e = new TextEncoder();
  e.custom = 1;
  assertEquals(e.custom, 1);
  assertEquals(Object.keys(e), ['custom']);
});
