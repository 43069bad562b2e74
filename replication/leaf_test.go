package replication_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"

	"github.com/edgeruntime/edge/internal/e2e"
	"github.com/edgeruntime/edge/server"
)

// TestLeafNodes runs a hub (one node holding the JetStream data, accepting leaf nodes) and two
// edge nodes joined as NATS leaf nodes: each edge keeps a full read replica and forwards writes
// to the hub. With the hub down, edges serve reads and refuse writes; when it is back, writes
// work again and every replica catches up.
func TestLeafNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three edge processes (-short)")
	}
	c := &cluster{t: t, client: &http.Client{Timeout: 30 * time.Second}}
	leafAddr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	c.args = [][]string{
		{"--node", "hub", "--leaf-listen", leafAddr, "--js-domain", "hub"},
		{"--node", "edge1", "--leaf", "nats-leaf://" + leafAddr, "--js-domain", "hub"},
		{"--node", "edge2", "--leaf", "nats-leaf://" + leafAddr, "--js-domain", "hub"},
	}
	for i := range c.args {
		c.dirs = append(c.dirs, e2e.CopyDir(t, "testdata/worker"))
		c.nodes = append(c.nodes, e2e.Serve(t, c.dirs[i], c.args[i]...))
	}
	h := &history{acked: map[string]*string{}, unknown: map[string]string{}}
	for i, n := range c.nodes {
		c.putUntilAcked(h, n, "from-"+strconv.Itoa(i), "v")
	}
	c.converge(h, "hub and edges")

	// The hub goes down: edges read their replica and refuse writes.
	c.nodes[0].Kill()
	if status, got := c.get(c.nodes[1], "from-2"); status != http.StatusOK || got != "v" {
		t.Fatalf("edge read with the hub down: %d %q", status, got)
	}
	status, body := c.put(c.nodes[2], "hub-down", "x", "")
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "KV PUT failed: 503") {
		t.Fatalf("edge write with the hub down: %d %q", status, body)
	}
	h.del("hub-down")

	// The hub is back: writes from an edge work again and every replica catches up.
	c.restart(0)
	c.putUntilAcked(h, c.nodes[1], "after", "v2")
	d := c.converge(h, "after the hub restarted")
	t.Logf("edges converged %v after the first write once the hub was back", d)
}

// TestExternalNATS points two nodes at a NATS server the operator runs (here one started by
// the test, with JetStream and a 32 MiB max_payload) instead of an embedded one.
func TestExternalNATS(t *testing.T) {
	if testing.Short() {
		t.Skip("starts edge processes (-short)")
	}
	ns, err := natsserver.NewServer(&natsserver.Options{
		Host: "127.0.0.1", Port: natsserver.RANDOM_PORT, NoSigs: true, NoLog: true,
		JetStream: true, StoreDir: filepath.Join(t.TempDir(), "js"), SyncAlways: true,
		MaxPayload: 32 << 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	t.Cleanup(ns.Shutdown)

	c := &cluster{t: t, client: &http.Client{Timeout: 30 * time.Second}}
	for i := range 2 {
		c.dirs = append(c.dirs, e2e.CopyDir(t, "testdata/worker"))
		c.args = append(c.args, []string{"--node", "n" + strconv.Itoa(i+1), "--kv-nats", ns.ClientURL()})
		c.nodes = append(c.nodes, e2e.Serve(t, c.dirs[i], c.args[i]...))
	}
	h := &history{acked: map[string]*string{}, unknown: map[string]string{}}
	big := strings.Repeat("x", 2<<20) // above NATS's default 1 MiB max_payload
	c.putUntilAcked(h, c.nodes[0], "big", big)
	c.putUntilAcked(h, c.nodes[1], "small", "v")
	// `edge kv` writes through the running node, so its writes replicate too.
	if _, stderr, code := e2e.Run(t, c.dirs[1], "kv", "key", "put", "cli", "from-cli", "--binding", "KV"); code != 0 {
		t.Fatalf("edge kv key put: %s", stderr)
	}
	h.put("cli", "from-cli")
	c.converge(h, "two nodes on an external NATS")

	// The node exports its replica feed's state.
	metrics := unixGet(t, server.SocketPath(filepath.Join(c.dirs[0], ".edge", "state")), "/metrics")
	if !strings.Contains(metrics, `edge_kv_replica_caught_up{namespace="cluster-test"} 1`) {
		t.Fatalf("metrics lack the replica feed:\n%s", metrics)
	}

	// With its node stopped, `edge kv` refuses to write to the replica: the write would never
	// reach the cluster.
	if err := c.nodes[1].Stop(); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := e2e.Run(t, c.dirs[1], "kv", "key", "put", "offline", "x", "--binding", "KV")
	if code == 0 || !strings.Contains(stderr, "is a KV cluster node's replica") {
		t.Fatalf("edge kv key put on a stopped node's replica: exit %d, %s", code, stderr)
	}
}

// unixGet fetches path from the admin API on a unix socket.
func unixGet(t *testing.T, sock, path string) string {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	resp, err := client.Get("http://edge" + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
