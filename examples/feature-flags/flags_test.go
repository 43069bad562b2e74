package featureflags_test

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

// adminToken is ADMIN_TOKEN from the example's .dev.vars.
const adminToken = "dev-admin-token"

// seedNewCheckout is flag:new-checkout in seed.json.
const seedNewCheckout = `{"enabled":true,"rollout":50,"overrides":{"qa-team":true,"vip":false}}`

// bucket is the worker's bucketOf, computed independently: FNV-1a 32-bit over the UTF-8 bytes
// of "flag:user", mod 100.
func bucket(flag, user string) int {
	h := fnv.New32a()
	h.Write([]byte(flag + ":" + user))
	return int(h.Sum32() % 100)
}

type decision struct {
	On     bool   `json:"on"`
	Reason string `json:"reason"`
	Bucket *int   `json:"bucket"`
}

func (d decision) String() string {
	if d.Bucket == nil {
		return fmt.Sprintf("{on:%v reason:%s}", d.On, d.Reason)
	}
	return fmt.Sprintf("{on:%v reason:%s bucket:%d}", d.On, d.Reason, *d.Bucket)
}

var client = &http.Client{Timeout: 10 * time.Second}

// call sends a request and returns the status, headers and body.
func call(t *testing.T, method, u, auth, body string, header ...string) (int, http.Header, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// flagsFor returns GET /flags?user=… decoded.
func flagsFor(t *testing.T, base, user string) map[string]decision {
	t.Helper()
	status, _, body := call(t, "GET", base+"/flags?"+url.Values{"user": {user}}.Encode(), "", "")
	if status != 200 {
		t.Fatalf("GET /flags?user=%s: %d %s", user, status, body)
	}
	var got struct {
		User  string              `json:"user"`
		Flags map[string]decision `json:"flags"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("GET /flags: %v in %s", err, body)
	}
	if got.User != user {
		t.Fatalf("GET /flags?user=%q reports user %q", user, got.User)
	}
	return got.Flags
}

// variant returns /checkout's x-variant for a user, checking the body agrees with it.
func variant(t *testing.T, base, user string) string {
	t.Helper()
	status, h, body := call(t, "GET", base+"/checkout?"+url.Values{"user": {user}}.Encode(), "", "")
	v := h.Get("X-Variant")
	want := map[string]string{"new": "<h1>New checkout</h1>", "classic": "<h1>Checkout</h1>"}[v]
	if status != 200 || want == "" || body != want || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /checkout?user=%s: %d x-variant=%q %q", user, status, v, body)
	}
	return v
}

// putFlag changes a flag through the admin route; it must succeed.
func putFlag(t *testing.T, base, name, flag string) {
	t.Helper()
	status, _, body := call(t, "PUT", base+"/admin/flags/"+name, "Bearer "+adminToken, flag)
	if status != 200 {
		t.Fatalf("PUT /admin/flags/%s %s: %d %s", name, flag, status, body)
	}
}

// getFlag reads a flag through the admin route, re-encoded so it compares as a string.
func getFlag(t *testing.T, base, name string) string {
	t.Helper()
	status, _, body := call(t, "GET", base+"/admin/flags/"+name, "Bearer "+adminToken, "")
	if status != 200 {
		t.Fatalf("GET /admin/flags/%s: %d %s", name, status, body)
	}
	return canonical(t, body)
}

func canonical(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// userIDs are the rollout population: mostly ASCII, every tenth multi-byte UTF-8 so the hash
// is checked over UTF-8 bytes, not UTF-16 code units.
func userIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		if i%10 == 9 {
			ids[i] = fmt.Sprintf("ü-用户-🙂-%03d", i)
		} else {
			ids[i] = fmt.Sprintf("user-%03d", i)
		}
	}
	return ids
}

// variantOf is /checkout's x-variant at the seed's rollout of 50 for a user with this bucket.
func variantOf(bucket int) string {
	if bucket < 50 {
		return "new"
	}
	return "classic"
}

// firstUser returns the first id whose new-checkout bucket satisfies ok.
func firstUser(t *testing.T, ok func(int) bool) string {
	t.Helper()
	for _, id := range userIDs(200) {
		if ok(bucket("new-checkout", id)) {
			return id
		}
	}
	t.Fatal("no such user")
	return ""
}

func TestFeatureFlags(t *testing.T) {
	dir := e2e.CopyDir(t, ".")
	if _, stderr, code := e2e.Run(t, dir, "kv", "bulk", "put", "seed.json", "--binding", "FLAGS"); code != 0 {
		t.Fatalf("edge kv bulk put: exit %d\n%s", code, stderr)
	}
	node := e2e.Serve(t, dir)
	base := node.URL

	t.Run("flag kinds", func(t *testing.T) {
		tests := []struct {
			name, flag, user string
			on               bool
			reason           string
		}{
			{"on/off: enabled without rollout is on for everyone", "dark-mode", "user-001", true, "rollout"},
			{"on/off: disabled is off", "beta-search", "user-001", false, "disabled"},
			{"override beats disabled", "beta-search", "qa-team", true, "override"},
			{"override on", "new-checkout", "qa-team", true, "override"},
			// vip's bucket is 41: the rollout alone would turn it on.
			{"override off beats rollout", "new-checkout", "vip", false, "override"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				d := flagsFor(t, base, tc.user)[tc.flag]
				if d.On != tc.on || d.Reason != tc.reason {
					t.Errorf("%s for %s = %v, want on=%v reason=%s", tc.flag, tc.user, d, tc.on, tc.reason)
				}
				if tc.reason == "rollout" && (d.Bucket == nil || *d.Bucket != bucket(tc.flag, tc.user)) {
					t.Errorf("got %v, want bucket %d", d, bucket(tc.flag, tc.user))
				}
			})
		}
		if b := bucket("new-checkout", "vip"); b >= 50 {
			t.Fatalf("vip's bucket is %d: the override case no longer shows an override beating the rollout", b)
		}
	})

	t.Run("user id from x-user-id header, else anonymous", func(t *testing.T) {
		out := firstUser(t, func(b int) bool { return b >= 50 })
		tests := []struct{ name, header, want string }{
			{"header, override", "qa-team", "new"},
			{"header, rollout", out, "classic"},
			{"no id", "", variantOf(bucket("new-checkout", "anonymous"))},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var header []string
				if tc.header != "" {
					header = []string{"X-User-Id", tc.header}
				}
				_, h, _ := call(t, "GET", base+"/checkout", "", "", header...)
				if got := h.Get("X-Variant"); got != tc.want {
					t.Errorf("x-user-id %q: x-variant %q, want %q", tc.header, got, tc.want)
				}
			})
		}
	})

	t.Run("rollout 50 matches FNV-1a buckets and is stable", func(t *testing.T) {
		ids := userIDs(200)
		on := 0
		for _, id := range ids {
			want := bucket("new-checkout", id)
			d := flagsFor(t, base, id)["new-checkout"]
			if d.Reason != "rollout" || d.Bucket == nil || *d.Bucket != want || d.On != (want < 50) {
				t.Fatalf("user %q: %v, want bucket %d on=%v", id, d, want, want < 50)
			}
			if d.On {
				on++
			}
			// The same user gets the same answer again, on /checkout too.
			if again := flagsFor(t, base, id)["new-checkout"]; !reflect.DeepEqual(again, d) {
				t.Fatalf("user %q: %v then %v", id, d, again)
			}
			if v := variant(t, base, id); v != variantOf(want) {
				t.Fatalf("user %q: /checkout x-variant %q, /flags on=%v", id, v, d.On)
			}
		}
		if share := float64(on) / float64(len(ids)); share < 0.40 || share > 0.60 {
			t.Errorf("%d of %d users (%.0f%%) get new-checkout at rollout 50", on, len(ids), share*100)
		}
		t.Logf("%d of %d users get new-checkout at rollout 50", on, len(ids))
	})

	t.Run("admin auth", func(t *testing.T) {
		tests := []struct{ name, method, auth, body string }{
			{"PUT without token", "PUT", "", `{"enabled":false}`},
			{"PUT wrong token", "PUT", "Bearer nope", `{"enabled":false}`},
			{"PUT token without scheme", "PUT", adminToken, `{"enabled":false}`},
			{"PUT Basic", "PUT", "Basic ZGV2LWFkbWluLXRva2Vu", `{"enabled":false}`},
			{"DELETE without token", "DELETE", "", ""},
			{"GET without token", "GET", "", ""},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				status, _, body := call(t, tc.method, base+"/admin/flags/new-checkout", tc.auth, tc.body)
				if status != 401 || body != `{"error":"unauthorized"}` {
					t.Errorf("got %d %s, want 401 unauthorized", status, body)
				}
			})
		}
		if got := getFlag(t, base, "new-checkout"); got != canonical(t, seedNewCheckout) {
			t.Errorf("flag changed by unauthorized requests: %s", got)
		}
	})

	t.Run("admin validation", func(t *testing.T) {
		tests := []struct{ body, error string }{
			{"", "body must be JSON"}, // an empty body
			{"enabled=true", "body must be JSON"},
			{`{"enabled":true`, "body must be JSON"},
			{"null", "body must be a JSON object"},
			{"[]", "body must be a JSON object"},
			{`"on"`, "body must be a JSON object"},
			{"{}", "enabled must be a boolean"},
			{`{"enabled":"true"}`, "enabled must be a boolean"},
			{`{"enabled":1}`, "enabled must be a boolean"},
			{`{"enabled":true,"rollout":101}`, "rollout must be a number between 0 and 100"},
			{`{"enabled":true,"rollout":-1}`, "rollout must be a number between 0 and 100"},
			{`{"enabled":true,"rollout":"50"}`, "rollout must be a number between 0 and 100"},
			{`{"enabled":true,"rollout":null}`, "rollout must be a number between 0 and 100"},
			{`{"enabled":true,"overrides":{"u":"yes"}}`, "overrides must map user ids to booleans"},
			{`{"enabled":true,"overrides":[true]}`, "overrides must map user ids to booleans"},
			{`{"enabled":true,"overrides":null}`, "overrides must map user ids to booleans"},
		}
		for _, tc := range tests {
			name := tc.body
			if name == "" {
				name = "empty body"
			}
			t.Run(name, func(t *testing.T) {
				status, _, body := call(t, "PUT", base+"/admin/flags/new-checkout", "Bearer "+adminToken, tc.body)
				if want := `{"error":"` + tc.error + `"}`; status != 400 || body != want {
					t.Errorf("got %d %s, want 400 %s", status, body, want)
				}
			})
		}
		if got := getFlag(t, base, "new-checkout"); got != canonical(t, seedNewCheckout) {
			t.Errorf("flag changed by invalid requests: %s", got)
		}
	})

	t.Run("admin routes", func(t *testing.T) {
		auth := "Bearer " + adminToken
		// Unknown fields are dropped; the stored flag is what GET returns.
		status, _, body := call(t, "PUT", base+"/admin/flags/scratch", auth, `{"enabled":true,"rollout":12.5,"color":"red"}`)
		if status != 200 || canonical(t, body) != `{"flag":{"enabled":true,"rollout":12.5},"ok":true}` {
			t.Errorf("PUT: %d %s", status, body)
		}
		if got := getFlag(t, base, "scratch"); got != `{"enabled":true,"rollout":12.5}` {
			t.Errorf("GET after PUT: %s", got)
		}
		if status, _, body := call(t, "DELETE", base+"/admin/flags/scratch", auth, ""); status != 204 || body != "" {
			t.Errorf("DELETE: %d %q", status, body)
		}
		if status, _, body := call(t, "GET", base+"/admin/flags/scratch", auth, ""); status != 404 || body != `{"error":"flag not found"}` {
			t.Errorf("GET after DELETE: %d %s", status, body)
		}
		status, h, body := call(t, "POST", base+"/admin/flags/scratch", auth, `{"enabled":true}`)
		if status != 405 || h.Get("Allow") != "GET, PUT, DELETE" || body != `{"error":"method not allowed"}` {
			t.Errorf("POST: %d Allow=%q %s", status, h.Get("Allow"), body)
		}
		for _, path := range []string{"/", "/admin/flags/", "/admin/flags/a.b", "/flags/extra"} {
			if status, _, body := call(t, "GET", base+path, auth, ""); status != 404 || body != `{"error":"not found"}` {
				t.Errorf("GET %s: %d %s", path, status, body)
			}
		}
		// A deleted flag is "missing", which is off.
		if status, _, _ := call(t, "DELETE", base+"/admin/flags/beta-search", auth, ""); status != 204 {
			t.Fatalf("DELETE beta-search: %d", status)
		}
		if d := flagsFor(t, base, "qa-team")["beta-search"]; d.On || d.Reason != "missing" {
			t.Errorf("deleted flag: %v, want off/missing", d)
		}
		putFlag(t, base, "beta-search", `{"enabled":false,"overrides":{"qa-team":true}}`)
		if d := flagsFor(t, base, "qa-team")["beta-search"]; !d.On || d.Reason != "override" {
			t.Errorf("restored flag: %v", d)
		}
	})

	t.Run("changing a flag flips /checkout without restart", func(t *testing.T) {
		in := firstUser(t, func(b int) bool { return b < 50 })   // in the 50% rollout
		out := firstUser(t, func(b int) bool { return b >= 50 }) // outside it
		steps := []struct {
			flag         string
			wantIn, want string // x-variant for in, out
		}{
			{seedNewCheckout, "new", "classic"},
			{`{"enabled":false}`, "classic", "classic"},
			{`{"enabled":true}`, "new", "new"},
			{`{"enabled":true,"rollout":0}`, "classic", "classic"},
			{fmt.Sprintf(`{"enabled":true,"rollout":0,"overrides":{%q:true}}`, out), "classic", "new"},
			{fmt.Sprintf(`{"enabled":false,"overrides":{%q:true,%q:false}}`, out, in), "classic", "new"},
			{fmt.Sprintf(`{"enabled":true,"rollout":100,"overrides":{%q:false}}`, in), "classic", "new"},
			{seedNewCheckout, "new", "classic"},
		}
		for i, s := range steps {
			putFlag(t, base, "new-checkout", s.flag)
			if got := variant(t, base, in); got != s.wantIn {
				t.Errorf("step %d %s: %s (bucket %d) gets %q, want %q", i, s.flag, in, bucket("new-checkout", in), got, s.wantIn)
			}
			if got := variant(t, base, out); got != s.want {
				t.Errorf("step %d %s: %s (bucket %d) gets %q, want %q", i, s.flag, out, bucket("new-checkout", out), got, s.want)
			}
		}
		if n := strings.Count(node.Stdout(), "Ready on"); n != 1 {
			t.Errorf("the node started %d times", n)
		}
	})

	t.Run("KV data survives a restart", func(t *testing.T) {
		const changed = `{"enabled":true,"rollout":10,"overrides":{"night-owl":true}}`
		putFlag(t, base, "dark-mode", changed)
		if err := node.Stop(); err != nil {
			t.Fatalf("SIGTERM: edge serve did not exit cleanly: %v\n%s", err, node.Stderr())
		}
		if !strings.Contains(node.Stdout(), "shutting down") {
			t.Errorf("no shutdown message; stdout:\n%s", node.Stdout())
		}

		again := e2e.Serve(t, dir) // same directory, so the same .edge/state
		if again.URL == base {
			t.Logf("the new node reuses port %s", base)
		}
		if got := getFlag(t, again.URL, "dark-mode"); got != canonical(t, changed) {
			t.Errorf("dark-mode after restart = %s, want %s", got, changed)
		}
		if got := getFlag(t, again.URL, "new-checkout"); got != canonical(t, seedNewCheckout) {
			t.Errorf("new-checkout after restart = %s", got)
		}
		if d := flagsFor(t, again.URL, "night-owl")["dark-mode"]; !d.On || d.Reason != "override" {
			t.Errorf("night-owl's dark-mode after restart: %v", d)
		}
		if err := again.Stop(); err != nil {
			t.Fatalf("second node: %v\n%s", err, again.Stderr())
		}

		// The CLI sees the same data, with the metadata the admin route wrote.
		stdout, stderr, code := e2e.Run(t, dir, "kv", "key", "list", "--prefix", "flag:", "--binding", "FLAGS")
		if code != 0 {
			t.Fatalf("edge kv key list: %d %s", code, stderr)
		}
		var keys []struct {
			Name     string `json:"name"`
			Metadata struct {
				UpdatedAt int64 `json:"updatedAt"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal([]byte(stdout), &keys); err != nil {
			t.Fatalf("%v in %s", err, stdout)
		}
		var names []string
		for _, k := range keys {
			names = append(names, k.Name)
			if k.Name == "flag:dark-mode" && time.Since(time.UnixMilli(k.Metadata.UpdatedAt)) > time.Minute {
				t.Errorf("flag:dark-mode updatedAt = %d", k.Metadata.UpdatedAt)
			}
		}
		if want := []string{"flag:beta-search", "flag:dark-mode", "flag:new-checkout"}; !reflect.DeepEqual(names, want) {
			t.Errorf("keys = %q, want %q", names, want)
		}
	})
}
