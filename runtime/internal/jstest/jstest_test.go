package jstest_test

import (
	"os"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jstest"
)

func TestHarness(t *testing.T) {
	src, err := os.ReadFile("testdata/harness.test.js")
	if err != nil {
		t.Fatal(err)
	}
	jstest.Run(t, goja.New(), "harness.test.js", string(src), nil)
}

// TestPump checks that a test waiting on a host callback is driven by pump.
func TestPump(t *testing.T) {
	vm := goja.New()
	var queue []func()
	_ = vm.Set("later", func(fn goja.Callable) {
		queue = append(queue, func() { _, _ = fn(goja.Undefined()) })
	})
	pumps := 0
	pump := func() bool {
		if len(queue) == 0 {
			return false
		}
		pumps++
		next := queue[0]
		queue = queue[1:]
		next()
		return true
	}
	jstest.Run(t, vm, "pump.test.js", `
		test('waits for host callbacks', async () => {
			let v = 0;
			await new Promise((resolve) => later(() => { v = 1; resolve(); }));
			await new Promise((resolve) => later(() => { v++; resolve(); }));
			assertEquals(v, 2);
		});
	`, pump)
	if pumps != 2 {
		t.Fatalf("pump called %d times, want 2", pumps)
	}
}
