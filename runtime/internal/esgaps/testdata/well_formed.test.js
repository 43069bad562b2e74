// String.prototype.isWellFormed and toWellFormed (ECMA-262 §22.1.3.10, §22.1.3.32).

test('well-formed strings', () => {
  for (const s of ['', 'abc', 'héllo', '日本語', '\uD83D\uDE00', 'a\uD83D\uDE00b', '\uFFFD']) {
    assert(s.isWellFormed(), JSON.stringify(s));
    assertEquals(s.toWellFormed(), s);
  }
});

test('lone surrogates are found and replaced', () => {
  const cases = [
    ['\uD800', '\uFFFD'],
    ['\uDC00', '\uFFFD'],
    ['a\uD800', 'a\uFFFD'],
    ['\uDC00\uD800', '\uFFFD\uFFFD'],
    ['\uD83D\uDE00\uD83D', '\uD83D\uDE00\uFFFD'],
    ['x\uDE00\uD83D\uDE00y\uD83Dz', 'x\uFFFD\uD83D\uDE00y\uFFFDz'],
    ['\uD800\uD800\uDC00', '\uFFFD\uD800\uDC00'],
  ];
  for (const [input, want] of cases) {
    assert(!input.isWellFormed(), 'not well formed: ' + escape(input));
    assertEquals(input.toWellFormed(), want);
    assert(want.isWellFormed(), 'result is well formed');
  }
});

test('this is converted with ToString and must not be null or undefined', () => {
  assertEquals(String.prototype.isWellFormed.call(42), true);
  assertEquals(String.prototype.toWellFormed.call({ toString() { return 'a\uDC00'; } }), 'a\uFFFD');
  assertThrows(() => String.prototype.isWellFormed.call(null), 'TypeError');
  assertThrows(() => String.prototype.toWellFormed.call(undefined), 'TypeError');
  assertThrows(() => String.prototype.isWellFormed.call(Symbol('s')), 'TypeError');
});

test('property shape', () => {
  for (const name of ['isWellFormed', 'toWellFormed']) {
    const d = Object.getOwnPropertyDescriptor(String.prototype, name);
    assert(d.writable && !d.enumerable && d.configurable, name + ' flags');
    assertEquals(d.value.name, name);
    assertEquals(d.value.length, 0);
  }
});
