package server_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/server"
)

// scrape reads /metrics through client at base and returns the value of every sample line.
func scrape(t *testing.T, client *http.Client, base string) map[string]float64 {
	t.Helper()
	r, err := client.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %s\n%s", r.StatusCode, r.Header.Get("Content-Type"), b)
	}
	out := map[string]float64{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("bad sample line %q", line)
		}
		out[line[:i]] = v
	}
	return out
}

// waitMetrics scrapes until every wanted sample has its value (request metrics are recorded
// right after the response is written, so a scrape can run just before).
func waitMetrics(t *testing.T, client *http.Client, base string, want map[string]float64) map[string]float64 {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := scrape(t, client, base)
		missing := ""
		for k, v := range want {
			if got[k] != v {
				missing += "\n  " + k + " = " + strconv.FormatFloat(got[k], 'g', -1, 64) + ", want " + strconv.FormatFloat(v, 'g', -1, 64)
			}
		}
		if missing == "" {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("metrics:%s", missing)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMetricsAndAdminReload: /metrics on both admin listeners counts requests by status,
// their latency, KV operations by binding, JS time, isolates and recycles; POST /edge/reload
// swaps in edited code (a broken build answers 422 and keeps the old version), and the
// counters carry over the reload.
func TestMetricsAndAdminReload(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig + "[limits]\ncpu_ms = 100\n", "src/index.js": `export default { async fetch(req, env) {
  const p = new URL(req.url).pathname;
  if (p === "/spin") for (;;) {}
  if (req.method === "PUT") { await env.STORE.put("k", "v"); return new Response("stored"); }
  return new Response("v1 " + (await env.STORE.get("k")));
} };`})
	persist := t.TempDir()
	s, logs, _ := start(t, server.Options{Dir: dir, PersistTo: persist, APIAddr: "127.0.0.1:0", Isolates: 2})
	defer stop(t, s)
	tcp := strings.TrimSuffix(s.APIURL, "/client/v4")
	before := scrape(t, http.DefaultClient, tcp)
	fetch(t, "PUT", s.URL+"/", "")
	for range 2 {
		if _, body := fetch(t, "GET", s.URL+"/", ""); body != "v1 v" {
			t.Fatal(body)
		}
	}
	if code, _ := fetch(t, "GET", s.URL+"/spin", ""); code != 503 {
		t.Fatalf("spin: %d", code)
	}
	got := waitMetrics(t, http.DefaultClient, tcp, map[string]float64{
		`edge_requests_total{status="200",worker="kvtest"}`:                             3,
		`edge_requests_total{status="503",worker="kvtest"}`:                             1,
		`edge_request_duration_seconds_count{worker="kvtest"}`:                          4,
		`edge_kv_operations_total{binding="STORE",op="put",outcome="ok"}`:               1,
		`edge_kv_operations_total{binding="STORE",op="get",outcome="ok"}`:               2,
		`edge_kv_operation_duration_seconds_count{binding="STORE",op="get"}`:            2,
		`edge_isolates{worker="kvtest"}`:                                                2,
		`edge_isolate_recycles_total{reason="cpu_limit",worker="kvtest"}`:               1,
		`edge_isolate_recycles_total{reason="memory",worker="kvtest"}`:                  0,
		`edge_request_duration_seconds_bucket{worker="kvtest",le="+Inf"}`:               4,
		`edge_kv_operation_duration_seconds_bucket{binding="STORE",op="put",le="+Inf"}`: 1,
		// The one put, committed alone.
		"edge_kv_commits_total":       before["edge_kv_commits_total"] + 1,
		"edge_kv_commit_writes_total": before["edge_kv_commit_writes_total"] + 1,
	})
	if js := got[`edge_js_cpu_seconds_total{worker="kvtest"}`]; js < 0.1 {
		t.Errorf("JS time %v s, but the spin alone ran past the 100 ms limit", js)
	}
	if got["edge_memory_limit_bytes"] <= 0 || got["go_goroutines"] <= 0 || got["process_resident_memory_bytes"] <= 0 {
		t.Errorf("standard and guard metrics missing: %v %v %v", got["edge_memory_limit_bytes"], got["go_goroutines"], got["process_resident_memory_bytes"])
	}

	// Reload through the unix socket (the listener `edge kv` uses).
	sock := socketClient(server.SocketPath(persist))
	post := func() (int, string) {
		r, err := sock.Post("http://edge/edge/reload", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		return r.StatusCode, string(b)
	}
	src := filepath.Join(dir, "src/index.js")
	_ = os.WriteFile(src, []byte(`export default { fetch() { return new Response("v2") } };`), 0o644)
	if code, body := post(); code != 200 || !strings.Contains(body, `"success":true`) {
		t.Fatalf("reload: %d %s", code, body)
	}
	if _, body := fetch(t, "GET", s.URL+"/", ""); body != "v2" {
		t.Fatalf("after reload: %q", body)
	}
	_ = os.WriteFile(src, []byte(`export default { fetch( };`), 0o644)
	code, body := post()
	if code != 422 || !regexp.MustCompile(`index\.js:1:\d+`).MatchString(body) {
		t.Fatalf("broken reload: %d %s", code, body)
	}
	if _, body := fetch(t, "GET", s.URL+"/", ""); body != "v2" {
		t.Fatalf("after a failed reload: %q", body)
	}
	if !strings.Contains(logs.String(), "reload through the admin API failed") {
		t.Errorf("failed reload not logged:\n%s", logs.String())
	}
	if r, err := sock.Get("http://edge/edge/reload"); err != nil || r.StatusCode != 405 {
		t.Fatalf("GET /edge/reload: %v %v", r, err)
	}
	// Counters carry over the reload: the old worker's 3 + 1 requests, then the new one's 2.
	waitMetrics(t, sock, "http://edge", map[string]float64{
		`edge_requests_total{status="200",worker="kvtest"}`:               5,
		`edge_requests_total{status="503",worker="kvtest"}`:               1,
		`edge_isolate_recycles_total{reason="cpu_limit",worker="kvtest"}`: 1,
		`edge_isolates{worker="kvtest"}`:                                  2,
	})
}

// TestMetricsNeedTheToken: with EDGE_API_TOKEN set, /metrics and /edge/reload on TCP are
// guarded like the KV API.
func TestMetricsNeedTheToken(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig, "src/index.js": kvWorker})
	s, _, _ := start(t, server.Options{Dir: dir, PersistTo: t.TempDir(), APIAddr: "127.0.0.1:0", APIToken: "sesame"})
	defer stop(t, s)
	base := strings.TrimSuffix(s.APIURL, "/client/v4")
	for _, p := range []struct{ method, path string }{{"GET", "/metrics"}, {"POST", "/edge/reload"}} {
		req, _ := http.NewRequest(p.method, base+p.path, nil)
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != 401 {
			t.Errorf("%s %s without the token: %d", p.method, p.path, r.StatusCode)
		}
	}
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer sesame")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 200 {
		t.Fatalf("with the token: %d", r.StatusCode)
	}
}
