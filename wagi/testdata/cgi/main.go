//go:build wasip1

// Command cgi is the WAGI module wagi's tests run: its path selects a behaviour.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/edgeruntime/edge/examples/wasi-kv/edge"
)

func main() {
	switch os.Getenv("PATH_INFO") {
	case "/echo":
		body, _ := io.ReadAll(os.Stdin)
		fmt.Printf("Content-Type: text/plain\nX-Args: %s\n\n", strings.Join(os.Args, "|"))
		for _, k := range []string{"REQUEST_METHOD", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_X_TEST", "HTTP_HOST", "SERVER_PROTOCOL", "X_FULL_URL"} {
			fmt.Printf("%s=%s\n", k, os.Getenv(k))
		}
		fmt.Printf("body=%s\n", body)
	case "/status":
		fmt.Print("Status: 418 I'm a teapot\nContent-Type: text/plain\n\nshort and stout")
	case "/location":
		fmt.Print("Location: https://example.com/\n\n")
	case "/no-headers":
		fmt.Print("just a body")
	case "/exit":
		fmt.Print("Content-Type: text/plain\n\npartial")
		fmt.Fprintln(os.Stderr, "giving up")
		os.Exit(3)
	case "/spin":
		for {
		}
	case "/kv":
		if err := edge.Put("KV", "k", []byte("v1"), 0); err != nil {
			panic(err)
		}
		v, found, err := edge.Get("KV", "k")
		_, missing, _ := edge.Get("KV", "nope")
		list, lerr := edge.List("KV", "", "", 0)
		derr := edge.Delete("KV", "k")
		_, after, _ := edge.Get("KV", "k")
		_, _, unbound := edge.Get("NOPE", "k")
		bad := edge.Put("KV", "", []byte("x"), 0)
		name, _ := edge.Var("NAME")
		_, noVar := edge.Var("MISSING")
		fmt.Printf("Content-Type: text/plain\n\n%s %v %v %v %v %d %v %v %v | %v | %v | %s %v", v, found, err, missing, lerr, len(list.Keys), list.ListComplete, derr, after, unbound, bad, name, noVar)
	}
}
