package cron_test

import (
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/cron"
)

// utc parses "2006-01-02T15:04" or "2006-01-02T15:04:05" as UTC.
func utc(t testing.TB, s string) time.Time {
	t.Helper()
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if v, err := time.Parse(layout, s); err == nil {
			return v
		}
	}
	t.Fatalf("bad time %q", s)
	return time.Time{}
}

// The expectations below were worked out by hand with a calendar (weekdays noted next to
// each date), not by running the code.
func TestNext(t *testing.T) {
	tests := []struct {
		expr, after string
		want        []string // the next firings, in order; nil = never
	}{
		// Every minute; strictly after, seconds dropped, rollover into a new year.
		{"* * * * *", "2024-01-01T00:00", []string{"2024-01-01T00:01", "2024-01-01T00:02"}},
		{"* * * * *", "2024-01-01T00:00:59", []string{"2024-01-01T00:01"}},
		{"* * * * *", "2023-12-31T23:59:30", []string{"2024-01-01T00:00"}},
		// Steps.
		{"*/15 * * * *", "2024-05-05T10:07", []string{"2024-05-05T10:15", "2024-05-05T10:30", "2024-05-05T10:45", "2024-05-05T11:00"}},
		{"*/15 * * * *", "2024-12-31T23:45", []string{"2025-01-01T00:00"}},
		{"*/5 * * * *", "2024-05-05T10:05", []string{"2024-05-05T10:10"}},
		{"5/20 * * * *", "2024-05-05T10:06", []string{"2024-05-05T10:25", "2024-05-05T10:45", "2024-05-05T11:05"}},
		{"10-20/5 8 * * *", "2024-05-05T08:12", []string{"2024-05-05T08:15", "2024-05-05T08:20", "2024-05-06T08:10"}},
		{"0 0 1 */3 *", "2024-02-10T00:00", []string{"2024-04-01T00:00", "2024-07-01T00:00", "2024-10-01T00:00", "2025-01-01T00:00"}},
		{"45 * * * *", "2024-05-05T10:45", []string{"2024-05-05T11:45"}},
		// Lists, names, month rollovers.
		{"0 9,17 * * *", "2024-05-05T09:00", []string{"2024-05-05T17:00", "2024-05-06T09:00"}},
		{"0 0 31 * *", "2024-04-01T00:00", []string{"2024-05-31T00:00", "2024-07-31T00:00", "2024-08-31T00:00"}},
		{"0 0 1 1 *", "2024-06-01T00:00", []string{"2025-01-01T00:00"}},
		{"30 4 1 jan,Jul *", "2024-01-01T04:30", []string{"2024-07-01T04:30", "2025-01-01T04:30"}},
		{"0 0 1 FEB-APR *", "2024-03-15T00:00", []string{"2024-04-01T00:00", "2025-02-01T00:00"}},
		// Leap years: 2024 and 2000 are leap years, 2100 is not.
		{"0 12 29 2 *", "2023-03-01T00:00", []string{"2024-02-29T12:00", "2028-02-29T12:00"}},
		{"0 12 29 2 *", "2096-03-01T00:00", []string{"2104-02-29T12:00"}},
		// Day-of-week: 1 = Sunday … 7 = Saturday. 2024-03-01 is a Friday.
		{"0 0 * * MON-FRI", "2024-03-01T12:00", []string{"2024-03-04T00:00", "2024-03-05T00:00"}},
		{"10 7 * * 2-6", "2024-03-01T12:00", []string{"2024-03-04T07:10"}},
		{"0 17 * * 1", "2024-03-01T12:00", []string{"2024-03-03T17:00", "2024-03-10T17:00"}},
		{"0 17 * * sun", "2024-03-01T12:00", []string{"2024-03-03T17:00"}},
		{"0 0 * * 7", "2024-03-01T12:00", []string{"2024-03-02T00:00"}},
		{"0 0 * * L", "2024-03-01T12:00", []string{"2024-03-02T00:00"}}, // L alone = SAT
		{"0 0 * * FRI-MON", "2024-03-01T00:00", []string{"2024-03-02T00:00", "2024-03-03T00:00", "2024-03-04T00:00", "2024-03-08T00:00"}},
		{"0 0 * * */3", "2024-03-01T12:00", []string{"2024-03-02T00:00", "2024-03-03T00:00", "2024-03-06T00:00"}}, // 1,4,7 = SUN, WED, SAT
		// Wrapping hour range.
		{"0 22-2 * * *", "2024-05-05T03:00", []string{"2024-05-05T22:00", "2024-05-05T23:00", "2024-05-06T00:00", "2024-05-06T01:00", "2024-05-06T02:00", "2024-05-06T22:00"}},
		// Both day fields restricted: either matches. 2024-01-05 is a Friday.
		{"0 0 13 * FRI", "2024-01-01T00:00", []string{"2024-01-05T00:00", "2024-01-12T00:00", "2024-01-13T00:00", "2024-01-19T00:00"}},
		{"0 0 */10 * MON", "2024-01-02T00:00", []string{"2024-01-08T00:00", "2024-01-11T00:00", "2024-01-15T00:00"}}, // days 1,11,21,31 or Mondays
		// L: last day of the month.
		{"59 23 L * *", "2024-02-01T00:00", []string{"2024-02-29T23:59", "2024-03-31T23:59", "2024-04-30T23:59"}},
		{"59 23 L * *", "2023-02-01T00:00", []string{"2023-02-28T23:59"}},
		{"59 23 L * *", "2100-02-01T00:00", []string{"2100-02-28T23:59"}},
		{"59 23 L * *", "2000-02-01T00:00", []string{"2000-02-29T23:59"}},
		{"59 23 L * *", "2024-02-29T23:59", []string{"2024-03-31T23:59"}},
		{"0 0 L-3 * *", "2024-02-01T00:00", []string{"2024-02-26T00:00", "2024-03-28T00:00"}},
		// LW: last weekday. 2024-03-31 is a Sunday, 2024-08-31 a Saturday, 2024-05-31 a Friday.
		{"59 23 LW * *", "2024-03-01T00:00", []string{"2024-03-29T23:59", "2024-04-30T23:59", "2024-05-31T23:59"}},
		{"0 0 LW * *", "2024-08-01T00:00", []string{"2024-08-30T00:00"}},
		// L-nW: 2024-04-27 (L-3) is a Saturday → Friday 26; 2024-07-28 (L-3) a Sunday → Monday 29.
		{"0 0 L-3W * *", "2024-04-01T00:00", []string{"2024-04-26T00:00"}},
		{"0 0 L-3W 7 *", "2024-04-01T00:00", []string{"2024-07-29T00:00"}},
		// nW: nearest weekday, never leaving the month. 2024-06-01 is a Saturday (→ Monday 3),
		// 2024-09-01 a Sunday (→ Monday 2), 2024-06-15 a Saturday (→ Friday 14), 2024-09-15 a
		// Sunday (→ Monday 16), 2024-03-31 a Sunday (→ Friday 29).
		{"0 0 1W 6 *", "2024-01-01T00:00", []string{"2024-06-03T00:00"}},
		{"0 0 1W 9 *", "2024-01-01T00:00", []string{"2024-09-02T00:00"}},
		{"0 0 15W 6 *", "2024-01-01T00:00", []string{"2024-06-14T00:00"}},
		{"0 0 15W 9 *", "2024-01-01T00:00", []string{"2024-09-16T00:00"}},
		{"0 0 31W * *", "2024-03-01T00:00", []string{"2024-03-29T00:00", "2024-05-31T00:00"}}, // April has no 31st
		// nL: last Friday of the month (2024-05-31, 2024-06-28).
		{"0 18 * * 6L", "2024-05-01T00:00", []string{"2024-05-31T18:00", "2024-06-28T18:00"}},
		{"0 18 * * friL", "2024-05-01T00:00", []string{"2024-05-31T18:00"}},
		// n#k: 2024-01-01 is a Monday; February 2024 has five Thursdays (1st … 29th), January none.
		{"0 0 * * 2#1", "2023-12-15T00:00", []string{"2024-01-01T00:00", "2024-02-05T00:00"}},
		{"0 0 * * MON#2", "2024-01-01T00:00", []string{"2024-01-08T00:00"}},
		{"0 0 * * 5#5", "2024-01-01T00:00", []string{"2024-02-29T00:00", "2024-05-30T00:00", "2024-08-29T00:00", "2024-10-31T00:00"}},
		// Never: there is no February 30th, no 31st of November, no L-30 in February.
		{"0 0 30 2 *", "2024-01-01T00:00", nil},
		{"0 0 31 11 *", "2024-01-01T00:00", nil},
		{"0 0 L-30 2 *", "2024-01-01T00:00", nil},
	}
	for _, tc := range tests {
		t.Run(tc.expr+" after "+tc.after, func(t *testing.T) {
			s, err := cron.Parse(tc.expr)
			if err != nil {
				t.Fatal(err)
			}
			cur := utc(t, tc.after)
			if tc.want == nil {
				if got := s.Next(cur); !got.IsZero() {
					t.Fatalf("Next = %v, want never", got)
				}
				return
			}
			for i, w := range tc.want {
				got := s.Next(cur)
				if want := utc(t, w); !got.Equal(want) {
					t.Fatalf("firing %d: Next(%s) = %s, want %s", i+1, cur.Format(time.RFC3339), got.Format(time.RFC3339), want.Format(time.RFC3339))
				}
				if got.Location() != time.UTC {
					t.Errorf("Next returned location %v, want UTC", got.Location())
				}
				if !s.Matches(got) {
					t.Errorf("Matches(%v) = false for a time Next returned", got)
				}
				cur = got
			}
		})
	}
}

// Times in other zones are converted: Cloudflare crons are UTC, with no DST.
func TestNextIsUTC(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	s, err := cron.Parse("0 2 * * *")
	if err != nil {
		t.Fatal(err)
	}
	// 2024-03-10 01:30 EST (06:30 UTC) is just before New York's DST jump; 02:00 UTC is
	// unaffected and comes the next day.
	after := time.Date(2024, 3, 10, 1, 30, 0, 0, ny)
	if got, want := s.Next(after), utc(t, "2024-03-11T02:00"); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Next(%v) = %v, want %v", after, got, want)
	}
}

func TestMatches(t *testing.T) {
	s, err := cron.Parse("*/15 9-17 * * MON-FRI")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at   string
		want bool
	}{
		{"2024-03-04T09:00", true},     // Monday
		{"2024-03-04T09:15:42", true},  // seconds ignored
		{"2024-03-04T09:16", false},    // minute
		{"2024-03-04T18:00", false},    // hour
		{"2024-03-03T09:00", false},    // Sunday
		{"2024-03-08T17:45", true},     // Friday
		{"2024-03-09T12:00", false},    // Saturday
		{"2024-03-04T08:59:59", false}, // hour
	} {
		if got := s.Matches(utc(t, tc.at)); got != tc.want {
			t.Errorf("Matches(%s) = %v, want %v", tc.at, got, tc.want)
		}
	}
}

func BenchmarkNext(b *testing.B) {
	s, err := cron.Parse("0 18 * * 6L")
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Next(t0)
	}
}
