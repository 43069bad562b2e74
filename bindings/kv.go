package bindings

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/runtime"
)

// KV is a KV namespace binding: env.NAME is a KVNamespace over Store's namespace NamespaceID.
type KV struct {
	Binding     string
	NamespaceID string
	Store       *kvstore.Store
	// Observe, when set, is told of every operation that reached the store: "get", "get_bulk",
	// "put", "delete" or "list", how long the store took and its error (for metrics). It is
	// called on the isolate's loop or a host goroutine; it must be safe for concurrent use.
	Observe func(op string, d time.Duration, err error)
}

// observe reports an operation that started at start, when the binding is observed.
func (k *KV) observe(op string, start time.Time, err error) {
	if k.Observe != nil {
		k.Observe(op, time.Since(start), err)
	}
}

// Name implements runtime.Binding.
func (k *KV) Name() string { return k.Binding }

// kvNamespace is the Go state of a KVNamespace object.
type kvNamespace struct {
	runtime.Expando
	kv  *KV
	iso *runtime.Isolate
}

// Value implements runtime.Binding: it defines the KVNamespace class in the isolate (once) and
// returns an instance for this namespace.
func (k *KV) Value(iso *runtime.Isolate) (goja.Value, error) {
	c := kvClass(iso)
	return c.Wrap(&kvNamespace{kv: k, iso: iso}), nil
}

// kvClassKey keys the isolate-local KVNamespace class, shared by every KV binding.
type kvClassKey struct{}

// kvClass returns the isolate's KVNamespace class, defining it on first use.
func kvClass(iso *runtime.Isolate) *runtime.Class[*kvNamespace] {
	return iso.Local(kvClassKey{}, func() any { return defineKVClass(iso) }).(*runtime.Class[*kvNamespace])
}

func defineKVClass(iso *runtime.Isolate) *runtime.Class[*kvNamespace] {
	// workerd's class is named KvNamespace (the TypeScript type is KVNamespace).
	c := runtime.NewClass[*kvNamespace](iso, "KvNamespace", 0, nil)
	c.Method("get", 1, func(n *kvNamespace, call goja.FunctionCall) goja.Value {
		iso.CheckRequestContext()
		requireArgs(iso, call, 1, "get")
		return iso.Guard(func() goja.Value { return n.get(call.Argument(0), call.Argument(1), false) })
	})
	c.Method("getWithMetadata", 1, func(n *kvNamespace, call goja.FunctionCall) goja.Value {
		iso.CheckRequestContext()
		requireArgs(iso, call, 1, "getWithMetadata")
		return iso.Guard(func() goja.Value { return n.get(call.Argument(0), call.Argument(1), true) })
	})
	c.Method("put", 2, func(n *kvNamespace, call goja.FunctionCall) goja.Value {
		iso.CheckRequestContext()
		requireArgs(iso, call, 2, "put")
		return iso.Guard(func() goja.Value { return n.put(call.Argument(0), call.Argument(1), call.Argument(2)) })
	})
	c.Method("delete", 1, func(n *kvNamespace, call goja.FunctionCall) goja.Value {
		iso.CheckRequestContext()
		requireArgs(iso, call, 1, "delete")
		return iso.Guard(func() goja.Value { return n.delete(call.Argument(0)) })
	})
	c.Method("list", 0, func(n *kvNamespace, call goja.FunctionCall) goja.Value {
		iso.CheckRequestContext()
		return iso.Guard(func() goja.Value { return n.list(call.Argument(0)) })
	})
	return c
}

// jsErr converts a kvstore error into the JS exception Workers KV throws. A failure of the
// store itself (closed, disk error) is reported the way workerd reports a failed KV backend
// request, without leaking Go error text into JS; the cause goes to the log.
func jsErr(err error) error {
	var ke *kvstore.Error
	if errors.As(err, &ke) {
		return &runtime.JSError{Class: ke.Type.String(), Message: ke.Error()}
	}
	return &storeFailure{err}
}

// storeFailure is a non-KV-contract failure; opErr gives it the operation name.
type storeFailure struct{ err error }

func (s *storeFailure) Error() string { return s.err.Error() }

// opErr finishes jsErr for operation op, logging store failures.
func (n *kvNamespace) opErr(op string, err error) error {
	err = jsErr(err)
	var sf *storeFailure
	if errors.As(err, &sf) {
		n.iso.Logger().Error("KV store failure", "op", op, "namespace", n.kv.NamespaceID, "error", sf.err)
		return &runtime.JSError{Class: "Error", Message: "KV " + op + " failed: 500 Internal Server Error"}
	}
	return err
}

func isNullish(v goja.Value) bool { return v == nil || goja.IsUndefined(v) || goja.IsNull(v) }

// getOptions reads get()'s second argument: a type string or {type, cacheTtl}.
func (n *kvNamespace) getOptions(arg goja.Value, op string) (typ string) {
	vm := n.iso.VM()
	typ = "text"
	if isNullish(arg) {
		return typ
	}
	if s, ok := arg.Export().(string); ok {
		return s
	}
	o := arg.ToObject(vm)
	if t := o.Get("type"); !isNullish(t) {
		typ = t.String()
	}
	if c := o.Get("cacheTtl"); !isNullish(c) {
		if err := kvstore.ValidateCacheTTL(c.ToFloat()); err != nil {
			var ke *kvstore.Error
			if errors.As(err, &ke) {
				err = ke.WithOp(op)
			}
			n.iso.Throw(n.opErr("GET", err))
		}
	}
	return typ
}

func (n *kvNamespace) get(keyArg, opts goja.Value, withMeta bool) goja.Value {
	iso := n.iso
	vm := iso.VM()
	if o, ok := keyArg.(*goja.Object); ok && o.ClassName() == "Array" {
		return n.getBulk(o, opts, withMeta)
	}
	key := keyArg.String()
	if err := kvstore.ValidateKey("GET", key); err != nil {
		iso.Throw(n.opErr("GET", err))
	}
	typ := n.getOptions(opts, "GET")
	var text string
	var data []byte
	var meta json.RawMessage
	start := time.Now()
	found, err := n.kv.Store.View(context.Background(), n.kv.NamespaceID, key, func(value []byte, _ int64, metadata json.RawMessage) error {
		switch typ {
		case "text", "json":
			text = string(value)
		default:
			data = append(make([]byte, 0, len(value)), value...)
		}
		if withMeta && metadata != nil {
			meta = append(json.RawMessage(nil), metadata...)
		}
		return nil
	})
	n.kv.observe("get", start, err)
	if err != nil {
		iso.Throw(n.opErr("GET", err))
	}
	var value goja.Value = goja.Null()
	if found {
		switch typ {
		case "text":
			value = vm.ToValue(text)
		case "json":
			v, err := iso.JSONParse(text)
			if err != nil {
				iso.Throw(err)
			}
			value = v
		case "arrayBuffer":
			value = iso.NewArrayBuffer(data)
		case "stream":
			value = iso.NewByteStream(data)
		default:
			iso.Throw(jsErr(kvstore.UnknownTypeError()))
		}
	}
	if !withMeta {
		return iso.Resolved(value)
	}
	res := vm.NewObject()
	_ = res.Set("value", value)
	_ = res.Set("metadata", n.parseMeta(meta))
	_ = res.Set("cacheStatus", goja.Null())
	return iso.Resolved(res)
}

func (n *kvNamespace) parseMeta(meta json.RawMessage) goja.Value {
	if meta == nil {
		return goja.Null()
	}
	v, err := n.iso.JSONParse(string(meta))
	if err != nil {
		return goja.Null()
	}
	return v
}

// getBulk implements get([keys]) and getWithMetadata([keys]): a Map of key → value (or
// {value, metadata}), null for missing keys.
func (n *kvNamespace) getBulk(arr *goja.Object, opts goja.Value, withMeta bool) goja.Value {
	iso := n.iso
	vm := iso.VM()
	length := int(arr.Get("length").ToInteger())
	keys := make([]string, 0, length)
	for i := 0; i < length; i++ {
		keys = append(keys, arr.Get(strconv.Itoa(i)).String())
	}
	typ := n.getOptions(opts, "GET_BULK")
	if err := kvstore.ValidateBulkGet(len(keys), typ); err != nil {
		iso.Throw(n.opErr("GET_BULK", err))
	}
	for _, k := range keys {
		if err := kvstore.ValidateBulkKey(k); err != nil {
			iso.Throw(n.opErr("GET_BULK", err))
		}
	}
	mapCtor, _ := goja.AssertConstructor(vm.Get("Map"))
	m, err := mapCtor(nil)
	if err != nil {
		panic(err)
	}
	set, _ := goja.AssertFunction(m.Get("set"))
	total := 0
	for _, k := range keys {
		start := time.Now()
		e, found, err := n.kv.Store.Get(context.Background(), n.kv.NamespaceID, k)
		n.kv.observe("get_bulk", start, err)
		if err != nil {
			iso.Throw(n.opErr("GET_BULK", err))
		}
		var entry goja.Value = goja.Null()
		if found {
			total += len(e.Value)
			if total > kvstore.MaxValueBytes {
				iso.Throw(jsErr(kvstore.BulkTooLargeError()))
			}
			var v goja.Value = vm.ToValue(string(e.Value))
			if typ == "json" {
				pv, perr := iso.JSONParse(string(e.Value))
				if perr != nil {
					iso.Throw(jsErr(kvstore.BulkNotJSONError()))
				}
				v = pv
			}
			entry = v
			if withMeta {
				o := vm.NewObject()
				_ = o.Set("value", v)
				_ = o.Set("metadata", n.parseMeta(e.Metadata))
				entry = o
			}
		}
		if _, err := set(m, vm.ToValue(k), entry); err != nil {
			panic(err)
		}
	}
	return iso.Resolved(m)
}

func (n *kvNamespace) put(keyArg, value, optsArg goja.Value) goja.Value {
	iso := n.iso
	vm := iso.VM()
	key := keyArg.String()
	if err := kvstore.ValidateKey("PUT", key); err != nil {
		iso.Throw(n.opErr("PUT", err))
	}
	var opts kvstore.PutOptions
	if !isNullish(optsArg) {
		o := optsArg.ToObject(vm)
		if v := o.Get("expiration"); !isNullish(v) {
			f, err := kvstore.ExpirationOption(v.ToFloat())
			if err != nil {
				iso.Throw(jsErr(err))
			}
			opts.Expiration = &f
		}
		if v := o.Get("expirationTtl"); !isNullish(v) {
			f, err := kvstore.ExpirationOption(v.ToFloat())
			if err != nil {
				iso.Throw(jsErr(err))
			}
			opts.ExpirationTTL = &f
		}
		if v := o.Get("metadata"); !isNullish(v) {
			s, ok, err := iso.JSONStringify(v)
			if err != nil {
				iso.Throw(err)
			}
			if ok {
				opts.Metadata = json.RawMessage(s)
			}
		}
	}
	write := func(data []byte) goja.Value {
		store, ns := n.kv.Store, n.kv.NamespaceID
		return iso.Async(func(ctx context.Context) runtime.Settle {
			start := time.Now()
			err := store.Put(context.WithoutCancel(ctx), ns, key, data, opts)
			n.kv.observe("put", start, err)
			return func(vm *goja.Runtime) (goja.Value, error) {
				if err != nil {
					return nil, n.opErr("PUT", err)
				}
				return goja.Undefined(), nil
			}
		})
	}
	if o, ok := value.(*goja.Object); ok {
		if b, ok := iso.Bytes(o); ok {
			return write(append([]byte(nil), b...))
		}
		if iso.IsReadableStream(o) {
			p, resolve, reject := iso.NewPromise()
			iso.ReadStream(o, func(b []byte, readErr goja.Value) {
				if readErr != nil {
					reject(readErr)
					return
				}
				if len(b) > kvstore.MaxValueBytes {
					reject(iso.ErrorValue(jsErr(kvstore.ValueTooLargeError(int64(len(b))))))
					return
				}
				next := write(b)
				iso.Await(next, resolve, reject)
			})
			return p
		}
		if _, isStr := o.Export().(string); !isStr {
			iso.Throw(jsErr(kvstore.PutValueTypeError()))
		}
	}
	return write([]byte(value.String()))
}

func (n *kvNamespace) delete(keyArg goja.Value) goja.Value {
	iso := n.iso
	key := keyArg.String()
	if err := kvstore.ValidateKey("DELETE", key); err != nil {
		iso.Throw(n.opErr("DELETE", err))
	}
	store, ns := n.kv.Store, n.kv.NamespaceID
	return iso.Async(func(ctx context.Context) runtime.Settle {
		start := time.Now()
		err := store.Delete(context.WithoutCancel(ctx), ns, key)
		n.kv.observe("delete", start, err)
		return func(vm *goja.Runtime) (goja.Value, error) {
			if err != nil {
				return nil, n.opErr("DELETE", err)
			}
			return goja.Undefined(), nil
		}
	})
}

func (n *kvNamespace) list(optsArg goja.Value) goja.Value {
	iso := n.iso
	vm := iso.VM()
	var opts kvstore.ListOptions
	if !isNullish(optsArg) {
		o := optsArg.ToObject(vm)
		if v := o.Get("prefix"); !isNullish(v) {
			opts.Prefix = v.String()
		}
		if v := o.Get("cursor"); !isNullish(v) {
			opts.Cursor = v.String()
		}
		if v := o.Get("limit"); !isNullish(v) {
			f := v.ToFloat()
			// workerd sends key_count_limit only when limit > 0.
			if f > 0 {
				if err := kvstore.ValidateListLimit(f); err != nil {
					iso.Throw(n.opErr("GET", err))
				}
				opts.Limit = int(f)
			}
		}
	}
	if err := kvstore.ValidateListPrefix(opts.Prefix); err != nil {
		iso.Throw(n.opErr("GET", err))
	}
	start := time.Now()
	res, err := n.kv.Store.List(context.Background(), n.kv.NamespaceID, opts)
	n.kv.observe("list", start, err)
	if err != nil {
		iso.Throw(n.opErr("GET", err))
	}
	keys := make([]any, len(res.Keys))
	for i, k := range res.Keys {
		o := vm.NewObject()
		_ = o.Set("name", k.Name)
		if k.Expiration != 0 {
			_ = o.Set("expiration", k.Expiration)
		}
		if k.Metadata != nil {
			_ = o.Set("metadata", n.parseMeta(k.Metadata))
		}
		keys[i] = o
	}
	out := vm.NewObject()
	_ = out.Set("keys", vm.NewArray(keys...))
	_ = out.Set("list_complete", res.ListComplete)
	if !res.ListComplete {
		_ = out.Set("cursor", res.Cursor)
	}
	_ = out.Set("cacheStatus", goja.Null())
	return iso.Resolved(out)
}

// requireArgs throws workerd's TypeError for a call with too few arguments (synchronously, as
// WebIDL argument conversion does, before the method's promise exists).
func requireArgs(iso *runtime.Isolate, call goja.FunctionCall, n int, method string) {
	if len(call.Arguments) < n {
		iso.Throw(&runtime.JSError{Class: "TypeError", Message: fmt.Sprintf(
			"Failed to execute '%s' on 'KvNamespace': %d argument(s) required, but only %d present.", method, n, len(call.Arguments))})
	}
}
