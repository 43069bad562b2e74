package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/server"
	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

const apiToken = "test-token-0123456789"

// apiWorker answers GET /<key> with env.TOKENS.get(key), so tests see what a worker sees.
const apiWorker = `export default {
  async fetch(req, env) {
    const key = decodeURIComponent(new URL(req.url).pathname.slice(1));
    const v = await env.TOKENS.get(key);
    return new Response(v ?? "missing", { status: v === null ? 404 : 200 });
  },
};`

const apiConfig = `name = "apitest"
main = "src/index.js"
compatibility_date = "2025-06-01"

[[kv_namespaces]]
binding = "TOKENS"
id = "tokens-id"
preview_id = "tokens-preview"
`

// apiServer is a real edge server with the KV API on a loopback port.
type apiServer struct {
	*server.Server
	dir  string
	logs *syncBuf
	base string // …/accounts/ACCOUNT/storage/kv/namespaces
}

// apiProject writes the test project (apiConfig, apiWorker) into a temporary directory.
func apiProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{"wrangler.toml": apiConfig, "src/index.js": apiWorker} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func startAPI(t *testing.T, opts server.Options) *apiServer {
	t.Helper()
	dir := apiProject(t)
	logs := &syncBuf{}
	opts.Dir = dir
	opts.IP = "127.0.0.1"
	opts.Logger = slog.New(slog.NewTextHandler(logs, nil))
	opts.Isolates = 1
	s, err := server.Start(opts)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return &apiServer{Server: s, dir: dir, logs: logs, base: s.APIURL + "/accounts/023e105f4ecef8ad9ca31a8372d0c353/storage/kv/namespaces"}
}

func startTokenAPI(t *testing.T) *apiServer {
	return startAPI(t, server.Options{APIAddr: "127.0.0.1:0", APIToken: apiToken})
}

// apiResp is one API answer.
type apiResp struct {
	status int
	header http.Header
	body   []byte
	env    wrangler.APIResponse // decoded when the body is JSON
}

func (r apiResp) code() int {
	if len(r.env.Errors) == 0 {
		return 0
	}
	return r.env.Errors[0].Code
}

// call sends a request with the token; path is relative to the namespaces base unless it
// starts with "/client/".
func (s *apiServer) call(t *testing.T, method, path string, body io.Reader, header ...string) apiResp {
	t.Helper()
	u := s.base + path
	if strings.HasPrefix(path, "/client/") {
		u = strings.TrimSuffix(s.APIURL, "/client/v4") + path
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+apiToken)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return do(t, http.DefaultClient, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) apiResp {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := apiResp{status: resp.StatusCode, header: resp.Header, body: b}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(b, &r.env); err != nil {
			t.Fatalf("%s %s: bad envelope %q: %v", req.Method, req.URL, b, err)
		}
	}
	return r
}

func jsonBody(v any) io.Reader {
	b, _ := json.Marshal(v)
	return bytes.NewReader(b)
}

// multipartBody builds a form with the given parts (name, content pairs).
func multipartBody(parts ...string) (io.Reader, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		_ = mw.WriteField(parts[i], parts[i+1])
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// workerGet reads key through the worker's env.TOKENS.get.
func (s *apiServer) workerGet(t *testing.T, key string) string {
	t.Helper()
	resp, err := http.Get(s.URL + "/" + url.PathEscape(key))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestAdminAPIValuesAndErrors(t *testing.T) {
	s := startTokenAPI(t)
	mp, mpType := multipartBody("value", "from a form", "metadata", `{"plan":"pro"}`)
	objMeta, objMetaType := multipartBody("value", "v", "metadata[plan]", "pro")
	noValue, noValueType := multipartBody("metadata", `{}`)
	badMeta, badMetaType := multipartBody("value", "v", "metadata", "{")
	bulkGet101 := make([]string, 101)
	for i := range bulkGet101 {
		bulkGet101[i] = "k" + strconv.Itoa(i)
	}
	steps := []struct {
		name, method, path string
		body               io.Reader
		header             []string
		status, code       int
		want               string // substring of the body
	}{
		{"list shows the configured namespaces", "GET", "", nil, nil, 200, 0, `{"id":"tokens-id","title":"tokens-id","supports_url_encoding":true}`},
		{"put with a TTL, key percent-encoded", "PUT", "/tokens-id/values/a%2Fb%20c%3F?expiration_ttl=600", strings.NewReader("v1"), nil, 200, 0, `"result":{}`},
		{"get returns the raw bytes", "GET", "/tokens-id/values/a%2Fb%20c%3F", nil, nil, 200, 0, "v1"},
		{"a key may hold a literal slash", "GET", "/tokens-id/values/a/b%20c%3F", nil, nil, 200, 0, "v1"},
		{"missing key", "GET", "/tokens-id/values/nope", nil, nil, 404, wrangler.APICodeKeyNotFound, `"message":"get: 'key not found'"`},
		{"metadata of a key without", "GET", "/tokens-id/metadata/a%2Fb%20c%3F", nil, nil, 200, 0, `"result":null`},
		{"metadata of a missing key", "GET", "/tokens-id/metadata/nope", nil, nil, 404, wrangler.APICodeKeyNotFound, "key not found"},
		{"multipart put with metadata", "PUT", "/tokens-id/values/mp", mp, []string{"Content-Type", mpType}, 200, 0, `"success":true`},
		{"metadata read back", "GET", "/tokens-id/metadata/mp", nil, nil, 200, 0, `"result":{"plan":"pro"}`},
		{"multipart value read back", "GET", "/tokens-id/values/mp", nil, nil, 200, 0, "from a form"},
		{"metadata as form fields", "PUT", "/tokens-id/values/x", objMeta, []string{"Content-Type", objMetaType}, 400, wrangler.APICodeBadRequest, "JSON.stringify"},
		{"multipart without value", "PUT", "/tokens-id/values/x", noValue, []string{"Content-Type", noValueType}, 400, wrangler.APICodeBadRequest, `no \"value\" part`},
		{"metadata not JSON", "PUT", "/tokens-id/values/x", badMeta, []string{"Content-Type", badMetaType}, 400, wrangler.APICodeBadRequest, "Metadata is not valid JSON."},
		{"ttl below 60", "PUT", "/tokens-id/values/x?expiration_ttl=10", strings.NewReader("v"), nil, 400, wrangler.APICodeBadRequest, "Invalid expiration_ttl of 10. Expiration TTL must be at least 60."},
		{"expiration not a number", "PUT", "/tokens-id/values/x?expiration=soon", strings.NewReader("v"), nil, 400, wrangler.APICodeBadRequest, "Invalid expiration of NaN."},
		{"expiration in the past", "PUT", "/tokens-id/values/x?expiration=1000", strings.NewReader("v"), nil, 400, wrangler.APICodeBadRequest, "Invalid expiration of 1000."},
		{"key too long", "PUT", "/tokens-id/values/" + strings.Repeat("k", 513), strings.NewReader("v"), nil, 414, wrangler.APICodeBadRequest, "UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{"empty key", "PUT", "/tokens-id/values/", strings.NewReader("v"), nil, 400, wrangler.APICodeBadRequest, "Key name cannot be empty."},
		{"dot key", "GET", "/tokens-id/values/%2E%2E", nil, nil, 400, wrangler.APICodeBadRequest, `\"..\" is not allowed as a key name.`},
		{"unknown namespace", "PUT", "/0123456789abcdef0123456789abcdef/values/x", strings.NewReader("v"), nil, 404, wrangler.APICodeNamespaceNotFound, "namespace not found"},
		{"preview id is configured too", "PUT", "/tokens-preview/values/x", strings.NewReader("v"), nil, 200, 0, ""},
		{"list limit below 10", "GET", "/tokens-id/keys?limit=5", nil, nil, 400, wrangler.APICodeBadRequest, "Invalid key_count_limit of 5"},
		{"list limit above 1000", "GET", "/tokens-id/keys?limit=1001", nil, nil, 400, wrangler.APICodeBadRequest, "Invalid key_count_limit of 1001. Please specify an integer less than 1000."},
		{"bulk write, bad base64", "PUT", "/tokens-id/bulk", jsonBody([]map[string]any{{"key": "ok", "value": "v"}, {"key": "b", "value": "!!", "base64": true}}), nil, 400, wrangler.APICodeBadRequest, `"source":{"pointer":"/1"}`},
		{"bulk write, bad item writes nothing", "GET", "/tokens-id/values/ok", nil, nil, 404, wrangler.APICodeKeyNotFound, ""},
		{"bulk write, not an array", "PUT", "/tokens-id/bulk", strings.NewReader(`{"key":"a"}`), nil, 400, wrangler.APICodeBadRequest, "expected JSON"},
		{"bulk get, bad type", "POST", "/tokens-id/bulk/get", jsonBody(map[string]any{"keys": []string{"a"}, "type": "xml"}), nil, 400, wrangler.APICodeBadRequest, `\"xml\" is not a valid type. Use \"json\" or \"text\"`},
		{"bulk get, 101 keys", "POST", "/tokens-id/bulk/get", jsonBody(map[string]any{"keys": bulkGet101}), nil, 400, wrangler.APICodeBadRequest, "You can request a maximum of 100 keys"},
		{"bulk get, no keys", "POST", "/tokens-id/bulk/get", jsonBody(map[string]any{"keys": []string{}}), nil, 400, wrangler.APICodeBadRequest, "You must request a minimum of 1 key"},
		{"bulk get json of a text value", "POST", "/tokens-id/bulk/get", jsonBody(map[string]any{"keys": []string{"mp"}, "type": "json"}), nil, 400, wrangler.APICodeBadRequest, "At least one of the requested keys corresponds to a non-json value"},
		{"method not allowed", "PATCH", "/tokens-id", nil, nil, 405, wrangler.APICodeMethodNotAllowed, ""},
		{"no such route", "GET", "/client/v4/accounts/a/storage/kv/other", nil, nil, 404, wrangler.APICodeNoRoute, "Could not route to /client/v4/accounts/a/storage/kv/other"},
		{"no such sub-route", "GET", "/tokens-id/things", nil, nil, 404, wrangler.APICodeNoRoute, ""},
		{"delete a key", "DELETE", "/tokens-id/values/mp", nil, nil, 200, 0, `"result":{}`},
		{"deleted", "GET", "/tokens-id/values/mp", nil, nil, 404, wrangler.APICodeKeyNotFound, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			r := s.call(t, st.method, st.path, st.body, st.header...)
			if r.status != st.status || (st.code != 0 && r.code() != st.code) || !strings.Contains(string(r.body), st.want) {
				t.Fatalf("%s %s: %d %s; want %d, code %d, containing %q", st.method, st.path, r.status, r.body, st.status, st.code, st.want)
			}
			if st.status >= 400 && (r.env.Success || r.env.Errors == nil || r.env.Messages == nil || string(r.env.Result) != "null") {
				t.Fatalf("failure envelope %s", r.body)
			}
		})
	}
	t.Run("expiration header", func(t *testing.T) {
		r := s.call(t, "GET", "/tokens-id/values/a%2Fb%20c%3F", nil)
		exp, err := strconv.ParseInt(r.header.Get("expiration"), 10, 64)
		if now := time.Now().Unix(); err != nil || exp < now+590 || exp > now+610 {
			t.Fatalf("expiration header %q", r.header.Get("expiration"))
		}
		if ct := r.header.Get("Content-Type"); ct != "application/octet-stream" {
			t.Fatalf("Content-Type %q", ct)
		}
	})
	t.Run("the worker sees API writes at once", func(t *testing.T) {
		if got := s.workerGet(t, "a/b c?"); got != "v1" {
			t.Fatalf("worker read %q", got)
		}
	})
}

func TestAdminAPINamespaces(t *testing.T) {
	s := startTokenAPI(t)
	var created wrangler.APIKVNamespace
	t.Run("create", func(t *testing.T) {
		r := s.call(t, "POST", "", jsonBody(map[string]string{"title": "My Namespace"}))
		if r.status != 200 || json.Unmarshal(r.env.Result, &created) != nil || len(created.ID) != 32 || created.Title != "My Namespace" {
			t.Fatalf("%d %s", r.status, r.body)
		}
	})
	steps := []struct {
		name, method, path string
		body               any
		status, code       int
		want               string
	}{
		{"duplicate title", "POST", "", map[string]string{"title": "My Namespace"}, 400, wrangler.APICodeDuplicateTitle,
			"create namespace: 'A namespace with this account ID and title already exists'"},
		{"no title", "POST", "", map[string]string{}, 400, wrangler.APICodeBadRequest, "title"},
		{"title too long", "POST", "", map[string]string{"title": strings.Repeat("t", 513)}, 400, wrangler.APICodeBadRequest, "title"},
		{"get", "GET", "/" + created.ID, nil, 200, 0, `"title":"My Namespace"`},
		{"get configured", "GET", "/tokens-id", nil, 200, 0, `"title":"tokens-id"`},
		{"get unknown", "GET", "/nope", nil, 404, wrangler.APICodeNamespaceNotFound, "namespace not found"},
		{"rename", "PUT", "/" + created.ID, map[string]string{"title": "Renamed"}, 200, 0, `"title":"Renamed"`},
		{"rename the configured namespace", "PUT", "/tokens-id", map[string]string{"title": "Tokens"}, 200, 0, `"title":"Tokens"`},
		{"rename to a taken title", "PUT", "/" + created.ID, map[string]string{"title": "Tokens"}, 400, wrangler.APICodeDuplicateTitle, "rename namespace"},
		{"rename unknown", "PUT", "/nope", map[string]string{"title": "x"}, 404, wrangler.APICodeNamespaceNotFound, ""},
		{"list by title", "GET", "?order=title", nil, 200, 0, `[{"id":"` + created.ID + `","title":"Renamed"`},
		{"list by id, descending, one per page", "GET", "?order=id&direction=desc&per_page=1&page=2", nil, 200, 0,
			`"result":[{"id":"tokens-id","title":"Tokens","supports_url_encoding":true}],"result_info":{"count":1,"page":2,"per_page":1,"total_count":3}`},
		{"list past the end", "GET", "?page=9", nil, 200, 0, `"result":[],"result_info":{"count":0,"page":9,"per_page":20,"total_count":3}`},
		{"list, bad per_page", "GET", "?per_page=0", nil, 400, wrangler.APICodeBadRequest, "per_page"},
		{"list, bad order", "GET", "?order=size", nil, 400, wrangler.APICodeBadRequest, "order"},
		{"put into the new namespace", "PUT", "/" + created.ID + "/values/k", nil, 200, 0, ""},
		{"delete", "DELETE", "/" + created.ID, nil, 200, 0, `"result":{}`},
		{"deleted namespace", "GET", "/" + created.ID + "/values/k", nil, 404, wrangler.APICodeNamespaceNotFound, ""},
		{"delete unknown", "DELETE", "/" + created.ID, nil, 404, wrangler.APICodeNamespaceNotFound, ""},
		{"title free again", "POST", "", map[string]string{"title": "Renamed"}, 200, 0, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var body io.Reader
			if st.body != nil {
				body = jsonBody(st.body)
			}
			r := s.call(t, st.method, st.path, body)
			if r.status != st.status || (st.code != 0 && r.code() != st.code) || !strings.Contains(string(r.body), st.want) {
				t.Fatalf("%s %s: %d %s; want %d, code %d, containing %q", st.method, st.path, r.status, r.body, st.status, st.code, st.want)
			}
		})
	}
}

func TestAdminAPIKeysAndBulk(t *testing.T) {
	s := startTokenAPI(t)
	items := []map[string]any{}
	for i := range 25 {
		items = append(items, map[string]any{"key": fmt.Sprintf("k%02d", i), "value": fmt.Sprintf("v%d", i)})
	}
	items[3]["metadata"] = map[string]int{"n": 3}
	items[4]["expiration_ttl"] = 3600
	items[5]["value"], items[5]["base64"] = "AAEC/w==", true
	items = append(items, map[string]any{"key": "k00", "value": "last wins"}, map[string]any{"key": "other", "value": `{"json":true}`})
	r := s.call(t, "PUT", "/tokens-id/bulk", jsonBody(items))
	if r.status != 200 || !strings.Contains(string(r.body), `"result":{"successful_key_count":27,"unsuccessful_keys":[]}`) {
		t.Fatalf("bulk write: %d %s", r.status, r.body)
	}

	t.Run("pages of 10 with cursors", func(t *testing.T) {
		var all []wrangler.APIKVKey
		cursor := ""
		for page := 0; ; page++ {
			r := s.call(t, "GET", "/tokens-id/keys?prefix=k&limit=10&cursor="+url.QueryEscape(cursor), nil)
			var keys []wrangler.APIKVKey
			var info wrangler.APICursorInfo
			if r.status != 200 || json.Unmarshal(r.env.Result, &keys) != nil || json.Unmarshal(r.env.ResultInfo, &info) != nil {
				t.Fatalf("page %d: %d %s", page, r.status, r.body)
			}
			if info.Count != len(keys) || (info.Cursor == "") != (page == 2) || (page < 2 && len(keys) != 10) {
				t.Fatalf("page %d: %d keys, result_info %+v", page, len(keys), info)
			}
			all = append(all, keys...)
			if info.Cursor == "" {
				break
			}
			cursor = info.Cursor
		}
		if len(all) != 25 || all[0].Name != "k00" || all[24].Name != "k24" ||
			string(all[3].Metadata) != `{"n":3}` || all[4].Expiration < time.Now().Unix()+3500 {
			t.Fatalf("keys %+v", all)
		}
	})
	t.Run("last duplicate wins, base64 decoded", func(t *testing.T) {
		if r := s.call(t, "GET", "/tokens-id/values/k00", nil); string(r.body) != "last wins" {
			t.Fatalf("k00 = %q", r.body)
		}
		if r := s.call(t, "GET", "/tokens-id/values/k05", nil); !bytes.Equal(r.body, []byte{0, 1, 2, 0xff}) {
			t.Fatalf("k05 = %x", r.body)
		}
	})
	t.Run("bulk get", func(t *testing.T) {
		for _, tc := range []struct {
			req  map[string]any
			want string
		}{
			{map[string]any{"keys": []string{"k01", "nope"}}, `"result":{"values":{"k01":"v1","nope":null}}`},
			{map[string]any{"keys": []string{"other"}, "type": "json"}, `"values":{"other":{"json":true}}`},
			{map[string]any{"keys": []string{"k03", "k04"}, "withMetadata": true}, `"k03":{"value":"v3","metadata":{"n":3}}`},
			{map[string]any{"keys": []string{"k04"}, "withMetadata": true}, `"k04":{"value":"v4","metadata":null,"expiration":`},
		} {
			if r := s.call(t, "POST", "/tokens-id/bulk/get", jsonBody(tc.req)); r.status != 200 || !strings.Contains(string(r.body), tc.want) {
				t.Errorf("bulk get %v: %d %s; want %s", tc.req, r.status, r.body, tc.want)
			}
		}
	})
	t.Run("bulk delete, both forms", func(t *testing.T) {
		if r := s.call(t, "POST", "/tokens-id/bulk/delete", jsonBody([]string{"k00", "k01", "never-there"})); r.status != 200 ||
			!strings.Contains(string(r.body), `"successful_key_count":3`) {
			t.Fatalf("POST bulk/delete: %d %s", r.status, r.body)
		}
		if r := s.call(t, "DELETE", "/tokens-id/bulk", jsonBody([]string{"k02"})); r.status != 200 {
			t.Fatalf("DELETE bulk: %d %s", r.status, r.body)
		}
		r := s.call(t, "GET", "/tokens-id/keys?prefix=k", nil)
		var info wrangler.APICursorInfo
		_ = json.Unmarshal(r.env.ResultInfo, &info)
		if info.Count != 22 || strings.Contains(string(r.body), `"k02"`) {
			t.Fatalf("after deletes: %s", r.body)
		}
		if r := s.call(t, "POST", "/tokens-id/bulk/delete", jsonBody([]string{"ok", ""})); r.status != 400 ||
			!strings.Contains(string(r.body), `"pointer":"/1"`) {
			t.Fatalf("empty key: %d %s", r.status, r.body)
		}
	})
	t.Run("limits", func(t *testing.T) {
		many := make([]map[string]string, 10_001)
		for i := range many {
			many[i] = map[string]string{"key": strconv.Itoa(i), "value": ""}
		}
		if r := s.call(t, "PUT", "/tokens-id/bulk", jsonBody(many)); r.status != 400 || !strings.Contains(string(r.body), "at most 10000") {
			t.Fatalf("10,001 items: %d %s", r.status, r.body)
		}
		keys := make([]string, 10_001)
		for i := range keys {
			keys[i] = strconv.Itoa(i)
		}
		if r := s.call(t, "POST", "/tokens-id/bulk/delete", jsonBody(keys)); r.status != 400 || !strings.Contains(string(r.body), "at most 10000") {
			t.Fatalf("10,001 deletes: %d %s", r.status, r.body)
		}
		if r := s.call(t, "PUT", "/tokens-id/bulk", jsonBody(many[:10_000])); r.status != 200 ||
			!strings.Contains(string(r.body), `"successful_key_count":10000`) {
			t.Fatalf("10,000 items: %d %s", r.status, r.body)
		}
	})
}

// TestAdminAPIValueSize: 25 MiB is the most a value may hold, however it is sent.
func TestAdminAPIValueSize(t *testing.T) {
	s := startTokenAPI(t)
	max := bytes.Repeat([]byte("x"), kvstore.MaxValueBytes)
	over := append(bytes.Clone(max), 'x')
	const tooLarge = "Value length of 26214401 exceeds limit of 26214400."
	put := func(body io.Reader, header ...string) apiResp {
		return s.call(t, "PUT", "/tokens-id/values/big", body, header...)
	}
	if r := put(bytes.NewReader(max)); r.status != 200 {
		t.Fatalf("25 MiB: %d %s", r.status, r.body)
	}
	if r := s.call(t, "GET", "/tokens-id/values/big", nil); len(r.body) != kvstore.MaxValueBytes {
		t.Fatalf("read back %d bytes", len(r.body))
	}
	if r := put(bytes.NewReader(over)); r.status != 413 || !strings.Contains(string(r.body), tooLarge) {
		t.Fatalf("over, with Content-Length: %d %s", r.status, r.body)
	}
	// Without a Content-Length (chunked) the body is read to one byte past the limit.
	if r := put(io.MultiReader(bytes.NewReader(over), strings.NewReader("more"))); r.status != 413 || !strings.Contains(string(r.body), tooLarge) {
		t.Fatalf("over, chunked: %d %s", r.status, r.body)
	}
	form, ct := multipartBody("value", string(over))
	if r := put(form, "Content-Type", ct); r.status != 413 || !strings.Contains(string(r.body), tooLarge) {
		t.Fatalf("over, multipart: %d %s", r.status, r.body)
	}
}

func TestAdminAPIAuth(t *testing.T) {
	s := startTokenAPI(t)
	path := s.base + "/tokens-id/keys"
	cases := []struct {
		name   string
		header []string
		status int
	}{
		{"no credentials", nil, 401},
		{"wrong bearer token", []string{"Authorization", "Bearer nope"}, 401},
		{"token prefix only", []string{"Authorization", "Bearer " + apiToken[:5]}, 401},
		{"basic auth", []string{"Authorization", "Basic " + apiToken}, 401},
		{"bearer", []string{"Authorization", "Bearer " + apiToken}, 200},
		{"bearer, any case", []string{"Authorization", "bearer " + apiToken}, 200},
		{"X-Auth-Key (legacy)", []string{"X-Auth-Email", "me@example.com", "X-Auth-Key", apiToken}, 200},
		{"wrong X-Auth-Key", []string{"X-Auth-Key", "nope"}, 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", path, nil)
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			r := do(t, http.DefaultClient, req)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if tc.status == 401 && (r.code() != wrangler.APICodeAuth || r.header.Get("WWW-Authenticate") == "") {
				t.Fatalf("401 without code 10000 or WWW-Authenticate: %v %s", r.header, r.body)
			}
		})
	}
}

func TestAdminAPIWithoutToken(t *testing.T) {
	t.Run("refused on a non-loopback address", func(t *testing.T) {
		dir := apiProject(t)
		for _, addr := range []string{"0.0.0.0:0", ":0"} {
			_, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", APIAddr: addr, Logger: slog.New(slog.DiscardHandler)})
			if err == nil || !strings.Contains(err.Error(), "without a token") {
				t.Fatalf("APIAddr %s without a token: %v", addr, err)
			}
		}
		// The failed starts released the store and the socket.
		s := startAPI(t, server.Options{})
		if s.APIURL != "" {
			t.Fatalf("API on without --api-port: %s", s.APIURL)
		}
	})
	t.Run("open on loopback, but not to browsers", func(t *testing.T) {
		s := startAPI(t, server.Options{APIAddr: "127.0.0.1:0"})
		if !strings.Contains(s.logs.String(), "no token") {
			t.Errorf("no warning logged:\n%s", s.logs.String())
		}
		for _, tc := range []struct {
			name   string
			header []string
			host   string
			status int
		}{
			{"plain", nil, "", 200},
			{"localhost", nil, "localhost:1234", 200},
			{"from a web page", []string{"Origin", "https://evil.example"}, "", 403},
			{"DNS rebinding", nil, "evil.example:8788", 403},
		} {
			req, _ := http.NewRequest("GET", s.base, nil)
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			if tc.host != "" {
				req.Host = tc.host
			}
			if r := do(t, http.DefaultClient, req); r.status != tc.status {
				t.Errorf("%s: %d %s, want %d", tc.name, r.status, r.body, tc.status)
			}
		}
	})
}

// socketClient talks HTTP over the server's unix socket, as `edge kv` does.
func socketClient(sock string) *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
}

// TestAdminSocket: the socket `edge kv` uses is there while the server runs (mode 0600, no
// token, any namespace id), gone after shutdown, and a stale one does not block the next start.
func TestAdminSocket(t *testing.T) {
	dir := apiProject(t)
	s0, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", Logger: slog.New(slog.DiscardHandler), Isolates: 1})
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, ".edge", "state")
	sock := server.SocketPath(state)
	if sock != filepath.Join(state, "edge.sock") {
		t.Fatalf("SocketPath(%s) = %s", state, sock)
	}
	fi, err := os.Lstat(sock)
	if err != nil || fi.Mode()&fs.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket %s: %v, mode %v", sock, err, fi.Mode())
	}
	c := socketClient(sock)
	base := "http://edge/client/v4/accounts/x/storage/kv/namespaces"
	req, _ := http.NewRequest("PUT", base+"/never-configured/values/k", strings.NewReader("through the socket"))
	if r := do(t, c, req); r.status != 200 {
		t.Fatalf("put over the socket (no token, any namespace): %d %s", r.status, r.body)
	}
	req, _ = http.NewRequest("PUT", base+"/tokens-id/values/k", strings.NewReader("seen by the worker"))
	if r := do(t, c, req); r.status != 200 {
		t.Fatalf("put: %d %s", r.status, r.body)
	}
	if got := (&apiServer{Server: s0}).workerGet(t, "k"); got != "seen by the worker" {
		t.Fatalf("worker read %q", got)
	}
	c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s0.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(sock); !os.IsNotExist(err) {
		t.Fatalf("socket left after shutdown: %v", err)
	}
	// A stale socket (its server gone) does not stop the next start.
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	s1, err := server.Start(server.Options{Dir: dir, IP: "127.0.0.1", Logger: slog.New(slog.DiscardHandler), Isolates: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s1.Shutdown(context.Background())
	req, _ = http.NewRequest("GET", base+"/never-configured/values/k", nil)
	if r := do(t, socketClient(sock), req); r.status != 200 || string(r.body) != "through the socket" {
		t.Fatalf("after restart: %d %s", r.status, r.body)
	}
}

func TestSocketPathTooLong(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "/run/user/test")
	long := "/" + strings.Repeat("d", 120) + "/.edge/state"
	p := server.SocketPath(long)
	if !strings.HasPrefix(p, "/run/user/test/edge-") || !strings.HasSuffix(p, ".sock") || p != server.SocketPath(long) {
		t.Fatalf("SocketPath(long) = %s", p)
	}
	if server.SocketPath(long+"2") == p {
		t.Fatal("two state directories share a socket")
	}
}

// TestLaunchPostCurl replays the Workers KV launch post (2018): curl -X PUT
// …/storage/kv/namespaces/$NAMESPACE_ID/values/$TOKEN_ID with the credentials in headers and
// the value in --data; the worker reads it with env.TOKENS.get at once.
func TestLaunchPostCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Fatalf("curl is needed for this test: %v", err)
	}
	s := startTokenAPI(t)
	const namespaceID, tokenID = "tokens-id", "token:b1946ac92492d2347c6235b4d2611184"
	run := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(curl, append([]string{"-sS", "--fail-with-body"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("curl %q: %v\n%s", args, err, out)
		}
		return string(out)
	}
	url := s.APIURL + "/accounts/" + "01a7362d577a6c3019a474fd6f485823" + "/storage/kv/namespaces/" + namespaceID + "/values/" + tokenID
	out := run("-X", "PUT", url, "-H", "Authorization: Bearer "+apiToken, "--data", `{"userId":"u-123","scopes":["read"]}`)
	if !strings.Contains(out, `"success":true`) {
		t.Fatalf("PUT answered %s", out)
	}
	if got := s.workerGet(t, tokenID); got != `{"userId":"u-123","scopes":["read"]}` {
		t.Fatalf("worker read %q", got)
	}
	// The post's own headers: X-Auth-Email and X-Auth-Key.
	run("-X", "PUT", url, "-H", "X-Auth-Email: user@example.com", "-H", "X-Auth-Key: "+apiToken, "--data", "revoked")
	if got := run(url, "-H", "Authorization: Bearer "+apiToken); got != "revoked" {
		t.Fatalf("GET answered %q", got)
	}
	if got := s.workerGet(t, tokenID); got != "revoked" {
		t.Fatalf("worker read %q", got)
	}
}

// TestCloudflareSDK runs testdata/cloudflare-sdk/kv.mjs: the official `cloudflare` npm SDK
// (installed by scripts/setup.sh), pointed at the local base URL.
func TestCloudflareSDK(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed for this test: %v", err)
	}
	dir, _ := filepath.Abs("testdata/cloudflare-sdk")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "cloudflare")); err != nil {
		t.Fatalf("the cloudflare SDK is not installed (run scripts/setup.sh): %v", err)
	}
	s := startTokenAPI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "kv.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CF_BASE_URL="+s.APIURL, "CF_API_TOKEN="+apiToken, "CF_NAMESPACE_ID=tokens-id")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node kv.mjs: %v\n%s%s\nserver log:\n%s", err, stdout.String(), stderr.String(), s.logs.String())
	}
	var seen struct {
		DuplicateMessage string   `json:"duplicateMessage"`
		Namespaces       []string `json:"namespaces"`
		MissingKey       string   `json:"missingKey"`
		KeysLeft         []string `json:"keysLeft"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &seen); err != nil {
		t.Fatalf("kv.mjs printed %q: %v", stdout.String(), err)
	}
	if seen.MissingKey != "get: 'key not found'" || len(seen.KeysLeft) != 5 ||
		strings.Join(seen.Namespaces, ",") != "sdk-namespace,tokens-id,tokens-preview" {
		t.Fatalf("kv.mjs saw %+v", seen)
	}
	if got := s.workerGet(t, "token:sdk"); got != `{"userId":"u-sdk"}` {
		t.Fatalf("worker read %q", got)
	}
}
