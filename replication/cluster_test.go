package replication_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

// The failure tests run three real `edge serve --cluster` processes on 127.0.0.1. Every route
// link i→j goes through a faultProxy, so a test can partition a node. Each node advertises a
// closed port, so route gossip cannot connect nodes directly around the proxies. The worker
// (testdata/worker) exposes its KV binding over HTTP.

// cluster is a running three-node test cluster.
type cluster struct {
	t       testing.TB
	dirs    []string
	args    [][]string
	nodes   []*e2e.Node
	proxies []*faultProxy
	client  *http.Client
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func startCluster(t testing.TB, n int) *cluster {
	t.Helper()
	c := &cluster{t: t, client: &http.Client{Timeout: 30 * time.Second}}
	closedPort := freePort(t)
	ports := make([]int, n)
	for i := range ports {
		ports[i] = freePort(t)
	}
	for i := range n {
		var peers []string
		for j := range n {
			if j != i {
				p := newFaultProxy(t, i, j, "127.0.0.1:"+strconv.Itoa(ports[j]))
				c.proxies = append(c.proxies, p)
				peers = append(peers, p.addr())
			}
		}
		c.dirs = append(c.dirs, e2e.CopyDir(t, "testdata/worker"))
		c.args = append(c.args, []string{
			"--node", fmt.Sprintf("n%d", i+1),
			"--cluster", "127.0.0.1:" + strconv.Itoa(ports[i]),
			"--peers", strings.Join(peers, ","),
			"--cluster-advertise", "127.0.0.1:" + strconv.Itoa(closedPort),
		})
	}
	for i := range n {
		c.nodes = append(c.nodes, e2e.Serve(t, c.dirs[i], c.args[i]...))
	}
	// The cluster is ready when every node has written once (meta leader elected, bucket
	// created, stream leader elected).
	for i, node := range c.nodes {
		c.eventually(60*time.Second, fmt.Sprintf("node %d accepts writes", i+1), func() bool {
			status, _ := c.put(node, fmt.Sprintf("ready-%d", i), "1", "")
			return status == http.StatusOK
		})
	}
	return c
}

// restart starts node i again on its directory (after Kill).
func (c *cluster) restart(i int) {
	c.nodes[i] = e2e.Serve(c.t, c.dirs[i], c.args[i]...)
}

// partition cuts (or heals) every route link of node i.
func (c *cluster) partition(i int, cut bool) {
	for _, p := range c.proxies {
		if p.from == i || p.to == i {
			p.setCut(cut)
		}
	}
}

func (c *cluster) do(method, u, body string) (int, string) {
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func keyURL(n *e2e.Node, key, query string) string {
	u := n.URL + "/kv/" + url.PathEscape(key)
	if query != "" {
		u += "?" + query
	}
	return u
}

func (c *cluster) put(n *e2e.Node, key, value, query string) (int, string) {
	return c.do(http.MethodPut, keyURL(n, key, query), value)
}

func (c *cluster) del(n *e2e.Node, key string) (int, string) {
	return c.do(http.MethodDelete, keyURL(n, key, ""), "")
}

func (c *cluster) get(n *e2e.Node, key string) (int, string) {
	return c.do(http.MethodGet, keyURL(n, key, ""), "")
}

func (c *cluster) dump(n *e2e.Node) (map[string]string, error) {
	status, body := c.do(http.MethodGet, n.URL+"/dump", "")
	if status != http.StatusOK {
		return nil, fmt.Errorf("dump: %d %s", status, body)
	}
	var m map[string]string
	return m, json.Unmarshal([]byte(body), &m)
}

func (c *cluster) eventually(timeout time.Duration, what string, ok func() bool) time.Duration {
	c.t.Helper()
	start := time.Now()
	for time.Since(start) < timeout {
		if ok() {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.t.Fatalf("not within %v: %s", timeout, what)
	return 0
}

// history is what the test knows of the cluster's state: the last acknowledged operation
// per key (nil = deleted) and writes whose outcome is unknown (they failed, perhaps after
// committing; each used a key written only once).
type history struct {
	acked   map[string]*string
	unknown map[string]string
}

func (h *history) put(k, v string) { h.acked[k] = &v }
func (h *history) del(k string)    { h.acked[k] = nil }

// check compares a node's state with the history: every acknowledged write is there (or its
// acknowledged delete is), and nothing else is, except writes of unknown outcome.
func (h *history) check(state map[string]string) error {
	for k, v := range h.acked {
		got, ok := state[k]
		switch {
		case v == nil && ok:
			return fmt.Errorf("key %q: deleted, but has %q", k, got)
		case v != nil && !ok:
			return fmt.Errorf("key %q: acknowledged %q is lost", k, *v)
		case v != nil && got != *v:
			return fmt.Errorf("key %q: has %q, acknowledged %q", k, got, *v)
		}
	}
	for k, got := range state {
		if _, ok := h.acked[k]; ok {
			continue
		}
		if v, ok := h.unknown[k]; !ok || v != got {
			return fmt.Errorf("key %q: has %q, never acknowledged", k, got)
		}
	}
	return nil
}

// writeUntilAcked writes fresh keys prefix-N on node until one is acknowledged (the cluster
// may be electing a leader); failed attempts are of unknown outcome.
func (c *cluster) writeUntilAcked(h *history, n *e2e.Node, prefix string) string {
	c.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		k, v := fmt.Sprintf("%s-%d", prefix, i), "v-"+prefix
		if status, _ := c.put(n, k, v, ""); status == http.StatusOK {
			h.put(k, v)
			return k
		}
		h.unknown[k] = v
		time.Sleep(100 * time.Millisecond)
	}
	c.t.Fatalf("no write on %s acknowledged within 60s", prefix)
	return ""
}

// putUntilAcked writes key=value on node until it is acknowledged. Every attempt writes the
// same value, so a failed attempt that committed anyway changes nothing.
func (c *cluster) putUntilAcked(h *history, n *e2e.Node, key, value string) {
	c.t.Helper()
	c.eventually(60*time.Second, "put "+key, func() bool {
		status, _ := c.put(n, key, value, "")
		return status == http.StatusOK
	})
	h.put(key, value)
}

// converge waits until every node's state matches the history and returns how long it took.
func (c *cluster) converge(h *history, what string) time.Duration {
	c.t.Helper()
	start := time.Now()
	var err error
	for time.Since(start) < 60*time.Second {
		if err = c.converged(h); err == nil {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.t.Fatalf("%s: not converged within 60s: %v", what, err)
	return 0
}

func (c *cluster) converged(h *history) error {
	var first map[string]string
	for i, n := range c.nodes {
		state, err := c.dump(n)
		if err == nil {
			err = h.check(state)
		}
		if err == nil && first != nil && !mapsEqual(first, state) {
			err = fmt.Errorf("differs from node 1")
		}
		if err != nil {
			return fmt.Errorf("node %d: %w", i+1, err)
		}
		first = state
	}
	return nil
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

var fromRevision = regexp.MustCompile(`KV replica feed watching.*from_revision=(\d+)`)

func TestClusterFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three edge processes (-short)")
	}
	c := startCluster(t, 3)
	h := &history{acked: map[string]*string{}, unknown: map[string]string{}}
	for i := range c.nodes {
		h.put(fmt.Sprintf("ready-%d", i), "1")
	}
	n1, n3 := c.nodes[0], c.nodes[2]

	// Any Workers KV key works; metadata and expiration travel with the value.
	odd := "a b.c*>/ü\x01 " + strings.Repeat("🙂", 120)
	if status, body := c.put(n1, odd, "odd", "ttl=3600&meta="+url.QueryEscape(`{"v":1}`)); status != http.StatusOK {
		t.Fatalf("put odd key: %d %s", status, body)
	}
	h.put(odd, "odd")
	c.eventually(10*time.Second, "odd key on node 3", func() bool {
		req, _ := http.NewRequest(http.MethodGet, keyURL(n3, odd, ""), nil)
		resp, err := c.client.Do(req)
		if err != nil {
			return false
		}
		resp.Body.Close()
		exp, _ := strconv.ParseInt(resp.Header.Get("X-Expiration"), 10, 64)
		return resp.StatusCode == http.StatusOK && resp.Header.Get("X-Metadata") == `{"v":1}` &&
			exp > time.Now().Unix()+3500
	})

	// The largest value Workers KV allows replicates (max_payload is raised for it).
	big := strings.Repeat("b", 25<<20)
	if status, body := c.put(n1, "big", big, ""); status != http.StatusOK {
		t.Fatalf("put 25 MiB: %d %s", status, body[:min(len(body), 200)])
	}
	c.eventually(20*time.Second, "25 MiB value on node 3", func() bool {
		status, got := c.get(n3, "big")
		return status == http.StatusOK && got == big
	})
	if status, body := c.del(n1, "big"); status != http.StatusOK {
		t.Fatalf("delete big: %d %s", status, body)
	}
	h.del("big")

	// Propagation: each write is readable on its own node at once, then on the others.
	var lags []time.Duration
	for i := range 60 {
		w := c.nodes[i%3]
		k, v := fmt.Sprintf("p-%d", i), fmt.Sprintf("v%d", i)
		if status, body := c.put(w, k, v, ""); status != http.StatusOK {
			t.Fatalf("put %s: %d %s", k, status, body)
		}
		if status, got := c.get(w, k); status != http.StatusOK || got != v {
			t.Fatalf("read-your-writes on node %d: %d %q", i%3+1, status, got)
		}
		h.put(k, v)
		for j, r := range c.nodes {
			if r == w {
				continue
			}
			lags = append(lags, c.eventually(10*time.Second, fmt.Sprintf("%s on node %d", k, j+1), func() bool {
				status, got := c.get(r, k)
				return status == http.StatusOK && got == v
			}))
		}
	}
	t.Logf("propagation of a write to another node: p50 %v, p99 %v (%d samples)", percentile(lags, 0.5), percentile(lags, 0.99), len(lags))

	// kill -9 node 3; writes and deletes go on; it restarts, resumes and converges.
	c.nodes[2].Kill()
	// The first writes may wait for a new stream leader.
	for i := range 10 {
		c.putUntilAcked(h, n1, fmt.Sprintf("k-%d", i), "while-down")
	}
	for i := range 10 {
		k := fmt.Sprintf("p-%d", i)
		c.eventually(60*time.Second, "delete "+k, func() bool {
			status, _ := c.del(c.nodes[1], k)
			return status == http.StatusOK
		})
		h.del(k)
	}
	c.restart(2)
	n3 = c.nodes[2]
	d := c.converge(h, "after kill -9 and restart of node 3")
	n3.WaitLog(t, "KV replica feed watching", 10*time.Second)
	m := fromRevision.FindAllStringSubmatch(n3.Stderr(), -1)
	if len(m) == 0 {
		t.Fatalf("restarted node 3 did not log its resume revision:\n%s", n3.Stderr())
	}
	if rev, _ := strconv.Atoi(m[0][1]); rev <= 1 {
		t.Fatalf("restarted node 3 resumed from revision %d, want its applied revision + 1", rev)
	}
	t.Logf("restarted node converged %v after it was ready (resumed from revision %s)", d, m[0][1])

	// SIGSTOP node 2 (a hung process): the majority keeps writing; it catches up on SIGCONT.
	if err := c.nodes[1].Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		c.writeUntilAcked(h, n1, fmt.Sprintf("s%d", i))
	}
	if err := c.nodes[1].Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	t.Logf("stopped node converged %v after SIGCONT", c.converge(h, "after SIGSTOP/SIGCONT of node 2"))

	// Partition node 3: the majority writes, node 3 serves stale reads and refuses writes.
	c.partition(2, true)
	c.writeUntilAcked(h, n1, "cut")
	c.putUntilAcked(h, n1, "k-0", "new")
	if status, got := c.get(n3, "k-0"); status != http.StatusOK || got != "while-down" {
		t.Fatalf("stale read on the minority: %d %q, want the old value", status, got)
	}
	status, body := c.put(n3, "minority", "x", "")
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "KV PUT failed: 503 Service Unavailable") {
		t.Fatalf("write on the minority: %d %q, want a 503 KV error", status, body)
	}
	h.del("minority") // refused: it must never appear
	heal := time.Now()
	c.partition(2, false)
	d = c.converge(h, "after the partition heals")
	t.Logf("partitioned node converged %v after heal (%v since heal)", d, time.Since(heal))

	// Quorum loss: with two nodes killed the survivor serves reads and refuses writes (a
	// refused write is of unknown outcome: Raft may still commit it once the others return);
	// when they are back, writes resume and every node converges.
	c.nodes[1].Kill()
	c.nodes[2].Kill()
	status, body = c.put(n1, "no-quorum", "x", "")
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "KV PUT failed: 503") {
		t.Fatalf("write without quorum: %d %q", status, body)
	}
	h.unknown["no-quorum"] = "x"
	if status, got := c.get(n1, "k-0"); status != http.StatusOK || got != "new" {
		t.Fatalf("read without quorum: %d %q", status, got)
	}
	c.restart(1)
	c.restart(2)
	c.writeUntilAcked(h, c.nodes[2], "quorum-back")
	t.Logf("nodes converged %v after quorum came back", c.converge(h, "after quorum loss"))
}

// BenchmarkWrites measures KV write throughput through the worker (HTTP PUT of 256 bytes, each
// awaited): one node without replication against node 1 of a three-node cluster, where each
// write waits for the quorum ack (fsync'd on two nodes) and the local apply.
func BenchmarkWrites(b *testing.B) {
	value := strings.Repeat("v", 256)
	for _, size := range []int{1, 3} {
		b.Run(fmt.Sprintf("nodes=%d", size), func(b *testing.B) {
			var c *cluster
			if size == 1 {
				c = &cluster{t: b, client: &http.Client{Timeout: 30 * time.Second}}
				c.nodes = []*e2e.Node{e2e.Serve(b, e2e.CopyDir(b, "testdata/worker"))}
			} else {
				c = startCluster(b, size)
			}
			c.client.Transport = &http.Transport{MaxIdleConnsPerHost: 64}
			n := c.nodes[0]
			b.Run("sequential", func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					if status, body := c.put(n, fmt.Sprintf("s-%d", i), value, ""); status != http.StatusOK {
						b.Fatalf("put: %d %s", status, body)
					}
				}
			})
			b.Run("parallel", func(b *testing.B) {
				var next atomic.Int64
				b.SetParallelism(8)
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if status, body := c.put(n, fmt.Sprintf("p-%d", next.Add(1)), value, ""); status != http.StatusOK {
							b.Errorf("put: %d %s", status, body)
							return
						}
					}
				})
			})
		})
	}
}
