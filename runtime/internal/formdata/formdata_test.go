package formdata_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/formdata"
	"github.com/edgeruntime/edge/runtime/internal/jstest"
	"github.com/edgeruntime/edge/runtime/internal/streams"
)

// testHost is the fake Host: real ReadableStreams (from the streams package) over the bytes,
// and promises resolved at once.
type testHost struct {
	vm       *goja.Runtime
	internal *goja.Object
}

func (h *testHost) NewByteStream(b []byte) goja.Value {
	from, ok := goja.AssertFunction(h.internal.Get("fromBytes"))
	if !ok {
		panic("streams internal has no fromBytes")
	}
	u8, err := h.vm.New(h.vm.Get("Uint8Array"), h.vm.ToValue(h.vm.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	s, err := from(h.internal, u8)
	if err != nil {
		panic(err)
	}
	return s
}

func (h *testHost) Resolved(v goja.Value) goja.Value {
	p, resolve, _ := h.vm.NewPromise()
	_ = resolve(v)
	return h.vm.ToValue(p)
}

func newVM(t testing.TB) (*goja.Runtime, *formdata.API) {
	t.Helper()
	vm := goja.New()
	// What the runtime's prelude does before streams are installed.
	if _, err := vm.RunString(`if (!Symbol.asyncIterator) Object.defineProperty(Symbol, 'asyncIterator', { value: Symbol.for('Symbol.asyncIterator') });`); err != nil {
		t.Fatal(err)
	}
	internal, err := streams.Install(vm)
	if err != nil {
		t.Fatal(err)
	}
	api := formdata.Install(vm, vm.GlobalObject(), &testHost{vm: vm, internal: internal})
	return vm, api
}

func TestJS(t *testing.T) {
	files, err := filepath.Glob("testdata/*.test.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(f), ".test.js"), func(t *testing.T) {
			vm, _ := newVM(t)
			jstest.Run(t, vm, filepath.Base(f), string(src), nil)
		})
	}
}

func run(t testing.TB, vm *goja.Runtime, js string) goja.Value {
	t.Helper()
	v, err := vm.RunString(js)
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func TestBlobBytesAndNewBlob(t *testing.T) {
	vm, api := newVM(t)
	for _, tc := range []struct {
		js   string
		data string
		typ  string
		ok   bool
	}{
		{`new Blob(['ab', 'c'], { type: 'Text/Plain' })`, "abc", "text/plain", true},
		{`new File(['x'], 'x.bin', { type: 'application/octet-stream' })`, "x", "application/octet-stream", true},
		{`new Blob(['hello']).slice(1, 3)`, "el", "", true},
		{`new (class extends Blob {})(['sub'])`, "sub", "", true},
		{`new Uint8Array([1])`, "", "", false},
		{`({ get size() { throw new Error('getter ran'); } })`, "", "", false},
		{`'abc'`, "", "", false},
		{`new FormData()`, "", "", false},
	} {
		data, typ, ok := api.BlobBytes(run(t, vm, tc.js))
		if string(data) != tc.data || typ != tc.typ || ok != tc.ok {
			t.Errorf("BlobBytes(%s) = %q, %q, %v; want %q, %q, %v", tc.js, data, typ, ok, tc.data, tc.typ, tc.ok)
		}
	}

	b := api.NewBlob([]byte("from go"), "Image/PNG")
	_ = vm.Set("goBlob", b)
	v := run(t, vm, `[goBlob instanceof Blob, goBlob.size, goBlob.type, Object.prototype.toString.call(goBlob)].join()`)
	if got, want := v.String(), "true,7,image/png,[object Blob]"; got != want {
		t.Errorf("NewBlob from JS: %s, want %s", got, want)
	}
	if typ := api.NewBlob(nil, "bad\n").Get("type").String(); typ != "" {
		t.Errorf("NewBlob type with a control character = %q, want \"\"", typ)
	}
}

// jsEntries lists a FormData's entries as name=value, and name=File(filename,type,content)
// for files, through the JS API.
func jsEntries(t testing.TB, vm *goja.Runtime, fd *goja.Object) string {
	t.Helper()
	_ = vm.Set("fdUnderTest", fd)
	fn := run(t, vm, `(async () => {
		const out = [];
		for (const [k, v] of fdUnderTest) {
			if (typeof v === 'string') { out.push(k + '=' + v); continue; }
			if (!(v instanceof File)) throw new Error('not a File: ' + v);
			const bytes = Array.from(new Uint8Array(await v.arrayBuffer()), (b) => b.toString(16).padStart(2, '0')).join('');
			out.push(k + '=File(' + v.name + ',' + v.type + ',' + bytes + ')');
		}
		return out.join('\n');
	})()`)
	p := v2promise(t, fn)
	if p.State() != goja.PromiseStateFulfilled {
		t.Fatalf("listing entries: %v", p.Result())
	}
	return p.Result().String()
}

func v2promise(t testing.TB, v goja.Value) *goja.Promise {
	t.Helper()
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		t.Fatalf("not a promise: %v", v)
	}
	return p
}

func TestParseFormDataURLEncoded(t *testing.T) {
	vm, api := newVM(t)
	for _, tc := range []struct {
		ctype, body, want string
	}{
		{"application/x-www-form-urlencoded", "a=1&b=2&a=3", "a=1\nb=2\na=3"},
		{"application/x-www-form-urlencoded;charset=UTF-8", "q=a+b%20c&x=%C3%A9", "q=a b c\nx=é"},
		{"Application/X-WWW-Form-URLEncoded ; charset=\"utf8\"", "k", "k="},
		{"application/x-www-form-urlencoded; charset=unicode-1-1-utf-8", "&&=v&%zz=%4", "=v\n%zz=%4"},
		{"application/x-www-form-urlencoded", "bad=%FF%C3", "bad=\ufffd\ufffd"},
		{"application/x-www-form-urlencoded", "", ""},
		{"application/x-www-form-urlencoded", "bom=%EF%BB%BFx", "bom=\ufeffx"},
	} {
		fd, err := api.ParseFormData(tc.ctype, []byte(tc.body))
		if err != nil {
			t.Errorf("ParseFormData(%q, %q): %v", tc.ctype, tc.body, err)
			continue
		}
		if got := jsEntries(t, vm, fd); got != tc.want {
			t.Errorf("ParseFormData(%q, %q) = %q, want %q", tc.ctype, tc.body, got, tc.want)
		}
	}
}

func TestParseFormDataContentTypes(t *testing.T) {
	_, api := newVM(t)
	unrecognized := "Unrecognized Content-Type header value. FormData can only parse the following MIME types: multipart/form-data, application/x-www-form-urlencoded"
	noBoundary := "No boundary string in Content-Type header."
	for _, tc := range []struct {
		ctype, msg string
	}{
		{"", unrecognized},
		{"text/plain", unrecognized},
		{"multipart/mixed; boundary=x", unrecognized},
		{"application/x-www-form-urlencodedx", unrecognized},
		{"multipart/form-data", noBoundary},
		{"multipart/form-data; boundary=", noBoundary},
		{`multipart/form-data; boundary=""`, noBoundary},
		{"multipart/form-data; charset=utf-8", noBoundary},
		{"application/x-www-form-urlencoded; charset=latin1", "Non-utf-8 application/x-www-form-urlencoded body."},
		{"/form-data", unrecognized},
		{"multipart/", unrecognized},
	} {
		_, err := api.ParseFormData(tc.ctype, []byte("--x--"))
		var fe *formdata.Error
		if !errors.As(err, &fe) || fe.Class != "TypeError" || !strings.HasPrefix(fe.Message, tc.msg) {
			t.Errorf("ParseFormData(%q) error = %v, want TypeError %q", tc.ctype, err, tc.msg)
		}
	}
}

func TestFormDataBodyNotFormData(t *testing.T) {
	vm, api := newVM(t)
	for _, js := range []string{`new Blob()`, `({})`, `'a=b'`, `null`} {
		if _, _, ok := api.FormDataBody(run(t, vm, js)); ok {
			t.Errorf("FormDataBody(%s) ok", js)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	_, api := newVM(t)
	_, err := api.ParseFormData("text/plain", nil)
	if err == nil || !strings.Contains(err.Error(), "TypeError: Unrecognized Content-Type") {
		t.Errorf("error text = %v", err)
	}
}
