package wagi

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/edgeruntime/edge/kvstore"
)

// The "edge" host module (ABI in doc.go). Its functions find the request they serve through
// the call context, so one instance of the host module serves every request.

// Return codes of the host functions (i32 -1 and -2 on the Wasm stack).
var (
	codeNotFound = api.EncodeI32(-1)
	codeError    = api.EncodeI32(-2)
)

type callKey struct{}

// call is the per-request state of the host functions.
type call struct {
	w      *Worker
	result []byte
}

func instantiateHostModule(ctx context.Context, rt wazero.Runtime) error {
	i32, i64 := api.ValueTypeI32, api.ValueTypeI64
	b := rt.NewHostModuleBuilder("edge")
	fn := func(name string, f api.GoModuleFunc, params, results []api.ValueType) {
		b.NewFunctionBuilder().WithGoModuleFunction(f, params, results).WithName(name).Export(name)
	}
	fn("kv_get", kvGet, []api.ValueType{i32, i32, i32, i32}, []api.ValueType{i32})
	fn("kv_put", kvPut, []api.ValueType{i32, i32, i32, i32, i32, i32, i64}, []api.ValueType{i32})
	fn("kv_delete", kvDelete, []api.ValueType{i32, i32, i32, i32}, []api.ValueType{i32})
	fn("kv_list", kvList, []api.ValueType{i32, i32, i32, i32, i32, i32, i32}, []api.ValueType{i32})
	fn("var_get", varGet, []api.ValueType{i32, i32}, []api.ValueType{i32})
	fn("result_len", resultLen, nil, []api.ValueType{i32})
	fn("result_read", resultRead, []api.ValueType{i32}, nil)
	_, err := b.Instantiate(ctx)
	return err
}

// bytesAt reads guest memory; out-of-range arguments trap, as a bad pointer should.
func bytesAt(mod api.Module, ptr, n uint64) []byte {
	b, ok := mod.Memory().Read(uint32(ptr), uint32(n))
	if !ok {
		panic(fmt.Errorf("edge: out of bounds memory access (%d+%d)", uint32(ptr), uint32(n)))
	}
	return b
}

func stringAt(mod api.Module, ptr, n uint64) string { return string(bytesAt(mod, ptr, n)) }

func callOf(ctx context.Context) *call {
	c, _ := ctx.Value(callKey{}).(*call)
	if c == nil {
		panic("edge: host function called outside a request")
	}
	return c
}

// ok stores the result and returns its length; fail stores the message and returns codeError.
func (c *call) ok(b []byte) uint64 {
	c.result = b
	return api.EncodeI32(int32(len(b)))
}

func (c *call) fail(err error) uint64 {
	c.result = []byte(err.Error())
	return codeError
}

func (c *call) notFound() uint64 {
	c.result = nil
	return codeNotFound
}

// namespace resolves a KV binding name.
func (c *call) namespace(binding string) (string, error) {
	ns, ok := c.w.cfg.KV[binding]
	if !ok || c.w.cfg.Store == nil {
		return "", fmt.Errorf("no KV namespace is bound to %q", binding)
	}
	return ns, nil
}

func kvGet(ctx context.Context, mod api.Module, s []uint64) {
	c := callOf(ctx)
	ns, err := c.namespace(stringAt(mod, s[0], s[1]))
	if err != nil {
		s[0] = c.fail(err)
		return
	}
	e, found, err := c.w.cfg.Store.Get(ctx, ns, stringAt(mod, s[2], s[3]))
	switch {
	case err != nil:
		s[0] = c.fail(err)
	case !found:
		s[0] = c.notFound()
	default:
		s[0] = c.ok(e.Value)
	}
}

func kvPut(ctx context.Context, mod api.Module, s []uint64) {
	c := callOf(ctx)
	ns, err := c.namespace(stringAt(mod, s[0], s[1]))
	if err != nil {
		s[0] = c.fail(err)
		return
	}
	var opts kvstore.PutOptions
	if ttl := int64(s[6]); ttl != 0 {
		f := float64(ttl)
		opts.ExpirationTTL = &f
	}
	// Put copies nothing it keeps; the value aliases guest memory only during the call.
	if err := c.w.cfg.Store.Put(context.WithoutCancel(ctx), ns, stringAt(mod, s[2], s[3]), bytesAt(mod, s[4], s[5]), opts); err != nil {
		s[0] = c.fail(err)
		return
	}
	s[0] = c.ok(nil)
}

func kvDelete(ctx context.Context, mod api.Module, s []uint64) {
	c := callOf(ctx)
	ns, err := c.namespace(stringAt(mod, s[0], s[1]))
	if err != nil {
		s[0] = c.fail(err)
		return
	}
	if err := c.w.cfg.Store.Delete(context.WithoutCancel(ctx), ns, stringAt(mod, s[2], s[3])); err != nil {
		s[0] = c.fail(err)
		return
	}
	s[0] = c.ok(nil)
}

// listJSON is Workers' list() result shape.
type listJSON struct {
	Keys         []keyJSON `json:"keys"`
	ListComplete bool      `json:"list_complete"`
	Cursor       string    `json:"cursor,omitempty"`
}

type keyJSON struct {
	Name       string          `json:"name"`
	Expiration int64           `json:"expiration,omitempty"`
	Metadata   json.RawMessage `json:"metadata,omitempty"`
}

func kvList(ctx context.Context, mod api.Module, s []uint64) {
	c := callOf(ctx)
	ns, err := c.namespace(stringAt(mod, s[0], s[1]))
	if err != nil {
		s[0] = c.fail(err)
		return
	}
	res, err := c.w.cfg.Store.List(ctx, ns, kvstore.ListOptions{
		Prefix: stringAt(mod, s[2], s[3]),
		Cursor: stringAt(mod, s[4], s[5]),
		Limit:  int(int32(uint32(s[6]))),
	})
	if err != nil {
		s[0] = c.fail(err)
		return
	}
	out := listJSON{Keys: make([]keyJSON, len(res.Keys)), ListComplete: res.ListComplete, Cursor: res.Cursor}
	for i, k := range res.Keys {
		out.Keys[i] = keyJSON{Name: k.Name, Expiration: k.Expiration, Metadata: k.Metadata}
	}
	b, err := json.Marshal(out)
	if err != nil {
		s[0] = c.fail(err)
		return
	}
	s[0] = c.ok(b)
}

func varGet(ctx context.Context, mod api.Module, s []uint64) {
	c := callOf(ctx)
	v, ok := c.w.cfg.Vars[stringAt(mod, s[0], s[1])]
	if !ok {
		s[0] = c.notFound()
		return
	}
	s[0] = c.ok([]byte(v))
}

func resultLen(ctx context.Context, mod api.Module, s []uint64) {
	s[0] = api.EncodeI32(int32(len(callOf(ctx).result)))
}

func resultRead(ctx context.Context, mod api.Module, s []uint64) {
	c := callOf(ctx)
	if !mod.Memory().Write(uint32(s[0]), c.result) {
		panic(fmt.Errorf("edge: out of bounds memory access (%d+%d)", uint32(s[0]), len(c.result)))
	}
}
