// Generates ../../number_tables.go: CLDR number data for the locales edge's NumberFormat
// carries, as ICU renders it. Run with Node 20 (full ICU):
//
//	node testdata/gen/numbers.js > number_tables.go && gofmt -w number_tables.go
//
// Only observable output of Intl.NumberFormat is read; nothing is copied from ICU or CLDR files.
'use strict';

const LOCALES = ['en', 'en-GB', 'en-IN', 'de', 'de-AT', 'de-CH', 'fr', 'fr-CA', 'fr-CH', 'ja', 'es', 'it', 'pt', 'nl', 'zh', 'ko', 'ru'];
const CURRENCIES = ['USD', 'EUR', 'JPY', 'GBP', 'CNY', 'INR', 'CAD', 'AUD', 'CHF', 'KRW', 'BRL', 'MXN', 'RUB', 'SEK', 'NOK', 'DKK', 'PLN', 'HKD', 'SGD', 'NZD', 'ZAR', 'TRY', 'ILS', 'TWD', 'THB', 'IDR', 'CZK', 'HUF', 'AED', 'SAR', 'PHP', 'VND', 'NGN', 'UAH', 'ARS', 'CLP', 'COP', 'EGP', 'BTC'].filter(c => { try { new Intl.NumberFormat('en', { style: 'currency', currency: c }); return true; } catch (e) { return false; } });

// q quotes a Go string, escaping invisible and space-like characters so the table is readable.
const q = (s) => JSON.stringify(s).replace(/[\u0080-\u00a0\u00ad\u2000-\u206f\u3000\ufeff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const parts = (loc, o, v) => new Intl.NumberFormat(loc, o).formatToParts(v);

// affixes splits formatToParts output around the number into prefix and suffix, with
// placeholders: '-' minus, '+' plus, '%' percent, '¤' currency.
function affixes(ps) {
  let pre = '', suf = '', seenNumber = false, afterNumber = false;
  const numberTypes = new Set(['integer', 'group', 'decimal', 'fraction']);
  for (const p of ps) {
    if (numberTypes.has(p.type)) { seenNumber = true; continue; }
    let t;
    switch (p.type) {
      case 'minusSign': t = '-'; break;
      case 'plusSign': t = '+'; break;
      case 'percentSign': t = '%'; break;
      case 'currency': t = '¤'; break;
      case 'literal': t = p.value.replace(/[-+%¤']/g, (c) => "'" + c + "'"); break;
      case 'compact': t = '\u0000' + p.value + '\u0000'; break;
      default: t = '?' + p.type;
    }
    if (seenNumber) { afterNumber = true; suf += t; } else pre += t;
  }
  return [pre, suf];
}

function symbolCurrency(loc) {
  for (const c of ['EUR', 'USD', 'GBP', 'JPY']) {
    const s = new Intl.NumberFormat(loc, { style: 'currency', currency: c }).formatToParts(1).find(p => p.type === 'currency').value;
    if (!/\p{L}/u.test(s)) return c;
  }
  return 'EUR';
}

// sampleFor is a number of the plural category. 1.5 comes first so that French "one" is
// sampled as "1,5 millier" rather than the special form of exactly one ("mille").
function sampleFor(loc, cat) {
  const pr = new Intl.PluralRules(loc);
  for (const n of [1.5, 1, 2, 3, 5, 11, 21, 22, 25, 100, 0]) if (pr.select(n) === cat) return n;
  return null;
}

function data(loc) {
  const nf = (o) => new Intl.NumberFormat(loc, o);
  const p = parts(loc, {}, -1234567.5);
  const sym = (t) => (p.find(x => x.type === t) || {}).value;
  const plus = parts(loc, { signDisplay: 'always' }, 1).find(x => x.type === 'plusSign').value;
  const big = parts(loc, {}, 1234567890).filter(x => x.type === 'integer').map(x => x.value.length);
  const primary = big[big.length - 1], secondary = big.length > 2 ? big[big.length - 2] : primary;
  const minGrouping = nf({}).format(1234).match(/\d(\D)\d/) ? 1 : 2;
  const pct = parts(loc, { style: 'percent' }, 0.5), npct = parts(loc, { style: 'percent' }, -0.5);
  const cur = symbolCurrency(loc);
  const c = parts(loc, { style: 'currency', currency: cur }, 1), nc = parts(loc, { style: 'currency', currency: cur }, -1);
  const na = parts(loc, { style: 'currency', currency: cur, currencySign: 'accounting' }, -1);
  const nameP = parts(loc, { style: 'currency', currency: 'EUR', currencyDisplay: 'name' }, 2);
  const nan = parts(loc, {}, NaN)[0].value, inf = parts(loc, {}, Infinity)[0].value;
  const exp = parts(loc, { notation: 'scientific' }, 1234).find(x => x.type === 'exponentSeparator').value;
  const cats = new Intl.PluralRules(loc).resolvedOptions().pluralCategories;
  const compact = {};
  for (const display of ['short', 'long']) {
    compact[display] = [];
    for (let pw = 3; pw <= 14; pw++) {
      const ps = parts(loc, { notation: 'compact', compactDisplay: display }, 5 * 10 ** pw);
      const ints = ps.filter(x => x.type === 'integer').map(x => x.value).join('').replace(/\D/g, '');
      if (!ps.some(x => x.type === 'compact')) { compact[display].push(null); continue; }
      const div = pw - ints.length + 1;
      const forms = {};
      for (const cat of cats) {
        const n = sampleFor(loc, cat);
        if (n === null) continue;
        const fp = parts(loc, { notation: 'compact', compactDisplay: display, maximumFractionDigits: 1 }, n * 10 ** div);
        if (!fp.some(x => x.type === 'compact')) continue;
        forms[cat] = affixes(fp);
      }
      compact[display].push({ div, forms });
    }
  }
  const currencies = {};
  for (const code of CURRENCIES) {
    const get = (display, v) => parts(loc, { style: 'currency', currency: code, currencyDisplay: display, minimumFractionDigits: 0, maximumFractionDigits: 1 }, v).find(x => x.type === 'currency').value;
    const names = {};
    for (const cat of cats) { const n = sampleFor(loc, cat); if (n !== null) names[cat] = get('name', n); }
    currencies[code] = { symbol: get('symbol', 1), narrow: get('narrowSymbol', 1), names };
  }
  return {
    decimal: sym('decimal'), group: sym('group') || ',', minus: sym('minusSign'), plus, percent: pct.find(x => x.type === 'percentSign').value,
    nan, inf, exp, primary, secondary, minGrouping,
    percentPos: affixes(pct), percentNeg: affixes(npct),
    currencyPos: affixes(c), currencyNeg: affixes(nc), accountingNeg: affixes(na), namePattern: affixes(nameP),
    compact, currencies,
  };
}

function goAffix(a) { return `{${q(a[0])}, ${q(a[1])}}`; }
function goForms(forms) {
  return '{' + Object.entries(forms).map(([cat, a]) => `${q(cat)}: ${goAffix(a.map(s => s.replace(/\u0000/g, '')))}`).join(', ') + '}';
}

const out = [];
out.push('// Code generated by testdata/gen/numbers.js from Node ' + process.version + ' (ICU ' + process.versions.icu + ', CLDR ' + process.versions.cldr + '). DO NOT EDIT.');
out.push('');
out.push('package intl');
out.push('');
out.push('import "sync"');
out.push('');
out.push('// numberLocales holds the CLDR number data edge carries, by locale (language, or language-region');
out.push('// where the region differs). Affix placeholders: - minus, + plus, % percent, ¤ currency.');
out.push('// Built on first use: most workers never format dates, numbers or units.');
out.push('var numberLocales = sync.OnceValue(func() map[string]*numberData {');
out.push('\treturn map[string]*numberData{');
for (const loc of LOCALES) {
  const d = data(loc);
  out.push(`\t${q(loc)}: {`);
  out.push(`\t\tdecimal: ${q(d.decimal)}, group: ${q(d.group)}, minus: ${q(d.minus)}, plus: ${q(d.plus)}, percentSign: ${q(d.percent)},`);
  out.push(`\t\tnan: ${q(d.nan)}, infinity: ${q(d.inf)}, exponent: ${q(d.exp)},`);
  out.push(`\t\tprimaryGroup: ${d.primary}, secondaryGroup: ${d.secondary}, minGrouping: ${d.minGrouping},`);
  out.push(`\t\tpercent: [2]affix{${goAffix(d.percentPos)}, ${goAffix(d.percentNeg)}},`);
  out.push(`\t\tcurrency: [2]affix{${goAffix(d.currencyPos)}, ${goAffix(d.currencyNeg)}},`);
  out.push(`\t\taccounting: affix${goAffix(d.accountingNeg)},`);
  out.push(`\t\tcurrencyName: affix${goAffix(d.namePattern)},`);
  for (const display of ['short', 'long']) {
    out.push(`\t\tcompact${display === 'short' ? 'Short' : 'Long'}: [12]compactPattern{`);
    for (const e of d.compact[display]) out.push(e === null ? '\t\t\t{},' : `\t\t\t{div: ${e.div}, forms: map[string]affix${goForms(e.forms)}},`);
    out.push('\t\t},');
  }
  out.push('\t\tcurrencies: map[string]currencyNames{');
  for (const [code, c] of Object.entries(d.currencies)) {
    out.push(`\t\t\t${q(code)}: {${q(c.symbol)}, ${q(c.narrow)}, map[string]string{${Object.entries(c.names).map(([k, v]) => q(k) + ': ' + q(v)).join(', ')}}},`);
  }
  out.push('\t\t},');
  out.push('\t},');
}
out.push('\t}');
out.push('})');
console.log(out.join('\n'));
