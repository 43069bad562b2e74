// Command genworker writes a synthetic worker project of about SIZE bytes of source
// (internal/bench.SyntheticWorker) for bench/scaling.sh's bundle-size section:
//
//	genworker DIR SIZE
//
// SIZE is in bytes, with an optional k or m suffix (1024, 1024²). It prints the source's
// length and its number of units, tab-separated.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/edgeruntime/edge/internal/bench"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: genworker DIR SIZE")
		os.Exit(2)
	}
	arg, mult := strings.ToLower(os.Args[2]), 1
	switch {
	case strings.HasSuffix(arg, "k"):
		arg, mult = strings.TrimSuffix(arg, "k"), 1<<10
	case strings.HasSuffix(arg, "m"):
		arg, mult = strings.TrimSuffix(arg, "m"), 1<<20
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n <= 0 {
		fmt.Fprintf(os.Stderr, "genworker: bad size %q\n", os.Args[2])
		os.Exit(2)
	}
	bytes, units, err := bench.WriteSyntheticProject(os.Args[1], n*mult)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genworker:", err)
		os.Exit(1)
	}
	fmt.Printf("%d\t%d\n", bytes, units)
}
