package ordersync_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

// order is an order as the origin serves it; any JSON object with id and updatedAt.
type order = map[string]any

// origin is the origin API: GET /orders answers with the current list, or with a forced
// error status.
type origin struct {
	*httptest.Server
	mu     sync.Mutex
	orders []order
	status int // when non-zero, GET /orders answers this status
}

func newOrigin(t *testing.T, orders []order) *origin {
	o := &origin{orders: orders}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/orders" {
			http.NotFound(w, r)
			return
		}
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.status != 0 {
			http.Error(w, "origin is down for maintenance", o.status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(o.orders)
	}))
	t.Cleanup(o.Close)
	return o
}

// update changes fields of the order with this id.
func (o *origin) update(t *testing.T, id string, fields order) {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, ord := range o.orders {
		if ord["id"] == id {
			for k, v := range fields {
				ord[k] = v
			}
			return
		}
	}
	t.Fatalf("origin has no order %s", id)
}

func (o *origin) get(t *testing.T, id string) order {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, ord := range o.orders {
		if ord["id"] == id {
			return clone(t, ord)
		}
	}
	t.Fatalf("origin has no order %s", id)
	return nil
}

func (o *origin) fail(status int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.status = status
}

// push is one POST /deliveries the delivery API received.
type push struct {
	ID             string
	Body           order
	ContentType    string
	IdempotencyKey string
	Status         int // what the delivery API answered
}

// delivery is the delivery API: it records every push and refuses the ids in failing.
type delivery struct {
	*httptest.Server
	mu      sync.Mutex
	pushes  []push
	failing map[string]bool
}

func newDelivery(t *testing.T) *delivery {
	d := &delivery{failing: map[string]bool{}}
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/deliveries" {
			http.NotFound(w, r)
			return
		}
		data, err := io.ReadAll(r.Body)
		var body order
		if err == nil {
			err = json.Unmarshal(data, &body)
		}
		if err != nil {
			http.Error(w, "bad order: "+err.Error(), http.StatusBadRequest)
			return
		}
		id := fmt.Sprint(body["id"])
		d.mu.Lock()
		defer d.mu.Unlock()
		p := push{id, body, r.Header.Get("Content-Type"), r.Header.Get("Idempotency-Key"), http.StatusCreated}
		if d.failing[id] {
			p.Status = http.StatusServiceUnavailable
		}
		d.pushes = append(d.pushes, p)
		if p.Status != http.StatusCreated {
			http.Error(w, "delivery service unavailable", p.Status)
			return
		}
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"accepted":true}`)
	}))
	t.Cleanup(d.Close)
	return d
}

// take returns the pushes received since the last call, sorted by id.
func (d *delivery) take() []push {
	d.mu.Lock()
	defer d.mu.Unlock()
	got := d.pushes
	d.pushes = nil
	slices.SortFunc(got, func(a, b push) int { return strings.Compare(a.ID, b.ID) })
	return got
}

func (d *delivery) setFailing(ids ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.failing = map[string]bool{}
	for _, id := range ids {
		d.failing[id] = true
	}
}

// runSummary is the worker's status:last-run value.
type runSummary struct {
	Cron          string   `json:"cron"`
	ScheduledTime string   `json:"scheduledTime"`
	OK            bool     `json:"ok"`
	Error         *string  `json:"error"`
	Fetched       int      `json:"fetched"`
	Pushed        int      `json:"pushed"`
	New           []string `json:"new"`
	Updated       []string `json:"updated"`
	Unchanged     int      `json:"unchanged"`
	Failed        []struct {
		ID    string `json:"id"`
		Error string `json:"error"`
	} `json:"failed"`
}

var client = &http.Client{Timeout: 20 * time.Second}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// scheduled triggers the cron the way the README shows.
func scheduled(t *testing.T, node *e2e.Node) (int, string) {
	t.Helper()
	return get(t, node.URL+"/__scheduled?cron=*/5+*+*+*+*")
}

// mustRun triggers a run that must succeed.
func mustRun(t *testing.T, node *e2e.Node) {
	t.Helper()
	if status, body := scheduled(t, node); status != 200 || body != "Ran scheduled event" {
		t.Fatalf("/__scheduled: %d %q", status, body)
	}
}

func lastRun(t *testing.T, node *e2e.Node) *runSummary {
	t.Helper()
	status, body := get(t, node.URL+"/status")
	var got struct{ LastRun *runSummary }
	if status != 200 || json.Unmarshal([]byte(body), &got) != nil {
		t.Fatalf("GET /status: %d %s", status, body)
	}
	return got.LastRun
}

// stored returns GET /orders/<id> decoded, or nil on 404.
func stored(t *testing.T, node *e2e.Node, id string) order {
	t.Helper()
	status, body := get(t, node.URL+"/orders/"+id)
	if status == 404 {
		if body != `{"error":"order not found"}` {
			t.Errorf("GET /orders/%s: 404 %s", id, body)
		}
		return nil
	}
	var o order
	if status != 200 || json.Unmarshal([]byte(body), &o) != nil {
		t.Fatalf("GET /orders/%s: %d %s", id, status, body)
	}
	return o
}

func clone(t *testing.T, o order) order {
	t.Helper()
	data, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	var c order
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkPushes compares what the delivery API received with the origin's current orders.
func checkPushes(t *testing.T, got []push, up *origin, ids ...string) {
	t.Helper()
	var gotIDs []string
	for _, p := range got {
		gotIDs = append(gotIDs, p.ID)
	}
	if !slices.Equal(gotIDs, ids) {
		t.Fatalf("delivery API received %q, want %q", gotIDs, ids)
	}
	for _, p := range got {
		want := up.get(t, p.ID)
		if !reflect.DeepEqual(p.Body, want) {
			t.Errorf("push of %s: body %v, want the origin's %v", p.ID, p.Body, want)
		}
		if p.ContentType != "application/json" {
			t.Errorf("push of %s: Content-Type %q", p.ID, p.ContentType)
		}
		if key := fmt.Sprintf("order-%s-%s", p.ID, want["updatedAt"]); p.IdempotencyKey != key {
			t.Errorf("push of %s: Idempotency-Key %q, want %q", p.ID, p.IdempotencyKey, key)
		}
	}
}

func checkSummary(t *testing.T, got *runSummary, ok bool, pushed int, newIDs, updated []string, unchanged int, failed ...string) {
	t.Helper()
	if got == nil {
		t.Fatal("no last run in /status")
	}
	slices.Sort(got.New)
	slices.Sort(got.Updated)
	var failedIDs []string
	for _, f := range got.Failed {
		failedIDs = append(failedIDs, f.ID)
	}
	if got.OK != ok || got.Pushed != pushed || !slices.Equal(got.New, newIDs) || !slices.Equal(got.Updated, updated) ||
		got.Unchanged != unchanged || !slices.Equal(failedIDs, failed) || got.Fetched != 3 {
		t.Errorf("last run = %+v\nwant ok=%v fetched=3 pushed=%d new=%q updated=%q unchanged=%d failed=%q",
			*got, ok, pushed, newIDs, updated, unchanged, failed)
	}
	if got.OK != (got.Error == nil) {
		t.Errorf("last run: ok=%v but error=%v", got.OK, got.Error)
	}
	if got.Cron != "*/5 * * * *" {
		t.Errorf("last run cron = %q", got.Cron)
	}
	if _, err := time.Parse(time.RFC3339, got.ScheduledTime); err != nil {
		t.Errorf("last run scheduledTime %q: %v", got.ScheduledTime, err)
	}
}

// closedURL returns a loopback URL nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	return url
}

func TestOrderSync(t *testing.T) {
	// The origin starts with the orders of orders.json (what `go run ./backends` serves);
	// KV starts with seed.json, which holds an older version of 1001.
	data, err := os.ReadFile("orders.json")
	if err != nil {
		t.Fatal(err)
	}
	var initial []order
	if err := json.Unmarshal(data, &initial); err != nil {
		t.Fatal(err)
	}
	up := newOrigin(t, initial)
	down := newDelivery(t)
	dir := e2e.CopyDir(t, ".")
	if _, stderr, code := e2e.Run(t, dir, "kv", "bulk", "put", "seed.json", "--binding", "ORDERS"); code != 0 {
		t.Fatalf("edge kv bulk put: exit %d\n%s", code, stderr)
	}
	vars := []string{"--test-scheduled", "--var", "ORIGIN_URL:" + up.URL, "--var", "DELIVERY_URL:" + down.URL}
	node := e2e.Serve(t, dir, vars...)

	t.Run("before any run", func(t *testing.T) {
		if got := lastRun(t, node); got != nil {
			t.Errorf("/status before any run: %+v", *got)
		}
		if got := stored(t, node, "1001"); got == nil || got["updatedAt"] != "2026-03-02T09:05:00.000Z" {
			t.Errorf("order 1001 = %v, want the seeded version", got)
		}
		if got := stored(t, node, "1002"); got != nil {
			t.Errorf("order 1002 = %v before any run", got)
		}
	})

	t.Run("first run pushes every order", func(t *testing.T) {
		mustRun(t, node)
		checkPushes(t, down.take(), up, "1001", "1002", "1003")
		for _, id := range []string{"1001", "1002", "1003"} {
			if got, want := stored(t, node, id), up.get(t, id); !reflect.DeepEqual(got, want) {
				t.Errorf("KV order %s = %v, want %v", id, got, want)
			}
		}
		checkSummary(t, lastRun(t, node), true, 3, []string{"1002", "1003"}, []string{"1001"}, 0)
		node.WaitLog(t, "order-sync: fetched 3, pushed 3 (new 2, updated 1), unchanged 0, failed 0", 5*time.Second)
	})

	t.Run("second run pushes nothing", func(t *testing.T) {
		mustRun(t, node)
		checkPushes(t, down.take(), up)
		checkSummary(t, lastRun(t, node), true, 0, nil, nil, 3)
	})

	t.Run("only the changed order is pushed", func(t *testing.T) {
		before1003 := stored(t, node, "1003")
		up.update(t, "1002", order{"updatedAt": "2026-03-02T11:00:00.000Z", "status": "shipped"})
		// 1003 changes too, but with an older updatedAt: not newer, so not pushed.
		up.update(t, "1003", order{"updatedAt": "2026-03-02T09:00:00.000Z", "status": "cancelled"})
		mustRun(t, node)
		checkPushes(t, down.take(), up, "1002")
		if got := stored(t, node, "1002"); got["status"] != "shipped" {
			t.Errorf("KV order 1002 = %v, want the shipped version", got)
		}
		if got := stored(t, node, "1003"); !reflect.DeepEqual(got, before1003) {
			t.Errorf("KV order 1003 = %v, want it unchanged %v", got, before1003)
		}
		checkSummary(t, lastRun(t, node), true, 1, nil, []string{"1002"}, 2)
	})

	t.Run("failed pushes are reported and not recorded", func(t *testing.T) {
		before1003 := stored(t, node, "1003")
		up.update(t, "1001", order{"updatedAt": "2026-03-02T12:00:00.000Z", "status": "refunded"})
		up.update(t, "1003", order{"updatedAt": "2026-03-02T12:00:00.000Z", "status": "paid"})
		down.setFailing("1003")
		status, body := scheduled(t, node)
		const want = "Error: 1 of 3 orders failed: 1003 (delivery API answered 503: delivery service unavailable)\n"
		if status != 500 || body != want {
			t.Fatalf("/__scheduled: %d %q, want 500 %q", status, body, want)
		}
		got := down.take()
		if len(got) != 2 || got[0].ID != "1001" || got[0].Status != 201 || got[1].ID != "1003" || got[1].Status != 503 {
			t.Fatalf("delivery API received %+v, want 1001 accepted and 1003 refused", got)
		}
		// 1001 was delivered, so KV has its new version; 1003 was not, so KV keeps the old one
		// and the next run tries again.
		if got := stored(t, node, "1001"); got["status"] != "refunded" {
			t.Errorf("KV order 1001 = %v, want the refunded version", got)
		}
		if got := stored(t, node, "1003"); !reflect.DeepEqual(got, before1003) {
			t.Errorf("KV order 1003 = %v after a failed push, want it unchanged %v", got, before1003)
		}
		last := lastRun(t, node)
		checkSummary(t, last, false, 1, nil, []string{"1001"}, 1, "1003")
		if last.Error == nil || *last.Error != strings.TrimPrefix(strings.TrimSuffix(want, "\n"), "Error: ") {
			t.Errorf("last run error = %v", last.Error)
		}
		node.WaitLog(t, `msg="Uncaught exception in scheduled handler"`, 5*time.Second)

		// The delivery API recovers: the next run pushes 1003, and only 1003.
		down.setFailing()
		mustRun(t, node)
		checkPushes(t, down.take(), up, "1003")
		if got, want := stored(t, node, "1003"), up.get(t, "1003"); !reflect.DeepEqual(got, want) {
			t.Errorf("KV order 1003 = %v, want %v", got, want)
		}
		checkSummary(t, lastRun(t, node), true, 1, nil, []string{"1003"}, 2)
	})

	t.Run("origin failing", func(t *testing.T) {
		up.fail(http.StatusInternalServerError)
		defer up.fail(0)
		status, body := scheduled(t, node)
		if want := "Error: origin GET /orders answered 500: origin is down for maintenance\n"; status != 500 || body != want {
			t.Fatalf("/__scheduled: %d %q, want 500 %q", status, body, want)
		}
		checkPushes(t, down.take(), up)
		last := lastRun(t, node)
		if last == nil || last.OK || last.Fetched != 0 || last.Error == nil || !strings.HasPrefix(*last.Error, "origin GET /orders answered 500") {
			t.Errorf("last run = %+v", last)
		}
	})

	// Everything the worker knows is in KV: after a restart nothing is pushed again.
	t.Run("restart keeps state", func(t *testing.T) {
		mustRun(t, node) // a clean run to compare against
		checkPushes(t, down.take(), up)
		if err := node.Stop(); err != nil {
			t.Fatalf("edge serve did not stop cleanly: %v\n%s", err, node.Stderr())
		}
		// The store is free now: read it with the CLI, as the README shows.
		stdout, stderr, code := e2e.Run(t, dir, "kv", "key", "get", "order:1003", "--binding", "ORDERS")
		var o order
		if code != 0 || json.Unmarshal([]byte(stdout), &o) != nil || !reflect.DeepEqual(o, up.get(t, "1003")) {
			t.Errorf("edge kv key get order:1003: exit %d %s %s", code, stdout, stderr)
		}

		node2 := e2e.Serve(t, dir, vars...)
		checkSummary(t, lastRun(t, node2), true, 0, nil, nil, 3)
		mustRun(t, node2)
		checkPushes(t, down.take(), up)
		checkSummary(t, lastRun(t, node2), true, 0, nil, nil, 3)
		for _, id := range []string{"1001", "1002", "1003"} {
			if got, want := stored(t, node2, id), up.get(t, id); !reflect.DeepEqual(got, want) {
				t.Errorf("after restart, KV order %s = %v, want %v", id, got, want)
			}
		}

		// With the delivery API unreachable, a change is reported and not recorded.
		if err := node2.Stop(); err != nil {
			t.Fatalf("edge serve did not stop cleanly: %v\n%s", err, node2.Stderr())
		}
		node3 := e2e.Serve(t, dir, "--test-scheduled", "--var", "ORIGIN_URL:"+up.URL, "--var", "DELIVERY_URL:"+closedURL(t))
		before := stored(t, node3, "1002")
		up.update(t, "1002", order{"updatedAt": "2026-03-03T08:00:00.000Z", "status": "delivered"})
		status, body := scheduled(t, node3)
		if status != 500 || !strings.HasPrefix(body, "Error: 1 of 3 orders failed: 1002 (delivery API unreachable: ") {
			t.Errorf("/__scheduled with the delivery API down: %d %q", status, body)
		}
		if got := stored(t, node3, "1002"); !reflect.DeepEqual(got, before) {
			t.Errorf("KV order 1002 = %v after a failed push, want %v", got, before)
		}
	})

	t.Run("routes", func(t *testing.T) {
		node := e2e.Serve(t, dir, vars...)
		for _, tc := range []struct {
			method, path string
			status       int
			body         string
		}{
			{"GET", "/orders/nope", 404, `{"error":"order not found"}`},
			{"GET", "/orders/%E0%A4", 400, `{"error":"invalid order id"}`},
			{"GET", "/orders/" + strings.Repeat("x", 600), 404, `{"error":"order not found"}`},
			{"GET", "/orders", 404, `{"error":"not found"}`},
			{"GET", "/", 404, `{"error":"not found"}`},
			{"POST", "/status", 405, `{"error":"method not allowed"}`},
		} {
			req, err := http.NewRequest(tc.method, node.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || string(body) != tc.body || resp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("%s %s: %d %s %q, want %d %s", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), body, tc.status, tc.body)
			}
		}
	})
}
