package runtime

import (
	"strconv"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// installJSONParse replaces the global JSON.parse with the direct parser below, JSON.parse
// (goja's) remaining the fallback: for a reviver, for an argument that is not a string, and for
// whatever the direct parser leaves to it.
func (iso *Isolate) installJSONParse() {
	vm := iso.vm
	builtin := iso.jsonParseFn
	parse := jsutil.Func(vm, "parse", 2, func(call goja.FunctionCall) goja.Value {
		// Only a string primitive: converting anything else runs user code (toString), which
		// must run once.
		if str, ok := call.Argument(0).(goja.String); ok && (len(call.Arguments) < 2 || goja.IsUndefined(call.Arguments[1])) {
			if v, ok := parseJSON(vm, str.String()); ok {
				return v
			}
		}
		v, err := builtin(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	})
	_ = vm.Get("JSON").ToObject(vm).DefineDataProperty("parse", parse, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// jsonParse is JSON.parse(s) for host code (Body.json(), KV get type "json", …): a direct
// parser that builds the JS values as it reads, several times faster than goja's JSON.parse
// (which goes through encoding/json's token stream, one interface value per token). On any
// input it does not handle — malformed JSON, whose SyntaxError must be the one JSON.parse
// throws, and escapes of lone UTF-16 surrogates — it gives the input to JSON.parse instead,
// so results and errors are JSON.parse's exactly.
func (iso *Isolate) jsonParse(s string) goja.Value {
	if v, ok := parseJSON(iso.vm, s); ok {
		return v
	}
	v, err := iso.jsonParseFn(goja.Undefined(), iso.vm.ToValue(s))
	if err != nil {
		panic(err)
	}
	return v
}

// parseJSON parses s; ok is false for anything it leaves to JSON.parse.
func parseJSON(vm *goja.Runtime, s string) (v goja.Value, ok bool) {
	if !utf8.ValidString(s) {
		return nil, false
	}
	p := jsonParser{vm: vm, s: s}
	p.skipSpace()
	if v, ok = p.value(0); ok {
		if p.skipSpace(); p.i == len(s) {
			return v, true
		}
	}
	return nil, false
}

// jsonMaxDepth bounds nesting: deeper input goes to JSON.parse (and its limits).
const jsonMaxDepth = 512

type jsonParser struct {
	vm  *goja.Runtime
	s   string
	i   int
	buf []byte // unescaping scratch
}

func (p *jsonParser) skipSpace() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (goja.Value, bool) {
	if p.i >= len(p.s) || depth > jsonMaxDepth {
		return nil, false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		return p.vm.ToValue(s), true
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case p.literal("true"):
		return p.vm.ToValue(true), true
	case p.literal("false"):
		return p.vm.ToValue(false), true
	case p.literal("null"):
		return goja.Null(), true
	}
	return nil, false
}

func (p *jsonParser) literal(word string) bool {
	if len(p.s)-p.i >= len(word) && p.s[p.i:p.i+len(word)] == word {
		p.i += len(word)
		return true
	}
	return false
}

func (p *jsonParser) object(depth int) (goja.Value, bool) {
	obj := p.vm.NewObject()
	p.i++ // '{'
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return obj, true
	}
	for {
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return nil, false
		}
		key, ok := p.str()
		if !ok {
			return nil, false
		}
		p.skipSpace()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, false
		}
		p.i++
		p.skipSpace()
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		// CreateDataProperty, as JSON.parse: "__proto__" and keys with setters up the
		// prototype chain become own data properties.
		if obj.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE) != nil {
			return nil, false
		}
		if done, ok := p.separator('}'); !ok {
			return nil, false
		} else if done {
			return obj, true
		}
	}
}

// separator reads what follows a member or element: a comma (done false) or the closing
// bracket (done true); ok is false for anything else.
func (p *jsonParser) separator(closing byte) (done, ok bool) {
	p.skipSpace()
	if p.i >= len(p.s) {
		return false, false
	}
	switch p.s[p.i] {
	case ',':
		p.i++
		p.skipSpace()
		return false, true
	case closing:
		p.i++
		return true, true
	}
	return false, false
}

func (p *jsonParser) array(depth int) (goja.Value, bool) {
	p.i++ // '['
	p.skipSpace()
	var items []any
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return p.vm.NewArray(), true
	}
	for {
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		items = append(items, v)
		if done, ok := p.separator(']'); !ok {
			return nil, false
		} else if done {
			return p.vm.NewArray(items...), true
		}
	}
}

// number reads a number in JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() (goja.Value, bool) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '0':
		p.i++
	case p.digits() == 0:
		return nil, false
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return nil, false
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return nil, false
		}
	}
	f, err := strconv.ParseFloat(p.s[start:p.i], 64)
	if err != nil && f == 0 { // a range error still yields ±Inf or 0, as JSON.parse does
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return nil, false
		}
	}
	return p.vm.ToValue(f), true
}

func (p *jsonParser) digits() int {
	n := 0
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

// str reads a string literal; ok is false for malformed ones and for escapes of UTF-16
// surrogates (JSON.parse decides what those become).
func (p *jsonParser) str() (string, bool) {
	p.i++ // '"'
	start := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '"':
			s := p.s[start:p.i]
			p.i++
			return s, true
		case c == '\\':
			return p.escapedStr(start)
		case c < 0x20:
			return "", false
		default:
			p.i++
		}
	}
	return "", false
}

// jsonEscapes maps the character after a backslash to the one it stands for (\u aside).
var jsonEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

func (p *jsonParser) escapedStr(start int) (string, bool) {
	b := append(p.buf[:0], p.s[start:p.i]...)
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			p.buf = b
			return string(b), true
		case c < 0x20:
			return "", false
		case c != '\\':
			b = append(b, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			return "", false
		}
		e := p.s[p.i+1]
		p.i += 2
		switch {
		case jsonEscapes[e] != 0:
			b = append(b, jsonEscapes[e])
		case e == 'u':
			if p.i+4 > len(p.s) {
				return "", false
			}
			r, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 32)
			if err != nil || r >= 0xD800 && r <= 0xDFFF {
				return "", false
			}
			p.i += 4
			b = utf8.AppendRune(b, rune(r))
		default:
			return "", false
		}
	}
	return "", false
}
