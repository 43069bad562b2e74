package intl

import (
	"math/big"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// affix is a prefix and a suffix around the digits. In the number tables the characters
// '-', '+', '%' and '¤' stand for the minus sign, plus sign, percent sign and currency;
// text between single quotes is literal.
type affix [2]string

// compactPattern is the compact form for one power of ten: the number is divided by 10^div
// and the affixes of its plural form are added. div == 0 means the number is not compacted.
type compactPattern struct {
	div   int
	forms map[string]affix
}

// currencyNames is one currency's symbol, narrow symbol and plural display names in a locale.
type currencyNames struct {
	symbol, narrow string
	names          map[string]string
}

// numberData is one locale's number formatting data (number_tables.go).
type numberData struct {
	decimal, group, minus, plus, percentSign string
	nan, infinity, exponent                  string
	primaryGroup, secondaryGroup             int
	minGrouping                              int
	percent                                  [2]affix // positive, negative
	currency                                 [2]affix
	accounting                               affix // negative, currencySign "accounting"
	currencyName                             affix // ¤ is the plural display name
	compactShort, compactLong                [12]compactPattern
	currencies                               map[string]currencyNames
}

// numberService: data for the languages in numberLocales, any region.
var numberLanguages = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for k := range numberLocales() {
		m[strings.SplitN(k, "-", 2)[0]] = true
	}
	return m
})

func numberDataFor(t langTag) *numberData {
	if t.region != "" {
		if d, ok := numberLocales()[t.lang+"-"+t.region]; ok {
			return d
		}
	}
	if d, ok := numberLocales()[t.lang]; ok {
		return d
	}
	return numberLocales()["en"]
}

func availableWithData(langs func() map[string]bool) func(langTag) bool {
	return func(t langTag) bool {
		if !langs()[t.lang] || len(t.variants) > 0 {
			return false
		}
		if t.script == "" {
			return true
		}
		// Only the language's usual script (zh-Hans/zh-Hant are both Han).
		base, _ := language.Make(t.lang).Script()
		return base.String() == t.script || (t.lang == "zh" && (t.script == "Hans" || t.script == "Hant"))
	}
}

func supportNumberingSystem(key, value string) bool {
	return key == "nu" && value == "latn"
}

var numberService = &service{
	available: availableWithData(numberLanguages),
	keys:      []string{"nu"},
	supported: func(key, value string) bool { return supportNumberingSystem(key, value) },
}

// Rounding types of SetNumberFormatDigitOptions.
const (
	roundFraction = iota
	roundSignificant
	roundMorePrecision
	roundLessPrecision
)

// numberFormatter is a resolved Intl.NumberFormat: everything needed to format, immutable
// after construction.
type numberFormatter struct {
	locale    string
	data      *numberData
	tag       language.Tag // for x/text (currency symbols, plural rules)
	style     string
	currency  string
	curDisp   string // currencyDisplay
	curSign   string // currencySign
	unit      string
	unitDisp  string
	notation  string
	compact   string // compactDisplay
	grouping  string // "auto", "always", "min2" or "false"
	sign      string // signDisplay
	minInt    int
	minFrac   int
	maxFrac   int
	minSig    int
	maxSig    int
	roundType int
	increment int
	mode      roundingMode
	modeName  string
	priority  string
	trailing  string // trailingZeroDisplay
}

// numberFormat is the state of an Intl.NumberFormat instance.
type numberFormat struct {
	jsutil.Expando
	f     *numberFormatter
	bound *goja.Object
}

// newNumberFormatter is InitializeNumberFormat (ECMA-402 §15.1.2).
func (in *installation) newNumberFormatter(locales, optionsArg goja.Value) *numberFormatter {
	vm := in.vm
	requested := in.canonicalizeLocaleList(locales)
	opts := coerceOptions(vm, optionsArg, "Intl.NumberFormat")
	opts.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	nu, _ := opts.str("numberingSystem", nil, "")
	if nu != "" && !isUnicodeType(nu) {
		throwRange(vm, "Invalid numberingSystem : "+nu)
	}
	r := numberService.resolve(requested, map[string]string{"nu": nu})
	f := &numberFormatter{locale: r.locale, data: numberDataFor(r.data), tag: language.Make(r.data.base())}

	// SetNumberFormatUnitOptions.
	f.style, _ = opts.str("style", []string{"decimal", "percent", "currency", "unit"}, "decimal")
	cur, hasCur := opts.str("currency", nil, "")
	if hasCur && !isWellFormedCurrency(cur) {
		throwRange(vm, "Invalid currency code : "+cur)
	}
	f.curDisp, _ = opts.str("currencyDisplay", []string{"code", "symbol", "narrowSymbol", "name"}, "symbol")
	f.curSign, _ = opts.str("currencySign", []string{"standard", "accounting"}, "standard")
	unit, hasUnit := opts.str("unit", nil, "")
	if hasUnit && !isWellFormedUnit(unit) {
		throwRange(vm, "Invalid unit argument for Intl.NumberFormat() '"+unit+"'")
	}
	f.unitDisp, _ = opts.str("unitDisplay", []string{"short", "narrow", "long"}, "short")
	switch f.style {
	case "currency":
		if !hasCur {
			panic(vm.NewTypeError("Currency code is required with currency style."))
		}
		f.currency = strings.ToUpper(cur)
	case "unit":
		if !hasUnit {
			panic(vm.NewTypeError("Unit is required with unit style."))
		}
		f.unit = unit
	}

	// V8's read order: roundingIncrement before notation, roundingMode last.
	inc, _ := opts.number("roundingIncrement", 1, 5000, 1)
	f.notation, _ = opts.str("notation", []string{"standard", "scientific", "engineering", "compact"}, "standard")
	mnfdDefault, mxfdDefault := 0, 3
	// V8 uses the currency's digits for every notation but compact (the spec says only
	// "standard"), so scientific currency amounts read "1.00E6".
	if f.style == "currency" && f.notation != "compact" {
		d := currencyDigits(f.currency)
		mnfdDefault, mxfdDefault = d, d
	} else if f.style == "percent" {
		mxfdDefault = 0
	}
	f.setDigitOptions(opts, mnfdDefault, mxfdDefault, inc, true)
	f.compact, _ = opts.str("compactDisplay", []string{"short", "long"}, "short")
	defaultGrouping := "auto"
	if f.notation == "compact" {
		defaultGrouping = "min2"
	}
	f.grouping = opts.stringOrBoolean("useGrouping", []string{"min2", "auto", "always"}, "always", defaultGrouping)
	f.sign, _ = opts.str("signDisplay", []string{"auto", "never", "always", "exceptZero", "negative"}, "auto")
	f.modeName, _ = opts.str("roundingMode", roundingModes, "halfExpand")
	f.mode = parseRoundingMode(f.modeName)
	return f
}

// isUnicodeType reports whether s is a Unicode locale type (alphanum{3,8} joined by '-').
func isUnicodeType(s string) bool {
	for _, p := range strings.Split(s, "-") {
		if len(p) < 3 || len(p) > 8 || !isAlnum(p) {
			return false
		}
	}
	return true
}

func isWellFormedCurrency(s string) bool { return len(s) == 3 && isAlpha(s) }

// currencyDigits is the ISO 4217 minor unit (CLDR's, via x/text); unknown codes get 2.
func currencyDigits(code string) int {
	u, err := currency.ParseISO(code)
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// setDigitOptions is SetNumberFormatDigitOptions (ECMA-402 §15.1.3, 2023 edition) in V8's
// read order; roundingIncrement was read by the caller. PluralRules (withTrailing false) reads
// no trailingZeroDisplay, as in V8 11.
func (f *numberFormatter) setDigitOptions(opts options, mnfdDefault, mxfdDefault, inc int, withTrailing bool) {
	vm := opts.vm
	switch inc {
	case 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000:
	default:
		throwRange(vm, "roundingIncrement value is out of range.")
	}
	f.increment = inc
	f.modeName, f.mode = "halfExpand", halfExpand
	f.trailing = "auto"
	f.minInt, _ = opts.number("minimumIntegerDigits", 1, 21, 1)
	mnfd, mxfd := opts.get("minimumFractionDigits"), opts.get("maximumFractionDigits")
	mnsd, mxsd := opts.get("minimumSignificantDigits"), opts.get("maximumSignificantDigits")
	f.priority, _ = opts.str("roundingPriority", []string{"auto", "morePrecision", "lessPrecision"}, "auto")
	if withTrailing {
		f.trailing, _ = opts.str("trailingZeroDisplay", []string{"auto", "stripIfInteger"}, "auto")
	}
	if inc != 1 {
		mxfdDefault = mnfdDefault
	}
	hasSd := !isUndefined(mnsd) || !isUndefined(mxsd)
	hasFd := !isUndefined(mnfd) || !isUndefined(mxfd)
	needSd, needFd := true, true
	if f.priority == "auto" {
		needSd = hasSd
		if needSd || (!hasFd && f.notation == "compact") {
			needFd = false
		}
	}
	if needSd {
		if hasSd {
			f.minSig, _ = opts.defaultNumber(mnsd, "minimumSignificantDigits", 1, 21, 1)
			f.maxSig, _ = opts.defaultNumber(mxsd, "maximumSignificantDigits", f.minSig, 21, 21)
		} else {
			f.minSig, f.maxSig = 1, 21
		}
	}
	if needFd {
		if hasFd {
			lo, loSet := opts.defaultNumber(mnfd, "minimumFractionDigits", 0, 100, 0)
			hi, hiSet := opts.defaultNumber(mxfd, "maximumFractionDigits", 0, 100, 0)
			switch {
			case !loSet:
				lo = min(mnfdDefault, hi)
			case !hiSet:
				hi = max(mxfdDefault, lo)
			case lo > hi:
				throwRange(vm, "maximumFractionDigits value is out of range.")
			}
			f.minFrac, f.maxFrac = lo, hi
		} else {
			f.minFrac, f.maxFrac = mnfdDefault, mxfdDefault
		}
	}
	switch {
	case !needSd && !needFd:
		f.minFrac, f.maxFrac, f.minSig, f.maxSig = 0, 0, 1, 2
		f.roundType = roundMorePrecision
		f.priority = "morePrecision"
	case f.priority == "auto":
		f.roundType = roundFraction
		if needSd {
			f.roundType = roundSignificant
		}
	case f.priority == "morePrecision":
		f.roundType = roundMorePrecision
	default:
		f.roundType = roundLessPrecision
	}
	if inc != 1 {
		if f.roundType != roundFraction {
			panic(vm.NewTypeError("roundingIncrement is only allowed with fraction digits rounding"))
		}
		if f.maxFrac != f.minFrac {
			throwRange(vm, "maximumFractionDigits and minimumFractionDigits must be equal with roundingIncrement")
		}
	}
}

// rounded is a number after rounding: its digits and how many fraction / significant digits
// must be shown at least.
type rounded struct {
	d       decimal
	minFrac int // fraction digits to show at least
}

// round is FormatNumericToString's rounding step (ToRawPrecision / ToRawFixed and the
// rounding priority).
func (f *numberFormatter) round(x decimal) rounded {
	if x.nan || x.inf {
		return rounded{d: x}
	}
	sig := func() (rounded, int) {
		mag := 0
		if !x.isZero() {
			mag = x.magnitude()
		}
		pos := mag - f.maxSig + 1
		r := x.roundAt(pos, 1, f.mode)
		if !r.isZero() {
			mag = r.magnitude() // rounding may add a digit (9.99 → 10.0)
		}
		minFrac := max(0, f.minSig-mag-1)
		return rounded{d: r, minFrac: minFrac}, pos
	}
	fixed := func() (rounded, int) {
		r := x.roundAt(-f.maxFrac, f.increment, f.mode)
		return rounded{d: r, minFrac: f.minFrac}, -f.maxFrac
	}
	var out rounded
	switch f.roundType {
	case roundSignificant:
		out, _ = sig()
	case roundFraction:
		out, _ = fixed()
	default:
		s, sPos := sig()
		fx, fPos := fixed()
		if (f.roundType == roundMorePrecision) == (sPos <= fPos) {
			out = s
		} else {
			out = fx
		}
	}
	if f.trailing == "stripIfInteger" && out.d.exp >= len(out.d.digits) {
		out.minFrac = 0
	}
	return out
}

// out collects formatted text, and the parts when formatToParts asked for them.
type out struct {
	b       strings.Builder
	parts   []part
	collect bool
}

type part struct {
	typ, value string
}

func (o *out) add(typ, s string) {
	if s == "" {
		return
	}
	o.b.WriteString(s)
	if o.collect {
		o.parts = append(o.parts, part{typ, s})
	}
}

// numberValue is ToIntlMathematicalValue: BigInts and decimal strings stay exact.
func (in *installation) numberValue(v goja.Value) decimal {
	if v == nil {
		return decimalFromFloat(goja.Undefined().ToFloat())
	}
	switch x := v.Export().(type) {
	case *big.Int:
		if _, isObj := v.(*goja.Object); !isObj {
			return decimalFromBig(x)
		}
	case string:
		if _, isObj := v.(*goja.Object); !isObj {
			if d, ok := decimalFromString(x); ok {
				return d
			}
		}
	}
	if o, ok := v.(*goja.Object); ok {
		// ToPrimitive(hint number) first: a BigInt wrapper or a valueOf returning a BigInt.
		prim := toPrimitiveNumber(in.vm, o)
		if b, isBig := prim.Export().(*big.Int); isBig {
			return decimalFromBig(b)
		}
		v = prim
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		panic(in.vm.NewTypeError("Cannot convert a Symbol value to a number"))
	}
	return decimalFromFloat(v.ToFloat())
}

// toPrimitiveNumber is ToPrimitive(o, number): @@toPrimitive, then valueOf, then toString.
// (goja has no public ToPrimitive, and Value.ToNumber would turn a BigInt into a double.)
func toPrimitiveNumber(vm *goja.Runtime, o *goja.Object) goja.Value {
	call := func(f goja.Value, args ...goja.Value) (goja.Value, bool) {
		fn, ok := goja.AssertFunction(f)
		if !ok {
			return nil, false
		}
		r, err := fn(o, args...)
		if err != nil {
			panic(err)
		}
		return r, true
	}
	if exotic := o.GetSymbol(goja.SymToPrimitive); exotic != nil && !goja.IsUndefined(exotic) && !goja.IsNull(exotic) {
		r, ok := call(exotic, vm.ToValue("number"))
		if !ok || isObject(r) {
			panic(vm.NewTypeError("Cannot convert object to primitive value"))
		}
		return r
	}
	for _, name := range []string{"valueOf", "toString"} {
		if r, ok := call(o.Get(name)); ok && !isObject(r) {
			return r
		}
	}
	panic(vm.NewTypeError("Cannot convert object to primitive value"))
}

// format formats x into o (PartitionNumberPattern, ECMA-402 §15.5.4).
func (f *numberFormatter) format(o *out, x decimal) {
	d := f.data
	if f.style == "percent" && !x.nan && !x.inf {
		x = x.shift(2)
	}
	var compactAffix affix
	exponent, hasExponent := 0, false
	var r rounded
	switch {
	case x.nan || x.inf:
		r = rounded{d: x}
	case f.notation == "compact":
		r, compactAffix = f.compactRound(x)
	case f.notation == "scientific" || f.notation == "engineering":
		r, exponent = f.scientificRound(x)
		hasExponent = true
	default:
		r = f.round(x)
	}

	negative := r.d.neg && !r.d.nan
	zero := r.d.isZero() || r.d.nan // NaN takes the zero pattern (no sign) except with "always"
	if r.d.nan {
		negative = false
	}
	showSign := false // show the sign of negative (minus) or of a positive value (plus)
	switch f.sign {
	case "auto":
		showSign = negative
	case "always":
		showSign = true
	case "exceptZero":
		showSign = !zero
	case "negative":
		showSign = negative && !zero
	case "never":
		showSign = false
	}
	if zero && f.sign == "exceptZero" {
		negative = false
	}

	pre, suf := f.pattern(negative || (showSign && !negative), f.curSign == "accounting" && negative && showSign)
	plusInsteadOfMinus := showSign && !negative
	if !showSign {
		pre, suf = stripSign(pre), stripSign(suf)
	}
	curText := ""
	if f.style == "currency" {
		curText = f.currencyText(r)
	}
	// Currency spacing applies only next to digits (not to NaN or ∞).
	digitsAdjacent := !r.d.nan && !r.d.inf
	f.affix(o, pre, curText, plusInsteadOfMinus, true, digitsAdjacent && compactAffix[0] == "")
	if compactAffix[0] != "" {
		f.compactText(o, compactAffix[0])
	}
	f.digits(o, r)
	if hasExponent {
		o.add("exponentSeparator", d.exponent)
		if exponent < 0 {
			o.add("exponentMinusSign", d.minus)
			exponent = -exponent
		}
		o.add("exponentInteger", itoa(exponent))
	}
	if compactAffix[1] != "" {
		f.compactText(o, compactAffix[1])
	}
	f.affix(o, suf, curText, plusInsteadOfMinus, false, digitsAdjacent && compactAffix[1] == "")
}

// pattern picks the affixes for the style and sign.
func (f *numberFormatter) pattern(negativeForm, accounting bool) (string, string) {
	d := f.data
	i := 0
	if negativeForm {
		i = 1
	}
	switch f.style {
	case "percent":
		return d.percent[i][0], d.percent[i][1]
	case "currency":
		if f.curDisp == "name" {
			if negativeForm {
				return "-" + d.currencyName[0], d.currencyName[1]
			}
			return d.currencyName[0], d.currencyName[1]
		}
		if accounting {
			return d.accounting[0], d.accounting[1]
		}
		return d.currency[i][0], d.currency[i][1]
	case "unit":
		if negativeForm {
			return "-", ""
		}
		return "", ""
	}
	if negativeForm {
		return "-", ""
	}
	return "", ""
}

// stripSign removes the sign placeholder from an affix (signDisplay hides the sign).
func stripSign(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted = !quoted
			b.WriteRune(r)
		case r == '-' && !quoted:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// affix writes a pattern affix. Currency spacing (CLDR currencySpacing) puts a no-break space
// between the digits and a currency whose adjacent character is not a symbol ("USD 1.00", but
// "$1.00" and "CA$1.00").
func (f *numberFormatter) affix(o *out, s, cur string, plus, prefix, digitsAdjacent bool) {
	d := f.data
	quoted := false
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			o.add("literal", lit.String())
			lit.Reset()
		}
	}
	spacing := f.curDisp != "name" && digitsAdjacent
	for i, r := range s {
		if r == '\'' {
			quoted = !quoted
			continue
		}
		if quoted {
			lit.WriteRune(r)
			continue
		}
		switch r {
		case '-':
			flush()
			if plus {
				o.add("plusSign", d.plus)
			} else {
				o.add("minusSign", d.minus)
			}
		case '+':
			flush()
			o.add("plusSign", d.plus)
		case '%':
			flush()
			o.add("percentSign", d.percentSign)
		case '¤':
			flush()
			if first, _ := utf8.DecodeRuneInString(cur); spacing && !prefix && i == 0 && needsSpacing(first) {
				o.add("literal", "\u00a0")
			}
			o.add("currency", cur)
			if last, _ := utf8.DecodeLastRuneInString(cur); spacing && prefix && i+len("¤") == len(s) && needsSpacing(last) {
				o.add("literal", "\u00a0")
			}
		default:
			lit.WriteRune(r)
		}
	}
	flush()
}

// needsSpacing: CLDR inserts a space between a currency and digits unless the currency's
// adjacent character is a symbol ([:S:]) or already a space.
func needsSpacing(r rune) bool {
	return !unicode.IsSymbol(r) && !unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f'
}

func (f *numberFormatter) compactText(o *out, s string) {
	trimmedLeft := strings.TrimLeftFunc(s, isSpaceLike)
	if lead := s[:len(s)-len(trimmedLeft)]; lead != "" {
		o.add("literal", lead)
	}
	core := strings.TrimRightFunc(trimmedLeft, isSpaceLike)
	o.add("compact", core)
	if trail := trimmedLeft[len(core):]; trail != "" {
		o.add("literal", trail)
	}
}

func isSpaceLike(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f'
}

// digits writes the integer, group, decimal and fraction parts.
func (f *numberFormatter) digits(o *out, r rounded) {
	d := f.data
	switch {
	case r.d.nan:
		o.add("nan", d.nan)
		return
	case r.d.inf:
		o.add("infinity", d.infinity)
		return
	}
	intPart, frac := r.d.split()
	if len(intPart) < f.minInt {
		intPart = append([]byte(strings.Repeat("0", f.minInt-len(intPart))), intPart...)
	}
	if len(frac) < r.minFrac {
		frac = append(append([]byte(nil), frac...), []byte(strings.Repeat("0", r.minFrac-len(frac)))...)
	}
	f.integer(o, string(intPart))
	if len(frac) > 0 {
		o.add("decimal", d.decimal)
		o.add("fraction", string(frac))
	}
}

// integer writes the integer digits with grouping separators.
func (f *numberFormatter) integer(o *out, s string) {
	d := f.data
	minGrouping := d.minGrouping
	switch f.grouping {
	case "false":
		o.add("integer", s)
		return
	case "always":
		minGrouping = 1
	case "min2":
		minGrouping = 2
	}
	if len(s) < d.primaryGroup+minGrouping {
		o.add("integer", s)
		return
	}
	// Group sizes from the right: primary, then secondary.
	var groups []string
	rest := s
	size := d.primaryGroup
	for len(rest) > size {
		groups = append(groups, rest[len(rest)-size:])
		rest = rest[:len(rest)-size]
		size = d.secondaryGroup
	}
	o.add("integer", rest)
	for i := len(groups) - 1; i >= 0; i-- {
		o.add("group", d.group)
		o.add("integer", groups[i])
	}
}

// compactRound scales x by its compact pattern and rounds it; if rounding reaches the next
// power of ten, the next pattern is used (999999 → "1M", not "1000K").
func (f *numberFormatter) compactRound(x decimal) (rounded, affix) {
	patterns := &f.data.compactShort
	if f.compact == "long" {
		patterns = &f.data.compactLong
	}
	if x.isZero() {
		return f.round(x), affix{}
	}
	mag := x.magnitude()
	for attempt := 0; attempt < 2; attempt++ {
		idx := min(mag, 14) - 3
		if idx < 0 {
			r := f.round(x)
			if attempt == 0 && !r.d.isZero() && r.d.magnitude() > mag && r.d.magnitude() >= 3 {
				mag = r.d.magnitude()
				continue
			}
			return r, affix{}
		}
		p := patterns[idx]
		if p.div == 0 {
			r := f.round(x)
			if attempt == 0 && !r.d.isZero() && r.d.magnitude() > mag {
				mag = r.d.magnitude()
				continue
			}
			return r, affix{}
		}
		scaled := x.shift(-p.div)
		r := f.round(scaled)
		if attempt == 0 && !r.d.isZero() && r.d.magnitude()+p.div > mag && mag < 14 {
			mag = r.d.magnitude() + p.div
			continue
		}
		form := f.pluralForm(r)
		a, ok := p.forms[form]
		if !ok {
			a = p.forms["other"]
		}
		return r, a
	}
	return f.round(x), affix{}
}

// scientificRound normalizes x to one (scientific) or up to three (engineering) integer digits.
func (f *numberFormatter) scientificRound(x decimal) (rounded, int) {
	if x.isZero() {
		return f.round(x), 0
	}
	exp := x.magnitude()
	if f.notation == "engineering" {
		exp = floorDiv(exp, 3) * 3
	}
	r := f.round(x.shift(-exp))
	limit := 1
	if f.notation == "engineering" {
		limit = 3
	}
	if !r.d.isZero() && r.d.exp > limit {
		step := 1
		if f.notation == "engineering" {
			step = 3
		}
		exp += step
		r = f.round(x.shift(-exp))
	}
	return r, exp
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// pluralForm is the plural category of a formatted number (for compact and currency names).
func (f *numberFormatter) pluralForm(r rounded) string {
	return pluralCategory(f.tag, r.d, max(r.minFrac, fracLen(r.d)), false)
}

func fracLen(d decimal) int {
	return max(0, len(d.digits)-d.exp)
}

// currencyText is the currency as displayed: code, symbol, narrow symbol or plural name.
func (f *numberFormatter) currencyText(r rounded) string {
	code := f.currency
	switch f.curDisp {
	case "code":
		return code
	case "name":
		if c, ok := f.data.currencies[code]; ok {
			form := f.pluralForm(r)
			if n, ok := c.names[form]; ok {
				return n
			}
			return c.names["other"]
		}
		return code
	}
	if c, ok := f.data.currencies[code]; ok {
		if f.curDisp == "narrowSymbol" {
			return c.narrow
		}
		return c.symbol
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return code
	}
	p := message.NewPrinter(f.tag)
	if f.curDisp == "narrowSymbol" {
		return p.Sprint(currency.NarrowSymbol(u))
	}
	return p.Sprint(currency.Symbol(u))
}

// formatNumber formats v with f; parts are collected when collect is set.
func (in *installation) formatNumber(f *numberFormatter, v goja.Value, collect bool) *out {
	o := &out{collect: collect}
	x := in.numberValue(v)
	if f.style == "unit" {
		f.formatUnit(o, x)
		return o
	}
	f.format(o, x)
	return o
}

func (in *installation) partsArray(o *out, extra func(p part, obj *goja.Object)) goja.Value {
	vm := in.vm
	items := make([]any, len(o.parts))
	for i, p := range o.parts {
		typ, _, _ := strings.Cut(p.typ, "\x00") // range parts carry their source after a NUL
		obj := newObject(vm, "type", typ, "value", p.value)
		if extra != nil {
			extra(p, obj)
		}
		items[i] = obj
	}
	return vm.NewArray(items...)
}

func (in *installation) installNumberFormat() *goja.Object {
	vm := in.vm
	c := newClass(in, "NumberFormat", true, func(call goja.ConstructorCall) *numberFormat {
		return &numberFormat{f: in.newNumberFormatter(call.Argument(0), call.Argument(1))}
	})
	in.nf = c
	boundGetter(c, "format", "get Intl.NumberFormat.prototype.format", func(n *numberFormat) **goja.Object { return &n.bound },
		func(n *numberFormat) *goja.Object {
			return jsutil.Func(vm, "", 1, func(call goja.FunctionCall) goja.Value {
				return vm.ToValue(in.formatNumber(n.f, call.Argument(0), false).b.String())
			})
		})
	method(c, "formatToParts", 1, func(n *numberFormat, call goja.FunctionCall) goja.Value {
		return in.partsArray(in.formatNumber(n.f, call.Argument(0), true), nil)
	})
	method(c, "formatRange", 2, func(n *numberFormat, call goja.FunctionCall) goja.Value {
		return vm.ToValue(in.formatNumberRange(n.f, call.Argument(0), call.Argument(1), false).b.String())
	})
	method(c, "formatRangeToParts", 2, func(n *numberFormat, call goja.FunctionCall) goja.Value {
		return in.partsArray(in.formatNumberRange(n.f, call.Argument(0), call.Argument(1), true), func(p part, obj *goja.Object) {
			_ = obj.Set("source", rangeSource(p))
		})
	})
	method(c, "resolvedOptions", 0, func(n *numberFormat, call goja.FunctionCall) goja.Value {
		return n.f.resolvedOptions(vm)
	})
	in.supportedLocalesOf(c.Ctor, numberService)
	return c.Ctor
}

// formatNumberRange is a simplified FormatNumericRange: both ends formatted in full and joined
// with the locale's range separator; equal (after formatting) ends use the approximately sign.
func (in *installation) formatNumberRange(f *numberFormatter, a, b goja.Value, collect bool) *out {
	vm := in.vm
	if isUndefined(a) || isUndefined(b) {
		panic(vm.NewTypeError("start or end is undefined"))
	}
	x, y := in.numberValue(a), in.numberValue(b)
	if x.nan || y.nan {
		throwRange(vm, "Invalid start: NaN")
	}
	o := &out{collect: collect}
	first := in.formatNumber(f, a, true)
	second := in.formatNumber(f, b, true)
	if first.b.String() == second.b.String() {
		o.add("approximatelySign", "~")
		for _, p := range first.parts {
			o.add(p.typ+"\x00shared", p.value)
		}
		return o
	}
	for _, p := range first.parts {
		o.add(p.typ+"\x00startRange", p.value)
	}
	// ICU puts spaces around the dash unless both sides end in digits ("3–5", "$3.00 – $5.00").
	last, _ := utf8.DecodeLastRuneInString(first.b.String())
	firstRune, _ := utf8.DecodeRuneInString(second.b.String())
	if unicode.IsDigit(last) && unicode.IsDigit(firstRune) {
		o.add("literal\x00shared", "–")
	} else {
		o.add("literal\x00shared", " – ")
	}
	for _, p := range second.parts {
		o.add(p.typ+"\x00endRange", p.value)
	}
	return o
}

// rangeSource splits the source tag that formatNumberRange stores after a NUL in the type.
func rangeSource(p part) string {
	if _, src, ok := strings.Cut(p.typ, "\x00"); ok {
		return src
	}
	return "shared"
}

func (f *numberFormatter) resolvedOptions(vm *goja.Runtime) *goja.Object {
	o := newObject(vm, "locale", f.locale, "numberingSystem", "latn", "style", f.style)
	if f.style == "currency" {
		_ = o.Set("currency", f.currency)
		_ = o.Set("currencyDisplay", f.curDisp)
		_ = o.Set("currencySign", f.curSign)
	}
	if f.style == "unit" {
		_ = o.Set("unit", f.unit)
		_ = o.Set("unitDisplay", f.unitDisp)
	}
	_ = o.Set("minimumIntegerDigits", f.minInt)
	if f.roundType != roundFraction {
		_ = o.Set("minimumSignificantDigits", f.minSig)
		_ = o.Set("maximumSignificantDigits", f.maxSig)
	}
	if f.roundType != roundSignificant {
		_ = o.Set("minimumFractionDigits", f.minFrac)
		_ = o.Set("maximumFractionDigits", f.maxFrac)
	}
	if f.grouping == "false" {
		_ = o.Set("useGrouping", false)
	} else {
		_ = o.Set("useGrouping", f.grouping)
	}
	_ = o.Set("notation", f.notation)
	if f.notation == "compact" {
		_ = o.Set("compactDisplay", f.compact)
	}
	_ = o.Set("signDisplay", f.sign)
	_ = o.Set("roundingMode", f.modeName)
	_ = o.Set("roundingIncrement", f.increment)
	_ = o.Set("trailingZeroDisplay", f.trailing)
	_ = o.Set("roundingPriority", f.priority)
	return o
}

// numberFormatterFor returns the cached formatter for Number.prototype.toLocaleString called
// with only locales (the common case), or a new one when options are given.
func (in *installation) numberFormatterFor(locales, opts goja.Value) *numberFormatter {
	if !isUndefined(opts) {
		return in.newNumberFormatter(locales, opts)
	}
	key := ""
	if !isUndefined(locales) {
		s, ok := locales.Export().(string)
		if !ok || isObject(locales) {
			return in.newNumberFormatter(locales, opts)
		}
		key = s
	}
	if f, ok := in.numberCache[key]; ok {
		return f
	}
	f := in.newNumberFormatter(locales, opts)
	if len(in.numberCache) < 64 {
		in.numberCache[key] = f
	}
	return f
}
