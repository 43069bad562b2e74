package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

var (
	casesDir   = filepath.Join("testdata", "cases")
	goldenDir  = filepath.Join("testdata", "golden")
	knownPath  = filepath.Join("testdata", "known_failures.json")
	recordHint = "node ../shared/conformance/run.mjs --target reference --cases internal/conformance/testdata/cases --golden internal/conformance/testdata/golden"
)

// edgeBinary is the edge under test: $EDGE_CONFORMANCE_BIN if set (a prebuilt binary), else
// cmd/edge built from this checkout.
func edgeBinary(t *testing.T) string {
	if p := os.Getenv("EDGE_CONFORMANCE_BIN"); p != "" {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(abs); err != nil {
			t.Fatalf("EDGE_CONFORMANCE_BIN: %v", err)
		}
		return abs
	}
	return e2e.Binary(t)
}

// outcome is one judged check (also the row of the optional JSON report).
type outcome struct {
	Case     string `json:"case"`
	Run      string `json:"run"`
	Request  string `json:"request"`
	Check    string `json:"check"`
	Label    string `json:"label"`
	OK       bool   `json:"ok"`
	Known    bool   `json:"known"`
	Expected any    `json:"expected"`
	Actual   any    `json:"actual"`
}

type tally struct {
	mu       sync.Mutex
	outcomes []outcome
}

func (t *tally) add(o outcome) {
	t.mu.Lock()
	t.outcomes = append(t.outcomes, o)
	t.mu.Unlock()
}

// TestConformance judges edge against the goldens workerd recorded: every case folder under
// testdata/cases that has a golden is a subtest, every request a subtest of it. A check that
// differs from the golden fails the test unless testdata/known_failures.json lists it; a listed
// check that matches fails the test too, so that the list stays honest — except when its reason
// starts with "flaky:" (edge's own result varies between runs; workerd's does not).
//
// Set EDGE_CONFORMANCE_REPORT=FILE to also write every judged check as JSON.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("starts edge for every case (about a minute); skipped with -short")
	}
	known, err := LoadKnownFailures(knownPath)
	if err != nil {
		t.Fatal(err)
	}
	names, err := ListCases(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("no cases under %s", casesDir)
	}
	checkKnownLabels(t, names, known)

	bin := edgeBinary(t)
	tl := &tally{}
	for _, name := range names {
		t.Run(name, func(t *testing.T) { runCase(t, bin, name, known, tl) })
	}

	matched, mismatched, knownFailed := 0, 0, 0
	for _, o := range tl.outcomes {
		switch {
		case o.OK:
			matched++
		case o.Known:
			knownFailed++
		default:
			mismatched++
		}
	}
	t.Logf("checks: %d matched, %d mismatched (not known), %d known failures", matched, mismatched, knownFailed)
	if path := os.Getenv("EDGE_CONFORMANCE_REPORT"); path != "" {
		data, _ := json.MarshalIndent(tl.outcomes, "", "  ")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Errorf("write report: %v", err)
		}
	}
}

// checkKnownLabels fails on known_failures.json entries that name no recorded check.
func checkKnownLabels(t *testing.T, names []string, known KnownFailures) {
	labels := map[string]bool{}
	for _, name := range names {
		g, err := LoadGolden(filepath.Join(goldenDir, name+".json"))
		if err != nil {
			continue
		}
		for _, r := range g.Runs {
			for _, q := range r.Results {
				for _, c := range q.Checks {
					labels[g.Label(r.Name, q.Name, c.Name)] = true
				}
			}
		}
	}
	for _, l := range known.Keys() {
		if !labels[l] {
			t.Errorf("%s lists %q, which is no recorded check (renamed or re-recorded?)", knownPath, l)
		}
	}
}

func runCase(t *testing.T, bin, name string, known KnownFailures, tl *tally) {
	c, err := LoadCase(casesDir, name)
	if err != nil {
		t.Fatal(err)
	}
	gpath := filepath.Join(goldenDir, name+".json")
	if _, err := os.Stat(gpath); os.IsNotExist(err) {
		t.Skipf("no golden %s; record it with: %s --case %s", gpath, recordHint, name)
	}
	g, err := LoadGolden(gpath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(c.Dir, "package.json")); err == nil {
		if _, err := os.Stat(filepath.Join(c.Dir, "node_modules")); err != nil {
			t.Fatalf("%s has a package.json but no node_modules: run scripts/setup.sh (it runs npm install for every tracked package.json)", c.Dir)
		}
	}
	var origin *Origin
	if c.Origin {
		origin, err = StartOrigin()
		if err != nil {
			t.Fatal(err)
		}
		defer origin.Close()
	}
	caseDeadline := time.Now().Add(time.Duration(c.TimeoutMs) * time.Millisecond)
	tmp := t.TempDir()
	for _, run := range c.Runs {
		var gRun *GoldenRun
		for i := range g.Runs {
			if g.Runs[i].Name == run.Name {
				gRun = &g.Runs[i]
			}
		}
		body := func(t *testing.T) { runOne(t, bin, c, g, gRun, run, origin, tmp, caseDeadline, known, tl) }
		if len(c.Runs) > 1 {
			t.Run(run.Name, body)
		} else {
			body(t)
		}
	}
	// recorded runs the case no longer has
	for _, gr := range g.Runs {
		found := false
		for _, run := range c.Runs {
			found = found || run.Name == gr.Name
		}
		if !found {
			for _, gq := range gr.Results {
				judge(t, g, gr.Name, &gq, nil, "request not run", known, tl)
			}
		}
	}
}

func runOne(t *testing.T, bin string, c *Case, g *Golden, gRun *GoldenRun, run Run, origin *Origin, tmp string, caseDeadline time.Time, known KnownFailures, tl *tally) {
	if gRun == nil {
		t.Logf("run %s is not in the golden; its checks are not compared (re-record the golden)", run.Name)
	}
	goldenReq := func(name string) *GoldenRequest {
		if gRun == nil {
			return nil
		}
		for i := range gRun.Results {
			if gRun.Results[i].Name == name {
				return &gRun.Results[i]
			}
		}
		return nil
	}
	persist := filepath.Join(tmp, run.Name, "persist")
	if err := os.MkdirAll(persist, 0o755); err != nil {
		t.Fatal(err)
	}
	rt, err := StartEdge(bin, c.Dir, persist, run.Serve, time.Duration(c.StartupTimeoutMs)*time.Millisecond)
	if err != nil {
		t.Errorf("[%s] start failed: %v", run.Name, err)
		for _, q := range run.Requests {
			if gq := goldenReq(q.Name); gq != nil {
				judge(t, g, run.Name, gq, nil, "runtime did not start", known, tl)
			}
		}
		return
	}
	defer func() {
		if err := rt.Stop(); err != nil {
			t.Logf("[%s] %v", run.Name, err)
		}
	}()
	vars := Vars{"BASE": rt.Base, "HOSTPORT": fmt.Sprintf("127.0.0.1:%d", rt.Port)}
	if origin != nil {
		vars["ORIGIN"] = origin.Base
		vars["ORIGIN_HOSTPORT"] = strings.TrimPrefix(origin.Base, "http://")
	}
	ran := map[string]bool{}
	for _, q := range run.Requests {
		ran[q.Name] = true
		t.Run(q.Name, func(t *testing.T) {
			var r *Response
			if time.Now().After(caseDeadline) {
				r = &Response{Err: "case timeout"}
			} else {
				if q.SleepBeforeMs > 0 {
					time.Sleep(time.Duration(q.SleepBeforeMs) * time.Millisecond)
				}
				timeout := 60 * time.Second
				if q.TimeoutMs > 0 {
					timeout = time.Duration(q.TimeoutMs) * time.Millisecond
				}
				if left := time.Until(caseDeadline); left < timeout {
					timeout = max(left, time.Second)
				}
				r = Do(rt.Base, q, vars, timeout)
			}
			gq := goldenReq(q.Name)
			if gq == nil {
				if gRun != nil {
					t.Logf("request %s is not in the golden; not compared (re-record the golden)", q.Name)
				}
				return
			}
			if r.Err != "" {
				judge(t, g, run.Name, gq, nil, r.Err, known, tl)
				if !allKnown(g, run.Name, gq, known) {
					t.Logf("edge output (last 20 lines):\n%s", rt.Tail(20))
				}
				return
			}
			values, err := Extract(q, r, vars)
			if err != nil {
				t.Fatalf("case error: %v", err)
			}
			if q.Compare.Streamed != 0 || q.Compare.FasterThanMs != 0 {
				t.Logf("note: streamed/fasterThanMs checks depend on timing (total %v, first body bytes at %v)", r.Total, r.FirstChunkAt)
			}
			judge(t, g, run.Name, gq, values, "", known, tl)
		})
	}
	if gRun != nil {
		for i := range gRun.Results {
			gq := &gRun.Results[i]
			if !ran[gq.Name] {
				judge(t, g, run.Name, gq, nil, "request not run", known, tl)
			}
		}
	}
}

func allKnown(g *Golden, run string, gq *GoldenRequest, known KnownFailures) bool {
	for _, c := range gq.Checks {
		if _, ok := known[g.Label(run, gq.Name, c.Name)]; !ok {
			return false
		}
	}
	return true
}

// judge compares one request's checks with the golden. requestErr, when set, fails every check
// of the request (the node runner's "<error>" marker), reported in one line.
func judge(t *testing.T, g *Golden, run string, gq *GoldenRequest, values Checks, requestErr string, known KnownFailures, tl *tally) {
	t.Helper()
	var unexpectedReqErr []string
	for _, gc := range gq.Checks {
		label := g.Label(run, gq.Name, gc.Name)
		var actual any
		ok := false
		switch {
		case requestErr != "":
			actual = "<" + requestErr + ">"
		default:
			v, present := values[gc.Name]
			if !present {
				actual = "<missing>"
			} else {
				actual = v
				ok = Equal(gc.Value, v)
			}
		}
		reason, isKnown := known[label]
		tl.add(outcome{Case: g.Case, Run: run, Request: gq.Name, Check: gc.Name, Label: label, OK: ok, Known: isKnown && !ok, Expected: gc.Value, Actual: actual})
		switch {
		case ok && isKnown && strings.HasPrefix(reason, "flaky:"):
			t.Logf("known failure %s passed this time (it is marked flaky: edge's result varies from run to run)", label)
		case ok && isKnown:
			t.Errorf("FIXED %s matches the golden now: remove it from %s (it said: %s)", label, knownPath, reason)
		case ok:
		case isKnown:
			t.Logf("known failure %s (%s)\n    expected %s\n    actual   %s", label, reason, Show(gc.Value), Show(actual))
		case requestErr != "":
			unexpectedReqErr = append(unexpectedReqErr, gc.Name)
		default:
			t.Errorf("MISMATCH %s\n    expected %s\n    actual   %s", label, Show(gc.Value), Show(actual))
		}
	}
	if len(unexpectedReqErr) > 0 {
		t.Errorf("MISMATCH %s (%d checks: %s): <%s>", strings.TrimSuffix(g.Label(run, gq.Name, ""), " "), len(unexpectedReqErr), strings.Join(unexpectedReqErr, ", "), requestErr)
	}
}
