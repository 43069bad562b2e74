package replication

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/edgeruntime/edge/kvstore"
)

const (
	// maxBatch bounds the changes applied in one bbolt transaction.
	maxBatch = 512
	// A watch that has delivered nothing for stallAfter while its bucket
	// holds revisions beyond the applied one is restarted. nats.go resets
	// an ordered consumer itself only after missed heartbeats (about 5 s and
	// more after its server died).
	stallCheck = time.Second
	stallAfter = 2 * time.Second
	maxBackoff = 2 * time.Second
)

var (
	errKicked  = errors.New("restart requested (reconnected)")
	errStalled = errors.New("watch stalled")
	errClosed  = errors.New("watch closed")
)

// feed applies one bucket's change stream to the Store's replica of its
// namespace.
type feed struct {
	n        *Node
	ns       string
	kv       jetstream.KeyValue
	kicks    chan struct{}
	caughtUp atomic.Bool
	// stalled is the (applied revision, bucket's last revision) of the last restart for a
	// stall: when a restart did not help (the revisions in between are gone, e.g. expired keys
	// whose markers expired too while this node was away), the same state is not a stall.
	stalled [2]uint64
}

func newFeed(n *Node, ns string, kv jetstream.KeyValue) *feed {
	return &feed{n: n, ns: ns, kv: kv, kicks: make(chan struct{}, 1)}
}

// kick makes the feed restart its watch.
func (f *feed) kick() {
	select {
	case f.kicks <- struct{}{}:
	default:
	}
}

// run watches until ctx ends, restarting the watch after every failure
// from the revision after the one applied last.
func (f *feed) run(ctx context.Context) {
	defer f.n.wg.Done()
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		progressed, err := f.watch(ctx)
		if ctx.Err() != nil {
			return
		}
		f.n.log.Info("KV replica feed restarting", "namespace", f.ns, "reason", err.Error())
		if progressed {
			backoff = 100 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// watch runs one watch; progressed reports whether it applied anything.
func (f *feed) watch(ctx context.Context) (progressed bool, err error) {
	store := f.n.store
	applied, err := store.AppliedRevision(f.ns)
	if err != nil {
		return false, err
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := f.kv.WatchAll(wctx, jetstream.ResumeFromRevision(applied+1))
	if err != nil {
		return false, err
	}
	defer func() { _ = w.Stop() }()
	f.n.log.Info("KV replica feed watching", "namespace", f.ns, "from_revision", applied+1)

	tick := time.NewTicker(stallCheck)
	defer tick.Stop()
	last := time.Now()
	batch := make([]kvstore.Change, 0, maxBatch)
	for {
		select {
		case <-ctx.Done():
			return progressed, nil
		case <-f.kicks:
			return progressed, errKicked
		case <-tick.C:
			if time.Since(last) > stallAfter {
				if f.behind(ctx) {
					return progressed, errStalled
				}
				last = time.Now()
			}
		case e, ok := <-w.Updates():
			if !ok {
				return progressed, errClosed
			}
			batch = batch[:0]
			done := e == nil
			if e != nil {
				batch = append(batch, change(e))
			}
		drain:
			for len(batch) < maxBatch && !done {
				select {
				case e, ok := <-w.Updates():
					if !ok {
						break drain
					}
					if e == nil {
						done = true
					} else {
						batch = append(batch, change(e))
					}
				default:
					break drain
				}
			}
			if len(batch) > 0 {
				invalid, err := store.ApplyLog(ctx, f.ns, batch)
				if err != nil {
					return progressed, err
				}
				if invalid > 0 {
					f.n.log.Warn("KV replica feed skipped changes it cannot apply (not written by edge?)", "namespace", f.ns, "count", invalid)
				}
				progressed = true
			}
			if done && !f.caughtUp.Swap(true) {
				rev, _ := store.AppliedRevision(f.ns)
				f.n.log.Info("KV replica caught up", "namespace", f.ns, "revision", rev)
			}
			last = time.Now()
		}
	}
}

// behind reports whether the bucket holds revisions beyond the applied one
// that a restart has not already failed to deliver. When the bucket cannot
// be asked (no leader, partition) it reports false: a restart could not do
// better.
func (f *feed) behind(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	st, err := f.kv.Status(ctx)
	if err != nil {
		return false
	}
	bs, ok := st.(*jetstream.KeyValueBucketStatus)
	if !ok {
		return false
	}
	applied, err := f.n.store.AppliedRevision(f.ns)
	state := [2]uint64{applied, bs.StreamInfo().State.LastSeq}
	if err != nil || state[1] <= applied || state == f.stalled {
		return false
	}
	f.stalled = state
	return true
}

// change converts a watch entry. A key that is not base64url becomes the
// empty key, which ApplyLog skips as invalid.
func change(e jetstream.KeyValueEntry) kvstore.Change {
	key, err := DecodeKey(e.Key())
	if err != nil {
		key = ""
	}
	c := kvstore.Change{Key: key, Rev: e.Revision()}
	if e.Operation() == jetstream.KeyValuePut {
		c.Record = e.Value()
		if c.Record == nil {
			c.Record = []byte{}
		}
	}
	return c
}
