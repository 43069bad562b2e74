package weburl

import (
	"reflect"
	"sort"
	"strconv"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// searchParams is the Go state of a URLSearchParams instance: its list, and the URL whose
// query it mirrors (nil for a standalone object).
type searchParams struct {
	jsutil.Expando
	list []pair
	url  *urlObject
}

// update is the spec's "update" steps: write the list back into the URL's query.
func (sp *searchParams) update() {
	if sp.url != nil {
		sp.url.setQueryFromParams(serializeURLEncoded(sp.list))
	}
}

// SearchParamsBody returns the application/x-www-form-urlencoded serialization of v when v is
// a URLSearchParams instance (what fetch sends as a body, with content type
// "application/x-www-form-urlencoded;charset=UTF-8").
func SearchParamsBody(v goja.Value) (string, bool) {
	o, ok := v.(*goja.Object)
	// ExportType is cheap; Export on a plain object would copy it and run its getters.
	if !ok || o.ExportType() != searchParamsType {
		return "", false
	}
	sp, ok := o.Export().(*searchParams)
	if !ok {
		return "", false
	}
	return serializeURLEncoded(sp.list), true
}

var searchParamsType = reflect.TypeFor[*searchParams]()

type iterKind int

const (
	iterEntries iterKind = iota
	iterKeys
	iterValues
)

// paramsIterator is the state of a "URLSearchParams Iterator" (a WebIDL pair iterator). It
// reads the live list by index, so it sees mutations made during iteration.
type paramsIterator struct {
	jsutil.Expando
	sp    *searchParams
	kind  iterKind
	index int
}

type paramsClass struct {
	vm            *goja.Runtime
	class         *jsutil.Class[*searchParams]
	iter          *jsutil.Class[*paramsIterator]
	entries       goja.Value // the original URLSearchParams.prototype.entries
	recordEntries goja.Callable
}

// recordProgram lists an object's own enumerable string-keyed properties as [k0, v0, k1, …]
// with the keys as JS strings (Go's view of keys loses lone surrogates before the USVString
// conversion can turn them into U+FFFD).
var recordProgram = goja.MustCompile("weburl/record.js", `(function (o) {
  const out = [];
  for (const k of Reflect.ownKeys(o)) {
    const d = Reflect.getOwnPropertyDescriptor(o, k);
    if (d === undefined || !d.enumerable) continue;
    if (typeof k === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    out.push(k, o[k]);
  }
  return out;
})`, true)

func installSearchParams(vm *goja.Runtime, global *goja.Object) *paramsClass {
	pc := &paramsClass{vm: vm}
	c := jsutil.NewClass(vm, "URLSearchParams", 0, func(call goja.ConstructorCall) *searchParams {
		return &searchParams{list: pc.initList(call.Argument(0))}
	})
	pc.class = c
	pc.installIterator()
	fn, err := vm.RunProgram(recordProgram)
	if err != nil {
		panic(err)
	}
	pc.recordEntries, _ = goja.AssertFunction(fn)

	usv := func(v goja.Value) string { return usvString(vm, v) }
	c.Method("append", 2, func(sp *searchParams, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 2, "execute 'append' on 'URLSearchParams'")
		sp.list = append(sp.list, pair{usv(call.Argument(0)), usv(call.Argument(1))})
		sp.update()
		return goja.Undefined()
	})
	c.Method("delete", 1, func(sp *searchParams, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'delete' on 'URLSearchParams'")
		name := usv(call.Argument(0))
		withValue := !goja.IsUndefined(call.Argument(1))
		var value string
		if withValue {
			value = usv(call.Argument(1))
		}
		kept := sp.list[:0]
		for _, p := range sp.list {
			if p.name != name || (withValue && p.value != value) {
				kept = append(kept, p)
			}
		}
		clear(sp.list[len(kept):])
		sp.list = kept
		sp.update()
		return goja.Undefined()
	})
	c.Method("get", 1, func(sp *searchParams, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'get' on 'URLSearchParams'")
		name := usv(call.Argument(0))
		for _, p := range sp.list {
			if p.name == name {
				return vm.ToValue(p.value)
			}
		}
		return goja.Null()
	})
	c.Method("getAll", 1, func(sp *searchParams, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'getAll' on 'URLSearchParams'")
		name := usv(call.Argument(0))
		var out []interface{}
		for _, p := range sp.list {
			if p.name == name {
				out = append(out, p.value)
			}
		}
		return vm.NewArray(out...)
	})
	c.Method("has", 1, func(sp *searchParams, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'has' on 'URLSearchParams'")
		name := usv(call.Argument(0))
		withValue := !goja.IsUndefined(call.Argument(1))
		var value string
		if withValue {
			value = usv(call.Argument(1))
		}
		for _, p := range sp.list {
			if p.name == name && (!withValue || p.value == value) {
				return vm.ToValue(true)
			}
		}
		return vm.ToValue(false)
	})
	c.Method("set", 2, func(sp *searchParams, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 2, "execute 'set' on 'URLSearchParams'")
		name, value := usv(call.Argument(0)), usv(call.Argument(1))
		found := false
		kept := sp.list[:0]
		for _, p := range sp.list {
			if p.name != name {
				kept = append(kept, p)
			} else if !found {
				found = true
				kept = append(kept, pair{name, value})
			}
		}
		clear(sp.list[len(kept):])
		sp.list = kept
		if !found {
			sp.list = append(sp.list, pair{name, value})
		}
		sp.update()
		return goja.Undefined()
	})
	c.Method("sort", 0, func(sp *searchParams, _ goja.FunctionCall) goja.Value {
		sort.SliceStable(sp.list, func(i, j int) bool { return lessUTF16(sp.list[i].name, sp.list[j].name) })
		sp.update()
		return goja.Undefined()
	})
	c.Method("forEach", 1, func(sp *searchParams, call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'forEach' on 'URLSearchParams'")
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("Failed to execute 'forEach' on 'URLSearchParams': parameter 1 is not of type 'Function'."))
		}
		thisArg := call.Argument(1)
		for i := 0; i < len(sp.list); i++ { // the list may change during the callback
			p := sp.list[i]
			if _, err := fn(thisArg, vm.ToValue(p.value), vm.ToValue(p.name), call.This); err != nil {
				panic(err)
			}
		}
		return goja.Undefined()
	})
	for _, m := range []struct {
		name string
		kind iterKind
	}{{"entries", iterEntries}, {"keys", iterKeys}, {"values", iterValues}} {
		kind := m.kind
		c.Method(m.name, 0, func(sp *searchParams, _ goja.FunctionCall) goja.Value {
			return pc.iter.Wrap(&paramsIterator{sp: sp, kind: kind})
		})
	}
	c.AliasSymbol(goja.SymIterator, "entries")
	pc.entries = c.Proto.Get("entries")
	c.Getter("size", func(sp *searchParams) goja.Value { return vm.ToValue(len(sp.list)) })
	c.Method("toString", 0, func(sp *searchParams, _ goja.FunctionCall) goja.Value {
		return vm.ToValue(serializeURLEncoded(sp.list))
	})
	c.Install(global)
	return pc
}

// installIterator creates the prototype of URLSearchParams iterators. Its constructor is not
// exposed; its prototype inherits from %IteratorPrototype%.
func (pc *paramsClass) installIterator() {
	vm := pc.vm
	it := jsutil.NewClass[*paramsIterator](vm, "URLSearchParams Iterator", 0, nil)
	if arrayIter, err := vm.RunString("[][Symbol.iterator]()"); err == nil {
		if p := arrayIter.ToObject(vm).Prototype(); p != nil && p.Prototype() != nil {
			_ = it.Proto.SetPrototype(p.Prototype())
		}
	}
	it.Method("next", 0, func(st *paramsIterator, _ goja.FunctionCall) goja.Value {
		res := vm.NewObject()
		if st.sp == nil || st.index >= len(st.sp.list) {
			st.sp = nil
			_ = res.Set("value", goja.Undefined())
			_ = res.Set("done", true)
			return res
		}
		p := st.sp.list[st.index]
		st.index++
		switch st.kind {
		case iterKeys:
			_ = res.Set("value", p.name)
		case iterValues:
			_ = res.Set("value", p.value)
		default:
			_ = res.Set("value", vm.NewArray(p.name, p.value))
		}
		_ = res.Set("done", false)
		return res
	})
	pc.iter = it
}

// initList converts the constructor's init argument: a sequence of pairs, a record, or a
// string (https://url.spec.whatwg.org/#dom-urlsearchparams-urlsearchparams).
func (pc *paramsClass) initList(init goja.Value) []pair {
	vm := pc.vm
	if init == nil || goja.IsUndefined(init) {
		return nil
	}
	obj, isObj := init.(*goja.Object)
	if !isObj {
		s := usvString(vm, init)
		if len(s) > 0 && s[0] == '?' {
			s = s[1:]
		}
		return parseURLEncoded(s)
	}
	// A URLSearchParams whose iterator is untouched: copy its list directly.
	if sp, ok := pc.class.Unwrap(obj); ok && obj.GetSymbol(goja.SymIterator) == pc.entries {
		return append([]pair(nil), sp.list...)
	}
	if iter := obj.GetSymbol(goja.SymIterator); iter != nil && !goja.IsUndefined(iter) && !goja.IsNull(iter) {
		var list []pair
		vm.ForOf(obj, func(item goja.Value) bool {
			inner, ok := item.(*goja.Object)
			if !ok {
				panic(vm.NewTypeError("Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence."))
			}
			var strs []string
			vm.ForOf(inner, func(v goja.Value) bool {
				strs = append(strs, usvString(vm, v))
				return true
			})
			if len(strs) != 2 {
				panic(vm.NewTypeError("Invalid URL search params sequence.")) // workerd's wording
			}
			list = append(list, pair{strs[0], strs[1]})
			return true
		})
		return list
	}
	// record<USVString, USVString>: own enumerable keys; a key repeated after USV conversion
	// keeps its first position and its last value.
	kv, err := pc.recordEntries(goja.Undefined(), obj)
	if err != nil {
		panic(err)
	}
	arr := kv.ToObject(vm)
	n := int(arr.Get("length").ToInteger())
	var list []pair
	index := map[string]int{}
	for i := 0; i+1 < n; i += 2 {
		name := usvString(vm, arr.Get(strconv.Itoa(i)))
		value := usvString(vm, arr.Get(strconv.Itoa(i+1)))
		if j, ok := index[name]; ok {
			list[j].value = value
			continue
		}
		index[name] = len(list)
		list = append(list, pair{name, value})
	}
	return list
}
