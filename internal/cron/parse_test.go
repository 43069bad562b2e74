package cron_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/cron"
)

// Expressions Cloudflare documents or accepts, with how they are written here.
func TestParseValid(t *testing.T) {
	for _, expr := range []string{
		"* * * * *",
		"*/30 * * * *",
		"45 * * * *",
		"0 17 * * sun", "0 17 * * 1",
		"10 7 * * mon-fri", "10 7 * * 2-6",
		"0 15 1 * *",
		"0 18 * * 6L", "0 18 * * friL",
		"59 23 LW * *",
		"*/3 * * * *",
		"0 0 * JAN-JUN FRI", "0 0 LW JUL-DEC *", // wrangler's docs
		"0 0 L-2 * *", "0 0 L-5W * *", "0 0 15W * *",
		"0 0 * * MON#2", "0 0 * * 1#5", "0 0 * * L",
		"0 0 * aug *", "0 0 * Aug,dec *",
		"1,*/10 * * * *",                        // * inside a list
		"0 22-2 * * *",                          // wrapping range
		"0 0 * * FRI-MON/2",                     // wrapping range with a step
		"05 07 01 01 01",                        // leading zeros
		"  */5\t*  * * *  ",                     // spaces and tabs
		"0-59/59 0-23/23 1-31/30 1-12/11 1-7/6", // largest steps
	} {
		s, err := cron.Parse(expr)
		if err != nil {
			t.Errorf("Parse(%q): %v", expr, err)
			continue
		}
		if s.String() != expr {
			t.Errorf("String() = %q, want %q", s.String(), expr)
		}
	}
}

// Every kind of mistake in every field, with the exact message.
func TestParseErrors(t *testing.T) {
	tests := []struct{ expr, want string }{
		// The expression as a whole.
		{"", `invalid cron "": expected 5 fields (minute hour day-of-month month day-of-week), got 0`},
		{"* * * *", `invalid cron "* * * *": expected 5 fields (minute hour day-of-month month day-of-week), got 4`},
		{"0 * * * * *", `invalid cron "0 * * * * *": expected 5 fields (minute hour day-of-month month day-of-week), got 6; seconds and year fields are not supported`},
		{"@hourly", `invalid cron "@hourly": macros such as @hourly are not supported; write the 5 fields`},
		// 1 minute.
		{"60 * * * *", `invalid cron "60 * * * *": field 1 (minute): 60 out of range 0-59`},
		{"-1 * * * *", `invalid cron "-1 * * * *": field 1 (minute): missing value`},
		{"1- * * * *", `invalid cron "1- * * * *": field 1 (minute): missing value`},
		{"1-2-3 * * * *", `invalid cron "1-2-3 * * * *": field 1 (minute): "1-2-3": a range has one "-"`},
		{"*-5 * * * *", `invalid cron "*-5 * * * *": field 1 (minute): "*" cannot be part of a range`},
		{"*/0 * * * *", `invalid cron "*/0 * * * *": field 1 (minute): step 0 out of range 1-59`},
		{"*/60 * * * *", `invalid cron "*/60 * * * *": field 1 (minute): step 60 out of range 1-59`},
		{"5/ * * * *", `invalid cron "5/ * * * *": field 1 (minute): step "": missing number`},
		{"5/x * * * *", `invalid cron "5/x * * * *": field 1 (minute): step "x": not a number`},
		{"a * * * *", `invalid cron "a * * * *": field 1 (minute): "a" is not a number`},
		{"1,,2 * * * *", `invalid cron "1,,2 * * * *": field 1 (minute): empty list item`},
		{", * * * *", `invalid cron ", * * * *": field 1 (minute): empty list item`},
		{"99999999999999999999 * * * *", `invalid cron "99999999999999999999 * * * *": field 1 (minute): "99999999999999999999": too large`},
		{"L * * * *", `invalid cron "L * * * *": field 1 (minute): "L": L, W and # are only allowed in day-of-month and day-of-week`},
		{"5#2 * * * *", `invalid cron "5#2 * * * *": field 1 (minute): "5#2": L, W and # are only allowed in day-of-month and day-of-week`},
		{"? * * * *", `invalid cron "? * * * *": field 1 (minute): "?" is not supported by Cloudflare; use "*"`},
		// 2 hour.
		{"0 24 * * *", `invalid cron "0 24 * * *": field 2 (hour): 24 out of range 0-23`},
		{"0 */24 * * *", `invalid cron "0 */24 * * *": field 2 (hour): step 24 out of range 1-23`},
		{"0 1W * * *", `invalid cron "0 1W * * *": field 2 (hour): "1W": L, W and # are only allowed in day-of-month and day-of-week`},
		{"0 noon * * *", `invalid cron "0 noon * * *": field 2 (hour): "noon" is not a number`},
		// 3 day-of-month.
		{"0 0 0 * *", `invalid cron "0 0 0 * *": field 3 (day-of-month): 0 out of range 1-31`},
		{"0 0 32 * *", `invalid cron "0 0 32 * *": field 3 (day-of-month): 32 out of range 1-31`},
		{"0 0 */31 * *", `invalid cron "0 0 */31 * *": field 3 (day-of-month): step 31 out of range 1-30`},
		{"0 0 L-0 * *", `invalid cron "0 0 L-0 * *": field 3 (day-of-month): "L-0": offset 0 out of range 1-30`},
		{"0 0 L-31 * *", `invalid cron "0 0 L-31 * *": field 3 (day-of-month): "L-31": offset 31 out of range 1-30`},
		{"0 0 LX * *", `invalid cron "0 0 LX * *": field 3 (day-of-month): "LX": expected L, LW, L-n or L-nW`},
		{"0 0 L-W * *", `invalid cron "0 0 L-W * *": field 3 (day-of-month): "L-W": expected a number of days after L-, like L-3`},
		{"0 0 0W * *", `invalid cron "0 0 0W * *": field 3 (day-of-month): "0W": 0 out of range 1-31`},
		{"0 0 32W * *", `invalid cron "0 0 32W * *": field 3 (day-of-month): "32W": 32 out of range 1-31`},
		{"0 0 W * *", `invalid cron "0 0 W * *": field 3 (day-of-month): "W": expected a day before W, like 15W`},
		{"0 0 1W,15 * *", `invalid cron "0 0 1W,15 * *": field 3 (day-of-month): "1W": L and W must be the whole field (L, LW, L-n, L-nW or nW), not part of a list, range or step`},
		{"0 0 L,15 * *", `invalid cron "0 0 L,15 * *": field 3 (day-of-month): "L": L and W must be the whole field (L, LW, L-n, L-nW or nW), not part of a list, range or step`},
		{"0 0 1-5W * *", `invalid cron "0 0 1-5W * *": field 3 (day-of-month): "5W": L and W must be the whole field (L, LW, L-n, L-nW or nW), not part of a list, range or step`},
		{"0 0 5L * *", `invalid cron "0 0 5L * *": field 3 (day-of-month): "5L": L and W must be the whole field (L, LW, L-n, L-nW or nW), not part of a list, range or step`},
		{"0 0 1#2 * *", `invalid cron "0 0 1#2 * *": field 3 (day-of-month): "1#2": # is only allowed in day-of-week`},
		{"0 0 JAN * *", `invalid cron "0 0 JAN * *": field 3 (day-of-month): "JAN" is not a number`},
		{"0 0 ? * MON", `invalid cron "0 0 ? * MON": field 3 (day-of-month): "?" is not supported by Cloudflare; use "*"`},
		// 4 month.
		{"0 0 1 0 *", `invalid cron "0 0 1 0 *": field 4 (month): 0 out of range 1-12`},
		{"0 0 1 13 *", `invalid cron "0 0 1 13 *": field 4 (month): 13 out of range 1-12`},
		{"0 0 1 JAN-13 *", `invalid cron "0 0 1 JAN-13 *": field 4 (month): 13 out of range 1-12`},
		{"0 0 1 JANUARY *", `invalid cron "0 0 1 JANUARY *": field 4 (month): "JANUARY" is not a number or a month name (JAN-DEC)`},
		{"0 0 1 */12 *", `invalid cron "0 0 1 */12 *": field 4 (month): step 12 out of range 1-11`},
		{"0 0 1 L *", `invalid cron "0 0 1 L *": field 4 (month): "L": L, W and # are only allowed in day-of-month and day-of-week`},
		// 5 day-of-week.
		{"0 0 * * 0", `invalid cron "0 0 * * 0": field 5 (day-of-week): 0 out of range 1-7: Cloudflare numbers days of the week 1 (SUN) to 7 (SAT)`},
		{"0 0 * * 0-6", `invalid cron "0 0 * * 0-6": field 5 (day-of-week): 0 out of range 1-7: Cloudflare numbers days of the week 1 (SUN) to 7 (SAT)`},
		{"0 0 * * 8", `invalid cron "0 0 * * 8": field 5 (day-of-week): 8 out of range 1-7`},
		{"0 0 * * */7", `invalid cron "0 0 * * */7": field 5 (day-of-week): step 7 out of range 1-6`},
		{"0 0 * * MONDAY", `invalid cron "0 0 * * MONDAY": field 5 (day-of-week): "MONDAY" is not a number or a day name (SUN-SAT)`},
		{"0 0 * * MON#6", `invalid cron "0 0 * * MON#6": field 5 (day-of-week): "MON#6": 6 out of range 1-5 after #`},
		{"0 0 * * MON#0", `invalid cron "0 0 * * MON#0": field 5 (day-of-week): "MON#0": 0 out of range 1-5 after #`},
		{"0 0 * * 5#", `invalid cron "0 0 * * 5#": field 5 (day-of-week): "5#": expected 1-5 after #`},
		{"0 0 * * #2", `invalid cron "0 0 * * #2": field 5 (day-of-week): "#2": expected a day (1-7 or SUN-SAT) before #, like 2#1 or MON#1`},
		{"0 0 * * 8L", `invalid cron "0 0 * * 8L": field 5 (day-of-week): "8L": 8 out of range 1-7`},
		{"0 0 * * LL", `invalid cron "0 0 * * LL": field 5 (day-of-week): "LL": expected a day (1-7 or SUN-SAT) before L, like 6L or FRIL`},
		{"0 0 * * 1#2,3", `invalid cron "0 0 * * 1#2,3": field 5 (day-of-week): "1#2": L and # must be the whole field (L, nL or n#k), not part of a list, range or step`},
		{"0 0 * * 1W", `invalid cron "0 0 * * 1W": field 5 (day-of-week): "1W": W is only allowed in day-of-month`},
		{"0 0 * * ?", `invalid cron "0 0 * * ?": field 5 (day-of-week): "?" is not supported by Cloudflare; use "*"`},
	}
	for _, tc := range tests {
		s, err := cron.Parse(tc.expr)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error", tc.expr, s)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("Parse(%q):\n got %s\nwant %s", tc.expr, err, tc.want)
		}
		var pe *cron.ParseError
		if !errors.As(err, &pe) || pe.Expr != tc.expr {
			t.Errorf("Parse(%q): error %T is not a *ParseError for the expression", tc.expr, err)
		}
	}
}

// FuzzParse: Parse never panics; errors are ParseErrors; for every schedule, Next is a whole
// UTC minute strictly after its input that Matches, with no matching minute in between
// (checked minute by minute when the gap is under three days), and chains forward.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"* * * * *", "*/15 * * * *", "0 0 * * MON-FRI", "59 23 L * *", "59 23 LW * *",
		"0 0 L-3W * *", "0 0 1W * *", "0 0 31W * *", "0 18 * * 6L", "0 0 * * 5#5",
		"0 0 13 * FRI", "0 22-2 * * FRI-MON", "0 0 30 2 *", "5/20 1-20/3 */7 JAN,jul *",
		"0 0 * * 0", "*/0 * * * *", "L * * * *", "0 0 ? * *", "@daily", "1-2-3 * * * *",
		"0 0 29 2 *", "* * * * L", "0,30 9-17 * * 2-6", "\t0\t0\t1\t1\t1",
	} {
		f.Add(s, int64(28_000_000)) // minutes since 1970: 2023-03-28
	}
	f.Fuzz(func(t *testing.T, expr string, minutes int64) {
		s, err := cron.Parse(expr)
		if err != nil {
			var pe *cron.ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "invalid cron ") {
				t.Fatalf("Parse(%q): unexpected error %T %v", expr, err, err)
			}
			return
		}
		// Any time from 1970 to about 2350, with seconds.
		span := int64(200_000_000)
		minutes = (minutes%span + span) % span
		after := time.Unix(minutes*60+minutes%60, 0).UTC()
		next := s.Next(after)
		if next.IsZero() {
			// Never fires: the same from a different starting point too.
			if again := s.Next(after.AddDate(123, 4, 5)); !again.IsZero() {
				t.Fatalf("%q: Next(%v) never, but Next(later) = %v", expr, after, again)
			}
			return
		}
		if !next.After(after) || next.Location() != time.UTC || next.Second() != 0 || next.Nanosecond() != 0 {
			t.Fatalf("%q: Next(%v) = %v", expr, after, next)
		}
		if !s.Matches(next) {
			t.Fatalf("%q: Next(%v) = %v does not match", expr, after, next)
		}
		if next.Sub(after) < 72*time.Hour {
			for m := after.Truncate(time.Minute).Add(time.Minute); m.Before(next); m = m.Add(time.Minute) {
				if s.Matches(m) {
					t.Fatalf("%q: Next(%v) = %v, but %v matches", expr, after, next, m)
				}
			}
		}
		if n2 := s.Next(next); !n2.IsZero() && !n2.After(next) {
			t.Fatalf("%q: Next(%v) = %v", expr, next, n2)
		}
	})
}
