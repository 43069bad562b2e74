package urlpattern_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jstest"
	"github.com/edgeruntime/edge/runtime/internal/urlpattern"
	"github.com/edgeruntime/edge/runtime/internal/weburl"
)

func newVM(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	weburl.Install(vm, vm.GlobalObject())
	if err := urlpattern.Install(vm, vm.GlobalObject()); err != nil {
		t.Fatal(err)
	}
	return vm
}

func TestJS(t *testing.T) {
	files, err := filepath.Glob("testdata/*.test.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(f), ".test.js"), func(t *testing.T) {
			jstest.Run(t, newVM(t), filepath.Base(f), string(src), nil)
		})
	}
}
