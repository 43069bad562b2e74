// Intl.NumberFormat beyond the Node comparison table (node_compat.test.js).

test('callable without new, subclassable, branded', () => {
  assert(Intl.NumberFormat() instanceof Intl.NumberFormat, 'call without new');
  assert(Intl.NumberFormat('de') instanceof Intl.NumberFormat, 'member call without new');
  class Money extends Intl.NumberFormat {
    constructor() { super('en-US', { style: 'currency', currency: 'USD' }); }
    twice(n) { return this.format(n) + this.format(n); }
  }
  const m = new Money();
  assertEquals(m.twice(1), '$1.00$1.00');
  assert(m instanceof Intl.NumberFormat, 'instanceof base');
  assertThrows(() => Intl.NumberFormat.prototype.resolvedOptions.call({}), 'TypeError');
  assertThrows(() => Intl.NumberFormat.prototype.formatToParts.call(new Intl.Collator(), 1), 'TypeError');
  assertThrows(() => Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').get.call({}), 'TypeError');
});

test('format is a bound getter', () => {
  const nf = new Intl.NumberFormat('en-US');
  const d = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format');
  assert(typeof d.get === 'function' && d.set === undefined && !d.enumerable && d.configurable, 'accessor');
  assertEquals(d.get.name, 'get format');
  const f = nf.format;
  assert(f === nf.format, 'the same function each time');
  assertEquals(f.name, '');
  assertEquals(f.length, 1);
  assertEquals([1000, 2000.5].map(nf.format), ['1,000', '2,000.5']);
});

test('BigInt and numeric strings are formatted exactly', () => {
  const nf = new Intl.NumberFormat('en-US');
  assertEquals(nf.format(123456789012345678901234567890n), '123,456,789,012,345,678,901,234,567,890');
  assertEquals(nf.format(-5n), '-5');
  assertEquals(nf.format('9007199254740993'), '9,007,199,254,740,993');
  assertEquals(nf.format('1.23456789e3'), '1,234.568');
  assertEquals(nf.format('-0'), '-0');
  assertEquals(nf.format('  42  '), '42');
  assertEquals(nf.format('0x1F'), '31');
  assertEquals(nf.format('junk'), 'NaN');
  assertEquals(new Intl.NumberFormat('en', { maximumFractionDigits: 20 }).format('0.1'), '0.1');
  assertEquals((12345678901234567890n).toLocaleString('de-DE'), '12.345.678.901.234.567.890');
  assertThrows(() => nf.format(Symbol('x')), 'TypeError');
});

test('rounding modes', () => {
  const rows = {
    ceil: ['1.3', '-1.2', '1.2', '-1.2'], floor: ['1.2', '-1.3', '1.2', '-1.2'],
    expand: ['1.3', '-1.3', '1.2', '-1.2'], trunc: ['1.2', '-1.2', '1.2', '-1.2'],
    halfCeil: ['1.3', '-1.2', '1.2', '-1.2'], halfFloor: ['1.2', '-1.3', '1.2', '-1.2'],
    halfExpand: ['1.3', '-1.3', '1.2', '-1.2'], halfTrunc: ['1.2', '-1.2', '1.2', '-1.2'],
    halfEven: ['1.2', '-1.2', '1.2', '-1.2'],
  };
  for (const [mode, want] of Object.entries(rows)) {
    const nf = new Intl.NumberFormat('en', { maximumFractionDigits: 1, roundingMode: mode });
    assertEquals([nf.format('1.25'), nf.format('-1.25'), nf.format('1.2'), nf.format('-1.2')], want, mode);
  }
  assertEquals(new Intl.NumberFormat('en', { maximumFractionDigits: 0, roundingMode: 'halfEven' }).format(2.5), '2');
  assertEquals(new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(1.005), '1.01');
  assertEquals(new Intl.NumberFormat('en', { maximumFractionDigits: 2, minimumFractionDigits: 2, roundingIncrement: 5 }).format(1.234), '1.25');
  assertEquals(new Intl.NumberFormat('en', { maximumSignificantDigits: 2 }).format(999), '1,000');
});

test('options are validated', () => {
  assertThrows(() => new Intl.NumberFormat('en', { style: 'currency' }), 'TypeError', 'Currency code is required');
  assertThrows(() => new Intl.NumberFormat('en', { style: 'unit' }), 'TypeError');
  assertThrows(() => new Intl.NumberFormat('en', { currency: 'EURO' }), 'RangeError');
  assertThrows(() => new Intl.NumberFormat('en', { style: 'unit', unit: 'meter-per-furlong' }), 'RangeError');
  assertThrows(() => new Intl.NumberFormat('en', { minimumIntegerDigits: 0 }), 'RangeError');
  assertThrows(() => new Intl.NumberFormat('en', { maximumSignificantDigits: 22 }), 'RangeError');
  assertThrows(() => new Intl.NumberFormat('en', { useGrouping: 'sometimes' }), 'RangeError');
  assertThrows(() => new Intl.NumberFormat('en', { roundingIncrement: 5, maximumSignificantDigits: 2 }), 'TypeError');
  assertThrows(() => new Intl.NumberFormat('en', null), 'TypeError');
  assertEquals(new Intl.NumberFormat('en', { style: 'currency', currency: 'usd' }).resolvedOptions().currency, 'USD');
});

test('options are read in the spec order', () => {
  const read = [];
  const opts = new Proxy({}, { get(t, k) { if (typeof k === 'string') read.push(k); return undefined; } });
  new Intl.NumberFormat('en', opts);
  // V8's order (roundingIncrement before notation, roundingMode last).
  assertEquals(read, ['localeMatcher', 'numberingSystem', 'style', 'currency', 'currencyDisplay', 'currencySign', 'unit', 'unitDisplay',
    'roundingIncrement', 'notation', 'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits',
    'minimumSignificantDigits', 'maximumSignificantDigits', 'roundingPriority', 'trailingZeroDisplay', 'compactDisplay',
    'useGrouping', 'signDisplay', 'roundingMode']);
});

test('locale resolution', () => {
  assertEquals(new Intl.NumberFormat('de-AT').resolvedOptions().locale, 'de-AT');
  assertEquals(new Intl.NumberFormat(['tlh', 'fr-CA']).resolvedOptions().locale, 'fr-CA');
  assertEquals(new Intl.NumberFormat('tlh').resolvedOptions().locale, 'en-US');
  assertEquals(new Intl.NumberFormat('en-US-u-nu-latn').resolvedOptions().locale, 'en-US-u-nu-latn');
  // Deviation: only latn digits, so an unsupported -u-nu- is dropped (V8 keeps it).
  assertEquals(new Intl.NumberFormat('en-US-u-nu-thai').resolvedOptions().locale, 'en-US');
  assertEquals(new Intl.NumberFormat('de-CH').format(1234567.5), "1'234'567.5");
  assertEquals(new Intl.NumberFormat('en-IN').format(123456789), '12,34,56,789');
});

test('formatToParts covers every part type', () => {
  const types = (o, n) => new Intl.NumberFormat('en-US', o).formatToParts(n).map((p) => p.type);
  assertEquals(types({}, -1234.5), ['minusSign', 'integer', 'group', 'integer', 'decimal', 'fraction']);
  assertEquals(types({ signDisplay: 'always', style: 'percent' }, 0.5), ['plusSign', 'integer', 'percentSign']);
  assertEquals(types({ style: 'currency', currency: 'EUR', currencyDisplay: 'code' }, 1), ['currency', 'literal', 'integer', 'decimal', 'fraction']);
  assertEquals(types({ notation: 'compact', compactDisplay: 'long' }, 5000), ['integer', 'literal', 'compact']);
  assertEquals(types({ notation: 'scientific' }, 0.005), ['integer', 'exponentSeparator', 'exponentMinusSign', 'exponentInteger']);
  assertEquals(types({}, NaN), ['nan']);
  assertEquals(types({}, -Infinity), ['minusSign', 'infinity']);
  assertEquals(types({ style: 'unit', unit: 'kilogram', unitDisplay: 'long' }, 2), ['integer', 'literal', 'unit']);
});

test('formatRange', () => {
  const nf = new Intl.NumberFormat('en-US');
  assertEquals(nf.formatRange(3, 5), '3–5');
  assertEquals(nf.formatRange(5, 5), '~5');
  const parts = nf.formatRangeToParts(3, 5);
  assertEquals(parts.map((p) => p.source), ['startRange', 'shared', 'endRange']);
  assertThrows(() => nf.formatRange(1), 'TypeError');
  assertThrows(() => nf.formatRange(NaN, 1), 'RangeError');
});
