package kvcrash_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
	"github.com/edgeruntime/edge/kvstore"
)

const (
	rounds  = 3
	clients = 8 // writer goroutines per round
	// deleteEvery: every so many requests a client deletes its oldest acknowledged key.
	deleteEvery = 4
	namespace   = "crash"
	// The kill comes a random time after the first acknowledged write of a round.
	minKillDelay = 50 * time.Millisecond
	maxKillDelay = 900 * time.Millisecond
)

const wranglerTOML = `name = "kvcrash"
main = "src/index.js"
compatibility_date = "2025-06-01"

[[kv_namespaces]]
binding = "KV"
id = "` + namespace + `"
`

// The worker acknowledges a PUT or DELETE only after the KV promise resolved, i.e. after the
// bbolt transaction holding it was committed and fsync'd.
const workerJS = `export default {
  async fetch(request, env) {
    const m = new URL(request.url).pathname.match(/^\/k\/(.+)$/);
    if (!m) return new Response("not found", { status: 404 });
    const key = decodeURIComponent(m[1]);
    if (request.method === "PUT") {
      await env.KV.put(key, await request.text());
      return new Response("ok");
    }
    if (request.method === "GET") {
      const v = await env.KV.get(key);
      return v === null ? new Response("missing", { status: 404 }) : new Response(v);
    }
    if (request.method === "DELETE") {
      await env.KV.delete(key);
      return new Response("ok");
    }
    return new Response("method not allowed", { status: 405 });
  },
};
`

// value is the only value ever written under key, so any key found after a crash, acknowledged
// or not, must hold exactly this. Sizes range from 1 byte to about 9 KiB (several bbolt
// overflow pages).
func value(key string) string {
	h := fnv.New64a()
	h.Write([]byte(key))
	sum := h.Sum64()
	size := 1 + int(sum%9000)
	unit := key + "|" + strconv.FormatUint(sum, 36) + ";"
	return strings.Repeat(unit, size/len(unit)+1)[:size]
}

// TestSIGKILLKeepsAcknowledgedWrites is issue 3's crash test. Each round: start `edge serve`,
// let clients write distinct keys as fast as they can (every deleteEvery-th request deletes one
// of the client's earlier acknowledged keys instead), SIGKILL the process mid-stream, then
//   - open kv.db directly: Store.Check passes, every acknowledged put is there with its value,
//     no acknowledged delete came back, and every other key present (a put or delete cut off by
//     the kill) holds its exact value;
//   - restart `edge serve` on the same state dir and read every acknowledged put (of this and
//     all earlier rounds) back through the worker over HTTP, and every acknowledged delete as
//     missing;
//   - stop it with SIGTERM and run Store.Check on the file again.
//
// The seed (kill delays) is printed; rerun a failure with EDGE_KVCRASH_SEED=N.
func TestSIGKILLKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test starts edge six times")
	}
	seed := time.Now().UnixNano()
	if s := os.Getenv("EDGE_KVCRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseInt(s, 10, 64); err != nil {
			t.Fatalf("EDGE_KVCRASH_SEED: %v", err)
		}
	}
	t.Logf("seed %d (rerun with EDGE_KVCRASH_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6b7663726173680a))

	bin := e2e.Binary(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "wrangler.toml"), wranglerTOML)
	writeFile(t, filepath.Join(dir, "src", "index.js"), workerJS)
	state := filepath.Join(dir, "state")
	dbPath := filepath.Join(state, "kv.db")

	acked := map[string]string{} // every acknowledged put of every round so far, not deleted since
	deleted := map[string]bool{} // every acknowledged delete
	puts, dels := 0, 0
	for round := 1; round <= rounds; round++ {
		delay := minKillDelay + time.Duration(rng.Int64N(int64(maxKillDelay-minKillDelay)))
		child := startChild(t, bin, dir, state, filepath.Join(dir, fmt.Sprintf("round%d.log", round)))
		res := writeUntilKilled(t, child, round, delay)
		for k, v := range res.present {
			acked[k] = v
		}
		for k := range res.deleted {
			deleted[k] = true
		}
		puts += res.puts
		dels += len(res.deleted)
		t.Logf("round %d: SIGKILL %v after the first ack: %d puts and %d deletes acknowledged, %d requests in flight at the kill, %d failed",
			round, delay, res.puts, len(res.deleted), res.inFlight, res.failed)
		if res.puts == 0 || len(res.deleted) == 0 {
			t.Fatalf("round %d: too little was acknowledged before the kill; log:\n%s", round, child.logTail())
		}

		unacked := checkFile(t, dbPath, acked, deleted, fmt.Sprintf("round %d, after SIGKILL", round))
		t.Logf("round %d: kv.db after SIGKILL: Check ok; %d live acknowledged keys exact, %d acknowledged deletes absent, %d unacknowledged keys present (exact)",
			round, len(acked), len(deleted), unacked)

		node := e2e.Serve(t, dir, "--persist-to", state)
		verifyHTTP(t, node.URL, acked, deleted)
		if err := node.Stop(); err != nil {
			t.Fatalf("round %d: edge serve did not stop cleanly: %v\nstderr:\n%s", round, err, tail(node.Stderr()))
		}
		checkFile(t, dbPath, acked, deleted, fmt.Sprintf("round %d, after restart and clean stop", round))
	}
	t.Logf("%d rounds: %d acknowledged puts and %d acknowledged deletes, all intact after each SIGKILL", rounds, puts, dels)
}

type roundResult struct {
	puts     int               // acknowledged puts
	present  map[string]string // acknowledged puts whose key was not deleted since
	deleted  map[string]bool   // acknowledged deletes
	inFlight int64             // requests sent and not yet answered when SIGKILL was sent
	failed   int64             // requests that got no acknowledgement (the kill cut them off)
}

// writeUntilKilled runs the writers against child, SIGKILLs it delay after the first
// acknowledged write, and returns what was acknowledged.
func writeUntilKilled(t *testing.T, child *child, round int, delay time.Duration) roundResult {
	t.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		mu       sync.Mutex
		puts     int
		present  = map[string]string{}
		deleted  = map[string]bool{}
		inFlight atomic.Int64
		failed   atomic.Int64
		firstAck = make(chan struct{})
		once     sync.Once
		wg       sync.WaitGroup
	)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []string // this client's acknowledged keys, oldest first
			for i := 0; ctx.Err() == nil; i++ {
				if i%deleteEvery == deleteEvery-1 && len(mine) > 0 {
					key := mine[0]
					mine = mine[1:]
					// From now on the key may be present or not, until the delete is acknowledged.
					mu.Lock()
					delete(present, key)
					mu.Unlock()
					inFlight.Add(1)
					ok := send(ctx, client, http.MethodDelete, child.url+"/k/"+key, "")
					inFlight.Add(-1)
					if !ok {
						failed.Add(1)
						continue
					}
					mu.Lock()
					deleted[key] = true
					mu.Unlock()
					continue
				}
				key := fmt.Sprintf("r%d-c%d-%06d", round, c, i)
				val := value(key)
				inFlight.Add(1)
				ok := send(ctx, client, http.MethodPut, child.url+"/k/"+key, val)
				inFlight.Add(-1)
				if !ok {
					failed.Add(1)
					continue
				}
				mine = append(mine, key)
				mu.Lock()
				present[key] = val
				puts++
				mu.Unlock()
				once.Do(func() { close(firstAck) })
			}
		}()
	}

	select {
	case <-firstAck:
	case <-time.After(15 * time.Second):
		cancel()
		wg.Wait()
		t.Fatalf("round %d: no write acknowledged within 15s; log:\n%s", round, child.logTail())
	}
	time.Sleep(delay)
	n := inFlight.Load()
	child.kill(t)
	// Writers now fail fast (connection refused); the ones that got a 200 before the kill
	// have recorded it.
	cancel()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return roundResult{puts: puts, present: present, deleted: deleted, inFlight: n, failed: failed.Load()}
}

// send sends one PUT or DELETE and reports whether edge acknowledged it (200 "ok").
func send(ctx context.Context, client *http.Client, method, url, val string) bool {
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(val))
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return err == nil && resp.StatusCode == http.StatusOK && string(body) == "ok"
}

// checkFile opens kv.db, runs Store.Check, verifies every acknowledged put and delete, and that
// every other key present holds its one possible value. It returns the number of keys present
// that are neither live acknowledged puts nor acknowledged deletes (a put, or a delete, cut off
// before the response reached the client).
func checkFile(t *testing.T, path string, acked map[string]string, deleted map[string]bool, when string) (unacked int) {
	t.Helper()
	store, err := kvstore.Open(path, kvstore.Options{SweepInterval: -1})
	if err != nil {
		t.Fatalf("%s: open %s: %v", when, path, err)
	}
	defer func() {
		if err := store.Close(); err != nil {
			t.Errorf("%s: close: %v", when, err)
		}
	}()
	ctx := context.Background()
	if err := store.Check(ctx); err != nil {
		t.Fatalf("%s: Store.Check: %v", when, err)
	}
	seen := 0
	var bad, missing []string
	opts := kvstore.ListOptions{}
	for {
		page, err := store.List(ctx, namespace, opts)
		if err != nil {
			t.Fatalf("%s: list: %v", when, err)
		}
		for _, k := range page.Keys {
			e, found, err := store.Get(ctx, namespace, k.Name)
			if err != nil || !found {
				t.Fatalf("%s: get %q: found=%v err=%v", when, k.Name, found, err)
			}
			if want := value(k.Name); string(e.Value) != want {
				bad = append(bad, fmt.Sprintf("key %q holds %d bytes %.40q…, want %d bytes %.40q…", k.Name, len(e.Value), e.Value, len(want), want))
			}
			if _, ok := acked[k.Name]; ok {
				seen++
			} else if deleted[k.Name] {
				bad = append(bad, fmt.Sprintf("key %q is present, but its delete was acknowledged", k.Name))
			} else {
				unacked++
			}
		}
		if page.ListComplete {
			break
		}
		opts.Cursor = page.Cursor
	}
	if len(bad) > 0 {
		t.Fatalf("%s: %d bad keys, e.g.:\n%s", when, len(bad), strings.Join(bad[:min(len(bad), 10)], "\n"))
	}
	if seen != len(acked) {
		for k := range acked {
			if _, found, _ := store.Get(ctx, namespace, k); !found {
				missing = append(missing, k)
			}
		}
		t.Fatalf("%s: %d of %d acknowledged writes are missing, e.g. %q", when, len(missing), len(acked), missing[:min(len(missing), 10)])
	}
	return unacked
}

// verifyHTTP reads every acknowledged put back through the worker, and every acknowledged
// delete as missing.
func verifyHTTP(t *testing.T, url string, acked map[string]string, deleted map[string]bool) {
	t.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	keys := make(chan string)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		bad  []string
		read atomic.Int64
	)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range keys {
				got, err := get(client, url+"/k/"+k)
				if deleted[k] {
					if errors.Is(err, errMissing) {
						read.Add(1)
						continue
					}
					mu.Lock()
					bad = append(bad, fmt.Sprintf("%s: deleted, but GET gave %d bytes, err %v", k, len(got), err))
					mu.Unlock()
					continue
				}
				if err == nil && got == acked[k] {
					read.Add(1)
					continue
				}
				mu.Lock()
				if err != nil {
					bad = append(bad, fmt.Sprintf("%s: %v", k, err))
				} else {
					bad = append(bad, fmt.Sprintf("%s: got %d bytes %.40q…, want %d bytes", k, len(got), got, len(acked[k])))
				}
				mu.Unlock()
			}
		}()
	}
	for k := range acked {
		keys <- k
	}
	for k := range deleted {
		keys <- k
	}
	close(keys)
	wg.Wait()
	n := len(acked) + len(deleted)
	if len(bad) > 0 {
		t.Fatalf("%d of %d acknowledged writes did not read back over HTTP, e.g.:\n%s", len(bad), n, strings.Join(bad[:min(len(bad), 10)], "\n"))
	}
	if int(read.Load()) != n {
		t.Fatalf("read back %d of %d", read.Load(), n)
	}
}

var errMissing = errors.New("missing (404)")

func get(client *http.Client, url string) (string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode == http.StatusNotFound && string(body) == "missing" {
		return "", errMissing
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d: %.100s", resp.StatusCode, body)
	}
	return string(body), nil
}

// child is an `edge serve` process this test may SIGKILL (e2e.Node only stops with SIGTERM).
type child struct {
	cmd     *exec.Cmd
	url     string
	logPath string
	exited  chan error
	done    bool
}

var readyRE = regexp.MustCompile(`Ready on (http://\S+)`)

func startChild(t *testing.T, bin, dir, state, logPath string) *child {
	t.Helper()
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--ip", "127.0.0.1", "--port", "0", "--persist-to", state)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start edge: %v", err)
	}
	c := &child{cmd: cmd, logPath: logPath, exited: make(chan error, 1)}
	ready := make(chan string, 1)
	go func() {
		// Read stdout to EOF before Wait, as exec requires for StdoutPipe.
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := readyRE.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case ready <- m[1]:
				default:
				}
			}
		}
		err := cmd.Wait()
		logFile.Close()
		c.exited <- err
	}()
	t.Cleanup(func() {
		if !c.done {
			_ = cmd.Process.Kill()
			<-c.exited
		}
	})
	select {
	case c.url = <-ready:
		return c
	case err := <-c.exited:
		c.done = true
		t.Fatalf("edge serve exited before ready: %v\n%s", err, c.logTail())
	case <-time.After(60 * time.Second):
		t.Fatalf("edge serve not ready after 60s\n%s", c.logTail())
	}
	return nil
}

// kill sends SIGKILL and waits until the process is gone.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("SIGKILL: %v", err)
	}
	err := <-c.exited
	c.done = true
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("edge serve exited with %v, want death by SIGKILL", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("edge serve exited with %v before the kill (not by SIGKILL)\n%s", err, c.logTail())
	}
}

func (c *child) logTail() string {
	b, _ := os.ReadFile(c.logPath)
	return tail(string(b))
}

func tail(s string) string {
	const n = 4000
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
