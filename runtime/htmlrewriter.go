package runtime

import (
	_ "embed"
	"fmt"
	"mime"
	"sync"

	"github.com/dop251/goja"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/edgeruntime/edge/runtime/internal/htmlrewriter"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

//go:embed htmlrewriter.js
var htmlRewriterSource string

var htmlRewriterProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("edge:htmlrewriter.js", htmlRewriterSource, true)
})

// rewriterClasses are the JS classes of the content tokens handlers receive (not globals).
type rewriterClasses struct {
	rewriter *jsutil.Class[*jsRewriter]
	element  *jsutil.Class[*jsElement]
	endTag   *jsutil.Class[*jsEndTag]
	text     *jsutil.Class[*jsText]
	comment  *jsutil.Class[*jsComment]
	doctype  *jsutil.Class[*jsDoctype]
	docEnd   *jsutil.Class[*jsDocEnd]
	attrIter *jsutil.Class[*jsAttrIter]
}

type jsRewriter struct {
	jsutil.Expando
	rw      *htmlrewriter.Rewriter
	cs      *charset   // nil: UTF-8
	pending goja.Value // the promise the last handler returned
}

type jsSelector struct {
	jsutil.Expando
	sel *htmlrewriter.Selector
}

type jsElement struct {
	jsutil.Expando
	e     *htmlrewriter.Element
	owner *jsRewriter
	cs    *charset
}

type jsEndTag struct {
	jsutil.Expando
	t  *htmlrewriter.EndTag
	cs *charset
}

type jsText struct {
	jsutil.Expando
	t  *htmlrewriter.TextChunk
	cs *charset
}

type jsComment struct {
	jsutil.Expando
	c  *htmlrewriter.Comment
	cs *charset
}

type jsDoctype struct {
	jsutil.Expando
	d  *htmlrewriter.Doctype
	cs *charset
}

type jsDocEnd struct {
	jsutil.Expando
	d  *htmlrewriter.DocumentEnd
	cs *charset
}

type jsAttrIter struct {
	jsutil.Expando
	e     *htmlrewriter.Element
	cs    *charset
	pairs [][2]string
	next  int
}

// installHTMLRewriter defines the HTMLRewriter global (runtime/htmlrewriter.js) over the Go
// engine in internal/htmlrewriter.
func (iso *Isolate) installHTMLRewriter(g *goja.Object) error {
	vm := iso.vm
	v, err := vm.RunProgram(htmlRewriterProgram())
	if err != nil {
		return err
	}
	install, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("htmlrewriter.js did not evaluate to a function")
	}
	cls := iso.newRewriterClasses()
	selCls := jsutil.NewClass[*jsSelector](vm, "Selector", 0, nil)
	host := vm.NewObject()
	_ = host.Set("selector", jsutil.Func(vm, "selector", 1, func(call goja.FunctionCall) goja.Value {
		sel, err := htmlrewriter.ParseSelector(call.Argument(0).String())
		if err != nil {
			jsutil.Throw(vm, "TypeError", "Parser error: "+err.Error())
		}
		return selCls.Wrap(&jsSelector{sel: sel})
	}))
	_ = host.Set("checkCharset", jsutil.Func(vm, "checkCharset", 1, func(call goja.FunctionCall) goja.Value {
		if _, params, err := mime.ParseMediaType(call.Argument(0).String()); err == nil {
			if label, ok := params["charset"]; ok {
				if e, err := htmlindex.Get(label); err != nil || !asciiCompatible(e) {
					jsutil.Throw(vm, "TypeError", "Parser error: Unknown character encoding has been provided.")
				}
			}
		}
		return goja.Undefined()
	}))
	_ = host.Set("markUsed", jsutil.Func(vm, "markUsed", 1, func(call goja.FunctionCall) goja.Value {
		if r, ok := iso.cls.response.Unwrap(call.Argument(0)); ok {
			r.body.used = true
		}
		return goja.Undefined()
	}))
	_ = host.Set("rewriter", jsutil.Func(vm, "rewriter", 1, func(call goja.FunctionCall) goja.Value {
		s := &jsRewriter{rw: htmlrewriter.New(), cs: charsetOf(call.Argument(1).String())}
		cs := s.cs
		entries := call.Argument(0).ToObject(vm)
		n := int(entries.Get("length").ToInteger())
		for i := 0; i < n; i++ {
			entry := entries.Get(fmt.Sprint(i)).ToObject(vm)
			handlers := entry.Get("handlers")
			if sel, ok := selCls.Unwrap(entry.Get("selector")); ok {
				s.rw.On(sel.sel, htmlrewriter.ElementHandlers{
					Element:  jsHandler(iso, s, handlers, "element", func(e *htmlrewriter.Element) goja.Value { return cls.element.Wrap(&jsElement{e: e, owner: s, cs: cs}) }),
					Comments: jsHandler(iso, s, handlers, "comments", func(c *htmlrewriter.Comment) goja.Value { return cls.comment.Wrap(&jsComment{c: c, cs: cs}) }),
					Text:     jsHandler(iso, s, handlers, "text", func(t *htmlrewriter.TextChunk) goja.Value { return cls.text.Wrap(&jsText{t: t, cs: cs}) }),
				})
				continue
			}
			s.rw.OnDocument(htmlrewriter.DocumentHandlers{
				Doctype:  jsHandler(iso, s, handlers, "doctype", func(d *htmlrewriter.Doctype) goja.Value { return cls.doctype.Wrap(&jsDoctype{d: d, cs: cs}) }),
				Comments: jsHandler(iso, s, handlers, "comments", func(c *htmlrewriter.Comment) goja.Value { return cls.comment.Wrap(&jsComment{c: c, cs: cs}) }),
				Text:     jsHandler(iso, s, handlers, "text", func(t *htmlrewriter.TextChunk) goja.Value { return cls.text.Wrap(&jsText{t: t, cs: cs}) }),
				End:      jsHandler(iso, s, handlers, "end", func(d *htmlrewriter.DocumentEnd) goja.Value { return cls.docEnd.Wrap(&jsDocEnd{d: d, cs: cs}) }),
			})
		}
		return cls.rewriter.Wrap(s)
	}))
	_, err = install(goja.Undefined(), g, host)
	return err
}

// jsHandler adapts the JS handler handlers[name] (nil when absent) to the engine: it calls it with
// the handlers object as this and keeps a returned thenable for the driver to await.
func jsHandler[T any](iso *Isolate, s *jsRewriter, handlers goja.Value, name string, wrap func(T) goja.Value) func(T) error {
	obj, ok := handlers.(*goja.Object)
	if !ok {
		return nil
	}
	fn, ok := goja.AssertFunction(obj.Get(name))
	if !ok {
		return nil
	}
	return func(t T) error {
		v, err := fn(obj, wrap(t))
		if err != nil {
			return err
		}
		s.keep(v)
		return nil
	}
}

// keep remembers v when it is a thenable and pauses the rewriter: the driver waits for it before
// the rewriter goes on.
func (s *jsRewriter) keep(v goja.Value) {
	if o, ok := v.(*goja.Object); ok {
		if _, ok := goja.AssertFunction(o.Get("then")); ok {
			s.pending = v
			s.rw.Pause()
		}
	}
}

// content reads the (content, options) arguments of the insertion methods.
func content(cs *charset, call goja.FunctionCall) htmlrewriter.Content {
	c := htmlrewriter.Content{Text: call.Argument(0).String()}
	if o, ok := call.Argument(1).(*goja.Object); ok {
		c.HTML = o.Get("html") != nil && o.Get("html").ToBoolean()
	}
	if cs != nil {
		// Escape before encoding: the character references for unencodable characters stay markup.
		if !c.HTML {
			c = htmlrewriter.Content{Text: htmlrewriter.EscapeText(c.Text), HTML: true}
		}
		c.Text = cs.in(c.Text)
	}
	return c
}

// throwParser throws lol-html's refusals as workerd does: TypeError "Parser error: …".
func throwParser(vm *goja.Runtime, err error) {
	if err != nil {
		jsutil.Throw(vm, "TypeError", "Parser error: "+err.Error())
	}
}

// contentMethods defines a token class's content methods (ops: before, after, …) and remove:
// each checks that the token is still valid, changes it, and returns this.
func contentMethods[S goja.DynamicObject, T interface {
	Valid() bool
	Remove()
}](vm *goja.Runtime, cls *jsutil.Class[S], token func(S) (T, *charset), ops map[string]func(T, htmlrewriter.Content)) {
	for name, op := range ops {
		cls.Method(name, 1, func(s S, call goja.FunctionCall) goja.Value {
			t, cs := token(s)
			checkValid(vm, t.Valid())
			op(t, content(cs, call))
			return call.This
		})
	}
	cls.Method("remove", 0, func(s S, call goja.FunctionCall) goja.Value {
		t, _ := token(s)
		checkValid(vm, t.Valid())
		t.Remove()
		return call.This
	})
}

func checkValid(vm *goja.Runtime, valid bool) {
	if !valid {
		jsutil.Throw(vm, "TypeError", htmlrewriter.InvalidMessage())
	}
}

func optString(vm *goja.Runtime, cs *charset, s *string) goja.Value {
	if s == nil {
		return goja.Null()
	}
	return vm.ToValue(cs.out(*s))
}

func (iso *Isolate) newRewriterClasses() *rewriterClasses {
	vm := iso.vm
	c := &rewriterClasses{
		rewriter: jsutil.NewClass[*jsRewriter](vm, "Rewriter", 0, nil),
		element:  jsutil.NewClass[*jsElement](vm, "Element", 0, nil),
		endTag:   jsutil.NewClass[*jsEndTag](vm, "EndTag", 0, nil),
		text:     jsutil.NewClass[*jsText](vm, "Text", 0, nil),
		comment:  jsutil.NewClass[*jsComment](vm, "Comment", 0, nil),
		doctype:  jsutil.NewClass[*jsDoctype](vm, "Doctype", 0, nil),
		docEnd:   jsutil.NewClass[*jsDocEnd](vm, "DocumentEnd", 0, nil),
		attrIter: jsutil.NewClass[*jsAttrIter](vm, "AttributesIterator", 0, nil),
	}

	// The driver's view of a rewriter.
	r := c.rewriter
	r.Method("write", 1, func(s *jsRewriter, call goja.FunctionCall) goja.Value {
		b, ok := jsutil.Bytes(vm, call.Argument(0))
		if !ok {
			jsutil.Throw(vm, "TypeError", "This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.")
		}
		s.rw.Write(b)
		return goja.Undefined()
	})
	r.Method("end", 0, func(s *jsRewriter, call goja.FunctionCall) goja.Value { s.rw.End(); return goja.Undefined() })
	r.Method("done", 0, func(s *jsRewriter, call goja.FunctionCall) goja.Value { return vm.ToValue(s.rw.Done()) })
	r.Method("take", 0, func(s *jsRewriter, call goja.FunctionCall) goja.Value {
		if b := s.rw.TakeOutput(); len(b) > 0 {
			return jsutil.NewUint8Array(vm, b)
		}
		return goja.Undefined()
	})
	r.Method("step", 0, func(s *jsRewriter, call goja.FunctionCall) goja.Value {
		more, err := s.rw.Step()
		if err != nil {
			if ex, ok := err.(*goja.Exception); ok {
				panic(ex)
			}
			panic(vm.NewGoError(err))
		}
		if p := s.pending; p != nil {
			s.pending = nil
			return p
		}
		return vm.ToValue(more)
	})

	e := c.element
	e.Accessor("tagName", func(s *jsElement) goja.Value {
		checkValid(vm, s.e.Valid())
		return vm.ToValue(s.cs.out(s.e.TagName()))
	}, func(s *jsElement, v goja.Value) {
		checkValid(vm, s.e.Valid())
		throwParser(vm, s.e.SetTagName(s.cs.in(v.String())))
	})
	e.Getter("namespaceURI", func(s *jsElement) goja.Value {
		checkValid(vm, s.e.Valid())
		return vm.ToValue(s.e.NamespaceURI())
	})
	e.Getter("removed", func(s *jsElement) goja.Value {
		checkValid(vm, s.e.Valid())
		return vm.ToValue(s.e.Removed())
	})
	e.Getter("attributes", func(s *jsElement) goja.Value {
		checkValid(vm, s.e.Valid())
		return c.attrIter.Wrap(&jsAttrIter{e: s.e, cs: s.cs, pairs: s.e.Attributes()})
	})
	e.Method("getAttribute", 1, func(s *jsElement, call goja.FunctionCall) goja.Value {
		checkValid(vm, s.e.Valid())
		if v, ok := s.e.GetAttribute(s.cs.in(call.Argument(0).String())); ok {
			return vm.ToValue(s.cs.out(v))
		}
		return goja.Null()
	})
	e.Method("hasAttribute", 1, func(s *jsElement, call goja.FunctionCall) goja.Value {
		checkValid(vm, s.e.Valid())
		return vm.ToValue(s.e.HasAttribute(s.cs.in(call.Argument(0).String())))
	})
	e.Method("setAttribute", 2, func(s *jsElement, call goja.FunctionCall) goja.Value {
		checkValid(vm, s.e.Valid())
		throwParser(vm, s.e.SetAttribute(s.cs.in(call.Argument(0).String()), s.cs.in(call.Argument(1).String())))
		return call.This
	})
	e.Method("removeAttribute", 1, func(s *jsElement, call goja.FunctionCall) goja.Value {
		checkValid(vm, s.e.Valid())
		s.e.RemoveAttribute(s.cs.in(call.Argument(0).String()))
		return call.This
	})
	contentMethods(vm, e, func(s *jsElement) (*htmlrewriter.Element, *charset) { return s.e, s.cs },
		map[string]func(*htmlrewriter.Element, htmlrewriter.Content){
			"before": (*htmlrewriter.Element).Before, "after": (*htmlrewriter.Element).After,
			"prepend": (*htmlrewriter.Element).Prepend, "append": (*htmlrewriter.Element).Append,
			"replace": (*htmlrewriter.Element).Replace, "setInnerContent": (*htmlrewriter.Element).SetInnerContent,
		})
	e.Method("removeAndKeepContent", 0, func(s *jsElement, call goja.FunctionCall) goja.Value {
		checkValid(vm, s.e.Valid())
		s.e.RemoveAndKeepContent()
		return call.This
	})
	e.Method("onEndTag", 1, func(s *jsElement, call goja.FunctionCall) goja.Value {
		checkValid(vm, s.e.Valid())
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			jsutil.Throw(vm, "TypeError", "Failed to execute 'onEndTag' on 'Element': parameter 1 is not of type 'function'.")
		}
		owner := s.owner
		err := s.e.OnEndTag(func(t *htmlrewriter.EndTag) error {
			v, err := fn(goja.Undefined(), c.endTag.Wrap(&jsEndTag{t: t, cs: s.cs}))
			if err != nil {
				return err
			}
			owner.keep(v)
			return nil
		})
		throwParser(vm, err)
		return goja.Undefined()
	})

	t := c.endTag
	t.Accessor("name", func(s *jsEndTag) goja.Value {
		checkValid(vm, s.t.Valid())
		return vm.ToValue(s.cs.out(s.t.Name()))
	}, func(s *jsEndTag, v goja.Value) {
		checkValid(vm, s.t.Valid())
		throwParser(vm, s.t.SetName(s.cs.in(v.String())))
	})
	contentMethods(vm, t, func(s *jsEndTag) (*htmlrewriter.EndTag, *charset) { return s.t, s.cs },
		map[string]func(*htmlrewriter.EndTag, htmlrewriter.Content){
			"before": (*htmlrewriter.EndTag).Before, "after": (*htmlrewriter.EndTag).After,
		})

	x := c.text
	x.Getter("text", func(s *jsText) goja.Value { checkValid(vm, s.t.Valid()); return vm.ToValue(s.cs.out(s.t.Text())) })
	x.Getter("lastInTextNode", func(s *jsText) goja.Value { checkValid(vm, s.t.Valid()); return vm.ToValue(s.t.LastInTextNode()) })
	x.Getter("removed", func(s *jsText) goja.Value { checkValid(vm, s.t.Valid()); return vm.ToValue(s.t.Removed()) })
	contentMethods(vm, x, func(s *jsText) (*htmlrewriter.TextChunk, *charset) { return s.t, s.cs },
		map[string]func(*htmlrewriter.TextChunk, htmlrewriter.Content){
			"before": (*htmlrewriter.TextChunk).Before, "after": (*htmlrewriter.TextChunk).After, "replace": (*htmlrewriter.TextChunk).Replace,
		})

	m := c.comment
	m.Accessor("text", func(s *jsComment) goja.Value {
		checkValid(vm, s.c.Valid())
		return vm.ToValue(s.cs.out(s.c.Text()))
	}, func(s *jsComment, v goja.Value) {
		checkValid(vm, s.c.Valid())
		throwParser(vm, s.c.SetText(s.cs.in(v.String())))
	})
	m.Getter("removed", func(s *jsComment) goja.Value { checkValid(vm, s.c.Valid()); return vm.ToValue(s.c.Removed()) })
	contentMethods(vm, m, func(s *jsComment) (*htmlrewriter.Comment, *charset) { return s.c, s.cs },
		map[string]func(*htmlrewriter.Comment, htmlrewriter.Content){
			"before": (*htmlrewriter.Comment).Before, "after": (*htmlrewriter.Comment).After, "replace": (*htmlrewriter.Comment).Replace,
		})

	d := c.doctype
	d.Getter("name", func(s *jsDoctype) goja.Value { checkValid(vm, s.d.Valid()); return optString(vm, s.cs, s.d.Name) })
	d.Getter("publicId", func(s *jsDoctype) goja.Value { checkValid(vm, s.d.Valid()); return optString(vm, s.cs, s.d.PublicID) })
	d.Getter("systemId", func(s *jsDoctype) goja.Value { checkValid(vm, s.d.Valid()); return optString(vm, s.cs, s.d.SystemID) })

	c.docEnd.Method("append", 1, func(s *jsDocEnd, call goja.FunctionCall) goja.Value {
		checkValid(vm, s.d.Valid())
		s.d.Append(content(s.cs, call))
		return call.This
	})

	it := c.attrIter
	it.Method("next", 0, func(s *jsAttrIter, call goja.FunctionCall) goja.Value {
		checkValid(vm, s.e.Valid())
		res := vm.NewObject()
		if s.next >= len(s.pairs) {
			_ = res.Set("done", true)
			return res
		}
		p := s.pairs[s.next]
		s.next++
		_ = res.Set("done", false)
		_ = res.Set("value", vm.NewArray(s.cs.out(p[0]), s.cs.out(p[1])))
		return res
	})
	// Like workerd's, the iterator inherits from %IteratorPrototype% (which supplies @@iterator).
	if iterProto, err := vm.RunString("Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))"); err == nil {
		it.Proto.SetPrototype(iterProto.ToObject(vm))
	}
	return c
}

// charset converts between the document's charset (the response's Content-Type charset, any
// ASCII-compatible one, as lol-html supports) and the UTF-16 strings handlers see. A nil *charset
// is UTF-8, where Go strings already are the document's bytes.
type charset struct {
	enc encoding.Encoding
}

// charsetOf returns the charset of a Content-Type value (nil for UTF-8 or none; transform has
// already rejected unknown labels).
func charsetOf(contentType string) *charset {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["charset"] == "" {
		return nil
	}
	e, err := htmlindex.Get(params["charset"])
	if err != nil || e == unicode.UTF8 || !asciiCompatible(e) {
		return nil
	}
	return &charset{e}
}

// asciiCompatible reports whether ASCII text is the same bytes in e (lol-html supports only such
// encodings: UTF-16 and ISO-2022-JP are refused).
func asciiCompatible(e encoding.Encoding) bool {
	b, err := e.NewEncoder().Bytes([]byte("<a =\"'/>"))
	return err == nil && string(b) == "<a =\"'/>"
}

// out decodes document bytes for JS.
func (c *charset) out(s string) string {
	if c == nil {
		return s
	}
	if d, err := c.enc.NewDecoder().String(s); err == nil {
		return d
	}
	return s
}

// in encodes a JS string into the document's charset; characters it cannot hold become numeric
// character references.
func (c *charset) in(s string) string {
	if c == nil {
		return s
	}
	if e, err := encoding.HTMLEscapeUnsupported(c.enc.NewEncoder()).String(s); err == nil {
		return e
	}
	return s
}
