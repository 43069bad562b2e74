package cron_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/cron"
)

// fakeClock is a Clock that moves only when the test says so. Tests synchronise with the
// scheduler through it: waitWaiters blocks until the scheduler's goroutines are all parked in
// After, so nothing is left in flight when the test advances time. No test sleeps.
type fakeClock struct {
	t       testing.TB
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
	changed chan struct{} // closed and replaced whenever waiters is appended to
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(t testing.TB, now time.Time) *fakeClock {
	return &fakeClock{t: t, now: now, changed: make(chan struct{})}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, waiter{c.now.Add(d), ch})
	close(c.changed)
	c.changed = make(chan struct{})
	return ch
}

// set moves the clock to t (forwards or backwards) and wakes the waiters that are due.
func (c *fakeClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(t) {
			kept = append(kept, w)
		} else {
			w.ch <- t
		}
	}
	c.waiters = kept
}

// waitWaiters blocks until exactly n goroutines wait in After (a broken scheduler fails the
// test after 10 s instead of hanging).
func (c *fakeClock) waitWaiters(n int) {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		got, changed := len(c.waiters), c.changed
		c.mu.Unlock()
		if got == n {
			return
		}
		if got > n {
			c.t.Fatalf("%d goroutines wait on the clock, want %d", got, n)
		}
		select {
		case <-changed:
		case <-timeout:
			c.t.Fatalf("timed out waiting for %d clock waiters (have %d)", n, got)
		}
	}
}

// advance waits for n waiters, then moves the clock to the earliest deadline among them and
// returns it.
func (c *fakeClock) advance(n int) time.Time {
	c.t.Helper()
	c.waitWaiters(n)
	c.mu.Lock()
	next := c.waiters[0].at
	for _, w := range c.waiters[1:] {
		if w.at.Before(next) {
			next = w.at
		}
	}
	c.mu.Unlock()
	c.set(next)
	return next
}

type firing struct {
	cron    string
	at, now time.Time // the scheduled time and the clock when fire was called
}

// recorder collects firings; it is safe for concurrent use.
type recorder struct {
	clock *fakeClock
	mu    sync.Mutex
	got   []firing
}

func (r *recorder) fire(_ context.Context, cron string, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, firing{cron, at, r.clock.Now()})
}

func (r *recorder) take() []firing {
	r.mu.Lock()
	defer r.mu.Unlock()
	got := r.got
	r.got = nil
	slices.SortFunc(got, func(a, b firing) int { return strings.Compare(a.cron, b.cron) })
	return got
}

// run starts s.Run and returns a stop function that cancels it and waits for it to return.
func run(t *testing.T, s *cron.Scheduler) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.Run(ctx)
		close(done)
	}()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not return after its context ended")
		}
	}
	t.Cleanup(stop)
	return stop
}

func TestSchedulerFiresAtScheduledTimes(t *testing.T) {
	clock := newFakeClock(t, utc(t, "2024-02-28T23:50:30"))
	rec := &recorder{clock: clock}
	s, err := cron.NewScheduler([]string{"*/15 * * * *", "0 0 * * *", "59 23 L * *"}, clock, rec.fire)
	if err != nil {
		t.Fatal(err)
	}
	run(t, s)

	// Each step: wait until all three goroutines are parked, jump to the earliest deadline,
	// and check who fired. 2024 is a leap year, so L in February is the 29th.
	type want struct {
		at    string
		crons []string // sorted
	}
	steps := []want{
		{"2024-02-29T00:00", []string{"*/15 * * * *", "0 0 * * *"}},
		{"2024-02-29T00:15", []string{"*/15 * * * *"}},
		{"2024-02-29T00:30", []string{"*/15 * * * *"}},
	}
	for _, st := range steps {
		got := clock.advance(3)
		if want := utc(t, st.at); !got.Equal(want) {
			t.Fatalf("next deadline %v, want %v", got, want)
		}
		clock.waitWaiters(3) // every fire for this instant has returned
		var crons []string
		for _, f := range rec.take() {
			crons = append(crons, f.cron)
			if !f.at.Equal(got) || !f.now.Equal(got) || f.at.Location() != time.UTC {
				t.Errorf("%s fired with at=%v at clock %v, want %v", f.cron, f.at, f.now, got)
			}
		}
		if !slices.Equal(crons, st.crons) {
			t.Errorf("at %s fired %q, want %q", st.at, crons, st.crons)
		}
	}

	// Jump close to the end of the day: the every-15-minutes run and the last-day run.
	clock.waitWaiters(3)
	clock.set(utc(t, "2024-02-29T23:44:10"))
	clock.waitWaiters(3)
	if got := rec.take(); len(got) != 1 || !got[0].at.Equal(utc(t, "2024-02-29T00:45")) {
		// The */15 goroutine was waiting for 00:45, which is long past: it fires once for
		// 00:45 (late), and then continues after now, with no burst of make-up runs.
		t.Fatalf("after the jump fired %+v, want one */15 run for 00:45", got)
	}
	for _, st := range []want{
		{"2024-02-29T23:45", []string{"*/15 * * * *"}},
		{"2024-02-29T23:59", []string{"59 23 L * *"}},
		{"2024-03-01T00:00", []string{"*/15 * * * *", "0 0 * * *"}},
	} {
		got := clock.advance(3)
		if want := utc(t, st.at); !got.Equal(want) {
			t.Fatalf("next deadline %v, want %v", got, want)
		}
		clock.waitWaiters(3)
		var crons []string
		for _, f := range rec.take() {
			crons = append(crons, f.cron)
		}
		if !slices.Equal(crons, st.crons) {
			t.Errorf("at %s fired %q, want %q", st.at, crons, st.crons)
		}
	}
}

// A run that is still going when its next time comes is not started again: that time is
// skipped, and the expression fires next at its first time after the run ended. Another
// expression keeps firing meanwhile.
func TestSchedulerNeverOverlapsOneExpression(t *testing.T) {
	clock := newFakeClock(t, utc(t, "2024-05-05T12:00:30"))
	const slow, other = "* * * * *", "*/2 * * * *"
	var (
		inFlight, maxInFlight atomic.Int32
		slowCalls             atomic.Int32
		started               = make(chan time.Time, 10)
		release               = make(chan struct{})
		mu                    sync.Mutex
		otherAt               []time.Time
	)
	fire := func(ctx context.Context, cron string, at time.Time) {
		if cron == other {
			mu.Lock()
			otherAt = append(otherAt, at)
			mu.Unlock()
			return
		}
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		started <- at
		if slowCalls.Add(1) == 1 { // the first run is slow: it waits for the test
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
	}
	s, err := cron.NewScheduler([]string{slow, other}, clock, fire)
	if err != nil {
		t.Fatal(err)
	}
	run(t, s)

	// 12:01: the slow run starts and blocks.
	if got := clock.advance(2); !got.Equal(utc(t, "2024-05-05T12:01")) {
		t.Fatalf("first deadline %v", got)
	}
	if at := <-started; !at.Equal(utc(t, "2024-05-05T12:01")) {
		t.Fatalf("slow run started for %v", at)
	}
	// While it runs, only the other expression waits on the clock; take it through 12:02,
	// 12:04 and 12:06. Its goroutine parking again means it has handled each of those.
	for _, want := range []string{"2024-05-05T12:02", "2024-05-05T12:04", "2024-05-05T12:06"} {
		if got := clock.advance(1); !got.Equal(utc(t, want)) {
			t.Fatalf("deadline %v, want %s", got, want)
		}
	}
	clock.waitWaiters(1)
	select {
	case at := <-started:
		t.Fatalf("a second run of %q started (for %v) while the first was going", slow, at)
	default:
	}

	// The slow run ends at 12:06:20; 12:02 … 12:06 were skipped, the next run is 12:07.
	clock.set(utc(t, "2024-05-05T12:06:20"))
	close(release)
	if got := clock.advance(2); !got.Equal(utc(t, "2024-05-05T12:07")) {
		t.Fatalf("after the slow run, next deadline %v, want 12:07", got)
	}
	if at := <-started; !at.Equal(utc(t, "2024-05-05T12:07")) {
		t.Fatalf("second run for %v, want 12:07", at)
	}
	if got := clock.advance(2); !got.Equal(utc(t, "2024-05-05T12:08")) {
		t.Fatalf("next deadline %v, want 12:08", got)
	}
	if at := <-started; !at.Equal(utc(t, "2024-05-05T12:08")) {
		t.Fatalf("third run for %v, want 12:08", at)
	}
	clock.waitWaiters(2)

	if n := slowCalls.Load(); n != 3 {
		t.Errorf("%q ran %d times, want 3 (12:01, 12:07, 12:08)", slow, n)
	}
	if m := maxInFlight.Load(); m != 1 {
		t.Errorf("at most %d runs of %q in flight, want 1", m, slow)
	}
	mu.Lock()
	defer mu.Unlock()
	var want []time.Time
	for _, s := range []string{"12:02", "12:04", "12:06", "12:08"} {
		want = append(want, utc(t, "2024-05-05T"+s))
	}
	if !slices.EqualFunc(otherAt, want, time.Time.Equal) {
		t.Errorf("%q fired at %v, want %v", other, otherAt, want)
	}
}

// A wall clock stepped back after a run does not fire the same time twice.
func TestSchedulerClockStepsBack(t *testing.T) {
	clock := newFakeClock(t, utc(t, "2024-05-05T12:00:30"))
	rec := &recorder{clock: clock}
	s, err := cron.NewScheduler([]string{"* * * * *"}, clock, rec.fire)
	if err != nil {
		t.Fatal(err)
	}
	run(t, s)
	clock.advance(1) // 12:01 fires
	clock.waitWaiters(1)
	clock.set(utc(t, "2024-05-05T12:00:40")) // NTP steps the clock back
	clock.advance(1)                         // the waiter is due at 12:02, not 12:01
	clock.waitWaiters(1)
	var ats []string
	for _, f := range rec.take() {
		ats = append(ats, f.at.Format("15:04"))
	}
	if !slices.Equal(ats, []string{"12:01", "12:02"}) {
		t.Errorf("fired at %q, want [12:01 12:02]", ats)
	}
}

// Run returns when its context ends, also while a run is in progress (the run sees ctx end),
// and an expression that never fires just waits.
func TestSchedulerStops(t *testing.T) {
	clock := newFakeClock(t, utc(t, "2024-05-05T12:00:30"))
	started := make(chan struct{})
	var sawCancel atomic.Bool
	s, err := cron.NewScheduler([]string{"* * * * *", "0 0 30 2 *"}, clock, func(ctx context.Context, cron string, at time.Time) {
		close(started)
		<-ctx.Done()
		sawCancel.Store(true)
	})
	if err != nil {
		t.Fatal(err)
	}
	stop := run(t, s)
	clock.advance(1) // only "* * * * *" waits on the clock
	<-started
	stop()
	if !sawCancel.Load() {
		t.Error("Run returned before the run in progress saw its context end")
	}
}

func TestNewSchedulerErrors(t *testing.T) {
	fire := func(context.Context, string, time.Time) {}
	tests := []struct {
		exprs []string
		want  string
	}{
		{[]string{"* * * * *", "0 0 * * 0", "61 * * * *"}, `invalid cron "0 0 * * 0": field 5 (day-of-week): 0 out of range 1-7: Cloudflare numbers days of the week 1 (SUN) to 7 (SAT)` + "\n" +
			`invalid cron "61 * * * *": field 1 (minute): 61 out of range 0-59`},
		{[]string{"0 0 * * MON", "0 0 * * 2"}, `cron "0 0 * * 2" is the same schedule as "0 0 * * MON"`},
		{[]string{"*/30 * * * *", "0,30 * * * *"}, `cron "0,30 * * * *" is the same schedule as "*/30 * * * *"`},
	}
	for _, tc := range tests {
		_, err := cron.NewScheduler(tc.exprs, nil, fire)
		if err == nil || err.Error() != tc.want {
			t.Errorf("NewScheduler(%q):\n got %v\nwant %s", tc.exprs, err, tc.want)
		}
	}
	if _, err := cron.NewScheduler([]string{"* * * * *"}, nil, nil); err == nil {
		t.Error("NewScheduler with a nil fire: no error")
	}
	if _, err := cron.NewScheduler(nil, nil, fire); err != nil {
		t.Errorf("NewScheduler with no crons: %v", err)
	}
}

// With no crons (a worker without [triggers]), Run just waits for its context.
func TestSchedulerNoCrons(t *testing.T) {
	s, err := cron.NewScheduler(nil, nil, func(context.Context, string, time.Time) { t.Error("fired") })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.Run(ctx)
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("Run returned before its context ended")
	default:
	}
	cancel()
	<-done
}
