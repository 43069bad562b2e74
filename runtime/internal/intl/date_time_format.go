package intl

import (
	"math"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

var dateService = &service{
	available: availableWithData(dateLanguages),
	keys:      []string{"ca", "hc", "nu"},
	supported: func(key, value string) bool {
		switch key {
		case "ca":
			return value == "gregory" || value == "iso8601"
		case "hc":
			return value == "h11" || value == "h12" || value == "h23" || value == "h24"
		}
		return supportNumberingSystem(key, value)
	},
}

var styles = []string{"full", "long", "medium", "short"}

// dateFormatter is a resolved Intl.DateTimeFormat.
type dateFormatter struct {
	locale    string
	calendar  string
	zone      string
	loc       *time.Location
	data      *dateData
	hourCycle string // "" when the pattern has no hour
	dateStyle string
	timeStyle string
	pattern   []token
}

type dateTimeFormat struct {
	jsutil.Expando
	f     *dateFormatter
	bound *goja.Object
}

// The component options in the order ECMA-402 Table 7 reads them.
var dateComponents = []struct {
	name   string
	values []string
}{
	{"weekday", []string{"narrow", "short", "long"}},
	{"era", []string{"narrow", "short", "long"}},
	{"year", []string{"2-digit", "numeric"}},
	{"month", []string{"2-digit", "numeric", "narrow", "short", "long"}},
	{"day", []string{"2-digit", "numeric"}},
	{"dayPeriod", []string{"narrow", "short", "long"}},
	{"hour", []string{"2-digit", "numeric"}},
	{"minute", []string{"2-digit", "numeric"}},
	{"second", []string{"2-digit", "numeric"}},
	{"fractionalSecondDigits", nil},
	{"timeZoneName", []string{"short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"}},
}

// newDateFormatter is InitializeDateTimeFormat (ECMA-402 §11.1.2) with the defaults of
// ToDateTimeOptions: required is "date", "time" or "any"; defaults is "date", "time" or "all".
func (in *installation) newDateFormatter(locales, optionsArg goja.Value, required, defaults string) *dateFormatter {
	vm := in.vm
	requested := in.canonicalizeLocaleList(locales)
	opts := coerceOptions(vm, optionsArg, "Intl.DateTimeFormat")
	opts.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	ca, _ := opts.str("calendar", nil, "")
	if ca != "" && !isUnicodeType(ca) {
		throwRange(vm, "Invalid calendar : "+ca)
	}
	nu, _ := opts.str("numberingSystem", nil, "")
	if nu != "" && !isUnicodeType(nu) {
		throwRange(vm, "Invalid numberingSystem : "+nu)
	}
	hour12, hour12Set := opts.boolean("hour12")
	hcOpt, _ := opts.str("hourCycle", []string{"h11", "h12", "h23", "h24"}, "")
	if hour12Set {
		hcOpt = ""
	}
	r := dateService.resolve(requested, map[string]string{"ca": ca, "hc": hcOpt, "nu": nu})
	f := &dateFormatter{locale: r.locale, calendar: "gregory", data: dateDataFor(r.data)}
	if r.values["ca"] == "iso8601" {
		f.calendar = "iso8601"
	}

	tz := opts.get("timeZone")
	if isUndefined(tz) {
		f.zone = defaultTimeZone
	} else {
		name := opts.toString(tz)
		canon, ok := canonicalZone(name)
		if !ok {
			throwRange(vm, "Invalid time zone specified: "+name)
		}
		f.zone = canon
	}
	f.loc = in.location(f.zone)

	values := map[string]string{}
	explicit := ""
	for _, c := range dateComponents {
		if c.name == "fractionalSecondDigits" {
			if n, set := opts.number(c.name, 1, 3, 0); set {
				values[c.name] = itoa(n)
				explicit = c.name
			}
			continue
		}
		if v, set := opts.str(c.name, c.values, ""); set {
			values[c.name] = v
			if explicit == "" {
				explicit = c.name
			}
		}
	}
	opts.str("formatMatcher", []string{"basic", "best fit"}, "best fit")
	f.dateStyle, _ = opts.str("dateStyle", styles, "")
	f.timeStyle, _ = opts.str("timeStyle", styles, "")
	if f.dateStyle != "" || f.timeStyle != "" {
		if explicit != "" {
			style := "dateStyle"
			if f.dateStyle == "" {
				style = "timeStyle"
			}
			panic(vm.NewTypeError("Can't set option %s when %s is used", explicit, style))
		}
		if required == "date" && f.dateStyle == "" {
			panic(vm.NewTypeError("Invalid option : timeStyle"))
		}
		if required == "time" && f.timeStyle == "" {
			panic(vm.NewTypeError("Invalid option : dateStyle"))
		}
	} else {
		needDefaults := true
		if required == "date" || required == "any" {
			for _, k := range []string{"weekday", "year", "month", "day"} {
				if values[k] != "" {
					needDefaults = false
				}
			}
		}
		if required == "time" || required == "any" {
			for _, k := range []string{"dayPeriod", "hour", "minute", "second", "fractionalSecondDigits"} {
				if values[k] != "" {
					needDefaults = false
				}
			}
		}
		if needDefaults && (defaults == "date" || defaults == "all") {
			values["year"], values["month"], values["day"] = "numeric", "numeric", "numeric"
		}
		if needDefaults && (defaults == "time" || defaults == "all") {
			values["hour"], values["minute"], values["second"] = "numeric", "numeric", "numeric"
		}
	}

	// The hour cycle (Node 20 / V8 11 semantics of hour12: it picks the 12- or 24-hour cycle
	// nearest to the locale's default, so en with hour12:false is h24).
	// The locale's default includes its -u-hc- keyword: en-US-u-hc-h23 with hour12:true is h11.
	hcDefault := f.data.hourCycle
	if v := r.values["hc"]; v != "" {
		hcDefault = v
	}
	hc := hcDefault
	if hcOpt != "" {
		hc = hcOpt
	}
	if hour12Set {
		// hour12 replaces any hour cycle, and V8 drops the keyword from the locale.
		f.locale = dropKeyword(f.locale, "hc")
		short := hcDefault == "h11" || hcDefault == "h23"
		switch {
		case hour12 && short:
			hc = "h11"
		case hour12:
			hc = "h12"
		case short:
			hc = "h23"
		default:
			hc = "h24"
		}
	}

	if f.dateStyle != "" || f.timeStyle != "" {
		f.pattern = f.stylePattern(hc)
	} else {
		f.pattern = f.data.bestPattern(componentSkeleton(values, hc))
	}
	for _, t := range f.pattern {
		if strings.ContainsRune("hHkK", rune(t.letter)) && t.letter != 0 {
			f.hourCycle = map[byte]string{'h': "h12", 'H': "h23", 'K': "h11", 'k': "h24"}[t.letter]
		}
	}
	return f
}

var hourLetters = map[string]byte{"h11": 'K', "h12": 'h', "h23": 'H', "h24": 'k'}

func componentSkeleton(v map[string]string, hc string) skeleton {
	width := func(name string) int {
		switch v[name] {
		case "numeric":
			return 1
		case "2-digit":
			return 2
		case "short":
			return 3
		case "long":
			return 4
		case "narrow":
			return 5
		}
		return 0
	}
	s := skeleton{
		year: width("year"), month: width("month"), day: width("day"),
		hour: width("hour"), minute: width("minute"), second: width("second"),
		hourLetter: hourLetters[hc],
	}
	switch v["weekday"] {
	case "short":
		s.weekday = 1
	case "long":
		s.weekday = 4
	case "narrow":
		s.weekday = 5
	}
	switch v["era"] {
	case "short":
		s.era = 1
	case "long":
		s.era = 4
	case "narrow":
		s.era = 5
	}
	if fd := v["fractionalSecondDigits"]; fd != "" {
		s.fraction = int(fd[0] - '0')
	}
	switch v["timeZoneName"] {
	case "short":
		s.zone, s.zoneWidth = 'z', 1
	case "long":
		s.zone, s.zoneWidth = 'z', 4
	case "shortOffset":
		s.zone, s.zoneWidth = 'O', 1
	case "longOffset":
		s.zone, s.zoneWidth = 'O', 4
	case "shortGeneric":
		s.zone, s.zoneWidth = 'v', 1
	case "longGeneric":
		s.zone, s.zoneWidth = 'v', 4
	}
	return s
}

// stylePattern builds the pattern for dateStyle/timeStyle. A time style whose hour cycle
// differs from the locale's goes through the pattern generator, as in ICU.
func (f *dateFormatter) stylePattern(hc string) []token {
	d := f.data.prepared()
	var date, tm []token
	di := -1
	for i, s := range styles {
		if s == f.dateStyle {
			date, di = d.parsed[0][i], i
		}
		if s == f.timeStyle {
			tm = d.parsed[1][i]
		}
	}
	if tm != nil {
		want := hourLetters[hc]
		for _, t := range tm {
			if strings.ContainsRune("hHkK", rune(t.letter)) && t.letter != want {
				s := skeletonFromPattern(append(append([]token(nil), date...), tm...))
				s.hourLetter = want
				return d.bestPattern(s)
			}
		}
	}
	switch {
	case date == nil:
		return tm
	case tm == nil:
		return date
	}
	return joinPatterns(d.glue[di], date, tm)
}

// timeValue is the time value a format call uses: undefined is now, otherwise ToNumber,
// TimeClip'd; NaN is a RangeError.
func (in *installation) timeValue(v goja.Value) float64 {
	vm := in.vm
	var t float64
	if isUndefined(v) {
		// Date.now as the runtime sees it (Workers may freeze the clock).
		now, err := in.dateNow(goja.Undefined())
		if err != nil {
			panic(err)
		}
		t = now.ToFloat()
	} else {
		t = toNumber(vm, v)
	}
	if math.IsNaN(t) || math.Abs(t) > 8.64e15 {
		throwRange(vm, "Invalid time value")
	}
	return math.Trunc(t) + 0 // +0 turns -0 into +0
}

// format writes the date for the time value t (ms since the epoch) into o.
func (f *dateFormatter) format(o *out, t float64) {
	d := f.data
	ms := int64(t)
	tm := time.UnixMilli(ms).In(f.loc)
	year := tm.Year()
	for _, tok := range f.pattern {
		if tok.letter == 0 {
			if tok.text == "\x00decimal" {
				o.add("literal", d.decimal)
				continue
			}
			o.add("literal", tok.text)
			continue
		}
		w := tok.width
		switch tok.letter {
		case 'G':
			era := 1
			if year <= 0 {
				era = 0
			}
			o.add("era", d.eras[widthIndex(w)][era])
		case 'y':
			y := year
			if y <= 0 {
				y = 1 - y // the era year
			}
			if w == 2 {
				o.add("year", pad2(y%100))
			} else {
				o.add("year", itoa(y))
			}
		case 'M', 'L':
			m := int(tm.Month()) - 1
			switch {
			case w == 1:
				o.add("month", itoa(m+1))
			case w == 2:
				o.add("month", pad2(m+1))
			default:
				ctx := 0
				if tok.letter == 'L' {
					ctx = 1
				}
				o.add("month", d.months[ctx][widthIndex(w)][m])
			}
		case 'd':
			if w == 2 {
				o.add("day", pad2(tm.Day()))
			} else {
				o.add("day", itoa(tm.Day()))
			}
		case 'E', 'c':
			ctx := 0
			if tok.letter == 'c' {
				ctx = 1
			}
			o.add("weekday", d.weekdays[ctx][widthIndex(w)][tm.Weekday()])
		case 'a':
			p := 0
			if tm.Hour() >= 12 {
				p = 1
			}
			o.add("dayPeriod", d.dayPeriods[p])
		case 'h', 'H', 'K', 'k':
			h := tm.Hour()
			switch tok.letter {
			case 'h':
				h %= 12
				if h == 0 {
					h = 12
				}
			case 'K':
				h %= 12
			case 'k':
				if h == 0 {
					h = 24
				}
			}
			if w >= 2 {
				o.add("hour", pad2(h))
			} else {
				o.add("hour", itoa(h))
			}
		case 'm':
			if w >= 2 {
				o.add("minute", pad2(tm.Minute()))
			} else {
				o.add("minute", itoa(tm.Minute()))
			}
		case 's':
			if w >= 2 {
				o.add("second", pad2(tm.Second()))
			} else {
				o.add("second", itoa(tm.Second()))
			}
		case 'S':
			frac := itoa(1000 + int(((ms%1000)+1000)%1000))[1:]
			o.add("fractionalSecond", frac[:min(w, 3)])
		case 'z', 'v', 'O':
			o.add("timeZoneName", d.zoneName(f.zone, tm, tok.letter, w))
		}
	}
}

// formatString is format as a string. Like V8 since 11.0, the narrow no-break space ICU 72+
// puts before AM/PM becomes a plain space in strings (formatToParts keeps it), so that code
// parsing toLocaleString output keeps working.
func (f *dateFormatter) formatString(t float64) string {
	o := &out{}
	f.format(o, t)
	return strings.ReplaceAll(o.b.String(), "\u202f", " ")
}

// widthIndex maps a text field width to the names index: abbreviated, wide, narrow.
func widthIndex(w int) int {
	switch {
	case w == 4:
		return 1
	case w >= 5:
		return 2
	}
	return 0
}

func (f *dateFormatter) resolvedOptions(vm *goja.Runtime) *goja.Object {
	o := newObject(vm, "locale", f.locale, "calendar", f.calendar, "numberingSystem", "latn", "timeZone", f.zone)
	if f.hourCycle != "" {
		_ = o.Set("hourCycle", f.hourCycle)
		_ = o.Set("hour12", f.hourCycle == "h11" || f.hourCycle == "h12")
	}
	if f.dateStyle != "" || f.timeStyle != "" {
		if f.dateStyle != "" {
			_ = o.Set("dateStyle", f.dateStyle)
		}
		if f.timeStyle != "" {
			_ = o.Set("timeStyle", f.timeStyle)
		}
		return o
	}
	fields := map[string]string{}
	for _, t := range f.pattern {
		if t.letter == 0 {
			continue
		}
		numeric := "numeric"
		if t.width == 2 {
			numeric = "2-digit"
		}
		text := map[int]string{1: "short", 2: "short", 3: "short", 4: "long", 5: "narrow"}[min(t.width, 5)]
		switch t.letter {
		case 'E', 'c':
			fields["weekday"] = text
		case 'G':
			fields["era"] = text
		case 'y':
			fields["year"] = numeric
		case 'M', 'L':
			if t.width >= 3 {
				fields["month"] = text
			} else {
				fields["month"] = numeric
			}
		case 'd':
			fields["day"] = numeric
		case 'h', 'H', 'k', 'K':
			fields["hour"] = numeric
		case 'm':
			fields["minute"] = numeric
		case 's':
			fields["second"] = numeric
		case 'S':
			fields["fractionalSecondDigits"] = itoa(t.width)
		case 'z':
			fields["timeZoneName"] = map[bool]string{false: "short", true: "long"}[t.width >= 4]
		case 'O':
			fields["timeZoneName"] = map[bool]string{false: "shortOffset", true: "longOffset"}[t.width >= 4]
		case 'v':
			fields["timeZoneName"] = map[bool]string{false: "shortGeneric", true: "longGeneric"}[t.width >= 4]
		}
	}
	for _, c := range dateComponents {
		if v, ok := fields[c.name]; ok {
			if c.name == "fractionalSecondDigits" {
				_ = o.Set(c.name, int(v[0]-'0'))
				continue
			}
			_ = o.Set(c.name, v)
		}
	}
	return o
}

func (in *installation) installDateTimeFormat() *goja.Object {
	vm := in.vm
	c := newClass(in, "DateTimeFormat", true, func(call goja.ConstructorCall) *dateTimeFormat {
		return &dateTimeFormat{f: in.newDateFormatter(call.Argument(0), call.Argument(1), "any", "date")}
	})
	in.dtf = c
	boundGetter(c, "format", "get Intl.DateTimeFormat.prototype.format", func(x *dateTimeFormat) **goja.Object { return &x.bound },
		func(x *dateTimeFormat) *goja.Object {
			return jsutil.Func(vm, "", 1, func(call goja.FunctionCall) goja.Value {
				return vm.ToValue(x.f.formatString(in.timeValue(call.Argument(0))))
			})
		})
	method(c, "formatToParts", 1, func(x *dateTimeFormat, call goja.FunctionCall) goja.Value {
		o := &out{collect: true}
		x.f.format(o, in.timeValue(call.Argument(0)))
		return in.partsArray(o, nil)
	})
	method(c, "formatRange", 2, func(x *dateTimeFormat, call goja.FunctionCall) goja.Value {
		return vm.ToValue(strings.ReplaceAll(in.formatDateRange(x.f, call.Argument(0), call.Argument(1), false).b.String(), "\u202f", " "))
	})
	method(c, "formatRangeToParts", 2, func(x *dateTimeFormat, call goja.FunctionCall) goja.Value {
		return in.partsArray(in.formatDateRange(x.f, call.Argument(0), call.Argument(1), true), func(p part, obj *goja.Object) {
			_ = obj.Set("source", rangeSource(p))
		})
	})
	method(c, "resolvedOptions", 0, func(x *dateTimeFormat, call goja.FunctionCall) goja.Value {
		return x.f.resolvedOptions(vm)
	})
	in.supportedLocalesOf(c.Ctor, dateService)
	return c.Ctor
}

// formatDateRange is a simplified FormatDateTimeRange: both dates in full, joined by an en
// dash with thin spaces; identical results collapse to one date.
// Deviation: ICU's interval formats ("Jan 5 – 7, 2024") are not carried.
func (in *installation) formatDateRange(f *dateFormatter, a, b goja.Value, collect bool) *out {
	vm := in.vm
	if isUndefined(a) || isUndefined(b) {
		panic(vm.NewTypeError("startDate or endDate is undefined"))
	}
	x, y := in.timeValue(a), in.timeValue(b)
	first, second := &out{collect: true}, &out{collect: true}
	f.format(first, x)
	f.format(second, y)
	o := &out{collect: collect}
	if first.b.String() == second.b.String() {
		for _, p := range first.parts {
			o.add(p.typ+"\x00shared", p.value)
		}
		return o
	}
	for _, p := range first.parts {
		o.add(p.typ+"\x00startRange", p.value)
	}
	o.add("literal\x00shared", "\u2009–\u2009")
	for _, p := range second.parts {
		o.add(p.typ+"\x00endRange", p.value)
	}
	return o
}

// dateFormatterFor caches the formatter for Date.prototype.toLocale*String called with at most
// a locales string.
func (in *installation) dateFormatterFor(locales, opts goja.Value, required, defaults string) *dateFormatter {
	if !isUndefined(opts) {
		return in.newDateFormatter(locales, opts, required, defaults)
	}
	key := dateCacheKey{defaults: required + "/" + defaults}
	if !isUndefined(locales) {
		s, ok := locales.Export().(string)
		if !ok || isObject(locales) {
			return in.newDateFormatter(locales, opts, required, defaults)
		}
		key.locales = s
	}
	if f, ok := in.dateCache[key]; ok {
		return f
	}
	f := in.newDateFormatter(locales, opts, required, defaults)
	if len(in.dateCache) < 64 {
		in.dateCache[key] = f
	}
	return f
}
