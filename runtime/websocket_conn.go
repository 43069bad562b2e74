package runtime

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/coder/websocket"
	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/dom"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// The network side of WebSockets: upgrading an incoming request when the worker answers with a
// 101 Response, dialling upstream for fetch() with "Upgrade: websocket" and new WebSocket(url),
// and the goroutines that move frames. github.com/coder/websocket does the framing (see
// RATIONALE.md).

// maxWSMessage is the largest message a socket accepts: kj's SUGGESTED_MAX_MESSAGE_SIZE, which
// workerd uses unless the increase_websocket_message_size flag is set.
const maxWSMessage = 1 << 20

const (
	wsAbnormal       = 1006
	wsGoingAway      = 1001
	wsDisconnectText = "WebSocket disconnected without sending Close frame."
)

// wsSink receives what a connection reads, on the reader goroutine. The last message is
// always a close: clean (a Close frame arrived) or not (the connection dropped).
type wsSink interface{ receive(m wsMessage) }

// wsConn is one network WebSocket connection. A writer goroutine sends queued messages (so a
// JS send() never blocks the loop); a reader goroutine, started once the messages have
// somewhere to go, hands them to its sink.
type wsConn struct {
	reg *wsRegistry
	c   *websocket.Conn

	mu       sync.Mutex
	queue    []wsMessage
	finished bool // the writer has exited: later writes are dropped
	wake     chan struct{}
	readDone chan struct{}
	start1   sync.Once
}

// write queues m; a close message makes the writer send the Close frame and stop.
func (c *wsConn) write(m wsMessage) {
	c.mu.Lock()
	if c.finished {
		c.mu.Unlock()
		return
	}
	c.queue = append(c.queue, m)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *wsConn) writeLoop() {
	defer c.reg.wg.Done()
	defer c.reg.remove(c)
	for {
		c.mu.Lock()
		q := c.queue
		c.queue = nil
		c.mu.Unlock()
		for _, m := range q {
			if m.close {
				c.finish()
				// The close handshake: send our Close, wait for the peer's (at most 5 s).
				_ = c.c.Close(websocket.StatusCode(m.code), m.reason)
				return
			}
			// Deviation: close codes 1016-2999 pass close() (as in workerd) but coder/websocket
			// will not put them on the wire and sends 1011 instead.
			typ := websocket.MessageText
			if m.binary {
				typ = websocket.MessageBinary
			}
			if err := c.c.Write(context.Background(), typ, m.data); err != nil {
				c.finish()
				_ = c.c.CloseNow()
				return
			}
		}
		select {
		case <-c.wake:
		case <-c.readDone:
			// The peer closed (coder/websocket answered its Close) or the connection dropped:
			// nothing more can be sent.
			c.finish()
			return
		}
	}
}

func (c *wsConn) finish() {
	c.mu.Lock()
	c.finished = true
	c.queue = nil
	c.mu.Unlock()
}

// start runs the reader for sink; only the first call has an effect.
func (c *wsConn) start(sink wsSink) {
	c.start1.Do(func() {
		c.reg.wg.Add(1)
		go c.readLoop(sink)
	})
}

func (c *wsConn) readLoop(sink wsSink) {
	defer c.reg.wg.Done()
	defer close(c.readDone)
	for {
		typ, data, err := c.c.Read(context.Background())
		if err != nil {
			var ce websocket.CloseError
			if errors.As(err, &ce) {
				sink.receive(wsMessage{close: true, code: int(ce.Code), reason: ce.Reason, clean: true})
			} else {
				sink.receive(wsMessage{close: true, code: wsAbnormal, reason: wsDisconnectText})
			}
			return
		}
		sink.receive(wsMessage{binary: typ == websocket.MessageBinary, data: data})
	}
}

// jsSink delivers to a WebSocket on its isolate's loop.
type jsSink struct{ s *webSocket }

func (j jsSink) receive(m wsMessage) {
	iso := j.s.api.iso
	iso.Post(func() {
		if m.close {
			iso.pending-- // counted when the reader started (readFor)
		}
		j.s.fromNetwork(m)
	})
}

// connSink forwards to another connection: a fetch()ed socket returned in a Response unread.
type connSink struct{ to *wsConn }

func (f connSink) receive(m wsMessage) {
	if m.close && !m.clean {
		_ = f.to.c.CloseNow()
		return
	}
	f.to.write(m)
}

// readFor starts conn's reader toward s. The open connection counts as pending work on the
// isolate, so an invocation awaiting a message is not taken for hung.
func (s *webSocket) readFor(conn *wsConn) {
	s.api.iso.pending++
	conn.start(jsSink{s})
}

// wsRegistry tracks a worker's open connections, so Worker.Close can close them (1001, "going
// away") and wait for their goroutines.
type wsRegistry struct {
	mu      sync.Mutex
	conns   map[*wsConn]struct{}
	closing bool
	wg      sync.WaitGroup
}

// newConn registers c and starts its writer.
func (r *wsRegistry) newConn(c *websocket.Conn) *wsConn {
	c.SetReadLimit(maxWSMessage)
	conn := &wsConn{reg: r, c: c, wake: make(chan struct{}, 1), readDone: make(chan struct{})}
	r.mu.Lock()
	if r.conns == nil {
		r.conns = make(map[*wsConn]struct{})
	}
	r.conns[conn] = struct{}{}
	closing := r.closing
	r.wg.Add(1)
	r.mu.Unlock()
	go conn.writeLoop()
	if closing {
		conn.write(wsMessage{close: true, code: wsGoingAway})
	}
	return conn
}

func (r *wsRegistry) remove(c *wsConn) {
	r.mu.Lock()
	delete(r.conns, c)
	r.mu.Unlock()
}

// closeAll starts the close handshake (1001) on every open connection; connections made later
// are closed as soon as they exist.
func (r *wsRegistry) closeAll() {
	r.mu.Lock()
	r.closing = true
	conns := make([]*wsConn, 0, len(r.conns))
	for c := range r.conns {
		conns = append(conns, c)
	}
	r.mu.Unlock()
	for _, c := range conns {
		c.write(wsMessage{close: true, code: wsGoingAway})
	}
}

// wait waits for every connection goroutine to end, or for ctx.
func (r *wsRegistry) wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		r.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		r.mu.Lock()
		for c := range r.conns {
			_ = c.c.CloseNow()
		}
		r.mu.Unlock()
		return ctx.Err()
	}
}

// closeWebSockets is Worker.Close's first step: network connections get a Close (1001) and
// end their invocations when the handshake completes; sockets that only talk to their pair
// inside an isolate stop holding their invocations.
func (w *Worker) closeWebSockets() {
	w.sockets.closeAll()
	for _, iso := range w.all() {
		iso.Post(func() {
			for s := range iso.cls.ws.held {
				if s.conn == nil {
					s.release()
				}
			}
		})
	}
}

// isWebSocketUpgrade reports whether h asks for a WebSocket ("Upgrade: websocket").
func isWebSocketUpgrade(h http.Header) bool {
	for _, v := range h.Values("Upgrade") {
		for _, p := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(p), "websocket") {
				return true
			}
		}
	}
	return false
}

// takeWebSocket checks, when the handler's Response carries a WebSocket, that it can be
// returned, and marks it used (workerd's WebSocket::couple checks).
func (iso *Isolate) takeWebSocket(v goja.Value) (*webSocket, error) {
	if v == nil {
		return nil, nil
	}
	s, ok := iso.cls.ws.ws.Unwrap(v)
	if !ok {
		return nil, &JSError{Class: "TypeError", Message: "Incorrect type for the 'webSocket' field on 'ResponseInitializer': the provided value is not of type 'WebSocket'."}
	}
	if err := s.coupleError(); err != nil {
		return nil, err
	}
	s.state = wsReleased
	delete(s.api.unclaimed, s)
	return s, nil
}

// upgradeWebSocket answers a 101 Response carrying s: it takes over the client connection and
// couples it with s. It returns the status written.
func (w *Worker) upgradeWebSocket(rw http.ResponseWriter, r *http.Request, iso *Isolate, s *webSocket, header http.Header) int {
	if !isWebSocketUpgrade(r.Header) {
		iso.runOwned(s.couplingFailed)
		return w.writeError(rw, r, &JSError{Class: "TypeError", Message: `Worker tried to return a WebSocket in a response to a request which did not contain the header "Upgrade: websocket".`})
	}
	h := rw.Header()
	for k, v := range header {
		h[k] = v
	}
	// Deviation: no permessage-deflate (workerd negotiates it with web_socket_compression).
	h.Del("Sec-WebSocket-Extensions")
	c, err := websocket.Accept(rw, r, &websocket.AcceptOptions{InsecureSkipVerify: true, CompressionMode: websocket.CompressionDisabled})
	if err != nil {
		// Accept answered the client already (a malformed handshake).
		iso.runOwned(s.couplingFailed)
		w.log.Warn("WebSocket upgrade failed", "error", err)
		return http.StatusBadRequest
	}
	conn := w.sockets.newConn(c)
	iso.runOwned(func() { s.couple(conn) })
	return http.StatusSwitchingProtocols
}

// couple connects s, returned in a Response, to the client connection.
func (s *webSocket) couple(client *wsConn) {
	if s.peer == nil && s.conn != nil {
		// A fetch()ed socket passed through unread: the runtime relays frames both ways.
		up := s.conn
		client.start(connSink{up})
		up.start(connSink{client})
		return
	}
	s.conn = client
	p := s.peer
	if p == nil {
		client.write(wsMessage{close: true, code: wsGoingAway})
		return
	}
	// What the peer sent before the upgrade goes first, then the peer talks to the client.
	inbox := s.inbox
	s.inbox = nil
	for _, m := range inbox {
		client.write(m)
	}
	p.gotConnection(client)
	p.readFor(client)
}

// couplingFailed runs when s was returned in a Response but the client connection could not be
// upgraded: the peer sees the connection drop.
func (s *webSocket) couplingFailed() {
	if s.conn != nil && s.peer == nil {
		s.conn.write(wsMessage{close: true, code: wsGoingAway})
		return
	}
	if p := s.peer; p != nil {
		m := wsMessage{close: true, code: wsAbnormal, reason: wsDisconnectText}
		if p.state == wsAccepted {
			s.api.iso.Post(func() { p.deliver(m) })
		} else {
			p.inbox = append(p.inbox, m)
		}
	}
}

// Deviation: edge never negotiates permessage-deflate (workerd does by default since the
// web_socket_compression date), so `extensions` reads null where workerd shows the extension.

// dialOptions turns request headers into coder/websocket dial options: the handshake headers
// are the library's to set; Sec-WebSocket-Protocol becomes the offered subprotocols.
func dialOptions(hdr http.Header, client *http.Client) *websocket.DialOptions {
	var protos []string
	for _, v := range hdr.Values("Sec-WebSocket-Protocol") {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				protos = append(protos, p)
			}
		}
	}
	for _, k := range []string{"Upgrade", "Connection", "Sec-Websocket-Key", "Sec-Websocket-Version", "Sec-Websocket-Extensions", "Sec-Websocket-Protocol"} {
		hdr.Del(k)
	}
	return &websocket.DialOptions{HTTPClient: client, HTTPHeader: hdr, Subprotocols: protos, CompressionMode: websocket.CompressionDisabled}
}

// fetchWebSocket is fetch() of a request with "Upgrade: websocket": a 101 from the server
// resolves to a Response whose webSocket the worker accept()s (or returns in its own
// Response); any other answer is an ordinary Response.
func (iso *Isolate) fetchWebSocket(u string, hdr http.Header, client *http.Client) goja.Value {
	opts := dialOptions(hdr, client)
	reg := &iso.w.sockets
	return iso.Async(func(context.Context) Settle {
		c, resp, err := websocket.Dial(context.Background(), u, opts)
		return func(vm *goja.Runtime) (goja.Value, error) {
			if err != nil {
				if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
					resp.Request = &http.Request{Method: http.MethodGet, URL: mustParseURL(u)}
					return iso.wrapFetchResponse(resp, "follow", func() {}), nil
				}
				return nil, &JSError{Class: "TypeError", Message: "Network connection lost."}
			}
			s := iso.cls.ws.newSocket()
			s.conn = reg.newConn(c)
			if inv := iso.current; inv != nil {
				iso.cls.ws.unclaimed[s] = inv
			}
			r := &response{status: http.StatusSwitchingProtocols, statusText: "Switching Protocols", hdr: &headers{guard: guardImmutable}, url: u, typ: "default", webSocket: s.obj}
			for k, vs := range resp.Header {
				for _, v := range vs {
					r.hdr.fields = append(r.hdr.fields, headerField{strings.ToLower(k), v})
				}
			}
			return iso.cls.response.Wrap(r), nil
		}
	})
}

func mustParseURL(u string) *url.URL {
	p, err := url.Parse(u)
	if err != nil {
		return &url.URL{}
	}
	return p
}

// construct implements new WebSocket(url, protocols): the handshake runs off the loop; "open"
// (or "error" then "close" 1006) follows.
func (api *wsAPI) construct(call goja.ConstructorCall) *webSocket {
	iso := api.iso
	vm := iso.vm
	iso.CheckRequestContext()
	if len(call.Arguments) < 1 {
		jsutil.Throw(vm, "TypeError", "Failed to construct 'WebSocket': constructor parameter 1 is not of type 'string'.")
	}
	raw := call.Arguments[0].String()
	syntax := func(msg string) {
		panic(jsutil.NewDOMException(vm, "SyntaxError", "WebSocket Constructor: "+msg))
	}
	pu, err := url.Parse(raw)
	if err != nil || pu.Scheme == "" || pu.Host == "" {
		syntax("The url is invalid.")
	}
	switch strings.ToLower(pu.Scheme) {
	case "ws":
		pu.Scheme = "http"
	case "wss":
		pu.Scheme = "https"
	default:
		syntax("The url scheme must be ws or wss.")
	}
	if pu.Fragment != "" || strings.Contains(raw, "#") {
		syntax("The url fragment must be empty.")
	}
	var protos []string
	if p := call.Argument(1); !goja.IsUndefined(p) {
		if o, ok := p.(*goja.Object); ok && o.ClassName() == "Array" {
			var list []string
			_ = vm.ExportTo(o, &list)
			seen := map[string]bool{}
			for _, t := range list {
				if !validProtoToken(t) {
					syntax("One of the protocol header tokens is invalid.")
				}
				if seen[t] {
					syntax("The protocols header cannot have repeating values.")
				}
				seen[t] = true
			}
			protos = list
		} else {
			t := p.String()
			if !validProtoToken(t) {
				syntax("The protocol header token is invalid.")
			}
			protos = []string{t}
		}
	}
	s := &webSocket{api: api, state: wsConnecting, url: vm.ToValue(raw), protocol: vm.ToValue(""), extensions: vm.ToValue("")}
	s.connect(pu.String(), protos)
	return s
}

// connect dials for a socket made by new WebSocket(url).
func (s *webSocket) connect(u string, protos []string) {
	iso := s.api.iso
	vm := iso.vm
	inv := iso.current
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	opts := &websocket.DialOptions{HTTPClient: iso.w.client, Subprotocols: protos, CompressionMode: websocket.CompressionDisabled}
	iso.pending++
	go func() {
		c, resp, err := websocket.Dial(ctx, u, opts)
		iso.Post(func() {
			iso.pending--
			if s.state != wsConnecting { // close() was called meanwhile
				if c != nil {
					_ = c.CloseNow()
				}
				return
			}
			prev := iso.current
			iso.current = inv
			defer func() { iso.current = prev }()
			if err != nil {
				msg := "Network connection lost."
				if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
					msg = "Failed to establish the WebSocket connection: expected server to reply with HTTP status code 101 (switching protocols), but received " + strconv.Itoa(resp.StatusCode) + " instead."
				}
				s.state = wsReleased
				s.closedIn = true
				s.reportError(jsutil.NewError(vm, "TypeError", msg), "Uncaught TypeError: "+msg)
				ev, _ := s.api.closeEv.New("close", dom.EventInit{}, &closeData{code: wsAbnormal, reason: "Failed to establish websocket connection"})
				s.fire(ev)
				return
			}
			s.conn = iso.w.sockets.newConn(c)
			s.protocol, s.extensions = goja.Null(), goja.Null()
			if p := resp.Header.Get("Sec-WebSocket-Protocol"); p != "" {
				s.protocol = vm.ToValue(p)
			}
			s.startAccepted()
			s.fire(iso.dom.NewEvent("open"))
		})
	}()
}

// validProtoToken is RFC 6455 §4.1 item 10: a non-empty token of visible ASCII without
// separators.
func validProtoToken(p string) bool {
	if p == "" {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < 0x21 || c > 0x7e || strings.IndexByte(`()<>@,;:\/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}
