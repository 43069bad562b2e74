package tokengateway_test

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

// origin is the upstream the gateway forwards to: a real HTTP server on loopback that records
// every request it receives and answers with a description of it.
type origin struct {
	*httptest.Server
	mu   sync.Mutex
	seen []seenRequest
}

type seenRequest struct {
	Method     string
	RequestURI string // the request target exactly as sent: path and query, still encoded
	Header     http.Header
	Body       []byte
	Chunked    bool
}

// echo is the JSON body the origin answers with.
type echo struct {
	Method     string `json:"method"`
	RequestURI string `json:"requestURI"`
	UserID     string `json:"userId"`
	BodyLen    int    `json:"bodyLen"`
}

func newOrigin(t *testing.T) *origin {
	o := &origin{}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		o.mu.Lock()
		o.seen = append(o.seen, seenRequest{r.Method, r.RequestURI, r.Header.Clone(), body, len(r.TransferEncoding) > 0})
		o.mu.Unlock()
		switch r.URL.Path {
		case "/redirect":
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
			return
		case "/teapot":
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTeapot)
			io.WriteString(w, "short and stout")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Origin", "echo")
		w.Header().Add("Set-Cookie", "a=1; Path=/")
		w.Header().Add("Set-Cookie", "b=2; Path=/")
		status := http.StatusOK
		if r.Method == http.MethodPost {
			status = http.StatusCreated
		}
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(echo{r.Method, r.RequestURI, r.Header.Get("User-Id"), len(body)})
	}))
	t.Cleanup(o.Close)
	return o
}

// requests returns how many requests the origin has received so far.
func (o *origin) requests() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.seen)
}

func (o *origin) last(t *testing.T) seenRequest {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.seen) == 0 {
		t.Fatal("origin received no request")
	}
	return o.seen[len(o.seen)-1]
}

// client does not follow redirects: the gateway's response is what we check.
var client = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func do(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return resp, body
}

func newRequest(t *testing.T, method, url string, body io.Reader, header map[string]string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[http.CanonicalHeaderKey(k)] = []string{v}
	}
	return req
}

// project copies the example to a temp dir and seeds its KV namespace from seed.json, exactly
// as the README tells a user to.
func project(t *testing.T) string {
	t.Helper()
	dir := e2e.CopyDir(t, ".")
	kv(t, dir, "bulk", "put", "seed.json")
	return dir
}

// kv runs `edge kv … --binding TOKENS` in dir and returns its stdout; it must succeed.
func kv(t *testing.T, dir string, args ...string) string {
	t.Helper()
	stdout, stderr, code := e2e.Run(t, dir, append(append([]string{"kv"}, args...), "--binding", "TOKENS")...)
	if code != 0 {
		t.Fatalf("edge kv %v: exit %d\n%s", args, code, stderr)
	}
	return stdout
}

func TestGateway(t *testing.T) {
	t.Parallel()
	up := newOrigin(t)
	dir := project(t)
	// An old last-used record: the waitUntil write must replace it, and its key must not be
	// usable as a token.
	kv(t, dir, "key", "put", "last-used:alice", "2000-01-01T00:00:00.000Z")
	start := time.Now()
	node := e2e.Serve(t, dir, "--var", "ORIGIN_URL:"+up.URL)

	t.Run("denied", func(t *testing.T) {
		tests := []struct {
			name      string
			auth      []string // Authorization header values; nil = no header
			status    int
			error     string
			challenge bool // WWW-Authenticate expected
		}{
			{"no Authorization header", nil, 401, "missing Authorization header", true},
			{"empty Authorization header", []string{""}, 401, "missing Authorization header", true},
			{"Basic scheme", []string{"Basic YWxpY2U6c2VjcmV0"}, 401, "Authorization header must be 'Bearer <token>'", true},
			{"Bearer without token", []string{"Bearer"}, 401, "Authorization header must be 'Bearer <token>'", true},
			{"Bearer with two words", []string{"Bearer tok-alice extra"}, 401, "Authorization header must be 'Bearer <token>'", true},
			{"unknown token", []string{"Bearer tok-nobody"}, 403, "unknown token", false},
			{"another key's name as token", []string{"Bearer last-used:alice"}, 403, "unknown token", false},
			{"token key with prefix", []string{"Bearer token:tok-alice"}, 403, "unknown token", false},
			{"expired token", []string{"Bearer tok-expired"}, 403, "token expired", false},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before := up.requests()
				req := newRequest(t, "GET", node.URL+"/api/items", nil, nil)
				if tc.auth != nil {
					req.Header["Authorization"] = tc.auth
				}
				resp, body := do(t, req)
				if resp.StatusCode != tc.status {
					t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, tc.status, body)
				}
				var got struct{ Error string }
				if err := json.Unmarshal(body, &got); err != nil || got.Error != tc.error {
					t.Errorf("body = %s, want error %q", body, tc.error)
				}
				if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type = %q", ct)
				}
				wantChallenge := ""
				if tc.challenge {
					wantChallenge = `Bearer realm="token-gateway"`
				}
				if got := resp.Header.Get("WWW-Authenticate"); got != wantChallenge {
					t.Errorf("WWW-Authenticate = %q, want %q", got, wantChallenge)
				}
				if n := up.requests(); n != before {
					t.Errorf("a denied request reached the origin")
				}
			})
		}
	})

	t.Run("forwarded", func(t *testing.T) {
		tests := []struct {
			name   string
			method string
			target string // path and query, sent and expected at the origin byte for byte
			header map[string]string
			body   string
			user   string
			status int
		}{
			{"GET with query", "GET", "/api/items?limit=10&tag=a&tag=b", map[string]string{"Authorization": "Bearer tok-alice"}, "", "alice", 200},
			{"GET encoded path and query", "GET", "/api/files/a%20b%2Fc?q=x%26y%3Dz&plus=a+b&empty=&utf8=%C3%A9", map[string]string{"Authorization": "Bearer tok-alice"}, "", "alice", 200},
			{"lower-case scheme", "GET", "/", map[string]string{"Authorization": "bearer tok-bob"}, "", "bob", 200},
			{"token without expiry", "DELETE", "/api/items/7", map[string]string{"Authorization": "Bearer tok-bob"}, "", "bob", 200},
			{"POST JSON body", "POST", "/api/items?dry_run=1", map[string]string{
				"Authorization": "Bearer tok-alice", "Content-Type": "application/json", "X-Request-Id": "r-42",
			}, `{"name":"widget","price":9.5}`, "alice", 201},
			{"client cannot choose its User-Id", "PUT", "/api/me", map[string]string{
				"Authorization": "Bearer tok-bob", "User-Id": "alice", "Content-Type": "text/plain",
			}, "héllo wörld", "bob", 200},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var body io.Reader
				if tc.body != "" {
					body = strings.NewReader(tc.body)
				}
				resp, got := do(t, newRequest(t, tc.method, node.URL+tc.target, body, tc.header))
				if resp.StatusCode != tc.status {
					t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, tc.status, got)
				}
				// The origin's response comes back unchanged: status, headers, body.
				if h := resp.Header.Get("X-Origin"); h != "echo" {
					t.Errorf("X-Origin = %q", h)
				}
				if c := resp.Header.Values("Set-Cookie"); len(c) != 2 || c[0] != "a=1; Path=/" || c[1] != "b=2; Path=/" {
					t.Errorf("Set-Cookie = %q", c)
				}
				var e echo
				if err := json.Unmarshal(got, &e); err != nil {
					t.Fatalf("body %q: %v", got, err)
				}
				if e.Method != tc.method || e.RequestURI != tc.target || e.UserID != tc.user || e.BodyLen != len(tc.body) {
					t.Errorf("echo = %+v", e)
				}
				// What the origin received.
				seen := up.last(t)
				if seen.Method != tc.method {
					t.Errorf("origin method = %q, want %q", seen.Method, tc.method)
				}
				if seen.RequestURI != tc.target {
					t.Errorf("origin request target = %q, want %q", seen.RequestURI, tc.target)
				}
				if string(seen.Body) != tc.body {
					t.Errorf("origin body = %q, want %q", seen.Body, tc.body)
				}
				if v := seen.Header.Values("User-Id"); len(v) != 1 || v[0] != tc.user {
					t.Errorf("origin User-Id = %q, want [%q]", v, tc.user)
				}
				if v, ok := seen.Header["Authorization"]; ok {
					t.Errorf("Authorization forwarded to the origin: %q", v)
				}
				for k, v := range tc.header {
					if k == "Authorization" || k == "User-Id" {
						continue
					}
					if got := seen.Header.Get(k); got != v {
						t.Errorf("origin %s = %q, want %q", k, got, v)
					}
				}
			})
		}
	})

	t.Run("large streamed body", func(t *testing.T) {
		payload := make([]byte, 1<<20)
		rand.Read(payload)
		// io.MultiReader hides the length: the client sends Transfer-Encoding: chunked.
		req := newRequest(t, "POST", node.URL+"/upload", io.MultiReader(bytes.NewReader(payload)), map[string]string{
			"Authorization": "Bearer tok-alice", "Content-Type": "application/octet-stream",
		})
		resp, body := do(t, req)
		if resp.StatusCode != 201 {
			t.Fatalf("status = %d; body %s", resp.StatusCode, body)
		}
		if seen := up.last(t); !bytes.Equal(seen.Body, payload) {
			t.Errorf("origin got %d bytes, want the %d sent", len(seen.Body), len(payload))
		}
	})

	t.Run("origin status and headers pass through", func(t *testing.T) {
		resp, body := do(t, newRequest(t, "GET", node.URL+"/teapot", nil, map[string]string{"Authorization": "Bearer tok-bob"}))
		if resp.StatusCode != http.StatusTeapot || string(body) != "short and stout" ||
			resp.Header.Get("Retry-After") != "120" || resp.Header.Get("Content-Type") != "text/plain" {
			t.Errorf("got %d %v %q", resp.StatusCode, resp.Header, body)
		}
	})

	t.Run("origin redirect is returned, not followed", func(t *testing.T) {
		before := up.requests()
		resp, _ := do(t, newRequest(t, "GET", node.URL+"/redirect", nil, map[string]string{"Authorization": "Bearer tok-bob"}))
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/elsewhere" {
			t.Errorf("got %d Location %q, want 302 /elsewhere", resp.StatusCode, resp.Header.Get("Location"))
		}
		if n := up.requests() - before; n != 1 {
			t.Errorf("origin got %d requests, want 1 (the redirect must not be followed)", n)
		}
	})

	// Every request above has been answered; SIGTERM lets the waitUntil writes finish, and the
	// store is single-writer, so stop the node before reading KV with the CLI.
	if err := node.Stop(); err != nil {
		t.Fatalf("edge serve did not exit cleanly: %v\n%s", err, node.Stderr())
	}
	end := time.Now()

	t.Run("waitUntil records last use", func(t *testing.T) {
		for _, user := range []string{"alice", "bob"} {
			out := strings.TrimSpace(kv(t, dir, "key", "get", "last-used:"+user, "--text"))
			at, err := time.Parse(time.RFC3339Nano, out)
			if err != nil {
				t.Fatalf("last-used:%s = %q: %v", user, out, err)
			}
			if at.Before(start.Add(-time.Second)) || at.After(end.Add(time.Second)) {
				t.Errorf("last-used:%s = %v, want between %v and %v", user, at, start, end)
			}
		}
		// Denied requests record nothing.
		if out := kv(t, dir, "key", "get", "last-used:carol"); strings.TrimSpace(out) != "Value not found" {
			t.Errorf("last-used:carol = %q, want none (the token is expired)", out)
		}
	})
}

func TestOriginDown(t *testing.T) {
	t.Parallel()
	// A loopback port with nothing listening: connections are refused at once.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + ln.Addr().String()
	ln.Close()

	dir := project(t)
	node := e2e.Serve(t, dir, "--var", "ORIGIN_URL:"+down)

	resp, body := do(t, newRequest(t, "GET", node.URL+"/api/items", nil, map[string]string{"Authorization": "Bearer tok-alice"}))
	if resp.StatusCode != http.StatusBadGateway || resp.Header.Get("Content-Type") != "application/json" ||
		strings.TrimSpace(string(body)) != `{"error":"origin unreachable"}` {
		t.Errorf("got %d %q %s, want 502 with {\"error\":\"origin unreachable\"}", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	node.WaitLog(t, "origin "+down+" unreachable", 5*time.Second)

	// Authentication still comes first.
	resp, _ = do(t, newRequest(t, "GET", node.URL+"/api/items", nil, nil))
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("without a token: status %d, want 401", resp.StatusCode)
	}
}
