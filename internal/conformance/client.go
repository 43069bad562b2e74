package conformance

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http/httputil"
	"strconv"
	"strings"
	"time"

	wu "github.com/nlnwa/whatwg-url/url"
)

// Response is what one request produced, in run.mjs's terms: header names lowercased, repeated
// headers joined with ", " except set-cookie (a list), values as Node's latin1 strings.
type Response struct {
	Err          string // the request failed as a whole
	Status       int
	Headers      map[string]any // string, or []string for set-cookie
	Body         []byte
	FirstChunkAt time.Duration // -1: no body bytes arrived
	Total        time.Duration
}

// outHeader is one header line as Node's http.request would write it.
type outHeader struct {
	name   string
	values []string
}

// Do sends q to base the way run.mjs's doRequest does (Node http.request with agent:false): a new
// connection, the case's headers in order, then Host, Connection: close and the body framing
// Node picks. It never follows redirects and sends no Accept-Encoding.
func Do(base string, q *Request, vars Vars, timeout time.Duration) *Response {
	t0 := time.Now()
	fail := func(format string, a ...any) *Response {
		return &Response{Err: fmt.Sprintf(format, a...), Total: time.Since(t0), FirstChunkAt: -1}
	}
	u, err := wu.ParseRef(base, vars.substitute(q.Path))
	if err != nil {
		return fail("request error: invalid URL: %v", err)
	}
	body, err := buildBody(q.Body, vars)
	if err != nil {
		return fail("request error: %v", err)
	}
	method := strings.ToUpper(q.Method) // Node's ClientRequest upper-cases the method
	if method == "" {
		method = "GET"
	}

	// Node keeps one entry per lowercased name, at the position of its first use.
	var hdrs []*outHeader
	index := map[string]*outHeader{}
	set := func(name string, values []string) {
		lk := strings.ToLower(name)
		if h, ok := index[lk]; ok {
			h.name, h.values = name, values
			return
		}
		h := &outHeader{name: name, values: values}
		index[lk] = h
		hdrs = append(hdrs, h)
	}
	for _, h := range q.Headers {
		vals := h.Values
		if h.IsText {
			vals = []string{vars.substitute(h.Values[0])}
		}
		set(h.Name, vals)
	}
	if body != nil {
		if index["content-length"] == nil && index["transfer-encoding"] == nil {
			set("content-length", []string{strconv.Itoa(len(body))})
		}
	}
	port := u.Port()
	if port == "" {
		port = "80"
	}
	if index["host"] == nil {
		hostHeader := "127.0.0.1"
		if port != "80" {
			hostHeader += ":" + port
		}
		set("Host", []string{hostHeader})
	}
	var req bytes.Buffer
	req.WriteString(method + " " + u.Pathname() + u.Search() + " HTTP/1.1\r\n")
	for _, h := range hdrs {
		for _, v := range h.values {
			req.Write(toLatin1Bytes(h.name))
			req.WriteString(": ")
			req.Write(toLatin1Bytes(v))
			req.WriteString("\r\n")
		}
	}
	if index["connection"] == nil {
		req.WriteString("Connection: close\r\n")
	}
	chunked := false
	if te := index["transfer-encoding"]; te != nil {
		chunked = strings.EqualFold(strings.TrimSpace(te.values[len(te.values)-1]), "chunked")
	} else if index["content-length"] == nil && body == nil && !noBodyByDefault(method) {
		// Node's end() without data on a method that may carry a body
		req.WriteString("Content-Length: 0\r\n")
	}
	req.WriteString("\r\n")
	if body != nil {
		if chunked {
			if len(body) > 0 {
				fmt.Fprintf(&req, "%x\r\n", len(body))
				req.Write(body)
				req.WriteString("\r\n")
			}
		} else {
			req.Write(body)
		}
	}
	if chunked {
		req.WriteString("0\r\n\r\n")
	}

	deadline := t0.Add(timeout)
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", port), timeout)
	if err != nil {
		return fail("request error: %v", errCode(err))
	}
	defer conn.Close()
	_ = conn.SetDeadline(deadline)
	// Write while reading: a worker may stream its answer before it has read the whole body.
	go func() { _, _ = conn.Write(req.Bytes()) }()

	br := bufio.NewReaderSize(conn, 64<<10)
	r, err := readResponse(br, method == "HEAD", t0)
	if err != nil {
		if !time.Now().Before(deadline) {
			return fail("timeout after %d ms", timeout.Milliseconds())
		}
		return fail("%v", err)
	}
	r.Total = time.Since(t0)
	return r
}

// noBodyByDefault mirrors Node's useChunkedEncodingByDefault = false.
func noBodyByDefault(method string) bool {
	switch method {
	case "GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT":
		return true
	}
	return false
}

func errCode(err error) string {
	s := err.Error()
	switch {
	case strings.Contains(s, "connection refused"):
		return "ECONNREFUSED"
	case strings.Contains(s, "connection reset"):
		return "ECONNRESET"
	}
	return s
}

// readResponse parses one HTTP/1.x response, skipping 1xx interim responses (except 101).
func readResponse(br *bufio.Reader, head bool, t0 time.Time) (*Response, error) {
	for {
		line, err := readLine(br)
		if err != nil {
			if err == io.EOF {
				return nil, fmt.Errorf("request error: socket hang up")
			}
			return nil, fmt.Errorf("request error: %v", errCode(err))
		}
		proto, rest, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(proto, "HTTP/1.") {
			return nil, fmt.Errorf("request error: bad status line %q", line)
		}
		codeStr, _, _ := strings.Cut(rest, " ")
		status, err := strconv.Atoi(codeStr)
		if err != nil {
			return nil, fmt.Errorf("request error: bad status line %q", line)
		}
		r := &Response{Status: status, Headers: map[string]any{}, FirstChunkAt: -1}
		var rawNames []string
		var rawValues []string
		for {
			hl, err := readLine(br)
			if err != nil {
				return nil, fmt.Errorf("response error: %v", errCode(err))
			}
			if hl == "" {
				break
			}
			name, value, ok := strings.Cut(hl, ":")
			if !ok {
				return nil, fmt.Errorf("request error: bad header line %q", hl)
			}
			rawNames = append(rawNames, name)
			rawValues = append(rawValues, strings.Trim(value, " \t"))
		}
		if status >= 100 && status < 200 && status != 101 {
			continue // 100 Continue, 103 Early Hints: the final response follows
		}
		var te, cl string
		haveCL := false
		for i, n := range rawNames {
			k := strings.ToLower(n)
			v := latin1([]byte(rawValues[i]))
			if old, ok := r.Headers[k]; ok {
				if k == "set-cookie" {
					r.Headers[k] = append(old.([]string), v)
				} else {
					r.Headers[k] = old.(string) + ", " + v
				}
			} else if k == "set-cookie" {
				r.Headers[k] = []string{v}
			} else {
				r.Headers[k] = v
			}
			switch k {
			case "transfer-encoding":
				te = rawValues[i]
			case "content-length":
				cl, haveCL = rawValues[i], true
			}
		}
		var body io.Reader
		want := int64(-1)
		switch {
		case head || status == 204 || status == 304 || (status >= 100 && status < 200):
			body = bytes.NewReader(nil)
		case te != "" && strings.EqualFold(strings.TrimSpace(lastToken(te)), "chunked"):
			body = httputil.NewChunkedReader(br)
		case haveCL:
			n, err := strconv.ParseInt(strings.TrimSpace(cl), 10, 64)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("response error: bad content-length %q", cl)
			}
			body = io.LimitReader(br, n)
			want = n
		default:
			body = br // until the connection closes
		}
		var buf bytes.Buffer
		p := make([]byte, 32<<10)
		for {
			n, err := body.Read(p)
			if n > 0 {
				if r.FirstChunkAt < 0 {
					r.FirstChunkAt = time.Since(t0)
				}
				buf.Write(p[:n])
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("response error: %v", errCode(err))
			}
		}
		if want >= 0 && int64(buf.Len()) < want {
			return nil, fmt.Errorf("response aborted")
		}
		r.Body = buf.Bytes()
		return r, nil
	}
}

func lastToken(te string) string {
	parts := strings.Split(te, ",")
	return parts[len(parts)-1]
}

// readLine reads one CRLF- (or LF-) terminated line without the terminator.
func readLine(br *bufio.Reader) (string, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		if err == io.EOF && line != "" {
			return "", io.ErrUnexpectedEOF
		}
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
