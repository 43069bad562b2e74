package formdata_test

import (
	"fmt"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/formdata"
)

// benchForm builds a FormData of 10 short fields and one 1 MiB file.
func benchForm(b *testing.B) (*formdata.API, *goja.Object) {
	vm, api := newVM(b)
	fd := run(b, vm, `new FormData()`).(*goja.Object)
	appendFn, _ := goja.AssertFunction(fd.Get("append"))
	for i := range 10 {
		if _, err := appendFn(fd, vm.ToValue(fmt.Sprintf("field%d", i)), vm.ToValue(fmt.Sprintf("value number %d", i))); err != nil {
			b.Fatal(err)
		}
	}
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i*31 + i>>8)
	}
	if _, err := appendFn(fd, vm.ToValue("file"), api.NewBlob(data, "application/octet-stream"), vm.ToValue("upload.bin")); err != nil {
		b.Fatal(err)
	}
	return api, fd
}

func BenchmarkFormDataBody(b *testing.B) {
	api, fd := benchForm(b)
	body, _, _ := api.FormDataBody(fd)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ok := api.FormDataBody(fd); !ok {
			b.Fatal("not a FormData")
		}
	}
}

func BenchmarkParseFormData(b *testing.B) {
	api, fd := benchForm(b)
	body, ctype, _ := api.FormDataBody(fd)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := api.ParseFormData(ctype, body); err != nil {
			b.Fatal(err)
		}
	}
}
