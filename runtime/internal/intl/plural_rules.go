package intl

import (
	"slices"
	"sync"

	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

var formNames = map[plural.Form]string{
	plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many",
}

// millionMany are the languages whose CLDR 38+ cardinal rules give "many" to exact multiples
// of a million (the "e" operand); x/text's rules predate that.
var millionMany = map[string]bool{"fr": true, "es": true, "pt": true, "it": true, "ca": true}

// pluralCategory is the plural category of a formatted number: d's digits with visibleFrac
// fraction digits shown (trailing zeros count, as in "1.0").
func pluralCategory(tag language.Tag, d decimal, visibleFrac int, ordinal bool) string {
	rules := plural.Cardinal
	if ordinal {
		rules = plural.Ordinal
	}
	var buf [32]byte
	digits := buf[:0]
	for _, c := range d.digits {
		digits = append(digits, c-'0')
	}
	form := formNames[rules.MatchDigits(tag, digits, d.exp, visibleFrac)]
	if !ordinal && form == "other" && visibleFrac == 0 && d.exp >= 7 && len(d.digits) <= d.exp-6 {
		if base, _ := tag.Base(); millionMany[base.String()] {
			return "many"
		}
	}
	return form
}

// pluralCategories lists the categories a locale uses, in V8's order (alphabetical, "other"
// last). x/text does not expose the rule set, so it is probed over numbers that reach every
// CLDR category.
func pluralCategories(tag language.Tag, ordinal bool) []string {
	seen := map[string]bool{}
	probe := func(d decimal, frac int) { seen[pluralCategory(tag, d, frac, ordinal)] = true }
	for i := 0; i <= 1000; i++ {
		probe(decimalFromFloat(float64(i)), 0)
	}
	for _, n := range []float64{1e4, 1e5, 1e6, 1e7, 2e6} {
		probe(decimalFromFloat(n), 0)
	}
	if !ordinal {
		for i := 0; i <= 300; i++ {
			probe(decimalFromFloat(float64(i)/10), 1)
			probe(decimalFromFloat(float64(i)/100), 2)
		}
	}
	var out []string
	for k := range seen {
		if k != "other" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return append(out, "other")
}

// pluralLanguages: every language x/text has collation or number data for; x/text's plural
// tables cover all CLDR languages, and unknown ones simply answer "other".
var pluralLanguages = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, t := range collate.Supported() {
		b, _ := t.Base()
		m[b.String()] = true
	}
	for l := range numberLanguages() {
		m[l] = true
	}
	return m
})

var pluralService = &service{
	available: availableWithData(pluralLanguages),
	supported: func(string, string) bool { return false },
}

type pluralRules struct {
	jsutil.Expando
	locale  string
	tag     language.Tag
	ordinal bool
	f       *numberFormatter // digit options only
}

func (in *installation) newPluralRules(locales, optionsArg goja.Value) *pluralRules {
	vm := in.vm
	requested := in.canonicalizeLocaleList(locales)
	opts := coerceOptions(vm, optionsArg, "Intl.PluralRules")
	opts.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	typ, _ := opts.str("type", []string{"cardinal", "ordinal"}, "cardinal")
	f := &numberFormatter{notation: "standard", style: "decimal"}
	f.setDigitOptions(opts, 0, 3, 1, false)
	r := pluralService.resolve(requested, nil)
	return &pluralRules{locale: r.locale, tag: language.Make(r.data.base()), ordinal: typ == "ordinal", f: f}
}

// selectValue is ResolvePlural: the number is rounded with the digit options first.
func (p *pluralRules) selectValue(x float64) string {
	d := decimalFromFloat(x)
	if d.nan || d.inf {
		return "other"
	}
	d.neg = false
	r := p.f.round(d)
	return pluralCategory(p.tag, r.d, max(r.minFrac, fracLen(r.d)), p.ordinal)
}

func (in *installation) installPluralRules() *goja.Object {
	vm := in.vm
	c := newClass(in, "PluralRules", false, func(call goja.ConstructorCall) *pluralRules {
		return in.newPluralRules(call.Argument(0), call.Argument(1))
	})
	in.plural = c
	method(c, "resolvedOptions", 0, func(p *pluralRules, call goja.FunctionCall) goja.Value {
		typ := "cardinal"
		if p.ordinal {
			typ = "ordinal"
		}
		o := newObject(vm, "locale", p.locale, "type", typ, "minimumIntegerDigits", p.f.minInt)
		if p.f.roundType != roundSignificant {
			_ = o.Set("minimumFractionDigits", p.f.minFrac)
			_ = o.Set("maximumFractionDigits", p.f.maxFrac)
		}
		if p.f.roundType != roundFraction {
			_ = o.Set("minimumSignificantDigits", p.f.minSig)
			_ = o.Set("maximumSignificantDigits", p.f.maxSig)
		}
		cats := pluralCategories(p.tag, p.ordinal)
		items := make([]any, len(cats))
		for i, s := range cats {
			items[i] = s
		}
		_ = o.Set("pluralCategories", vm.NewArray(items...))
		return o
	})
	method(c, "select", 1, func(p *pluralRules, call goja.FunctionCall) goja.Value {
		return vm.ToValue(p.selectValue(toNumber(vm, call.Argument(0))))
	})
	method(c, "selectRange", 2, func(p *pluralRules, call goja.FunctionCall) goja.Value {
		a, b := call.Argument(0), call.Argument(1)
		if isUndefined(a) || isUndefined(b) {
			panic(vm.NewTypeError("start or end is undefined"))
		}
		x, y := toNumber(vm, a), toNumber(vm, b)
		if x != x || y != y {
			throwRange(vm, "Invalid start: NaN")
		}
		// Deviation: CLDR plural ranges are not carried; the range takes the end's category,
		// which is CLDR's rule for most pairs in most languages.
		return vm.ToValue(p.selectValue(y))
	})
	in.supportedLocalesOf(c.Ctor, pluralService)
	return c.Ctor
}

// toNumber is ToNumber: BigInts and symbols throw TypeError.
func toNumber(vm *goja.Runtime, v goja.Value) float64 {
	if v == nil {
		return goja.Undefined().ToFloat()
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a number"))
	}
	if o, ok := v.(*goja.Object); ok {
		v = toPrimitiveNumber(vm, o)
	}
	if _, isBig := v.Export().(interface{ Sign() int }); isBig && !isObject(v) {
		panic(vm.NewTypeError("Cannot convert a BigInt value to a number"))
	}
	return v.ToFloat()
}
