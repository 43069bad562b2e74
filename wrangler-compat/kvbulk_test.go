package wrangler_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bulk.json")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadKVBulkPut(t *testing.T) {
	p := writeFile(t, `[
  {"key": "a", "value": "1"},
  {"key": "b", "value": "aGk=", "base64": true, "expiration_ttl": 120, "metadata": {"x": [1]}},
  {"key": "c", "value": "3", "expiration": 4102444800, "extra": 1}
]`)
	items, warns, err := wrangler.LoadKVBulkPut(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 || items[1].Key != "b" || !items[1].Base64 || items[1].ExpirationTTL != 120 || string(items[1].Metadata) != `{"x":[1]}` || items[2].Expiration != 4102444800 || items[0].Line != 2 {
		t.Fatalf("items %+v", items)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].String(), "bulk.json:4: warning: [2].extra: unexpected property") {
		t.Fatalf("warnings %v", warns)
	}
}

func TestLoadKVBulkPutErrors(t *testing.T) {
	cases := []struct{ content, want string }{
		{`{"key":"a"}`, "bulk.json:1: expected a JSON array"},
		{"[\n {\"key\": 1, \"value\": \"v\"}]", "bulk.json:2: [0].key: expected a string, found number"},
		{"[\n {\"value\": \"v\"}]", "bulk.json:2: [0]: missing \"key\""},
		{"[\n \"x\"]", "bulk.json:2: [0]: expected an object"},
		{"[\n {\"key\": \"a\", \"value\": \"v\",}\n,", "bulk.json:3:"},
	}
	for _, c := range cases {
		_, _, err := wrangler.LoadKVBulkPut(writeFile(t, c.content))
		var ds wrangler.Diagnostics
		if !errors.As(err, &ds) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.content, err, c.want)
		}
	}
	// Every problem is reported, capped at 12.
	many := "[" + strings.Repeat(`{"key": 1, "value": 2},`, 20) + `{"key":"z","value":"z"}]`
	_, _, err := wrangler.LoadKVBulkPut(writeFile(t, many))
	var ds wrangler.Diagnostics
	if !errors.As(err, &ds) || len(ds) != 12 {
		t.Fatalf("got %d diagnostics: %v", len(ds), err)
	}
}

func TestLoadKVBulkKeys(t *testing.T) {
	keys, err := wrangler.LoadKVBulkKeys(writeFile(t, `["a", {"name": "b", "expiration": 5}, "c"]`))
	if err != nil || strings.Join(keys, ",") != "a,b,c" {
		t.Fatalf("%v %v", keys, err)
	}
	if _, err := wrangler.LoadKVBulkKeys(writeFile(t, `["a", 5]`)); err == nil || !strings.Contains(err.Error(), "[1]: expected a key string") {
		t.Fatalf("got %v", err)
	}
}
