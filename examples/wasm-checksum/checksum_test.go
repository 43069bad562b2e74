package checksum_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edgeruntime/edge/internal/e2e"
)

type reply struct {
	CRC32         string   `json:"crc32"`
	ROT13         any      `json:"rot13"`
	Pages         int      `json:"pages"`
	ProgressCalls int      `json:"progressCalls"`
	Exports       []string `json:"exports"`
}

func post(t *testing.T, url string, body []byte) reply {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Post(url, "application/octet-stream", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var r reply
	if resp.StatusCode != 200 || json.Unmarshal(b, &r) != nil {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	return r
}

// `edge serve` runs the example's [build] command (wabt: .wat → .wasm), bundles the .wasm
// import as a WebAssembly.Module and serves it; a large body makes the module grow its memory
// inside Wasm, which the wasm-bindgen-style view refresh must notice.
func TestChecksum(t *testing.T) {
	if _, err := os.Stat("node_modules/wabt"); err != nil {
		t.Fatal("node_modules/wabt is missing: run scripts/setup.sh")
	}
	dir := e2e.CopyDir(t, ".")
	if _, err := os.Stat(filepath.Join(dir, "src", "checksum.wasm")); err == nil {
		t.Fatal("a built checksum.wasm was copied: the test must build it")
	}
	n := e2e.Serve(t, dir, "--isolates", "1")
	if !strings.Contains(n.Stdout(), "[custom build] Running: node build.mjs") {
		t.Errorf("build command not run:\n%s", n.Stdout())
	}

	r := post(t, n.URL+"/", []byte("Hello, World"))
	if r.CRC32 != "265b86c6" || r.ROT13 != "Uryyb, Jbeyq" || r.Pages != 1 || r.ProgressCalls != 1 {
		t.Errorf("small body: %+v", r)
	}
	if got := strings.Join(r.Exports, ","); got != "memory:memory,alloc:function,reset:function,crc32:function,rot13:function" {
		t.Errorf("exports: %s", got)
	}

	big := make([]byte, 300_000)
	for i := range big {
		big[i] = byte(i*7 + i/255)
	}
	r = post(t, n.URL+"/", big)
	want := fmt.Sprintf("%08x", crc32.ChecksumIEEE(big))
	if r.CRC32 != want || r.Pages != 5 || r.ProgressCalls != 5 || r.ROT13 != "(300000 bytes)" {
		t.Errorf("big body: %+v, want crc32 %s over 5 pages", r, want)
	}
	// The instance persists across requests (module top level runs once per isolate); a view
	// cached before the growth is refreshed.
	if r := post(t, n.URL+"/", []byte("abc")); r.CRC32 != fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte("abc"))) || r.ROT13 != "nop" || r.Pages != 5 {
		t.Errorf("after growth: %+v", r)
	}
}
