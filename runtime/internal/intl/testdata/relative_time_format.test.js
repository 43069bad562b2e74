// Intl.RelativeTimeFormat.

test('requires new', () => {
  assertThrows(() => Intl.RelativeTimeFormat(), 'TypeError', "requires 'new'");
});

test('English styles, plurals and numeric auto', () => {
  const rtf = new Intl.RelativeTimeFormat('en');
  assertEquals([rtf.format(-1, 'day'), rtf.format(2, 'days'), rtf.format(-0, 'hour'), rtf.format(0, 'hour')], ['1 day ago', 'in 2 days', '0 hours ago', 'in 0 hours']);
  assertEquals(rtf.format(-1234.5, 'minute'), '1,234.5 minutes ago');
  const auto = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  assertEquals([auto.format(-1, 'day'), auto.format(0, 'day'), auto.format(1, 'week'), auto.format(2, 'day'), auto.format(0, 'second')], ['yesterday', 'today', 'next week', 'in 2 days', 'now']);
  assertEquals(new Intl.RelativeTimeFormat('en', { style: 'short' }).format(3, 'month'), 'in 3 mo.');
  assertEquals(new Intl.RelativeTimeFormat('en', { style: 'narrow' }).format(-3, 'year'), '3y ago');
});

test('formatToParts tags number parts with the unit', () => {
  assertEquals(new Intl.RelativeTimeFormat('en').formatToParts(-1234.5, 'days'), [
    { type: 'integer', value: '1', unit: 'day' }, { type: 'group', value: ',', unit: 'day' },
    { type: 'integer', value: '234', unit: 'day' }, { type: 'decimal', value: '.', unit: 'day' },
    { type: 'fraction', value: '5', unit: 'day' }, { type: 'literal', value: ' days ago' },
  ]);
  assertEquals(new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).formatToParts(1, 'day'), [{ type: 'literal', value: 'tomorrow' }]);
});

test('other locales', () => {
  assertEquals(new Intl.RelativeTimeFormat('de', { numeric: 'auto' }).format(-2, 'day'), 'vorgestern');
  assertEquals(new Intl.RelativeTimeFormat('fr').format(3, 'hour'), 'dans 3 heures');
  assertEquals(new Intl.RelativeTimeFormat('ja').format(-1, 'year'), '1 年前');
  assertEquals(new Intl.RelativeTimeFormat('sw').resolvedOptions().locale, 'en-US');
});

test('errors', () => {
  const rtf = new Intl.RelativeTimeFormat('en');
  assertThrows(() => rtf.format(1, 'decade'), 'RangeError', 'Invalid unit');
  assertThrows(() => rtf.format(NaN, 'day'), 'RangeError');
  assertThrows(() => rtf.format(Infinity, 'day'), 'RangeError');
  assertThrows(() => rtf.format(1n, 'day'), 'TypeError');
  assertThrows(() => new Intl.RelativeTimeFormat('en', { style: 'tiny' }), 'RangeError');
  assertEquals(rtf.resolvedOptions(), { locale: 'en', style: 'long', numeric: 'always', numberingSystem: 'latn' });
});
