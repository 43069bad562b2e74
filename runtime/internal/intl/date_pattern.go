package intl

import (
	"slices"
	"strings"
	"sync"
)

// gmtFormat is a locale's localized GMT format: "GMT" then the sign.
type gmtFormat struct {
	prefix, plus, minus string
}

// dateData is one locale's calendar and time zone data (date_tables.go).
type dateData struct {
	months     [2][3][12]string // [format, stand-alone][abbreviated, wide, narrow]
	weekdays   [2][3][7]string  // same layout, Sunday first
	eras       [3][2]string     // [abbreviated, wide, narrow][BC, AD]
	dayPeriods [2]string        // AM, PM
	dateStyles [4]string        // full, long, medium, short
	timeStyles [4]string
	glue       [4]string // "{1}…{0}" joining date and time, by date width
	hourCycle  string
	decimal    string // before fractional seconds
	gmt        gmtFormat
	utc        [2]string // short and long names of UTC
	skeletons  map[string]string
	zoneShort  map[string][3]string // metazone → standard, daylight, generic
	zoneLong   map[string][3]string

	// Parsed forms, built once on first use (the tables are shared by every runtime).
	prepare sync.Once
	table   map[string]candidate // skeleton key → parsed pattern
	styles  []candidate          // the style patterns, first of each skeleton
	parsed  [2][4][]token        // dateStyles, timeStyles
}

func (d *dateData) prepared() *dateData {
	d.prepare.Do(func() {
		d.table = make(map[string]candidate, len(d.skeletons))
		for k, p := range d.skeletons {
			d.table[k] = candidate{keyWidths(k), parsePattern(p)}
		}
		for i, list := range [][4]string{d.dateStyles, d.timeStyles} {
			for j, p := range list {
				toks := parsePattern(p)
				d.parsed[i][j] = toks
				pw := patternWidths(toks)
				if !slices.ContainsFunc(d.styles, func(c candidate) bool { return c.key == pw }) {
					d.styles = append(d.styles, candidate{pw, toks})
				}
			}
		}
	})
	return d
}

var dateLanguages = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for k := range dateLocales() {
		m[strings.SplitN(k, "-", 2)[0]] = true
	}
	return m
})

func dateDataFor(t langTag) *dateData {
	if t.region != "" {
		if d, ok := dateLocales()[t.lang+"-"+t.region]; ok {
			return d
		}
	}
	if d, ok := dateLocales()[t.lang]; ok {
		return d
	}
	return dateLocales()["en"]
}

// token is one pattern element: a field (letter repeated width times) or literal text.
type token struct {
	letter byte
	width  int
	text   string
}

// parsePattern splits a CLDR date pattern into fields and literals ('…' quotes, ” is a quote).
func parsePattern(p string) []token {
	var toks []token
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, token{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			if i+1 < len(p) && p[i+1] == '\'' {
				lit.WriteByte('\'')
				i += 2
				continue
			}
			j := i + 1
			for j < len(p) {
				if p[j] == '\'' {
					if j+1 < len(p) && p[j+1] == '\'' {
						lit.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				lit.WriteByte(p[j])
				j++
			}
			i = j + 1
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			flush()
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			toks = append(toks, token{letter: c, width: j - i})
			i = j
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return toks
}

// skeleton is the set of requested fields with their widths (CLDR skeleton letters).
type skeleton struct {
	era, year, month, day, weekday int // widths; 0 = absent
	hour, minute, second, fraction int
	hourLetter                     byte // h, H, K or k
	zone                           byte // z, O or v; 0 = absent
	zoneWidth                      int
}

// keys are the canonical table keys of the date part and the time part (see date_tables.go).
func (s skeleton) keys() (date, timeKey string) {
	var b strings.Builder
	if s.era > 0 {
		b.WriteByte('G')
	}
	if s.year > 0 {
		b.WriteByte('y')
	}
	switch {
	case s.month >= 3:
		b.WriteString("MMM")
	case s.month > 0:
		b.WriteByte('M')
	}
	if s.day > 0 {
		b.WriteByte('d')
	}
	if s.weekday > 0 {
		b.WriteByte('E')
	}
	date = b.String()
	b.Reset()
	if s.hour > 0 {
		if s.hourLetter == 'h' || s.hourLetter == 'K' {
			b.WriteByte('h')
		} else {
			b.WriteByte('H')
		}
	}
	if s.minute > 0 {
		b.WriteByte('m')
	}
	if s.second > 0 || s.fraction > 0 {
		b.WriteByte('s')
	}
	if s.zone != 0 {
		b.WriteByte('z')
	}
	return date, b.String()
}

// Field indexes of widths.
const (
	fEra = iota
	fYear
	fMonth
	fDay
	fWeekday
	fHour
	fMinute
	fSecond
	fZone
	nFields
)

// widths is a skeleton as field widths (0 = absent), with the hour type (12- or 24-hour)
// and the zone letter. Text widths: 1 abbreviated, 4 wide, 5 narrow; months 1–2 numeric,
// 3–5 text.
type widths struct {
	w      [nFields]int
	hour12 bool
	zone   byte
}

func (s skeleton) widths() widths {
	var x widths
	x.w = [nFields]int{s.era, s.year, s.month, s.day, s.weekday, s.hour, s.minute, s.second, s.zoneWidth}
	if s.second == 0 && s.fraction > 0 {
		x.w[fSecond] = 1
	}
	if s.zone == 0 {
		x.w[fZone] = 0
	}
	x.hour12 = s.hourLetter == 'h' || s.hourLetter == 'K'
	x.zone = s.zone
	return x
}

// patternWidths reads the skeleton of a pattern (for the style patterns, which ICU's pattern
// generator also matches against).
func patternWidths(toks []token) widths {
	var x widths
	for _, t := range toks {
		switch t.letter {
		case 'G':
			x.w[fEra] = textWidth(t.width)
		case 'y':
			x.w[fYear] = min(t.width, 2)
		case 'M', 'L':
			x.w[fMonth] = t.width
		case 'd':
			x.w[fDay] = t.width
		case 'E', 'c':
			x.w[fWeekday] = textWidth(t.width)
		case 'h', 'K':
			x.w[fHour], x.hour12 = t.width, true
		case 'H', 'k':
			x.w[fHour] = t.width
		case 'm':
			x.w[fMinute] = t.width
		case 's':
			x.w[fSecond] = t.width
		case 'z', 'v', 'O':
			x.w[fZone], x.zone = t.width, t.letter
		}
	}
	return x
}

func textWidth(w int) int {
	if w <= 3 {
		return 1
	}
	return w
}

// keyWidths reads a canonical table key ("yMMMd", "Hmz").
func keyWidths(key string) widths {
	var x widths
	for i := 0; i < len(key); i++ {
		switch key[i] {
		case 'G':
			x.w[fEra] = 1
		case 'y':
			x.w[fYear] = 1
		case 'M':
			switch {
			case strings.HasPrefix(key[i:], "MMMMM"):
				x.w[fMonth] = 5
				i += 4
			case strings.HasPrefix(key[i:], "MMMM"):
				x.w[fMonth] = 4
				i += 3
			case strings.HasPrefix(key[i:], "MMM"):
				x.w[fMonth] = 3
				i += 2
			default:
				x.w[fMonth] = 1
			}
		case 'd':
			x.w[fDay] = 1
		case 'E':
			switch {
			case strings.HasPrefix(key[i:], "EEEEE"):
				x.w[fWeekday] = 5
				i += 4
			case strings.HasPrefix(key[i:], "EEEE"):
				x.w[fWeekday] = 4
				i += 3
			default:
				x.w[fWeekday] = 1
			}
		case 'h':
			x.w[fHour], x.hour12 = 1, true
		case 'H':
			x.w[fHour] = 1
		case 'm':
			x.w[fMinute] = 1
		case 's':
			x.w[fSecond] = 1
		case 'z':
			x.w[fZone], x.zone = 1, 'z'
		}
	}
	return x
}

// candidate is one pattern the generator may pick, with the skeleton it is filed under.
type candidate struct {
	key     widths
	pattern []token
}

// candidates returns the patterns for a canonical key: the table entry, then the style
// patterns with the same fields (ICU's pattern generator knows both; on equal distance the
// style pattern wins, which is why de {hour: "numeric", minute: "2-digit"} is "3:07").
func (d *dateData) candidates(key string) []candidate {
	d.prepared()
	var out []candidate
	entry, ok := d.table[key]
	if ok {
		out = append(out, entry)
	}
	want := keyWidths(key)
	for _, c := range d.styles {
		// A style pattern filed under the same skeleton as an available format is overridden
		// by it, as in ICU.
		if samePresence(c.key, want) && !(ok && c.key == entry.key) {
			out = append(out, c)
		}
	}
	return out
}

func samePresence(a, b widths) bool {
	for i := range a.w {
		if (a.w[i] == 0) != (b.w[i] == 0) {
			return false
		}
	}
	if a.w[fHour] > 0 && a.hour12 != b.hour12 {
		return false
	}
	if a.w[fMonth] > 0 && (a.w[fMonth] >= 3) != (b.w[fMonth] >= 3) {
		return false
	}
	return true
}

func distance(req, c widths) int {
	n := 0
	for i := range req.w {
		d := req.w[i] - c.w[i]
		if d < 0 {
			d = -d
		}
		n += d
	}
	if req.zone != c.zone {
		n++
	}
	return n
}

// wideKey is the key with the wide month and weekday forms the request asks for ("yMMMMd");
// the tables carry those where they are not just wider fields.
func (s skeleton) wideKey(key string) string {
	if s.month >= 4 {
		key = strings.Replace(key, "MMM", strings.Repeat("M", s.month), 1)
	}
	if s.weekday >= 4 {
		key = strings.Replace(key, "E", strings.Repeat("E", s.weekday), 1)
	}
	return key
}

// best picks the candidate for the requested widths, or nil. A wide-form table entry is
// preferred to the abbreviated one.
func (d *dateData) best(key string, req widths, s skeleton) *candidate {
	if wide := s.wideKey(key); wide != key {
		if _, ok := d.prepared().table[wide]; ok {
			key = wide
		}
	}
	var best *candidate
	bestDist := 0
	for _, c := range d.candidates(key) {
		dist := distance(req, c.key)
		if best == nil || dist <= bestDist {
			c := c
			best, bestDist = &c, dist
		}
	}
	return best
}

// bestPattern is edge's version of ICU's DateTimePatternGenerator over the locale tables: the
// closest pattern for the canonical field set (tables derived from ICU's output, plus the
// style patterns), date and time parts joined with the locale's glue when the table has no
// entry for both, and field widths adjusted to the request.
func (d *dateData) bestPattern(s skeleton) []token {
	req := s.widths()
	dateKey, timeKey := s.keys()
	if c := d.best(dateKey+timeKey, req, s); c != nil && dateKey != "" && timeKey != "" {
		return s.adjust(c.pattern, c.key, req)
	}
	part := func(key string) []token {
		if key == "" {
			return nil
		}
		if c := d.best(key, req, s); c != nil {
			return s.adjust(c.pattern, c.key, req)
		}
		return s.adjust(parsePattern(key), keyWidths(key), req) // a lone era or zone
	}
	dp, tp := part(dateKey), part(timeKey)
	switch {
	case dp == nil:
		return tp
	case tp == nil:
		return dp
	}
	return joinPatterns(d.glue[s.glueIndex()], dp, tp)
}

// joinPatterns fills a "{1}…{0}" glue pattern with a date and a time pattern.
func joinPatterns(glue string, date, tm []token) []token {
	var out []token
	for _, g := range parsePattern(strings.ReplaceAll(strings.ReplaceAll(glue, "{1}", "\x01"), "{0}", "\x02")) {
		if g.letter != 0 {
			out = append(out, g)
			continue
		}
		for _, piece := range splitKeep(g.text) {
			switch piece {
			case "\x01":
				out = append(out, date...)
			case "\x02":
				out = append(out, tm...)
			default:
				out = append(out, token{text: piece})
			}
		}
	}
	return out
}

// splitKeep splits s around the \x01 and \x02 markers, keeping them.
func splitKeep(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == 1 || s[i] == 2 {
			if i > start {
				out = append(out, s[start:i])
			}
			out = append(out, s[i:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// glueIndex picks the glue by date width, as ICU does: full for long month and long weekday,
// long for a long month, medium for an abbreviated month, short otherwise (narrow months too).
func (s skeleton) glueIndex() int {
	switch {
	case s.month == 4 && s.weekday == 4:
		return 0
	case s.month == 4:
		return 1
	case s.month == 3:
		return 2
	}
	return 3
}

// adjust sets the fields of a chosen pattern to the requested widths, as ICU's adjustFieldTypes
// does: a field whose width in the candidate's skeleton equals the request keeps the pattern's
// width ("dd/MM/y" stays for a numeric request); otherwise it takes the requested width.
// Minutes and seconds always keep the pattern's width. The hour letter follows the hour cycle,
// and fractional seconds are added after the seconds.
func (s skeleton) adjust(toks []token, key, req widths) []token {
	out := make([]token, 0, len(toks)+2)
	same := func(f int) bool { return key.w[f] == req.w[f] }
	for _, t := range toks {
		switch t.letter {
		case 'G':
			if !same(fEra) {
				t.width = s.era
			}
		case 'y':
			if !same(fYear) {
				t.width = s.year
			}
		case 'M', 'L':
			if !same(fMonth) && (t.width >= 3) == (s.month >= 3) {
				t.width = s.month
			}
		case 'd':
			if !same(fDay) {
				t.width = s.day
			}
		case 'E', 'c':
			if !same(fWeekday) {
				t.width = s.weekday
			}
			if t.letter == 'c' && t.width < 3 {
				t.width = 3
			}
		case 'h', 'H', 'K', 'k':
			t.letter = s.hourLetter
			if !same(fHour) {
				t.width = min(s.hour, 2)
			}
		case 'z', 'v', 'O':
			t.letter = s.zone
			t.width = s.zoneWidth
		case 's':
			out = append(out, t)
			if s.fraction > 0 {
				out = append(out, token{text: "\x00decimal"}, token{letter: 'S', width: s.fraction})
			}
			continue
		}
		out = append(out, t)
	}
	return out
}

// skeletonFromPattern reads the fields of style patterns: V8 resolves a dateStyle/timeStyle
// whose hour cycle differs from the locale's through the pattern generator, with the skeleton
// of the whole style pattern (so ja "y年M月d日" + 12-hour time becomes "y/M/d …").
func skeletonFromPattern(toks []token) skeleton {
	var s skeleton
	for _, t := range toks {
		switch t.letter {
		case 'G':
			s.era = textWidth(t.width)
		case 'y':
			s.year = min(t.width, 2)
		case 'M', 'L':
			s.month = t.width
		case 'd':
			s.day = t.width
		case 'E', 'c':
			s.weekday = textWidth(t.width)
		case 'h', 'H', 'K', 'k':
			s.hour = min(t.width, 2)
			s.hourLetter = t.letter
		case 'm':
			s.minute = t.width
		case 's':
			s.second = t.width
		case 'z', 'v', 'O':
			s.zone, s.zoneWidth = t.letter, t.width
		}
	}
	return s
}
