package runtime_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/runtime"
)

// startTestModule bundles a test file next to the worker under test and returns the test
// module (Config.Self = self).
func startTestModule(t testing.TB, self *runtime.Worker, dir, entry string) *runtime.Worker {
	t.Helper()
	script, err := runtime.Bundle(runtime.BundleOptions{Entry: entry, Dir: dir})
	if err != nil {
		t.Fatalf("bundle: %v", err)
	}
	script.Format = runtime.FormatModules
	w, err := runtime.NewWorker(runtime.Config{Name: "tests", Script: script, Isolates: 1, Self: self,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("NewWorker: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second) // a timed-out test may still run
		defer cancel()
		_ = w.Close(ctx)
	})
	return w
}

func runTests(t testing.TB, w *runtime.Worker, match func(string) bool) []runtime.TestResult {
	t.Helper()
	var out []runtime.TestResult
	opts := runtime.RunTestsOptions{Match: match, Report: func(r runtime.TestResult) { out = append(out, r) }, Timeout: 500 * time.Millisecond}
	if err := w.RunTests(context.Background(), opts); err != nil {
		t.Fatalf("RunTests: %v", err)
	}
	return out
}

func summary(rs []runtime.TestResult) string {
	var b strings.Builder
	for _, r := range rs {
		state := "ok"
		switch {
		case r.Skipped:
			state = "skip"
		case r.Err != nil:
			state = "FAIL"
		}
		fmt.Fprintf(&b, "%s %s\n", state, r.Name)
	}
	return b.String()
}

func TestRunTestsOrderHooksAndSelf(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/index.js": `let crons = [];
export default {
  async fetch(req) { return Response.json({ path: new URL(req.url).pathname, crons }); },
  async scheduled(ctl) { if (ctl.cron === "bad") throw new Error("bad cron"); crons.push(ctl.cron); },
}`,
		"test/a.test.js": `import { test, describe, beforeAll, beforeEach, afterEach, afterAll, assert, SELF } from "edge:test";
const log = [];
beforeAll(() => { log.push("beforeAll"); });
beforeEach(() => { log.push("beforeEach"); });
afterEach(() => { log.push("afterEach"); });
afterAll(() => { if (log.includes("two") && log.join() !== "beforeAll,beforeEach,one,afterEach,beforeEach,inner,two,afterEach,beforeEach,afterEach,beforeEach,afterEach,beforeEach,afterEach,beforeEach,afterEach") throw new Error("order: " + log.join()); });
test("one", async () => { log.push("one"); });
describe("group", () => {
  beforeEach(() => { log.push("inner"); });
  test("two", () => { log.push("two"); });
});
test.skip("skipped", () => { throw new Error("never"); });
test("self fetch and scheduled", async () => {
  const res = await SELF.fetch("http://x/hello");
  assert.deepEqual(await res.json(), { path: "/hello", crons: [] });
  assert.deepEqual(await SELF.scheduled({ cron: "*/5 * * * *" }), { outcome: "ok", noRetry: false });
  assert.equal((await SELF.scheduled({ cron: "bad" })).outcome, "exception");
  assert.deepEqual((await (await SELF.fetch("http://x/")).json()).crons, ["*/5 * * * *"]);
});
test("fails", () => { assert.equal(1 + 1, 3); });
export const workerdStyle = { async test(ctrl, env, ctx) { ctx.waitUntil(Promise.resolve()); } };
export const workerdFails = { test() { throw new TypeError("from export"); } };
`,
	})
	self := startWorker(t, dir, "src/index.js", 1)
	tw := startTestModule(t, self.Worker, dir, "test/a.test.js")
	rs := runTests(t, tw, nil)
	want := "ok one\nok group > two\nskip skipped\nok self fetch and scheduled\nFAIL fails\nFAIL workerdFails\nok workerdStyle\n"
	if got := summary(rs); got != want {
		for _, r := range rs {
			if r.Err != nil {
				t.Log(r.Name, r.Err)
			}
		}
		t.Fatalf("results:\n%s\nwant:\n%s", got, want)
	}
	fail := rs[4].Err.(*runtime.ScriptError).Stack
	if !strings.HasPrefix(fail, "AssertionError: Expected values to be strictly equal:\n\n2 !== 3\n") ||
		!strings.Contains(fail, "at test/a.test.js:") || strings.Contains(fail, "edge:test.js") {
		t.Errorf("failure stack:\n%s", fail)
	}
	if s := rs[5].Err.(*runtime.ScriptError).Stack; !strings.HasPrefix(s, "TypeError: from export") {
		t.Errorf("export failure: %s", s)
	}
	// A filter selects by name; the hooks still run around the selected test.
	tw2 := startTestModule(t, self.Worker, dir, "test/a.test.js")
	if got := summary(runTests(t, tw2, func(n string) bool { return n == "one" })); got != "ok one\n" {
		t.Errorf("filtered: %s", got)
	}
}

func TestRunTestsFailures(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/index.js": `export default { fetch() { return new Response("ok"); } }`,
		"b.test.js": `import { test, beforeAll, assert } from "edge:test";
beforeAll(async () => { await new Promise((r) => setTimeout(r, 1)); throw new Error("setup failed"); });
test("a", () => {});
test("b", () => {});`,
		"c.test.js": `import { test, assert } from "edge:test";
test("hangs", () => new Promise(() => {}));
test("too slow", () => new Promise((resolve) => setTimeout(resolve, 60000)));
test("deep", () => { assert.deepEqual({ a: 1, b: [1, 2], c: "x" }, { a: 1, b: [1, 3], c: "x" }); });
test("throws", () => { assert.throws(() => { throw new TypeError("bad input"); }, TypeError); assert.throws(() => {}); });
test("rejects", async () => { await assert.rejects(Promise.reject(new Error("no")), /no/); await assert.rejects(Promise.resolve(1)); });
test("match", () => { assert.match("abc", /b/); assert.match("abc", /z/); });
test("ok", () => { assert.ok(1); assert.notEqual(1, 2); assert(0, "zero is falsy"); });`,
	})
	self := startWorker(t, dir, "src/index.js", 1)
	rs := runTests(t, startTestModule(t, self.Worker, dir, "b.test.js"), nil)
	if len(rs) != 2 || rs[0].Err == nil || rs[1].Err == nil || !strings.Contains(rs[1].Err.Error(), "setup failed") {
		t.Fatalf("beforeAll failure: %+v", rs)
	}
	rs = runTests(t, startTestModule(t, self.Worker, dir, "c.test.js"), nil)
	stacks := map[string]string{}
	for _, r := range rs {
		if r.Err == nil {
			t.Errorf("%s passed", r.Name)
			continue
		}
		stacks[r.Name] = r.Err.(*runtime.ScriptError).Stack
	}
	for name, want := range map[string]string{
		"hangs":    "Error: The script will never generate a response.",
		"too slow": "Error: Test timed out in 500ms.",
		"deep":     "AssertionError: Expected values to be deeply equal:\n+ actual - expected\n\n  {\n    a: 1,\n    b: [\n      1,\n+     2,\n-     3,\n    ],\n    c: \"x\",\n  }\n",
		"throws":   "AssertionError: Missing expected exception.",
		"rejects":  "AssertionError: Missing expected rejection.",
		"match":    "AssertionError: The input did not match the regular expression /z/. Input:\n\n\"abc\"\n",
		"ok":       "AssertionError: zero is falsy",
	} {
		if !strings.HasPrefix(stacks[name], want) {
			t.Errorf("%s:\n%s\nwant prefix:\n%s", name, stacks[name], want)
		}
	}
}

// BenchmarkRunTests50 runs a file of 50 tests, each fetching the worker under test and
// using assert: the whole RunTests call per iteration.
func BenchmarkRunTests50(b *testing.B) {
	var src strings.Builder
	src.WriteString("import { test, assert, SELF } from \"edge:test\";\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&src, "test(\"t%d\", async () => { const r = await SELF.fetch(\"http://x/%d\"); assert.equal(await r.text(), \"/%d\"); assert.deepEqual({ i: %d }, { i: %d }); });\n", i, i, i, i, i)
	}
	dir := writeProject(b, map[string]string{
		"src/index.js":  `export default { fetch(req) { return new Response(new URL(req.url).pathname); } }`,
		"bench.test.js": src.String(),
	})
	self := startWorker(b, dir, "src/index.js", 1)
	tw := startTestModule(b, self.Worker, dir, "bench.test.js")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		if err := tw.RunTests(context.Background(), runtime.RunTestsOptions{Report: func(r runtime.TestResult) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			n++
		}}); err != nil || n != 50 {
			b.Fatal(err, n)
		}
	}
}

// Calling the handler directly, as cloudflare:test allows: createExecutionContext,
// waitOnExecutionContext, createScheduledController; test.only skips the others.
func TestRunTestsDirectHandlerCalls(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/index.js": `export let log = [];
export default {
  async fetch(req, env, ctx) { ctx.waitUntil(new Promise((r) => setTimeout(r, 5)).then(() => log.push("later"))); return new Response("now"); },
  async scheduled(ctl) { log.push(ctl.cron + "@" + ctl.scheduledTime); },
}`,
		"d.test.js": `import { test, assert, createExecutionContext, waitOnExecutionContext, createScheduledController, env } from "edge:test";
import worker, { log } from "./src/index.js";
test.only("fetch then waitUntil", async () => {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request("http://x/"), env, ctx);
  assert.equal(await res.text(), "now");
  assert.deepEqual(log, []);
  await waitOnExecutionContext(ctx);
  assert.deepEqual(log, ["later"]);
});
test.only("scheduled", async () => {
  await worker.scheduled(createScheduledController({ cron: "0 * * * *", scheduledTime: 1000 }), env, createExecutionContext());
  assert.deepEqual(log, ["later", "0 * * * *@1000"]);
});
test("not only", () => { throw new Error("runs"); });`,
	})
	self := startWorker(t, dir, "src/index.js", 1)
	if got := summary(runTests(t, startTestModule(t, self.Worker, dir, "d.test.js"), nil)); got != "ok fetch then waitUntil\nok scheduled\nskip not only\n" {
		t.Fatal(got)
	}
}
