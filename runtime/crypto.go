package runtime

import (
	"context"

	"github.com/dop251/goja"
)

// cryptoHost gives the webcrypto package (crypto, crypto.subtle) the isolate's off-loop
// execution and its global-scope rule.
type cryptoHost struct{ iso *Isolate }

func (h cryptoHost) Async(work func() func() (goja.Value, goja.Value)) goja.Value {
	return h.iso.Async(func(context.Context) Settle {
		settle := work()
		return func(*goja.Runtime) (goja.Value, error) {
			v, rejection := settle()
			if rejection != nil {
				return nil, &thrownValue{rejection}
			}
			return v, nil
		}
	})
}

func (h cryptoHost) CheckRequestContext() { h.iso.CheckRequestContext() }
