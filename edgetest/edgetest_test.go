package edgetest_test

import (
	"context"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/edgeruntime/edge/edgetest"
)

func get(t *testing.T, w *edgetest.Worker, url string) string {
	t.Helper()
	srv := httptest.NewServer(w) // over a real loopback connection this time
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestStartScriptKVVarsAndScheduled(t *testing.T) {
	w, err := edgetest.StartScript(`let runs = 0;
addEventListener("fetch", (e) => e.respondWith((async () => new Response(NAME + " " + runs + " " + (await STORE.get("k"))))()));
addEventListener("scheduled", () => { runs++; });`, &edgetest.Options{KV: []string{"STORE"}, Vars: []string{"NAME:svc"}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.KVPut("STORE", "k", "v"); err != nil {
		t.Fatal(err)
	}
	if err := w.Scheduled(context.Background(), "* * * * *"); err != nil {
		t.Fatal(err)
	}
	if got := get(t, w, "/"); got != "svc 1 v" {
		t.Fatalf("got %q", got)
	}
	if _, _, err := w.KVGet("NOPE", "k"); err == nil {
		t.Error("KVGet of an unknown binding succeeded")
	}
}

// Two starts of one folder have separate KV namespaces.
func TestStartIsolatesKV(t *testing.T) {
	a, err := edgetest.Start("../examples/feature-flags", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := edgetest.Start("../examples/feature-flags", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := a.KVPut("FLAGS", "flag:dark-mode", `{"enabled":false}`); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := b.KVGet("FLAGS", "flag:dark-mode"); v != `{"enabled":true}` {
		t.Fatalf("b sees %q", v)
	}
}
