// Intl.Collator and String.prototype.localeCompare.

test('compare is a bound getter usable with sort', () => {
  const c = new Intl.Collator('en');
  assert(c.compare === c.compare, 'bound once');
  assertEquals(c.compare.length, 2);
  assertEquals(['b', 'a', 'C', 'ä', 'Z'].sort(c.compare), ['a', 'ä', 'b', 'C', 'Z']);
  assertEquals(['item 10', 'item 9', 'item 1'].sort(new Intl.Collator('en', { numeric: true }).compare), ['item 1', 'item 9', 'item 10']);
  assertEquals(['z', 'ä', 'a'].sort(new Intl.Collator('sv').compare), ['a', 'z', 'ä']);
  assertEquals(['z', 'ä', 'a'].sort(new Intl.Collator('de').compare), ['a', 'ä', 'z']);
});

test('sensitivity', () => {
  const cmp = (s, a, b) => new Intl.Collator('en', { sensitivity: s }).compare(a, b);
  assertEquals([cmp('base', 'a', 'A'), cmp('base', 'a', 'á'), cmp('base', 'a', 'b')], [0, 0, -1]);
  assertEquals([cmp('accent', 'a', 'A'), cmp('accent', 'a', 'á')], [0, -1]);
  assertEquals([cmp('case', 'a', 'A'), cmp('case', 'a', 'á')], [-1, 0]);
  assertEquals([cmp('variant', 'a', 'A'), cmp('variant', 'a', 'á')], [-1, -1]);
});

test('ignorePunctuation and the numeric extension', () => {
  assertEquals(new Intl.Collator('en', { ignorePunctuation: true }).compare('a-b', 'a b'), 0);
  assertEquals(new Intl.Collator('en-u-kn').resolvedOptions().numeric, true);
  assertEquals(new Intl.Collator('en-u-kn').resolvedOptions().locale, 'en-u-kn');
  assertEquals(new Intl.Collator('en-u-kn', { numeric: false }).resolvedOptions().locale, 'en');
  assertEquals(new Intl.Collator('th').resolvedOptions().ignorePunctuation, true);
});

test('resolvedOptions and validation', () => {
  assertEquals(new Intl.Collator().resolvedOptions(), { locale: 'en-US', usage: 'sort', sensitivity: 'variant', ignorePunctuation: false, collation: 'default', numeric: false, caseFirst: 'false' });
  assertEquals(new Intl.Collator('de', { usage: 'search' }).resolvedOptions().usage, 'search');
  assertThrows(() => new Intl.Collator('en', { sensitivity: 'loud' }), 'RangeError');
  assertThrows(() => Intl.Collator.prototype.resolvedOptions.call({}), 'TypeError');
  assert(Intl.Collator() instanceof Intl.Collator, 'call without new');
});

test('localeCompare uses the collator', () => {
  const d = Object.getOwnPropertyDescriptor(String.prototype, 'localeCompare');
  assert(d.writable && !d.enumerable && d.configurable, 'flags');
  assertEquals(d.value.length, 1);
  assertEquals('a'.localeCompare('B'), -1);
  assertEquals('ä'.localeCompare('z', 'sv'), 1);
  assertEquals('a'.localeCompare('A', undefined, { sensitivity: 'base' }), 0);
  assertEquals('résumé'.localeCompare('resume', 'en', { sensitivity: 'base' }), 0);
  assertThrows(() => String.prototype.localeCompare.call(null, 'a'), 'TypeError');
  assertEquals(String.prototype.localeCompare.call(5, '5'), 0);
});
