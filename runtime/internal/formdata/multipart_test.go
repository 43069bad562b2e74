package formdata_test

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/formdata"
)

// roundTrip serialises the FormData that js evaluates to, checks the body with Go's own
// multipart reader, parses it back with ParseFormData and returns the body and the entries.
func roundTrip(t *testing.T, vm *goja.Runtime, api *formdata.API, js string) ([]byte, string) {
	t.Helper()
	body, ctype, ok := api.FormDataBody(run(t, vm, js))
	if !ok {
		t.Fatalf("FormDataBody(%s): not a FormData", js)
	}
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		t.Fatalf("content type %q: %v", ctype, err)
	}
	// Every part must be readable by an independent parser.
	r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := r.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("mime/multipart cannot read the body: %v\n%s", err, body)
		}
		if _, err := io.Copy(io.Discard, p); err != nil {
			t.Fatal(err)
		}
	}
	fd, err := api.ParseFormData(ctype, body)
	if err != nil {
		t.Fatalf("ParseFormData of our own body: %v\n%s", err, body)
	}
	return body, jsEntries(t, vm, fd)
}

func TestRoundTrip(t *testing.T) {
	vm, api := newVM(t)
	for _, tc := range []struct {
		name, js, want string
	}{
		{"fields", `const fd = new FormData(); fd.append('a', '1'); fd.append('b', ''); fd.append('a', 'two words'); return fd`,
			"a=1\nb=\na=two words"},
		{"empty", `return new FormData()`, ""},
		{"binary file", `const fd = new FormData(); fd.append('f', new File([new Uint8Array([0, 13, 10, 45, 45, 255, 13])], 'bin.dat', { type: 'application/x-bin' })); return fd`,
			"f=File(bin.dat,application/x-bin,000d0a2d2dff0d)"},
		{"file without type", `const fd = new FormData(); fd.append('f', new Blob(['x'])); return fd`,
			"f=File(blob,application/octet-stream,78)"},
		{"unicode", `const fd = new FormData(); fd.append('名前', 'значение 😀'); fd.append('файл', new Blob(['é']), 'résumé 📄.txt'); return fd`,
			"名前=значение 😀\nфайл=File(résumé 📄.txt,application/octet-stream,c3a9)"},
		{"quotes and line breaks in names", `const fd = new FormData(); fd.append('a"b', 'v'); fd.append('c\r\nd\ne\rf', 'w'); fd.append('g', new Blob([]), 'q"uote\n.txt'); return fd`,
			"a\"b=v\nc\r\nd\ne\rf=w\ng=File(q\"uote\n.txt,application/octet-stream,)"},
		{"backslashes", `const fd = new FormData(); fd.append('a\\b', 'v'); fd.append('ends\\', 'w'); fd.append('f', new Blob([]), 'C:\\dir\\x'); return fd`,
			"a\\b=v\nends\\=w\nf=File(C:\\dir\\x,application/octet-stream,)"},
		{"percent sequences other than the escapes stay", `const fd = new FormData(); fd.append('100%25', 'x'); return fd`,
			"100%25=x"},
		{"values with line breaks and boundary-like text", `const fd = new FormData(); fd.append('v', 'line1\nline2\r\n--not-a-boundary\r\n'); return fd`,
			"v=line1\nline2\r\n--not-a-boundary\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := roundTrip(t, vm, api, "(() => { "+tc.js+" })()")
			if got != tc.want {
				t.Errorf("round trip:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestRoundTripLargeFile(t *testing.T) {
	vm, api := newVM(t)
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	fd := run(t, vm, `new FormData()`).(*goja.Object)
	appendFn, _ := goja.AssertFunction(fd.Get("append"))
	if _, err := appendFn(fd, vm.ToValue("big"), api.NewBlob(data, "application/octet-stream"), vm.ToValue("big.bin")); err != nil {
		t.Fatal(err)
	}
	body, ctype, _ := api.FormDataBody(fd)
	parsed, err := api.ParseFormData(ctype, body)
	if err != nil {
		t.Fatal(err)
	}
	got, _, ok := api.BlobBytes(parsed.Get("get").Export().(func(goja.FunctionCall) goja.Value)(goja.FunctionCall{This: parsed, Arguments: []goja.Value{vm.ToValue("big")}}))
	if !ok || !bytes.Equal(got, data) {
		t.Fatalf("1 MiB file did not round-trip (ok=%v, len=%d)", ok, len(got))
	}
}

// TestSerializedForm pins the bytes FormDataBody writes: browsers' layout and escapes.
func TestSerializedForm(t *testing.T) {
	vm, api := newVM(t)
	body, ctype, _ := api.FormDataBody(run(t, vm, `(() => {
		const fd = new FormData();
		fd.append('field "1"', 'v\n');
		fd.append('up\r\nload', new File(['<b>'], 'a"b\\c.html', { type: 'Text/HTML' }));
		return fd;
	})()`))
	boundary := strings.TrimPrefix(ctype, "multipart/form-data; boundary=")
	if boundary == ctype || len(boundary) < 16 || len(boundary) > 70 {
		t.Fatalf("content type %q", ctype)
	}
	got := strings.ReplaceAll(string(body), boundary, "BOUNDARY")
	want := "--BOUNDARY\r\n" +
		"Content-Disposition: form-data; name=\"field %221%22\"\r\n" +
		"\r\n" +
		"v\n\r\n" +
		"--BOUNDARY\r\n" +
		"Content-Disposition: form-data; name=\"up%0D%0Aload\"; filename=\"a%22b\\\\c.html\"\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<b>\r\n" +
		"--BOUNDARY--\r\n"
	if got != want {
		t.Errorf("body:\n got %q\nwant %q", got, want)
	}
	// Each call picks a new boundary.
	_, ctype2, _ := api.FormDataBody(run(t, vm, `new FormData()`))
	if ctype2 == ctype {
		t.Errorf("the boundary was reused: %s", ctype)
	}
}

// TestParseGoWriter parses bodies written by Go's mime/multipart.Writer, which escapes quotes
// with backslashes rather than %22.
func TestParseGoWriter(t *testing.T) {
	vm, api := newVM(t)
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("plain", "value")
	_ = w.WriteField(`q"uo\te`, "x")
	_ = w.WriteField("unicode ✓", "ü")
	fw, _ := w.CreateFormFile("file", `report "final".pdf`)
	_, _ = fw.Write([]byte{0x25, 0x50, 0x44, 0x46, 0x00, 0xff})
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", `form-data; name="typed"; filename="a.json"`)
	h.Set("Content-Type", "Application/JSON; charset=utf-8")
	pw, _ := w.CreatePart(h)
	_, _ = pw.Write([]byte(`{}`))
	_ = w.Close()

	fd, err := api.ParseFormData(w.FormDataContentType(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := "plain=value\nq\"uo\\te=x\nunicode ✓=ü\n" +
		"file=File(report \"final\".pdf,application/octet-stream,2550444600ff)\n" +
		"typed=File(a.json,application/json; charset=utf-8,7b7d)"
	if got := jsEntries(t, vm, fd); got != want {
		t.Errorf("entries:\n got %q\nwant %q", got, want)
	}
}

// TestParseBrowserBody parses a body laid out as Chrome sends it: a WebKitFormBoundary,
// %22/%0D%0A escapes, raw UTF-8 names, an empty file input (filename="").
func TestParseBrowserBody(t *testing.T) {
	vm, api := newVM(t)
	const b = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
	body := "--" + b + "\r\n" +
		"Content-Disposition: form-data; name=\"title\"\r\n" +
		"\r\n" +
		"Hello \"world\"\r\n" +
		"--" + b + "\r\n" +
		"Content-Disposition: form-data; name=\"say %22hi%22%0D%0A\"\r\n" +
		"\r\n" +
		"multi\r\nline\r\n" +
		"--" + b + "\r\n" +
		"Content-Disposition: form-data; name=\"photo\"; filename=\"café.png\"\r\n" +
		"Content-Type: image/png\r\n" +
		"\r\n" +
		"\x89PNG\r\n\x1a\n\r\n" +
		"--" + b + "\r\n" +
		"Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n" +
		"Content-Type: application/octet-stream\r\n" +
		"\r\n" +
		"\r\n" +
		"--" + b + "--\r\n"
	fd, err := api.ParseFormData("multipart/form-data; boundary="+b, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := "title=Hello \"world\"\n" +
		"say \"hi\"\r\n=multi\r\nline\n" +
		"photo=File(café.png,image/png,89504e470d0a1a0a)\n" +
		"empty=File(,application/octet-stream,)"
	if got := jsEntries(t, vm, fd); got != want {
		t.Errorf("entries:\n got %q\nwant %q", got, want)
	}
}

func TestParseLenientBodies(t *testing.T) {
	vm, api := newVM(t)
	for _, tc := range []struct {
		name, ctype, body, want string
	}{
		{"LF only", "multipart/form-data; boundary=xx",
			"--xx\nContent-Disposition: form-data; name=\"a\"\n\nA\n--xx\nContent-Disposition: form-data; name=\"b\"\n\nB\n--xx--",
			"a=A\nb=B"},
		{"preamble and epilogue", "multipart/form-data; boundary=xx",
			"This is a preamble.\r\n--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--xx--\r\nepilogue --xx\r\n",
			"a=A"},
		{"quoted boundary with special characters", `multipart/form-data; boundary="a:b c'd"`,
			"--a:b c'd\r\nContent-Disposition: form-data; name=a\r\n\r\nA\r\n--a:b c'd--",
			"a=A"},
		{"no parts", "multipart/form-data; boundary=xx", "--xx--", ""},
		{"transport padding after delimiters", "multipart/form-data; boundary=xx",
			"--xx  \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--xx\t\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nB\r\n--xx--",
			"a=A\nb=B"},
		{"boundary text inside content", "multipart/form-data; boundary=xx",
			"--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--xxy\r\n--xx-\r\nz\r\n--xx--",
			"a=--xxy\r\n--xx-\r\nz"},
		{"header case, order, folding and extra headers", "multipart/form-data; boundary=xx",
			"--xx\r\ncontent-type: Text/Plain\r\nX-Extra: 1\r\nCONTENT-DISPOSITION: Form-Data;\r\n name=\"a\"; FILENAME=\"f.txt\" ;\r\n\r\nA\r\n--xx--",
			"a=File(f.txt,text/plain,41)"},
		{"last parameter wins", "multipart/form-data; boundary=xx",
			"--xx\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nv\r\n--xx--",
			"b=v"},
		{"unknown parameters and filename*", "multipart/form-data; boundary=xx",
			"--xx\r\nContent-Disposition: form-data; x=\"1\"; name=\"a\"; filename*=UTF-8''x\r\n\r\nv\r\n--xx--",
			"a=v"},
		{"invalid UTF-8 in values and names", "multipart/form-data; boundary=xx",
			"--xx\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n\xe2\x82\r\n--xx--",
			"\ufffd=\ufffd"},
		{"empty content and empty name", "multipart/form-data; boundary=xx",
			"--xx\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n\r\n--xx--",
			"="},
		{"boundary parameter case", "Multipart/Form-Data; BOUNDARY=xx; charset=utf-8",
			"--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--xx--",
			"a=A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fd, err := api.ParseFormData(tc.ctype, []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if got := jsEntries(t, vm, fd); got != tc.want {
				t.Errorf("entries:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestParseMalformed(t *testing.T) {
	_, api := newVM(t)
	part := "Content-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n"
	for _, tc := range []struct {
		name, body, msg string
	}{
		{"empty body", "", "No initial boundary string (or you have a truncated message)."},
		{"wrong boundary", "--yy\r\n" + part + "--yy--", "No initial boundary string"},
		{"boundary at the very end", "--xx", "No initial boundary string"},
		{"no header end", "--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n", "No multipart message header termination found."},
		{"truncated after headers", "--xx\r\n" + part, "No subsequent boundary string after multipart message."},
		{"truncated inside content", "--xx\r\n" + part[:len(part)-3], "No subsequent boundary string after multipart message."},
		{"no disposition", "--xx\r\nContent-Type: text/plain\r\n\r\nA\r\n--xx--", "No valid Content-Disposition header found in FormData part."},
		{"no headers at all", "--xx\r\n\r\nA\r\n--xx--", "No valid Content-Disposition header found in FormData part."},
		{"header without colon", "--xx\r\nnot a header\r\n\r\nA\r\n--xx--", "FormData part had invalid headers."},
		{"header with bad name", "--xx\r\nBad Name: x\r\n\r\nA\r\n--xx--", "FormData part had invalid headers."},
		{"fold before any header", "--xx\r\n folded\r\n\r\nA\r\n--xx--", "FormData part had invalid headers."},
		{"wrong disposition type", "--xx\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nA\r\n--xx--",
			`Content-Disposition header for FormData part must have the value "form-data", possibly followed by parameters. Got: "attachment"`},
		{"empty disposition", "--xx\r\nContent-Disposition: \r\n\r\nA\r\n--xx--", "Invalid Content-Disposition header found in FormData part."},
		{"unterminated quote", "--xx\r\nContent-Disposition: form-data; name=\"a\r\n\r\nA\r\n--xx--", "Invalid Content-Disposition header found in FormData part."},
		{"garbage after quote", "--xx\r\nContent-Disposition: form-data; name=\"a\"b\r\n\r\nA\r\n--xx--", "Invalid Content-Disposition header found in FormData part."},
		{"parameter without value", "--xx\r\nContent-Disposition: form-data; name\r\n\r\nA\r\n--xx--", "Invalid Content-Disposition header found in FormData part."},
		{"parameter with empty value", "--xx\r\nContent-Disposition: form-data; name=\r\n\r\nA\r\n--xx--", "Invalid Content-Disposition header found in FormData part."},
		{"no name", "--xx\r\nContent-Disposition: form-data; filename=\"f\"\r\n\r\nA\r\n--xx--", "Content-Disposition header in FormData part is missing a name."},
		{"second part broken", "--xx\r\n" + part + "--xx\r\nContent-Disposition: form-data\r\n\r\nB\r\n--xx--", "missing a name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fd, err := api.ParseFormData("multipart/form-data; boundary=xx", []byte(tc.body))
			var fe *formdata.Error
			if !errors.As(err, &fe) || fe.Class != "TypeError" || !strings.Contains(fe.Message, tc.msg) {
				t.Fatalf("ParseFormData = %v, %v; want TypeError %q", fd, err, tc.msg)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	vm, api := newVM(t)
	isRange := func(err error, sub string) bool {
		var fe *formdata.Error
		return errors.As(err, &fe) && fe.Class == "RangeError" && strings.Contains(fe.Message, sub)
	}

	// A body over 128 MiB is refused before it is looked at (its pages are never touched).
	huge := make([]byte, formdata.MaxSize+1)
	for _, ct := range []string{"multipart/form-data; boundary=xx", "application/x-www-form-urlencoded"} {
		if _, err := api.ParseFormData(ct, huge); !isRange(err, "FormData size 134217729 exceeds limit 134217728") {
			t.Errorf("%s body of MaxSize+1 bytes: %v", ct, err)
		}
	}

	// A realistic number of fields is well within the entry budget (see budget_internal_test.go).
	if _, err := api.ParseFormData("application/x-www-form-urlencoded", bytes.Repeat([]byte("a&"), 100000)); err != nil {
		t.Errorf("100000 fields: %v", err)
	}

	// Serialising more than 128 MiB throws a RangeError into JS (three Files sharing 50 MiB).
	fd := run(t, vm, `new FormData()`).(*goja.Object)
	appendFn, _ := goja.AssertFunction(fd.Get("append"))
	big := api.NewBlob(make([]byte, 50<<20), "")
	for _, n := range []string{"a", "b", "c"} {
		if _, err := appendFn(fd, vm.ToValue(n), big); err != nil {
			t.Fatal(err)
		}
	}
	_ = vm.Set("serialize", func(call goja.FunctionCall) goja.Value {
		api.FormDataBody(call.Argument(0))
		return goja.Undefined()
	})
	_ = vm.Set("bigForm", fd)
	v := run(t, vm, `try { serialize(bigForm); 'no error' } catch (e) { e.name + ': ' + e.message }`)
	if !strings.HasPrefix(v.String(), "RangeError: FormData size ") || !strings.HasSuffix(v.String(), " exceeds limit 134217728") {
		t.Errorf("serialising 150 MiB: %s", v)
	}
}

// TestParseLinearTime feeds 4 MiB bodies shaped to make a careless parser quadratic (folded
// headers once took minutes). The bound is loose enough for -race on a slow machine.
func TestParseLinearTime(t *testing.T) {
	_, api := newVM(t)
	const n = 4 << 20
	long := strings.Repeat("y", 2000)
	for _, tc := range []struct {
		name, ctype string
		body        []byte
	}{
		{"dashes", "multipart/form-data; boundary=x", bytes.Repeat([]byte("-x--"), n/4)},
		{"false delimiters", "multipart/form-data; boundary=x", append([]byte("--x\r\nContent-Disposition: form-data; name=a\r\n\r\n"), bytes.Repeat([]byte("\n--xy"), n/5)...)},
		{"many headers", "multipart/form-data; boundary=x", append([]byte("--x\r\n"), bytes.Repeat([]byte("A: b\r\n"), n/6)...)},
		{"escapes", "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"" + strings.Repeat(`\"%22`, n/5) + "\"\r\n\r\n\r\n--x--")},
		{"folded lines", "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=a\r\n" + strings.Repeat(" f\r\n", n/4) + "\r\n\r\n--x--")},
		{"many parameters", "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data" + strings.Repeat("; a=b", n/5) + "; name=a\r\n\r\n\r\n--x--")},
		{"semicolons", "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data" + strings.Repeat(";", n) + "\r\n\r\n\r\n--x--")},
		{"long boundary", "multipart/form-data; boundary=" + long, bytes.Repeat([]byte("--"+long[:1999]+"z"), n/2001)},
		{"long content type", "multipart/form-data; boundary=x" + strings.Repeat(";a=b", n/4), []byte("--x--")},
		{"urlencoded", "application/x-www-form-urlencoded", bytes.Repeat([]byte("%41+="), n/5)},
	} {
		start := time.Now()
		_, err := api.ParseFormData(tc.ctype, tc.body)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: %v (err %v)", tc.name, d, err)
		}
	}
}
