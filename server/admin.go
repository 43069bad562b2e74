package server

// The admin API: a Cloudflare v4-compatible subset of the Workers KV REST API
// (spec/kv-and-wrangler.md C) over the server's own kvstore.Store, so a value
// written through it is what the worker's env.X.get reads next.
//
// It is served on two listeners:
//
//   - TCP, with --api-port (off by default) on --api-ip (127.0.0.1), for curl
//     and SDK scripts pointed at http://HOST:PORT/client/v4. Requests need
//     "Authorization: Bearer $EDGE_API_TOKEN" (or "X-Auth-Key: $EDGE_API_TOKEN").
//     Without a token the listener must be on a loopback address, and then
//     refuses browser requests (an Origin header, or a Host that is not
//     loopback: DNS rebinding).
//   - A unix socket in the state directory (SocketPath), always, for `edge kv`:
//     bbolt lets one process open kv.db, so while edge serve runs the CLI
//     sends the same REST calls here. The socket is mode 0600 (created inside
//     a private directory and moved into place, so it is never reachable with
//     wider permissions); filesystem permission is its only guard. On it, as
//     with `wrangler kv --local`, every namespace id exists.
//
// Namespaces: the id in the URL is the namespace id, the `id` of a
// [[kv_namespaces]] entry. A namespace exists once the store has it (a first
// write, or a create through this API) or when the served config names it
// (id or preview_id); an id that is neither is "namespace not found" (10013).
// A namespace without a title is shown with its id as title.
//
// Routes (under /client/v4/accounts/{account_id}/storage/kv/namespaces; any
// account id is accepted):
//
//	GET    /                       list namespaces (page, per_page, order, direction)
//	POST   /                       create {title}
//	GET    /{ns}                   get one
//	PUT    /{ns}                   rename {title}
//	DELETE /{ns}                   delete with its keys
//	GET    /{ns}/values/{key}      raw value; header "expiration" when it expires
//	PUT    /{ns}/values/{key}      raw body or multipart (value, metadata); ?expiration=&expiration_ttl=
//	DELETE /{ns}/values/{key}      delete a key
//	GET    /{ns}/metadata/{key}    the key's metadata (null when none)
//	GET    /{ns}/keys              list keys (prefix, limit 10..1000, cursor)
//	PUT    /{ns}/bulk              bulk write (≤ 10,000 items)
//	POST   /{ns}/bulk/delete       bulk delete (≤ 10,000 keys); DELETE /{ns}/bulk is the legacy form
//	POST   /{ns}/bulk/get          bulk get (≤ 100 keys)
//
// Keys in URLs are percent-decoded (supports_url_encoding is true), and a key
// may contain "/" either encoded or not: everything after values/ or
// metadata/ is the key.
//
// Errors are envelopes with the codes listed in wrangler-compat/api.go: 404
// 10009 "get: 'key not found'", 404 10013 "namespace not found", 400 10014
// for a duplicate title, 401 10000 for a missing or wrong token; a Workers KV
// validation failure keeps Workers KV's status (400, 413, 414) and message
// under code 10001.
//
// Deviation: the account id in the path is not checked (one local account),
// and on the socket every namespace id exists, as with `wrangler kv --local`.

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/edgeruntime/edge/kvstore"
	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// API limits (spec C.2).
const (
	apiMaxBulkItems   = 10_000    // items of a bulk write or delete
	apiMaxBulkBytes   = 100 << 20 // body of a bulk write
	apiMaxSmallBody   = 16 << 20  // bodies of bulk delete/get and namespace create/rename
	apiMinListLimit   = 10        // keys list limit, minimum
	apiDefaultPerPage = 20        // namespaces list per_page (the docs' example; UNCONFIRMED)
	apiMaxPerPage     = 1000
	// apiBulkWriters bounds the concurrent puts of one bulk write; the store
	// group-commits them, so they share fsyncs.
	apiBulkWriters = 32
	// maxSocketPath is the longest unix socket path every platform accepts
	// (macOS: 104 bytes with the NUL; Linux: 108).
	maxSocketPath = 103
	socketName    = "edge.sock"
)

// SocketPath is where `edge serve` listens for `edge kv` while it runs on the
// state directory persistDir: persistDir/edge.sock, or, when that path is too
// long for a unix socket, edge-<hash of persistDir>.sock in $XDG_RUNTIME_DIR
// or the user's cache directory (both private to the user).
func SocketPath(persistDir string) string {
	p := filepath.Join(persistDir, socketName)
	// listenSocket binds inside a temporary directory next to it first.
	if len(filepath.Join(persistDir, ".edge-sock-0123456789", "s")) <= maxSocketPath {
		return p
	}
	// One directory, however it is spelled: server and CLI may reach it through different
	// symlinks.
	abs, err := filepath.Abs(persistDir)
	if err != nil {
		abs = persistDir
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	sum := sha256.Sum256([]byte(abs))
	name := "edge-" + hex.EncodeToString(sum[:8]) + ".sock"
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, name)
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "edge", name)
	}
	return p
}

// configuredNamespaces lists the KV namespace ids (id, or the binding name, and preview_id)
// that the served configs name. Start has loaded them already; reading them again here keeps
// the admin API out of the worker wiring.
func configuredNamespaces(configs []string, env string) []string {
	var ids []string
	for _, path := range configs {
		cfg, _, err := wrangler.Load(path, wrangler.LoadOptions{Env: env})
		if err != nil {
			continue
		}
		for _, kv := range cfg.KVNamespaces {
			ids = append(ids, NamespaceID(kv))
			if kv.PreviewID != "" {
				ids = append(ids, kv.PreviewID)
			}
		}
	}
	return ids
}

// adminServer runs the admin API's listeners for a Server.
type adminServer struct {
	url      string // http://HOST:PORT/client/v4 of the TCP listener; "" when it is off
	sockPath string // the unix socket; "" when it could not be created
	servers  []*http.Server
	served   sync.WaitGroup
	log      *slog.Logger
}

// startAdmin starts the TCP listener when opts.APIAddr is set and the unix
// socket always. A socket that cannot be created is logged, not fatal: the
// worker can still be served, only `edge kv` cannot reach it.
func startAdmin(opts Options, store *kvstore.Store, namespaces []string, log *slog.Logger, extras adminExtras) (*adminServer, error) {
	a := &adminServer{log: log}
	configured := map[string]bool{}
	for _, id := range namespaces {
		configured[id] = true
	}
	if opts.APIAddr != "" {
		host, _, err := net.SplitHostPort(opts.APIAddr)
		if err != nil {
			return nil, fmt.Errorf("--api-ip/--api-port: %w", err)
		}
		if opts.APIToken == "" && !isLoopbackHost(host) {
			return nil, fmt.Errorf("refusing to serve the KV API on %s without a token: set EDGE_API_TOKEN, or listen on a loopback address (--api-ip 127.0.0.1)", opts.APIAddr)
		}
		ln, err := net.Listen("tcp", opts.APIAddr)
		if err != nil {
			return nil, fmt.Errorf("KV API: %w", err)
		}
		api := &adminAPI{store: store, configured: configured, log: log, via: "tcp"}
		a.url = "http://" + ln.Addr().String() + "/client/v4"
		if opts.APIToken == "" {
			log.Warn("the KV API has no token (EDGE_API_TOKEN): any local process can use it", "url", a.url)
		}
		a.serve(ln, guard(opts.APIToken, extras.mux(api, log)))
	}
	sock := SocketPath(filepath.Dir(store.Path()))
	ln, err := listenSocket(sock)
	if err != nil {
		log.Warn("edge kv cannot reach this server while it runs: "+err.Error(), "socket", sock)
		return a, nil
	}
	a.sockPath = sock
	a.serve(ln, extras.mux(&adminAPI{store: store, configured: configured, log: log, via: "unix", anyNamespace: true}, log))
	return a, nil
}

// adminExtras are the server's own routes on the admin listeners, beside the KV API:
//
//	GET  /metrics       Prometheus metrics (metrics.go)
//	POST /edge/reload   rebuild every worker and swap it in, as SIGHUP does (Server.Reload):
//	                    200 with the envelope, or 422 with the build error (the old version
//	                    keeps serving)
//
// They are matched by exact path before the KV API, which keeps its own routing (a
// ServeMux would clean and redirect key paths such as "a//b").
type adminExtras struct {
	metrics http.Handler
	reload  func() error
}

func (e adminExtras) mux(api http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/metrics" && e.metrics != nil:
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				w.Header().Set("Allow", "GET, HEAD")
				writeError(w, http.StatusMethodNotAllowed, wrangler.APICodeMethodNotAllowed, "Method "+r.Method+" not allowed on this route")
				return
			}
			e.metrics.ServeHTTP(w, r)
		case r.URL.Path == "/edge/reload" && e.reload != nil:
			if r.Method != http.MethodPost {
				w.Header().Set("Allow", "POST")
				writeError(w, http.StatusMethodNotAllowed, wrangler.APICodeMethodNotAllowed, "Method "+r.Method+" not allowed on this route")
				return
			}
			if err := e.reload(); err != nil {
				log.Error("reload through the admin API failed; still serving the previous version", "error", err.Error())
				writeError(w, http.StatusUnprocessableEntity, wrangler.APICodeBadRequest, err.Error())
				return
			}
			log.Info("reloaded through the admin API")
			writeResult(w, http.StatusOK, nil, nil)
		default:
			api.ServeHTTP(w, r)
		}
	})
}

func (a *adminServer) serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.servers = append(a.servers, srv)
	a.served.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("KV API listener failed", "addr", ln.Addr().String(), "err", err)
		}
	})
}

// banner prints the API's address for the ready banner.
func (a *adminServer) banner(out io.Writer) {
	if a.url != "" {
		fmt.Fprintf(out, "KV API: %s\n", a.url)
	}
}

// shutdown lets requests in flight finish (until ctx ends) and removes the
// socket. It must run before the store closes.
func (a *adminServer) shutdown(ctx context.Context) error {
	var errs []error
	for _, srv := range a.servers {
		errs = append(errs, srv.Shutdown(ctx))
	}
	a.served.Wait()
	if a.sockPath != "" {
		if err := os.Remove(a.sockPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// listenSocket listens on a unix socket at path with mode 0600. It binds in a
// fresh private (0700) directory beside path, sets the mode and renames the
// socket into place, so it is never reachable with the umask's permissions.
// A socket already at path is stale: the caller holds the store's lock, so no
// other server can be serving this state directory.
func listenSocket(path string) (net.Listener, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&fs.ModeSocket == 0 {
			return nil, fmt.Errorf("%s exists and is not a socket", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp(dir, ".edge-sock-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	tmpPath := filepath.Join(tmp, "s")
	ln, err := net.Listen("unix", tmpPath)
	if err != nil {
		return nil, err
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false) // shutdown removes path itself
	if err := os.Chmod(tmpPath, 0o600); err != nil {
		ln.Close()
		return nil, err
	}
	if err := os.Rename(tmpPath, path); err != nil {
		ln.Close()
		return nil, err
	}
	return ln, nil
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// guard checks the TCP listener's requests: the token when there is one,
// otherwise that the request does not come from a browser.
func guard(token string, next http.Handler) http.Handler {
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token == "" {
			host, _, err := net.SplitHostPort(r.Host)
			if err != nil {
				host = r.Host
			}
			if r.Header.Get("Origin") != "" || !isLoopbackHost(strings.Trim(host, "[]")) {
				writeError(w, http.StatusForbidden, wrangler.APICodeAuth,
					"Authentication error: without EDGE_API_TOKEN the KV API refuses browser requests (Origin header) and non-loopback Host names")
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		presented := r.Header.Get("X-Auth-Key")
		if auth := r.Header.Get("Authorization"); len(auth) > 7 && strings.EqualFold(auth[:7], "Bearer ") {
			presented = auth[7:]
		}
		// Hashing first makes the comparison constant-time in the length too.
		got := sha256.Sum256([]byte(strings.TrimSpace(presented)))
		if presented == "" || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="edge KV API"`)
			writeError(w, http.StatusUnauthorized, wrangler.APICodeAuth, "Authentication error")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// adminAPI serves the KV REST routes.
type adminAPI struct {
	store        *kvstore.Store
	configured   map[string]bool // namespace ids the config names
	anyNamespace bool            // every id exists (the CLI's socket)
	log          *slog.Logger
	via          string // "tcp" or "unix", for the log
}

const apiPrefix = "/client/v4/accounts/"

// route is a parsed API path.
type route struct {
	ns     string // "" for the namespaces collection
	kind   string // "", "values", "metadata", "keys", "bulk", "bulk/delete", "bulk/get"
	key    string // for values and metadata
	bad    string // a message when the path is malformed (400)
	exists bool   // the path names a route
}

func parseRoute(escaped string) route {
	rest, ok := strings.CutPrefix(escaped, apiPrefix)
	if !ok {
		return route{}
	}
	segs := strings.Split(rest, "/")
	if len(segs) < 4 || segs[0] == "" || segs[1] != "storage" || segs[2] != "kv" || segs[3] != "namespaces" {
		return route{}
	}
	segs = segs[4:]
	if len(segs) == 0 || (len(segs) == 1 && segs[0] == "") {
		return route{exists: true}
	}
	ns, err := url.PathUnescape(segs[0])
	if err != nil || ns == "" {
		return route{}
	}
	r := route{ns: ns, exists: true}
	switch {
	case len(segs) == 1:
	case len(segs) >= 3 && (segs[1] == "values" || segs[1] == "metadata"):
		r.kind = segs[1]
		key, err := url.PathUnescape(strings.Join(segs[2:], "/"))
		if err != nil {
			r.bad = "the key name in the URL is not validly percent-encoded"
		}
		r.key = key
	case len(segs) == 2 && (segs[1] == "keys" || segs[1] == "bulk"):
		r.kind = segs[1]
	case len(segs) == 3 && segs[1] == "bulk" && (segs[2] == "delete" || segs[2] == "get"):
		r.kind = "bulk/" + segs[2]
	default:
		return route{}
	}
	return r
}

// statusWriter records the status for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(p)
}

func (a *adminAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	a.serve(sw, r)
	a.log.Info("api", "method", r.Method, "path", r.URL.EscapedPath(), "status", sw.status,
		"dur", time.Since(start).Round(time.Microsecond).String(), "via", a.via)
}

func (a *adminAPI) serve(w http.ResponseWriter, r *http.Request) {
	rt := parseRoute(r.URL.EscapedPath())
	if !rt.exists {
		writeError(w, http.StatusNotFound, wrangler.APICodeNoRoute,
			"Could not route to "+r.URL.EscapedPath()+", perhaps your object identifier is invalid?")
		return
	}
	if rt.bad != "" {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, rt.bad)
		return
	}
	type handler func(http.ResponseWriter, *http.Request, route)
	var methods map[string]handler
	switch rt.kind {
	case "":
		if rt.ns == "" {
			methods = map[string]handler{"GET": a.listNamespaces, "POST": a.createNamespace}
		} else {
			methods = map[string]handler{"GET": a.getNamespace, "PUT": a.renameNamespace, "DELETE": a.deleteNamespace}
		}
	case "values":
		methods = map[string]handler{"GET": a.getValue, "PUT": a.putValue, "DELETE": a.deleteValue}
	case "metadata":
		methods = map[string]handler{"GET": a.getMetadata}
	case "keys":
		methods = map[string]handler{"GET": a.listKeys}
	case "bulk":
		methods = map[string]handler{"PUT": a.bulkWrite, "DELETE": a.bulkDelete}
	case "bulk/delete":
		methods = map[string]handler{"POST": a.bulkDelete}
	case "bulk/get":
		methods = map[string]handler{"POST": a.bulkGet}
	}
	h, ok := methods[r.Method]
	if !ok {
		allow := make([]string, 0, len(methods))
		for m := range methods {
			allow = append(allow, m)
		}
		slices.Sort(allow)
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, http.StatusMethodNotAllowed, wrangler.APICodeMethodNotAllowed, "Method "+r.Method+" not allowed on this route")
		return
	}
	// Everything below a namespace needs it to exist; the namespace routes
	// check for themselves.
	if rt.kind != "" {
		if _, ok := a.namespace(w, rt.ns); !ok {
			return
		}
	}
	h(w, r, rt)
}

// namespace looks id up; when it does not exist it answers 404 and returns
// false.
func (a *adminAPI) namespace(w http.ResponseWriter, id string) (wrangler.APIKVNamespace, bool) {
	info, found, err := a.store.LookupNamespace(id)
	if err != nil {
		a.storeError(w, err)
		return wrangler.APIKVNamespace{}, false
	}
	if !found && !a.configured[id] && !a.anyNamespace {
		writeError(w, http.StatusNotFound, wrangler.APICodeNamespaceNotFound, "namespace not found")
		return wrangler.APIKVNamespace{}, false
	}
	return apiNamespace(kvstore.NamespaceInfo{ID: id, Title: info.Title}), true
}

func apiNamespace(info kvstore.NamespaceInfo) wrangler.APIKVNamespace {
	title := info.Title
	if title == "" {
		title = info.ID
	}
	return wrangler.APIKVNamespace{ID: info.ID, Title: title, SupportsURLEncoding: true}
}

// Namespaces.

func (a *adminAPI) listNamespaces(w http.ResponseWriter, r *http.Request, _ route) {
	q := r.URL.Query()
	page, err := intParam(q, "page", 1, 1, 1<<30)
	if err != nil {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, err.Error())
		return
	}
	perPage, err := intParam(q, "per_page", apiDefaultPerPage, 1, apiMaxPerPage)
	if err != nil {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, err.Error())
		return
	}
	order, direction := q.Get("order"), q.Get("direction")
	if order != "" && order != "id" && order != "title" {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, `order must be "id" or "title"`)
		return
	}
	if direction != "" && direction != "asc" && direction != "desc" {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, `direction must be "asc" or "desc"`)
		return
	}
	infos, err := a.store.ListNamespaces()
	if err != nil {
		a.storeError(w, err)
		return
	}
	all := make([]wrangler.APIKVNamespace, 0, len(infos)+len(a.configured))
	seen := map[string]bool{}
	for _, info := range infos {
		all = append(all, apiNamespace(info))
		seen[info.ID] = true
	}
	for id := range a.configured {
		if !seen[id] {
			all = append(all, apiNamespace(kvstore.NamespaceInfo{ID: id}))
		}
	}
	// Default order: by title, as wrangler's `kv namespace list` shows them.
	slices.SortFunc(all, func(x, y wrangler.APIKVNamespace) int {
		if order == "id" {
			return strings.Compare(x.ID, y.ID)
		}
		if c := strings.Compare(x.Title, y.Title); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	if direction == "desc" {
		slices.Reverse(all)
	}
	from := min((page-1)*perPage, len(all))
	to := min(from+perPage, len(all))
	pageItems := all[from:to]
	writeResult(w, http.StatusOK, pageItems, wrangler.APIPageInfo{
		Count: len(pageItems), Page: page, PerPage: perPage, TotalCount: len(all),
	})
}

func (a *adminAPI) createNamespace(w http.ResponseWriter, r *http.Request, _ route) {
	title, ok := readTitle(w, r)
	if !ok {
		return
	}
	id := kvstore.NewNamespaceID()
	if err := a.store.CreateNamespace(r.Context(), id, title); err != nil {
		a.titleError(w, err, "create namespace")
		return
	}
	writeResult(w, http.StatusOK, apiNamespace(kvstore.NamespaceInfo{ID: id, Title: title}), nil)
}

func (a *adminAPI) getNamespace(w http.ResponseWriter, _ *http.Request, rt route) {
	if ns, ok := a.namespace(w, rt.ns); ok {
		writeResult(w, http.StatusOK, ns, nil)
	}
}

func (a *adminAPI) renameNamespace(w http.ResponseWriter, r *http.Request, rt route) {
	if _, ok := a.namespace(w, rt.ns); !ok {
		return
	}
	title, ok := readTitle(w, r)
	if !ok {
		return
	}
	if err := a.store.SetNamespaceTitle(r.Context(), rt.ns, title); err != nil {
		a.titleError(w, err, "rename namespace")
		return
	}
	writeResult(w, http.StatusOK, apiNamespace(kvstore.NamespaceInfo{ID: rt.ns, Title: title}), nil)
}

// Deviation: a namespace named by the served config still exists after a
// delete (empty, without a title): the worker is bound to it.
func (a *adminAPI) deleteNamespace(w http.ResponseWriter, r *http.Request, rt route) {
	if _, ok := a.namespace(w, rt.ns); !ok {
		return
	}
	if err := a.store.DeleteNamespace(r.Context(), rt.ns); err != nil {
		a.storeError(w, err)
		return
	}
	writeResult(w, http.StatusOK, struct{}{}, nil)
}

func readTitle(w http.ResponseWriter, r *http.Request) (string, bool) {
	var body wrangler.APIKVTitle
	if !readJSON(w, r, apiMaxSmallBody, &body) {
		return "", false
	}
	if body.Title == "" {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, "a namespace needs a title: send {\"title\": \"…\"}")
		return "", false
	}
	return body.Title, true
}

func (a *adminAPI) titleError(w http.ResponseWriter, err error, op string) {
	switch {
	case errors.Is(err, kvstore.ErrTitleTaken):
		writeError(w, http.StatusBadRequest, wrangler.APICodeDuplicateTitle,
			op+": 'A namespace with this account ID and title already exists'")
	case errors.Is(err, kvstore.ErrTitle):
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, op+": "+strings.TrimPrefix(err.Error(), "kvstore: "))
	default:
		a.storeError(w, err)
	}
}

// Values.

func (a *adminAPI) getValue(w http.ResponseWriter, r *http.Request, rt route) {
	e, found, err := a.store.Get(r.Context(), rt.ns, rt.key)
	if err != nil {
		a.storeError(w, err)
		return
	}
	if !found {
		writeError(w, http.StatusNotFound, wrangler.APICodeKeyNotFound, "get: 'key not found'")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Length", strconv.Itoa(len(e.Value)))
	if e.Expiration != 0 {
		h.Set("Expiration", strconv.FormatInt(e.Expiration, 10))
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.Value)
}

func (a *adminAPI) getMetadata(w http.ResponseWriter, r *http.Request, rt route) {
	e, found, err := a.store.Get(r.Context(), rt.ns, rt.key)
	if err != nil {
		a.storeError(w, err)
		return
	}
	if !found {
		writeError(w, http.StatusNotFound, wrangler.APICodeKeyNotFound, "get: 'key not found'")
		return
	}
	meta := json.RawMessage("null")
	if e.Metadata != nil {
		meta = e.Metadata
	}
	writeResult(w, http.StatusOK, meta, nil)
}

func (a *adminAPI) putValue(w http.ResponseWriter, r *http.Request, rt route) {
	opts := kvstore.PutOptions{
		Expiration:    floatParam(r.URL.Query(), "expiration"),
		ExpirationTTL: floatParam(r.URL.Query(), "expiration_ttl"),
	}
	var value []byte
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType == "multipart/form-data" {
		var ok bool
		if value, opts.Metadata, ok = a.readMultipartValue(w, r); !ok {
			return
		}
	} else {
		if r.ContentLength > kvstore.MaxValueBytes {
			a.storeError(w, kvstore.ValueTooLargeError(r.ContentLength))
			return
		}
		var err error
		value, err = io.ReadAll(io.LimitReader(r.Body, kvstore.MaxValueBytes+1))
		if err != nil {
			writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, "reading the request body: "+err.Error())
			return
		}
	}
	if err := a.store.Put(r.Context(), rt.ns, rt.key, value, opts); err != nil {
		a.storeError(w, err)
		return
	}
	writeResult(w, http.StatusOK, struct{}{}, nil)
}

// readMultipartValue reads a multipart/form-data write: a "value" part (the
// bytes, possibly a file) and an optional "metadata" part (JSON text). Other
// parts are ignored. A value over the limit is read only to one byte past it.
func (a *adminAPI) readMultipartValue(w http.ResponseWriter, r *http.Request) (value []byte, metadata json.RawMessage, ok bool) {
	r.Body = http.MaxBytesReader(w, r.Body, kvstore.MaxValueBytes+apiMaxSmallBody)
	mr, err := r.MultipartReader()
	if err != nil {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, "multipart body: "+err.Error())
		return nil, nil, false
	}
	gotValue := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
				a.storeError(w, kvstore.ValueTooLargeError(kvstore.MaxValueBytes+1))
			} else {
				writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, "multipart body: "+err.Error())
			}
			return nil, nil, false
		}
		name := part.FormName()
		switch {
		case name == "value":
			value, err = io.ReadAll(io.LimitReader(part, kvstore.MaxValueBytes+1))
			gotValue = true
		case name == "metadata":
			var m []byte
			m, err = io.ReadAll(io.LimitReader(part, apiMaxSmallBody))
			if len(strings.TrimSpace(string(m))) > 0 {
				metadata = m
			}
		case strings.HasPrefix(name, "metadata["):
			writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest,
				`metadata must be one part holding JSON text, not form fields like "`+name+`" (with the cloudflare SDK, pass metadata: JSON.stringify(…))`)
			return nil, nil, false
		default:
			_, err = io.Copy(io.Discard, part)
		}
		if len(value) > kvstore.MaxValueBytes {
			a.storeError(w, kvstore.ValueTooLargeError(int64(len(value))))
			return nil, nil, false
		}
		if err != nil {
			if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
				a.storeError(w, kvstore.ValueTooLargeError(kvstore.MaxValueBytes+1))
			} else {
				writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, "multipart body: "+err.Error())
			}
			return nil, nil, false
		}
	}
	if !gotValue {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, `multipart body has no "value" part`)
		return nil, nil, false
	}
	if value == nil {
		value = []byte{}
	}
	return value, metadata, true
}

func (a *adminAPI) deleteValue(w http.ResponseWriter, r *http.Request, rt route) {
	if err := a.store.Delete(r.Context(), rt.ns, rt.key); err != nil {
		a.storeError(w, err)
		return
	}
	writeResult(w, http.StatusOK, struct{}{}, nil)
}

// Keys.

func (a *adminAPI) listKeys(w http.ResponseWriter, r *http.Request, rt route) {
	q := r.URL.Query()
	limit := kvstore.MaxListLimit
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, "Invalid key_count_limit of "+s+". Please specify an integer.")
			return
		case n < apiMinListLimit:
			writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest,
				fmt.Sprintf("Invalid key_count_limit of %d. Please specify an integer of at least %d.", n, apiMinListLimit))
			return
		}
		limit = n // above the maximum: List reports Workers KV's message
	}
	res, err := a.store.List(r.Context(), rt.ns, kvstore.ListOptions{Prefix: q.Get("prefix"), Limit: limit, Cursor: q.Get("cursor")})
	if err != nil {
		a.storeError(w, err)
		return
	}
	keys := make([]wrangler.APIKVKey, len(res.Keys))
	for i, k := range res.Keys {
		keys[i] = wrangler.APIKVKey{Name: k.Name, Expiration: k.Expiration, Metadata: k.Metadata}
	}
	writeResult(w, http.StatusOK, keys, wrangler.APICursorInfo{Count: len(keys), Cursor: res.Cursor})
}

// Bulk.

// bulkWrite validates every item first (JSON shape, base64, and what Put
// checks) and answers 400 for the first bad one, naming it in source.pointer,
// before anything is written. Items are then written concurrently; a key that
// appears twice gets its last value. A write that fails (the store, not the
// item) is reported in unsuccessful_keys.
func (a *adminAPI) bulkWrite(w http.ResponseWriter, r *http.Request, rt route) {
	var items []wrangler.APIKVBulkWrite
	if !readJSON(w, r, apiMaxBulkBytes, &items) {
		return
	}
	if len(items) > apiMaxBulkItems {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest,
			fmt.Sprintf("A bulk write may hold at most %d key-value pairs; this one holds %d.", apiMaxBulkItems, len(items)))
		return
	}
	type write struct {
		key   string
		value []byte
		opts  kvstore.PutOptions
	}
	writes := make([]write, len(items))
	last := make(map[string]int, len(items))
	for i, it := range items {
		value := []byte(it.Value)
		if it.Base64 {
			var err error
			if value, err = base64.StdEncoding.DecodeString(it.Value); err != nil {
				writeErrorAt(w, http.StatusBadRequest, wrangler.APICodeBadRequest,
					fmt.Sprintf("key %q: value is not valid base64: %v", it.Key, err), "/"+strconv.Itoa(i))
				return
			}
		}
		opts := kvstore.PutOptions{Expiration: it.Expiration, ExpirationTTL: it.ExpirationTTL, Metadata: it.Metadata}
		if err := a.store.CheckPut(it.Key, len(value), opts); err != nil {
			status, code, msg := apiStoreError(err)
			writeErrorAt(w, status, code, fmt.Sprintf("key %q: %s", it.Key, msg), "/"+strconv.Itoa(i))
			return
		}
		writes[i] = write{it.Key, value, opts}
		last[it.Key] = i
	}
	failed := a.forEach(len(writes), func(i int) (string, error) {
		wr := writes[i]
		if last[wr.key] != i {
			return wr.key, nil // overwritten later in the same request
		}
		return wr.key, a.store.Put(r.Context(), rt.ns, wr.key, wr.value, wr.opts)
	})
	writeResult(w, http.StatusOK, wrangler.APIKVBulkResult{SuccessfulKeyCount: len(writes) - len(failed), UnsuccessfulKeys: failed}, nil)
}

func (a *adminAPI) bulkDelete(w http.ResponseWriter, r *http.Request, rt route) {
	var keys []string
	if !readJSON(w, r, apiMaxSmallBody, &keys) {
		return
	}
	if len(keys) > apiMaxBulkItems {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest,
			fmt.Sprintf("A bulk delete may name at most %d keys; this one names %d.", apiMaxBulkItems, len(keys)))
		return
	}
	for i, k := range keys {
		if err := kvstore.ValidateKey("DELETE", k); err != nil {
			status, code, msg := apiStoreError(err)
			writeErrorAt(w, status, code, fmt.Sprintf("key %q: %s", k, msg), "/"+strconv.Itoa(i))
			return
		}
	}
	failed := a.forEach(len(keys), func(i int) (string, error) {
		return keys[i], a.store.Delete(r.Context(), rt.ns, keys[i])
	})
	writeResult(w, http.StatusOK, wrangler.APIKVBulkResult{SuccessfulKeyCount: len(keys) - len(failed), UnsuccessfulKeys: failed}, nil)
}

// forEach runs fn(0..n-1) on up to apiBulkWriters goroutines and returns the
// keys whose fn failed, in index order (never nil, so it encodes as []).
func (a *adminAPI) forEach(n int, fn func(i int) (string, error)) []string {
	failedAt := make([]bool, n)
	keys := make([]string, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, apiBulkWriters) {
		wg.Go(func() {
			for i := range next {
				var err error
				if keys[i], err = fn(i); err != nil {
					failedAt[i] = true
					a.log.Warn("api: bulk operation failed", "key", keys[i], "err", err)
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	failed := []string{}
	for i, f := range failedAt {
		if f {
			failed = append(failed, keys[i])
		}
	}
	return failed
}

// bulkGet answers {values: {key: value | null}}; values are strings, or any
// JSON with type "json"; with withMetadata each is {value, metadata,
// expiration?}. Checks and messages are Workers KV's bulk get's.
func (a *adminAPI) bulkGet(w http.ResponseWriter, r *http.Request, rt route) {
	var req wrangler.APIKVBulkGet
	if !readJSON(w, r, apiMaxSmallBody, &req) {
		return
	}
	if err := kvstore.ValidateBulkGet(len(req.Keys), req.Type); err != nil {
		a.storeError(w, err)
		return
	}
	for _, k := range req.Keys {
		if err := kvstore.ValidateKey("GET_BULK", k); err != nil {
			a.storeError(w, err)
			return
		}
	}
	values := make(map[string]json.RawMessage, len(req.Keys))
	total := 0
	for _, k := range req.Keys {
		e, found, err := a.store.Get(r.Context(), rt.ns, k)
		if err != nil {
			a.storeError(w, err)
			return
		}
		if !found {
			values[k] = json.RawMessage("null")
			continue
		}
		if total += len(e.Value); total > kvstore.MaxValueBytes {
			a.storeError(w, kvstore.BulkTooLargeError())
			return
		}
		var v json.RawMessage
		if req.Type == "json" {
			if !json.Valid(e.Value) {
				a.storeError(w, kvstore.BulkNotJSONError())
				return
			}
			v = e.Value
		} else {
			v, _ = json.Marshal(string(e.Value))
		}
		if req.WithMetadata {
			meta := json.RawMessage("null")
			if e.Metadata != nil {
				meta = e.Metadata
			}
			v, _ = json.Marshal(wrangler.APIKVValueWithMetadata{Value: v, Metadata: meta, Expiration: e.Expiration})
		}
		values[k] = v
	}
	writeResult(w, http.StatusOK, wrangler.APIKVBulkGetResult{Values: values}, nil)
}

// Helpers.

// readJSON decodes a JSON body of at most limit bytes into v, answering 413
// or 400 itself when it cannot.
func readJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) bool {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, wrangler.APICodeBadRequest,
				fmt.Sprintf("The request body exceeds the limit of %d bytes.", limit))
		} else {
			writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, "reading the request body: "+err.Error())
		}
		return false
	}
	if err := json.Unmarshal(body, v); err != nil {
		writeError(w, http.StatusBadRequest, wrangler.APICodeBadRequest, "the request body is not the expected JSON: "+err.Error())
		return false
	}
	return true
}

func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s must be an integer from %d to %d, not %q", name, lo, hi, s)
	}
	return n, nil
}

// floatParam reads an expiry parameter; one that is not a number is NaN, so
// the store reports it with Workers KV's message.
func floatParam(q url.Values, name string) *float64 {
	s := q.Get(name)
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		v = math.NaN()
	}
	return &v
}

// apiStoreError maps a store error to a status, code and message: a Workers
// KV failure keeps its status (400, 413, 414) and message.
func apiStoreError(err error) (status, code int, msg string) {
	var kerr *kvstore.Error
	switch {
	case errors.As(err, &kerr):
		status = kerr.Status
		if status == 0 {
			status = http.StatusBadRequest // a TypeError-class check
		}
		return status, wrangler.APICodeBadRequest, kerr.Message
	case errors.Is(err, kvstore.ErrNamespace), errors.Is(err, kvstore.ErrReplicated):
		return http.StatusBadRequest, wrangler.APICodeBadRequest, strings.TrimPrefix(err.Error(), "kvstore: ")
	case errors.Is(err, kvstore.ErrClosed), errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, wrangler.APICodeInternal, "the server is shutting down"
	}
	return http.StatusInternalServerError, wrangler.APICodeInternal, err.Error()
}

func (a *adminAPI) storeError(w http.ResponseWriter, err error) {
	status, code, msg := apiStoreError(err)
	if status >= 500 {
		a.log.Error("api: store failed", "err", err)
	}
	writeError(w, status, code, msg)
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeErrorAt(w, status, code, msg, "")
}

func writeErrorAt(w http.ResponseWriter, status, code int, msg, pointer string) {
	m := wrangler.APIMessage{Code: code, Message: msg}
	if pointer != "" {
		m.Source = &wrangler.APISource{Pointer: pointer}
	}
	writeEnvelope(w, status, wrangler.APIResponse{Errors: []wrangler.APIMessage{m}, Result: json.RawMessage("null")})
}

func writeResult(w http.ResponseWriter, status int, result, info any) {
	env := wrangler.APIResponse{Success: true}
	var err error
	if env.Result, err = json.Marshal(result); err != nil {
		writeError(w, http.StatusInternalServerError, wrangler.APICodeInternal, err.Error())
		return
	}
	if info != nil {
		if env.ResultInfo, err = json.Marshal(info); err != nil {
			writeError(w, http.StatusInternalServerError, wrangler.APICodeInternal, err.Error())
			return
		}
	}
	writeEnvelope(w, status, env)
}

func writeEnvelope(w http.ResponseWriter, status int, env wrangler.APIResponse) {
	if env.Errors == nil {
		env.Errors = []wrangler.APIMessage{}
	}
	env.Messages = []wrangler.APIMessage{}
	body, _ := json.Marshal(env)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
