// Intl.PluralRules.

test('requires new', () => {
  assertThrows(() => Intl.PluralRules.call({}), 'TypeError', "requires 'new'");
  assertThrows(() => Intl.PluralRules(), 'TypeError');
});

test('cardinal and ordinal in English', () => {
  const pr = new Intl.PluralRules('en-US');
  assertEquals([0, 1, 2, 1.5, -1].map((n) => pr.select(n)), ['other', 'one', 'other', 'other', 'one']);
  const ord = new Intl.PluralRules('en-US', { type: 'ordinal' });
  assertEquals([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((n) => ord.select(n)),
    ['one', 'two', 'few', 'other', 'other', 'other', 'other', 'one', 'two', 'few', 'one', 'other']);
  const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  assertEquals([1, 2, 3, 4].map((n) => n + suffix[ord.select(n)]).join(' '), '1st 2nd 3rd 4th');
});

test('digit options apply before selecting', () => {
  assertEquals(new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1), 'other');
  assertEquals(new Intl.PluralRules('en', { maximumFractionDigits: 0 }).select(1.4), 'one');
  assertEquals(new Intl.PluralRules('en', { maximumSignificantDigits: 1 }).select(1.2), 'one');
});

test('other languages come from x/text', () => {
  const sel = (l, n) => new Intl.PluralRules(l).select(n);
  assertEquals([sel('fr', 0), sel('fr', 1.5), sel('fr', 2), sel('fr', 1000000)], ['one', 'one', 'other', 'many']);
  assertEquals([sel('ru', 1), sel('ru', 3), sel('ru', 5), sel('ru', 21)], ['one', 'few', 'many', 'one']);
  assertEquals([sel('ar', 0), sel('ar', 2), sel('ar', 3), sel('ar', 11)], ['zero', 'two', 'few', 'many']);
  assertEquals(sel('ja', 1), 'other');
  assertEquals(new Intl.PluralRules('pl').resolvedOptions().pluralCategories, ['few', 'many', 'one', 'other']);
});

test('resolvedOptions, selectRange, validation', () => {
  assertEquals(new Intl.PluralRules('en', { type: 'ordinal' }).resolvedOptions(), {
    locale: 'en', type: 'ordinal', minimumIntegerDigits: 1, minimumFractionDigits: 0, maximumFractionDigits: 3,
    pluralCategories: ['few', 'one', 'two', 'other'],
  });
  assertEquals(new Intl.PluralRules('en').selectRange(1, 2), 'other');
  assertThrows(() => new Intl.PluralRules('en').selectRange(1), 'TypeError');
  assertThrows(() => new Intl.PluralRules('en', { type: 'nominal' }), 'RangeError');
  assertThrows(() => new Intl.PluralRules('en').select(1n), 'TypeError');
});
