package bindings

import (
	"encoding/json"
	"fmt"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime"
)

// Text is a plain-text var or secret: env.NAME is a string.
type Text struct {
	Binding string
	Text    string
}

// Name implements runtime.Binding.
func (t Text) Name() string { return t.Binding }

// Value implements runtime.Binding.
func (t Text) Value(iso *runtime.Isolate) (goja.Value, error) { return iso.VM().ToValue(t.Text), nil }

// JSON is a var whose value is any JSON value: env.NAME is the parsed value. Each isolate gets
// its own copy.
type JSON struct {
	Binding string
	Raw     json.RawMessage
}

// Name implements runtime.Binding.
func (j JSON) Name() string { return j.Binding }

// Value implements runtime.Binding.
func (j JSON) Value(iso *runtime.Isolate) (goja.Value, error) {
	v, err := iso.JSONParse(string(j.Raw))
	if err != nil {
		return nil, fmt.Errorf("var %s: invalid JSON: %w", j.Binding, err)
	}
	return v, nil
}

// ProcessEnvValue implements runtime.EnvVar: the text itself.
func (t Text) ProcessEnvValue() string { return t.Text }

// ProcessEnvValue implements runtime.EnvVar: a JSON string var gives its string; any other
// JSON value stays raw JSON text (as workerd fills process.env).
func (j JSON) ProcessEnvValue() string {
	var s string
	if json.Unmarshal(j.Raw, &s) == nil {
		return s
	}
	return string(j.Raw)
}
