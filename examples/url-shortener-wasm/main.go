//go:build wasip1

// Command url-shortener-wasm is a standalone Wasm worker for edge (main = "….wasm"): a URL
// shortener run per request WAGI-style, keeping its links in the KV namespace bound as LINKS.
//
//	POST /        body = the URL → 201, body = the short URL
//	GET  /:code   → 302 to the URL, or 404
//
// Build: GOOS=wasip1 GOARCH=wasm go build -o shortener.wasm .
package main

import (
	"crypto/rand"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/edgeruntime/edge/examples/wasi-kv/edge"
)

const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func main() {
	method, path := os.Getenv("REQUEST_METHOD"), os.Getenv("PATH_INFO")
	switch {
	case method == "POST" && path == "/":
		create()
	case method == "GET" && path == "/":
		respond("200 OK", "POST a URL to / to shorten it; GET /CODE to follow it.\n")
	case method == "GET":
		redirect(strings.TrimPrefix(path, "/"))
	default:
		respond("405 Method Not Allowed", "method not allowed\n")
	}
}

func create() {
	body, err := io.ReadAll(io.LimitReader(os.Stdin, 4096))
	if err != nil {
		fail(err)
		return
	}
	target := strings.TrimSpace(string(body))
	if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		respond("400 Bad Request", "the body must be an http(s) URL\n")
		return
	}
	code := newCode()
	if err := edge.Put("LINKS", code, []byte(target), 0); err != nil {
		fail(err)
		return
	}
	base, ok := edge.Var("BASE_URL")
	if !ok {
		base = "http://" + os.Getenv("HTTP_HOST")
	}
	respond("201 Created", base+"/"+code+"\n")
}

func redirect(code string) {
	target, found, err := edge.Get("LINKS", code)
	switch {
	case err != nil:
		fail(err)
	case !found:
		respond("404 Not Found", "no such link\n")
	default:
		fmt.Printf("Status: 302 Found\nLocation: %s\n\n", target)
	}
}

func newCode() string {
	b := make([]byte, 7)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func respond(status, body string) {
	fmt.Printf("Status: %s\nContent-Type: text/plain; charset=utf-8\n\n%s", status, body)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	respond("500 Internal Server Error", "internal error\n")
}
