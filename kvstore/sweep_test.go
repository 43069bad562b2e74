package kvstore_test

import (
	"context"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
)

func TestExpiry(t *testing.T) {
	clk := newClock(t0)
	s := openStore(t, kvstore.Options{Now: clk.Now})
	ctx := context.Background()
	mustPut(t, s, "ns", "a", "keep", kvstore.PutOptions{})
	mustPut(t, s, "ns", "b", "ttl", kvstore.PutOptions{ExpirationTTL: f64(60)})
	mustPut(t, s, "ns", "c", "abs", kvstore.PutOptions{Expiration: f64(t0 + 120)})

	visible := func() []string {
		var got []string
		for _, k := range []string{"a", "b", "c"} {
			if _, found := mustGet(t, s, "ns", k); found {
				got = append(got, k)
			}
		}
		listed := strings.Join(names(mustList(t, s, "ns", kvstore.ListOptions{}).Keys), ",")
		if strings.Join(got, ",") != listed {
			t.Fatalf("get sees %v but list sees %v", got, listed)
		}
		return got
	}
	steps := []struct {
		at   int64
		want string
	}{
		{t0, "a,b,c"},
		{t0 + 59, "a,b,c"},
		{t0 + 60, "a,c"}, // expiration <= now is expired, for get and list alike
		{t0 + 119, "a,c"},
		{t0 + 120, "a"},
	}
	for _, st := range steps {
		clk.Set(st.at)
		if got := strings.Join(visible(), ","); got != st.want {
			t.Fatalf("at now+%d: visible %q, want %q", st.at-t0, got, st.want)
		}
	}
	res := mustList(t, s, "ns", kvstore.ListOptions{})
	clk.Set(t0)
	if e, _ := mustGet(t, s, "ns", "b"); e.Expiration != t0+60 {
		t.Fatalf("b expiration %d", e.Expiration)
	}
	if len(res.Keys) != 1 || res.Keys[0].Expiration != 0 {
		t.Fatalf("list keys %+v", res.Keys)
	}

	// Sweeping deletes them for real: moving the clock back does not
	// resurrect them.
	clk.Set(t0 + 120)
	n, err := s.Sweep(ctx)
	if err != nil || n != 2 {
		t.Fatalf("Sweep = %d, %v; want 2", n, err)
	}
	if n, _ := s.Sweep(ctx); n != 0 {
		t.Fatalf("second Sweep deleted %d", n)
	}
	clk.Set(t0)
	if got := strings.Join(visible(), ","); got != "a" {
		t.Fatalf("after sweep, with the clock back: visible %q", got)
	}
}

func TestSweepRespectsOverwrites(t *testing.T) {
	clk := newClock(t0)
	s := openStore(t, kvstore.Options{Now: clk.Now})
	ctx := context.Background()
	mustPut(t, s, "ns", "forever", "v1", kvstore.PutOptions{ExpirationTTL: f64(60)})
	mustPut(t, s, "ns", "forever", "v2", kvstore.PutOptions{})
	mustPut(t, s, "ns", "later", "v1", kvstore.PutOptions{ExpirationTTL: f64(60)})
	mustPut(t, s, "ns", "later", "v2", kvstore.PutOptions{ExpirationTTL: f64(600)})
	mustPut(t, s, "ns", "gone", "v1", kvstore.PutOptions{ExpirationTTL: f64(600)})
	if err := s.Delete(ctx, "ns", "gone"); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour - time.Second)
	if n, err := s.Sweep(ctx); err != nil || n != 1 {
		t.Fatalf("Sweep = %d, %v; want 1 (only later)", n, err)
	}
	clk.Set(t0)
	for k, want := range map[string]bool{"forever": true, "later": false, "gone": false} {
		if _, found := mustGet(t, s, "ns", k); found != want {
			t.Errorf("%s: found=%v, want %v", k, found, want)
		}
	}
}

func TestSweepManyAcrossNamespaces(t *testing.T) {
	clk := newClock(t0)
	s := openStore(t, kvstore.Options{Now: clk.Now})
	const n = 2500 // more than one sweep chunk
	putMany(t, s, n, func(i int) (string, string, kvstore.PutOptions) {
		ns := []string{"x", "y"}[i%2]
		key := string(rune('a'+i%26)) + strings.Repeat("k", i%7) + strconv.Itoa(i)
		return ns, key, kvstore.PutOptions{ExpirationTTL: f64(float64(60 + i%5))}
	})
	mustPut(t, s, "x", "stay", "v", kvstore.PutOptions{})
	clk.Advance(time.Hour)
	if got, err := s.Sweep(context.Background()); err != nil || got != n {
		t.Fatalf("Sweep = %d, %v; want %d", got, err, n)
	}
	if keys := listAll(t, s, "x", ""); len(keys) != 1 || keys[0] != "stay" {
		t.Fatalf("left: %q", keys)
	}
}

func TestBackgroundSweeper(t *testing.T) {
	clk := newClock(t0)
	s := openStore(t, kvstore.Options{Now: clk.Now, SweepInterval: 5 * time.Millisecond})
	mustPut(t, s, "ns", "k", "v", kvstore.PutOptions{ExpirationTTL: f64(60)})
	clk.Advance(time.Minute)
	deadline := time.Now().Add(10 * time.Second)
	for {
		// Checking with the clock moved back tells "swept" from "expired".
		clk.Set(t0)
		_, found := mustGet(t, s, "ns", "k")
		clk.Set(t0 + 60)
		if !found {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("background sweeper did not delete the expired key")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestCloseStopsSweeper is a goroutine-leak check: Open starts exactly one
// goroutine and Close ends it.
func TestCloseStopsSweeper(t *testing.T) {
	// Counted by creator, so a goroutine that has not started running yet
	// counts too. A goroutine that has just signalled Close may take a moment
	// to vanish, hence the polling.
	started := func() int {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		return strings.Count(string(buf), "created by github.com/edgeruntime/edge/kvstore.Open")
	}
	expect := func(want int, when string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for started() != want {
			if time.Now().After(deadline) {
				t.Fatalf("%s: %d kvstore goroutines, want %d", when, started(), want)
			}
			time.Sleep(time.Millisecond)
		}
	}
	expect(0, "before Open")
	s, err := kvstore.Open(filepath.Join(t.TempDir(), "kv.db"), kvstore.Options{NoSync: true, SweepInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	expect(1, "after Open")
	time.Sleep(5 * time.Millisecond) // let it tick
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	expect(0, "after Close")

	s, err = kvstore.Open(filepath.Join(t.TempDir(), "kv.db"), kvstore.Options{NoSync: true, SweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := started(); got != 0 {
		t.Fatalf("SweepInterval < 0 started %d goroutines", got)
	}
}
