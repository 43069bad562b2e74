// Command backends runs stand-ins for the two APIs the order-sync example talks to, for trying
// it by hand. The example's test uses its own recording servers instead.
//
// The origin listens on 127.0.0.1:9001. GET /orders answers with the orders in a JSON file
// (orders.json by default), read again on every request, so editing the file changes what the
// next sync run sees. The delivery API listens on 127.0.0.1:9002. POST /deliveries prints the
// order and answers 201, or 503 for every push with -fail. From examples/order-sync:
//
//	go run ./backends
//	go run ./backends -fail
package main

import (
	"encoding/json"
	"flag"
	"io"
	"log"
	"net/http"
	"os"
)

func main() {
	originAddr := flag.String("origin", "127.0.0.1:9001", "origin API address")
	deliveryAddr := flag.String("delivery", "127.0.0.1:9002", "delivery API address")
	ordersFile := flag.String("orders", "orders.json", "JSON file that GET /orders serves")
	fail := flag.Bool("fail", false, "answer every delivery with 503")
	flag.Parse()

	origin := http.NewServeMux()
	origin.HandleFunc("GET /orders", func(w http.ResponseWriter, r *http.Request) {
		data, err := os.ReadFile(*ordersFile)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(data)
	})

	delivery := http.NewServeMux()
	delivery.HandleFunc("POST /deliveries", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var order struct {
			ID        any    `json:"id"`
			UpdatedAt string `json:"updatedAt"`
		}
		_ = json.Unmarshal(body, &order)
		if *fail {
			log.Printf("delivery: refusing order %v (-fail)", order.ID)
			http.Error(w, "delivery service unavailable", http.StatusServiceUnavailable)
			return
		}
		log.Printf("delivery: order %v, updatedAt %s, Idempotency-Key %s", order.ID, order.UpdatedAt, r.Header.Get("Idempotency-Key"))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"accepted":true}`)
	})

	go func() {
		log.Printf("origin listening on http://%s (GET /orders from %s)", *originAddr, *ordersFile)
		log.Fatal(http.ListenAndServe(*originAddr, origin))
	}()
	log.Printf("delivery API listening on http://%s (POST /deliveries)", *deliveryAddr)
	log.Fatal(http.ListenAndServe(*deliveryAddr, delivery))
}
