package htmlrewriter

import (
	"strings"
)

// ErrTokenInvalid is returned (and thrown in JS as TypeError) when a content token is used after
// its handler finished.
const msgTokenInvalid = "This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler."

// Namespace URIs of elements.
const (
	NamespaceHTML   = "http://www.w3.org/1999/xhtml"
	NamespaceSVG    = "http://www.w3.org/2000/svg"
	NamespaceMathML = "http://www.w3.org/1998/Math/MathML"
)

// Content is a piece of inserted content: text (escaped on output) or, with HTML set, markup
// written as is.
type Content struct {
	Text string
	HTML bool
}

func (c Content) appendTo(b []byte) []byte {
	if c.HTML {
		return append(b, c.Text...)
	}
	return appendEscaped(b, c.Text)
}

// EscapeText returns s escaped as text content is on output (&, < and >).
func EscapeText(s string) string { return string(appendEscaped(nil, s)) }

func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		default:
			b = append(b, s[i])
		}
	}
	return b
}

func appendContents(b []byte, cs []Content) []byte {
	for _, c := range cs {
		b = c.appendTo(b)
	}
	return b
}

// unit is what every content token shares: it is valid only while its handlers run.
type unit struct {
	valid bool
}

// Valid reports whether the token may still be used (its handlers have not all returned).
func (u *unit) Valid() bool { return u.valid }

// InvalidMessage is the message of the TypeError for a token used after its handler.
func InvalidMessage() string { return msgTokenInvalid }

// attribute is one attribute of a start tag. raw is its source text, used on output while the
// attribute is unchanged.
type attribute struct {
	name  string // lowercase
	value string
	raw   string
}

// parseTag splits a raw start tag into its name (as written) and attributes. Values are kept as
// written (entities are not decoded), as lol-html does.
func parseTag(raw []byte) (name string, attrs []attribute) {
	s := string(raw)
	i := 1
	for i < len(s) && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	name = s[1:i]
	for i < len(s) {
		for i < len(s) && (isSpace(s[i]) || s[i] == '/') {
			i++
		}
		if i >= len(s) || s[i] == '>' {
			break
		}
		start := i
		i++ // the first character of a name may be '='
		for i < len(s) && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
			i++
		}
		a := attribute{name: strings.ToLower(s[start:i])}
		j := i
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j < len(s) && s[j] == '=' {
			j++
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if j < len(s) && (s[j] == '"' || s[j] == '\'') {
				q := s[j]
				end := strings.IndexByte(s[j+1:], q)
				if end < 0 {
					a.value = s[j+1:]
					i = len(s)
				} else {
					a.value = s[j+1 : j+1+end]
					i = j + end + 2
				}
			} else {
				vs := j
				for j < len(s) && !isSpace(s[j]) && s[j] != '>' {
					j++
				}
				a.value = s[vs:j]
				i = j
			}
		}
		a.raw = s[start:i]
		attrs = append(attrs, a)
	}
	return name, attrs
}

// Element is a start tag a handler may change.
type Element struct {
	unit
	open        *openElement
	tagName     string
	rawName     bool // tagName is still the name as written
	attrs       []attribute
	attrsDirty  bool
	selfClosing bool
	void        bool // no content and no end tag (HTML void element or self-closing foreign one)

	before, after, prepend, append []Content
	inner                          []Content
	innerSet                       bool
	removed, keepContent           bool
	replacement                    []Content
	endHandlers                    []func(*EndTag) error
}

// TagName is the element's name, lowercase unless a handler set another.
func (e *Element) TagName() string {
	if e.rawName {
		return e.open.name
	}
	return e.tagName
}

// SetTagName renames the element (its end tag too); lol-html's rules for names apply.
func (e *Element) SetTagName(name string) error {
	if err := checkTagName(name); err != nil {
		return err
	}
	e.tagName, e.rawName = name, false
	return nil
}

func checkTagName(name string) error {
	if name == "" {
		return ContentError("Tag name can't be empty.")
	}
	if c := name[0]; !(c|0x20 >= 'a' && c|0x20 <= 'z') {
		return ContentError("The first character of the tag name should be an ASCII alphabetical character.")
	}
	if i := strings.IndexAny(name, " \t\n\r\f/>"); i >= 0 {
		return ContentError("`" + name[i:i+1] + "` character is forbidden in the tag name")
	}
	return nil
}

func checkAttrName(name string) error {
	if name == "" {
		return ContentError("Attribute name can't be empty.")
	}
	if i := strings.IndexAny(name, " \t\n\r\f/=>"); i >= 0 {
		return ContentError("`" + name[i:i+1] + "` character is forbidden in the attribute name")
	}
	return nil
}

// NamespaceURI is the element's namespace.
func (e *Element) NamespaceURI() string { return e.open.ns }

// Attributes returns the attributes as name/value pairs, in source order.
func (e *Element) Attributes() [][2]string {
	out := make([][2]string, len(e.attrs))
	for i, a := range e.attrs {
		out[i] = [2]string{a.name, a.value}
	}
	return out
}

func (e *Element) find(name string) int {
	name = strings.ToLower(name)
	for i := range e.attrs {
		if e.attrs[i].name == name {
			return i
		}
	}
	return -1
}

// GetAttribute returns an attribute's value; names are compared case-insensitively.
func (e *Element) GetAttribute(name string) (string, bool) {
	if i := e.find(name); i >= 0 {
		return e.attrs[i].value, true
	}
	return "", false
}

// HasAttribute reports whether the attribute is present.
func (e *Element) HasAttribute(name string) bool { return e.find(name) >= 0 }

// SetAttribute sets (or adds, at the end) an attribute; lol-html's rules for names apply.
func (e *Element) SetAttribute(name, value string) error {
	if err := checkAttrName(name); err != nil {
		return err
	}
	e.attrsDirty = true
	if i := e.find(name); i >= 0 {
		e.attrs[i].value, e.attrs[i].raw = value, ""
		return nil
	}
	e.attrs = append(e.attrs, attribute{name: strings.ToLower(name), value: value})
	return nil
}

// RemoveAttribute removes an attribute if present.
func (e *Element) RemoveAttribute(name string) {
	if i := e.find(name); i >= 0 {
		e.attrs = append(e.attrs[:i], e.attrs[i+1:]...)
		e.attrsDirty = true
	}
}

// Removed reports whether the element was removed (remove, replace or removeAndKeepContent).
func (e *Element) Removed() bool { return e.removed || e.keepContent }

// Before inserts content before the element.
func (e *Element) Before(c Content) { e.before = append(e.before, c) }

// After inserts content right after the element (before content inserted earlier).
func (e *Element) After(c Content) { e.after = append([]Content{c}, e.after...) }

// Prepend inserts content at the start of the element's content.
func (e *Element) Prepend(c Content) {
	if !e.void {
		e.prepend = append([]Content{c}, e.prepend...)
	}
}

// Append inserts content at the end of the element's content (before its end tag).
func (e *Element) Append(c Content) {
	if !e.void {
		e.append = append(e.append, c)
	}
}

// SetInnerContent replaces the element's content.
func (e *Element) SetInnerContent(c Content) {
	if !e.void {
		e.inner, e.innerSet = []Content{c}, true
		e.prepend, e.append = nil, nil
	}
}

// Replace removes the element and its content and puts c in its place.
func (e *Element) Replace(c Content) {
	e.removed, e.replacement = true, []Content{c}
}

// Remove removes the element and its content.
func (e *Element) Remove() { e.removed = true }

// RemoveAndKeepContent removes the start and end tags but keeps the content.
func (e *Element) RemoveAndKeepContent() { e.keepContent = true }

// CanHaveEndTag reports whether OnEndTag may be called.
func (e *Element) CanHaveEndTag() bool { return !e.void }

// OnEndTag registers a handler for the element's end tag. It fails for elements without one.
func (e *Element) OnEndTag(h func(*EndTag) error) error {
	if e.void {
		return errNoEndTag
	}
	e.endHandlers = append(e.endHandlers, h)
	return nil
}

// ContentError is a change lol-html refuses; its message is lol-html's (workerd prefixes it with
// "Parser error: ").
type ContentError string

func (e ContentError) Error() string { return string(e) }

const (
	errNoEndTag       ContentError = "No end tag."
	errCommentClosing ContentError = "Comment text shouldn't contain a comment-closing sequence."
)

func (e *Element) appendStartTag(b []byte, raw []byte) []byte {
	if e.rawName && !e.attrsDirty {
		return append(b, raw...)
	}
	b = append(b, '<')
	if e.rawName {
		b = append(b, e.open.rawName...) // set by attributes()
	} else {
		b = append(b, e.tagName...)
	}
	for _, a := range e.attrs {
		b = append(b, ' ')
		if a.raw != "" {
			b = append(b, a.raw...)
			continue
		}
		b = append(b, a.name...)
		b = append(b, '=', '"')
		b = append(b, strings.ReplaceAll(a.value, `"`, "&quot;")...)
		b = append(b, '"')
	}
	if e.selfClosing {
		return append(b, " />"...)
	}
	return append(b, '>')
}

// EndTag is an element's end tag, given to the handlers registered with OnEndTag.
type EndTag struct {
	unit
	name          string
	renamed       bool
	before, after []Content
	removed       bool
}

// Name is the end tag's name.
func (t *EndTag) Name() string { return t.name }

// SetName renames the end tag; lol-html's rules for names apply.
func (t *EndTag) SetName(name string) error {
	if err := checkTagName(name); err != nil {
		return err
	}
	t.name, t.renamed = name, true
	return nil
}

// Before inserts content before the end tag.
func (t *EndTag) Before(c Content) { t.before = append(t.before, c) }

// After inserts content right after the end tag (before content inserted earlier).
func (t *EndTag) After(c Content) { t.after = append([]Content{c}, t.after...) }

// Remove removes the end tag.
func (t *EndTag) Remove() { t.removed = true }

// TextChunk is a piece of a text node: lol-html splits text where input chunks end and at '<'.
type TextChunk struct {
	unit
	text          string
	last          bool
	removed       bool
	before, after []Content
	replacement   []Content
}

// Text is the chunk as written in the document (entities are not decoded).
func (t *TextChunk) Text() string { return t.text }

// LastInTextNode reports whether this is the (empty) chunk that ends a text node.
func (t *TextChunk) LastInTextNode() bool { return t.last }

// Removed reports whether the chunk was removed or replaced.
func (t *TextChunk) Removed() bool { return t.removed }

// Before inserts content before the chunk.
func (t *TextChunk) Before(c Content) { t.before = append(t.before, c) }

// After inserts content right after the chunk (before content inserted earlier).
func (t *TextChunk) After(c Content) { t.after = append([]Content{c}, t.after...) }

// Replace replaces the chunk.
func (t *TextChunk) Replace(c Content) { t.removed, t.replacement = true, []Content{c} }

// Remove removes the chunk.
func (t *TextChunk) Remove() { t.removed = true }

// Comment is an HTML comment.
type Comment struct {
	unit
	text          string
	changed       bool
	removed       bool
	before, after []Content
	replacement   []Content
}

// Text is the comment's text, between <!-- and -->.
func (c *Comment) Text() string { return c.text }

// SetText replaces the comment's text, which must not contain "-->".
func (c *Comment) SetText(s string) error {
	if strings.Contains(s, "-->") {
		return errCommentClosing
	}
	c.text, c.changed = s, true
	return nil
}

// Removed reports whether the comment was removed or replaced.
func (c *Comment) Removed() bool { return c.removed }

// Before inserts content before the comment.
func (c *Comment) Before(x Content) { c.before = append(c.before, x) }

// After inserts content right after the comment (before content inserted earlier).
func (c *Comment) After(x Content) { c.after = append([]Content{x}, c.after...) }

// Replace replaces the comment.
func (c *Comment) Replace(x Content) { c.removed, c.replacement = true, []Content{x} }

// Remove removes the comment.
func (c *Comment) Remove() { c.removed = true }

// Doctype is the document's doctype; it is read-only.
type Doctype struct {
	unit
	Name, PublicID, SystemID *string
}

// DocumentEnd lets the end handlers append content after the document.
type DocumentEnd struct {
	unit
	append []Content
}

// Append adds content at the end of the document.
func (d *DocumentEnd) Append(c Content) { d.append = append(d.append, c) }
