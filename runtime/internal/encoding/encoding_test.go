package encoding_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/encoding"
	"github.com/edgeruntime/edge/runtime/internal/jstest"
)

func newVM(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	encoding.Install(vm, vm.GlobalObject())
	return vm
}

// domExceptionShim is a minimal DOMException for running the tests the way the full runtime
// does (the real class is installed by another package).
const domExceptionShim = `
class DOMException extends Error {
  constructor(message = '', name = 'Error') { super(message); this._name = name; }
  get name() { return this._name; }
}
globalThis.DOMException = DOMException;
`

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
		name := strings.TrimSuffix(filepath.Base(f), ".test.js")
		t.Run(name, func(t *testing.T) {
			jstest.Run(t, newVM(t), filepath.Base(f), string(src), nil)
		})
		if name == "base64" {
			t.Run(name+"/with-DOMException", func(t *testing.T) {
				vm := newVM(t)
				if _, err := vm.RunString(domExceptionShim); err != nil {
					t.Fatal(err)
				}
				jstest.Run(t, vm, filepath.Base(f), string(src)+`
test('errors are DOMException instances', () => {
  const e = assertThrows(() => atob('!'), 'DOMException');
  assert(e instanceof DOMException);
  assertEquals(e.name, 'InvalidCharacterError');
});`, nil)
			})
		}
	}
}
