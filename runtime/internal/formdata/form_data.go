package formdata

import (
	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// defaultBlobFilename is the name a Blob (not a File) gets when it is put into a FormData
// without a filename, as the XHR standard says.
//
// Deviation: workerd names such a File after the entry (the name argument) instead.
const defaultBlobFilename = "blob"

// entry is one FormData entry: a string value, or a File.
type entry struct {
	name  string
	value string       // when file is nil
	file  *blob        // a File's state
	obj   *goja.Object // file's JS object, made on first use; kept so get() returns one identity
}

// formData is the Go state of a FormData: its entry list in insertion order.
type formData struct {
	jsutil.Expando
	entries []entry
}

// formIterator is the state of a "FormData Iterator" (a WebIDL pair iterator). It reads the
// live list by index, so it sees mutations made during iteration.
type formIterator struct {
	jsutil.Expando
	fd    *formData
	kind  iterKind
	index int
}

type iterKind uint8

const (
	iterEntries iterKind = iota
	iterKeys
	iterValues
)

// fileObject returns the JS File of a file entry, creating it on first use.
func (a *API) fileObject(e *entry) *goja.Object {
	if e.obj == nil {
		e.obj = a.file.Wrap(e.file)
	}
	return e.obj
}

// value returns an entry's value as JS sees it: a string or a File.
func (a *API) value(e *entry) goja.Value {
	if e.file != nil {
		return a.fileObject(e)
	}
	return a.vm.ToValue(e.value)
}

// newEntry converts append()/set()'s arguments: a Blob becomes a File (a File keeps its object
// unless a filename is given); anything else is converted to a string. A filename given with a
// string value is converted and ignored, as workerd does (browsers throw TypeError).
func (a *API) newEntry(call goja.FunctionCall) entry {
	vm := a.vm
	e := entry{name: usvString(vm, call.Argument(0))}
	v := call.Argument(1)
	b, isBlob := a.blob.Unwrap(v)
	if !isBlob {
		e.value = usvString(vm, v)
	}
	filename, hasFilename := "", len(call.Arguments) > 2 && !goja.IsUndefined(call.Arguments[2])
	if hasFilename {
		filename = usvString(vm, call.Arguments[2])
	}
	switch {
	case !isBlob:
	case b.file != nil && !hasFilename:
		e.file, e.obj = b, v.(*goja.Object)
	default:
		info := &fileInfo{name: defaultBlobFilename, lastModified: a.now()}
		if hasFilename {
			info.name = filename
		}
		if b.file != nil {
			// Deviation: a File renamed by a filename keeps its lastModified (as WPT's
			// xhr/formdata/set-blob expects); workerd gives it the current time.
			info.lastModified = b.file.lastModified
		}
		e.file = &blob{data: b.data, typ: b.typ, file: info}
	}
	return e
}

func (a *API) installFormData() {
	vm := a.vm
	c := jsutil.NewClass(vm, "FormData", 0, func(call goja.ConstructorCall) *formData {
		if arg := call.Argument(0); !goja.IsUndefined(arg) {
			// Deviation: workerd ignores constructor arguments; there is no HTMLFormElement
			// here, so any argument is the browsers' TypeError.
			panic(vm.NewTypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'."))
		}
		return &formData{}
	})
	a.form = c
	a.installIterator()

	name := func(call goja.FunctionCall, op string) string {
		argCount(vm, call.Arguments, 1, "execute '"+op+"' on 'FormData'")
		return usvString(vm, call.Argument(0))
	}
	c.Method("append", 2, func(fd *formData, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 2, "execute 'append' on 'FormData'")
		fd.entries = append(fd.entries, a.newEntry(call))
		return goja.Undefined()
	})
	c.Method("delete", 1, func(fd *formData, call goja.FunctionCall) goja.Value {
		n := name(call, "delete")
		kept := fd.entries[:0]
		for _, e := range fd.entries {
			if e.name != n {
				kept = append(kept, e)
			}
		}
		clear(fd.entries[len(kept):])
		fd.entries = kept
		return goja.Undefined()
	})
	c.Method("get", 1, func(fd *formData, call goja.FunctionCall) goja.Value {
		n := name(call, "get")
		for i := range fd.entries {
			if fd.entries[i].name == n {
				return a.value(&fd.entries[i])
			}
		}
		return goja.Null()
	})
	c.Method("getAll", 1, func(fd *formData, call goja.FunctionCall) goja.Value {
		n := name(call, "getAll")
		out := []interface{}{}
		for i := range fd.entries {
			if fd.entries[i].name == n {
				out = append(out, a.value(&fd.entries[i]))
			}
		}
		return vm.NewArray(out...)
	})
	c.Method("has", 1, func(fd *formData, call goja.FunctionCall) goja.Value {
		n := name(call, "has")
		for i := range fd.entries {
			if fd.entries[i].name == n {
				return vm.ToValue(true)
			}
		}
		return vm.ToValue(false)
	})
	c.Method("set", 2, func(fd *formData, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 2, "execute 'set' on 'FormData'")
		e := a.newEntry(call)
		found := false
		kept := fd.entries[:0]
		for _, old := range fd.entries {
			switch {
			case old.name != e.name:
				kept = append(kept, old)
			case !found:
				found = true
				kept = append(kept, e)
			}
		}
		clear(fd.entries[len(kept):])
		fd.entries = kept
		if !found {
			fd.entries = append(fd.entries, e)
		}
		return goja.Undefined()
	})
	for _, m := range []struct {
		name string
		kind iterKind
	}{{"entries", iterEntries}, {"keys", iterKeys}, {"values", iterValues}} {
		kind := m.kind
		c.Method(m.name, 0, func(fd *formData, _ goja.FunctionCall) goja.Value {
			return a.iter.Wrap(&formIterator{fd: fd, kind: kind})
		})
	}
	c.AliasSymbol(goja.SymIterator, "entries")
	c.Method("forEach", 1, func(fd *formData, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'forEach' on 'FormData'")
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'."))
		}
		thisArg := call.Argument(1)
		for i := 0; i < len(fd.entries); i++ { // the callback may change the list
			e := &fd.entries[i]
			if _, err := fn(thisArg, a.value(e), vm.ToValue(e.name), call.This); err != nil {
				panic(err)
			}
		}
		return goja.Undefined()
	})
}

// installIterator creates the prototype of FormData iterators. Its constructor is not exposed;
// its prototype inherits from %IteratorPrototype%.
func (a *API) installIterator() {
	vm := a.vm
	it := jsutil.NewClass[*formIterator](vm, "FormData Iterator", 0, nil)
	if arrayIter, err := vm.RunString("[][Symbol.iterator]()"); err == nil {
		if p := arrayIter.ToObject(vm).Prototype(); p != nil && p.Prototype() != nil {
			_ = it.Proto.SetPrototype(p.Prototype())
		}
	}
	it.Method("next", 0, func(st *formIterator, _ goja.FunctionCall) goja.Value {
		res := vm.NewObject()
		if st.fd == nil || st.index >= len(st.fd.entries) {
			st.fd = nil // once done, always done
			_ = res.Set("value", goja.Undefined())
			_ = res.Set("done", true)
			return res
		}
		e := &st.fd.entries[st.index]
		st.index++
		switch st.kind {
		case iterKeys:
			_ = res.Set("value", e.name)
		case iterValues:
			_ = res.Set("value", a.value(e))
		default:
			_ = res.Set("value", vm.NewArray(e.name, a.value(e)))
		}
		_ = res.Set("done", false)
		return res
	})
	a.iter = it
}
