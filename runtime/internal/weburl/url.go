package weburl

import (
	"errors"

	"github.com/dop251/goja"
	wu "github.com/nlnwa/whatwg-url/url"

	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// ErrInvalidURL is returned by ParseHref for input that is not a valid URL. Its text is
// workerd's TypeError message, so callers can throw TypeError(err.Error()).
//
//lint:ignore ST1005 the text is the JS-visible message and must match workerd's exactly.
var ErrInvalidURL = errors.New("Invalid URL string.")

// parser is the standard parser; its options are immutable and it is safe for concurrent use.
var parser = wu.NewParser()

// parse runs the basic URL parser on input against an optional base and never panics.
func parse(input string, base *string) (u *wu.Url, err error) {
	defer func() {
		if recover() != nil {
			u, err = nil, ErrInvalidURL
		}
	}()
	if base == nil {
		u, err = parser.Parse(input)
	} else {
		b, berr := parser.Parse(*base)
		if berr != nil || b == nil {
			return nil, ErrInvalidURL
		}
		u, err = b.Parse(input)
	}
	if err != nil || u == nil {
		return nil, ErrInvalidURL
	}
	return u, nil
}

// ParseHref parses input against base ("" means no base) with the WHATWG URL parser and
// returns the serialized URL. It is what `new URL(input, base).href` computes, and is safe to
// call from any goroutine.
func ParseHref(input, base string) (string, error) {
	var b *string
	if base != "" {
		b = &base
	}
	u, err := parse(input, b)
	if err != nil {
		return "", err
	}
	return u.Href(false), nil
}

// urlObject is the Go state of a URL instance.
type urlObject struct {
	jsutil.Expando
	u      *wu.Url
	href   string        // cached serialization; "" when stale
	params *searchParams // created on first access of searchParams
	pobj   *goja.Object
}

func (o *urlObject) getHref() string {
	if o.href == "" {
		o.href = o.u.Href(false)
	}
	return o.href
}

// mutate runs a library setter. A setter that panics leaves the URL as it was.
func (o *urlObject) mutate(set func(u *wu.Url)) {
	func() {
		saved := o.u.Clone()
		defer func() {
			if recover() != nil {
				o.u = saved
			}
		}()
		set(o.u)
	}()
	o.href = ""
}

// syncParams refreshes the searchParams list after the URL's query changed.
func (o *urlObject) syncParams() {
	if o.params != nil {
		o.params.list = parseURLEncoded(o.u.Query())
	}
}

// setQueryFromParams is the URLSearchParams "update" steps.
func (o *urlObject) setQueryFromParams(serialized string) {
	o.mutate(func(u *wu.Url) { u.SetSearch(serialized) })
}

// origin serializes the URL's origin (https://url.spec.whatwg.org/#concept-url-origin).
func origin(u *wu.Url) string {
	switch u.Scheme() {
	case "blob":
		inner, err := parse(u.Pathname(), nil)
		if err == nil && (inner.Scheme() == "http" || inner.Scheme() == "https") {
			return origin(inner)
		}
		return "null"
	case "ftp", "http", "https", "ws", "wss":
		s := u.Scheme() + "://" + u.Hostname()
		if p := u.Port(); p != "" {
			s += ":" + p
		}
		return s
	default:
		return "null"
	}
}

type urlClass struct {
	vm *goja.Runtime
}

func installURL(vm *goja.Runtime, global *goja.Object, pc *paramsClass) *urlClass {
	uc := &urlClass{vm: vm}
	c := jsutil.NewClass(vm, "URL", 1, func(call goja.ConstructorCall) *urlObject {
		argCount(vm, call.Arguments, 1, "construct 'URL'")
		u, err := uc.parseArgs(call.Argument(0), call.Argument(1))
		if err != nil {
			panic(vm.NewTypeError(ErrInvalidURL.Error()))
		}
		return &urlObject{u: u}
	})

	str := func(s string) goja.Value { return vm.ToValue(s) }
	c.Accessor("href", func(o *urlObject) goja.Value { return str(o.getHref()) },
		func(o *urlObject, v goja.Value) {
			u, err := parse(usvString(vm, v), nil)
			if err != nil {
				panic(vm.NewTypeError("Failed to set the 'href' property on 'URL': Invalid URL string."))
			}
			o.u, o.href = u, ""
			o.syncParams()
		})
	c.Getter("origin", func(o *urlObject) goja.Value { return str(origin(o.u)) })
	setter := func(name string, get func(*wu.Url) string, set func(*wu.Url, string)) {
		c.Accessor(name, func(o *urlObject) goja.Value { return str(get(o.u)) },
			func(o *urlObject, v goja.Value) {
				s := usvString(vm, v)
				o.mutate(func(u *wu.Url) { set(u, s) })
			})
	}
	setter("protocol", (*wu.Url).Protocol, (*wu.Url).SetProtocol)
	setter("username", (*wu.Url).Username, (*wu.Url).SetUsername)
	setter("password", (*wu.Url).Password, (*wu.Url).SetPassword)
	setter("host", (*wu.Url).Host, (*wu.Url).SetHost)
	setter("hostname", (*wu.Url).Hostname, (*wu.Url).SetHostname)
	setter("port", (*wu.Url).Port, (*wu.Url).SetPort)
	setter("pathname", (*wu.Url).Pathname, (*wu.Url).SetPathname)
	c.Accessor("search", func(o *urlObject) goja.Value { return str(o.u.Search()) },
		func(o *urlObject, v goja.Value) {
			s := usvString(vm, v)
			o.mutate(func(u *wu.Url) { u.SetSearch(s) })
			o.syncParams()
		})
	c.Getter("searchParams", func(o *urlObject) goja.Value {
		if o.pobj == nil {
			o.params = &searchParams{list: parseURLEncoded(o.u.Query()), url: o}
			o.pobj = pc.class.Wrap(o.params)
		}
		return o.pobj
	})
	setter("hash", (*wu.Url).Hash, (*wu.Url).SetHash)
	c.Method("toString", 0, func(o *urlObject, _ goja.FunctionCall) goja.Value { return str(o.getHref()) })
	c.Method("toJSON", 0, func(o *urlObject, _ goja.FunctionCall) goja.Value { return str(o.getHref()) })

	c.Static("canParse", 1, func(call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'canParse' on 'URL'")
		_, err := uc.parseArgs(call.Argument(0), call.Argument(1))
		return vm.ToValue(err == nil)
	})
	c.Static("parse", 1, func(call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'parse' on 'URL'")
		u, err := uc.parseArgs(call.Argument(0), call.Argument(1))
		if err != nil {
			return goja.Null()
		}
		return c.Wrap(&urlObject{u: u})
	})
	c.Install(global)
	return uc
}

// parseArgs converts the (url, base) arguments shared by the constructor, canParse and parse.
func (uc *urlClass) parseArgs(input, base goja.Value) (*wu.Url, error) {
	in := usvString(uc.vm, input)
	if goja.IsUndefined(base) {
		return parse(in, nil)
	}
	b := usvString(uc.vm, base)
	return parse(in, &b)
}
