package cron

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseError is a malformed cron expression. Field is 1-5 (0 when the expression as a whole is
// wrong, such as the wrong number of fields).
type ParseError struct {
	Expr  string
	Field int
	Msg   string
}

func (e *ParseError) Error() string {
	if e.Field == 0 {
		return fmt.Sprintf("invalid cron %q: %s", e.Expr, e.Msg)
	}
	return fmt.Sprintf("invalid cron %q: field %d (%s): %s", e.Expr, e.Field, fields[e.Field-1].name, e.Msg)
}

// field describes one of the five positions.
type field struct {
	name     string
	min, max int
	names    []string // three-letter names for min, min+1, …; nil when the field has none
	namesFor string   // how the names are described in errors
}

var fields = [5]field{
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day-of-month", min: 1, max: 31},
	{name: "month", min: 1, max: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}, namesFor: "a month name (JAN-DEC)"},
	{name: "day-of-week", min: 1, max: 7, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}, namesFor: "a day name (SUN-SAT)"},
}

const (
	fMinute = iota
	fHour
	fDOM
	fMonth
	fDOW
)

// Parse parses a five-field Cloudflare cron expression (see the package documentation).
func Parse(expr string) (*Schedule, error) {
	parts := strings.FieldsFunc(expr, func(r rune) bool { return r == ' ' || r == '\t' })
	if len(parts) != 5 {
		msg := fmt.Sprintf("expected 5 fields (minute hour day-of-month month day-of-week), got %d", len(parts))
		switch {
		case len(parts) == 1 && strings.HasPrefix(parts[0], "@"):
			msg = fmt.Sprintf("macros such as %s are not supported; write the 5 fields", parts[0])
		case len(parts) == 6 || len(parts) == 7:
			msg += "; seconds and year fields are not supported"
		}
		return nil, &ParseError{Expr: expr, Msg: msg}
	}
	minutes, err := parseList(fMinute, parts[0])
	if err != nil {
		return nil, fieldError(expr, fMinute, err)
	}
	hours, err := parseList(fHour, parts[1])
	if err != nil {
		return nil, fieldError(expr, fHour, err)
	}
	dom, err := parseDOM(parts[2])
	if err != nil {
		return nil, fieldError(expr, fDOM, err)
	}
	months, err := parseList(fMonth, parts[3])
	if err != nil {
		return nil, fieldError(expr, fMonth, err)
	}
	dow, err := parseDOW(parts[4])
	if err != nil {
		return nil, fieldError(expr, fDOW, err)
	}
	return &Schedule{expr: expr, spec: spec{
		minutes: minutes,
		hours:   uint32(hours),
		months:  uint16(months),
		dom:     dom,
		dow:     dow,
	}}, nil
}

func fieldError(expr string, f int, err error) error {
	return &ParseError{Expr: expr, Field: f + 1, Msg: err.Error()}
}

// parseList parses `*` or a comma-separated list of values, ranges and steps into a bit set
// (bit v set for value v).
func parseList(f int, s string) (uint64, error) {
	if s == "*" {
		return span(fields[f].min, fields[f].max), nil
	}
	if err := special(s); err != nil {
		return 0, err
	}
	var bits uint64
	for item := range strings.SplitSeq(s, ",") {
		b, err := parseItem(f, item)
		if err != nil {
			return 0, err
		}
		bits |= b
	}
	return bits, nil
}

// special reports a character Cloudflare does not accept anywhere, with a hint.
func special(s string) error {
	if strings.Contains(s, "?") {
		return fmt.Errorf(`"?" is not supported by Cloudflare; use "*"`)
	}
	return nil
}

// looksSpecial reports whether a value that failed to parse was meant as an L, W or #
// expression (`L`, `5L`, `15W`, `2#1`), so that the error can say where those belong.
func looksSpecial(s string) bool {
	rest := strings.TrimLeft(s, "0123456789")
	return strings.Contains(s, "#") || strings.HasPrefix(rest, "L") || strings.HasPrefix(rest, "W")
}

// parseItem parses one list item: `*`, `*/n`, `v`, `v/n`, `a-b` or `a-b/n`.
func parseItem(f int, item string) (uint64, error) {
	d := fields[f]
	if item == "" {
		return 0, fmt.Errorf("empty list item")
	}
	base, stepText, hasStep := strings.Cut(item, "/")
	lo, hi := d.min, d.max
	if base != "*" {
		loText, hiText, isRange := strings.Cut(base, "-")
		var err error
		if lo, err = value(f, loText); err != nil {
			return 0, err
		}
		switch {
		case isRange && strings.Contains(hiText, "-"):
			return 0, fmt.Errorf("%q: a range has one \"-\"", base)
		case isRange:
			if hi, err = value(f, hiText); err != nil {
				return 0, err
			}
		case !hasStep:
			hi = lo
		}
	}
	step := 1
	if hasStep {
		n, err := number(stepText)
		if err != nil {
			return 0, fmt.Errorf("step %q: %v", stepText, err)
		}
		if n < 1 || n > d.max-d.min {
			return 0, fmt.Errorf("step %d out of range 1-%d", n, d.max-d.min)
		}
		step = n
	}
	// Walk from lo to hi, wrapping past max back to min when lo > hi.
	size := d.max - d.min + 1
	count := (hi-lo+size)%size + 1
	var bits uint64
	for i := 0; i < count; i += step {
		bits |= 1 << (d.min + (lo-d.min+i)%size)
	}
	return bits, nil
}

// value parses a number or (for month and day-of-week) a three-letter name.
func value(f int, s string) (int, error) {
	d := fields[f]
	switch {
	case s == "":
		return 0, fmt.Errorf("missing value")
	case s == "*":
		return 0, fmt.Errorf(`"*" cannot be part of a range`)
	case strings.Trim(s, "0123456789") == "":
		n, err := number(s)
		if err != nil {
			return 0, fmt.Errorf("%q: %v", s, err)
		}
		if n < d.min || n > d.max {
			if f == fDOW && n == 0 {
				return 0, fmt.Errorf("0 out of range 1-7: Cloudflare numbers days of the week 1 (SUN) to 7 (SAT)")
			}
			return 0, fmt.Errorf("%d out of range %d-%d", n, d.min, d.max)
		}
		return n, nil
	}
	for i, name := range d.names {
		if strings.EqualFold(s, name) {
			return d.min + i, nil
		}
	}
	switch {
	case looksSpecial(s):
		return 0, specialError(f, s)
	case d.names == nil:
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return 0, fmt.Errorf("%q is not a number or %s", s, d.namesFor)
}

// specialError explains where L, W and # may be used.
func specialError(f int, s string) error {
	switch {
	case f == fDOM && strings.Contains(s, "#"):
		return fmt.Errorf("%q: # is only allowed in day-of-week", s)
	case f == fDOW && strings.Contains(s, "W"):
		return fmt.Errorf("%q: W is only allowed in day-of-month", s)
	case f == fDOM:
		return fmt.Errorf("%q: L and W must be the whole field (L, LW, L-n, L-nW or nW), not part of a list, range or step", s)
	case f == fDOW:
		return fmt.Errorf("%q: L and # must be the whole field (L, nL or n#k), not part of a list, range or step", s)
	}
	return fmt.Errorf("%q: L, W and # are only allowed in day-of-month and day-of-week", s)
}

// number parses a non-negative decimal integer (digits only).
func number(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("missing number")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("not a number")
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > 9999 {
		return 0, fmt.Errorf("too large")
	}
	return n, nil
}

// span returns the bits lo..hi.
func span(lo, hi int) uint64 {
	return (1<<(hi+1) - 1) &^ (1<<lo - 1)
}

// parseDOM parses the day-of-month field.
func parseDOM(s string) (domSpec, error) {
	switch {
	case s == "*":
		return domSpec{kind: domAll}, nil
	case strings.HasPrefix(s, "L") && !strings.ContainsAny(s, ",/"):
		rest := strings.TrimPrefix(s, "L")
		kind := domLast
		if strings.HasSuffix(rest, "W") {
			kind, rest = domLastWeekday, strings.TrimSuffix(rest, "W")
		}
		if rest == "" {
			return domSpec{kind: kind}, nil
		}
		off, ok := strings.CutPrefix(rest, "-")
		if !ok {
			return domSpec{}, fmt.Errorf("%q: expected L, LW, L-n or L-nW", s)
		}
		n, err := number(off)
		if err != nil {
			return domSpec{}, fmt.Errorf("%q: expected a number of days after L-, like L-3", s)
		}
		if n < 1 || n > 30 {
			return domSpec{}, fmt.Errorf("%q: offset %d out of range 1-30", s, n)
		}
		return domSpec{kind: kind, n: n}, nil
	case strings.HasSuffix(s, "W") && !strings.ContainsAny(s, ",-/L*"):
		n, err := number(strings.TrimSuffix(s, "W"))
		if err != nil {
			return domSpec{}, fmt.Errorf("%q: expected a day before W, like 15W", s)
		}
		if n < 1 || n > 31 {
			return domSpec{}, fmt.Errorf("%q: %d out of range 1-31", s, n)
		}
		return domSpec{kind: domNearestWeekday, n: n}, nil
	}
	bits, err := parseList(fDOM, s)
	return domSpec{kind: domSet, set: uint32(bits)}, err
}

// parseDOW parses the day-of-week field.
func parseDOW(s string) (dowSpec, error) {
	switch {
	case s == "*":
		return dowSpec{kind: dowAll}, nil
	case s == "L":
		return dowSpec{kind: dowSet, set: 1 << 6}, nil // Saturday, as in Quartz and saffron
	case strings.Contains(s, "#") && !strings.ContainsAny(s, ",-/*"):
		dayText, nthText, _ := strings.Cut(s, "#")
		day, err := dowDay(s, dayText, "#", "2#1 or MON#1")
		if err != nil {
			return dowSpec{}, err
		}
		nth, err := number(nthText)
		if err != nil {
			return dowSpec{}, fmt.Errorf("%q: expected 1-5 after #", s)
		}
		if nth < 1 || nth > 5 {
			return dowSpec{}, fmt.Errorf("%q: %d out of range 1-5 after #", s, nth)
		}
		return dowSpec{kind: dowNth, day: day - 1, nth: nth}, nil
	case len(s) > 1 && strings.HasSuffix(s, "L") && !strings.ContainsAny(s, ",-/*#"):
		day, err := dowDay(s, s[:len(s)-1], "L", "6L or FRIL")
		if err != nil {
			return dowSpec{}, err
		}
		return dowSpec{kind: dowLast, day: day - 1}, nil
	}
	bits, err := parseList(fDOW, s)
	// Value v (1 = Sunday) is bit v; shift so that bit 0 is time.Sunday.
	return dowSpec{kind: dowSet, set: uint8(bits >> 1)}, err
}

// dowDay parses the day before the L or # of a day-of-week expression s.
func dowDay(s, dayText, mark, example string) (int, error) {
	day, err := value(fDOW, dayText)
	if err == nil {
		return day, nil
	}
	if dayText != "" && strings.Trim(dayText, "0123456789") == "" {
		return 0, fmt.Errorf("%q: %v", s, err) // a number out of range
	}
	return 0, fmt.Errorf("%q: expected a day (1-7 or SUN-SAT) before %s, like %s", s, mark, example)
}
