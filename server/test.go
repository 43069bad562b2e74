package server

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/edgeruntime/edge/runtime"
)

// TestOptions are the inputs of `edge test`.
type TestOptions struct {
	Options // the project: Configs, Dir, Env, Vars, Logger (console output), Stdout (build output)
	// Paths are test files or directories to search; empty = the entry config's directory.
	Paths []string
	// Match selects tests by name; nil = all.
	Match func(name string) bool
	// Report receives every result as it finishes, file by file in path order.
	Report func(TestResult)
	// Timeout bounds each test; 0 = runtime.DefaultTestTimeout.
	Timeout time.Duration
}

// TestResult is one test's outcome, or (Name "") a test file that failed to build or start.
type TestResult struct {
	File string // relative to the working directory when inside it
	runtime.TestResult
}

// TestFilePatterns are the file names `edge test` finds in directories.
var TestFilePatterns = []string{"*.test.js", "*.test.ts", "*.test.mjs", "*.test.mts"}

// RunTests runs `edge test`: it loads and bundles the project once, then for each test file
// bundles it with the project's bundler settings and runs its tests (runtime.Worker.RunTests)
// against a fresh start of the project (Project.Start: fresh, seeded KV). It reports failed,
// which is non-zero when any test or file failed; err is for failures before any test ran.
func RunTests(ctx context.Context, opts TestOptions) (failed int, err error) {
	p, err := LoadProject(opts.Options)
	if err != nil {
		return 0, err
	}
	cwd := p.dir
	files, err := findTestFiles(cwd, p.Config().Dir, opts.Paths)
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		rel := f
		if r, err := filepath.Rel(cwd, f); err == nil && !strings.HasPrefix(r, "..") {
			rel = r
		}
		report := func(r runtime.TestResult) {
			if r.Err != nil {
				failed++
			}
			opts.Report(TestResult{File: rel, TestResult: r})
		}
		start := time.Now()
		run := runtime.RunTestsOptions{Match: opts.Match, Report: report, Timeout: opts.Timeout}
		if err := p.runTestFile(ctx, f, run); err != nil {
			if ctx.Err() != nil {
				return failed, ctx.Err()
			}
			report(runtime.TestResult{Err: err, Duration: time.Since(start)})
		}
	}
	return failed, nil
}

// runTestFile bundles one test file and runs it against a fresh instance of the project.
func (p *Project) runTestFile(ctx context.Context, file string, run runtime.RunTestsOptions) error {
	cfg := p.Config()
	script, err := runtime.Bundle(bundleOptions(cfg, file))
	if err != nil {
		return err
	}
	// A test file is a module whether or not it has a default export.
	script.Format = runtime.FormatModules
	in, err := p.Start()
	if err != nil {
		return err
	}
	defer in.Close()
	binds, _, err := buildBindings(cfg, in.store, p.opts, p.opts.Vars, in.reg)
	if err != nil {
		return err
	}
	tw, err := runtime.NewWorker(runtime.Config{
		Name:               cfg.Name + " (tests)",
		Script:             script,
		Bindings:           binds,
		Isolates:           1,
		Logger:             p.log.With("worker", cfg.Name, "test", filepath.Base(file)),
		Self:               in.Entry,
		CPULimit:           time.Duration(cfg.Limits.CPUMs) * time.Millisecond,
		SubrequestLimit:    cfg.Limits.Subrequests,
		CompatibilityDate:  cfg.CompatibilityDate,
		CompatibilityFlags: cfg.CompatibilityFlags,
	})
	if err != nil {
		return err
	}
	defer closeWithin(tw, closeLimit)
	return tw.RunTests(ctx, run)
}

// closeLimit is how long closing a test file's workers waits for work still running (a test
// that timed out, a waitUntil that never settles) before stopping them anyway.
const closeLimit = 2 * time.Second

// closeWithin closes w, waiting at most limit for its in-flight work.
func closeWithin(w *runtime.Worker, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	return w.Close(ctx)
}

// findTestFiles lists the test files of paths (files as given, directories searched), or of
// dir when paths is empty, in lexical order. node_modules and dot directories are skipped.
func findTestFiles(cwd, dir string, paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{dir}
	}
	var out []string
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && (name == "node_modules" || strings.HasPrefix(name, ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			for _, pat := range TestFilePatterns {
				if ok, _ := filepath.Match(pat, name); ok {
					out = append(out, path)
					break
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
