package intl

import (
	"slices"
	"strings"

	"github.com/dop251/goja"
)

// defaultLocale is what every service falls back to: Workers report navigator.language "en-US".
const defaultLocale = "en-US"

// keyword is one -u- extension keyword (key and its type; "" when the type is "true").
type keyword struct {
	key, value string
}

// langTag is a parsed Unicode BCP 47 locale identifier (UTS #35 §3), kept in canonical case.
type langTag struct {
	lang     string
	script   string
	region   string
	variants []string
	uAttrs   []string  // attributes of the -u- extension
	uKeys    []keyword // keywords of the -u- extension, sorted by key, first occurrence kept
	others   []string  // other extensions ("t-…", "a-…"), each as singleton-subtags, sorted
	private  string    // "x-…" or ""
}

// languageAliases maps deprecated language subtags to their replacements (CLDR supplemental
// metadata, the ones browsers and ICU still see in the wild).
var languageAliases = map[string]string{
	"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "tl": "fil", "cmn": "zh",
	"sh": "sr-Latn", "swh": "sw", "aju": "jrb", "zsm": "ms", "arb": "ar", "no": "no", "knn": "kok",
}

// regionAliases maps deprecated region subtags to their replacements.
var regionAliases = map[string]string{
	"DD": "DE", "FX": "FR", "TP": "TL", "YD": "YE", "ZR": "CD", "BU": "MM", "UK": "GB",
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return len(s) > 0
}

func isDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9') && !((c|0x20) >= 'a' && (c|0x20) <= 'z') {
			return false
		}
	}
	return len(s) > 0
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

// parseTag parses and canonicalizes a language tag the way Intl.getCanonicalLocales does
// (IsStructurallyValidLanguageTag, then CanonicalizeUnicodeLocaleId): case is normalized,
// variants and extensions are sorted, duplicate -u- keys dropped, "true" types removed and
// common deprecated subtags replaced. ok is false for a tag that is not structurally valid.
func parseTag(s string) (t langTag, ok bool) {
	if s == "" || strings.ContainsAny(s, "_ ") {
		return t, false
	}
	parts := strings.Split(strings.ToLower(s), "-")
	i := 0
	// unicode_language_subtag: alpha{2,3} | alpha{5,8}; "root" is not allowed by ECMA-402.
	lang := parts[0]
	if !isAlpha(lang) || len(lang) == 4 || len(lang) < 2 || len(lang) > 8 || lang == "root" {
		return t, false
	}
	t.lang = lang
	i++
	if i < len(parts) && len(parts[i]) == 4 && isAlpha(parts[i]) {
		t.script = titleCase(parts[i])
		i++
	}
	if i < len(parts) && ((len(parts[i]) == 2 && isAlpha(parts[i])) || (len(parts[i]) == 3 && isDigit(parts[i]))) {
		t.region = strings.ToUpper(parts[i])
		i++
	}
	for i < len(parts) {
		p := parts[i]
		if !((len(p) >= 5 && len(p) <= 8 && isAlnum(p)) || (len(p) == 4 && isDigit(p[:1]) && isAlnum(p))) {
			break
		}
		if slices.Contains(t.variants, p) {
			return t, false
		}
		t.variants = append(t.variants, p)
		i++
	}
	seen := map[byte]bool{}
	for i < len(parts) {
		p := parts[i]
		if len(p) != 1 || !isAlnum(p) {
			return t, false
		}
		singleton := p[0]
		if singleton == 'x' {
			rest := parts[i+1:]
			if len(rest) == 0 {
				return t, false
			}
			for _, r := range rest {
				if len(r) > 8 || !isAlnum(r) {
					return t, false
				}
			}
			t.private = "x-" + strings.Join(rest, "-")
			break
		}
		if seen[singleton] {
			return t, false
		}
		seen[singleton] = true
		i++
		start := i
		for i < len(parts) && len(parts[i]) >= 2 && len(parts[i]) <= 8 && isAlnum(parts[i]) {
			i++
		}
		sub := parts[start:i]
		if len(sub) == 0 {
			return t, false
		}
		if singleton == 'u' {
			if !t.parseU(sub) {
				return t, false
			}
			continue
		}
		t.others = append(t.others, string(singleton)+"-"+strings.Join(sub, "-"))
	}
	t.canonicalize()
	return t, true
}

// parseU reads the subtags of a -u- extension: attributes, then key (alphanum alpha) type*.
func (t *langTag) parseU(sub []string) bool {
	j := 0
	for j < len(sub) && len(sub[j]) >= 3 {
		if !slices.Contains(t.uAttrs, sub[j]) {
			t.uAttrs = append(t.uAttrs, sub[j])
		}
		j++
	}
	for j < len(sub) {
		key := sub[j]
		if len(key) != 2 || !isAlpha(key[1:]) {
			return false
		}
		j++
		start := j
		for j < len(sub) && len(sub[j]) >= 3 {
			j++
		}
		value := strings.Join(sub[start:j], "-")
		if value == "true" {
			value = ""
		}
		if !slices.ContainsFunc(t.uKeys, func(k keyword) bool { return k.key == key }) {
			t.uKeys = append(t.uKeys, keyword{key, value})
		}
	}
	return true
}

func (t *langTag) canonicalize() {
	if a, ok := languageAliases[t.lang]; ok {
		if l, s, found := strings.Cut(a, "-"); found {
			t.lang = l
			if t.script == "" {
				t.script = s
			}
		} else {
			t.lang = a
		}
	}
	if a, ok := regionAliases[t.region]; ok {
		t.region = a
	}
	slices.Sort(t.variants)
	slices.Sort(t.uAttrs)
	slices.SortFunc(t.uKeys, func(a, b keyword) int { return strings.Compare(a.key, b.key) })
	slices.Sort(t.others)
}

// base is the tag without extensions: language[-script][-region][-variants].
func (t langTag) base() string {
	var b strings.Builder
	b.WriteString(t.lang)
	if t.script != "" {
		b.WriteString("-" + t.script)
	}
	if t.region != "" {
		b.WriteString("-" + t.region)
	}
	for _, v := range t.variants {
		b.WriteString("-" + v)
	}
	return b.String()
}

// String renders the canonical tag.
func (t langTag) String() string {
	var b strings.Builder
	b.WriteString(t.base())
	exts := slices.Clone(t.others)
	if len(t.uAttrs) > 0 || len(t.uKeys) > 0 {
		exts = append(exts, "u"+uString(t.uAttrs, t.uKeys))
		slices.Sort(exts)
	}
	for _, e := range exts {
		b.WriteString("-" + e)
	}
	if t.private != "" {
		b.WriteString("-" + t.private)
	}
	return b.String()
}

func uString(attrs []string, keys []keyword) string {
	var b strings.Builder
	for _, a := range attrs {
		b.WriteString("-" + a)
	}
	for _, k := range keys {
		b.WriteString("-" + k.key)
		if k.value != "" {
			b.WriteString("-" + k.value)
		}
	}
	return b.String()
}

// uValue returns the type of -u- key, and whether the key is present.
func (t langTag) uValue(key string) (string, bool) {
	for _, k := range t.uKeys {
		if k.key == key {
			if k.value == "" {
				return "true", true
			}
			return k.value, true
		}
	}
	return "", false
}

// canonicalizeLocaleList is CanonicalizeLocaleList (ECMA-402 §9.2.1): locales may be undefined,
// a string, or an array-like of strings (or Intl.Locale-like objects, read with ToString).
func (in *installation) canonicalizeLocaleList(locales goja.Value) []langTag {
	vm := in.vm
	if locales == nil || goja.IsUndefined(locales) {
		return nil
	}
	var items []goja.Value
	if s, ok := locales.Export().(string); ok && !isObject(locales) {
		items = []goja.Value{vm.ToValue(s)}
	} else {
		if goja.IsNull(locales) {
			panic(vm.NewTypeError("Cannot convert undefined or null to object"))
		}
		o := locales.ToObject(vm)
		n := toLength(o.Get("length"))
		for k := int64(0); k < n; k++ {
			key := vm.ToValue(k).String()
			if !hasProperty(vm, o, key) {
				continue
			}
			items = append(items, o.Get(key))
		}
	}
	var out []langTag
	seen := map[string]bool{}
	for _, v := range items {
		if _, isStr := v.Export().(string); !isStr && !isObject(v) {
			panic(vm.NewTypeError("Language ID should be string or object."))
		}
		t, ok := parseTag(v.String())
		if !ok {
			throwRange(vm, "Incorrect locale information provided")
		}
		if s := t.String(); !seen[s] {
			seen[s] = true
			out = append(out, t)
		}
	}
	return out
}

// service describes one Intl constructor's locale data for ResolveLocale.
type service struct {
	// available reports whether locale data exists for a tag without extensions
	// (language[-script][-region]); the spec's [[AvailableLocales]].
	available func(base langTag) bool
	// keys are the relevant -u- extension keys, in the order they are processed.
	keys []string
	// supported reports whether value is a supported type for key in locale.
	supported func(key, value string) bool
}

// resolved is the result of ResolveLocale: the locale string reported by resolvedOptions, the
// tag whose data is used, and the chosen value per relevant key.
type resolved struct {
	locale string
	data   langTag
	values map[string]string
}

// lookup is LookupMatcher (ECMA-402 §9.2.3); edge uses it for "best fit" too.
func (s *service) lookup(requested []langTag) (langTag, langTag, bool) {
	for _, req := range requested {
		cand := langTag{lang: req.lang, script: req.script, region: req.region, variants: req.variants}
		for {
			if s.available(cand) {
				return cand, req, true
			}
			switch {
			case len(cand.variants) > 0:
				cand.variants = cand.variants[:len(cand.variants)-1]
			case cand.region != "":
				cand.region = ""
			case cand.script != "":
				cand.script = ""
			default:
				goto next
			}
		}
	next:
	}
	return langTag{}, langTag{}, false
}

// resolve is ResolveLocale (ECMA-402 §9.2.7). opts holds the option values that may override
// extension keywords ("" = not given).
func (s *service) resolve(requested []langTag, opts map[string]string) resolved {
	found, req, ok := s.lookup(requested)
	if !ok {
		found, _ = parseTag(defaultLocale)
		req = langTag{}
	}
	r := resolved{data: found, values: map[string]string{}}
	var kept []keyword
	for _, key := range s.keys {
		value := ""
		fromExt := false
		if v, present := req.uValue(key); present && s.supported(key, v) {
			value, fromExt = v, true
		}
		if ov := opts[key]; ov != "" {
			if s.supported(key, ov) && ov != value {
				value, fromExt = ov, false
			}
		}
		if fromExt {
			k := keyword{key, value}
			if value == "true" {
				k.value = ""
			}
			kept = append(kept, k)
		}
		r.values[key] = value
	}
	loc := found
	loc.uAttrs, loc.others, loc.private = nil, nil, ""
	loc.uKeys = kept
	r.locale = loc.String()
	return r
}

// supportedLocales is SupportedLocales (ECMA-402 §9.2.10) with the lookup matcher.
func (s *service) supportedLocales(requested []langTag) []string {
	var out []string
	for _, req := range requested {
		if _, _, ok := s.lookup([]langTag{req}); ok {
			out = append(out, req.String())
		}
	}
	return out
}

// dropKeyword removes a -u- keyword from a canonical tag string.
func dropKeyword(locale, key string) string {
	t, ok := parseTag(locale)
	if !ok {
		return locale
	}
	t.uKeys = slices.DeleteFunc(t.uKeys, func(k keyword) bool { return k.key == key })
	return t.String()
}
