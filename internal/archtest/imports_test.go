// Package archtest checks the dependency rules of ARCHITECTURE.md with `go list -deps`.
package archtest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/edgeruntime/edge"

// allowed lists, for each package (and its internal sub-packages), which of our packages it
// may depend on. Dependencies outside the module are not restricted here.
var allowed = map[string][]string{
	"kvstore":         {},
	"wrangler-compat": {},
	"runtime":         {"runtime"},
	"bindings":        {"runtime", "kvstore"},
	"wagi":            {"kvstore"},
	"replication":     {"kvstore"},
}

func TestImportDirection(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Deps", "./...")
	cmd.Dir = "../.." // the module root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	checked := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Deps       []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.ImportPath, module+"/") {
			continue
		}
		rel := strings.TrimPrefix(p.ImportPath, module+"/")
		top := strings.SplitN(rel, "/", 2)[0]
		rules, ok := allowed[top]
		if !ok {
			continue
		}
		checked++
		for _, d := range p.Deps {
			if !strings.HasPrefix(d, module+"/") {
				continue
			}
			dtop := strings.SplitN(strings.TrimPrefix(d, module+"/"), "/", 2)[0]
			ok := false
			for _, a := range rules {
				if dtop == a {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s must not depend on %s (ARCHITECTURE.md: import rule)", rel, strings.TrimPrefix(d, module+"/"))
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d packages checked; is go list output as expected?", checked)
	}
}
