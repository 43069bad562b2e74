package runtime_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime"
)

func TestScheduledModule(t *testing.T) {
	dir := writeProject(t, map[string]string{"src/index.js": `let runs = [];
export default {
  async fetch() { return Response.json(runs); },
  async scheduled(controller, env, ctx) {
    if (controller.cron === "boom") throw new Error("cron failed");
    if (controller.cron === "late") { ctx.waitUntil(Promise.reject(new TypeError("late failure"))); return; }
    ctx.waitUntil(new Promise((r) => setTimeout(r, 50)).then(() => runs.push("waited")));
    runs.push([controller.cron, controller.scheduledTime, controller.type, typeof controller.noRetry]);
  },
}`})
	w := startWorker(t, dir, "src/index.js", 1)
	ctx := context.Background()
	at := time.UnixMilli(1700000000123)
	if err := w.Worker.Scheduled(ctx, "*/5 * * * *", at); err != nil {
		t.Fatal(err)
	}
	if r := get(t, w.URL+"/"); r.body != `[["*/5 * * * *",1700000000123,null,"function"],"waited"]` {
		t.Fatalf("runs %s", r.body)
	}
	err := w.Worker.Scheduled(ctx, "boom", at)
	var se *runtime.ScriptError
	if !errors.As(err, &se) || !strings.HasPrefix(se.Stack, "Error: cron failed") {
		t.Fatalf("boom: %v", err)
	}
	// A rejected waitUntil promise is logged but is not the run's result (wrangler answers 200).
	if err := w.Worker.Scheduled(ctx, "late", at); err != nil {
		t.Fatalf("late: %v", err)
	}
	if !strings.Contains(w.Logs.String(), "late failure") {
		t.Errorf("waitUntil rejection not logged")
	}
	if !strings.Contains(w.Logs.String(), "cron failed") {
		t.Errorf("exception not logged:\n%s", w.Logs.String())
	}
}

func TestScheduledServiceWorkerAndMissing(t *testing.T) {
	dir := writeProject(t, map[string]string{"worker.js": `let seen = "";
addEventListener("scheduled", (e) => { e.waitUntil(Promise.resolve().then(() => { seen = e.cron + "|" + e.type; })); });
addEventListener("fetch", (e) => e.respondWith(new Response(seen)));`})
	w := startWorker(t, dir, "worker.js", 1)
	if err := w.Worker.Scheduled(context.Background(), "0 0 * * *", time.Now()); err != nil {
		t.Fatal(err)
	}
	if r := get(t, w.URL+"/"); r.body != "0 0 * * *|scheduled" {
		t.Fatalf("got %q", r.body)
	}
	m := startJS(t, `export default { fetch() { return new Response("x") } }`)
	if err := m.Worker.Scheduled(context.Background(), "", time.Now()); err == nil || !strings.Contains(err.Error(), "does not export a scheduled() function") {
		t.Fatalf("missing handler: %v", err)
	}
}
