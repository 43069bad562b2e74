package intl

import (
	"strings"
	"unicode"

	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

var collatorService = &service{
	available: availableWithData(pluralLanguages),
	keys:      []string{"co", "kf", "kn"},
	supported: func(key, value string) bool {
		switch key {
		case "kn":
			return value == "true" || value == "false"
		case "kf":
			return value == "upper" || value == "lower" || value == "false"
		}
		return false // co: only the default collation
	},
}

// collatorImpl is a resolved Intl.Collator over x/text's collate.Collator (CLDR root
// collation with the locale's tailoring).
type collatorImpl struct {
	locale            string
	usage             string
	sensitivity       string
	ignorePunctuation bool
	numeric           bool
	caseFirst         string
	c                 *collate.Collator
	caseLevel         *collate.Collator // sensitivity "case": accents ignored, case kept
}

type collator struct {
	jsutil.Expando
	impl  *collatorImpl
	bound *goja.Object
}

// newCollator is InitializeCollator (ECMA-402 §10.1.2).
func (in *installation) newCollator(locales, optionsArg goja.Value) *collatorImpl {
	vm := in.vm
	requested := in.canonicalizeLocaleList(locales)
	opts := coerceOptions(vm, optionsArg, "Intl.Collator")
	usage, _ := opts.str("usage", []string{"sort", "search"}, "sort")
	opts.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	co, _ := opts.str("collation", nil, "")
	if co != "" && !isUnicodeType(co) {
		throwRange(vm, "Invalid collation : "+co)
	}
	kn := ""
	if b, set := opts.boolean("numeric"); set {
		kn = "false"
		if b {
			kn = "true"
		}
	}
	kf, _ := opts.str("caseFirst", []string{"upper", "lower", "false"}, "")
	r := collatorService.resolve(requested, map[string]string{"co": co, "kn": kn, "kf": kf})
	c := &collatorImpl{locale: r.locale, usage: usage, numeric: r.values["kn"] == "true", caseFirst: r.values["kf"]}
	if c.caseFirst == "" {
		c.caseFirst = "false"
	}
	c.sensitivity, _ = opts.str("sensitivity", []string{"base", "accent", "case", "variant"}, "variant")
	// Thai ignores punctuation by default (CLDR alternate=shifted for th).
	ip, set := opts.boolean("ignorePunctuation")
	c.ignorePunctuation = ip || (!set && r.data.lang == "th")
	c.c = c.build(r.data)
	return c
}

// build makes the x/text collator. Sensitivity maps onto collation strength: base ignores
// accents and case, accent ignores case, case ignores accents but keeps a case level.
func (c *collatorImpl) build(data langTag) *collate.Collator {
	ext := "-u"
	switch c.sensitivity {
	case "base", "case":
		ext += "-ks-level1"
	case "accent":
		ext += "-ks-level2"
	}
	if c.numeric {
		ext += "-kn-true"
	}
	tag := language.Make(data.base())
	if ext != "-u" {
		if t, err := language.Parse(data.base() + ext); err == nil {
			tag = t
		}
	}
	if c.sensitivity == "case" {
		opts := []collate.Option{collate.IgnoreDiacritics}
		if c.numeric {
			opts = append(opts, collate.Numeric)
		}
		c.caseLevel = collate.New(language.Make(data.base()), opts...)
	}
	return collate.New(tag, collate.OptionsFromTag(tag))
}

// compare returns -1, 0 or 1. Strings reach Go as UTF-8 (lone surrogates become U+FFFD).
//
// Deviation: x/text's alternate=shifted and case-level options do not behave like ICU's, so
// ignorePunctuation removes punctuation and white space before comparing, and sensitivity
// "case" compares base letters first, then case with accents, kana and width folded away
// (ICU also treats "ß"/"ss" and "Æ"/"AE" as equal there; edge does not).
func (c *collatorImpl) compare(a, b string) int {
	if c.ignorePunctuation {
		a, b = stripPunctuation(a), stripPunctuation(b)
	}
	r := c.c.CompareString(a, b)
	if r != 0 || c.caseLevel == nil {
		return r
	}
	return c.caseLevel.CompareString(foldKanaWidth(a), foldKanaWidth(b))
}

func stripPunctuation(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// foldKanaWidth removes combining marks, maps katakana to hiragana and full/half-width forms
// to their usual width, so only case remains as a tertiary difference.
func foldKanaWidth(s string) string {
	s = width.Fold.String(norm.NFD.String(s))
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Mn, r):
			return -1
		case r >= 0x30A1 && r <= 0x30F6:
			return r - 0x60
		}
		return r
	}, s)
}

func (in *installation) installCollator() *goja.Object {
	vm := in.vm
	c := newClass(in, "Collator", true, func(call goja.ConstructorCall) *collator {
		return &collator{impl: in.newCollator(call.Argument(0), call.Argument(1))}
	})
	in.coll = c
	boundGetter(c, "compare", "get Intl.Collator.prototype.compare", func(x *collator) **goja.Object { return &x.bound },
		func(x *collator) *goja.Object {
			return jsutil.Func(vm, "", 2, func(call goja.FunctionCall) goja.Value {
				return vm.ToValue(x.impl.compare(call.Argument(0).String(), call.Argument(1).String()))
			})
		})
	method(c, "resolvedOptions", 0, func(x *collator, call goja.FunctionCall) goja.Value {
		i := x.impl
		return newObject(vm, "locale", i.locale, "usage", i.usage, "sensitivity", i.sensitivity,
			"ignorePunctuation", i.ignorePunctuation, "collation", "default", "numeric", i.numeric, "caseFirst", i.caseFirst)
	})
	in.supportedLocalesOf(c.Ctor, collatorService)
	return c.Ctor
}

// collatorFor returns a cached collator for String.prototype.localeCompare without options.
func (in *installation) collatorFor(locales, opts goja.Value) *collatorImpl {
	if !isUndefined(opts) {
		return in.newCollator(locales, opts)
	}
	key := ""
	if !isUndefined(locales) {
		s, ok := locales.Export().(string)
		if !ok || isObject(locales) {
			return in.newCollator(locales, opts)
		}
		key = s
	}
	if c, ok := in.collatorCache[key]; ok {
		return c
	}
	c := in.newCollator(locales, opts)
	if len(in.collatorCache) < 64 {
		in.collatorCache[key] = c
	}
	return c
}
