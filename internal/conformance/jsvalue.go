package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file reproduces the few JavaScript behaviours of the node runner (run.mjs) that decide
// bytes on the wire or values in a check: JSON.stringify of strings and numbers, JSON.parse's
// key order, WHATWG UTF-8 decoding (Buffer#toString / TextDecoder), latin1 header strings and
// truthiness.

// jsNumber formats f the way JavaScript's Number#toString (and so JSON.stringify) does.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0" // also -0
	}
	sign := ""
	if f < 0 {
		sign = "-"
		f = -f
	}
	// Shortest round-tripping digits, as d.ddddde±XX.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expStr, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	exp, _ := strconv.Atoi(expStr)
	k := len(digits)
	n := exp + 1 // value = 0.digits × 10^n
	var s string
	switch {
	case k <= n && n <= 21:
		s = digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		s = digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		s = "0." + strings.Repeat("0", -n) + digits
	default:
		es := "+"
		if n-1 < 0 {
			es = "-"
		}
		ae := n - 1
		if ae < 0 {
			ae = -ae
		}
		if k == 1 {
			s = digits + "e" + es + strconv.Itoa(ae)
		} else {
			s = digits[:1] + "." + digits[1:] + "e" + es + strconv.Itoa(ae)
		}
	}
	return sign + s
}

// jsQuote is JSON.stringify(s) for a string.
func jsQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// jsStringify is JSON.stringify for the generic values of this package (nil, bool, float64,
// string, []any, map[string]any). Object keys are written sorted: the values it is used for come
// from JSON.parse, whose key order Go's maps do not keep.
func jsStringify(v any) string {
	var b strings.Builder
	writeJS(&b, v)
	return b.String()
}

func writeJS(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b.WriteString("null")
		} else {
			b.WriteString(jsNumber(x))
		}
	case int:
		b.WriteString(strconv.Itoa(x))
	case string:
		b.WriteString(jsQuote(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJS(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsQuote(k))
			b.WriteByte(':')
			writeJS(b, x[k])
		}
		b.WriteByte('}')
	default:
		b.WriteString(jsQuote(fmt.Sprint(x)))
	}
}

// short mirrors run.mjs's short(): JSON text cut to n UTF-16 code units.
func short(v any, n int) string {
	s := jsStringify(v)
	u := utf16.Encode([]rune(s))
	if len(u) > n {
		return string(utf16.Decode(u[:n])) + fmt.Sprintf("…(%d chars)", len(u))
	}
	return s
}

// decodeUTF8 decodes b as the WHATWG UTF-8 decoder does (Buffer#toString("utf8"), TextDecoder):
// each maximal invalid subsequence becomes one U+FFFD. A BOM is kept.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var out strings.Builder
	needed, seen := 0, 0
	var cp rune
	lower, upper := byte(0x80), byte(0xBF)
	for i := 0; i < len(b); i++ {
		c := b[i]
		if needed == 0 {
			switch {
			case c <= 0x7F:
				out.WriteByte(c)
			case c >= 0xC2 && c <= 0xDF:
				needed, cp = 1, rune(c&0x1F)
			case c >= 0xE0 && c <= 0xEF:
				if c == 0xE0 {
					lower = 0xA0
				}
				if c == 0xED {
					upper = 0x9F
				}
				needed, cp = 2, rune(c&0x0F)
			case c >= 0xF0 && c <= 0xF4:
				if c == 0xF0 {
					lower = 0x90
				}
				if c == 0xF4 {
					upper = 0x8F
				}
				needed, cp = 3, rune(c&0x07)
			default:
				out.WriteRune(utf8.RuneError)
			}
			continue
		}
		if c < lower || c > upper {
			needed, seen, cp = 0, 0, 0
			lower, upper = 0x80, 0xBF
			out.WriteRune(utf8.RuneError)
			i-- // process this byte again
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(c&0x3F)
		seen++
		if seen == needed {
			out.WriteRune(cp)
			needed, seen, cp = 0, 0, 0
		}
	}
	if needed != 0 {
		out.WriteRune(utf8.RuneError)
	}
	return out.String()
}

// latin1 turns raw header bytes into the string Node gives JavaScript (one char per byte).
func latin1(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// toLatin1Bytes is the reverse: how Node writes a header string (each char's low byte).
func toLatin1Bytes(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return out
}

// truthy is JavaScript truthiness of a JSON value (absent counts as undefined).
func truthy(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return false
	}
	switch string(t) {
	case "null", "false", `""`:
		return false
	}
	if t[0] == '-' || (t[0] >= '0' && t[0] <= '9') {
		f, err := strconv.ParseFloat(string(t), 64)
		return err != nil || (f != 0 && !math.IsNaN(f))
	}
	return true
}

// ovalue is a JSON value that keeps object key order as JSON.parse does, so that it can be
// re-serialised byte for byte like JSON.stringify(JSON.parse(text)).
type ovalue struct {
	kind byte // 'n' null, 'b' bool, 'f' number, 's' string, 'a' array, 'o' object
	b    bool
	f    float64
	s    string
	arr  []*ovalue
	keys []string
	vals map[string]*ovalue
}

func parseOrdered(raw []byte) (*ovalue, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		return nil, err
	}
	return v, nil
}

func readOrdered(dec *json.Decoder) (*ovalue, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return &ovalue{kind: 'n'}, nil
	case bool:
		return &ovalue{kind: 'b', b: t}, nil
	case json.Number:
		f, err := strconv.ParseFloat(string(t), 64)
		if err != nil && !math.IsInf(f, 0) {
			return nil, err
		}
		return &ovalue{kind: 'f', f: f}, nil
	case string:
		return &ovalue{kind: 's', s: t}, nil
	case json.Delim:
		switch t {
		case '[':
			v := &ovalue{kind: 'a'}
			for dec.More() {
				e, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, e)
			}
			_, err := dec.Token()
			return v, err
		case '{':
			v := &ovalue{kind: 'o', vals: map[string]*ovalue{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k := kt.(string)
				e, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				if _, dup := v.vals[k]; !dup {
					v.keys = append(v.keys, k)
				}
				v.vals[k] = e
			}
			_, err := dec.Token()
			return v, err
		}
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

// orderedKeys is the order in which JavaScript enumerates an object's own keys: array-index
// keys ascending, then the other keys in insertion order.
func (v *ovalue) orderedKeys() []string {
	var idx []string
	var rest []string
	for _, k := range v.keys {
		if isArrayIndex(k) {
			idx = append(idx, k)
		} else {
			rest = append(rest, k)
		}
	}
	sort.Slice(idx, func(i, j int) bool {
		a, _ := strconv.ParseUint(idx[i], 10, 64)
		b, _ := strconv.ParseUint(idx[j], 10, 64)
		return a < b
	})
	return append(idx, rest...)
}

func isArrayIndex(k string) bool {
	if k == "" || (len(k) > 1 && k[0] == '0') {
		return false
	}
	n, err := strconv.ParseUint(k, 10, 64)
	return err == nil && n < 1<<32-1
}

// stringify is JSON.stringify of the value.
func (v *ovalue) stringify() string {
	var b strings.Builder
	v.write(&b)
	return b.String()
}

func (v *ovalue) write(b *strings.Builder) {
	switch v.kind {
	case 'n':
		b.WriteString("null")
	case 'b':
		b.WriteString(strconv.FormatBool(v.b))
	case 'f':
		if math.IsInf(v.f, 0) || math.IsNaN(v.f) {
			b.WriteString("null")
		} else {
			b.WriteString(jsNumber(v.f))
		}
	case 's':
		b.WriteString(jsQuote(v.s))
	case 'a':
		b.WriteByte('[')
		for i, e := range v.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			e.write(b)
		}
		b.WriteByte(']')
	case 'o':
		b.WriteByte('{')
		for i, k := range v.orderedKeys() {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsQuote(k))
			b.WriteByte(':')
			v.vals[k].write(b)
		}
		b.WriteByte('}')
	}
}

// jsString is String(v) for the primitive JSON values a header value may hold.
func (v *ovalue) jsString() string {
	switch v.kind {
	case 'n':
		return "null"
	case 'b':
		return strconv.FormatBool(v.b)
	case 'f':
		return jsNumber(v.f)
	case 's':
		return v.s
	case 'a':
		parts := make([]string, len(v.arr))
		for i, e := range v.arr {
			if e.kind != 'n' {
				parts[i] = e.jsString()
			}
		}
		return strings.Join(parts, ",")
	}
	return "[object Object]"
}

// generic converts to the plain Go values that encoding/json would produce.
func (v *ovalue) generic() any {
	switch v.kind {
	case 'b':
		return v.b
	case 'f':
		return v.f
	case 's':
		return v.s
	case 'a':
		out := make([]any, len(v.arr))
		for i, e := range v.arr {
			out[i] = e.generic()
		}
		return out
	case 'o':
		out := make(map[string]any, len(v.keys))
		for _, k := range v.keys {
			out[k] = v.vals[k].generic()
		}
		return out
	}
	return nil
}

// toUint32 is ECMAScript ToUint32 (for `seed >>> 0`).
func toUint32(f float64) uint32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	t := math.Trunc(f)
	m := math.Mod(t, 4294967296)
	if m < 0 {
		m += 4294967296
	}
	return uint32(m)
}

// generateBytes reproduces run.mjs's deterministic xorshift32 body generator.
func generateBytes(size int, seed uint32) []byte {
	out := make([]byte, size)
	x := seed
	if x == 0 {
		x = 1
	}
	for i := range out {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		out[i] = byte(x)
	}
	return out
}

// jsNumberFromString is Number(s) for the decimal and 0x/0o/0b forms (NaN when invalid).
func jsNumberFromString(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			n, err := strconv.ParseUint(s[2:], base, 64)
			if err != nil {
				return math.NaN()
			}
			return float64(n)
		}
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return math.NaN()
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}
