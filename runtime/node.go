package runtime

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/node"
)

// EnvVar is implemented by bindings whose value is text or JSON. When process.env is populated
// (nodejs_compat from 2025-04-01, or nodejs_compat_populate_process_env) it holds
// ProcessEnvValue for each of them, as workerd does: the text, the string a JSON var holds, or
// the raw JSON of any other JSON var.
type EnvVar interface {
	ProcessEnvValue() string
}

// nodeVersion is process.version in workerd 1.20261117 (the conformance reference) in
// nodejs_compat_v2 mode; v1's process has no version. Deviation: from 2026-11-24
// (nodejs_process_version_24) workerd reports a Node 24 version; edge keeps this one.
const nodeVersion = "v22.14.0"

// installNode sets up the Node.js compatibility layer the worker's compatibility date and
// flags ask for: nothing when off; the module registry otherwise (modules are built on first
// import); Buffer and process as globals with nodejs_compat_v2.
func (iso *Isolate) installNode(g *goja.Object) error {
	if iso.w.node == NodeOff {
		return nil
	}
	if iso.w.node != NodeV2 {
		iso.node = node.New(iso.vm, nodeHost{iso}, node.Options{})
		return nil
	}
	iso.node = node.New(iso.vm, nodeHost{iso}, node.Options{NodeVersion: nodeVersion})
	return iso.node.InstallGlobals(g)
}

// nodeModule returns the exports of a node: module for the host-module loader, or false when
// the worker's compatibility mode does not provide it.
func (iso *Isolate) nodeModule(spec string) (goja.Value, bool) {
	name, ok := strings.CutPrefix(spec, "node:")
	if !ok || iso.node == nil || !nodeAllowed(iso.w.node, name) {
		return nil, false
	}
	return iso.node.Require(name), true
}

// nodeAllowed reports whether a worker in mode gets the built-in module name.
func nodeAllowed(mode NodeCompat, name string) bool {
	gate, ok := node.Lookup(name)
	switch {
	case !ok || gate == node.GateInternal || mode == NodeOff:
		return false
	case gate == node.GateALS:
		return true
	}
	return mode >= NodeV1
}

// nodeSpecifier maps an import to the node: module it names in this mode: "node:x" always
// (when provided), and bare "x" with nodejs_compat_v2, as workerd resolves them. It returns
// false for everything else.
func nodeSpecifier(mode NodeCompat, spec string) (string, bool) {
	name, prefixed := strings.CutPrefix(spec, "node:")
	if !prefixed && mode != NodeV2 {
		return "", false
	}
	if !nodeAllowed(mode, name) {
		return "", false
	}
	return "node:" + name, true
}

// asyncContext and setAsyncContext let timers carry AsyncLocalStorage's context.
func (iso *Isolate) asyncContext() goja.Value {
	if iso.node == nil {
		return nil
	}
	return iso.node.AsyncContext()
}

func (iso *Isolate) setAsyncContext(ctx goja.Value) {
	if iso.node != nil {
		iso.node.SetAsyncContext(ctx)
	}
}

type nodeHost struct{ iso *Isolate }

func (h nodeHost) CheckRequestContext() { h.iso.CheckRequestContext() }

func (h nodeHost) ProcessEnv() map[string]string {
	if !h.iso.w.populateEnv {
		return nil
	}
	env := map[string]string{}
	for _, b := range h.iso.w.bindings {
		if v, ok := b.(EnvVar); ok {
			env[b.Name()] = v.ProcessEnvValue()
		}
	}
	return env
}
