package translations_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

// newOrigin serves origin/page.html, the page the stand-in origin serves, on loopback.
func newOrigin(t *testing.T) *httptest.Server {
	page, err := os.ReadFile("origin/page.html")
	if err != nil {
		t.Fatal(err)
	}
	o := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/logo.png" {
			w.Header().Set("Content-Type", "image/png")
			io.WriteString(w, "\x89PNG")
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(o.Close)
	return o
}

// project copies the example and seeds KV from seed.json, as the README tells a user to.
func project(t *testing.T) string {
	t.Helper()
	dir := e2e.CopyDir(t, ".")
	if _, stderr, code := e2e.Run(t, dir, "kv", "bulk", "put", "seed.json", "--binding", "TRANSLATIONS"); code != 0 {
		t.Fatalf("edge kv bulk put: exit %d\n%s", code, stderr)
	}
	return dir
}

var client = &http.Client{Timeout: 10 * time.Second}

func get(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// translated is origin/page.html with the given replacements applied.
func translated(t *testing.T, pairs ...string) string {
	page, err := os.ReadFile("origin/page.html")
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer(pairs...).Replace(string(page))
}

func TestTranslations(t *testing.T) {
	t.Parallel()
	origin := newOrigin(t)
	dir := project(t)
	english := translated(t)
	german := translated(t,
		`<html lang="en">`, `<html lang="de">`,
		`>Welcome<`, `>Willkommen<`,
		`>Hello world!<`, `>Hallo Welt!<`,
		`>This page was translated at the edge.<`, `>Diese Seite wurde am Rand übersetzt.<`,
		`>Get started<`, `>Jetzt loslegen<`)
	// The French strings have no "cta": that element stays English.
	french := translated(t,
		`<html lang="en">`, `<html lang="fr">`,
		`>Welcome<`, `>Bienvenue<`,
		`>Hello world!<`, `>Bonjour le monde !<`,
		`>This page was translated at the edge.<`, `>Cette page a été traduite en périphérie.<`)

	check := func(t *testing.T, url string, header map[string]string, wantBody, wantLang string) {
		t.Helper()
		resp, body := get(t, url, header)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		if body != wantBody {
			t.Errorf("body:\n%s\nwant:\n%s", body, wantBody)
		}
		if got := resp.Header.Get("Content-Language"); got != wantLang {
			t.Errorf("Content-Language = %q, want %q", got, wantLang)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
	}

	t.Run("Accept-Language", func(t *testing.T) {
		node := e2e.Serve(t, dir, "--var", "ORIGIN_URL:"+origin.URL)
		tests := []struct {
			name, accept, body, lang string
		}{
			{"german", "de-DE,de;q=0.9,en;q=0.5", german, "de"},
			{"french by weight", "en;q=0.2, fr-CH;q=0.8, de;q=0.5", french, "fr"},
			{"unsupported", "es-ES,es;q=0.9", english, ""},
			{"none", "", english, ""},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				h := map[string]string{}
				if tc.accept != "" {
					h["Accept-Language"] = tc.accept
				}
				check(t, node.URL+"/", h, tc.body, tc.lang)
			})
		}
		t.Run("not html", func(t *testing.T) {
			resp, body := get(t, node.URL+"/logo.png", map[string]string{"Accept-Language": "de"})
			if body != "\x89PNG" || resp.Header.Get("Content-Language") != "" {
				t.Errorf("got %q, Content-Language %q", body, resp.Header.Get("Content-Language"))
			}
		})
	})

	// request.cf.country comes from `edge serve --cf country=…` locally and wins over
	// Accept-Language.
	t.Run("country", func(t *testing.T) {
		for _, tc := range []struct{ country, body, lang string }{
			{"FR", french, "fr"},
			{"AT", german, "de"},
			{"US", german, "de"}, // no language for the country: Accept-Language decides
		} {
			t.Run(tc.country, func(t *testing.T) {
				// One server at a time: they share the project's KV state.
				node := e2e.Serve(t, dir, "--var", "ORIGIN_URL:"+origin.URL, "--cf", "country="+tc.country)
				check(t, node.URL+"/", map[string]string{"Accept-Language": "de"}, tc.body, tc.lang)
			})
		}
	})
}
