// Command origin is a stand-in origin for trying the translations worker by hand: it serves
// page.html (English) on 127.0.0.1:9001, the ORIGIN_URL in wrangler.toml.
package main

import (
	_ "embed"
	"flag"
	"log"
	"net/http"
)

//go:embed page.html
var page []byte

func main() {
	addr := flag.String("addr", "127.0.0.1:9001", "address to listen on")
	flag.Parse()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	log.Printf("origin: serving page.html on http://%s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
