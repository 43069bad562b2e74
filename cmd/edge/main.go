// Command edge runs Cloudflare Workers projects locally and self-hosted: `edge serve` in a
// folder with a wrangler.toml/.jsonc serves the worker as Cloudflare's runtime would.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	goruntime "runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/edgeruntime/edge/replication"
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
	{"serve", "Serve the worker in this folder, as wrangler dev does (reads wrangler.json, wrangler.jsonc or wrangler.toml)", runServe},
	{"dev", "serve, plus rebuild-and-swap on file changes and HTML error pages for browsers", runDev},
	{"test", "Run the worker's tests (*.test.js, *.test.ts) inside the runtime, with its bindings and fresh KV per file", runTest},
	{"kv", "Manage local Workers KV namespaces and keys (the commands of wrangler kv)", runKV},
	{"version", "Print edge's version", func(args []string, stdout, stderr io.Writer) int {
		fmt.Fprintln(stdout, "edge", version)
		return 0
	}},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	if isHelp(args[0]) || args[0] == "help" {
		usage(stdout)
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
	var rows [][2]string
	for _, c := range commands {
		rows = append(rows, [2]string{"edge " + c.name, c.summary})
	}
	writeHelp(w, help{
		usage:       "edge <command>",
		description: "Run Cloudflare Workers projects locally and self-hosted: wrangler's configuration, the Workers runtime APIs, local KV.",
		commands:    rows,
		globals:     []helpRow{{"-h, --help", "Show help", "boolean"}, {"-v, --version", "Show version number", "boolean"}},
		footer:      "Run `edge <command> --help` for the flags of a command.",
	})
}

// isHelp reports a help flag.
func isHelp(arg string) bool { return arg == "-h" || arg == "--help" || arg == "-help" }

// wantsHelp reports a help flag among args (before a "--").
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isHelp(a) {
			return true
		}
	}
	return false
}

// help is a command's help page, laid out like wrangler's (yargs): the usage line, a
// description, then COMMANDS, POSITIONALS, GLOBAL FLAGS, OPTIONS and EXAMPLES sections.
type help struct {
	usage       string
	description string
	commands    [][2]string // subcommand usage, summary
	positionals []helpRow
	globals     []helpRow
	options     []helpRow
	examples    [][2]string // command line, what it does
	footer      string
}

// helpRow is one line of a section: a name ("-c, --config", "key"), its description and
// its type ("string", "number", "boolean", "array"; "" for none). A required positional
// says so in its type ("string] [required").
type helpRow struct{ name, desc, typ string }

// flagRows describes the named flags of fs for a help page, in the order given: the
// description is the flag's usage text, the type comes from the flag's value, and a
// one-letter flag whose usage is "shorthand for --NAME" is shown with NAME.
func flagRows(fs *flag.FlagSet, names ...string) []helpRow {
	short := map[string]string{}
	fs.VisitAll(func(f *flag.Flag) {
		if long, ok := strings.CutPrefix(f.Usage, "shorthand for --"); ok {
			short[long] = f.Name
		}
	})
	var rows []helpRow
	for _, n := range names {
		f := fs.Lookup(n)
		if f == nil {
			continue
		}
		head := "    --" + n
		if s, ok := short[n]; ok {
			head = "-" + s + ", --" + n
		}
		typ := "string"
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			typ = "boolean"
		} else if _, ok := f.Value.(*listFlag); ok {
			typ = "array"
		} else if t := fmt.Sprintf("%T", f.Value); strings.Contains(t, "int") || strings.Contains(t, "float") {
			typ = "number"
		}
		rows = append(rows, helpRow{head, f.Usage, typ})
	}
	return rows
}

// writeHelp prints h. Each section's descriptions start in one column.
func writeHelp(w io.Writer, h help) {
	fmt.Fprintf(w, "%s\n", h.usage)
	if h.description != "" {
		fmt.Fprintf(w, "\n%s\n", h.description)
	}
	section := func(title string, rows []helpRow) {
		if len(rows) == 0 {
			return
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r.name))
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, r := range rows {
			line := fmt.Sprintf("  %-*s  %s", width, r.name, r.desc)
			if r.typ != "" {
				line += "  [" + r.typ + "]"
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}
	pairs := func(ps [][2]string) (rows []helpRow) {
		for _, p := range ps {
			rows = append(rows, helpRow{p[0], p[1], ""})
		}
		return rows
	}
	section("COMMANDS", pairs(h.commands))
	section("POSITIONALS", h.positionals)
	section("GLOBAL FLAGS", h.globals)
	section("OPTIONS", h.options)
	section("EXAMPLES", pairs(h.examples))
	if h.footer != "" {
		fmt.Fprintf(w, "\n%s\n", h.footer)
	}
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runServe(args []string, stdout, stderr io.Writer) int {
	return serveCommand(args, stdout, stderr, false)
}

// runDev is `edge dev`: every serve flag, plus watching the worker's files.
func runDev(args []string, stdout, stderr io.Writer) int {
	return serveCommand(args, stdout, stderr, true)
}

func serveCommand(args []string, stdout, stderr io.Writer, dev bool) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var configs, vars listFlag
	fs.Var(&configs, "config", "Path to the Wrangler configuration file (default: wrangler.json, wrangler.jsonc or wrangler.toml, found upwards); repeat it to run several workers: the first serves HTTP, the others are reachable through service bindings")
	fs.Var(&configs, "c", "shorthand for --config")
	env := fs.String("env", "", "Environment to use: applies [env.NAME] and selects .dev.vars.NAME / .env.NAME")
	fs.StringVar(env, "e", "", "shorthand for --env")
	// "" and -1 mean "not given": [dev] ip and port in the config apply, else the defaults.
	ip := fs.String("ip", "", "IP address to listen on (default: [dev] ip in the config, else 127.0.0.1)")
	port := fs.Int("port", -1, fmt.Sprintf("Port to listen on; 0 picks a free port (default: [dev] port in the config, else %d)", server.DefaultPort))
	persist := fs.String("persist-to", "", "Directory for local persistence (default: .edge/state next to the config)")
	fs.Var(&vars, "var", "A variable to set on env, as KEY:VALUE (repeatable; wins over [vars] and .dev.vars)")
	var cf listFlag
	fs.Var(&cf, "cf", "A request.cf field for every incoming request, as KEY=VALUE, e.g. country=DE (repeatable; VALUE is JSON when it parses as JSON, else a string)")
	isolates := fs.Int("isolates", 0, "Isolates per worker (default: GOMAXPROCS)")
	cacheMax := fs.Int64("cache-max-bytes", 0, "Cap on the bytes of response bodies the Cache API keeps in the state dir; least recently used entries go first (default: 536870912, 512 MiB)")
	logFormat := fs.String("log-format", "text", `Log format: "text" or "json" (default: "text")`)
	testScheduled := fs.Bool("test-scheduled", false, "Run scheduled handlers on GET /__scheduled?cron=… (and /cdn-cgi/handler/scheduled) instead of on the crons' schedule")
	apiPort := fs.Int("api-port", 0, "Serve the Cloudflare v4 KV REST API on this port (off unless given; 0 picks a free port; token from EDGE_API_TOKEN)")
	apiIP := fs.String("api-ip", "127.0.0.1", "Address of the KV REST API; a non-loopback one needs EDGE_API_TOKEN (default: 127.0.0.1)")
	var peers listFlag
	clusterAddr := fs.String("cluster", "", "Replicate KV across nodes: accept cluster routes on HOST:PORT (starts an embedded NATS JetStream server; see README \"Running a cluster\")")
	fs.Var(&peers, "peers", "Cluster seed routes, HOST:PORT[,HOST:PORT…] (repeatable; this node's own address may be listed)")
	node := fs.String("node", "", "Node name, unique in the cluster (default: the host name and the --cluster port)")
	clusterDir := fs.String("cluster-dir", "", "Data directory of the embedded NATS server (default: cluster/ in the --persist-to directory)")
	replicas := fs.Int("replicas", 0, "Replicas of each KV namespace's bucket (default: 3, or the number of --cluster nodes when fewer; 1 with --kv-nats)")
	advertise := fs.String("cluster-advertise", "", "Route address other nodes learn for this node, HOST:PORT (default: the --cluster address)")
	leafListen := fs.String("leaf-listen", "", "Accept leaf nodes on HOST:PORT (a hub for edge nodes joining with --leaf)")
	leaf := fs.String("leaf", "", "Join a hub as a leaf node, nats-leaf://HOST:PORT: a KV read replica whose writes go to the hub")
	domain := fs.String("js-domain", "", "JetStream domain of the hub (set the same on the hub and its --leaf nodes)")
	kvNATS := fs.String("kv-nats", "", "Replicate KV through an existing NATS cluster with JetStream, nats://HOST:PORT[,…] (no embedded server)")
	memLimit := fs.String("memory-limit", "", `Live-heap limit of the memory guard, e.g. 512MiB or 2GB; past it the isolate allocating most is interrupted or recycled; "off" disables it (default: 256MiB + 128MiB per isolate)`)
	serveHelp := func(w io.Writer) {
		writeHelp(w, help{
			usage:       "edge serve",
			description: "Serve the worker in this folder as `wrangler dev` does: the config is found upwards from the working directory, the worker is bundled and served on http://IP:PORT with its bindings.",
			globals:     append(flagRows(fs, "config", "env"), helpRow{"-h, --help", "Show help", "boolean"}),
			options: flagRows(fs, "ip", "port", "persist-to", "var", "cf", "test-scheduled", "isolates", "memory-limit", "cache-max-bytes", "log-format", "api-port", "api-ip",
				"cluster", "peers", "node", "cluster-dir", "replicas", "cluster-advertise", "leaf-listen", "leaf", "js-domain", "kv-nats"),
			examples: [][2]string{
				{"edge serve", "Serve the worker on http://127.0.0.1:8787"},
				{"edge serve --env staging --port 9000", "Apply [env.staging] and listen on port 9000"},
				{"edge serve -c api/wrangler.toml -c auth/wrangler.toml", "Serve api; auth is reachable through api's service binding"},
				{"edge serve --cf country=DE --cf colo=FRA", "Serve requests as if they came through Cloudflare's Frankfurt edge from Germany"},
				{"edge serve --node n1 --cluster 127.0.0.1:6222 --peers 127.0.0.1:6223,127.0.0.1:6224", "Join a three-node KV cluster"},
			},
		})
	}
	fs.Usage = func() { serveHelp(stderr) }
	if wantsHelp(args) {
		serveHelp(stdout)
		return 0
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfFields, err := parseCF(cf)
	if err != nil {
		fmt.Fprintf(stderr, "edge serve: %v\n", err)
		return 2
	}
	apiAddr := ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "api-port" {
			apiAddr = net.JoinHostPort(*apiIP, strconv.Itoa(*apiPort))
		}
	})
	cluster, err := clusterConfig(*clusterAddr, peers, *node, *clusterDir, *replicas, *advertise, *leafListen, *leaf, *domain, *kvNATS)
	if err != nil {
		fmt.Fprintf(stderr, "edge serve: %v\n", err)
		return 2
	}
	memoryLimit, err := parseMemoryLimit(*memLimit)
	if err != nil {
		fmt.Fprintf(stderr, "edge serve: --memory-limit: %v\n", err)
		return 2
	}
	defer startGCPolicy()()
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
	// Signals are taken before the server answers its first request: a supervisor (or a test)
	// may send SIGTERM as soon as it sees a response, and it must shut the server down cleanly.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sig)
	srv, err := server.Start(server.Options{
		Configs:       configs,
		Env:           *env,
		IP:            *ip,
		Port:          *port,
		PersistTo:     *persist,
		Vars:          vars,
		CF:            cfFields,
		Isolates:      *isolates,
		CacheMaxBytes: *cacheMax,
		AccessLog:     &server.AccessLog{W: logOut, JSON: *logFormat == "json"},
		TestScheduled: *testScheduled,
		Dev:           dev,
		Logger:        log,
		Stdout:        stdout,
		APIAddr:       apiAddr,
		APIToken:      os.Getenv("EDGE_API_TOKEN"),
		MemoryLimit:   memoryLimit,
		Cluster:       cluster,
	})
	if err != nil {
		logOut.Flush()
		fmt.Fprintf(stderr, "edge serve: %v\n", err)
		return 1
	}
	// Start-up's garbage (the bundler's syntax trees, compile buffers) goes back to the OS now
	// rather than whenever the heap next reaches its limit: idle RSS −2 MB (bench/RESULTS.md).
	debug.FreeOSMemory()
	for s := <-sig; s == syscall.SIGHUP; s = <-sig {
		// SIGHUP reloads config and code with the same atomic swap as edge dev.
		if err := srv.Reload(); err != nil {
			log.Error("reload failed; still serving the previous version", "error", err.Error())
		} else {
			log.Info("reloaded on SIGHUP")
		}
	}
	signal.Stop(sig)
	if path := os.Getenv("EDGE_HEAPPROFILE"); path != "" {
		// For memory work: EDGE_HEAPPROFILE=heap.prof edge serve …; the live heap when the
		// shutdown signal arrives, before the workers are closed.
		writeHeapProfile(path, stderr)
	}
	fmt.Fprintln(stdout, "edge: shutting down (waiting for in-flight requests)")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "edge serve: shutdown: %v\n", err)
		return 1
	}
	return 0
}

// writeHeapProfile writes the live heap profile to path.
func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err == nil {
		goruntime.GC()
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "edge serve: EDGE_HEAPPROFILE: %v\n", err)
	}
}

// clusterConfig builds the KV replication config from the cluster flags; nil when none is
// given (a single node: no NATS, no extra ports).
func clusterConfig(listen string, peers []string, node, dir string, replicas int, advertise, leafListen, leaf, domain, natsURL string) (*replication.Config, error) {
	modes := 0
	for _, s := range []string{listen, leaf, natsURL} {
		if s != "" {
			modes++
		}
	}
	switch {
	case modes == 0 && leafListen == "":
		if len(peers) > 0 || replicas != 0 || domain != "" {
			return nil, fmt.Errorf("--peers, --replicas and --js-domain need --cluster, --leaf or --kv-nats")
		}
		return nil, nil
	case modes > 1:
		return nil, fmt.Errorf("--cluster, --leaf and --kv-nats exclude each other")
	case leaf != "" && leafListen != "":
		return nil, fmt.Errorf("a --leaf node cannot accept leaf nodes (--leaf-listen)")
	case replicas < 0:
		return nil, fmt.Errorf("--replicas must be positive")
	}
	if node == "" { // unique on one machine too: the host name and the route port
		node, _ = os.Hostname()
		if _, port, err := net.SplitHostPort(listen); err == nil {
			node += "-" + port
		}
	}
	var seeds []string
	for _, p := range peers {
		for _, s := range strings.Split(p, ",") {
			if s = strings.TrimSpace(s); s != "" {
				seeds = append(seeds, s)
			}
		}
	}
	return &replication.Config{
		Node: node, Listen: listen, Peers: seeds, Advertise: advertise, LeafListen: leafListen,
		Leaf: leaf, Domain: domain, NATSURL: natsURL, Dir: dir, Replicas: replicas,
	}, nil
}

// parseMemoryLimit reads --memory-limit: "" (the default, 0), "off" (-1), or a size in bytes
// with an optional unit (KB, MB, GB: powers of 1000; KiB, MiB, GiB: powers of 1024).
func parseMemoryLimit(s string) (int64, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return 0, nil
	case "off", "none":
		return -1, nil
	}
	units := []struct {
		suffix string
		mult   float64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"b", 1}, {"", 1}}
	lower := strings.ToLower(strings.TrimSpace(s))
	for _, u := range units {
		num, ok := strings.CutSuffix(lower, u.suffix)
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || f <= 0 {
			break
		}
		return int64(f * u.mult), nil
	}
	return 0, fmt.Errorf("%q is not a size (examples: 512MiB, 2GB, off)", s)
}

// parseCF turns --cf KEY=VALUE flags into request.cf fields. A VALUE that parses as JSON is taken
// as JSON (asn=13335 is a number, as in Workers); any other VALUE is a string (country=DE).
func parseCF(flags []string) (map[string]any, error) {
	if len(flags) == 0 {
		return nil, nil
	}
	m := make(map[string]any, len(flags))
	for _, f := range flags {
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--cf must be KEY=VALUE, not %q", f)
		}
		var j any
		if err := json.Unmarshal([]byte(v), &j); err == nil {
			m[k] = j
		} else {
			m[k] = v
		}
	}
	return m, nil
}
