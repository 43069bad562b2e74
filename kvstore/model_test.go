package kvstore_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
)

var modelSeed = flag.Uint64("kvstore.seed", 0, "seed for TestModel (0 = random)")

// modelEntry is the in-memory model of one key.
type modelEntry struct {
	value      string
	expiration int64
	metadata   string // "" = none
}

// model is Workers KV semantics in a map: the store must agree with it.
type model map[string]map[string]modelEntry // namespace → key → entry

func (m model) live(ns string, now int64) []string {
	var out []string
	for k, e := range m[ns] {
		if e.expiration == 0 || e.expiration > now {
			out = append(out, k)
		}
	}
	slices.Sort(out) // Go compares strings bytewise: UTF-8 byte order
	return out
}

// TestModel applies random operations to the store and to the model and
// compares every answer. Rerun a failure with -kvstore.seed=N.
func TestModel(t *testing.T) {
	seed := *modelSeed
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("seed %d (rerun: go test -run TestModel -kvstore.seed=%d ./kvstore/)", seed, seed)
	r := rand.New(rand.NewPCG(seed, seed>>1|1))

	clk := newClock(t0)
	path := filepath.Join(t.TempDir(), "kv.db")
	s := openAt(t, path, kvstore.Options{Now: clk.Now})
	ctx := t.Context()
	m := model{}
	now := func() int64 { return clk.Now().Unix() }

	// A small alphabet with one-, two-, three- and four-byte runes makes
	// prefixes collide and exercises byte order.
	alphabet := []string{"a", "b", "B", "/", "é", "ÿ", "\u0800", "😀"}
	randString := func(maxLen int) string {
		var b strings.Builder
		for range 1 + r.IntN(maxLen) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	namespaces := []string{"one", "two"}

	const steps = 3000
	for step := range steps {
		ns := namespaces[r.IntN(len(namespaces))]
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("seed %d step %d (ns %s, now %d): %s", seed, step, ns, now(), fmt.Sprintf(format, args...))
		}
		switch op := r.IntN(100); {
		case op < 35: // put
			key := randString(3)
			value := randString(8)
			var opts kvstore.PutOptions
			e := modelEntry{value: value}
			switch r.IntN(4) {
			case 0:
				ttl := 60 + r.Float64()*240
				opts.ExpirationTTL = &ttl
				e.expiration = now() + int64(math.Floor(ttl))
			case 1:
				exp := float64(now()+60) + r.Float64()*240
				opts.Expiration = &exp
				e.expiration = int64(math.Floor(exp))
			case 2: // a rejected put changes nothing
				opts.ExpirationTTL = f64(float64(r.IntN(60)))
			}
			if r.IntN(2) == 0 {
				e.metadata = fmt.Sprintf(`{"m":%q}`, randString(4))
				opts.Metadata = json.RawMessage(e.metadata)
			}
			err := s.Put(ctx, ns, key, []byte(value), opts)
			if rejected := opts.ExpirationTTL != nil && *opts.ExpirationTTL < 60; rejected {
				if err == nil {
					fail("put with ttl %v succeeded", *opts.ExpirationTTL)
				}
				continue
			}
			if err != nil {
				fail("put: %v", err)
			}
			if m[ns] == nil {
				m[ns] = map[string]modelEntry{}
			}
			m[ns][key] = e
		case op < 60: // get
			key := randString(3)
			got, found, err := s.Get(ctx, ns, key)
			if err != nil {
				fail("get: %v", err)
			}
			want, ok := m[ns][key]
			ok = ok && (want.expiration == 0 || want.expiration > now())
			if found != ok {
				fail("get %q: found=%v, model says %v", key, found, ok)
			}
			if found && (string(got.Value) != want.value || got.Expiration != want.expiration || string(got.Metadata) != want.metadata) {
				fail("get %q: %q@%d %s, model %+v", key, got.Value, got.Expiration, got.Metadata, want)
			}
		case op < 72: // delete
			key := randString(3)
			if err := s.Delete(ctx, ns, key); err != nil {
				fail("delete: %v", err)
			}
			delete(m[ns], key)
		case op < 85: // list, one page at a random place
			prefix := ""
			if r.IntN(2) == 0 {
				prefix = randString(1)
			}
			limit := []int{0, 1, 2, 3, 5, 1000}[r.IntN(6)]
			var live []string
			for _, k := range m.live(ns, now()) {
				if strings.HasPrefix(k, prefix) {
					live = append(live, k)
				}
			}
			cursor, after := "", ""
			if r.IntN(2) == 0 && len(live) > 0 {
				after = live[r.IntN(len(live))]
				cursor = kvstore.EncodeCursor(after)
			}
			var want []string
			for _, k := range live {
				if k > after {
					want = append(want, k)
				}
			}
			effective := limit
			if effective == 0 {
				effective = kvstore.MaxListLimit
			}
			complete := len(want) <= effective
			want = want[:min(len(want), effective)]
			res, err := s.List(ctx, ns, kvstore.ListOptions{Prefix: prefix, Limit: limit, Cursor: cursor})
			if err != nil {
				fail("list: %v", err)
			}
			if got := names(res.Keys); !slices.Equal(got, want) || res.ListComplete != complete {
				fail("list prefix %q limit %d after %q: %q complete=%v, model %q complete=%v",
					prefix, limit, after, got, res.ListComplete, want, complete)
			}
			for _, k := range res.Keys {
				e := m[ns][k.Name]
				if k.Expiration != e.expiration || string(k.Metadata) != e.metadata {
					fail("list entry %+v, model %+v", k, e)
				}
			}
		case op < 93: // time passes
			clk.Advance(time.Duration(r.IntN(120)) * time.Second)
		case op < 97: // sweep
			n, err := s.Sweep(ctx)
			if err != nil {
				fail("sweep: %v", err)
			}
			swept := 0
			for _, keys := range m {
				for k, e := range keys {
					if e.expiration != 0 && e.expiration <= now() {
						delete(keys, k)
						swept++
					}
				}
			}
			if n != swept {
				fail("sweep deleted %d, model %d", n, swept)
			}
		case op < 99: // every page of a full listing
			limit := 1 + r.IntN(4)
			if got, want := listAll(t, s, ns, "", limit), m.live(ns, now()); !slices.Equal(got, want) {
				fail("full listing by %d: %q, model %q", limit, got, want)
			}
		default: // reopen
			if err := s.Check(ctx); err != nil {
				fail("check: %v", err)
			}
			if err := s.Close(); err != nil {
				fail("close: %v", err)
			}
			s = openAt(t, path, kvstore.Options{Now: clk.Now})
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
