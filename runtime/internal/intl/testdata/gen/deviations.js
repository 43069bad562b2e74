// Expressions whose Node result edge deliberately does not reproduce, with the reason. Each is
// also described under "Deviation:" in doc.go. node_cases.js turns them into test.skip.
module.exports = {
  'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", dateStyle: "medium"}).formatRange(0, 86400000 * 3)':
    'formatRange does not carry ICU interval formats; both dates are written in full',
  'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", hour: "numeric", dayPeriod: "short"}).format(0)':
    'flexible day periods (dayPeriod option) are not carried; AM/PM is used',
  'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", calendar: "japanese"}).format(0)':
    'only the gregory and iso8601 calendars',
  'new Intl.DateTimeFormat("en-US", {timeZone: "UTC", numberingSystem: "arab"}).format(0)':
    'only the latn numbering system',
  'new Intl.Collator("en", {sensitivity: "case"}).compare("Æ", "AE")':
    'x/text collation: case-level comparison of expansions differs from ICU',
  'new Intl.Collator("en", {sensitivity: "case"}).compare("ß", "ss")':
    'x/text collation: case-level comparison of expansions differs from ICU',
};
