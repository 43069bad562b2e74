package htmlrewriter

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// ElementHandlers are called for elements matching a selector and for the text and comments
// inside them. Nil fields are skipped.
type ElementHandlers struct {
	Element  func(*Element) error
	Comments func(*Comment) error
	Text     func(*TextChunk) error
}

// DocumentHandlers are called for the whole document. Nil fields are skipped.
type DocumentHandlers struct {
	Doctype  func(*Doctype) error
	Comments func(*Comment) error
	Text     func(*TextChunk) error
	End      func(*DocumentEnd) error
}

type selectorHandlers struct {
	sel *Selector
	h   ElementHandlers
}

// openElement is an entry of the open-element stack that selectors are matched against. Like
// lol-html's, the stack knows no implied end tags: an element stays open until an end tag with
// its name pops it (and everything above it); void elements are never pushed.
type openElement struct {
	name      string // lowercase
	rawName   string // as written
	ns        string
	raw       []byte // the start tag
	attrs     []attribute
	parsed    bool // attrs holds raw's attributes
	index     int  // position among the parent's element children, from 1
	typeIndex int  // position among the parent's children of the same name, from 1
	children  int
	types     map[string]int
	matched   []int // indices of the selector handlers that matched
	el        *Element
	suppress  bool // its content is not written (removed, replaced, inner content set)
}

func (e *openElement) attributes() []attribute {
	if !e.parsed {
		e.rawName, e.attrs = parseTag(e.raw)
		e.parsed = true
	}
	return e.attrs
}

func (e *openElement) attr(name string) (string, bool) {
	e.attributes()
	for i := range e.attrs {
		if e.attrs[i].name == name {
			return e.attrs[i].value, true
		}
	}
	return "", false
}

func (e *openElement) countChild(name string, types bool) (index, typeIndex int) {
	e.children++
	if !types {
		return e.children, 0
	}
	if e.types == nil {
		e.types = make(map[string]int)
	}
	e.types[name]++
	return e.children, e.types[name]
}

type tokenKind uint8

const (
	tokText tokenKind = iota
	tokTextEnd
	tokStart
	tokEnd
	tokComment
	tokDoctype
	tokRaw // bytes passed through untouched (an incomplete tag at the end of input)
	tokEOF
)

type token struct {
	kind        tokenKind
	raw         []byte
	text        string // comment text; CDATA section content
	name        string // tag name, lowercase
	selfClosing bool
	cdata       bool // a CDATA section: handlers see text, raw is written
}

type action struct {
	run func() error
}

// Rewriter rewrites one HTML document as it streams through. Feed input with Write and End, run
// it with Step and collect output with TakeOutput. It is not safe for concurrent use; handlers
// run on the goroutine that calls Step.
type Rewriter struct {
	elems []selectorHandlers
	docs  []DocumentHandlers

	// Tokenizer state (input side).
	in      []byte
	final   bool
	rawTag  string // inside this raw-text element (script, style, title, textarea …)
	foreign int    // depth of open svg/math elements, for CDATA and raw-text rules
	inText  bool   // a text node is open
	tokens  []token
	tokHead int

	// Rewriting state (output side).
	actions    []action
	actHead    int
	stack      []*openElement
	root       openElement
	active     []int // per selector handler: open elements it matched
	countTypes bool  // a selector uses nth-of-type
	suppress   int
	lastEnd    *EndTag
	out        []byte
	done       bool
	paused     bool // a handler called Pause
	err        error
}

// New returns a rewriter with no handlers.
func New() *Rewriter { return &Rewriter{} }

// On adds handlers for elements matching sel.
func (r *Rewriter) On(sel *Selector, h ElementHandlers) {
	r.elems = append(r.elems, selectorHandlers{sel, h})
	r.countTypes = r.countTypes || sel.usesTypes()
	r.active = append(r.active, 0)
}

// OnDocument adds document handlers.
func (r *Rewriter) OnDocument(h DocumentHandlers) { r.docs = append(r.docs, h) }

// Write adds input. The bytes are copied.
func (r *Rewriter) Write(p []byte) {
	r.in = append(r.in, p...)
	r.parse()
}

// End marks the end of input.
func (r *Rewriter) End() {
	r.final = true
	r.parse()
}

// Done reports whether the whole document has been written (the end handlers ran).
func (r *Rewriter) Done() bool { return r.done }

// TakeOutput returns the output produced so far and forgets it.
func (r *Rewriter) TakeOutput() []byte {
	b := r.out
	r.out = nil
	return b
}

// Step rewrites until a handler called Pause (true) or it needs more input or is done (false).
// A handler error stops the rewriter and is returned (now and from every later Step).
func (r *Rewriter) Step() (bool, error) {
	if r.err != nil {
		return false, r.err
	}
	for {
		for r.actHead == len(r.actions) {
			r.actions, r.actHead = r.actions[:0], 0
			if !r.nextToken() {
				return false, nil
			}
		}
		a := r.actions[r.actHead]
		r.actions[r.actHead] = action{}
		r.actHead++
		if err := a.run(); err != nil {
			r.err = err
			return false, err
		}
		if r.paused {
			r.paused = false
			return true, nil
		}
	}
}

// Run rewrites src to dst synchronously (handlers must not need the caller's goroutine).
func (r *Rewriter) Run(dst io.Writer, src io.Reader) error {
	buf := make([]byte, 32*1024)
	for {
		n, rerr := src.Read(buf)
		if n > 0 {
			r.Write(buf[:n])
		}
		if rerr == io.EOF {
			r.End()
		} else if rerr != nil {
			return rerr
		}
		for {
			more, err := r.Step()
			if err != nil {
				return err
			}
			if !more {
				break
			}
		}
		if out := r.TakeOutput(); len(out) > 0 {
			if _, err := dst.Write(out); err != nil {
				return err
			}
		}
		if r.done {
			return nil
		}
	}
}

func (r *Rewriter) push(t token) { r.tokens = append(r.tokens, t) }

// commonTags are interned tag names: most tags then cost no string allocation.
var commonTags = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields(`a abbr address article aside b blockquote body br button code dd div dl dt em
		footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link main meta nav
		noscript ol option p path pre section select small source span strong style sub sup svg table
		tbody td textarea tfoot th thead time title tr u ul video`) {
		m[n] = n
	}
	return m
}()

func tagName(b []byte) string {
	if n, ok := commonTags[string(b)]; ok {
		return n
	}
	return string(b)
}

var rawTextElements = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
}

// parse tokenizes the complete tokens in r.in. x/net/html's Tokenizer cannot be fed
// incrementally (a read error is final), so each call runs a fresh one over what is buffered;
// inside a raw-text element it starts with a synthetic start tag to enter the same state.
func (r *Rewriter) parse() {
	if len(r.in) == 0 && !r.final {
		return
	}
	rest := r.in
	var src io.Reader = bytes.NewReader(rest)
	if r.rawTag != "" {
		src = io.MultiReader(strings.NewReader("<"+r.rawTag+">"), src)
	}
	z := html.NewTokenizer(src)
	if r.rawTag != "" {
		z.Next()
	}
	z.AllowCDATA(r.foreign > 0)
	off := 0
loop:
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		end := off + len(raw)
		atEnd := end == len(rest) && !r.final
		switch tt {
		case html.TextToken:
			if atEnd && bytes.HasPrefix(raw, []byte("<![CDATA[")) && !bytes.HasSuffix(raw, []byte("]]>")) {
				break loop // an unfinished CDATA section
			}
			if atEnd {
				end -= holdBack(raw)
				if end > off {
					r.splitText(rest[off:end])
				}
				off = end
				break loop
			}
			r.splitText(rest[off:end])
		case html.StartTagToken, html.SelfClosingTagToken:
			if atEnd && raw[len(raw)-1] != '>' {
				break loop
			}
			r.endText()
			nameB, _ := z.TagName()
			name := tagName(nameB)
			r.push(token{kind: tokStart, raw: rest[off:end], name: name, selfClosing: tt == html.SelfClosingTagToken})
			if rawTextElements[name] {
				if r.foreign > 0 {
					z.NextIsNotRawText()
				} else {
					r.rawTag = name
				}
			}
			if (name == "svg" || name == "math") && tt == html.StartTagToken {
				r.foreign++
			}
			z.AllowCDATA(r.foreign > 0)
		case html.EndTagToken:
			if atEnd && raw[len(raw)-1] != '>' {
				break loop
			}
			r.endText()
			nameB, _ := z.TagName()
			name := tagName(nameB)
			r.push(token{kind: tokEnd, raw: rest[off:end], name: name})
			if name == r.rawTag {
				r.rawTag = ""
			}
			if (name == "svg" || name == "math") && r.foreign > 0 {
				r.foreign--
			}
			z.AllowCDATA(r.foreign > 0)
		case html.CommentToken:
			if atEnd && !commentComplete(raw) {
				break loop
			}
			r.endText()
			r.push(token{kind: tokComment, raw: rest[off:end], text: commentText(raw)})
		case html.DoctypeToken:
			if atEnd && raw[len(raw)-1] != '>' {
				break loop
			}
			r.endText()
			r.push(token{kind: tokDoctype, raw: rest[off:end]})
		}
		off = end
	}
	// Queued tokens point into rest: the unparsed tail moves to a new buffer.
	r.in = append([]byte(nil), rest[off:]...)
	if r.final {
		if len(r.in) > 0 {
			r.push(token{kind: tokRaw, raw: r.in})
			r.in = nil
		}
		r.endText()
		r.push(token{kind: tokEOF})
	}
}

// holdBack returns how many bytes at the end of text seen at the end of the input must wait for
// more input: a '<' that may still start a tag, and an incomplete UTF-8 sequence.
func holdBack(raw []byte) int {
	if i := bytes.LastIndexByte(raw, '<'); i >= 0 && !bytes.ContainsAny(raw[i:], " \t\n\r\f>") {
		return len(raw) - i
	}
	for k := 1; k <= 3 && k <= len(raw); k++ {
		if c := raw[len(raw)-k]; c&0xC0 != 0x80 {
			if c >= 0x80 && !utf8.FullRune(raw[len(raw)-k:]) {
				return k
			}
			break
		}
	}
	return 0
}

func commentComplete(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte("<!--")) {
		return bytes.HasSuffix(raw, []byte("-->")) || bytes.HasSuffix(raw, []byte("--!>")) || string(raw) == "<!-->"
	}
	return raw[len(raw)-1] == '>'
}

func commentText(raw []byte) string {
	s := string(raw)
	if strings.HasPrefix(s, "<!--") {
		s = s[4:]
		switch {
		case strings.HasSuffix(s, "--!>"):
			return s[:len(s)-4]
		case strings.HasSuffix(s, "-->"):
			return s[:len(s)-3]
		case strings.HasSuffix(s, "->") && len(s) == 2, s == ">":
			return ""
		}
		return s
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "<!"), "<?")
	if s == "" {
		return s
	}
	if strings.HasPrefix(string(raw), "<?") {
		s = "?" + s
	}
	return strings.TrimSuffix(s, ">")
}

// splitText queues text chunks the way lol-html cuts them: at every '<' (which becomes a chunk
// of its own, or with "/" and a tag name, "</name").
func (r *Rewriter) splitText(raw []byte) {
	r.inText = true
	if r.rawTag == "plaintext" {
		r.pushText(raw)
		return
	}
	if bytes.HasPrefix(raw, []byte("<![CDATA[")) {
		inner := bytes.TrimSuffix(raw[len("<![CDATA["):], []byte("]]>"))
		r.push(token{kind: tokText, raw: raw, text: string(inner), cdata: true})
		return
	}
	start := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] != '<' {
			continue
		}
		if i > start {
			r.pushText(raw[start:i])
		}
		j := i + 1
		if j < len(raw) && raw[j] == '/' {
			j++
			for j < len(raw) && (raw[j]|0x20 >= 'a' && raw[j]|0x20 <= 'z') {
				j++
			}
		}
		r.pushText(raw[i:j])
		start = j
		i = j - 1
	}
	if start < len(raw) {
		r.pushText(raw[start:])
	}
}

func (r *Rewriter) pushText(b []byte) {
	r.push(token{kind: tokText, raw: b})
}

func (r *Rewriter) endText() {
	if r.inText {
		r.inText = false
		r.push(token{kind: tokTextEnd})
	}
}

// write appends output unless it is inside removed content.
func (r *Rewriter) write(b []byte) {
	if r.suppress == 0 {
		if r.out == nil {
			r.out = make([]byte, 0, 16<<10)
		}
		r.out = append(r.out, b...)
	}
}

func (r *Rewriter) writeContents(cs []Content) {
	if r.suppress == 0 {
		r.out = appendContents(r.out, cs)
	}
}

func (r *Rewriter) queue(run func() error) {
	r.actions = append(r.actions, action{run: run})
}

// Pause, called by a handler, makes Step return after that handler: a caller whose handler
// started asynchronous work waits for it before stepping again.
func (r *Rewriter) Pause() { r.paused = true }

// nextToken turns the next token into actions; false when no token is ready.
func (r *Rewriter) nextToken() bool {
	if r.tokHead == len(r.tokens) {
		r.tokens, r.tokHead = r.tokens[:0], 0
		return false
	}
	t := r.tokens[r.tokHead]
	r.tokens[r.tokHead] = token{}
	r.tokHead++
	switch t.kind {
	case tokText, tokTextEnd:
		r.text(t)
	case tokStart:
		r.startTag(t)
	case tokEnd:
		r.endTag(t)
	case tokComment:
		r.comment(t)
	case tokDoctype:
		r.doctype(t)
	case tokRaw:
		r.queue(func() error { r.write(t.raw); return nil })
	case tokEOF:
		r.end()
	}
	return true
}

func (r *Rewriter) text(t token) {
	if !r.wantsText() {
		r.write(t.raw)
		return
	}
	chunk := &TextChunk{unit: unit{valid: true}, text: t.text, last: t.kind == tokTextEnd}
	if !t.cdata {
		chunk.text = string(t.raw)
	}
	for i := range r.elems {
		if h := r.elems[i].h.Text; h != nil && r.active[i] > 0 {
			r.queue(func() error { return h(chunk) })
		}
	}
	for _, d := range r.docs {
		if h := d.Text; h != nil {
			r.queue(func() error { return h(chunk) })
		}
	}
	r.queue(func() error {
		chunk.valid = false
		r.writeContents(chunk.before)
		switch {
		case chunk.replacement != nil:
			r.writeContents(chunk.replacement)
		case chunk.removed:
		default:
			r.write(t.raw)
		}
		r.writeContents(chunk.after)
		return nil
	})
}

// wantsText reports whether a text handler would see text now.
func (r *Rewriter) wantsText() bool {
	for _, d := range r.docs {
		if d.Text != nil {
			return true
		}
	}
	for i := range r.elems {
		if r.elems[i].h.Text != nil && r.active[i] > 0 {
			return true
		}
	}
	return false
}

var voidElements = map[string]bool{
	"area": true, "base": true, "basefont": true, "bgsound": true, "br": true, "col": true,
	"embed": true, "hr": true, "img": true, "input": true, "keygen": true, "link": true,
	"meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// htmlBreakout are the elements that leave foreign content (HTML §13.2.6.5), and the integration
// points whose children are HTML again.
var htmlBreakout = map[string]bool{
	"b": true, "big": true, "blockquote": true, "body": true, "br": true, "center": true, "code": true,
	"dd": true, "div": true, "dl": true, "dt": true, "em": true, "embed": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "head": true, "hr": true, "i": true, "img": true,
	"li": true, "listing": true, "menu": true, "meta": true, "nobr": true, "ol": true, "p": true,
	"pre": true, "ruby": true, "s": true, "small": true, "span": true, "strong": true, "strike": true,
	"sub": true, "sup": true, "table": true, "tt": true, "u": true, "ul": true, "var": true,
}

var integrationPoints = map[string]bool{
	"foreignobject": true, "desc": true, "title": true, "mi": true, "mo": true, "mn": true, "ms": true, "mtext": true,
}

func (r *Rewriter) parent() *openElement {
	if n := len(r.stack); n > 0 {
		return r.stack[n-1]
	}
	return &r.root
}

func (r *Rewriter) startTag(t token) {
	if len(r.elems) == 0 {
		r.write(t.raw) // no selectors: nothing needs the open-element stack
		return
	}
	parent := r.parent()
	oe := &openElement{name: t.name, raw: t.raw}
	switch {
	case t.name == "svg":
		oe.ns = NamespaceSVG
	case t.name == "math":
		oe.ns = NamespaceMathML
	case parent.ns == "" || parent.ns == NamespaceHTML || htmlBreakout[t.name] || integrationPoints[parent.name]:
		oe.ns = NamespaceHTML
	default:
		oe.ns = parent.ns
	}
	oe.index, oe.typeIndex = parent.countChild(t.name, r.countTypes)
	void := voidElements[t.name] && oe.ns == NamespaceHTML || t.selfClosing && oe.ns != NamespaceHTML
	r.stack = append(r.stack, oe)
	for i := range r.elems {
		if r.elems[i].sel.matches(r.stack) {
			oe.matched = append(oe.matched, i)
		}
	}
	if void {
		r.stack = r.stack[:len(r.stack)-1]
	} else {
		for _, i := range oe.matched {
			r.active[i]++
		}
	}
	if len(oe.matched) == 0 {
		r.write(t.raw) // nothing to call: the action queue is empty, so this is in order
		return
	}
	el := &Element{unit: unit{valid: true}, open: oe, rawName: true, attrs: append([]attribute(nil), oe.attributes()...), selfClosing: t.selfClosing, void: void}
	for _, i := range oe.matched {
		if h := r.elems[i].h.Element; h != nil {
			r.queue(func() error { return h(el) })
		}
	}
	r.queue(func() error {
		el.valid = false
		r.writeContents(el.before)
		switch {
		case el.removed:
			r.writeContents(el.replacement)
			if void {
				r.writeContents(el.after)
			} else {
				oe.el, oe.suppress = el, true
				r.suppress++
			}
			return nil
		case !el.keepContent && r.suppress == 0:
			r.out = el.appendStartTag(r.out, t.raw)
		}
		if void {
			r.writeContents(el.after)
			return nil
		}
		oe.el = el
		r.writeContents(el.prepend)
		if el.innerSet {
			r.writeContents(el.inner)
			oe.suppress = true
			r.suppress++
		}
		return nil
	})
}

func (r *Rewriter) endTag(t token) {
	if len(r.elems) == 0 {
		r.write(t.raw)
		return
	}
	i := len(r.stack) - 1
	for ; i >= 0 && r.stack[i].name != t.name; i-- {
	}
	if i < 0 {
		r.queue(func() error { r.write(t.raw); return nil })
		return
	}
	popped := append([]*openElement(nil), r.stack[i:]...)
	for _, oe := range popped {
		for _, h := range oe.matched {
			r.active[h]--
		}
	}
	r.stack = r.stack[:i]
	owner := popped[0]
	plain := true
	for _, oe := range popped {
		if oe.el != nil || oe.suppress {
			plain = false
		}
	}
	if plain {
		r.write(t.raw)
		return
	}
	r.lastEnd = nil
	// Each popped element with end-tag work sees the same end tag; as in lol-html, the changes of
	// the last one (the outermost) are the ones written.
	for k := len(popped) - 1; k >= 0; k-- {
		el := popped[k].el
		if el == nil || (len(el.append) == 0 && len(el.endHandlers) == 0) {
			continue
		}
		et := &EndTag{unit: unit{valid: true}, name: t.name, before: append([]Content(nil), el.append...)}
		if k == 0 && !el.rawName {
			et.name, et.renamed = el.tagName, true
		}
		r.queue(func() error { r.lastEnd = et; return nil })
		for _, h := range el.endHandlers {
			r.queue(func() error { return h(et) })
		}
	}
	r.queue(func() error {
		for _, oe := range popped {
			if oe.suppress {
				r.suppress--
			}
		}
		el := owner.el
		dropTag := el != nil && (el.removed || el.keepContent)
		et := r.lastEnd
		if et != nil {
			et.valid = false
			if el == nil || !el.removed {
				r.writeContents(et.before)
			}
			switch {
			case dropTag || et.removed:
			case et.renamed:
				r.write([]byte("</" + et.name + ">"))
			default:
				r.write(t.raw)
			}
			r.writeContents(et.after)
		} else if !dropTag {
			if el != nil && !el.rawName {
				r.write([]byte("</" + el.tagName + ">"))
			} else {
				r.write(t.raw)
			}
		}
		for k := len(popped) - 1; k >= 0; k-- {
			if el := popped[k].el; el != nil {
				r.writeContents(el.after)
			}
		}
		return nil
	})
}

func (r *Rewriter) comment(t token) {
	c := &Comment{unit: unit{valid: true}, text: t.text}
	for i := range r.elems {
		if h := r.elems[i].h.Comments; h != nil && r.active[i] > 0 {
			r.queue(func() error { return h(c) })
		}
	}
	for _, d := range r.docs {
		if h := d.Comments; h != nil {
			r.queue(func() error { return h(c) })
		}
	}
	r.queue(func() error {
		c.valid = false
		r.writeContents(c.before)
		switch {
		case c.replacement != nil:
			r.writeContents(c.replacement)
		case c.removed:
		case c.changed:
			r.write([]byte("<!--" + c.text + "-->"))
		default:
			r.write(t.raw)
		}
		r.writeContents(c.after)
		return nil
	})
}

func (r *Rewriter) doctype(t token) {
	d := parseDoctype(t.raw)
	for _, h := range r.docs {
		if h := h.Doctype; h != nil {
			r.queue(func() error { return h(d) })
		}
	}
	r.queue(func() error { d.valid = false; r.write(t.raw); return nil })
}

func (r *Rewriter) end() {
	d := &DocumentEnd{unit: unit{valid: true}}
	for _, h := range r.docs {
		if h := h.End; h != nil {
			r.queue(func() error { return h(d) })
		}
	}
	r.queue(func() error {
		d.valid = false
		r.out = appendContents(r.out, d.append)
		r.done = true
		return nil
	})
}

// parseDoctype reads the name and the public and system identifiers of a doctype.
func parseDoctype(raw []byte) *Doctype {
	d := &Doctype{unit: unit{valid: true}}
	s := string(raw)
	s = strings.TrimSuffix(s[min(len(s), len("<!doctype")):], ">")
	p := &selParser{s: s}
	p.skipWS()
	start := p.i
	for !p.eof() && !isSpace(p.peek()) {
		p.i++
	}
	if p.i > start {
		name := strings.ToLower(s[start:p.i])
		d.Name = &name
	}
	quoted := func() *string {
		p.skipWS()
		if p.eof() || (p.peek() != '"' && p.peek() != '\'') {
			return nil
		}
		q := p.peek()
		end := strings.IndexByte(s[p.i+1:], q)
		if end < 0 {
			v := s[p.i+1:]
			p.i = len(s)
			return &v
		}
		v := s[p.i+1 : p.i+1+end]
		p.i += end + 2
		return &v
	}
	p.skipWS()
	kw := s[p.i:]
	switch {
	case len(kw) >= 6 && strings.EqualFold(kw[:6], "public"):
		p.i += 6
		d.PublicID = quoted()
		d.SystemID = quoted()
	case len(kw) >= 6 && strings.EqualFold(kw[:6], "system"):
		p.i += 6
		d.SystemID = quoted()
	}
	return d
}
