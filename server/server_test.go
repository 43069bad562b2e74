package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/server"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func project(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func start(t *testing.T, opts server.Options) (*server.Server, *syncBuf, *syncBuf) {
	t.Helper()
	logs, out := &syncBuf{}, &syncBuf{}
	opts.Logger = slog.New(slog.NewTextHandler(logs, nil))
	opts.Stdout = out
	opts.IP = "127.0.0.1"
	s, err := server.Start(opts)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	return s, logs, out
}

func stop(t *testing.T, s *server.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
}

func fetch(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b)
}

const kvWorker = `export default {
  async fetch(req, env) {
    const u = new URL(req.url);
    if (req.method === "PUT") { await env.STORE.put(u.pathname.slice(1), await req.text()); return new Response("stored"); }
    return new Response((await env.STORE.get(u.pathname.slice(1))) ?? "missing");
  },
  async scheduled(c, env) {
    if (c.cron === "fail") throw new Error("scheduled boom");
    await env.STORE.put("cron", c.cron);
  },
};`

const kvConfig = `name = "kvtest"
main = "src/index.js"
compatibility_date = "2025-06-01"
[vars]
GREETING = "hi"
[[kv_namespaces]]
binding = "STORE"
id = "store-id"
`

func TestKVSurvivesRestart(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig, "src/index.js": kvWorker})
	state := filepath.Join(t.TempDir(), "state")
	s, _, out := start(t, server.Options{Dir: dir, PersistTo: state})
	if !strings.Contains(out.String(), "env.STORE (KV namespace) store-id") || !strings.Contains(out.String(), "Ready on "+s.URL) {
		t.Errorf("banner:\n%s", out.String())
	}
	if code, body := fetch(t, "PUT", s.URL+"/greeting", "hello, disk"); code != 200 || body != "stored" {
		t.Fatalf("put: %d %s", code, body)
	}
	stop(t, s)
	s2, _, _ := start(t, server.Options{Dir: dir, PersistTo: state})
	defer stop(t, s2)
	if _, body := fetch(t, "GET", s2.URL+"/greeting", ""); body != "hello, disk" {
		t.Fatalf("after restart: %q", body)
	}
}

func TestTestScheduledRoutes(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig, "src/index.js": kvWorker})
	s, logs, _ := start(t, server.Options{Dir: dir, PersistTo: t.TempDir(), TestScheduled: true})
	defer stop(t, s)
	cases := []struct {
		path, body string
		code       int
	}{
		{"/__scheduled?cron=*+*+*+*+*", "Ran scheduled event", 200},
		{"/cdn-cgi/handler/scheduled?cron=0+1+*+*+*", "ok", 200},
		{"/__scheduled?cron=fail", "Error: scheduled boom\n", 500},
		{"/cdn-cgi/handler/scheduled?cron=fail", "exception", 500},
	}
	for _, c := range cases {
		if code, body := fetch(t, "GET", s.URL+c.path, ""); code != c.code || body != c.body {
			t.Errorf("%s: %d %q, want %d %q", c.path, code, body, c.code, c.body)
		}
	}
	if _, body := fetch(t, "GET", s.URL+"/cron", ""); body != "0 1 * * *" {
		t.Errorf("cron value: %q", body)
	}
	if !strings.Contains(logs.String(), "scheduled boom") {
		t.Errorf("scheduled exception not logged:\n%s", logs.String())
	}
	// Without the flag the paths reach the worker.
	s2, _, _ := start(t, server.Options{Dir: dir, PersistTo: t.TempDir()})
	defer stop(t, s2)
	if _, body := fetch(t, "GET", s2.URL+"/__scheduled", ""); body != "missing" {
		t.Errorf("without --test-scheduled: %q", body)
	}
}

func TestGracefulShutdownFinishesInFlightWork(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig, "src/index.js": `export default {
  async fetch(req, env, ctx) {
    if (new URL(req.url).pathname === "/late") return new Response(await env.STORE.get("late"));
    if (new URL(req.url).pathname === "/slow") {
      await new Promise((r) => setTimeout(r, 300));
      return new Response("slow done");
    }
    ctx.waitUntil(new Promise((r) => setTimeout(r, 300)).then(() => env.STORE.put("late", "written after response")));
    return new Response("fast");
  },
};`})
	state := t.TempDir()
	s, _, _ := start(t, server.Options{Dir: dir, PersistTo: state})
	if _, body := fetch(t, "GET", s.URL+"/fast", ""); body != "fast" {
		t.Fatal(body)
	}
	slow := make(chan string, 1)
	go func() { _, b := fetch(t, "GET", s.URL+"/slow", ""); slow <- b }()
	time.Sleep(50 * time.Millisecond) // let /slow reach the worker
	stop(t, s)
	if b := <-slow; b != "slow done" {
		t.Fatalf("in-flight request: %q", b)
	}
	// The waitUntil write completed before the store closed.
	s2, _, _ := start(t, server.Options{Dir: dir, PersistTo: state})
	defer stop(t, s2)
	if _, body := fetch(t, "GET", s2.URL+"/late", ""); body != "written after response" {
		t.Fatalf("waitUntil write lost: %q", body)
	}
}

func TestStartErrors(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"no config", map[string]string{"src/index.js": "export default {}"}, []string{"no wrangler.json, wrangler.jsonc or wrangler.toml found"}},
		{"bad toml", map[string]string{"wrangler.toml": "name = \"x\"\nmain = 5\ncompatibility_date = \"2025-01-01\"\n[[kv_namespaces]]\nid = \"a\"\n"},
			[]string{"wrangler.toml:2: main:", "wrangler.toml:4: kv_namespaces[0]: missing required field \"binding\""}},
		{"bad jsonc", map[string]string{"wrangler.jsonc": "{\n  // comment\n  \"name\": \"x\",\n  \"main\": \"src/index.js\",\n  \"vars\": { \"A\": 1, },\n  oops\n}\n"},
			[]string{"wrangler.jsonc:6:"}},
		{"no main", map[string]string{"wrangler.toml": "name = \"x\"\ncompatibility_date = \"2025-01-01\"\n"}, []string{"no \"main\" entry point"}},
		{"script throws at startup", map[string]string{"wrangler.toml": "name = \"x\"\nmain = \"src/index.js\"\ncompatibility_date = \"2025-01-01\"\n",
			"src/index.js": "const x = null;\nx.boom();\nexport default { fetch() { return new Response('') } }\n"}, []string{"TypeError", "src/index.js:2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := project(t, c.files)
			_, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", PersistTo: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestServiceBindings: two workers in one process; the entry calls the other through a service
// binding in-process, with method, headers, body and streaming intact; a binding to a worker
// that is not running fails with a clear error.
func TestServiceBindings(t *testing.T) {
	dir := project(t, map[string]string{
		"gateway/wrangler.toml": `name = "gateway"
main = "index.js"
compatibility_date = "2025-06-01"
[[services]]
binding = "AUTH"
service = "auth"
[[services]]
binding = "GHOST"
service = "not-running"
`,
		"gateway/index.js": `export default { async fetch(req, env) {
  const u = new URL(req.url);
  if (u.pathname === "/ghost") { try { await env.GHOST.fetch("https://ghost/"); return new Response("no error"); } catch (e) { return new Response(e.message, { status: 502 }); } }
  const r = await env.AUTH.fetch("https://auth.internal/check?x=1", { method: "POST", headers: { "x-token": req.headers.get("x-token") ?? "" }, body: "payload" });
  return new Response("auth said: " + r.status + " " + (await r.text()) + " / " + r.headers.get("x-user"), { status: r.status });
} };`,
		"auth/wrangler.toml": `name = "auth"
main = "index.js"
compatibility_date = "2025-06-01"
[[kv_namespaces]]
binding = "USERS"
id = "users"
`,
		"auth/index.js": `export default { async fetch(req, env) {
  const u = new URL(req.url);
  await env.USERS.put("seen", u.host + u.pathname + u.search);
  const ok = req.headers.get("x-token") === "secret";
  return new Response(req.method + ":" + (await req.text()) + ":" + (ok ? "ok" : "denied"), { status: ok ? 200 : 403, headers: { "x-user": ok ? "alice" : "nobody" } });
} };`,
	})
	s, logs, out := start(t, server.Options{Dir: dir, PersistTo: t.TempDir(), Configs: []string{"gateway/wrangler.toml", "auth/wrangler.toml"}})
	defer stop(t, s)
	if !strings.Contains(out.String(), "env.AUTH (service) auth") || !strings.Contains(out.String(), `worker "auth"`) {
		t.Errorf("banner:\n%s", out.String())
	}
	if !strings.Contains(logs.String(), `points to worker \"not-running\"`) {
		t.Errorf("no startup warning for the missing target:\n%s", logs.String())
	}
	req, _ := http.NewRequest("GET", s.URL+"/", nil)
	req.Header.Set("X-Token", "secret")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || string(b) != "auth said: 200 POST:payload:ok / alice" {
		t.Fatalf("got %d %q", r.StatusCode, b)
	}
	if code, body := fetch(t, "GET", s.URL+"/", ""); code != 403 || body != "auth said: 403 POST:payload:denied / nobody" {
		t.Fatalf("denied: %d %q", code, body)
	}
	if code, body := fetch(t, "GET", s.URL+"/ghost", ""); code != 502 || !strings.Contains(body, `points to worker "not-running", which is not running in this edge process`) {
		t.Fatalf("ghost: %d %q", code, body)
	}
}

// fakeClock drives cron triggers in tests: After returns a channel the test fires by advancing.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, fakeWaiter{c.now.Add(d), ch})
	return ch
}

// advance moves the clock to t and fires every waiter due by then.
func (c *fakeClock) advance(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(t) {
			w.ch <- t
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

func (c *fakeClock) pending() int { c.mu.Lock(); defer c.mu.Unlock(); return len(c.waiters) }

// TestCronTriggersFireOnSchedule: [triggers] crons fire by themselves (injected clock), with
// controller.cron and scheduledTime set; an invalid cron is a startup error naming the file.
func TestCronTriggersFireOnSchedule(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig + "[triggers]\ncrons = [\"*/5 * * * *\"]\n", "src/index.js": kvWorker})
	start0 := time.Date(2026, 11, 24, 10, 3, 0, 0, time.UTC)
	clock := &fakeClock{now: start0}
	s, _, _ := start(t, server.Options{Dir: dir, PersistTo: t.TempDir(), CronClock: clock})
	defer stop(t, s)
	deadline := time.Now().Add(10 * time.Second)
	for clock.pending() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	// A reload moves the schedule to the new workers.
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	for clock.pending() < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	clock.advance(time.Date(2026, 11, 24, 10, 5, 0, 0, time.UTC))
	for time.Now().Before(deadline) {
		if _, body := fetch(t, "GET", s.URL+"/cron", ""); body == "*/5 * * * *" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, body := fetch(t, "GET", s.URL+"/cron", ""); body != "*/5 * * * *" {
		t.Fatalf("cron did not fire: %q", body)
	}
	bad := project(t, map[string]string{"wrangler.toml": kvConfig + "[triggers]\ncrons = [\"61 * * * *\"]\n", "src/index.js": kvWorker})
	_, err := server.Start(server.Options{Dir: bad, IP: "127.0.0.1", PersistTo: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err == nil || !strings.Contains(err.Error(), "wrangler.toml: triggers.crons") || !strings.Contains(err.Error(), `invalid cron "61 * * * *"`) {
		t.Fatalf("bad cron: %v", err)
	}
}

// TestLimitsAndPortInUse: [limits] cpu_ms is enforced by edge serve; a port in use is a clear error.
func TestLimitsAndPortInUse(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig + "[limits]\ncpu_ms = 100\n", "src/index.js": `export default { fetch(req) {
  if (new URL(req.url).pathname === "/spin") for (;;) {}
  return new Response("ok");
} };`})
	s, _, _ := start(t, server.Options{Dir: dir, PersistTo: t.TempDir()})
	defer stop(t, s)
	begin := time.Now()
	if code, body := fetch(t, "GET", s.URL+"/spin", ""); code != 503 || body != "Error: Worker exceeded CPU time limit.\n" {
		t.Fatalf("spin: %d %q", code, body)
	}
	if d := time.Since(begin); d > 5*time.Second {
		t.Errorf("cpu_ms = 100 took %v to apply", d)
	}
	if _, body := fetch(t, "GET", s.URL+"/", ""); body != "ok" {
		t.Fatalf("after: %q", body)
	}
	port := s.Addr.(*net.TCPAddr).Port
	_, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", Port: port, PersistTo: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err == nil || !strings.Contains(err.Error(), "is already in use") {
		t.Fatalf("port in use: %v", err)
	}
}

// TestDevReload: `edge dev` picks up an edited source file on the next request without a
// restart, keeps serving the old version when the new one does not build, keeps KV data, and
// answers browsers with an HTML error page.
func TestDevReload(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig, "src/msg.js": `export const msg = "v1";`,
		"src/index.js": `import { msg } from "./msg.js";
export default { async fetch(req, env) {
  const p = new URL(req.url).pathname;
  if (p === "/throw") throw new Error("dev <boom>");
  if (p === "/kv") return new Response((await env.STORE.get("k")) ?? "none");
  if (req.method === "PUT") { await env.STORE.put("k", msg); return new Response("stored"); }
  return new Response(msg);
} };`})
	s, logs, _ := start(t, server.Options{Dir: dir, PersistTo: t.TempDir(), Dev: true})
	defer stop(t, s)
	if _, body := fetch(t, "PUT", s.URL+"/", ""); body != "stored" {
		t.Fatal(body)
	}
	waitBody := func(want string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			if _, body := fetch(t, "GET", s.URL+"/", ""); body == want {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("never saw %q; logs:\n%s", want, logs.String())
	}
	waitBody("v1")
	// Edit an imported module: the next responses come from the rebuilt worker.
	if err := os.WriteFile(filepath.Join(dir, "src/msg.js"), []byte(`export const msg = "v2";`), 0o644); err != nil {
		t.Fatal(err)
	}
	waitBody("v2")
	if _, body := fetch(t, "GET", s.URL+"/kv", ""); body != "v1" {
		t.Fatalf("KV lost across reload: %q", body)
	}
	// A broken edit keeps the previous version serving and logs the error with file:line.
	if err := os.WriteFile(filepath.Join(dir, "src/msg.js"), []byte("export const msg = ;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(logs.String(), "rebuild failed") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "rebuild failed") || !strings.Contains(logs.String(), "msg.js:1:") {
		t.Fatalf("build error not logged with file:line:\n%s", logs.String())
	}
	if _, body := fetch(t, "GET", s.URL+"/", ""); body != "v2" {
		t.Fatalf("after a failed build: %q", body)
	}
	// Browsers get an HTML error page; other clients the plain first line.
	req, _ := http.NewRequest("GET", s.URL+"/throw", nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 500 || !strings.Contains(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(page), "Error: dev &lt;boom&gt;") || !strings.Contains(string(page), "index.js") {
		t.Fatalf("error page: %d %s\n%s", r.StatusCode, r.Header.Get("Content-Type"), page)
	}
	if code, body := fetch(t, "GET", s.URL+"/throw", ""); code != 500 || body != "Error: dev <boom>\n" {
		t.Fatalf("plain client: %d %q", code, body)
	}
}

// TestReload: Reload (SIGHUP in edge serve) swaps in edited code and config without a restart.
func TestReload(t *testing.T) {
	dir := project(t, map[string]string{"wrangler.toml": kvConfig, "src/index.js": `export default { fetch(req, env) { return new Response("one " + env.GREETING) } };`})
	s, _, _ := start(t, server.Options{Dir: dir, PersistTo: t.TempDir()})
	defer stop(t, s)
	if _, body := fetch(t, "GET", s.URL+"/", ""); body != "one hi" {
		t.Fatal(body)
	}
	_ = os.WriteFile(filepath.Join(dir, "src/index.js"), []byte(`export default { fetch(req, env) { return new Response("two " + env.GREETING) } };`), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "wrangler.toml"), []byte(strings.Replace(kvConfig, `GREETING = "hi"`, `GREETING = "hello"`, 1)), 0o644)
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	if _, body := fetch(t, "GET", s.URL+"/", ""); body != "two hello" {
		t.Fatalf("after reload: %q", body)
	}
	_ = os.WriteFile(filepath.Join(dir, "src/index.js"), []byte(`export default { fetch( };`), 0o644)
	if err := s.Reload(); err == nil {
		t.Fatal("a broken build reloaded")
	}
	if _, body := fetch(t, "GET", s.URL+"/", ""); body != "two hello" {
		t.Fatalf("after a failed reload: %q", body)
	}
}
