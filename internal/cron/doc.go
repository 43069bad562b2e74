// Package cron parses Cloudflare Workers cron expressions ([triggers] crons in wrangler.toml)
// and fires them on a clock.
//
// # Expressions
//
// Five fields separated by spaces or tabs, evaluated in UTC as on Cloudflare:
//
//	field          values                       characters
//	1 minute       0-59                         * , - /
//	2 hour         0-23                         * , - /
//	3 day-of-month 1-31                         * , - /  L  W
//	4 month        1-12, JAN-DEC                * , - /
//	5 day-of-week  1-7 (1 = SUN), SUN-SAT       * , - /  L  #
//
// The grammar and meaning follow Cloudflare's own parser (github.com/cloudflare/saffron, which
// its API uses to validate crons) and the docs at
// https://developers.cloudflare.com/workers/configuration/cron-triggers/:
//
//   - Day-of-week is numbered as in Quartz: 1 = Sunday … 7 = Saturday. 0 is rejected, as the
//     Cloudflare API rejects `0 0 * * 0` ("invalid cron string"); `0 17 * * 1` runs on Sundays.
//   - Names are three letters, case-insensitive (`mon`, `Aug`).
//   - `a-b` is a range, `a-b/n`, `a/n` (a to the maximum) and `*/n` are steps; n must be
//     between 1 and max-min (1-59 for minutes). A range whose start is after its end wraps
//     around (`FRI-MON` is FRI,SAT,SUN,MON; `22-2` is 22,23,0,1,2), as in Quartz. `*` inside a
//     list means every value.
//   - Day-of-month: `L` (last day), `L-n` (n days before the last, n 1-30), `LW` (last
//     weekday), `L-nW` (weekday nearest to L-n), `nW` (weekday nearest to day n, never crossing
//     into another month; no match in months shorter than n). Each is the whole field.
//   - Day-of-week: `L` alone (Saturday), `nL` (last such weekday of the month, `6L` or `friL`),
//     `n#k` (k-th such weekday, k 1-5, `MON#2`; no match in months without a k-th). Each is
//     the whole field.
//   - When both day fields are restricted (neither is a bare `*`), a day matches if either
//     does, as in Vixie cron and saffron. `*/2` counts as restricted.
//   - `?`, seconds and year fields, `@hourly`-style macros and a day-of-week 0 are errors,
//     because Cloudflare rejects them.
//
// Where saffron's evaluation (as its source reads) differs from the documented Quartz meaning,
// edge follows the documentation: saffron's wrapping ranges also include the value just before
// the start, its `nW` can match the last day of a month shorter than n, and its `1,*` means 1
// and the minimum. None of these is something a user would write on purpose.
//
// An expression that can never fire (`0 0 30 2 *`) parses, as on Cloudflare; Next returns the
// zero Time for it. Parse errors read `invalid cron "x": field 2 (hour): …` and are *ParseError.
//
// # Scheduler
//
// Scheduler fires each expression at its times on an injectable Clock (SystemClock in
// production, a fake in tests). Each expression has one goroutine that calls fire and waits for
// it to return, so a run is never started while the previous run of the same expression is
// still going; times that pass meanwhile are skipped. Different expressions run independently.
//
// Deviation: Cloudflare does not document what happens when a cron run outlasts the interval
// (its invocations are independent events, so overlap may be possible there). edge never
// overlaps runs of one expression and skips the times that pass during a run.
//
// Imports: only the standard library. Any package may import it. Schedule is immutable and safe
// for concurrent use; a Scheduler's Run is called once.
package cron
