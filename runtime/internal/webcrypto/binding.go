package webcrypto

import (
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// Host is what the binding needs from the isolate that runs it.
type Host interface {
	// Async runs work on another goroutine and returns a promise. The function work returns
	// runs back on the loop and gives the value to resolve with, or a non-nil value to
	// reject with.
	Async(work func() (settle func() (value, rejection goja.Value))) goja.Value
	// CheckRequestContext throws workerd's error for operations not allowed while the
	// script's top level runs (random values).
	CheckRequestContext()
}

//go:embed digest_stream.js
var digestStreamSource string

var digestStreamProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("edge:digest_stream.js", digestStreamSource, true)
})

// api is the installed classes of one runtime.
type api struct {
	vm     *goja.Runtime
	host   Host
	key    *jsutil.Class[*cryptoKey]
	subtle *goja.Object
	json   struct{ parse, stringify goja.Callable }
	// promiseResolve and promiseReject are Promise.resolve and Promise.reject: a settled
	// promise from them costs less than vm.NewPromise, which makes two resolving functions.
	promiseResolve, promiseReject goja.Callable
	promiseCtor                   goja.Value
}

type subtleState struct{ jsutil.Expando }

type cryptoState struct{ jsutil.Expando }

// Install defines Crypto, SubtleCrypto and CryptoKey on global and the crypto object that is
// an instance of Crypto. WritableStream must already be installed (for DigestStream). It
// runs on the goroutine that owns vm.
func Install(vm *goja.Runtime, global *goja.Object, host Host) error {
	a := &api{vm: vm, host: host}
	jsonObj := vm.Get("JSON").ToObject(vm)
	a.json.parse, _ = goja.AssertFunction(jsonObj.Get("parse"))
	a.json.stringify, _ = goja.AssertFunction(jsonObj.Get("stringify"))
	a.promiseCtor = vm.Get("Promise")
	promise := a.promiseCtor.ToObject(vm)
	a.promiseResolve, _ = goja.AssertFunction(promise.Get("resolve"))
	a.promiseReject, _ = goja.AssertFunction(promise.Get("reject"))

	a.key = jsutil.NewClass[*cryptoKey](vm, "CryptoKey", 0, nil)
	a.key.Install(global)

	subtleCls := jsutil.NewClass[*subtleState](vm, "SubtleCrypto", 0, nil)
	a.defineSubtle(subtleCls)
	subtleCls.Install(global)
	a.subtle = subtleCls.Wrap(&subtleState{})

	v, err := vm.RunProgram(digestStreamProgram())
	if err != nil {
		return fmt.Errorf("webcrypto: run digest_stream.js: %w", err)
	}
	installDS, _ := goja.AssertFunction(v)
	digestStream, err := installDS(goja.Undefined(), global, jsutil.Func(vm, "newHash", 1, a.newHash))
	if err != nil {
		return fmt.Errorf("webcrypto: install DigestStream: %w", err)
	}

	cryptoCls := jsutil.NewClass[*cryptoState](vm, "Crypto", 0, nil)
	cryptoCls.Method("getRandomValues", 1, func(_ *cryptoState, call goja.FunctionCall) goja.Value {
		return a.getRandomValues(call.Argument(0))
	})
	cryptoCls.Method("randomUUID", 0, func(_ *cryptoState, call goja.FunctionCall) goja.Value {
		host.CheckRequestContext()
		return vm.ToValue(randomUUID())
	})
	cryptoCls.Getter("subtle", func(*cryptoState) goja.Value { return a.subtle })
	_ = cryptoCls.Proto.DefineDataProperty("DigestStream", digestStream, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	cryptoCls.Install(global)
	jsutil.DefineGlobal(global, "crypto", cryptoCls.Wrap(&cryptoState{}))
	return nil
}

func randomUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
}

func (a *api) getRandomValues(arg goja.Value) goja.Value {
	vm := a.vm
	a.host.CheckRequestContext()
	const notView = "Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'."
	o, ok := arg.(*goja.Object)
	if !ok {
		jsutil.Throw(vm, "TypeError", notView)
	}
	if _, isView := jsutil.Bytes(vm, o); !isView || o.ExportType() == reflect.TypeOf(goja.ArrayBuffer{}) {
		jsutil.Throw(vm, "TypeError", notView)
	}
	if !isIntegerTypedArray(o) {
		panic(jsutil.NewDOMException(vm, "TypeMismatchError", "ArrayBufferView argument to getRandomValues() must be an integer-typed view."))
	}
	b, _ := jsutil.Bytes(vm, arg)
	if len(b) > 65536 {
		panic(jsutil.NewDOMException(vm, "QuotaExceededError", fmt.Sprintf("getRandomValues() only accepts buffers of size <= 64K but provided %d bytes.", len(b))))
	}
	_, _ = rand.Read(b)
	return arg
}

// isIntegerTypedArray reports whether o is an Int8/Uint8/Uint8Clamped/Int16/Uint16/Int32/
// Uint32/BigInt64/BigUint64 array (not a float array, not a DataView).
func isIntegerTypedArray(o *goja.Object) bool {
	t := o.ExportType()
	if t == nil || t.Kind() != reflect.Slice {
		return false
	}
	switch t.Elem().Kind() {
	case reflect.Int8, reflect.Uint8, reflect.Int16, reflect.Uint16, reflect.Int32, reflect.Uint32, reflect.Int64, reflect.Uint64:
		return o.ClassName() != "Array"
	}
	return false
}

// newHash backs DigestStream: newHash(algorithm) → {update(chunk) → bytes hashed, sum() →
// ArrayBuffer}.
func (a *api) newHash(call goja.FunctionCall) goja.Value {
	vm := a.vm
	h, err := NewHash(a.params(call.Argument(0)).Name())
	if err != nil {
		panic(a.errorValue(err))
	}
	o := vm.NewObject()
	_ = o.Set("update", func(c goja.FunctionCall) goja.Value {
		chunk := c.Argument(0)
		if s, ok := chunk.Export().(string); ok {
			n, _ := h.Write([]byte(s))
			return vm.ToValue(n)
		}
		b, ok := jsutil.Bytes(vm, chunk)
		if !ok {
			jsutil.Throw(vm, "TypeError", "DigestStream is a byte stream but received an object of non-ArrayBuffer/ArrayBufferView/string type on its writable side.")
		}
		n, _ := h.Write(b)
		return vm.ToValue(n)
	})
	_ = o.Set("sum", func(goja.FunctionCall) goja.Value { return jsutil.NewArrayBuffer(vm, h.Sum(nil)) })
	return o
}

// errorValue converts an error from this package into the JS value to throw.
func (a *api) errorValue(err error) goja.Value {
	var e *Error
	if errors.As(err, &e) {
		if e.DOM {
			return jsutil.NewDOMException(a.vm, e.Name, e.Message)
		}
		return jsutil.NewError(a.vm, e.Name, e.Message)
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex.Value()
	}
	return jsutil.NewDOMException(a.vm, "OperationError", err.Error())
}

// settle returns a promise for op: run now on the loop when it is cheap, on another goroutine
// via the host when it is heavy.
func (a *api) settle(op Op, err error) goja.Value {
	if err != nil {
		return a.rejected(a.errorValue(err))
	}
	if !op.Heavy() {
		v, err := op.Run()
		if err != nil {
			return a.rejected(a.errorValue(err))
		}
		return a.resolved(a.result(v))
	}
	return a.host.Async(func() func() (goja.Value, goja.Value) {
		v, err := op.Run()
		return func() (goja.Value, goja.Value) {
			if err != nil {
				return nil, a.errorValue(err)
			}
			return a.result(v), nil
		}
	})
}

func (a *api) resolved(v goja.Value) goja.Value {
	p, err := a.promiseResolve(a.promiseCtor, v)
	if err != nil {
		panic(err)
	}
	return p
}

func (a *api) rejected(v goja.Value) goja.Value {
	p, err := a.promiseReject(a.promiseCtor, v)
	if err != nil {
		panic(err)
	}
	return p
}

// result converts an operation's result to JS.
func (a *api) result(v any) goja.Value {
	switch v := v.(type) {
	case []byte:
		return jsutil.NewArrayBuffer(a.vm, v)
	case bool:
		return a.vm.ToValue(v)
	case *Key:
		return a.wrapKey(v)
	case *KeyPair:
		o := a.vm.NewObject()
		_ = o.Set("publicKey", a.wrapKey(v.PublicKey))
		_ = o.Set("privateKey", a.wrapKey(v.PrivateKey))
		return o
	case *JWK:
		b, _ := v.MarshalJSON()
		r, err := a.json.parse(goja.Undefined(), a.vm.ToValue(string(b)))
		if err != nil {
			panic(err)
		}
		return r
	}
	panic(fmt.Sprintf("webcrypto: unexpected result %T", v))
}

// toInt converts v to an integer the way WebIDL's [EnforceRange] unsigned long does.
func (a *api) toInt(v goja.Value, what string) int {
	f := v.ToFloat()
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > math.MaxUint32 {
		jsutil.Throw(a.vm, "TypeError", what+" is outside the range of an unsigned long.")
	}
	return int(f)
}
