// Command origin is a stand-in API for trying the token-gateway example by hand: it answers
// every request with a JSON description of what it received, so you can see what the gateway
// forwarded. The example's test uses its own recording server instead.
//
//	go run ./examples/token-gateway/origin            # listens on 127.0.0.1:9000
package main

import (
	"encoding/json"
	"flag"
	"io"
	"log"
	"net/http"
)

type echo struct {
	Method                 string `json:"method"`
	URL                    string `json:"url"`
	UserID                 string `json:"userId"`
	AuthorizationForwarded bool   `json:"authorizationForwarded"`
	ContentType            string `json:"contentType,omitempty"`
	Body                   string `json:"body,omitempty"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:9000", "address to listen on")
	flag.Parse()
	log.Printf("origin listening on http://%s", *addr)
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		_, auth := r.Header["Authorization"]
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Origin", "demo")
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		_ = enc.Encode(echo{r.Method, r.RequestURI, r.Header.Get("User-Id"), auth, r.Header.Get("Content-Type"), string(body)})
	})))
}
