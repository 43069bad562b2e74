// The Intl namespace itself: shape, getCanonicalLocales, supportedValuesOf.

test('Intl is a namespace object', () => {
  const d = Object.getOwnPropertyDescriptor(globalThis, 'Intl');
  assert(d.writable && !d.enumerable && d.configurable, 'global flags');
  assertEquals(Object.prototype.toString.call(Intl), '[object Intl]');
  assertThrows(() => new Intl(), 'TypeError');
  for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'getCanonicalLocales', 'supportedValuesOf']) {
    const p = Object.getOwnPropertyDescriptor(Intl, name);
    assert(p && p.writable && !p.enumerable && p.configurable, name + ' flags');
  }
  assertEquals(Object.keys(Intl), []);
});

test('constructors have the ECMA-402 shape', () => {
  for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat']) {
    const C = Intl[name];
    assertEquals(C.name, name);
    assertEquals(C.length, 0);
    const p = Object.getOwnPropertyDescriptor(C, 'prototype');
    assert(!p.writable && !p.enumerable && !p.configurable, name + '.prototype flags');
    assert(C.prototype.constructor === C, name + ' constructor link');
    assertEquals(C.prototype[Symbol.toStringTag], 'Intl.' + name);
    assertEquals(typeof C.supportedLocalesOf, 'function');
    assertEquals(C.supportedLocalesOf.length, 1);
    for (const key of Object.getOwnPropertyNames(C.prototype)) {
      assert(!Object.getOwnPropertyDescriptor(C.prototype, key).enumerable, name + '.prototype.' + key + ' is not enumerable');
    }
  }
});

test('getCanonicalLocales canonicalizes, deduplicates and validates', () => {
  assertEquals(Intl.getCanonicalLocales('EN-us'), ['en-US']);
  assertEquals(Intl.getCanonicalLocales(['en-us', 'EN-US', 'de']), ['en-US', 'de']);
  assertEquals(Intl.getCanonicalLocales('en-u-nu-latn-ca-gregory'), ['en-u-ca-gregory-nu-latn']);
  assertEquals(Intl.getCanonicalLocales('en-u-kn-true'), ['en-u-kn']);
  assertEquals(Intl.getCanonicalLocales('iw-IL'), ['he-IL']);
  assertEquals(Intl.getCanonicalLocales('de-1996-1901'), ['de-1901-1996']);
  assertEquals(Intl.getCanonicalLocales('en-x-Private'), ['en-x-private']);
  assertEquals(Intl.getCanonicalLocales(), []);
  assertEquals(Intl.getCanonicalLocales({ length: 1, 0: 'fr-ca' }), ['fr-CA']);
  for (const bad of ['', 'en_US', 'en--US', 'root', 'x-private', 'de-1996-1996', 'en-a-aa-a-bb', 'en-u', 'abcdefghi']) {
    assertThrows(() => Intl.getCanonicalLocales(bad), 'RangeError', undefined);
  }
  assertThrows(() => Intl.getCanonicalLocales([5]), 'TypeError');
  assertThrows(() => Intl.getCanonicalLocales(null), 'TypeError');
});

test('supportedLocalesOf keeps the requested tags that have data', () => {
  assertEquals(Intl.NumberFormat.supportedLocalesOf(['de-AT', 'en-US-u-nu-latn', 'tlh']), ['de-AT', 'en-US-u-nu-latn']);
  assertEquals(Intl.DateTimeFormat.supportedLocalesOf('ja-JP'), ['ja-JP']);
  assertEquals(Intl.DateTimeFormat.supportedLocalesOf('sw'), []);
  assertThrows(() => Intl.Collator.supportedLocalesOf('en', { localeMatcher: 'bogus' }), 'RangeError');
});

test('supportedValuesOf', () => {
  assertEquals(Intl.supportedValuesOf('calendar'), ['gregory', 'iso8601']);
  assertEquals(Intl.supportedValuesOf('numberingSystem'), ['latn']);
  const zones = Intl.supportedValuesOf('timeZone');
  assert(zones.includes('America/New_York') && zones.includes('Asia/Calcutta'), 'canonical zones');
  assert(!zones.includes('Asia/Kolkata') && !zones.includes('UTC'), 'no links, no UTC');
  assertEquals(zones.slice().sort(), zones);
  const currencies = Intl.supportedValuesOf('currency');
  assert(currencies.includes('EUR') && currencies.includes('JPY'), 'currencies');
  assert(Intl.supportedValuesOf('unit').includes('kilometer'), 'units');
  assertThrows(() => Intl.supportedValuesOf('bogus'), 'RangeError');
});
