package cron

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Clock is the time source of a Scheduler: the system clock in production, a fake in tests.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives the time once d has elapsed (at once when d <= 0).
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the real Clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// After returns time.After(d).
func (SystemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Scheduler fires cron expressions on a Clock. Create it with NewScheduler and call Run once.
type Scheduler struct {
	entries []entry
	clock   Clock
	fire    func(ctx context.Context, cron string, at time.Time)
}

type entry struct {
	cron  string
	sched *Schedule
}

// NewScheduler returns a scheduler that calls fire(ctx, cron, scheduledTime) for each
// expression at each of its times, until Run's context ends. cron is the expression exactly as
// given (it becomes controller.cron); scheduledTime is the time it was due, in UTC.
//
// Every expression is parsed, and all problems are reported together. As the Cloudflare API
// does, an expression that is the same schedule as an earlier one (`0 0 * * MON` and
// `0 0 * * 2`) is an error. A nil clock means SystemClock.
func NewScheduler(exprs []string, clock Clock, fire func(ctx context.Context, cron string, at time.Time)) (*Scheduler, error) {
	if clock == nil {
		clock = SystemClock{}
	}
	if fire == nil {
		return nil, errors.New("cron: NewScheduler: fire is nil")
	}
	s := &Scheduler{clock: clock, fire: fire}
	var errs []error
	seen := map[spec]string{}
	for _, expr := range exprs {
		sched, err := Parse(expr)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := seen[sched.spec]; dup {
			errs = append(errs, fmt.Errorf("cron %q is the same schedule as %q", expr, prev))
			continue
		}
		seen[sched.spec] = expr
		s.entries = append(s.entries, entry{cron: expr, sched: sched})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

// Run fires the expressions until ctx ends, then waits for the fire calls in progress (their
// ctx is ctx, so they see it end) and returns. With no expressions it just waits for ctx.
//
// Each expression has its own goroutine, which calls fire and waits for it to return before it
// looks at the clock again. So a run is never started while the previous run of the same
// expression is still going; the times that pass meanwhile are skipped, and the next run is at
// the first time after the previous run ended. Different expressions fire independently and
// may run at the same time.
//
// Runs are never made up: after the machine sleeps, or when fire takes long, the next run is
// the next time after now. If the wall clock steps back, no time is fired twice.
func (s *Scheduler) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, e := range s.entries {
		wg.Go(func() { s.loop(ctx, e) })
	}
	<-ctx.Done()
	wg.Wait()
}

func (s *Scheduler) loop(ctx context.Context, e entry) {
	from := s.clock.Now()
	for {
		next := e.sched.Next(from)
		if next.IsZero() { // the expression never fires
			<-ctx.Done()
			return
		}
		// Wait until the clock reaches next. Checking the clock again after each wait keeps a
		// wall clock that was stepped back from firing early.
		for now := s.clock.Now(); now.Before(next); now = s.clock.Now() {
			select {
			case <-ctx.Done():
				return
			case <-s.clock.After(next.Sub(now)):
			}
		}
		if ctx.Err() != nil {
			return
		}
		s.fire(ctx, e.cron, next)
		from = s.clock.Now()
		if from.Before(next) {
			from = next
		}
	}
}
