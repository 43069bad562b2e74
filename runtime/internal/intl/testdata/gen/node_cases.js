// Generates ../node_compat.test.js: expressions and the results Node 20 gives for them, so the
// test compares edge's Intl with V8/ICU without running Node at test time. Run from the
// package directory:
//
//	node testdata/gen/node_cases.js > testdata/node_compat.test.js
//
// Cases edge deliberately differs on are listed in DEVIATIONS below; they become test.skip
// entries that name the difference, so the pass count stays honest.
'use strict';

const cases = [];
const add = (group, expr) => cases.push({ group, expr });

// ---- NumberFormat ----
const numbers = ['0', '-0', '1', '-1', '0.5', '1.5', '2.5', '-2.5', '0.005', '1.005', '123.456', '1234.5678', '-1234.5678', '999.9995', '1e21', '1.23e-7', '123456789.987', '0.1 + 0.2', 'NaN', 'Infinity', '-Infinity', '9007199254740993n', '"1234567890123456789.987654321"'];
const nfOptions = [
  '{}', '{maximumFractionDigits: 0}', '{minimumFractionDigits: 2}', '{minimumFractionDigits: 2, maximumFractionDigits: 2}',
  '{maximumSignificantDigits: 3}', '{minimumSignificantDigits: 5}', '{minimumIntegerDigits: 3}', '{useGrouping: false}',
  '{signDisplay: "always"}', '{signDisplay: "exceptZero"}', '{signDisplay: "never"}', '{signDisplay: "negative"}',
  '{style: "percent"}', '{style: "percent", maximumFractionDigits: 2}',
  '{style: "currency", currency: "USD"}', '{style: "currency", currency: "EUR"}', '{style: "currency", currency: "JPY"}',
  '{style: "currency", currency: "GBP", currencyDisplay: "code"}', '{style: "currency", currency: "USD", currencyDisplay: "name"}',
  '{style: "currency", currency: "CAD", currencyDisplay: "narrowSymbol"}', '{style: "currency", currency: "USD", currencySign: "accounting"}',
  '{style: "currency", currency: "KWD"}', '{style: "currency", currency: "CHF"}', '{style: "currency", currency: "XYZ"}',
  '{notation: "compact"}', '{notation: "compact", compactDisplay: "long"}', '{notation: "scientific"}', '{notation: "engineering"}',
  '{notation: "compact", maximumFractionDigits: 2}', '{roundingMode: "floor", maximumFractionDigits: 1}', '{roundingMode: "halfEven", maximumFractionDigits: 0}',
  '{roundingIncrement: 5, minimumFractionDigits: 2, maximumFractionDigits: 2}', '{minimumFractionDigits: 2, trailingZeroDisplay: "stripIfInteger"}',
  '{maximumSignificantDigits: 2, maximumFractionDigits: 2, roundingPriority: "morePrecision"}', '{maximumSignificantDigits: 2, maximumFractionDigits: 2, roundingPriority: "lessPrecision"}',
  '{style: "unit", unit: "kilometer-per-hour"}', '{style: "unit", unit: "megabyte", unitDisplay: "long"}', '{style: "unit", unit: "celsius", unitDisplay: "narrow"}',
];
for (const o of nfOptions) for (const n of numbers) add('NumberFormat en-US ' + o, `new Intl.NumberFormat("en-US", ${o}).format(${n})`);
for (const loc of ['de-DE', 'fr-FR', 'ja-JP']) {
  for (const o of ['{}', '{style: "percent"}', '{style: "currency", currency: "EUR"}', '{style: "currency", currency: "USD"}', '{style: "currency", currency: "JPY"}', '{notation: "compact"}', '{notation: "compact", compactDisplay: "long"}', '{style: "currency", currency: "EUR", currencyDisplay: "name"}', '{style: "unit", unit: "kilometer"}']) {
    for (const n of ['0', '-1', '1.5', '1234.5678', '-1234.5678', '1234567.891', '1000000', '0.256']) add('NumberFormat ' + loc + ' ' + o, `new Intl.NumberFormat("${loc}", ${o}).format(${n})`);
  }
}
for (const [loc, o, n] of [['en-US', '{}', '-1234.5'], ['en-US', '{style: "currency", currency: "USD"}', '-1234.5'], ['en-US', '{style: "percent", signDisplay: "always"}', '0.5'], ['en-US', '{notation: "compact", compactDisplay: "long"}', '-1234.5'], ['en-US', '{notation: "scientific"}', '-0.000123'], ['en-US', '{style: "currency", currency: "EUR", currencyDisplay: "code"}', '1234.5'], ['en-US', '{style: "currency", currency: "USD", currencySign: "accounting"}', '-5'], ['de-DE', '{style: "currency", currency: "EUR"}', '-1234.5'], ['fr-FR', '{}', '1234567.5'], ['ja-JP', '{style: "currency", currency: "JPY"}', '1234']]) {
  add('NumberFormat formatToParts', `new Intl.NumberFormat("${loc}", ${o}).formatToParts(${n})`);
}
for (const o of ['{}', '{style: "currency", currency: "eur"}', '{style: "percent"}', '{notation: "compact"}', '{maximumSignificantDigits: 3}', '{style: "unit", unit: "liter", unitDisplay: "long"}', '{useGrouping: true}', '{useGrouping: "min2"}', '{minimumFractionDigits: 5}', '{maximumFractionDigits: 1}', '{roundingIncrement: 25, maximumFractionDigits: 2, minimumFractionDigits: 2}']) {
  add('NumberFormat resolvedOptions', `new Intl.NumberFormat("en-US", ${o}).resolvedOptions()`);
}
for (const [expr] of [['new Intl.NumberFormat("en", {style: "currency"})'], ['new Intl.NumberFormat("en", {style: "bogus"})'], ['new Intl.NumberFormat("en", {maximumFractionDigits: 101})'], ['new Intl.NumberFormat("en", {minimumFractionDigits: 3, maximumFractionDigits: 1})'], ['new Intl.NumberFormat("en", {currency: "US"})'], ['new Intl.NumberFormat("en", {style: "unit", unit: "furlong"})'], ['new Intl.NumberFormat("en", {roundingIncrement: 3})'], ['new Intl.NumberFormat("en_US")']]) add('NumberFormat errors', expr);
for (const e of ['(1234.5).toLocaleString()', '(1234.5).toLocaleString("de-DE")', '(0.5).toLocaleString("en-US", {style: "percent"})', '(1234567.891).toLocaleString("fr-FR")', '(-0).toLocaleString()', '(12345678901234567890n).toLocaleString("en-US")', '(1e6).toLocaleString("ja-JP", {style: "currency", currency: "JPY"})', 'new Intl.NumberFormat("en").formatRange(3, 5)', 'new Intl.NumberFormat("en", {style: "currency", currency: "USD"}).formatRange(3, 5)']) add('toLocaleString', e);

for (const loc of ['es', 'it', 'pt-BR', 'zh-CN', 'ko', 'ru', 'en-IN', 'de-CH', 'nl', 'fr-CA', 'en-GB']) {
  for (const o of ['{}', '{style: "currency", currency: "EUR"}', '{style: "percent"}', '{notation: "compact"}']) {
    for (const n of ['-1234.5678', '1234567.891', '0.256']) add('NumberFormat ' + loc + ' ' + o, `new Intl.NumberFormat("${loc}", ${o}).format(${n})`);
  }
}
for (const e of ['new Intl.NumberFormat("en", {style: "currency", currency: "USD", notation: "compact"}).format(1234567)', 'new Intl.NumberFormat("en").format(-0.0001)', 'new Intl.NumberFormat("en", {notation: "compact"}).format(1e21)', 'new Intl.NumberFormat("en", {notation: "compact"}).format(999999)', 'new Intl.NumberFormat("en", {notation: "compact"}).format(999.95)', 'new Intl.NumberFormat("en", {maximumFractionDigits: 20}).format(0.1)', 'new Intl.NumberFormat("en", {maximumSignificantDigits: 21}).format(1/3)', 'new Intl.NumberFormat("en", {style: "percent", minimumFractionDigits: 1}).format(0.12345)', 'new Intl.NumberFormat("en", {style: "unit", unit: "byte-per-second", unitDisplay: "long"}).format(5)', 'new Intl.NumberFormat("en", {style: "unit", unit: "percent"}).format(50)', 'new Intl.NumberFormat("en", {notation: "engineering"}).format(123456)', 'new Intl.NumberFormat("en", {notation: "scientific", maximumFractionDigits: 1}).format(99999)', 'new Intl.NumberFormat("en").format("1e3")', 'new Intl.NumberFormat("en").format("0x10")', 'new Intl.NumberFormat("en").format(" 12 ")', 'new Intl.NumberFormat("en").format("abc")', 'new Intl.NumberFormat("en").format(true)', 'new Intl.NumberFormat("en").format(null)', 'new Intl.NumberFormat("en").format()', 'new Intl.NumberFormat("en").format(Object(5n))', 'new Intl.NumberFormat("en", {style: "currency", currency: "USD", signDisplay: "always"}).format(0)', 'new Intl.NumberFormat("en", {style: "currency", currency: "USD", currencySign: "accounting", signDisplay: "always"}).format(5)', 'new Intl.NumberFormat("de", {style: "currency", currency: "EUR", currencyDisplay: "code"}).format(-5)']) add('NumberFormat edge cases', e);

// ---- DateTimeFormat ----
const dates = ['Date.UTC(2024, 0, 5, 3, 7, 9, 45)', 'Date.UTC(2024, 6, 15, 15, 30, 5)', '0', 'Date.UTC(2000, 1, 29, 12, 0, 0)', 'Date.UTC(1999, 11, 31, 23, 59, 59, 999)'];
const dtfOptions = [
  '{}', '{dateStyle: "full"}', '{dateStyle: "long"}', '{dateStyle: "medium"}', '{dateStyle: "short"}',
  '{timeStyle: "full"}', '{timeStyle: "long"}', '{timeStyle: "medium"}', '{timeStyle: "short"}',
  '{dateStyle: "full", timeStyle: "full"}', '{dateStyle: "long", timeStyle: "short"}', '{dateStyle: "medium", timeStyle: "medium"}', '{dateStyle: "short", timeStyle: "short"}',
  '{timeStyle: "short", hour12: false}', '{timeStyle: "medium", hourCycle: "h23"}', '{dateStyle: "short", timeStyle: "short", hour12: true}',
  '{year: "numeric", month: "long", day: "numeric"}', '{year: "numeric", month: "short", day: "numeric"}', '{year: "numeric", month: "2-digit", day: "2-digit"}',
  '{year: "2-digit", month: "numeric", day: "numeric"}', '{month: "long"}', '{month: "short", day: "numeric"}', '{month: "long", year: "numeric"}',
  '{weekday: "long"}', '{weekday: "short", month: "short", day: "numeric"}', '{weekday: "long", year: "numeric", month: "long", day: "numeric"}',
  '{weekday: "narrow"}', '{month: "narrow"}', '{day: "numeric"}', '{year: "numeric"}', '{era: "short", year: "numeric"}', '{era: "long"}',
  '{hour: "numeric"}', '{hour: "2-digit", minute: "2-digit"}', '{hour: "numeric", minute: "2-digit", second: "2-digit"}', '{minute: "2-digit", second: "2-digit"}',
  '{hour: "numeric", hour12: false}', '{hour: "numeric", minute: "numeric", hourCycle: "h11"}', '{hour: "numeric", minute: "numeric", hourCycle: "h23"}',
  '{hour: "numeric", minute: "numeric", second: "numeric", fractionalSecondDigits: 3}', '{second: "numeric", fractionalSecondDigits: 2}',
  '{year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "numeric"}', '{year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit"}',
  '{month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit"}', '{weekday: "long", hour: "numeric", minute: "2-digit"}',
  '{timeZoneName: "short"}', '{hour: "numeric", minute: "2-digit", timeZoneName: "short"}', '{hour: "numeric", timeZoneName: "long"}',
  '{timeZoneName: "shortOffset"}', '{timeZoneName: "longOffset"}', '{timeZoneName: "shortGeneric"}', '{timeZoneName: "longGeneric"}',
];
for (const o of dtfOptions) for (const d of dates) add('DateTimeFormat en-US ' + o, `new Intl.DateTimeFormat("en-US", {timeZone: "UTC", ...${o}}).format(${d})`);
const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo', 'Pacific/Honolulu', 'asia/calcutta', 'US/Eastern'];
for (const z of zones) for (const o of ['{}', '{timeStyle: "long"}', '{dateStyle: "medium", timeStyle: "full"}', '{hour: "numeric", minute: "2-digit", timeZoneName: "short"}', '{timeZoneName: "shortOffset"}', '{timeZoneName: "longOffset"}', '{timeZoneName: "long"}']) {
  for (const d of ['Date.UTC(2024, 0, 5, 3, 7, 9, 45)', 'Date.UTC(2024, 6, 15, 15, 30, 5)']) add('DateTimeFormat zones ' + z, `new Date(${d}).toLocaleString("en-US", {timeZone: "${z}", ...${o}})`);
}
for (const z of zones) add('DateTimeFormat resolved zone', `new Intl.DateTimeFormat("en-US", {timeZone: "${z}"}).resolvedOptions().timeZone`);
for (const loc of ['de-DE', 'fr-FR', 'ja-JP', 'en-GB']) {
  for (const o of ['{}', '{dateStyle: "full"}', '{dateStyle: "long"}', '{dateStyle: "medium"}', '{dateStyle: "short"}', '{timeStyle: "full"}', '{timeStyle: "short"}', '{dateStyle: "full", timeStyle: "short"}', '{dateStyle: "short", timeStyle: "medium"}', '{year: "numeric", month: "long", day: "numeric"}', '{month: "short", day: "numeric"}', '{weekday: "long"}', '{month: "long"}', '{hour: "numeric", minute: "2-digit"}', '{hour: "numeric"}', '{hour: "numeric", minute: "2-digit", hour12: true}', '{weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "numeric"}', '{timeZone: "Europe/Paris", timeZoneName: "short"}', '{timeZone: "Asia/Tokyo", timeZoneName: "long"}']) {
    for (const d of ['Date.UTC(2024, 0, 5, 3, 7, 9, 45)', 'Date.UTC(2024, 6, 15, 15, 30, 5)']) add('DateTimeFormat ' + loc + ' ' + o, `new Intl.DateTimeFormat("${loc}", {timeZone: "UTC", ...${o}}).format(${d})`);
  }
}
for (const loc of ['es', 'zh-CN', 'it', 'pt-BR', 'ko', 'ru', 'nl']) for (const o of ['{}', '{dateStyle: "full"}', '{dateStyle: "long"}', '{dateStyle: "short", timeStyle: "short"}', '{month: "long", day: "numeric"}', '{weekday: "short", hour: "numeric", minute: "2-digit"}', '{hour: "numeric", minute: "2-digit", hour12: true}', '{timeZone: "Europe/Madrid", timeZoneName: "long"}']) add('DateTimeFormat ' + loc + ' ' + o, `new Intl.DateTimeFormat("${loc}", {timeZone: "UTC", ...${o}}).format(Date.UTC(2024, 0, 5, 3, 7, 9))`);
for (const e of ['new Date(Date.UTC(5, 0, 1) - 62135596800000 * 0).toLocaleDateString("en-US", {timeZone: "UTC"})', 'new Date(Date.UTC(2024, 0, 5, 12)).toLocaleString("en-US", {timeZone: "America/New_York", timeZoneName: "shortGeneric"})', 'new Date(Date.UTC(2024, 2, 10, 7, 30)).toLocaleString("en-US", {timeZone: "America/New_York"})', 'new Date(Date.UTC(2024, 0, 5, 12)).toLocaleString("en-US", {timeZone: "Etc/GMT-14", timeZoneName: "short"})', 'new Date(Date.UTC(2024, 0, 5, 12)).toLocaleString("en-US", {timeZone: "Asia/Kathmandu", timeZoneName: "shortOffset"})', 'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", dateStyle: "medium"}).formatRange(0, 86400000 * 3)', 'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", month: "short", day: "numeric", hour: "numeric", hourCycle: "h23"}).format(0)', 'new Intl.DateTimeFormat("en-US-u-hc-h23", {timeZone: "UTC", hour: "numeric", minute: "numeric"}).format(0)', 'new Intl.DateTimeFormat("en-US-u-hc-h23", {timeZone: "UTC", hour: "numeric"}).resolvedOptions().locale', 'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", hour: "numeric", dayPeriod: "short"}).format(0)', 'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", calendar: "japanese"}).format(0)', 'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", numberingSystem: "arab"}).format(0)', 'new Intl.DateTimeFormat("ja-JP", {timeZone: "UTC", era: "long", year: "numeric"}).format(0)']) add('DateTimeFormat edge cases', e);
for (const e of ['new Date(0).toLocaleString()', 'new Date(0).toLocaleDateString()', 'new Date(0).toLocaleTimeString()', 'new Date(Date.UTC(2024, 0, 5, 3, 7, 9)).toLocaleString("en-US", {timeZone: "UTC"})', 'new Date(Date.UTC(2024, 0, 5, 3, 7, 9)).toLocaleDateString("de-DE", {timeZone: "UTC"})', 'new Date(Date.UTC(2024, 0, 5, 15, 7, 9)).toLocaleTimeString("ja-JP", {timeZone: "UTC"})', 'new Date(Date.UTC(2024, 0, 5, 15, 7, 9)).toLocaleTimeString("en-US", {timeZone: "UTC", hour: "2-digit", minute: "2-digit"})', 'new Date(Date.UTC(2024, 0, 5)).toLocaleDateString("en-US", {timeZone: "UTC", weekday: "long", year: "numeric", month: "long", day: "numeric"})', 'new Date(NaN).toLocaleString()', 'new Date(8.64e15).toLocaleString("en-US", {timeZone: "UTC"})', 'new Date(Date.UTC(-100, 0, 1)).toLocaleDateString("en-US", {timeZone: "UTC"})', 'new Date(Date.UTC(-100, 0, 1)).toLocaleDateString("en-US", {timeZone: "UTC", era: "short"})', 'new Date(0).toLocaleDateString("en-US", {timeZone: "UTC", timeStyle: "short"})']) add('Date toLocale*', e);
for (const [o, d] of [['{}', '0'], ['{dateStyle: "full", timeStyle: "full"}', 'Date.UTC(2024, 6, 15, 15, 30, 5)'], ['{hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone: "America/New_York"}', 'Date.UTC(2024, 6, 15, 15, 30, 5)'], ['{weekday: "long", month: "long", day: "numeric", year: "numeric"}', '0'], ['{hour: "numeric", minute: "numeric", second: "numeric", fractionalSecondDigits: 3}', 'Date.UTC(2024, 0, 5, 3, 7, 9, 45)']]) {
  add('DateTimeFormat formatToParts', `new Intl.DateTimeFormat("en-US", {timeZone: "UTC", ...${o}}).formatToParts(${d})`);
}
for (const o of ['{}', '{dateStyle: "full", timeStyle: "short"}', '{hour: "numeric", minute: "numeric"}', '{hour: "numeric", hour12: false}', '{hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short"}', '{weekday: "short", month: "long", day: "numeric", year: "2-digit"}', '{hourCycle: "h11", hour: "numeric"}', '{timeZone: "asia/kolkata"}', '{era: "long", fractionalSecondDigits: 2, second: "numeric"}']) {
  add('DateTimeFormat resolvedOptions', `new Intl.DateTimeFormat("en-US", ${o}).resolvedOptions()`);
}
for (const loc of ['de-DE', 'fr-FR', 'ja-JP', 'en-GB']) add('DateTimeFormat resolvedOptions', `new Intl.DateTimeFormat("${loc}", {hour: "numeric", minute: "numeric"}).resolvedOptions()`);
for (const e of ['new Intl.DateTimeFormat("en", {timeZone: "Mars/Base"})', 'new Intl.DateTimeFormat("en", {dateStyle: "short", hour: "numeric"})', 'new Intl.DateTimeFormat("en").format(NaN)', 'new Intl.DateTimeFormat("en", {hour: "bogus"})', 'new Intl.DateTimeFormat("en", {fractionalSecondDigits: 4})', 'new Intl.DateTimeFormat("en", {timeZone: "+01:00"})']) add('DateTimeFormat errors', e);

// ---- Collator ----
const pairs = [['a', 'b'], ['b', 'a'], ['a', 'a'], ['a', 'A'], ['A', 'a'], ['a', 'á'], ['á', 'b'], ['ä', 'z'], ['résumé', 'resume'], ['a', 'B'], ['2', '10'], ['item 2', 'item 10'], ['', 'a'], ['a-b', 'ab'], ['a b', 'ab'], ['Æ', 'AE'], ['ß', 'ss'], ['z', 'Z'], ['apple', 'Apple'], ['ö', 'o'], ['中', '日'], ['あ', 'ア'], ['1', 'a'], ['!', 'a']];
for (const o of ['{}', '{sensitivity: "base"}', '{sensitivity: "accent"}', '{sensitivity: "case"}', '{numeric: true}', '{ignorePunctuation: true}']) for (const [a, b] of pairs) add('Collator en ' + o, `new Intl.Collator("en", ${o}).compare(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
for (const loc of ['de', 'fr', 'ja', 'sv', 'es']) for (const [a, b] of [['ä', 'z'], ['ö', 'p'], ['ñ', 'o'], ['cote', 'côte'], ['côte', 'coté'], ['あ', 'ア'], ['a', 'B']]) add('Collator ' + loc, `new Intl.Collator("${loc}").compare(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
for (const e of ['["b", "a", "C", "ä", "Z", "10", "9", "é"].sort(new Intl.Collator("en").compare)', '["b", "a", "C", "ä", "Z", "10", "9", "é"].sort(new Intl.Collator("en", {numeric: true}).compare)', '"a".localeCompare("B")', '"ä".localeCompare("z", "sv")', '"a".localeCompare("A", undefined, {sensitivity: "base"})', 'new Intl.Collator("de", {sensitivity: "base", numeric: true}).resolvedOptions()', 'new Intl.Collator("en-u-kn-true").resolvedOptions()', 'new Intl.Collator().resolvedOptions()']) add('Collator misc', e);

// ---- PluralRules ----
for (const n of ['0', '1', '2', '3', '4', '5', '10', '11', '12', '13', '21', '22', '23', '101', '111', '1.5', '0.5', '-1', '1000000']) {
  add('PluralRules en', `new Intl.PluralRules("en").select(${n})`);
  add('PluralRules en ordinal', `new Intl.PluralRules("en", {type: "ordinal"}).select(${n})`);
  for (const loc of ['fr', 'de', 'ja', 'ru', 'ar', 'pl', 'cy']) add('PluralRules ' + loc, `new Intl.PluralRules("${loc}").select(${n})`);
}
for (const e of ['new Intl.PluralRules("en", {minimumFractionDigits: 1}).select(1)', 'new Intl.PluralRules("en", {maximumFractionDigits: 0}).select(1.4)', 'new Intl.PluralRules("en").resolvedOptions()', 'new Intl.PluralRules("en", {type: "ordinal"}).resolvedOptions()', 'new Intl.PluralRules("ru").resolvedOptions().pluralCategories', 'new Intl.PluralRules("ar").resolvedOptions().pluralCategories', 'new Intl.PluralRules("cy", {type: "ordinal"}).resolvedOptions().pluralCategories', 'new Intl.PluralRules("en").selectRange(1, 2)']) add('PluralRules misc', e);

// ---- RelativeTimeFormat ----
for (const style of ['long', 'short', 'narrow']) for (const numeric of ['always', 'auto']) for (const unit of ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']) for (const v of ['-2', '-1', '0', '1', '2', '-1.5', '1000', '-0']) {
  add(`RelativeTimeFormat en ${style} ${numeric}`, `new Intl.RelativeTimeFormat("en", {style: "${style}", numeric: "${numeric}"}).format(${v}, "${unit}")`);
}
for (const loc of ['de', 'fr', 'ja', 'es', 'zh', 'ru']) for (const numeric of ['always', 'auto']) for (const unit of ['day', 'hour', 'month', 'year']) for (const v of ['-2', '-1', '0', '1', '3']) {
  add(`RelativeTimeFormat ${loc} ${numeric}`, `new Intl.RelativeTimeFormat("${loc}", {numeric: "${numeric}"}).format(${v}, "${unit}")`);
}
for (const e of ['new Intl.RelativeTimeFormat("en").formatToParts(-1234.5, "days")', 'new Intl.RelativeTimeFormat("en", {numeric: "auto"}).formatToParts(-1, "day")', 'new Intl.RelativeTimeFormat("en").resolvedOptions()', 'new Intl.RelativeTimeFormat("en").format(1, "decade")', 'new Intl.RelativeTimeFormat("en").format(NaN, "day")']) add('RelativeTimeFormat misc', e);

// ---- locales ----
for (const t of ['"EN-us"', '"de-de-u-co-phonebk"', '"iw"', '"zh-hant-tw"', '"en-US-u-ca-gregory-nu-latn"', '"und"', '"en-u-kn-true"', '"en-u-nu-latn-ca-gregory"', '"tl"', '"in-ID"', '"en-valencia-1994"', '["en-US", "en-us", "de"]', '[]', 'undefined', '"en_US"', '""', '"en--US"', '"root"', '"x-private"', '5', '[5]', '"sr-Latn-RS"', '"es-419"']) add('getCanonicalLocales', `Intl.getCanonicalLocales(${t})`);
for (const c of ['NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat']) add('supportedLocalesOf', `Intl.${c}.supportedLocalesOf(["en-US", "de-AT", "fr", "ja-JP"])`);
for (const e of ['Object.prototype.toString.call(Intl)', 'Object.prototype.toString.call(new Intl.NumberFormat())', 'Object.prototype.toString.call(new Intl.DateTimeFormat())', 'Intl.NumberFormat.length', 'Intl.DateTimeFormat.name', 'typeof Intl.NumberFormat.prototype.formatToParts', 'new Intl.NumberFormat("de").resolvedOptions().locale', 'new Intl.DateTimeFormat("de-AT").resolvedOptions().locale', 'new Intl.NumberFormat(["xx", "de"]).resolvedOptions().locale', 'new Intl.NumberFormat("xx").resolvedOptions().locale', 'Intl.NumberFormat("en") instanceof Intl.NumberFormat']) add('misc', e);

// Deviations: expression → reason. Filled in from edge's test runs; each is documented in doc.go.
const DEVIATIONS = require('./deviations.js');

// js renders a JSON value, escaping invisible and space-like characters.
const js = (v) => JSON.stringify(v, (k, x) => typeof x === 'bigint' ? String(x) : x).replace(/[\u0080-\u00a0\u00ad\u2000-\u206f\u3000\ufeff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

function evaluate(expr) {
  try {
    // eslint-disable-next-line no-eval
    return { value: (0, eval)(expr) };
  } catch (e) {
    return { error: e.constructor.name, message: e.message };
  }
}

const lines = [];
lines.push('// Code generated by testdata/gen/node_cases.js from Node ' + process.version + ' (ICU ' + process.versions.icu + ', CLDR ' + process.versions.cldr + ', tz ' + process.versions.tz + '). DO NOT EDIT.');
lines.push('// Each test compares one expression with the result Node gave. Differences edge accepts are');
lines.push('// test.skip entries with the reason (see testdata/gen/deviations.js).');
lines.push('');
let skipped = 0;
for (const c of cases) {
  const r = evaluate(c.expr);
  const name = JSON.stringify(c.group + ' | ' + c.expr);
  const reason = DEVIATIONS[c.expr];
  const fn = reason ? (skipped++, 'test.skip') : 'test';
  const comment = reason ? ` // Deviation: ${reason}` : '';
  if (r.error) {
    lines.push(`${fn}(${name}, () => { assertThrows(() => ${c.expr}, ${JSON.stringify(r.error)}); });${comment}`);
  } else {
    lines.push(`${fn}(${name}, () => { assertEquals(${c.expr}, ${js(r.value)}); });${comment}`);
  }
}
lines.push('');
console.log(lines.join('\n'));
console.error(`${cases.length} cases, ${skipped} deviations`);
