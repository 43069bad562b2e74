package main

import (
	"fmt"
	"os"

	"github.com/dop251/goja"
)

func main() {
	vm := goja.New()
	src, _ := os.ReadFile(os.Args[1])
	v, err := vm.RunString(string(src))
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	fmt.Println(v)
}
