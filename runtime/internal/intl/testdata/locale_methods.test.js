// The built-ins ECMA-402 redefines: Number/BigInt/Date toLocale*String, String localeCompare.

test('shapes', () => {
  for (const [obj, name, length] of [[Number.prototype, 'toLocaleString', 0], [BigInt.prototype, 'toLocaleString', 0],
    [Date.prototype, 'toLocaleString', 0], [Date.prototype, 'toLocaleDateString', 0], [Date.prototype, 'toLocaleTimeString', 0],
    [String.prototype, 'localeCompare', 1]]) {
    const d = Object.getOwnPropertyDescriptor(obj, name);
    assert(d.writable && !d.enumerable && d.configurable, name + ' flags');
    assertEquals(d.value.name, name);
    assertEquals(d.value.length, length);
  }
});

test('Number.prototype.toLocaleString', () => {
  assertEquals((1234.5).toLocaleString(), '1,234.5');
  assertEquals((1234.5).toLocaleString('de-DE'), '1.234,5');
  assertEquals((1234.5).toLocaleString(['fr-FR']), '1\u202f234,5');
  assertEquals((0.256).toLocaleString('en-US', { style: 'percent' }), '26%');
  assertEquals(new Number(7).toLocaleString(), '7');
  assertEquals((1234.5).toLocaleString('de-DE'), '1.234,5'); // cached formatter
  assertThrows(() => Number.prototype.toLocaleString.call('5'), 'TypeError');
  assertThrows(() => (1).toLocaleString('en_US'), 'RangeError');
});

test('BigInt.prototype.toLocaleString', () => {
  assertEquals((1234567n).toLocaleString(), '1,234,567');
  assertEquals((-1234567n).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' }), '-1.234.567,00\u00a0€');
  assertThrows(() => BigInt.prototype.toLocaleString.call(1), 'TypeError');
});

test('Date.prototype.toLocale*String', () => {
  const d = new Date(Date.UTC(2024, 0, 5, 15, 7, 9));
  assertEquals(d.toLocaleString(), '1/5/2024, 3:07:09 PM');
  assertEquals(d.toLocaleDateString(), '1/5/2024');
  assertEquals(d.toLocaleTimeString(), '3:07:09 PM');
  assertEquals(d.toLocaleString('de-DE'), '5.1.2024, 15:07:09');
  assertEquals(d.toLocaleDateString('ja-JP', { dateStyle: 'full' }), '2024年1月5日金曜日');
  assertEquals(d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }), '12:07 AM');
  assertEquals(new Date(NaN).toLocaleString(), 'Invalid Date');
  assertEquals(new Date(NaN).toLocaleTimeString('de'), 'Invalid Date');
  assertThrows(() => Date.prototype.toLocaleString.call({}), 'TypeError');
  assertThrows(() => d.toLocaleString('en', { timeZone: 'Nowhere/Land' }), 'RangeError');
});
