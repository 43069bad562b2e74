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
	if base == "" {
		if _, ok := parseCanonical(input); ok {
			return input, nil
		}
	}
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

// urlObject is the Go state of a URL instance: a canonical URL's parts (u == nil), or the
// parsed URL, made from the parts on first need.
type urlObject struct {
	jsutil.Expando
	c      canonical
	u      *wu.Url
	href   string        // cached serialization of u; "" when stale
	params *searchParams // created on first access of searchParams
	pobj   *goja.Object
}

func (o *urlObject) getHref() string {
	if o.u == nil {
		return o.c.href
	}
	if o.href == "" {
		o.href = o.u.Href(false)
	}
	return o.href
}

// full returns the parsed URL, parsing the canonical parts first if need be.
func (o *urlObject) full() *wu.Url {
	if o.u == nil {
		u, err := parse(o.c.href, nil)
		if err != nil {
			panic("weburl: a canonical URL does not parse: " + o.c.href)
		}
		o.u = u
	}
	return o.u
}

// query is the URL's query without "?".
func (o *urlObject) query() string {
	if o.u == nil {
		return o.c.query()
	}
	return o.u.Query()
}

// mutate runs a library setter. A setter that panics leaves the URL as it was.
func (o *urlObject) mutate(set func(u *wu.Url)) {
	o.full()
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
		o.params.list = parseURLEncoded(o.query())
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
		o, err := uc.parseArgs(call.Argument(0), call.Argument(1))
		if err != nil {
			panic(vm.NewTypeError(ErrInvalidURL.Error()))
		}
		return o
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
	c.Getter("origin", func(o *urlObject) goja.Value {
		if o.u == nil {
			return str(o.c.origin())
		}
		return str(origin(o.u))
	})
	// get reads the parsed URL's attribute; fast the canonical parts' (same result).
	attr := func(get func(*wu.Url) string, fast func(*canonical) string) func(*urlObject) goja.Value {
		return func(o *urlObject) goja.Value {
			if o.u == nil {
				return str(fast(&o.c))
			}
			return str(get(o.u))
		}
	}
	setter := func(name string, get func(*wu.Url) string, fast func(*canonical) string, set func(*wu.Url, string)) {
		c.Accessor(name, attr(get, fast),
			func(o *urlObject, v goja.Value) {
				s := usvString(vm, v)
				o.mutate(func(u *wu.Url) { set(u, s) })
			})
	}
	empty := func(*canonical) string { return "" } // canonical URLs have no userinfo
	setter("protocol", (*wu.Url).Protocol, func(c *canonical) string { return c.scheme() + ":" }, (*wu.Url).SetProtocol)
	setter("username", (*wu.Url).Username, empty, (*wu.Url).SetUsername)
	setter("password", (*wu.Url).Password, empty, (*wu.Url).SetPassword)
	setter("host", (*wu.Url).Host, (*canonical).host, (*wu.Url).SetHost)
	setter("hostname", (*wu.Url).Hostname, (*canonical).hostname, (*wu.Url).SetHostname)
	setter("port", (*wu.Url).Port, (*canonical).port, (*wu.Url).SetPort)
	setter("pathname", (*wu.Url).Pathname, (*canonical).pathname, (*wu.Url).SetPathname)
	c.Accessor("search", attr((*wu.Url).Search, (*canonical).search),
		func(o *urlObject, v goja.Value) {
			s := usvString(vm, v)
			o.mutate(func(u *wu.Url) { u.SetSearch(s) })
			o.syncParams()
		})
	c.Getter("searchParams", func(o *urlObject) goja.Value {
		if o.pobj == nil {
			o.params = &searchParams{list: parseURLEncoded(o.query()), url: o}
			o.pobj = pc.class.Wrap(o.params)
		}
		return o.pobj
	})
	setter("hash", (*wu.Url).Hash, (*canonical).hash, (*wu.Url).SetHash)
	c.Method("toString", 0, func(o *urlObject, _ goja.FunctionCall) goja.Value { return str(o.getHref()) })
	c.Method("toJSON", 0, func(o *urlObject, _ goja.FunctionCall) goja.Value { return str(o.getHref()) })

	c.Static("canParse", 1, func(call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'canParse' on 'URL'")
		_, err := uc.parseArgs(call.Argument(0), call.Argument(1))
		return vm.ToValue(err == nil)
	})
	c.Static("parse", 1, func(call goja.FunctionCall) goja.Value {
		argCount(vm, call.Arguments, 1, "execute 'parse' on 'URL'")
		o, err := uc.parseArgs(call.Argument(0), call.Argument(1))
		if err != nil {
			return goja.Null()
		}
		return c.Wrap(o)
	})
	c.Install(global)
	return uc
}

// parseArgs converts the (url, base) arguments shared by the constructor, canParse and parse.
func (uc *urlClass) parseArgs(input, base goja.Value) (*urlObject, error) {
	in := usvString(uc.vm, input)
	var b *string
	if !goja.IsUndefined(base) {
		bs := usvString(uc.vm, base)
		b = &bs
	} else if c, ok := parseCanonical(in); ok {
		return &urlObject{c: c}, nil
	}
	u, err := parse(in, b)
	if err != nil {
		return nil, err
	}
	return &urlObject{u: u}, nil
}
