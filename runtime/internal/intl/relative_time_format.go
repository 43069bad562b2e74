package intl

import (
	"math"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"golang.org/x/text/language"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// relativeUnit is one unit's relative time data in one locale and style (relative_tables.go).
type relativeUnit struct {
	future, past map[string]string // "in {0} days" by plural category
	phrases      map[int]string    // numeric:"auto" phrases by offset ("yesterday")
}

var relativeLanguages = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for k := range relativeLocales() {
		m[k] = true
	}
	return m
})

var relativeService = &service{
	available: availableWithData(relativeLanguages),
	keys:      []string{"nu"},
	supported: supportNumberingSystem,
}

type relativeTimeFormat struct {
	jsutil.Expando
	locale  string
	style   string
	numeric string
	data    map[string]*relativeUnit
	nf      *numberFormatter
	tag     language.Tag
}

// newRelativeTimeFormat is InitializeRelativeTimeFormat (ECMA-402 §17.1.2).
func (in *installation) newRelativeTimeFormat(locales, optionsArg goja.Value) *relativeTimeFormat {
	vm := in.vm
	requested := in.canonicalizeLocaleList(locales)
	opts := coerceOptions(vm, optionsArg, "Intl.RelativeTimeFormat")
	opts.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	nu, _ := opts.str("numberingSystem", nil, "")
	if nu != "" && !isUnicodeType(nu) {
		throwRange(vm, "Invalid numberingSystem : "+nu)
	}
	r := relativeService.resolve(requested, map[string]string{"nu": nu})
	x := &relativeTimeFormat{locale: r.locale, tag: language.Make(r.data.base())}
	x.style, _ = opts.str("style", []string{"long", "short", "narrow"}, "long")
	x.numeric, _ = opts.str("numeric", []string{"always", "auto"}, "always")
	x.data = relativeLocales()[r.data.lang][x.style]
	if x.data == nil {
		x.data = relativeLocales()["en"][x.style]
	}
	x.nf = &numberFormatter{locale: r.locale, data: numberDataFor(r.data), tag: x.tag, style: "decimal",
		notation: "standard", grouping: "auto", sign: "auto", minInt: 1, maxFrac: 3, mode: halfExpand, increment: 1, trailing: "auto"}
	return x
}

// singularUnit validates a unit argument, accepting plurals ("days").
func singularUnit(vm *goja.Runtime, u string) string {
	switch u {
	case "seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years":
		return strings.TrimSuffix(u, "s")
	case "second", "minute", "hour", "day", "week", "month", "quarter", "year":
		return u
	}
	throwRange(vm, "Invalid unit argument for Intl.RelativeTimeFormat.prototype.format() '"+u+"'")
	return ""
}

// format is PartitionRelativeTimePattern (ECMA-402 §17.5.2).
func (in *installation) formatRelative(x *relativeTimeFormat, value, unitArg goja.Value, collect bool) *out {
	vm := in.vm
	v := toNumber(vm, value)
	unitName := opts0(vm, unitArg)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		throwRange(vm, "Value need to be finite number for Intl.RelativeTimeFormat.prototype.format()")
	}
	unit := singularUnit(vm, unitName)
	o := &out{collect: collect}
	data := x.data[unit]
	if x.numeric == "auto" && v == math.Trunc(v) && math.Abs(v) <= 2 {
		key := int(v)
		if v == 0 && math.Signbit(v) {
			key = 0
		}
		if p, ok := data.phrases[key]; ok {
			o.add("literal", p)
			return o
		}
	}
	past := v < 0 || (v == 0 && math.Signbit(v))
	abs := math.Abs(v)
	num := &out{collect: true}
	d := decimalFromFloat(abs)
	r := x.nf.round(d)
	x.nf.digits(num, r)
	form := pluralCategory(x.tag, r.d, max(r.minFrac, fracLen(r.d)), false)
	patterns := data.future
	if past {
		patterns = data.past
	}
	p, ok := patterns[form]
	if !ok {
		p = patterns["other"]
	}
	before, after, _ := strings.Cut(p, "{0}")
	o.add("literal", before)
	for _, np := range num.parts {
		o.add(np.typ+"\x00"+unit, np.value)
	}
	o.add("literal", after)
	return o
}

func opts0(vm *goja.Runtime, v goja.Value) string {
	if _, isSym := v.(*goja.Symbol); isSym {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.String()
}

func (in *installation) installRelativeTimeFormat() *goja.Object {
	vm := in.vm
	c := newClass(in, "RelativeTimeFormat", false, func(call goja.ConstructorCall) *relativeTimeFormat {
		return in.newRelativeTimeFormat(call.Argument(0), call.Argument(1))
	})
	in.rtf = c
	method(c, "format", 2, func(x *relativeTimeFormat, call goja.FunctionCall) goja.Value {
		return vm.ToValue(in.formatRelative(x, call.Argument(0), call.Argument(1), false).b.String())
	})
	method(c, "formatToParts", 2, func(x *relativeTimeFormat, call goja.FunctionCall) goja.Value {
		o := in.formatRelative(x, call.Argument(0), call.Argument(1), true)
		items := make([]any, len(o.parts))
		for i, p := range o.parts {
			typ, unit, hasUnit := strings.Cut(p.typ, "\x00")
			obj := newObject(vm, "type", typ, "value", p.value)
			if hasUnit {
				_ = obj.Set("unit", unit)
			}
			items[i] = obj
		}
		return vm.NewArray(items...)
	})
	method(c, "resolvedOptions", 0, func(x *relativeTimeFormat, call goja.FunctionCall) goja.Value {
		return newObject(vm, "locale", x.locale, "style", x.style, "numeric", x.numeric, "numberingSystem", "latn")
	})
	in.supportedLocalesOf(c.Ctor, relativeService)
	return c.Ctor
}
