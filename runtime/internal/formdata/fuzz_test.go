package formdata_test

import (
	"bytes"
	"errors"
	"mime/multipart"
	"testing"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/formdata"
)

// FuzzParseFormData: ParseFormData never panics, fails only with a *formdata.Error, and what it
// accepts can be serialised and parsed again. The first cycle may normalise (a File without a
// type is sent as application/octet-stream); after it, cycles change nothing.
func FuzzParseFormData(f *testing.F) {
	var gw bytes.Buffer
	w := multipart.NewWriter(&gw)
	_ = w.SetBoundary("gobound")
	_ = w.WriteField("a", "1")
	fw, _ := w.CreateFormFile("f", `x"y.txt`)
	_, _ = fw.Write([]byte("\x00\xff\r\n--"))
	_ = w.Close()
	seeds := []struct{ ctype, body string }{
		{"multipart/form-data; boundary=gobound", gw.String()},
		{"multipart/form-data; boundary=xx", "--xx\r\nContent-Disposition: form-data; name=\"a%22\"; filename=\"b\\\"c\"\r\nContent-Type: text/plain\r\n\r\nA\r\n--xx--"},
		{"multipart/form-data; boundary=xx", "--xx\nContent-Disposition: form-data; name=a\n\n\n--xx--"},
		{"multipart/form-data; boundary=xx", "--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"},
		{"multipart/form-data; boundary=\"x;y\"", "--x;y--"},
		{"multipart/form-data; boundary=x", "--x \t\r\n\r\n--x--"},
		{"application/x-www-form-urlencoded", "a=1&b=%zz&c=%C3%A9+x&&="},
		{"application/x-www-form-urlencoded;charset=\"latin1\"", "a=1"},
		{"text/plain", ""},
		{" multipart/form-data ;; boundary = x ; boundary=y", "--y--"},
	}
	for _, s := range seeds {
		f.Add(s.ctype, []byte(s.body))
	}
	vm, api := newVM(f)
	f.Fuzz(func(t *testing.T, ctype string, body []byte) {
		fd, err := api.ParseFormData(ctype, body)
		if err != nil {
			var fe *formdata.Error
			if !errors.As(err, &fe) || (fe.Class != "TypeError" && fe.Class != "RangeError") || fe.Message == "" {
				t.Fatalf("unexpected error %#v", err)
			}
			return
		}
		cycle := func(fd *goja.Object) *goja.Object {
			out, ct, ok := api.FormDataBody(fd)
			if !ok {
				t.Fatal("FormDataBody rejected a parsed FormData")
			}
			again, err := api.ParseFormData(ct, out)
			if err != nil {
				t.Fatalf("re-parsing our own body: %v\n%q", err, out)
			}
			return again
		}
		once := cycle(fd)
		want := jsEntries(t, vm, once)
		if got := jsEntries(t, vm, cycle(once)); got != want {
			t.Fatalf("round trip changed the entries:\n got %q\nwant %q", got, want)
		}
	})
}
