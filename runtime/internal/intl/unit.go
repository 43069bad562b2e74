package intl

import (
	"slices"
	"strings"

	"golang.org/x/text/currency"
)

// isWellFormedUnit is IsWellFormedUnitIdentifier: a sanctioned simple unit, or two joined by
// "-per-".
func isWellFormedUnit(u string) bool {
	if slices.Contains(sanctionedSimpleUnits, u) {
		return true
	}
	num, den, ok := strings.Cut(u, "-per-")
	return ok && slices.Contains(sanctionedSimpleUnits, num) && slices.Contains(sanctionedSimpleUnits, den)
}

// sanctionedUnits is Intl.supportedValuesOf("unit").
func sanctionedUnits() []string { return slices.Clone(sanctionedSimpleUnits) }

// currencyCodes is Intl.supportedValuesOf("currency"): the ISO 4217 codes in tender somewhere
// today, per x/text's CLDR data.
func currencyCodes() []string {
	var out []string
	for it := currency.Query(); it.Next(); {
		out = append(out, it.Unit().String())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unitDisplayIndex maps unitDisplay to the index in unitLocales' triples.
func unitDisplayIndex(display string) int {
	switch display {
	case "long":
		return 1
	case "narrow":
		return 2
	}
	return 0
}

// unitPattern returns the "{0} km" pattern for the unit, display and plural form.
// Deviation: compound units without their own CLDR pattern are built as
// "<numerator>/<denominator>" (English long display: "… per …"), not with ICU's per-unit forms.
func (f *numberFormatter) unitPattern(form string) string {
	lang := f.tagLang()
	data, ok := unitLocales()[lang]
	if !ok {
		data = unitLocales()["en"]
	}
	i := unitDisplayIndex(f.unitDisp)
	pick := func(unit, form string) (string, bool) {
		forms, ok := data[unit]
		if !ok {
			return "", false
		}
		if p, ok := forms[i][form]; ok {
			return p, true
		}
		return forms[i]["other"], true
	}
	if p, ok := pick(f.unit, form); ok {
		return p
	}
	num, den, _ := strings.Cut(f.unit, "-per-")
	np, _ := pick(num, form)
	dp, _ := pick(den, "one")
	denText := strings.TrimSpace(strings.ReplaceAll(dp, "{0}", ""))
	if i == 1 && lang == "en" {
		return np + " per " + denText
	}
	return np + "/" + denText
}

func (f *numberFormatter) tagLang() string {
	b, _ := f.tag.Base()
	return b.String()
}

// formatUnit formats x with style "unit": the number, then the unit pattern's text as
// literal (spaces) and unit parts.
func (f *numberFormatter) formatUnit(o *out, x decimal) {
	inner := &out{collect: true}
	f.format(inner, x)
	r := f.round(x)
	p := f.unitPattern(f.pluralForm(r))
	before, after, _ := strings.Cut(p, "{0}")
	f.unitText(o, before)
	for _, ip := range inner.parts {
		o.add(ip.typ, ip.value)
	}
	f.unitText(o, after)
}

func (f *numberFormatter) unitText(o *out, s string) {
	if s == "" {
		return
	}
	trimmedLeft := strings.TrimLeftFunc(s, isSpaceLike)
	if lead := s[:len(s)-len(trimmedLeft)]; lead != "" {
		o.add("literal", lead)
	}
	core := strings.TrimRightFunc(trimmedLeft, isSpaceLike)
	o.add("unit", core)
	if trail := trimmedLeft[len(core):]; trail != "" {
		o.add("literal", trail)
	}
}
