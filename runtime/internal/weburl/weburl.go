package weburl

import "github.com/dop251/goja"

// Install defines URL and URLSearchParams on global.
func Install(vm *goja.Runtime, global *goja.Object) {
	pc := installSearchParams(vm, global)
	installURL(vm, global, pc)
}
