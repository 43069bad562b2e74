package runtime_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// marshal renders v as compact JSON without HTML escaping.
func marshal(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

// checksPrelude is the self-checking worker pattern of the conformance suite: each named
// check returns a value; errors are recorded as "Name: message".
const checksPrelude = `
async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}
const thrown = async (fn) => { try { await fn(); return "no error"; } catch (e) { return e?.name + ": " + e?.message; } };
const readText = async (readable) => { let s = ""; for await (const c of readable) s += c; return s; };
`

func runChecks(t *testing.T, body string, want map[string]string) {
	t.Helper()
	w := startJS(t, checksPrelude+"export default { async fetch(request, env, ctx) { return run({"+body+"}); } }")
	r := get(t, w.URL+"/")
	var got map[string]any
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	for k, v := range want {
		g := marshal(got[k])
		if g != v {
			t.Errorf("%s = %s, want %s", k, g, v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d checks, want %d", len(got), len(want))
	}
}

func TestGlobalScopeAPIs(t *testing.T) {
	runChecks(t, `
    "textEncoderStream": async () => { const ts = new TextEncoderStream(); const w = ts.writable.getWriter(); w.write("a☃"); w.write("\ud83d"); w.write("\ude00"); w.close(); const chunks = []; for await (const c of ts.readable) chunks.push([...c]); return chunks; },
    "textDecoderStream": async () => { const ts = new TextDecoderStream(); const w = ts.writable.getWriter(); w.write(new Uint8Array([0xe2, 0x98])); w.write(new Uint8Array([0x83, 0x41])); w.close(); return readText(ts.readable); },
    "encoder": () => [...new TextEncoder().encode("é☃")],
    "decoder": () => new TextDecoder().decode(new Uint8Array([0xf0, 0x9f, 0x98, 0x80, 0xff])),
    "atob": () => atob(" aGVs bG8= "),
    "btoa": () => btoa("hello"),
    "btoaError": () => thrown(() => btoa("☃")),
    "url": () => { const u = new URL("../d?y=2#h", "https://a.b:8443/b/c/e"); return [u.href, u.origin, u.searchParams.get("y")]; },
    "urlInvalid": () => thrown(() => new URL("no scheme")),
    "clone": () => { const o = { a: [1, { b: new Date(0) }], m: new Map([[1, 2]]) }; o.self = o; const c = structuredClone(o); return [c !== o, c.self === c, c.a[1].b instanceof Date, c.m.get(1)]; },
    "cloneError": () => thrown(() => structuredClone(() => 1)),
    "uuid": () => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
    "random": () => { const a = crypto.getRandomValues(new Uint8Array(32)); return a.some((x) => x !== 0); },
    "randomTooBig": () => thrown(() => crypto.getRandomValues(new Uint8Array(65537))),
    "eval": () => thrown(() => eval("1")),
    "newFunction": () => thrown(() => new Function("return 1")),
    "functionInstanceof": () => (() => 1) instanceof Function,
    "navigator": () => navigator.userAgent,
    "abort": () => { const c = new AbortController(); c.abort(); return [c.signal.aborted, c.signal.reason.name]; },
    "requestSignal": () => typeof request.signal.aborted,
    "schedulerWait": async () => { const t = Date.now(); await scheduler.wait(20); const c = new AbortController(); const p = scheduler.wait(10000, { signal: c.signal }); c.abort(); return [Date.now() - t >= 15, await thrown(() => p)]; },
    "timerId": () => { const id = setTimeout(() => {}, 1000); clearTimeout(id); return typeof id; },
    "headersIteration": () => { const h = new Headers({ B: "2", a: "1", "set-cookie": "x=1" }); h.append("set-cookie", "y=2"); h.append("a", "3"); return [...h]; },
    "headersGetSetCookie": () => { const h = new Headers([["Set-Cookie", "a=1"], ["set-cookie", "b=2"]]); return [h.getSetCookie(), h.get("set-cookie")]; },
    "headersInvalid": () => thrown(() => new Headers({ "bad name": "x" })),
    "headersWithoutNew": () => thrown(() => Headers.call({})),
    "responseStatusRange": () => thrown(() => new Response("x", { status: 99 })),
    "redirectStatus": () => thrown(() => Response.redirect("https://x.y/", 200)),
    "withResolvers": async () => { const { promise, resolve } = Promise.withResolvers(); resolve(5); return promise; },
    "esGaps": async () => [Object.groupBy([1, 2, 3], (x) => (x % 2 ? "odd" : "even")).odd, [...Map.groupBy([1, 2], (x) => x > 1).keys()], await Array.fromAsync(new Response("ab").body, (c) => c.length), [1, 2, 3].values().map((x) => x * 2).toArray()],
    "compression": async () => { const z = new Response("hello hello hello").body.pipeThrough(new CompressionStream("gzip")); return new Response(z.pipeThrough(new DecompressionStream("gzip"))).text(); },
    "urlPattern": () => { const p = new URLPattern({ pathname: "/users/:id(\\d+)" }); return [p.test("https://x/users/42"), p.exec("https://x/users/42").pathname.groups.id, p.test("https://x/users/ab")]; },
    "intl": () => [new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(1234.5), (1234.5).toLocaleString("de-DE"), new Date(Date.UTC(2024, 0, 2)).toLocaleDateString("en-US", { timeZone: "UTC" }), new Intl.PluralRules("en").select(1)],
    "asyncIteratorSymbol": () => typeof Symbol.asyncIterator,
    "consoleMethods": () => ["log", "info", "warn", "error", "debug"].every((m) => typeof console[m] === "function"),
    "performance": () => typeof performance.now(),
    "prototypeAccessors": () => [Object.getOwnPropertyNames(request).length, "url" in request, Object.getOwnPropertyDescriptor(Request.prototype, "url").get !== undefined],
    "toStringTags": () => [String(new Headers()), String(request), String(new Response())],
`, map[string]string{
		"textEncoderStream":   `[[97,226,152,131],[240,159,152,128]]`,
		"textDecoderStream":   `"☃A"`,
		"encoder":             `[195,169,226,152,131]`,
		"decoder":             `"😀�"`,
		"atob":                `"hello"`,
		"btoa":                `"aGVsbG8="`,
		"btoaError":           `"InvalidCharacterError: btoa() can only operate on characters in the Latin1 (ISO/IEC 8859-1) range."`,
		"url":                 `["https://a.b:8443/b/d?y=2#h","https://a.b:8443","2"]`,
		"urlInvalid":          `"TypeError: Invalid URL string."`,
		"clone":               `[true,true,true,2]`,
		"cloneError":          `"DataCloneError: () => 1 could not be cloned."`,
		"uuid":                `true`,
		"random":              `true`,
		"randomTooBig":        `"QuotaExceededError: getRandomValues() only accepts buffers of size <= 64K but provided 65537 bytes."`,
		"eval":                `"EvalError: Code generation from strings disallowed for this context"`,
		"newFunction":         `"EvalError: Code generation from strings disallowed for this context"`,
		"functionInstanceof":  `true`,
		"navigator":           `"Cloudflare-Workers"`,
		"abort":               `[true,"AbortError"]`,
		"requestSignal":       `"boolean"`,
		"timerId":             `"number"`,
		"schedulerWait":       `[true,"AbortError: The operation was aborted"]`,
		"headersIteration":    `[["a","1, 3"],["b","2"],["set-cookie","x=1"],["set-cookie","y=2"]]`,
		"headersGetSetCookie": `[["a=1","b=2"],"a=1, b=2"]`,
		"headersInvalid":      `"TypeError: Invalid header name."`,
		"headersWithoutNew":   `"TypeError: Failed to construct 'Headers': Please use the 'new' operator, this object constructor cannot be called as a function."`,
		"responseStatusRange": `"RangeError: Responses may only be constructed with status codes in the range 200 to 599, inclusive."`,
		"redirectStatus":      `"RangeError: 200 is not a redirect status code. It must be one of: 301, 302, 303, 307, or 308."`,
		"withResolvers":       `5`,
		"asyncIteratorSymbol": `"symbol"`,
		"intl":                `["$1,234.50","1.234,5","1/2/2024","one"]`,
		"compression":         `"hello hello hello"`,
		"urlPattern":          `[true,"42",false]`,
		"esGaps":              `[[1,3],[false,true],[2],[2,4,6]]`,
		"consoleMethods":      `true`,
		"performance":         `"number"`,
		"prototypeAccessors":  `[0,true,true]`,
		"toStringTags":        `["[object Headers]","[object Request]","[object Response]"]`,
	})
}

func TestIncomingRequestCF(t *testing.T) {
	w := startJS(t, `export default { fetch(req) { return Response.json([typeof req.cf, req.cf.httpProtocol, req.cf.clientAcceptEncoding, req.cf === req.cf, typeof new Request("https://x/").cf]) } }`)
	if r := get(t, w.URL+"/", "Accept-Encoding", "gzip, br"); r.body != `["object","HTTP/1.1","gzip, br",true,"undefined"]` {
		t.Fatalf("got %s", r.body)
	}
}

func TestBlobAndFormDataBodies(t *testing.T) {
	w := startJS(t, `export default { async fetch(req) {
  const p = new URL(req.url).pathname;
  if (p === "/echo-form") {
    const fd = await req.formData();
    const f = fd.get("file");
    return Response.json({ name: fd.get("name"), file: [f instanceof File, f.name, f.type, await f.text()], all: [...fd.keys()] });
  }
  if (p === "/make-form") { const fd = new FormData(); fd.append("a", "1"); fd.append("f", new Blob(["xyz"], { type: "text/plain" }), "x.txt"); const r = new Response(fd); const back = await r.formData(); return Response.json([r.headers.get("content-type").startsWith("multipart/form-data; boundary="), back.get("a"), await back.get("f").text()]); }
  if (p === "/blob") { const b = new Blob(["hello ", new Uint8Array([119, 111])], { type: "Text/Plain" }); return new Response(b); }
  if (p === "/urlencoded") { const fd = await new Request("https://x/", { method: "POST", body: new URLSearchParams("a=1&b=%C3%A9") }).formData(); return Response.json([...fd]); }
  if (p === "/blob-method") { const b = await new Response("abc", { headers: { "content-type": "x/y" } }).blob(); return Response.json([b.size, b.type, await b.text()]); }
  if (p === "/bad") { try { await new Response("x", { headers: { "content-type": "text/plain" } }).formData(); } catch (e) { return new Response(e.name); } }
  return new Response("nf");
} }`)
	body := "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nalice\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nfile body\r\n--XyZ--\r\n"
	r := do(t, "POST", w.URL+"/echo-form", strings.NewReader(body), "Content-Type", "multipart/form-data; boundary=XyZ")
	if r.body != `{"name":"alice","file":[true,"a.txt","text/plain","file body"],"all":["name","file"]}` {
		t.Errorf("echo-form: %d %s", r.status, r.body)
	}
	for path, want := range map[string]string{
		"/make-form":   `[true,"1","xyz"]`,
		"/blob":        "hello wo",
		"/urlencoded":  `[["a","1"],["b","é"]]`,
		"/blob-method": `[3,"x/y","abc"]`,
		"/bad":         "TypeError",
	} {
		if r := get(t, w.URL+path); r.body != want {
			t.Errorf("%s: %d %s, want %s", path, r.status, r.body, want)
		}
	}
	if r := get(t, w.URL+"/blob"); r.header.Get("Content-Type") != "text/plain" {
		t.Errorf("blob content-type %q", r.header.Get("Content-Type"))
	}
}
