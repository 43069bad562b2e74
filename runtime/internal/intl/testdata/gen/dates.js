// Generates ../../date_tables.go: CLDR calendar and time zone data for the locales edge's
// DateTimeFormat carries, as ICU renders it. Run from the package directory with Node 20 (full ICU):
//
//	node testdata/gen/dates.js > date_tables.go && gofmt -w date_tables.go
//
// zones.txt is the list of zones in Go's embedded tzdata (unzip -Z1 $(go env GOROOT)/lib/time/zoneinfo.zip).
// Only observable output of Intl.DateTimeFormat is read; nothing is copied from ICU or CLDR files.
'use strict';
const fs = require('fs');
const path = require('path');

const LOCALES = ['en', 'en-GB', 'de', 'fr', 'ja', 'es', 'it', 'pt', 'nl', 'zh', 'ko', 'ru'];
const D = new Date(Date.UTC(2024, 0, 5, 3, 7, 9, 45)); // a Friday; every numeric field is one digit
const D2 = new Date(Date.UTC(2024, 4, 5, 3, 7, 9, 45)); // a Sunday in May: format and stand-alone names differ in more languages
const q = (s) => JSON.stringify(s).replace(/[\u0080-\u00a0\u00ad\u2000-\u206f\u3000\ufeff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

function dtf(loc, o) { return new Intl.DateTimeFormat(loc, { timeZone: 'UTC', ...o }); }
function only(loc, o, type, d) { return dtf(loc, o).formatToParts(d).filter(p => p.type === type).map(p => p.value).join(''); }

function names(loc) {
  const months = [[], []], weekdays = [[], []];
  ['short', 'long', 'narrow'].forEach((w, wi) => {
    months[0][wi] = []; months[1][wi] = []; weekdays[0][wi] = []; weekdays[1][wi] = [];
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2024, m, 5));
      months[0][wi].push(only(loc, { month: w, day: 'numeric' }, 'month', d));
      months[1][wi].push(only(loc, { month: w }, 'month', d));
    }
    for (let i = 0; i < 7; i++) {
      const d = new Date(Date.UTC(2024, 0, 7 + i));
      weekdays[0][wi].push(only(loc, { weekday: w, day: 'numeric', month: 'long' }, 'weekday', d));
      weekdays[1][wi].push(only(loc, { weekday: w }, 'weekday', d));
    }
  });
  const eras = ['short', 'long', 'narrow'].map(w => [only(loc, { era: w, year: 'numeric' }, 'era', new Date(Date.UTC(-100, 0, 1))), only(loc, { era: w, year: 'numeric' }, 'era', D)]);
  const dayPeriods = [only(loc, { hour: 'numeric', hour12: true }, 'dayPeriod', D), only(loc, { hour: 'numeric', hour12: true }, 'dayPeriod', new Date(Date.UTC(2024, 0, 5, 15)))];
  return { months, weekdays, eras, dayPeriods };
}

// toPattern turns formatToParts output back into a CLDR pattern. tz is the pattern letter(s)
// for the time zone field that was requested.
function toPattern(parts, n, hc, tz, d = D) {
  const mi = d.getUTCMonth(), wi = d.getUTCDay();
  let out = '';
  const lit = (s) => /[A-Za-z']/.test(s) ? "'" + s.replace(/'/g, "''") + "'" : s;
  for (const p of parts) {
    const v = p.value;
    switch (p.type) {
      case 'literal': out += lit(v); break;
      case 'year': out += v.length === 2 ? 'yy' : 'y'; break;
      case 'day': out += v.length === 2 ? 'dd' : 'd'; break;
      case 'month': {
        if (/^\d+$/.test(v)) { out += v.length === 2 ? 'MM' : 'M'; break; }
        const L = [['MMM', 0, 0], ['MMMM', 0, 1], ['MMMMM', 0, 2], ['LLL', 1, 0], ['LLLL', 1, 1], ['LLLLL', 1, 2]].find(([, c, w]) => n.months[c][w][mi] === v);
        out += L ? L[0] : '?' + v; break;
      }
      case 'weekday': {
        const L = [['E', 0, 0], ['EEEE', 0, 1], ['EEEEE', 0, 2], ['ccc', 1, 0], ['cccc', 1, 1], ['ccccc', 1, 2]].find(([, c, w]) => n.weekdays[c][w][wi] === v);
        out += L ? L[0] : '?' + v; break;
      }
      case 'era': { const i = n.eras.findIndex(e => e[1] === v); out += ['G', 'GGGG', 'GGGGG'][i] || '?era'; break; }
      case 'hour': { const L = { h12: 'h', h23: 'H', h11: 'K', h24: 'k' }[hc]; out += v.length === 2 ? L + L : L; break; }
      case 'minute': out += v.length === 2 ? 'mm' : 'm'; break;
      case 'second': out += v.length === 2 ? 'ss' : 's'; break;
      case 'fractionalSecond': out += 'S'.repeat(v.length); break;
      case 'dayPeriod': out += 'a'; break;
      case 'timeZoneName': out += tz || '?tz'; break;
      default: out += '?' + p.type;
    }
  }
  return out;
}

const letterOpts = {
  G: { era: 'short' }, y: { year: 'numeric' }, M: { month: 'numeric' }, MMM: { month: 'short' },
  MMMM: { month: 'long' }, EEEE: { weekday: 'long' }, MMMMM: { month: 'narrow' }, EEEEE: { weekday: 'narrow' },
  d: { day: 'numeric' }, E: { weekday: 'short' },
  h: { hour: 'numeric', hourCycle: 'h12' }, H: { hour: 'numeric', hourCycle: 'h23' },
  m: { minute: 'numeric' }, s: { second: 'numeric' }, z: { timeZoneName: 'short' },
};
// pattern derives the pattern for a skeleton. Names are read on two dates, because a format
// and a stand-alone name can be equal in one month and differ in another (ru: "янв." both, but
// "мая"/"май"); where the two readings differ, the stand-alone letter is the right one.
function pattern(loc, skeleton, n) {
  const o = {};
  for (const m of skeleton.match(/(.)\1*/g)) Object.assign(o, letterOpts[m]);
  return patternOf(dtf(loc, o), n, 'z');
}

function patternOf(f, n, tz, hc = f.resolvedOptions().hourCycle) {
  const a = toPattern(f.formatToParts(D), n, hc, tz, D);
  const b = toPattern(f.formatToParts(D2), n, hc, tz, D2);
  if (a === b || a.length !== b.length) return a;
  let out = '';
  for (let i = 0; i < a.length; i++) out += (b[i] === 'L' || b[i] === 'c') ? b[i] : a[i];
  return out;
}

// Canonical skeletons: every combination of date fields (era, year, numeric or text month,
// day, weekday) and of time fields (12- or 24-hour, minute, second, zone).
function dateSkeletons() {
  const out = [];
  for (const G of ['', 'G']) for (const y of ['', 'y']) for (const M of ['', 'M', 'MMM']) for (const d of ['', 'd']) for (const E of ['', 'E']) {
    const s = G + y + M + d + E;
    if (s) out.push(s);
  }
  return out;
}
function timeSkeletons() {
  const out = [];
  for (const h of ['', 'h', 'H']) for (const m of ['', 'm']) for (const s of ['', 's']) for (const z of ['', 'z']) {
    const k = h + m + s + z;
    if (k) out.push(k);
  }
  return out;
}

// The date-time glue the runtime applies by date width (full: long month and weekday, long:
// long month, medium: short month, short: numeric month).
// Canonical skeletons only have short widths, so only medium (text month) and short apply.
function glueFor(dateSkeleton, glue) {
  return dateSkeleton.includes('MMM') ? glue[2] : glue[3];
}

function data(loc) {
  const n = names(loc);
  const styles = ['full', 'long', 'medium', 'short'];
  const hc = dtf(loc, { hour: 'numeric' }).resolvedOptions().hourCycle;
  const dateStyles = styles.map(s => patternOf(dtf(loc, { dateStyle: s }), n, 'z', hc));
  const timeStyles = styles.map((s, i) => patternOf(dtf(loc, { timeStyle: s }), n, i === 0 ? 'zzzz' : 'z'));
  // Glue: what ICU puts between a date pattern and a time pattern.
  const middle = (full, datePart, timePart) => {
    if (!full.startsWith(datePart) || !full.endsWith(timePart)) throw new Error(loc + ': cannot split ' + full);
    const lit = full.slice(datePart.length, full.length - timePart.length);
    return '{1}' + lit + '{0}';
  };
  const styleGlue = styles.map((s, i) => {
    const f = dtf(loc, { dateStyle: s, timeStyle: 'short' });
    return middle(patternOf(f, n, 'z', hc), dateStyles[i], timeStyles[3]);
  });
  const hm = pattern(loc, 'hm', n);
  const glue = ['MMMMdEEEE', 'MMMMd', 'MMMd', 'Md'].map(sk => middle(pattern(loc, sk + 'hm', n), pattern(loc, sk, n), hm));
  // edge uses one table for both; stop if ICU ever makes them differ.
  if (JSON.stringify(glue) !== JSON.stringify(styleGlue)) throw new Error(loc + ': style glue ' + styleGlue + ' != ' + glue);
  const skeletons = {};
  const ds = dateSkeletons(), ts = timeSkeletons();
  // An era or a zone alone never reaches the pattern generator (ToDateTimeOptions adds year,
  // month and day), so their entries are just the field.
  for (const s of [...ds, ...ts]) if (s !== 'G' && s !== 'z') skeletons[s] = pattern(loc, s, n);
  const base = (s) => skeletons[s] || s;
  // Mixed skeletons are stored where gluing the date and time patterns would differ, and
  // always for a weekday with a time (CLDR's Ehm-style formats, which ICU matches as a whole).
  for (const a of ds) for (const b of ts) {
    if (a === 'G' && b === 'z') continue;
    const got = pattern(loc, a + b, n);
    const glued = glueFor(a, glue).replace('{1}', base(a)).replace('{0}', base(b));
    if (got !== glued || (a === 'E' && /[hH]/.test(b))) skeletons[a + b] = got;
  }
  // Wide month and weekday variants ("MMMMd": "d 'de' MMMM" in es) are stored where they are
  // not just the abbreviated pattern with wider fields.
  // Narrow ones likewise ("MMMMM").
  const widen = (p, month, weekday) => {
    let out = p;
    if (month) out = out.replace(/(?<![ML])(M{3}|L{3})(?![ML])/g, (m) => m[0].repeat(month));
    if (weekday) out = out.replace(/(?<![Ec])E(?!E)/g, 'E'.repeat(weekday)).replace(/(?<!c)ccc(?!c)/g, 'c'.repeat(weekday));
    return out;
  };
  for (const a of ds) {
    for (const month of [0, 4, 5]) for (const weekday of [0, 4, 5]) {
      if ((!month && !weekday) || (month && !a.includes('MMM')) || (weekday && !a.includes('E'))) continue;
      let key = a;
      if (month) key = key.replace('MMM', 'M'.repeat(month));
      if (weekday) key = key.replace('E', 'E'.repeat(weekday));
      const got = pattern(loc, key, n);
      if (got !== widen(base(a), month, weekday)) skeletons[key] = got;
    }
  }
  const decimal = only(loc, { second: 'numeric', fractionalSecondDigits: 1 }, 'literal', D) || '.';
  const off = dtf(loc, { timeZone: 'Etc/GMT+5', timeZoneName: 'shortOffset' }).formatToParts(D).find(p => p.type === 'timeZoneName').value;
  const offPlus = dtf(loc, { timeZone: 'Etc/GMT-5', timeZoneName: 'shortOffset' }).formatToParts(D).find(p => p.type === 'timeZoneName').value;
  const gmt = { prefix: off.replace(/[+\-\u2212]5$/, ''), minus: off.slice(-2, -1), plus: offPlus.slice(-2, -1) };
  const tz = (zone, name, d) => new Intl.DateTimeFormat(loc, { timeZone: zone, timeZoneName: name }).formatToParts(d).find(p => p.type === 'timeZoneName').value;
  const utc = [tz('UTC', 'short', D), tz('UTC', 'long', D)];
  return { n, hc, dateStyles, timeStyles, glue, skeletons, decimal: decimal.trim(), gmt, utc, tz };
}

// Time zones: Go's names, their CLDR canonical names, and metazone names by en long name.
const goZones = fs.readFileSync(path.join(__dirname, 'zones.txt'), 'utf8').trim().split('\n').filter(z => z !== 'Factory');
const canonical = {};
for (const z of goZones) canonical[z] = new Intl.DateTimeFormat('en', { timeZone: z }).resolvedOptions().timeZone;
const WINTER = new Date(Date.UTC(2024, 0, 15, 12)), SUMMER = new Date(Date.UTC(2024, 6, 15, 12));
// isGMT: a localized offset ("GMT+1", "UTC−5") rather than a name ("GMT", "EST").
const isGMT = (s) => /^(GMT|UTC)[+\-\u2212]\d/.test(s);
const metazoneOf = {}; // canonical zone → en long standard name
const metazones = new Map(); // key → representative zone info
for (const z of new Set(Object.values(canonical))) {
  if (z === 'UTC' || z.startsWith('Etc/')) continue;
  const f = (d) => new Intl.DateTimeFormat('en', { timeZone: z, timeZoneName: 'long' }).formatToParts(d).find(p => p.type === 'timeZoneName').value;
  const w = f(WINTER), s = f(SUMMER);
  if (w.startsWith('GMT') && s.startsWith('GMT')) continue;
  // The standard name is the one with the smaller offset.
  const offset = (d) => new Intl.DateTimeFormat('en', { timeZone: z, timeZoneName: 'longOffset' }).formatToParts(d).find(p => p.type === 'timeZoneName').value;
  const toMin = (o) => o === 'GMT' ? 0 : (o[3] === '-' ? -1 : 1) * (parseInt(o.slice(4, 6)) * 60 + parseInt(o.slice(7, 9)));
  const winterIsStd = toMin(offset(WINTER)) <= toMin(offset(SUMMER));
  const std = winterIsStd ? w : s, dst = winterIsStd ? s : w;
  // Keyed by the en standard name, plus the daylight name for zones that observe it (London's
  // "British Summer Time" makes it differ from the rest of "Greenwich Mean Time").
  const key = std === dst ? std : std + '|' + dst;
  metazoneOf[z] = key;
  if (!metazones.has(key)) metazones.set(key, { zone: z, dst: w !== s, winterIsStd });
}

const out = [];
out.push('// Code generated by testdata/gen/dates.js from Node ' + process.version + ' (ICU ' + process.versions.icu + ', CLDR ' + process.versions.cldr + ', tz ' + process.versions.tz + '). DO NOT EDIT.');
out.push('');
out.push('package intl');
out.push('');
out.push('import "sync"');
out.push('');
out.push('// dateLocales holds the CLDR calendar data edge carries. Skeleton keys use canonical letters');
out.push('// (G y M MMM d E h H m s z); mixed date+time keys appear only where ICU does not simply glue');
out.push('// the date and time patterns.');
out.push('// Built on first use: most workers never format dates, numbers or units.');
out.push('var dateLocales = sync.OnceValue(func() map[string]*dateData {');
out.push('\treturn map[string]*dateData{');
const all = {};
for (const loc of LOCALES) {
  const d = data(loc); all[loc] = d;
  const arr = (a) => '{' + a.map(q).join(', ') + '}';
  out.push(`\t${q(loc)}: {`);
  out.push(`\t\tmonths: [2][3][12]string{{${d.n.months[0].map(arr).join(', ')}}, {${d.n.months[1].map(arr).join(', ')}}},`);
  out.push(`\t\tweekdays: [2][3][7]string{{${d.n.weekdays[0].map(arr).join(', ')}}, {${d.n.weekdays[1].map(arr).join(', ')}}},`);
  out.push(`\t\teras: [3][2]string{${d.n.eras.map(arr).join(', ')}},`);
  out.push(`\t\tdayPeriods: [2]string${arr(d.n.dayPeriods)},`);
  out.push(`\t\tdateStyles: [4]string${arr(d.dateStyles)},`);
  out.push(`\t\ttimeStyles: [4]string${arr(d.timeStyles)},`);
  out.push(`\t\tglue: [4]string${arr(d.glue)},`);
  out.push(`\t\thourCycle: ${q(d.hc)}, decimal: ${q(d.decimal)},`);
  out.push(`\t\tgmt: gmtFormat{prefix: ${q(d.gmt.prefix)}, plus: ${q(d.gmt.plus)}, minus: ${q(d.gmt.minus)}},`);
  out.push(`\t\tutc: [2]string${arr(d.utc)},`);
  out.push('\t\tskeletons: map[string]string{');
  for (const [k, v] of Object.entries(d.skeletons)) out.push(`\t\t\t${q(k)}: ${q(v)},`);
  out.push('\t\t},');
  // Zone names: [standard, daylight, generic] by metazone (en long standard name).
  const short = [], long = [];
  for (const [key, mz] of metazones) {
    const [a, b] = mz.winterIsStd ? [WINTER, SUMMER] : [SUMMER, WINTER];
    const ls = d.tz(mz.zone, 'long', a), ld = mz.dst ? d.tz(mz.zone, 'long', b) : ls, lg = d.tz(mz.zone, 'longGeneric', a);
    if (!isGMT(ls)) long.push(`\t\t\t${q(key)}: {${q(ls)}, ${q(ld)}, ${q(lg)}},`);
    const ss = d.tz(mz.zone, 'short', a), sd = mz.dst ? d.tz(mz.zone, 'short', b) : ss, sg = d.tz(mz.zone, 'shortGeneric', a);
    if (!isGMT(ss)) short.push(`\t\t\t${q(key)}: {${q(ss)}, ${q(sd)}, ${q(sg)}},`);
  }
  out.push('\t\tzoneShort: map[string][3]string{'); out.push(...short); out.push('\t\t},');
  out.push('\t\tzoneLong: map[string][3]string{'); out.push(...long); out.push('\t\t},');
  out.push('\t},');
}
out.push('\t}');
out.push('})');
out.push('');
out.push('// zoneAliases maps the IANA names in Go\'s tzdata that ICU does not treat as canonical to');
out.push('// the canonical name resolvedOptions().timeZone reports.');
out.push('// Built on first use: most workers never format dates, numbers or units.');
out.push('var zoneAliases = sync.OnceValue(func() map[string]string {');
out.push('\treturn map[string]string{');
for (const z of goZones) if (canonical[z] !== z) out.push(`\t${q(z)}: ${q(canonical[z])},`);
out.push('\t}');
out.push('})');
out.push('');
out.push('// zoneNames lists every zone in Go\'s tzdata (for case-insensitive lookup).');
out.push('var zoneNames = []string{');
for (let i = 0; i < goZones.length; i += 4) out.push('\t' + goZones.slice(i, i + 4).map(q).join(', ') + ',');
out.push('}');
out.push('');
out.push('// zoneMetazone maps canonical zones to their metazone, named by its en long names (standard|daylight).');
out.push('// Built on first use: most workers never format dates, numbers or units.');
out.push('var zoneMetazone = sync.OnceValue(func() map[string]string {');
out.push('\treturn map[string]string{');
for (const [z, m] of Object.entries(metazoneOf)) out.push(`\t${q(z)}: ${q(m)},`);
out.push('\t}');
out.push('})');
console.log(out.join('\n'));
