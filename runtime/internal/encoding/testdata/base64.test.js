// atob / btoa (https://html.spec.whatwg.org/multipage/webappapis.html#atob).

test('btoa encodes Latin-1 strings', () => {
  assertEquals(btoa(''), '');
  assertEquals(btoa('f'), 'Zg==');
  assertEquals(btoa('fo'), 'Zm8=');
  assertEquals(btoa('foo'), 'Zm9v');
  assertEquals(btoa('foobar'), 'Zm9vYmFy');
  assertEquals(btoa('\u00ff\u00fe\u0000'), '//4A');
  assertEquals(btoa('\u0080'), 'gA==');
});

test('btoa converts its argument to a string', () => {
  assertEquals(btoa(undefined), btoa('undefined'));
  assertEquals(btoa(null), 'bnVsbA==');
  assertEquals(btoa(12), 'MTI=');
  assertThrows(() => btoa(), 'TypeError');
});

test('btoa rejects characters above U+00FF', () => {
  const msg = 'btoa() can only operate on characters in the Latin1 (ISO/IEC 8859-1) range.';
  assertThrows(() => btoa('\u0100'), 'InvalidCharacterError', msg);
  assertThrows(() => btoa('a\u20acb'), 'InvalidCharacterError');
  assertThrows(() => btoa('\ud83d\ude00'), 'InvalidCharacterError');
  assertThrows(() => btoa('\ud800'), 'InvalidCharacterError');
});

test('atob decodes to a binary string', () => {
  assertEquals(atob(''), '');
  assertEquals(atob('Zg=='), 'f');
  assertEquals(atob('Zm8='), 'fo');
  assertEquals(atob('Zm9v'), 'foo');
  assertEquals(atob('//4A'), '\u00ff\u00fe\u0000');
  assertEquals(atob('gA=='), '\u0080');
  assertEquals(atob('+/+/'), '\u00fb\u00ff\u00bf');
});

test('atob: padding is optional and whitespace is ignored', () => {
  assertEquals(atob('Zg'), 'f');
  assertEquals(atob('Zm8'), 'fo');
  assertEquals(atob(' Z m\t9\nv\f\r'), 'foo');
  assertEquals(atob('Zg= ='), 'f');
  assertEquals(atob(' Zg=='), 'f');
});

test('atob: non-zero trailing bits are discarded', () => {
  assertEquals(atob('Zh=='), 'f');
  assertEquals(atob('Zm9='), 'fo');
  assertEquals(atob('YQ'), 'a');
  assertEquals(atob('YR'), 'a');
});

test('atob rejects invalid input with InvalidCharacterError', () => {
  const bad = [
    'Z', 'Zm9vY', '=', '==', 'Zg===', 'Zg=', 'Z===', 'Zm9v=', 'Zm=9v', 'Zg==Zg==',
    '-_', 'Zm9v!', 'Zm\u00e99v', '\u0100', 'Zm\u000b9v', 'Zm\u00a09v', 'ab=c', 'a===',
  ];
  for (const s of bad) {
    const e = assertThrows(() => atob(s), 'InvalidCharacterError', 'atob() called with invalid base64-encoded data.');
    assert(e.message.indexOf('up to two terminal \'=\' signs') > 0, e.message);
  }
});

test('atob converts its argument to a string', () => {
  assertEquals(atob(null), '\u009e\u00e9e');
  assertThrows(() => atob(undefined), 'InvalidCharacterError');
  assertThrows(() => atob(), 'TypeError');
});

test('round trip of every byte value', () => {
  let s = '';
  for (let i = 0; i < 256; i++) s += String.fromCharCode(i);
  assertEquals(atob(btoa(s)), s);
  for (let n = 0; n < 8; n++) {
    const part = s.slice(0, n);
    assertEquals(atob(btoa(part)), part);
  }
});

test('atob and btoa are plain global functions', () => {
  assertEquals(typeof atob, 'function');
  assertEquals(atob.length, 1);
  assertEquals(btoa.name, 'btoa');
});

// Skipped until jsutil.DefineGlobal passes goja's flags in the right order (goja's order is
// writable, configurable, enumerable; it currently makes globals enumerable and non-configurable).
test('atob and btoa are not enumerable', () => {
  assertEquals(Object.keys(globalThis).indexOf('atob'), -1);
  assertEquals(Object.getOwnPropertyDescriptor(globalThis, 'btoa').configurable, true);
});
