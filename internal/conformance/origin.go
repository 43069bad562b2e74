package conformance

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httputil"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	wu "github.com/nlnwa/whatwg-url/url"
)

// Origin replicates run.mjs's loopback origin server (startOrigin), byte for byte where a worker
// can observe it: the routes, status lines with Node's reason phrases, header order and case,
// Date, Connection/Keep-Alive, chunked framing, and /echo's JSON of what the request carried
// (Node's rules for repeated request headers). Goldens record values read from this server.
type Origin struct {
	Base string // http://127.0.0.1:PORT

	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	done  chan struct{}
}

// StartOrigin listens on a free loopback port.
func StartOrigin() (*Origin, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	o := &Origin{ln: ln, Base: "http://" + ln.Addr().String(), conns: map[net.Conn]struct{}{}, done: make(chan struct{})}
	o.wg.Add(1)
	go o.accept()
	return o, nil
}

// Close stops the server and drops open connections.
func (o *Origin) Close() {
	close(o.done)
	o.ln.Close()
	o.mu.Lock()
	for c := range o.conns {
		c.Close()
	}
	o.mu.Unlock()
	o.wg.Wait()
}

func (o *Origin) accept() {
	defer o.wg.Done()
	for {
		c, err := o.ln.Accept()
		if err != nil {
			return
		}
		o.mu.Lock()
		o.conns[c] = struct{}{}
		o.mu.Unlock()
		o.wg.Add(1)
		go func() {
			defer o.wg.Done()
			o.serveConn(c)
			o.mu.Lock()
			delete(o.conns, c)
			o.mu.Unlock()
			c.Close()
		}()
	}
}

// originRequest is a parsed request as Node's http server sees it.
type originRequest struct {
	method    string
	target    string
	proto     string
	rawNames  []string
	rawValues []string
	body      []byte
}

func (r *originRequest) get(name string) (string, bool) {
	for i, n := range r.rawNames {
		if strings.EqualFold(n, name) {
			return r.rawValues[i], true
		}
	}
	return "", false
}

// keepAlive: HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
func (r *originRequest) keepAlive() bool {
	conn, _ := r.get("connection")
	tokens := strings.Split(strings.ToLower(conn), ",")
	has := func(t string) bool {
		for _, x := range tokens {
			if strings.TrimSpace(x) == t {
				return true
			}
		}
		return false
	}
	if r.proto == "HTTP/1.0" {
		return has("keep-alive")
	}
	return !has("close")
}

func (o *Origin) serveConn(c net.Conn) {
	br := bufio.NewReader(c)
	for {
		// Node's default keepAliveTimeout is 5 s.
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		req, err := readOriginRequest(br, c)
		if err != nil {
			if err != io.EOF && !isTimeout(err) {
				_, _ = c.Write([]byte("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"))
			}
			return
		}
		_ = c.SetReadDeadline(time.Time{})
		if !o.handle(c, br, req) {
			return
		}
	}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

func readOriginRequest(br *bufio.Reader, c net.Conn) (*originRequest, error) {
	line, err := readLine(br)
	for err == nil && line == "" { // tolerate stray CRLFs between requests
		line, err = readLine(br)
	}
	if err != nil {
		return nil, err
	}
	parts := strings.Split(line, " ")
	if len(parts) != 3 {
		return nil, fmt.Errorf("bad request line %q", line)
	}
	r := &originRequest{method: parts[0], target: parts[1], proto: parts[2]}
	for {
		hl, err := readLine(br)
		if err != nil {
			return nil, err
		}
		if hl == "" {
			break
		}
		name, value, ok := strings.Cut(hl, ":")
		if !ok {
			return nil, fmt.Errorf("bad header line %q", hl)
		}
		r.rawNames = append(r.rawNames, name)
		r.rawValues = append(r.rawValues, strings.Trim(value, " \t"))
	}
	if exp, ok := r.get("expect"); ok && strings.EqualFold(exp, "100-continue") {
		_, _ = c.Write([]byte("HTTP/1.1 100 Continue\r\n\r\n"))
	}
	var body io.Reader
	te, hasTE := r.get("transfer-encoding")
	cl, hasCL := r.get("content-length")
	switch {
	case hasTE && strings.EqualFold(strings.TrimSpace(lastToken(te)), "chunked"):
		body = httputil.NewChunkedReader(br)
	case hasCL:
		n, err := strconv.ParseInt(strings.TrimSpace(cl), 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad content-length")
		}
		body = io.LimitReader(br, n)
	default:
		body = bytes.NewReader(nil)
	}
	r.body, err = io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	if hasTE {
		// the chunked reader stops at the last chunk; consume the (empty) trailer section
		for {
			tl, err := readLine(br)
			if err != nil || tl == "" {
				break
			}
		}
	}
	return r, nil
}

// Node's http.STATUS_CODES.
var nodeStatusText = map[int]string{
	100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
	200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
	205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
	300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
	305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
	400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
	405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout",
	409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed", 413: "Payload Too Large",
	414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed",
	418: "I'm a Teapot", 421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked",
	424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
	429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
	500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
	504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
	507: "Insufficient Storage", 508: "Loop Detected", 509: "Bandwidth Limit Exceeded", 510: "Not Extended",
	511: "Network Authentication Required",
}

// originPage is /page's body.
const originPage = `<!doctype html><html><head><title>Origin Page</title></head><body><h1 id="title">Hello from origin</h1>` +
	`<p class="msg">origin text</p><a href="/old/link">link</a><script>var x = "origin";</script></body></html>`

// originGzip is zlib.gzipSync(Buffer.from("this body was gzip-compressed by the origin ".repeat(20)))
// as Node produces it (Go's compress/gzip would produce different bytes, and goldens hash them).
var originGzip, _ = hex.DecodeString("1f8b08000000000000032bc9c82c5648ca4fa954284f2c5648afca2cd04dcecf2d284a2d2e4e4d5148aa5428c94855c82fca4ccfcc532819553baa76542d456a01de3d645970030000")

type hdr struct{ k, v string }

// respWriter writes a response the way Node's ServerResponse does after res.writeHead().
type respWriter struct {
	c         net.Conn
	req       *originRequest
	status    int
	headers   []hdr
	sent      bool
	chunked   bool
	hasBody   bool
	keepAlive bool
}

func (o *Origin) newResp(c net.Conn, req *originRequest, status int, headers []hdr) *respWriter {
	return &respWriter{c: c, req: req, status: status, headers: headers, keepAlive: req.keepAlive(),
		hasBody: req.method != "HEAD" && status != 204 && status != 304 && !(status >= 100 && status < 200)}
}

// writeHeader flushes the status line and headers; contentLength < 0 means unknown.
func (w *respWriter) writeHeader() error {
	if w.sent {
		return nil
	}
	w.sent = true
	var b bytes.Buffer
	text, ok := nodeStatusText[w.status]
	if !ok {
		text = "unknown"
	}
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", w.status, text)
	hasCL, hasTE, hasDate, hasConn := false, false, false, false
	for _, h := range w.headers {
		b.Write(toLatin1Bytes(h.k))
		b.WriteString(": ")
		b.Write(toLatin1Bytes(h.v))
		b.WriteString("\r\n")
		switch strings.ToLower(h.k) {
		case "content-length":
			hasCL = true
		case "transfer-encoding":
			hasTE = true
		case "date":
			hasDate = true
		case "connection":
			hasConn = true
		}
	}
	http10 := w.req.proto == "HTTP/1.0"
	if http10 && w.hasBody && !hasCL && !hasTE {
		w.keepAlive = false // Node ends an HTTP/1.0 body of unknown length by closing
	}
	if !hasDate {
		b.WriteString("Date: " + time.Now().UTC().Format(http.TimeFormat) + "\r\n")
	}
	if !hasConn {
		if w.keepAlive {
			b.WriteString("Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n")
		} else {
			b.WriteString("Connection: close\r\n")
		}
	}
	if w.hasBody && !hasCL && !hasTE && !http10 {
		b.WriteString("Transfer-Encoding: chunked\r\n")
		w.chunked = true
	}
	b.WriteString("\r\n")
	_, err := w.c.Write(b.Bytes())
	return err
}

func (w *respWriter) write(p []byte) error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	if !w.hasBody || len(p) == 0 {
		return nil
	}
	if w.chunked {
		var b bytes.Buffer
		fmt.Fprintf(&b, "%x\r\n", len(p))
		b.Write(p)
		b.WriteString("\r\n")
		_, err := w.c.Write(b.Bytes())
		return err
	}
	_, err := w.c.Write(p)
	return err
}

func (w *respWriter) end(p []byte) error {
	if err := w.write(p); err != nil {
		return err
	}
	if w.chunked {
		_, err := w.c.Write([]byte("0\r\n\r\n"))
		return err
	}
	return nil
}

// handle answers one request; false means the connection must be closed (as Node would).
func (o *Origin) handle(c net.Conn, br *bufio.Reader, req *originRequest) bool {
	target := latin1([]byte(req.target))
	u, err := wu.ParseRef("http://origin.invalid", target)
	if err != nil {
		return false
	}
	p := u.Pathname()
	send := func(status int, headers []hdr, data []byte) bool {
		w := o.newResp(c, req, status, headers)
		return w.end(data) == nil && w.keepAlive
	}
	switch {
	case p == "/page":
		return send(200, []hdr{
			{"content-type", "text/html; charset=utf-8"},
			{"server", "test-origin/1.0"},
			{"x-origin-header", "origin-value"},
			{"cache-control", "max-age=60"},
			{"set-cookie", "a=1; Path=/"},
			{"set-cookie", "b=2; Path=/; HttpOnly"},
		}, []byte(originPage))
	case p == "/json":
		return send(200, []hdr{{"content-type", "application/json"}}, []byte(`{"origin":true,"items":[1,2,3],"name":"origin-json"}`))
	case p == "/echo":
		return send(200, []hdr{{"content-type", "application/json"}, {"x-echo", "1"}}, []byte(echoJSON(req, p, u.Search())))
	case strings.HasPrefix(p, "/status/"):
		f := jsNumberFromString(p[8:])
		if math.IsNaN(f) || f == 0 {
			f = 500
		}
		if f != math.Trunc(f) || f < 100 || f > 999 {
			return false // Node's writeHead throws here
		}
		code := int(f)
		var data []byte
		if code != 204 && code != 304 {
			data = []byte(fmt.Sprintf("origin status %d", code))
		}
		return send(code, []hdr{{"content-type", "text/plain"}, {"x-origin-status", strconv.Itoa(code)}}, data)
	case p == "/redirect":
		return send(302, []hdr{{"location", "/json"}, {"content-type", "text/plain"}}, []byte("redirecting"))
	case p == "/gzip":
		return send(200, []hdr{{"content-type", "text/plain"}, {"content-encoding", "gzip"}, {"content-length", strconv.Itoa(len(originGzip))}}, originGzip)
	case p == "/slow":
		if !o.wait(c, br, 3*time.Second) {
			return false // the client went away; Node clears the timer
		}
		return send(200, []hdr{{"content-type", "text/plain"}}, []byte("slow done"))
	case p == "/chunked":
		w := o.newResp(c, req, 200, []hdr{{"content-type", "text/plain"}})
		for i := 0; i < 5; i++ {
			select {
			case <-time.After(50 * time.Millisecond):
			case <-o.done:
				return false
			}
			if w.write([]byte(fmt.Sprintf("part%d ", i))) != nil {
				return false
			}
		}
		return w.end([]byte("end")) == nil && w.keepAlive
	}
	return send(404, []hdr{{"content-type", "text/plain"}}, []byte("origin: no route "+p))
}

// wait sleeps for d unless the peer closes the connection first (false). It watches with Peek,
// so bytes of a pipelined request stay buffered for the next read.
func (o *Origin) wait(c net.Conn, br *bufio.Reader, d time.Duration) bool {
	peeked := make(chan error, 1)
	go func() {
		_, err := br.Peek(1)
		peeked <- err
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	stopPeek := func() {
		_ = c.SetReadDeadline(time.Unix(1, 0))
		<-peeked
		_ = c.SetReadDeadline(time.Time{})
	}
	select {
	case <-timer.C:
		stopPeek()
		return true
	case err := <-peeked:
		if err != nil {
			return false
		}
		select { // more data (a pipelined request): answer this one first
		case <-timer.C:
			return true
		case <-o.done:
			return false
		}
	case <-o.done:
		stopPeek()
		return false
	}
}

// nodeHeaderRule is how Node's IncomingMessage.headers combines a repeated header.
func nodeHeaderRule(k string) string {
	switch k {
	case "set-cookie":
		return "array"
	case "cookie":
		return "semicolon"
	case "age", "authorization", "content-length", "content-type", "etag", "expires", "from", "host",
		"if-modified-since", "if-unmodified-since", "last-modified", "location", "max-forwards",
		"proxy-authorization", "referer", "retry-after", "server", "user-agent":
		return "first"
	}
	return "comma"
}

// echoJSON is /echo's body: JSON.stringify({method, path, query, headers, body, bodyLength}).
func echoJSON(req *originRequest, path, search string) string {
	headers := map[string]any{}
	for i, n := range req.rawNames {
		k := strings.ToLower(n)
		v := latin1([]byte(req.rawValues[i]))
		old, seen := headers[k]
		switch rule := nodeHeaderRule(k); {
		case !seen && rule == "array":
			headers[k] = []string{v}
		case !seen:
			headers[k] = v
		case rule == "array":
			headers[k] = append(old.([]string), v)
		case rule == "semicolon":
			headers[k] = old.(string) + "; " + v
		case rule == "comma":
			headers[k] = old.(string) + ", " + v
		}
	}
	keys := make([]string, 0, len(headers))
	for k := range headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(`{"method":` + jsQuote(latin1([]byte(req.method))))
	b.WriteString(`,"path":` + jsQuote(path))
	b.WriteString(`,"query":` + jsQuote(search))
	b.WriteString(`,"headers":{`)
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsQuote(k) + ":")
		switch v := headers[k].(type) {
		case string:
			b.WriteString(jsQuote(v))
		case []string:
			b.WriteByte('[')
			for j, s := range v {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(jsQuote(s))
			}
			b.WriteByte(']')
		}
	}
	b.WriteString(`},"body":` + jsQuote(decodeUTF8(req.body)))
	b.WriteString(`,"bodyLength":` + strconv.Itoa(len(req.body)) + `}`)
	return b.String()
}
