package kvstore_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/edgeruntime/edge/kvstore"
)

func putKeys(t *testing.T, s *kvstore.Store, keys ...string) {
	t.Helper()
	for _, k := range keys {
		mustPut(t, s, "ns", k, "v", kvstore.PutOptions{})
	}
}

func TestListOrder(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	// Deliberately shuffled; the wanted order is by UTF-8 bytes.
	putKeys(t, s, "a", "é", "Z", ", ", "😀", "!", "ab", "a\x00", "ÿ", "aa", "A", "~", "\u07ff", "\u0800", "\uffff")
	want := []string{"!", ", ", "A", "Z", "a", "a\x00", "aa", "ab", "~", "é", "ÿ", "\u07ff", "\u0800", "\uffff", "😀"}
	got := names(mustList(t, s, "ns", kvstore.ListOptions{}).Keys)
	if !slices.Equal(got, want) {
		t.Fatalf("order\n got %q\nwant %q", got, want)
	}
	// UTF-16 order (JS string comparison) would put U+FFFF after 😀.
	if !slices.IsSorted(got) {
		t.Fatal("not in byte order")
	}
}

func TestListPrefix(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	putKeys(t, s, "a", "a/1", "a/2", "A/1", "ab", "b", "%x", "_x", `\x`, "x%", "x_", "é1", "é2", "e1")
	tests := []struct {
		prefix string
		want   []string
	}{
		{"", []string{"%x", "A/1", "\\x", "_x", "a", "a/1", "a/2", "ab", "b", "e1", "x%", "x_", "é1", "é2"}},
		{"a", []string{"a", "a/1", "a/2", "ab"}},
		{"a/", []string{"a/1", "a/2"}},
		{"A", []string{"A/1"}},
		{"%", []string{"%x"}},
		{"_", []string{"_x"}},
		{`\`, []string{`\x`}},
		{"x%", []string{"x%"}},
		{"é", []string{"é1", "é2"}},
		{"\xc3", []string{"é1", "é2"}}, // byte prefix, not rune prefix
		{"zzz", nil},
		{"a/1/more", nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.prefix), func(t *testing.T) {
			res := mustList(t, s, "ns", kvstore.ListOptions{Prefix: tt.prefix})
			if got := names(res.Keys); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if !res.ListComplete || res.Cursor != "" || res.Keys == nil {
				t.Fatalf("complete=%v cursor=%q keys=%v", res.ListComplete, res.Cursor, res.Keys)
			}
		})
	}
}

func TestListPagination(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	var all []string
	for i := range 2500 {
		all = append(all, fmt.Sprintf("key-%04d", i))
	}
	putMany(t, s, len(all), func(i int) (string, string, kvstore.PutOptions) {
		return "ns", all[i], kvstore.PutOptions{}
	})
	putKeys(t, s, "other")
	tests := []struct {
		name   string
		limits []int
	}{
		{"default", []int{0}},
		{"negative means default", []int{-5}},
		{"max", []int{1000}},
		{"one", []int{1}},
		{"variable", []int{7, 1000, 1, 333, 0, 2, 999}},
		{"exact divisor", []int{500}},
		{"exact divisor 2500", []int{2500 / 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if slices.Contains(tt.limits, 1) && testing.Short() {
				t.Skip("2500 single-key pages")
			}
			if got := listAll(t, s, "ns", "key-", tt.limits...); !slices.Equal(got, all) {
				t.Fatalf("paged %d keys, want %d (first %q)", len(got), len(all), got[:min(len(got), 3)])
			}
		})
	}
	t.Run("default page is 1000", func(t *testing.T) {
		res := mustList(t, s, "ns", kvstore.ListOptions{})
		if len(res.Keys) != 1000 || res.ListComplete || res.Cursor == "" {
			t.Fatalf("got %d keys complete=%v", len(res.Keys), res.ListComplete)
		}
	})
}

func TestListExactLimitFinalPage(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	putKeys(t, s, "a", "b", "c", "d", "e", "f")
	first := mustList(t, s, "ns", kvstore.ListOptions{Limit: 3})
	if got := names(first.Keys); !slices.Equal(got, []string{"a", "b", "c"}) || first.ListComplete || first.Cursor == "" {
		t.Fatalf("first page %q complete=%v cursor=%q", got, first.ListComplete, first.Cursor)
	}
	last := mustList(t, s, "ns", kvstore.ListOptions{Limit: 3, Cursor: first.Cursor})
	if got := names(last.Keys); !slices.Equal(got, []string{"d", "e", "f"}) || !last.ListComplete || last.Cursor != "" {
		t.Fatalf("last page %q complete=%v cursor=%q; want 3 keys, complete, no cursor", got, last.ListComplete, last.Cursor)
	}
	whole := mustList(t, s, "ns", kvstore.ListOptions{Limit: 6})
	if len(whole.Keys) != 6 || !whole.ListComplete || whole.Cursor != "" {
		t.Fatalf("limit == count: %d keys complete=%v cursor=%q", len(whole.Keys), whole.ListComplete, whole.Cursor)
	}
}

// Miniflare test "list: returns keys inserted whilst paginating".
func TestListInsertedWhilePaginating(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	ctx := context.Background()
	putKeys(t, s, "key1", "key3", "key5")
	page := mustList(t, s, "ns", kvstore.ListOptions{Limit: 2})
	if got := names(page.Keys); !slices.Equal(got, []string{"key1", "key3"}) {
		t.Fatalf("first page %q", got)
	}
	putKeys(t, s, "key2", "key4")                       // behind and ahead of the cursor
	if err := s.Delete(ctx, "ns", "key3"); err != nil { // the cursor key itself
		t.Fatal(err)
	}
	page = mustList(t, s, "ns", kvstore.ListOptions{Limit: 2, Cursor: page.Cursor})
	if got := names(page.Keys); !slices.Equal(got, []string{"key4", "key5"}) || !page.ListComplete {
		t.Fatalf("second page %q complete=%v; want key4, key5, complete", got, page.ListComplete)
	}
}

func TestListSkipsExpired(t *testing.T) {
	clk := newClock(t0)
	s := openStore(t, kvstore.Options{Now: clk.Now})
	putKeys(t, s, "a", "b", "e")
	for _, k := range []string{"c", "d"} {
		mustPut(t, s, "ns", k, "v", kvstore.PutOptions{ExpirationTTL: f64(60)})
	}
	mustPut(t, s, "ns", "f", "v", kvstore.PutOptions{ExpirationTTL: f64(60)})
	clk.Advance(60e9)
	page := mustList(t, s, "ns", kvstore.ListOptions{Limit: 2})
	if got := names(page.Keys); !slices.Equal(got, []string{"a", "b"}) || page.ListComplete {
		t.Fatalf("first page %q complete=%v", got, page.ListComplete)
	}
	page = mustList(t, s, "ns", kvstore.ListOptions{Limit: 2, Cursor: page.Cursor})
	if got := names(page.Keys); !slices.Equal(got, []string{"e"}) || !page.ListComplete {
		t.Fatalf("second page %q complete=%v; want [e], complete (expired keys neither listed nor counted)", got, page.ListComplete)
	}
	// Only expired keys after the page: still complete.
	page = mustList(t, s, "ns", kvstore.ListOptions{Limit: 3})
	if !page.ListComplete || len(page.Keys) != 3 {
		t.Fatalf("got %q complete=%v", names(page.Keys), page.ListComplete)
	}
}

func TestListEntryFields(t *testing.T) {
	s := openStore(t, kvstore.Options{Now: newClock(t0).Now})
	mustPut(t, s, "ns", "plain", "v", kvstore.PutOptions{})
	mustPut(t, s, "ns", "with", "v", kvstore.PutOptions{ExpirationTTL: f64(100), Metadata: json.RawMessage(`{"n":[1,2]}`)})
	mustPut(t, s, "ns", "zero", "v", kvstore.PutOptions{Metadata: json.RawMessage(`0`)})
	got := mustList(t, s, "ns", kvstore.ListOptions{}).Keys
	want := []kvstore.KeyInfo{
		{Name: "plain"},
		{Name: "with", Expiration: t0 + 100, Metadata: json.RawMessage(`{"n":[1,2]}`)},
		{Name: "zero", Metadata: json.RawMessage(`0`)},
	}
	if !slices.EqualFunc(got, want, func(a, b kvstore.KeyInfo) bool {
		return a.Name == b.Name && a.Expiration == b.Expiration && string(a.Metadata) == string(b.Metadata) &&
			(a.Metadata == nil) == (b.Metadata == nil)
	}) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestListCursors(t *testing.T) {
	s := openStore(t, kvstore.Options{})
	putKeys(t, s, "a", "b", "c", "p/1", "p/2", "q")
	std := base64.StdEncoding.EncodeToString([]byte("b"))
	tests := []struct {
		name, prefix, cursor string
		want                 []string
	}{
		{"ours", "", kvstore.EncodeCursor("b"), []string{"c", "p/1", "p/2", "q"}},
		{"miniflare's padded std base64", "", std, []string{"c", "p/1", "p/2", "q"}},
		{"cursor for a key that does not exist", "", kvstore.EncodeCursor("bb"), []string{"c", "p/1", "p/2", "q"}},
		{"garbage starts at the beginning", "", "!!!", []string{"a", "b", "c", "p/1", "p/2", "q"}},
		{"single character is ignored", "", "Y", []string{"a", "b", "c", "p/1", "p/2", "q"}},
		{"cursor before the prefix range", "p/", kvstore.EncodeCursor("a"), []string{"p/1", "p/2"}},
		{"cursor inside the prefix range", "p/", kvstore.EncodeCursor("p/1"), []string{"p/2"}},
		{"cursor after the prefix range", "p/", kvstore.EncodeCursor("q"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustList(t, s, "ns", kvstore.ListOptions{Prefix: tt.prefix, Cursor: tt.cursor})
			if got := names(res.Keys); strings.Join(got, ",") != strings.Join(tt.want, ",") || !res.ListComplete {
				t.Fatalf("got %q complete=%v, want %q", got, res.ListComplete, tt.want)
			}
		})
	}
}
