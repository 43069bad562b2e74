// TextDecoder (https://encoding.spec.whatwg.org/#interface-textdecoder).

const FFFD = '\ufffd';

function u8(...b) { return new Uint8Array(b); }

test('defaults', () => {
  const d = new TextDecoder();
  assertEquals(d.encoding, 'utf-8');
  assertEquals(d.fatal, false);
  assertEquals(d.ignoreBOM, false);
  assertEquals(Object.prototype.toString.call(d), '[object TextDecoder]');
  assertEquals(d.decode(), '');
  assertEquals(d.decode(undefined), '');
});

test('options are read', () => {
  const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: 1 });
  assertEquals(d.fatal, true);
  assertEquals(d.ignoreBOM, true);
  assertEquals(new TextDecoder(undefined, null).fatal, false);
  assertThrows(() => new TextDecoder('utf-8', 5), 'TypeError');
});

test('labels are case-insensitive and trimmed of ASCII whitespace', () => {
  assertEquals(new TextDecoder('UTF8').encoding, 'utf-8');
  assertEquals(new TextDecoder(' \t\n\f\rutf-8\r ').encoding, 'utf-8');
  assertEquals(new TextDecoder('unicode-1-1-utf-8').encoding, 'utf-8');
  assertEquals(new TextDecoder('latin1').encoding, 'windows-1252');
  assertEquals(new TextDecoder('ascii').encoding, 'windows-1252');
  assertEquals(new TextDecoder('utf-16').encoding, 'utf-16le');
  assertEquals(new TextDecoder('UTF-16BE').encoding, 'utf-16be');
  assertEquals(new TextDecoder('sjis').encoding, 'shift_jis');
  assertEquals(new TextDecoder('gb2312').encoding, 'gbk');
  assertEquals(new TextDecoder('gb18030').encoding, 'gb18030');
  assertEquals(new TextDecoder('big5-hkscs').encoding, 'big5');
  assertEquals(new TextDecoder('korean').encoding, 'euc-kr');
  assertEquals(new TextDecoder('csiso2022jp').encoding, 'iso-2022-jp');
  assertEquals(new TextDecoder('cseucpkdfmtjapanese').encoding, 'euc-jp');
  assertEquals(new TextDecoder('koi8').encoding, 'koi8-r');
  assertEquals(new TextDecoder('x-mac-ukrainian').encoding, 'x-mac-cyrillic');
  assertEquals(new TextDecoder('logical').encoding, 'iso-8859-8-i');
  assertEquals(new TextDecoder('x-user-defined').encoding, 'x-user-defined');
});

test('invalid labels throw RangeError', () => {
  assertThrows(() => new TextDecoder('xyz'), 'RangeError', '"xyz" is not a valid encoding.');
  assertThrows(() => new TextDecoder('replacement'), 'RangeError');
  assertThrows(() => new TextDecoder('iso-2022-kr'), 'RangeError');
  assertThrows(() => new TextDecoder('hz-gb-2312'), 'RangeError');
  assertThrows(() => new TextDecoder(''), 'RangeError');
  assertThrows(() => new TextDecoder('utf-8\u00a0'), 'RangeError'); // NBSP is not ASCII whitespace
  assertThrows(() => new TextDecoder('\u212Aoi8-r'), 'RangeError'); // KELVIN SIGN is not 'k'
  assertThrows(() => new TextDecoder('utf-7'), 'RangeError');
  assertThrows(() => new TextDecoder(null), 'RangeError', '"null"');
});

test('decodes ASCII and valid UTF-8', () => {
  const d = new TextDecoder();
  assertEquals(d.decode(u8(0x68, 0x69)), 'hi');
  assertEquals(d.decode(u8(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)), '\u00e9\u20ac\ud83d\ude00');
  assertEquals(d.decode(u8(0xef, 0xbf, 0xbd)), FFFD);
});

test('accepts ArrayBuffer and every view type', () => {
  const d = new TextDecoder();
  const bytes = u8(0x61, 0x62, 0x63, 0x64);
  assertEquals(d.decode(bytes.buffer), 'abcd');
  assertEquals(d.decode(new DataView(bytes.buffer, 1, 2)), 'bc');
  assertEquals(d.decode(new Uint16Array(bytes.buffer)), 'abcd');
  assertEquals(d.decode(new Int32Array(bytes.buffer)), 'abcd');
  assertEquals(d.decode(new Float32Array(bytes.buffer)), 'abcd');
  assertEquals(d.decode(new Uint8ClampedArray(bytes.buffer, 2)), 'cd');
  assertEquals(d.decode(bytes.subarray(1, 3)), 'bc');
  assertEquals(d.decode(new Uint8Array(0)), '');
});

test('rejects other inputs with TypeError', () => {
  const d = new TextDecoder();
  assertThrows(() => d.decode(null), 'TypeError');
  assertThrows(() => d.decode('abc'), 'TypeError');
  assertThrows(() => d.decode([0x61]), 'TypeError');
  assertThrows(() => d.decode({}), 'TypeError');
  assertThrows(() => d.decode(u8(0x61), 1), 'TypeError');
});

test('invalid UTF-8 uses maximal subpart replacement', () => {
  const d = new TextDecoder();
  const cases = [
    [[0xf0, 0x9f, 0x98], FFFD],                       // truncated 4-byte sequence
    [[0xf0, 0x9f, 0x98, 0x41], FFFD + 'A'],
    [[0xc0, 0x80], FFFD + FFFD],                       // overlong
    [[0xe0, 0x80, 0x80], FFFD + FFFD + FFFD],
    [[0xed, 0xa0, 0x80], FFFD + FFFD + FFFD],          // surrogate
    [[0xf4, 0x90, 0x80, 0x80], FFFD + FFFD + FFFD + FFFD], // > U+10FFFF
    [[0xf5], FFFD],
    [[0xff, 0xfe], FFFD + FFFD],
    [[0x80], FFFD],
    [[0xe2, 0x82], FFFD],
    [[0xe2, 0x82, 0x41, 0xe2, 0x82, 0xac], FFFD + 'A\u20ac'],
    [[0x61, 0xc3], 'a' + FFFD],
    [[0xf1, 0x80, 0x80, 0xc3, 0xa9], FFFD + '\u00e9'],
  ];
  for (const [input, expected] of cases) {
    assertEquals(d.decode(new Uint8Array(input)), expected, JSON.stringify(input));
  }
});

test('fatal mode throws TypeError', () => {
  const d = new TextDecoder('utf-8', { fatal: true });
  assertThrows(() => d.decode(u8(0xff)), 'TypeError', 'Failed to decode input.');
  assertThrows(() => d.decode(u8(0xf0, 0x9f, 0x98)), 'TypeError');
  assertThrows(() => d.decode(u8(0xed, 0xa0, 0x80)), 'TypeError');
  assertEquals(d.decode(u8(0x61)), 'a');
  // An incomplete sequence is only an error once the stream ends.
  assertEquals(d.decode(u8(0xe2, 0x82), { stream: true }), '');
  assertThrows(() => d.decode(), 'TypeError');
  assertEquals(d.decode(u8(0x62)), 'b'); // starts afresh after the error
});

test('streaming keeps partial sequences across calls', () => {
  const d = new TextDecoder();
  const bytes = [0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x61];
  let out = '';
  for (const b of bytes) out += d.decode(u8(b), { stream: true });
  out += d.decode();
  assertEquals(out, '\u20ac\ud83d\ude00a');
  assertEquals(d.decode(u8(0xe2, 0x82), { stream: true }), '');
  assertEquals(d.decode(u8(0xac)), '\u20ac');
  // Flushing with a pending partial sequence gives one U+FFFD.
  assertEquals(d.decode(u8(0xf0, 0x9f), { stream: true }), '');
  assertEquals(d.decode(), FFFD);
  // A non-streaming call resets the state.
  assertEquals(d.decode(u8(0xe2), { stream: true }), '');
  assertEquals(d.decode(u8(0x61)), FFFD + 'a');
  assertEquals(d.decode(u8(0x62)), 'b');
});

test('streaming: error detected in the next chunk', () => {
  const d = new TextDecoder();
  assertEquals(d.decode(u8(0xf0, 0x9f), { stream: true }), '');
  assertEquals(d.decode(u8(0x41), { stream: true }), FFFD + 'A');
  assertEquals(d.decode(), '');
});

test('UTF-8 BOM is stripped once per stream unless ignoreBOM', () => {
  assertEquals(new TextDecoder().decode(u8(0xef, 0xbb, 0xbf, 0x61)), 'a');
  assertEquals(new TextDecoder().decode(u8(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf)), '\ufeff');
  assertEquals(new TextDecoder('utf-8', { ignoreBOM: true }).decode(u8(0xef, 0xbb, 0xbf, 0x61)), '\ufeffa');
  const d = new TextDecoder();
  assertEquals(d.decode(u8(0xef, 0xbb), { stream: true }), '');
  assertEquals(d.decode(u8(0xbf, 0x61), { stream: true }), 'a');
  assertEquals(d.decode(u8(0xef, 0xbb, 0xbf)), '\ufeff'); // same stream: BOM already seen
  assertEquals(d.decode(u8(0xef, 0xbb, 0xbf)), '');       // new stream
  // A BOM after other text in the same call is kept.
  assertEquals(d.decode(u8(0x61, 0xef, 0xbb, 0xbf)), 'a\ufeff');
});

test('UTF-16LE and UTF-16BE', () => {
  assertEquals(new TextDecoder('utf-16le').decode(u8(0x61, 0x00, 0xac, 0x20)), 'a\u20ac');
  assertEquals(new TextDecoder('utf-16be').decode(u8(0x00, 0x61, 0x20, 0xac)), 'a\u20ac');
  assertEquals(new TextDecoder('utf-16le').decode(u8(0x3d, 0xd8, 0x00, 0xde)), '\ud83d\ude00');
  // BOM
  assertEquals(new TextDecoder('utf-16le').decode(u8(0xff, 0xfe, 0x61, 0x00)), 'a');
  assertEquals(new TextDecoder('utf-16be').decode(u8(0xfe, 0xff, 0x00, 0x61)), 'a');
  assertEquals(new TextDecoder('utf-16le', { ignoreBOM: true }).decode(u8(0xff, 0xfe, 0x61, 0x00)), '\ufeffa');
  // A BE BOM read as LE is U+FFFE, not a BOM.
  assertEquals(new TextDecoder('utf-16le').decode(u8(0xfe, 0xff)), '\ufffe');
});

test('UTF-16 errors', () => {
  const le = new TextDecoder('utf-16le');
  assertEquals(le.decode(u8(0x61)), FFFD);                       // odd byte
  assertEquals(le.decode(u8(0x00, 0xd8)), FFFD);                 // lone lead at end
  assertEquals(le.decode(u8(0x00, 0xdc, 0x61, 0x00)), FFFD + 'a'); // lone trail
  assertEquals(le.decode(u8(0x00, 0xd8, 0x61, 0x00)), FFFD + 'a'); // lead then non-trail
  assertEquals(le.decode(u8(0x00, 0xd8, 0x00, 0xd8, 0x00, 0xdc)), FFFD + '\ud800\udc00');
  const fatal = new TextDecoder('utf-16le', { fatal: true });
  assertThrows(() => fatal.decode(u8(0x00, 0xdc)), 'TypeError');
  assertThrows(() => fatal.decode(u8(0x61)), 'TypeError');
  assertEquals(fatal.decode(u8(0x61, 0x00)), 'a');
});

test('UTF-16 streaming across odd splits and surrogate pairs', () => {
  const d = new TextDecoder('utf-16le');
  const bytes = [0x3d, 0xd8, 0x00, 0xde, 0x61, 0x00];
  let out = '';
  for (const b of bytes) out += d.decode(u8(b), { stream: true });
  out += d.decode();
  assertEquals(out, '\ud83d\ude00a');
});

test('windows-1252 follows the WHATWG index', () => {
  const d = new TextDecoder('windows-1252');
  assertEquals(d.decode(u8(0x80, 0x81, 0x8d, 0x9f, 0xa0, 0xe9, 0xff)), '\u20ac\u0081\u008d\u0178\u00a0\u00e9\u00ff');
  assertEquals(d.decode(u8(0x41, 0x42)), 'AB');
  assertEquals(new TextDecoder('latin1', { fatal: true }).decode(u8(0x81)), '\u0081');
});

test('single-byte encodings', () => {
  assertEquals(new TextDecoder('iso-8859-2').decode(u8(0xa1, 0x80)), '\u0104\u0080');
  assertEquals(new TextDecoder('koi8-r').decode(u8(0xc1)), '\u0430');
  assertEquals(new TextDecoder('ibm866').decode(u8(0x80)), '\u0410');
  assertEquals(new TextDecoder('windows-1251').decode(u8(0xc0)), '\u0410');
  assertEquals(new TextDecoder('x-user-defined').decode(u8(0x61, 0x80, 0xff)), 'a\uf780\uf7ff');
  // Unmapped bytes are errors.
  assertEquals(new TextDecoder('windows-1253').decode(u8(0xaa)), FFFD);
  assertThrows(() => new TextDecoder('windows-1253', { fatal: true }).decode(u8(0xaa)), 'TypeError');
  assertEquals(new TextDecoder('iso-8859-3').decode(u8(0xa5)), FFFD);
  // Single-byte encodings have no BOM handling.
  assertEquals(new TextDecoder('windows-1252').decode(u8(0xef, 0xbb, 0xbf)), '\u00ef\u00bb\u00bf');
});

test('CJK encodings', () => {
  assertEquals(new TextDecoder('shift_jis').decode(u8(0x82, 0xa0, 0x41)), '\u3042A');
  assertEquals(new TextDecoder('euc-jp').decode(u8(0xa4, 0xa2)), '\u3042');
  assertEquals(new TextDecoder('iso-2022-jp').decode(u8(0x1b, 0x24, 0x42, 0x24, 0x22, 0x1b, 0x28, 0x42, 0x61)), '\u3042a');
  assertEquals(new TextDecoder('gbk').decode(u8(0xc4, 0xe3)), '\u4f60');
  assertEquals(new TextDecoder('gb18030').decode(u8(0x81, 0x30, 0x81, 0x30)), '\u0080');
  assertEquals(new TextDecoder('big5').decode(u8(0xa4, 0x40)), '\u4e00');
  assertEquals(new TextDecoder('euc-kr').decode(u8(0xb0, 0xa1)), '\uac00');
  assertThrows(() => new TextDecoder('shift_jis', { fatal: true }).decode(u8(0x82)), 'TypeError');
  assertEquals(new TextDecoder('shift_jis').decode(u8(0x82)), FFFD);
});

test('CJK streaming keeps partial sequences', () => {
  const d = new TextDecoder('shift_jis');
  assertEquals(d.decode(u8(0x82), { stream: true }), '');
  assertEquals(d.decode(u8(0xa0), { stream: true }), '\u3042');
  assertEquals(d.decode(u8(0x82), { stream: true }), '');
  assertEquals(d.decode(), FFFD);
  const g = new TextDecoder('gb18030');
  let out = '';
  for (const b of [0x81, 0x30, 0x81, 0x30, 0x61]) out += g.decode(u8(b), { stream: true });
  assertEquals(out + g.decode(), '\u0080a');
});

test('decode reads the bytes at call time', () => {
  const d = new TextDecoder();
  const a = u8(0x61, 0x62);
  const s = d.decode(a);
  a[0] = 0x7a;
  assertEquals(s, 'ab');
  assertEquals(d.decode(a), 'zb');
});

test('large inputs', () => {
  const n = 100000;
  const big = new Uint8Array(n).fill(0x61);
  assertEquals(new TextDecoder().decode(big).length, n);
  const s = '\u00e9'.repeat(n);
  assertEquals(new TextDecoder().decode(new TextEncoder().encode(s)), s);
});

test('brand checks', () => {
  assertThrows(() => TextDecoder.prototype.decode.call(new TextEncoder(), u8(1)), 'TypeError', 'Illegal invocation');
  const get = Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'encoding').get;
  assertThrows(() => get.call({}), 'TypeError');
});
