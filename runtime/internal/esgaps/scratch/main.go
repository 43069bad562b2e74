package main

import (
	"fmt"
	"os"
	"time"

	"github.com/dop251/goja"
	"github.com/edgeruntime/edge/runtime/internal/esgaps"
)

func main() {
	vm := goja.New()
	esgaps.Install(vm)
	src, _ := os.ReadFile(os.Args[1])
	v, err := vm.RunString(string(src))
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		fmt.Println(v)
		return
	}
	for _, k := range obj.Keys() {
		f, _ := goja.AssertFunction(obj.Get(k))
		f(nil)
		t := time.Now()
		for i := 0; i < 2000; i++ {
			f(nil)
		}
		fmt.Println(k, time.Since(t)/2000)
	}
}
