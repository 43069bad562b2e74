package dom

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// legacyCodes is WebIDL's DOMException names table: the legacy code of each name that has one,
// with the constant that exposes it. Names not listed (DataError, OperationError, …) have code 0.
var legacyCodes = []struct {
	constant string
	code     int
	name     string
}{
	{"INDEX_SIZE_ERR", 1, "IndexSizeError"},
	{"DOMSTRING_SIZE_ERR", 2, "DOMStringSizeError"},
	{"HIERARCHY_REQUEST_ERR", 3, "HierarchyRequestError"},
	{"WRONG_DOCUMENT_ERR", 4, "WrongDocumentError"},
	{"INVALID_CHARACTER_ERR", 5, "InvalidCharacterError"},
	{"NO_DATA_ALLOWED_ERR", 6, "NoDataAllowedError"},
	{"NO_MODIFICATION_ALLOWED_ERR", 7, "NoModificationAllowedError"},
	{"NOT_FOUND_ERR", 8, "NotFoundError"},
	{"NOT_SUPPORTED_ERR", 9, "NotSupportedError"},
	{"INUSE_ATTRIBUTE_ERR", 10, "InUseAttributeError"},
	{"INVALID_STATE_ERR", 11, "InvalidStateError"},
	{"SYNTAX_ERR", 12, "SyntaxError"},
	{"INVALID_MODIFICATION_ERR", 13, "InvalidModificationError"},
	{"NAMESPACE_ERR", 14, "NamespaceError"},
	{"INVALID_ACCESS_ERR", 15, "InvalidAccessError"},
	{"VALIDATION_ERR", 16, "ValidationError"},
	{"TYPE_MISMATCH_ERR", 17, "TypeMismatchError"},
	{"SECURITY_ERR", 18, "SecurityError"},
	{"NETWORK_ERR", 19, "NetworkError"},
	{"ABORT_ERR", 20, "AbortError"},
	{"URL_MISMATCH_ERR", 21, "URLMismatchError"},
	{"QUOTA_EXCEEDED_ERR", 22, "QuotaExceededError"},
	{"TIMEOUT_ERR", 23, "TimeoutError"},
	{"INVALID_NODE_TYPE_ERR", 24, "InvalidNodeTypeError"},
	{"DATA_CLONE_ERR", 25, "DataCloneError"},
}

func legacyCode(name string) int {
	for _, c := range legacyCodes {
		if c.name == name {
			return c.code
		}
	}
	return 0
}

// domException is the Go state of a DOMException. Its stack is captured at construction, as
// workerd does with Error.captureStackTrace, and formatted on first read.
type domException struct {
	jsutil.Expando
	cls     *jsutil.Class[*domException]
	name    string
	message string
	frames  []goja.StackFrame
	stack   goja.Value // formatted on first read
}

// Get adds the lazily formatted own "stack" property to the expando properties. Like V8's, it
// is not listed by Object.keys; assigning to it stores an ordinary expando property.
func (e *domException) Get(key string) goja.Value {
	if v := e.Expando.Get(key); v != nil || key != "stack" {
		return v
	}
	if e.stack == nil {
		e.stack = e.cls.VM.ToValue(e.formatStack())
	}
	return e.stack
}

// Has reports the stack property as present, so hasOwnProperty('stack') is true as in V8.
func (e *domException) Has(key string) bool {
	return key == "stack" || e.Expando.Has(key)
}

func (e *domException) formatStack() string {
	var b strings.Builder
	b.WriteString(e.name)
	if e.message != "" {
		b.WriteString(": ")
		b.WriteString(e.message)
	}
	b.WriteByte('\n')
	for i := range e.frames {
		b.WriteString("\tat ")
		var fb strings.Builder
		writeFrame(&fb, &e.frames[i])
		b.WriteString(fb.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func writeFrame(b *strings.Builder, f *goja.StackFrame) {
	if fn := f.FuncName(); fn != "" {
		b.WriteString(fn)
		b.WriteString(" (")
		b.WriteString(f.Position().String())
		b.WriteByte(')')
		return
	}
	b.WriteString(f.Position().String())
}

// CloneFor makes DOMException [Serializable] for structuredClone (clone.Serializable): the
// copy keeps name and message; the stack is the copy's own.
func (e *domException) CloneFor(vm *goja.Runtime) (*goja.Object, error) {
	return e.cls.Wrap(&domException{cls: e.cls, name: e.name, message: e.message, frames: e.frames}), nil
}

func (d *DOM) installDOMException() {
	vm := d.vm
	var c *jsutil.Class[*domException]
	c = jsutil.NewClass(vm, "DOMException", 0, func(call goja.ConstructorCall) *domException {
		e := &domException{cls: c, name: "Error"}
		if m := call.Argument(0); !goja.IsUndefined(m) {
			e.message = toStr(vm, m)
		}
		if n := call.Argument(1); !goja.IsUndefined(n) {
			e.name = toStr(vm, n)
		}
		e.frames = vm.CaptureCallStack(0, nil)
		return e
	})
	d.domException = c
	// WebIDL: DOMException.prototype's [[Prototype]] is %Error.prototype%.
	if errCtor, ok := vm.Get("Error").(*goja.Object); ok {
		if errProto, ok := errCtor.Get("prototype").(*goja.Object); ok {
			_ = c.Proto.SetPrototype(errProto)
		}
	}
	c.Getter("name", func(e *domException) goja.Value { return vm.ToValue(e.name) })
	c.Getter("message", func(e *domException) goja.Value { return vm.ToValue(e.message) })
	c.Getter("code", func(e *domException) goja.Value { return vm.ToValue(legacyCode(e.name)) })
	for _, lc := range legacyCodes {
		v := vm.ToValue(lc.code)
		_ = c.Ctor.DefineDataProperty(lc.constant, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = c.Proto.DefineDataProperty(lc.constant, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
}

// NewDOMException returns a new DOMException with the given name and message, with the JS
// stack at the point of the call.
func (d *DOM) NewDOMException(name, message string) *goja.Object {
	return d.domException.Wrap(&domException{
		cls: d.domException, name: name, message: message,
		frames: d.vm.CaptureCallStack(0, nil),
	})
}

// throwDOMException panics with a new DOMException (for native functions called from JS).
func (d *DOM) throwDOMException(name, message string) {
	panic(d.NewDOMException(name, message))
}
