// Intl.DateTimeFormat beyond the Node comparison table (node_compat.test.js).

const JAN5 = Date.UTC(2024, 0, 5, 3, 7, 9, 45);

test('callable without new, subclassable, branded', () => {
  assert(Intl.DateTimeFormat() instanceof Intl.DateTimeFormat, 'call without new');
  class Mine extends Intl.DateTimeFormat {}
  assertEquals(new Mine('en-US', { timeZone: 'UTC' }).format(0), '1/1/1970');
  assertThrows(() => Intl.DateTimeFormat.prototype.formatToParts.call({}, 0), 'TypeError');
  assertThrows(() => Intl.DateTimeFormat.prototype.resolvedOptions.call(new Intl.NumberFormat()), 'TypeError');
});

test('the default time zone is UTC, as in Workers', () => {
  assertEquals(new Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC');
  assertEquals(new Date(0).toLocaleString(), '1/1/1970, 12:00:00 AM');
});

test('time zones: IANA names, case-insensitive, canonicalized like V8', () => {
  const tz = (name) => new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  assertEquals(tz('America/New_York'), 'America/New_York');
  assertEquals(tz('AMERICA/NEW_YORK'), 'America/New_York');
  assertEquals(tz('US/Eastern'), 'America/New_York');
  assertEquals(tz('Asia/Kolkata'), 'Asia/Calcutta');
  assertEquals(tz('Europe/Kyiv'), 'Europe/Kiev');
  assertEquals(tz('etc/gmt+5'), 'Etc/GMT+5');
  for (const utc of ['utc', 'Etc/UTC', 'GMT', 'Etc/Zulu', 'Universal']) assertEquals(tz(utc), 'UTC');
  for (const bad of ['Mars/Base', '+01:00', 'EST5', '']) {
    assertThrows(() => new Intl.DateTimeFormat('en', { timeZone: bad }), 'RangeError', 'Invalid time zone specified');
  }
});

test('daylight saving transitions come from Go tzdata', () => {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  assertEquals(f.format(Date.UTC(2024, 2, 10, 6, 59)), '1:59 AM EST');
  assertEquals(f.format(Date.UTC(2024, 2, 10, 7, 0)), '3:00 AM EDT');
  const lon = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short', hour: 'numeric' });
  assertEquals(lon.format(Date.UTC(2024, 0, 1, 12)), '12h GMT');
  assertEquals(lon.format(Date.UTC(2024, 6, 1, 12)), '13h BST');
});

test('hour12 and hourCycle (V8 11 semantics)', () => {
  const hc = (loc, o) => new Intl.DateTimeFormat(loc, { timeZone: 'UTC', hour: 'numeric', ...o }).resolvedOptions().hourCycle;
  assertEquals(hc('en-US', {}), 'h12');
  assertEquals(hc('en-US', { hour12: false }), 'h24');
  assertEquals(hc('en-GB', { hour12: true }), 'h11');
  assertEquals(hc('de', { hour12: false }), 'h23');
  assertEquals(hc('ja', { hourCycle: 'h12', hour12: false }), 'h23');
  assertEquals(hc('en-US-u-hc-h23', {}), 'h23');
  assertEquals(hc('en-US-u-hc-h23', { hour12: true }), 'h11');
  assertEquals(new Intl.DateTimeFormat('en-US-u-hc-h23', { hour: 'numeric', hour12: true }).resolvedOptions().locale, 'en-US');
  assertEquals(new Intl.DateTimeFormat('en-US-u-hc-h23', { hour: 'numeric' }).resolvedOptions().locale, 'en-US-u-hc-h23');
  assertEquals(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit', hour12: false }).format(0), '24:00');
  assertEquals(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(0), '00:00');
  assertEquals(hc('en-US', { month: 'long', hour: undefined }), undefined);
});

test('format and formatToParts', () => {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
  assert(f.format === f.format, 'bound once');
  assertEquals(f.format.length, 1);
  assertEquals(f.format(new Date(JAN5)), 'Jan 5, 2024, 3:07 AM');
  assertEquals(f.format(String(JAN5)), 'Jan 5, 2024, 3:07 AM');
  assertThrows(() => f.format(NaN), 'RangeError', 'Invalid time value');
  assertThrows(() => f.format(8.64e15 + 1), 'RangeError');
  assertThrows(() => f.format(1n), 'TypeError');
  const parts = f.formatToParts(JAN5);
  assertEquals(parts.map((p) => p.type), ['month', 'literal', 'day', 'literal', 'year', 'literal', 'hour', 'literal', 'minute', 'literal', 'dayPeriod']);
  // format() uses a plain space before AM/PM, formatToParts keeps ICU's U+202F (as V8 does).
  assertEquals(parts[9].value, '\u202f');
  assertEquals(parts.map((p) => p.value).join('').replace('\u202f', ' '), f.format(JAN5));
});

test('format() without an argument uses Date.now()', () => {
  const realNow = Date.now;
  Date.now = () => 0;
  try {
    // Intl captured Date.now at install time, so replacing it later has no effect; the
    // result is simply today's date.
    const s = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric' }).format();
    assert(/^\d{4}$/.test(s), s);
  } finally {
    Date.now = realNow;
  }
});

test('option conflicts and defaults', () => {
  assertThrows(() => new Intl.DateTimeFormat('en', { dateStyle: 'short', hour: 'numeric' }), 'TypeError', "Can't set option hour when dateStyle is used");
  assertThrows(() => new Intl.DateTimeFormat('en', { timeStyle: 'short', era: 'long' }), 'TypeError');
  assertThrows(() => new Date(0).toLocaleDateString('en', { timeStyle: 'short' }), 'TypeError');
  assertThrows(() => new Date(0).toLocaleTimeString('en', { dateStyle: 'short' }), 'TypeError');
  assertThrows(() => new Intl.DateTimeFormat('en', { fractionalSecondDigits: 0 }), 'RangeError');
  assertThrows(() => new Intl.DateTimeFormat('en', { month: 'full' }), 'RangeError');
  assertEquals(new Date(0).toLocaleDateString('en-US', { timeZone: 'UTC', hour: 'numeric' }), '1/1/1970, 12 AM');
  assertEquals(new Date(0).toLocaleTimeString('en-US', { timeZone: 'UTC', year: 'numeric' }), '1970, 12:00:00 AM');
  assertEquals(new Intl.DateTimeFormat('en', { timeZone: 'UTC', era: 'long' }).resolvedOptions().year, 'numeric');
});

test('formatRange', () => {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' });
  assertEquals(f.formatRange(0, 0), 'Jan 1, 1970');
  // Deviation: interval formats ("Jan 1 – 4, 1970") are not carried.
  assertEquals(f.formatRange(0, 86400000 * 3), 'Jan 1, 1970\u2009–\u2009Jan 4, 1970');
  const sources = f.formatRangeToParts(0, 86400000).map((p) => p.source);
  assertEquals(sources[0], 'startRange');
  assert(sources.includes('shared') && sources[sources.length - 1] === 'endRange', 'sources');
  assertThrows(() => f.formatRange(0), 'TypeError');
});

test('years before 1 and after 9999', () => {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' });
  assertEquals(f.format(Date.UTC(-100, 0, 1)), '1/1/101');
  assertEquals(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', era: 'short' }).format(Date.UTC(-100, 0, 1)), '1/1/101 BC');
  assertEquals(f.format(8.64e15), '9/13/275760');
});
