// Command edge runs Cloudflare Workers projects locally and self-hosted: `edge serve` in a
// folder with a wrangler.toml/.jsonc serves the worker as Cloudflare's runtime would.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/edgeruntime/edge/server"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// commands is the one table of CLI commands.
var commands = []struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}{
	{"serve", "serve the worker in this folder (reads wrangler.toml / wrangler.jsonc / wrangler.json)", runServe},
	{"kv", "read and write local Workers KV data (same commands as `wrangler kv`)", runKV},
	{"version", "print edge's version", func(args []string, stdout, stderr io.Writer) int {
		fmt.Fprintln(stdout, "edge", version)
		return 0
	}},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	if args[0] == "--version" || args[0] == "-v" {
		fmt.Fprintln(stdout, "edge", version)
		return 0
	}
	fmt.Fprintf(stderr, "edge: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: edge <command> [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var configs, vars listFlag
	fs.Var(&configs, "config", "config file (repeatable; the first is the entry worker)")
	fs.Var(&configs, "c", "shorthand for --config")
	env := fs.String("env", "", "apply [env.NAME] from the config")
	fs.StringVar(env, "e", "", "shorthand for --env")
	ip := fs.String("ip", "127.0.0.1", "address to listen on")
	port := fs.Int("port", server.DefaultPort, "port to listen on (0 picks a free port)")
	persist := fs.String("persist-to", "", "state directory (default .edge/state next to the config)")
	fs.Var(&vars, "var", "KEY:VALUE var override (repeatable)")
	isolates := fs.Int("isolates", 0, "isolates per worker (default GOMAXPROCS)")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	testScheduled := fs.Bool("test-scheduled", false, "expose /__scheduled to trigger scheduled handlers")
	apiPort := fs.Int("api-port", 0, "serve the Cloudflare v4 KV REST API on this port (off unless given; 0 picks a free port; token from EDGE_API_TOKEN)")
	apiIP := fs.String("api-ip", "127.0.0.1", "address of the KV REST API (a non-loopback one needs EDGE_API_TOKEN)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	apiAddr := ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "api-port" {
			apiAddr = net.JoinHostPort(*apiIP, strconv.Itoa(*apiPort))
		}
	})
	if os.Getenv("GOGC") == "" {
		// A request allocates a few KB of short-lived objects; collecting less often is the
		// largest single throughput win measured (RATIONALE.md). GOGC overrides it.
		debug.SetGCPercent(800)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// Backstop for the high GOGC: past this heap size the GC runs as often as it must.
		debug.SetMemoryLimit(4 << 30)
	}
	logOut := newLogWriter(stderr, 50*time.Millisecond)
	defer logOut.Close()
	var handler slog.Handler
	switch *logFormat {
	case "json":
		handler = slog.NewJSONHandler(logOut, nil)
	case "text":
		handler = slog.NewTextHandler(logOut, nil)
	default:
		fmt.Fprintf(stderr, "edge serve: --log-format must be text or json, not %q\n", *logFormat)
		return 2
	}
	log := slog.New(handler)
	if path := os.Getenv("EDGE_CPUPROFILE"); path != "" {
		// For performance work: EDGE_CPUPROFILE=cpu.prof edge serve …; written at shutdown.
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintf(stderr, "edge serve: %v\n", err)
			return 1
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "edge serve: %v\n", err)
			return 1
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	srv, err := server.Start(server.Options{
		Configs:       configs,
		Env:           *env,
		IP:            *ip,
		Port:          *port,
		PersistTo:     *persist,
		Vars:          vars,
		Isolates:      *isolates,
		AccessLog:     &server.AccessLog{W: logOut, JSON: *logFormat == "json"},
		TestScheduled: *testScheduled,
		Logger:        log,
		Stdout:        stdout,
		APIAddr:       apiAddr,
		APIToken:      os.Getenv("EDGE_API_TOKEN"),
	})
	if err != nil {
		logOut.Flush()
		fmt.Fprintf(stderr, "edge serve: %v\n", err)
		return 1
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	signal.Stop(sig)
	fmt.Fprintln(stdout, "edge: shutting down (waiting for in-flight requests)")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "edge serve: shutdown: %v\n", err)
		return 1
	}
	return 0
}
