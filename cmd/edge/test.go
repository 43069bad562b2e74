package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/edgeruntime/edge/runtime"
	"github.com/edgeruntime/edge/server"
)

// runTest is `edge test [paths…]`: the worker's own test files, run inside the runtime.
func runTest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var configs, vars listFlag
	fs.Var(&configs, "config", "Path to the Wrangler configuration file (default: wrangler.json, wrangler.jsonc or wrangler.toml, found upwards); repeat it to add workers reachable through service bindings")
	fs.Var(&configs, "c", "shorthand for --config")
	env := fs.String("env", "", "Environment to use: applies [env.NAME] and selects .dev.vars.NAME / .env.NAME")
	fs.StringVar(env, "e", "", "shorthand for --env")
	fs.Var(&vars, "var", "A variable to set on env, as KEY:VALUE (repeatable; wins over [vars] and .dev.vars)")
	filter := fs.String("filter", "", "Run only the tests whose name (\"describe > test\") matches this regular expression")
	fs.StringVar(filter, "t", "", "shorthand for --filter")
	timeout := fs.Duration("timeout", 0, "Time limit of each test, e.g. 10s (default: 5s)")
	asJSON := fs.Bool("json", false, "Print one JSON object per test and a summary object, one per line")
	testHelp := func(w io.Writer) {
		writeHelp(w, help{
			usage: "edge test [paths..]",
			description: "Run the worker's tests inside the runtime: every *.test.js / *.test.ts under the config's folder (or the paths given) is bundled like the worker " +
				"and run with its bindings; each test file gets fresh KV namespaces, seeded from [test] kv_seed. Tests import from \"edge:test\" " +
				"(test, describe, beforeAll/beforeEach/afterEach/afterAll, assert, env, SELF) or export workerd-style { test(ctrl, env, ctx) } objects.",
			positionals: []helpRow{{"paths", "Test files or folders to search (default: the config's folder)", "array"}},
			globals:     append(flagRows(fs, "config", "env"), helpRow{"-h, --help", "Show help", "boolean"}),
			options:     flagRows(fs, "filter", "json", "timeout", "var"),
			examples: [][2]string{
				{"edge test", "Run every test file of the project"},
				{"edge test test/auth.test.ts --filter expired", "Run the tests of one file whose name contains \"expired\""},
				{"edge test --json", "Report results as JSON lines"},
			},
		})
	}
	fs.Usage = func() { testHelp(stderr) }
	if wantsHelp(args) {
		testHelp(stdout)
		return 0
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var match func(string) bool
	if *filter != "" {
		re, err := regexp.Compile(*filter)
		if err != nil {
			fmt.Fprintf(stderr, "edge test: --filter: %v\n", err)
			return 2
		}
		match = re.MatchString
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	var mu sync.Mutex // console output and results share stdout
	var counts struct{ passed, failed, skipped int }
	files := map[string]bool{}
	report := func(r server.TestResult) {
		mu.Lock()
		defer mu.Unlock()
		files[r.File] = true
		status := "pass"
		switch {
		case r.Err != nil:
			status = "fail"
			counts.failed++
		case r.Skipped:
			status = "skip"
			counts.skipped++
		default:
			counts.passed++
		}
		if *asJSON {
			ev := jsonTest{Type: "test", File: r.File, Name: r.Name, Status: status, DurationMs: float64(r.Duration.Microseconds()) / 1000}
			if r.Err != nil {
				ev.Error = errorText(r.Err)
			}
			_ = enc.Encode(ev)
			return
		}
		name := r.File
		if r.Name != "" {
			name += " > " + r.Name
		}
		switch status {
		case "pass":
			fmt.Fprintf(stdout, "ok    %s (%s)\n", name, r.Duration.Round(10*time.Microsecond))
		case "skip":
			fmt.Fprintf(stdout, "skip  %s\n", name)
		default:
			fmt.Fprintf(stdout, "FAIL  %s\n", name)
			for _, l := range strings.Split(strings.TrimRight(errorText(r.Err), "\n"), "\n") {
				fmt.Fprintf(stdout, "      %s\n", l)
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	log := slog.New(&consoleHandler{w: stderr, mu: &mu, next: slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})})
	_, err := server.RunTests(ctx, server.TestOptions{
		Options: server.Options{Configs: configs, Env: *env, Vars: vars, Logger: log, Stdout: stderr},
		Paths:   fs.Args(),
		Match:   match,
		Report:  report,
		Timeout: *timeout,
	})
	if err != nil {
		fmt.Fprintf(stderr, "edge test: %v\n", err)
		return 1
	}
	total := counts.passed + counts.failed + counts.skipped
	elapsed := time.Since(start)
	if *asJSON {
		_ = enc.Encode(jsonSummary{Type: "summary", Files: len(files), Passed: counts.passed, Failed: counts.failed, Skipped: counts.skipped, DurationMs: float64(elapsed.Microseconds()) / 1000})
	} else {
		fmt.Fprintf(stdout, "\n%d passed, %d failed, %d skipped (%s in %s) in %s\n", counts.passed, counts.failed, counts.skipped,
			plural(total, "test"), plural(len(files), "file"), elapsed.Round(time.Millisecond))
	}
	if total == 0 {
		fmt.Fprintln(stderr, "edge test: no tests ran (no *.test.js / *.test.ts files found, or --filter matched none)")
		return 1
	}
	if counts.failed > 0 {
		return 1
	}
	return 0
}

// plural is "1 test", "2 tests".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// jsonTest and jsonSummary are the lines of `edge test --json`.
type jsonTest struct {
	Type       string  `json:"type"` // "test"
	File       string  `json:"file"`
	Name       string  `json:"name"`   // "" for a file that failed to build or start
	Status     string  `json:"status"` // "pass", "fail", "skip"
	DurationMs float64 `json:"duration_ms"`
	Error      string  `json:"error,omitempty"` // the source-mapped stack
}

type jsonSummary struct {
	Type       string  `json:"type"` // "summary"
	Files      int     `json:"files"`
	Passed     int     `json:"passed"`
	Failed     int     `json:"failed"`
	Skipped    int     `json:"skipped"`
	DurationMs float64 `json:"duration_ms"`
}

// errorText is a failure's stack (a script error) or message.
func errorText(err error) string {
	var se *runtime.ScriptError
	if errors.As(err, &se) {
		return se.Stack
	}
	return err.Error()
}

// consoleHandler prints the tests' console output as plain lines (console.warn and
// console.error prefixed with their level) and hands
// every other record (warnings and errors of the runtime) to next.
type consoleHandler struct {
	w    io.Writer
	mu   *sync.Mutex
	next slog.Handler
}

func (h *consoleHandler) Enabled(ctx context.Context, l slog.Level) bool { return true }

func (h *consoleHandler) Handle(ctx context.Context, r slog.Record) error {
	console := false
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "source" && a.Value.String() == "console" {
			console = true
			return false
		}
		return true
	})
	if !console {
		if !h.next.Enabled(ctx, r.Level) {
			return nil
		}
		return h.next.Handle(ctx, r)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	prefix := ""
	if r.Level >= slog.LevelWarn {
		prefix = r.Level.String() + ": "
	}
	_, err := fmt.Fprintf(h.w, "%s%s\n", prefix, r.Message)
	return err
}

func (h *consoleHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &consoleHandler{w: h.w, mu: h.mu, next: h.next.WithAttrs(attrs)}
}

func (h *consoleHandler) WithGroup(name string) slog.Handler {
	return &consoleHandler{w: h.w, mu: h.mu, next: h.next.WithGroup(name)}
}
