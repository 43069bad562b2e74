package cron

import (
	"math/bits"
	"time"
)

// Schedule is a parsed cron expression. It is immutable.
type Schedule struct {
	expr string
	spec spec
}

// spec is the compiled form; two expressions with equal specs fire at the same times (Cloudflare
// rejects such duplicates in one worker's crons).
type spec struct {
	minutes uint64 // bit m: minute m (0-59)
	hours   uint32 // bit h: hour h (0-23)
	months  uint16 // bit m: month m (1-12)
	dom     domSpec
	dow     dowSpec
}

type domKind uint8

const (
	domAll            domKind = iota // *
	domSet                           // list of days: bit d of set
	domLast                          // L (n = 0) or L-n
	domLastWeekday                   // LW (n = 0) or L-nW
	domNearestWeekday                // nW
)

type domSpec struct {
	kind domKind
	set  uint32
	n    int
}

type dowKind uint8

const (
	dowAll  dowKind = iota // *
	dowSet                 // list: bit w of set for time.Weekday w
	dowLast                // dayL: the last `day` of the month
	dowNth                 // day#nth
)

type dowSpec struct {
	kind dowKind
	set  uint8
	day  int // time.Weekday for dowLast and dowNth
	nth  int
}

// String returns the expression as given to Parse.
func (s *Schedule) String() string { return s.expr }

// horizon is how far Next looks: the Gregorian calendar, weekdays included, repeats every 400
// years, so an expression with no time in 400 years never fires.
const horizon = 400 * 12

// Next returns the first time strictly after `after` at which the schedule fires, in UTC and
// on a whole minute, or the zero Time if it never fires.
func (s *Schedule) Next(after time.Time) time.Time {
	u := after.UTC()
	y, mo, d := u.Date()
	h, mi, _ := u.Clock()
	// The first candidate is the next whole minute.
	t := time.Date(y, mo, d, h, mi+1, 0, 0, time.UTC)
	y, mo, d = t.Date()
	h, mi, _ = t.Clock()
	m := int(mo)
	for range horizon + 1 {
		if s.spec.months&(1<<m) != 0 {
			dim := daysIn(y, m)
			first := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Weekday()
			for ; d <= dim; d, h, mi = d+1, 0, 0 {
				if !s.spec.dayMatches(d, dim, first) {
					continue
				}
				if hh, mm, ok := s.spec.timeOfDay(h, mi); ok {
					return time.Date(y, time.Month(m), d, hh, mm, 0, 0, time.UTC)
				}
			}
		}
		d, h, mi = 1, 0, 0
		if m++; m > 12 {
			m = 1
			y++
		}
	}
	return time.Time{}
}

// Matches reports whether the schedule fires at t (in UTC; seconds are ignored).
func (s *Schedule) Matches(t time.Time) bool {
	u := t.UTC()
	y, mo, d := u.Date()
	first := time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return s.spec.minutes&(1<<u.Minute()) != 0 &&
		s.spec.hours&(1<<u.Hour()) != 0 &&
		s.spec.months&(1<<int(mo)) != 0 &&
		s.spec.dayMatches(d, daysIn(y, int(mo)), first)
}

// timeOfDay returns the first hour:minute at or after h:mi that the schedule allows.
func (p *spec) timeOfDay(h, mi int) (int, int, bool) {
	for hh := nextBit(uint64(p.hours), h); hh >= 0; hh = nextBit(uint64(p.hours), hh+1) {
		from := 0
		if hh == h {
			from = mi
		}
		if mm := nextBit(p.minutes, from); mm >= 0 {
			return hh, mm, true
		}
	}
	return 0, 0, false
}

// nextBit returns the lowest set bit of set at or above from, or -1.
func nextBit(set uint64, from int) int {
	if from >= 64 {
		return -1
	}
	rest := set >> from << from
	if rest == 0 {
		return -1
	}
	return bits.TrailingZeros64(rest)
}

// dayMatches reports whether day d of a month with dim days whose first day is a `first`
// matches the day-of-month and day-of-week fields.
func (p *spec) dayMatches(d, dim int, first time.Weekday) bool {
	wd := time.Weekday((int(first) + d - 1) % 7)
	switch {
	case p.dom.kind == domAll && p.dow.kind == dowAll:
		return true
	case p.dom.kind == domAll:
		return p.dow.matches(d, dim, wd)
	case p.dow.kind == dowAll:
		return p.dom.matches(d, dim, first)
	default:
		// Both restricted: either one is enough, as in Vixie cron and Cloudflare's saffron.
		return p.dom.matches(d, dim, first) || p.dow.matches(d, dim, wd)
	}
}

func (m domSpec) matches(d, dim int, first time.Weekday) bool {
	switch m.kind {
	case domSet:
		return m.set&(1<<d) != 0
	case domLast:
		return d == dim-m.n
	case domLastWeekday:
		target := dim - m.n
		return target >= 1 && d == nearestWeekday(target, dim, first)
	case domNearestWeekday:
		return m.n <= dim && d == nearestWeekday(m.n, dim, first)
	}
	return true
}

// nearestWeekday returns the Monday-Friday day closest to day `target` without leaving the
// month: a Saturday moves to the Friday before (or the Monday after when it is the 1st), a
// Sunday to the Monday after (or the Friday before when it is the last day).
func nearestWeekday(target, dim int, first time.Weekday) int {
	switch time.Weekday((int(first) + target - 1) % 7) {
	case time.Saturday:
		if target == 1 {
			return 3
		}
		return target - 1
	case time.Sunday:
		if target == dim {
			return target - 2
		}
		return target + 1
	}
	return target
}

func (w dowSpec) matches(d, dim int, wd time.Weekday) bool {
	switch w.kind {
	case dowSet:
		return w.set&(1<<wd) != 0
	case dowLast:
		return int(wd) == w.day && d+7 > dim
	case dowNth:
		return int(wd) == w.day && (d-1)/7+1 == w.nth
	}
	return true
}

// daysIn returns the number of days in month m (1-12) of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
