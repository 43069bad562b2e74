package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/server"
	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// kvBackend is what `edge kv` acts on: the state directory's kv.db itself, or, while an
// `edge serve` has that file open (bbolt admits one process), the server's KV REST API on its
// unix socket (server.SocketPath). Both behave alike; the user never sees the file lock.
type kvBackend interface {
	listNamespaces(ctx context.Context) ([]kvstore.NamespaceInfo, error)
	createNamespace(ctx context.Context, title string) (id string, err error)
	renameNamespace(ctx context.Context, id, title string) error
	deleteNamespace(ctx context.Context, id string) error
	put(ctx context.Context, ns string, p kvPut) error
	// putMany writes items in order and stops at the first that fails; errors name item.where.
	putMany(ctx context.Context, ns string, items []kvPut) error
	get(ctx context.Context, ns, key string) (value []byte, found bool, err error)
	list(ctx context.Context, ns string, opts kvstore.ListOptions) (kvstore.ListResult, error)
	delete(ctx context.Context, ns, key string) error
	deleteMany(ctx context.Context, ns string, keys []string) error
	close() error
}

// kvPut is one write.
type kvPut struct {
	key   string
	value []byte
	opts  kvstore.PutOptions
	where string // "file.json:12" in bulk writes, for messages
}

// lockWait bounds how long openKV keeps trying when kv.db is locked but no server answers
// yet (one that is starting, or another `edge kv` finishing).
const lockWait = 10 * time.Second

// openKV opens the KV data of a state directory: through a running server's socket if one
// answers, otherwise the file itself.
func openKV(persistDir string) (kvBackend, error) {
	sock := server.SocketPath(persistDir)
	if b := dialServer(sock); b != nil {
		return b, nil
	}
	path := server.KVPath(persistDir)
	deadline := time.Now().Add(lockWait)
	for {
		store, err := kvstore.Open(path, kvstore.Options{SweepInterval: -1})
		if err == nil {
			if replica, err := store.IsReplica(); err != nil || replica {
				// A cluster node's copy: a local write would never reach the other nodes.
				store.SetReplicator(offlineReplica{path})
			}
			return localKV{store}, nil
		}
		if !errors.Is(err, kvstore.ErrLocked) {
			return nil, err
		}
		// Open waited a second for the lock; a server may have come up meanwhile.
		if b := dialServer(sock); b != nil {
			return b, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s is in use by another process and no edge serve answers on %s; is another `edge kv` still running?", path, sock)
		}
	}
}

// offlineReplica refuses the writes of `edge kv` to a cluster node's KV while its edge serve
// is not running.
type offlineReplica struct{ path string }

func (o offlineReplica) Commit(context.Context, string, string, []byte, int64) (uint64, error) {
	return 0, fmt.Errorf("%s is a KV cluster node's replica: writes go through its edge serve, which is not running", o.path)
}

// localKV is the store file, opened by this process.
type localKV struct{ store *kvstore.Store }

func (l localKV) listNamespaces(context.Context) ([]kvstore.NamespaceInfo, error) {
	return l.store.ListNamespaces()
}

func (l localKV) createNamespace(ctx context.Context, title string) (string, error) {
	id := kvstore.NewNamespaceID()
	if err := l.store.CreateNamespace(ctx, id, title); err != nil {
		return "", titleError(err)
	}
	return id, nil
}

func (l localKV) renameNamespace(ctx context.Context, id, title string) error {
	return titleError(l.store.SetNamespaceTitle(ctx, id, title))
}

func (l localKV) deleteNamespace(ctx context.Context, id string) error {
	return l.store.DeleteNamespace(ctx, id)
}

func (l localKV) put(ctx context.Context, ns string, p kvPut) error {
	return l.store.Put(ctx, ns, p.key, p.value, p.opts)
}

func (l localKV) putMany(ctx context.Context, ns string, items []kvPut) error {
	for _, it := range items {
		if err := l.store.Put(ctx, ns, it.key, it.value, it.opts); err != nil {
			return fmt.Errorf("%s: %q: %v", it.where, it.key, err)
		}
	}
	return nil
}

func (l localKV) get(ctx context.Context, ns, key string) ([]byte, bool, error) {
	e, found, err := l.store.Get(ctx, ns, key)
	return e.Value, found, err
}

func (l localKV) list(ctx context.Context, ns string, opts kvstore.ListOptions) (kvstore.ListResult, error) {
	return l.store.List(ctx, ns, opts)
}

func (l localKV) delete(ctx context.Context, ns, key string) error {
	return l.store.Delete(ctx, ns, key)
}

func (l localKV) deleteMany(ctx context.Context, ns string, keys []string) error {
	for _, k := range keys {
		if err := l.store.Delete(ctx, ns, k); err != nil {
			return err
		}
	}
	return nil
}

func (l localKV) close() error { return l.store.Close() }

// titleError words the store's title errors as wrangler does.
func titleError(err error) error {
	if errors.Is(err, kvstore.ErrTitleTaken) {
		return errors.New("a namespace with this title already exists")
	}
	return err
}

// remoteKV is a running edge serve's KV REST API, reached over its unix socket. The account id
// in the paths is ignored by the server.
type remoteKV struct {
	client *http.Client
	base   string // …/storage/kv/namespaces
}

// bulkBatch is how many keys one bulk request carries (wrangler's batch size).
const bulkBatch = 1000

// dialServer returns a client for the server listening on sock, or nil when none answers (no
// socket, or one left behind by a server that died).
func dialServer(sock string) *remoteKV {
	conn, err := net.DialTimeout("unix", sock, 2*time.Second)
	if err != nil {
		return nil
	}
	conn.Close()
	return &remoteKV{
		client: &http.Client{Transport: &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				return (&net.Dialer{}).DialContext(ctx, "unix", sock)
			},
		}},
		base: "http://edge.sock/client/v4/accounts/local/storage/kv/namespaces",
	}
}

func (r *remoteKV) close() error {
	r.client.CloseIdleConnections()
	return nil
}

// request sends one API request; path is already escaped.
func (r *remoteKV) request(ctx context.Context, method, path string, query url.Values, body io.Reader, contentType string) (*http.Response, error) {
	u := r.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("talking to the running edge serve: %w", err)
	}
	return resp, nil
}

// call sends a JSON request (in may be nil), decodes the envelope's result into out (may be
// nil) and returns result_info. A failure is a *wrangler.APIError.
func (r *remoteKV) call(ctx context.Context, method, path string, query url.Values, in, out any) (json.RawMessage, error) {
	var body io.Reader
	ct := ""
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body, ct = bytes.NewReader(b), "application/json"
	}
	resp, err := r.request(ctx, method, path, query, body, ct)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	env, err := decodeEnvelope(resp)
	if err != nil {
		return nil, err
	}
	if out != nil {
		if err := json.Unmarshal(env.Result, out); err != nil {
			return nil, fmt.Errorf("edge serve answered %s %s with an unexpected result: %w", method, path, err)
		}
	}
	return env.ResultInfo, nil
}

func decodeEnvelope(resp *http.Response) (*wrangler.APIResponse, error) {
	var env wrangler.APIResponse
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return nil, fmt.Errorf("edge serve answered with HTTP %d and no API envelope: %w", resp.StatusCode, err)
	}
	if !env.Success || resp.StatusCode >= 300 {
		return nil, &wrangler.APIError{Status: resp.StatusCode, Errors: env.Errors}
	}
	return &env, nil
}

func nsPath(ns string) string { return "/" + url.PathEscape(ns) }

func valuePath(ns, key string) string { return nsPath(ns) + "/values/" + url.PathEscape(key) }

func (r *remoteKV) listNamespaces(ctx context.Context) ([]kvstore.NamespaceInfo, error) {
	var out []kvstore.NamespaceInfo
	for page := 1; ; page++ {
		var res []wrangler.APIKVNamespace
		q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {"1000"}, "order": {"id"}}
		if _, err := r.call(ctx, "GET", "", q, nil, &res); err != nil {
			return nil, err
		}
		for _, n := range res {
			out = append(out, kvstore.NamespaceInfo{ID: n.ID, Title: n.Title})
		}
		if len(res) < 1000 {
			return out, nil
		}
	}
}

func (r *remoteKV) createNamespace(ctx context.Context, title string) (string, error) {
	var ns wrangler.APIKVNamespace
	_, err := r.call(ctx, "POST", "", nil, wrangler.APIKVTitle{Title: title}, &ns)
	return ns.ID, remoteTitleError(err)
}

func (r *remoteKV) renameNamespace(ctx context.Context, id, title string) error {
	_, err := r.call(ctx, "PUT", nsPath(id), nil, wrangler.APIKVTitle{Title: title}, nil)
	return remoteTitleError(err)
}

func remoteTitleError(err error) error {
	if ae := (*wrangler.APIError)(nil); errors.As(err, &ae) && ae.Code() == wrangler.APICodeDuplicateTitle {
		return errors.New("a namespace with this title already exists")
	}
	return err
}

func (r *remoteKV) deleteNamespace(ctx context.Context, id string) error {
	_, err := r.call(ctx, "DELETE", nsPath(id), nil, nil, nil)
	return err
}

func (r *remoteKV) put(ctx context.Context, ns string, p kvPut) error {
	q := url.Values{}
	if p.opts.Expiration != nil {
		q.Set("expiration", strconv.FormatFloat(*p.opts.Expiration, 'f', -1, 64))
	}
	if p.opts.ExpirationTTL != nil {
		q.Set("expiration_ttl", strconv.FormatFloat(*p.opts.ExpirationTTL, 'f', -1, 64))
	}
	// As wrangler: multipart with value and metadata when there is metadata, else the raw bytes.
	body, ct := io.Reader(bytes.NewReader(p.value)), "application/octet-stream"
	if p.opts.Metadata != nil {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("value", "value")
		_, _ = fw.Write(p.value)
		_ = mw.WriteField("metadata", string(p.opts.Metadata))
		mw.Close()
		body, ct = &buf, mw.FormDataContentType()
	}
	resp, err := r.request(ctx, "PUT", valuePath(ns, p.key), q, body, ct)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = decodeEnvelope(resp)
	return err
}

func (r *remoteKV) putMany(ctx context.Context, ns string, items []kvPut) error {
	for start := 0; start < len(items); start += bulkBatch {
		batch := items[start:min(start+bulkBatch, len(items))]
		body := make([]wrangler.APIKVBulkWrite, len(batch))
		for i, it := range batch {
			body[i] = wrangler.APIKVBulkWrite{
				Key: it.key, Value: base64.StdEncoding.EncodeToString(it.value), Base64: true,
				Expiration: it.opts.Expiration, ExpirationTTL: it.opts.ExpirationTTL, Metadata: it.opts.Metadata,
			}
		}
		var res wrangler.APIKVBulkResult
		_, err := r.call(ctx, "PUT", nsPath(ns)+"/bulk", nil, body, &res)
		if ae := (*wrangler.APIError)(nil); errors.As(err, &ae) && len(ae.Errors) > 0 && ae.Errors[0].Source != nil {
			// The server names the bad item with a JSON pointer, "/3".
			if i, perr := strconv.Atoi(ae.Errors[0].Source.Pointer[1:]); perr == nil && i >= 0 && i < len(batch) {
				return fmt.Errorf("%s: %s", batch[i].where, ae.Errors[0].Message)
			}
		}
		if err != nil {
			return err
		}
		if len(res.UnsuccessfulKeys) > 0 {
			return fmt.Errorf("%d keys were not written: %q", len(res.UnsuccessfulKeys), res.UnsuccessfulKeys)
		}
	}
	return nil
}

func (r *remoteKV) get(ctx context.Context, ns, key string) ([]byte, bool, error) {
	resp, err := r.request(ctx, "GET", valuePath(ns, key), nil, nil, "")
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		value, err := io.ReadAll(resp.Body)
		return value, err == nil, err
	}
	_, err = decodeEnvelope(resp)
	if ae := (*wrangler.APIError)(nil); errors.As(err, &ae) && ae.Code() == wrangler.APICodeKeyNotFound {
		return nil, false, nil
	}
	return nil, false, err
}

func (r *remoteKV) list(ctx context.Context, ns string, opts kvstore.ListOptions) (kvstore.ListResult, error) {
	q := url.Values{}
	if opts.Prefix != "" {
		q.Set("prefix", opts.Prefix)
	}
	if opts.Cursor != "" {
		q.Set("cursor", opts.Cursor)
	}
	if opts.Limit > 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	var keys []wrangler.APIKVKey
	rawInfo, err := r.call(ctx, "GET", nsPath(ns)+"/keys", q, nil, &keys)
	if err != nil {
		return kvstore.ListResult{}, err
	}
	var info wrangler.APICursorInfo
	if len(rawInfo) > 0 {
		if err := json.Unmarshal(rawInfo, &info); err != nil {
			return kvstore.ListResult{}, err
		}
	}
	res := kvstore.ListResult{Keys: make([]kvstore.KeyInfo, len(keys)), Cursor: info.Cursor, ListComplete: info.Cursor == ""}
	for i, k := range keys {
		res.Keys[i] = kvstore.KeyInfo{Name: k.Name, Expiration: k.Expiration, Metadata: k.Metadata}
	}
	return res, nil
}

func (r *remoteKV) delete(ctx context.Context, ns, key string) error {
	_, err := r.call(ctx, "DELETE", valuePath(ns, key), nil, nil, nil)
	return err
}

func (r *remoteKV) deleteMany(ctx context.Context, ns string, keys []string) error {
	for start := 0; start < len(keys); start += bulkBatch {
		var res wrangler.APIKVBulkResult
		if _, err := r.call(ctx, "POST", nsPath(ns)+"/bulk/delete", nil, keys[start:min(start+bulkBatch, len(keys))], &res); err != nil {
			return err
		}
		if len(res.UnsuccessfulKeys) > 0 {
			return fmt.Errorf("%d keys were not deleted: %q", len(res.UnsuccessfulKeys), res.UnsuccessfulKeys)
		}
	}
	return nil
}
