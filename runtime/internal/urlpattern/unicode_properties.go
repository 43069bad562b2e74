package urlpattern

import (
	"strings"
	"unicode"
)

// propertySet returns the code points of the Unicode property expression of a \p{…} escape:
// General_Category values (short or long names, with or without "gc="/"General_Category="),
// Script values ("Script="/"sc=" with Go's long script names, e.g. Latin), and the binary
// properties Go's tables cover. Script_Extensions and the emoji properties are not available.
func propertySet(expr string) (runeSet, bool) {
	key, value, hasKey := strings.Cut(expr, "=")
	if !hasKey {
		if s, ok := generalCategory(expr); ok {
			return s, true
		}
		return binaryProperty(expr)
	}
	switch key {
	case "General_Category", "gc":
		return generalCategory(value)
	case "Script", "sc":
		if t, ok := unicode.Scripts[value]; ok {
			return tableSet(t), true
		}
	}
	return nil, false
}

// gcLongNames maps General_Category long names and aliases to short names.
var gcLongNames = map[string]string{
	"Other": "C", "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Unassigned": "Cn", "Private_Use": "Co",
	"Surrogate": "Cs", "Letter": "L", "Cased_Letter": "LC", "Lowercase_Letter": "Ll", "Modifier_Letter": "Lm",
	"Other_Letter": "Lo", "Titlecase_Letter": "Lt", "Uppercase_Letter": "Lu", "Mark": "M", "Combining_Mark": "M",
	"Spacing_Mark": "Mc", "Enclosing_Mark": "Me", "Nonspacing_Mark": "Mn", "Number": "N", "Decimal_Number": "Nd",
	"digit": "Nd", "Letter_Number": "Nl", "Other_Number": "No", "Punctuation": "P", "punct": "P",
	"Connector_Punctuation": "Pc", "Dash_Punctuation": "Pd", "Close_Punctuation": "Pe", "Final_Punctuation": "Pf",
	"Initial_Punctuation": "Pi", "Other_Punctuation": "Po", "Open_Punctuation": "Ps", "Symbol": "S",
	"Currency_Symbol": "Sc", "Modifier_Symbol": "Sk", "Math_Symbol": "Sm", "Other_Symbol": "So", "Separator": "Z",
	"Line_Separator": "Zl", "Paragraph_Separator": "Zp", "Space_Separator": "Zs",
}

func generalCategory(name string) (runeSet, bool) {
	if long, ok := gcLongNames[name]; ok {
		name = long
	}
	switch name {
	case "LC":
		return tables(unicode.Lu, unicode.Ll, unicode.Lt), true
	case "Cn":
		return assigned().complement(), true
	case "C": // Cc, Cf, Cn, Co, Cs (spelled out: whether Go's C table has Cn is its business)
		return tables(unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs).union(assigned().complement()), true
	}
	if t, ok := unicode.Categories[name]; ok {
		return tableSet(t), true
	}
	return nil, false
}

// assigned is every code point whose General_Category is not Cn.
func assigned() runeSet {
	return tables(unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs)
}

func binaryProperty(name string) (runeSet, bool) {
	switch name {
	case "Any":
		return runeSet{{0, maxRune}}, true
	case "ASCII":
		return runeSet{{0, 0x7f}}, true
	case "Assigned":
		return assigned(), true
	case "Alphabetic", "Alpha":
		return tables(unicode.Lu, unicode.Ll, unicode.Lt, unicode.Lm, unicode.Lo, unicode.Nl, unicode.Other_Alphabetic), true
	case "Lowercase", "Lower":
		return tables(unicode.Ll, unicode.Other_Lowercase), true
	case "Uppercase", "Upper":
		return tables(unicode.Lu, unicode.Other_Uppercase), true
	case "ID_Start", "IDS":
		return tables(unicode.L, unicode.Nl, unicode.Other_ID_Start).
			subtract(tables(unicode.Pattern_Syntax, unicode.Pattern_White_Space)), true
	case "ID_Continue", "IDC":
		return tables(unicode.L, unicode.Nl, unicode.Other_ID_Start, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc,
			unicode.Other_ID_Continue).subtract(tables(unicode.Pattern_Syntax, unicode.Pattern_White_Space)), true
	case "space":
		name = "White_Space"
	}
	if t, ok := unicode.Properties[name]; ok && !strings.HasPrefix(name, "Other_") {
		return tableSet(t), true
	}
	return nil, false
}

func tables(ts ...*unicode.RangeTable) runeSet {
	var rs []rng
	for _, t := range ts {
		rs = append(rs, tableSet(t)...)
	}
	return normalize(rs)
}

func tableSet(t *unicode.RangeTable) runeSet {
	var rs []rng
	for _, r := range t.R16 {
		rs = appendStrided(rs, rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	for _, r := range t.R32 {
		rs = appendStrided(rs, rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	return normalize(rs)
}

func appendStrided(rs []rng, lo, hi, stride rune) []rng {
	if stride == 1 {
		return append(rs, rng{lo, hi})
	}
	for r := lo; r <= hi; r += stride {
		rs = append(rs, rng{r, r})
	}
	return rs
}
