package wagi

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"

	"github.com/edgeruntime/edge/kvstore"
)

// DefaultTimeLimit bounds one request's run when Config.TimeLimit is zero (the JS workers'
// default CPU limit).
const DefaultTimeLimit = 30 * time.Second

// Config describes a standalone Wasm worker.
type Config struct {
	Name   string // worker name, for logs
	Module []byte // the WASI command module
	// Store and KV give the worker its KV namespaces: binding name → namespace id.
	Store *kvstore.Store
	KV    map[string]string
	// Vars are the worker's text vars and secrets (var_get).
	Vars map[string]string
	// TimeLimit bounds one request's run; 0 = DefaultTimeLimit, negative = none.
	TimeLimit time.Duration
	// CacheDir, when set, keeps the compiled module on disk (wazero's compilation cache).
	CacheDir string
	Logger   *slog.Logger
}

// Worker runs a WASI module once per request. It is an http.Handler and safe for
// concurrent use.
type Worker struct {
	cfg      Config
	log      *slog.Logger
	rt       wazero.Runtime
	cache    wazero.CompilationCache
	compiled wazero.CompiledModule
	limit    time.Duration
}

// New compiles the module and prepares the host modules (WASI and "edge").
func New(ctx context.Context, cfg Config) (*Worker, error) {
	var cache wazero.CompilationCache
	if cfg.CacheDir != "" {
		c, err := wazero.NewCompilationCacheWithDir(cfg.CacheDir)
		if err != nil {
			return nil, fmt.Errorf("wagi: compilation cache: %w", err)
		}
		cache = c
	} else {
		cache = wazero.NewCompilationCache()
	}
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().WithCompilationCache(cache).WithCloseOnContextDone(true))
	w := &Worker{cfg: cfg, log: cfg.Logger, rt: rt, cache: cache, limit: cfg.TimeLimit}
	if w.log == nil {
		w.log = slog.Default()
	}
	if w.limit == 0 {
		w.limit = DefaultTimeLimit
	}
	fail := func(err error) (*Worker, error) {
		_ = rt.Close(ctx)
		_ = cache.Close(ctx)
		return nil, err
	}
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		return fail(err)
	}
	if err := instantiateHostModule(ctx, rt); err != nil {
		return fail(err)
	}
	compiled, err := rt.CompileModule(ctx, cfg.Module)
	if err != nil {
		return fail(fmt.Errorf("wagi: compile: %w", err))
	}
	w.compiled = compiled
	return w, nil
}

// Close releases the compiled module and the runtime.
func (w *Worker) Close(ctx context.Context) error {
	err := w.rt.Close(ctx)
	if cerr := w.cache.Close(ctx); err == nil {
		err = cerr
	}
	return err
}

// Instantiate runs the module once with an empty request and discards the output; it measures
// what a request costs beyond the module's own work (benchmarks).
func (w *Worker) Instantiate(ctx context.Context) error {
	mod, err := w.rt.InstantiateModule(ctx, w.compiled, wazero.NewModuleConfig().WithName("").
		WithStartFunctions().WithSysWalltime().WithSysNanotime().WithRandSource(rand.Reader))
	if err != nil {
		return err
	}
	return mod.Close(ctx)
}

// ServeHTTP runs the module for r and writes its CGI response.
func (w *Worker) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if w.limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.limit)
		defer cancel()
	}
	call := &call{w: w}
	ctx = context.WithValue(ctx, callKey{}, call)
	var stdout bytes.Buffer
	stderr := &lineLogger{log: w.log, worker: w.cfg.Name}
	cfg := wazero.NewModuleConfig().
		WithName("").
		WithStdin(r.Body).
		WithStdout(&stdout).
		WithStderr(stderr).
		WithSysWalltime().
		WithSysNanotime().
		WithSysNanosleep().
		WithRandSource(rand.Reader).
		WithArgs(args(r)...)
	for _, kv := range environment(r) {
		cfg = cfg.WithEnv(kv[0], kv[1])
	}
	mod, err := w.rt.InstantiateModule(ctx, w.compiled, cfg)
	if mod != nil {
		_ = mod.Close(context.Background())
	}
	stderr.flush()
	var exit *sys.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 0 {
		err = nil
	}
	if err != nil {
		if ctx.Err() != nil && r.Context().Err() == nil {
			w.log.Error("Worker exceeded CPU time limit.", "worker", w.cfg.Name, "path", r.URL.Path)
			http.Error(rw, "Error: Worker exceeded CPU time limit.", http.StatusServiceUnavailable)
			return
		}
		w.log.Error("wasm module failed", "worker", w.cfg.Name, "path", r.URL.Path, "error", err)
		http.Error(rw, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	if err := writeCGI(rw, stdout.Bytes()); err != nil {
		w.log.Error("wasm module wrote an invalid CGI response", "worker", w.cfg.Name, "path", r.URL.Path, "error", err)
		http.Error(rw, "Internal Server Error", http.StatusInternalServerError)
	}
}

// args is WAGI's argv: the path, then the query's "&"-separated parts, URL-decoded.
func args(r *http.Request) []string {
	out := []string{r.URL.Path}
	if q := r.URL.RawQuery; q != "" {
		for _, p := range strings.Split(q, "&") {
			if d, err := url.QueryUnescape(p); err == nil {
				p = d
			}
			out = append(out, p)
		}
	}
	return out
}

// environment is the CGI environment of r, as WAGI sets it.
func environment(r *http.Request) [][2]string {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, "80"
	}
	remote, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		remote = r.RemoteAddr
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	length := ""
	if r.ContentLength > 0 {
		length = strconv.FormatInt(r.ContentLength, 10)
	}
	env := [][2]string{
		{"AUTH_TYPE", ""},
		{"CONTENT_LENGTH", length},
		{"CONTENT_TYPE", r.Header.Get("Content-Type")},
		{"GATEWAY_INTERFACE", "CGI/1.1"},
		{"PATH_INFO", r.URL.Path},
		{"PATH_TRANSLATED", r.URL.Path},
		{"QUERY_STRING", r.URL.RawQuery},
		{"REMOTE_ADDR", remote},
		{"REMOTE_HOST", remote},
		{"REMOTE_USER", ""},
		{"REQUEST_METHOD", r.Method},
		{"SCRIPT_NAME", ""},
		{"SERVER_NAME", host},
		{"SERVER_PORT", port},
		{"SERVER_PROTOCOL", r.Proto},
		{"SERVER_SOFTWARE", "edge"},
		{"X_MATCHED_ROUTE", "/..."},
		{"X_FULL_URL", scheme + "://" + r.Host + r.URL.RequestURI()},
		{"X_RAW_PATH_INFO", r.URL.EscapedPath()},
	}
	env = append(env, [2]string{"HTTP_HOST", r.Host}) // net/http keeps Host out of r.Header
	for name, vals := range r.Header {
		env = append(env, [2]string{"HTTP_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_")), strings.Join(vals, ", ")})
	}
	return env
}

// writeCGI parses a CGI response (headers, blank line, body) and writes it.
func writeCGI(rw http.ResponseWriter, out []byte) error {
	br := bufio.NewReader(bytes.NewReader(out))
	hdr, err := textproto.NewReader(br).ReadMIMEHeader()
	if err != nil && !(errors.Is(err, io.EOF) && len(hdr) > 0) {
		return fmt.Errorf("reading the headers: %w", err)
	}
	status := http.StatusOK
	if s := hdr.Get("Status"); s != "" {
		code, _, _ := strings.Cut(strings.TrimSpace(s), " ")
		n, err := strconv.Atoi(code)
		if err != nil || n < 100 || n > 999 {
			return fmt.Errorf("invalid Status header %q", s)
		}
		status = n
		hdr.Del("Status")
	} else if hdr.Get("Location") != "" {
		status = http.StatusFound
	}
	if hdr.Get("Content-Type") == "" && hdr.Get("Location") == "" {
		return errors.New("exactly one of 'location' or 'content-type' must be specified")
	}
	for k, vs := range hdr {
		rw.Header()[k] = vs
	}
	rw.WriteHeader(status)
	_, _ = io.Copy(rw, br)
	return nil
}

// lineLogger logs the module's stderr line by line.
type lineLogger struct {
	log    *slog.Logger
	worker string
	buf    []byte
}

func (l *lineLogger) Write(p []byte) (int, error) {
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		l.log.Info(string(l.buf[:i]), "worker", l.worker, "stream", "stderr")
		l.buf = l.buf[i+1:]
	}
}

func (l *lineLogger) flush() {
	if len(l.buf) > 0 {
		l.log.Info(string(l.buf), "worker", l.worker, "stream", "stderr")
		l.buf = nil
	}
}
