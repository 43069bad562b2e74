package runtime

import (
	"strconv"

	"github.com/dop251/goja"

	"github.com/edgeruntime/edge/runtime/internal/dom"
	"github.com/edgeruntime/edge/runtime/internal/jsutil"
)

// WebSockets as Workers has them (workerd src/workerd/api/web-socket.{h,c++}): WebSocketPair,
// WebSocket (accept, send, close, readyState, events), MessageEvent and CloseEvent. A socket's
// messages travel either to the other end of its pair in the same isolate, or over a network
// connection (websocket_conn.go): the client connection a 101 Response upgraded, or the
// upstream of fetch() with "Upgrade: websocket" / new WebSocket(url). Everything in this file
// runs on the isolate's loop goroutine.
//
// Behaviour follows compatibility dates before 2026-03: binary messages arrive as ArrayBuffer.
// Deviation: the 2026 flags websocket_standard_binary_type (binaryType, Blob by default),
// websocket_close_reason_byte_limit and web_socket_auto_reply_to_close are not read; on network
// sockets coder/websocket always answers a peer's Close at once (the auto-reply behaviour), so
// messages sent after a Close arrived are dropped and the worker's answering close() sends
// nothing. Deviation: the two ends of a local pair each get their messages in order, but how
// deliveries to the two ends interleave can differ from workerd. Deviation: serializeAttachment
// only stores a structured clone; there is no hibernation.

// wsState is workerd's WebSocket::Native state.
type wsState uint8

const (
	wsPending    wsState = iota // AwaitingAcceptanceOrCoupling
	wsConnecting                // new WebSocket(url) while the handshake runs
	wsAccepted                  // events are delivered to JS
	wsReleased                  // returned in a Response (coupled), or connection failed
)

// WebSocket readyState values.
const (
	wsConnectingState = 0
	wsOpenState       = 1
	wsClosingState    = 2
	wsClosedState     = 3
)

// wsMessage is one message, or a Close frame.
type wsMessage struct {
	binary bool
	data   []byte
	close  bool
	code   int // 1005: no code
	reason string
	clean  bool // close: a Close frame arrived (false: the connection dropped)
}

const wsNoStatus = 1005

// webSocket is the Go state behind a JS WebSocket.
type webSocket struct {
	jsutil.Expando
	dom.EventTargetBase
	api *wsAPI
	obj *goja.Object

	state     wsState
	closedOut bool       // close() was called
	closedIn  bool       // a Close arrived, or the connection ended
	aborted   bool       // the connection failed: sends are dropped
	err       goja.Value // the first error reported; readyState is CLOSED after it

	url, protocol, extensions goja.Value // nil reads as null

	peer  *webSocket  // the other end of its WebSocketPair
	conn  *wsConn     // the network connection its messages travel over, once known
	inbox []wsMessage // arrived before accept()

	// inv is the invocation that accepted the socket. It stays alive while the socket is open:
	// without a time limit once the socket has a network connection (holdNet), and like a
	// waitUntil() task (30 s after the response) while it only talks to its pair in the isolate,
	// as workerd's read loop of a local pair is a waitUntil task.
	inv     *invocation
	held    bool
	holdNet bool
	cancel  func() // new WebSocket(url): cancels the handshake

	attachment goja.Value
}

// webSocketPair is the Go state behind a JS WebSocketPair.
type webSocketPair struct {
	jsutil.Expando
	ends [2]*goja.Object
}

// wsAPI holds one isolate's WebSocket classes.
type wsAPI struct {
	iso     *Isolate
	ws      *jsutil.Class[*webSocket]
	pair    *jsutil.Class[*webSocketPair]
	message *dom.EventClass
	closeEv *dom.EventClass
	errorEv *dom.EventClass
	held    map[*webSocket]struct{} // sockets holding an invocation open
	// unclaimed are fetch()ed sockets not yet accepted nor returned in a Response; their
	// connections close when the invocation that fetched them ends.
	unclaimed map[*webSocket]*invocation
}

// messageData and closeData are the Go data of MessageEvent and CloseEvent instances.
type messageData struct{ data goja.Value }

type closeData struct {
	code     int
	reason   string
	wasClean bool
}

type errorData struct {
	message string
	err     goja.Value
}

func (iso *Isolate) installWebSocket(g *goja.Object) error {
	vm := iso.vm
	api := &wsAPI{iso: iso, held: map[*webSocket]struct{}{}, unclaimed: map[*webSocket]*invocation{}}
	iso.cls.ws = api
	d := iso.dom

	api.message = d.DefineEventClass("MessageEvent", nil, func(ev *dom.Event, call goja.ConstructorCall) {
		data := goja.Undefined()
		if init, ok := call.Argument(1).(*goja.Object); ok {
			if v := init.Get("data"); v != nil {
				data = v
			}
		}
		ev.SetData(&messageData{data: data})
	})
	api.message.Getter("data", func(ev *dom.Event) goja.Value { return ev.Data().(*messageData).data })
	for _, name := range []string{"origin", "lastEventId", "source", "ports"} {
		api.message.Getter(name, func(*dom.Event) goja.Value { return goja.Undefined() })
	}

	api.closeEv = d.DefineEventClass("CloseEvent", nil, func(ev *dom.Event, call goja.ConstructorCall) {
		cd := &closeData{}
		if init, ok := call.Argument(1).(*goja.Object); ok {
			if v := init.Get("code"); v != nil && !goja.IsUndefined(v) {
				cd.code = int(int32(v.ToInteger()))
			}
			if v := init.Get("reason"); v != nil && !goja.IsUndefined(v) {
				cd.reason = v.String()
			}
			if v := init.Get("wasClean"); v != nil && !goja.IsUndefined(v) {
				cd.wasClean = v.ToBoolean()
			}
		}
		ev.SetData(cd)
	})
	api.closeEv.Getter("code", func(ev *dom.Event) goja.Value { return vm.ToValue(ev.Data().(*closeData).code) })
	api.closeEv.Getter("reason", func(ev *dom.Event) goja.Value { return vm.ToValue(ev.Data().(*closeData).reason) })
	api.closeEv.Getter("wasClean", func(ev *dom.Event) goja.Value { return vm.ToValue(ev.Data().(*closeData).wasClean) })

	api.errorEv = d.DefineEventClass("ErrorEvent", nil, func(ev *dom.Event, call goja.ConstructorCall) {
		ed := &errorData{err: goja.Undefined()}
		if init, ok := call.Argument(1).(*goja.Object); ok {
			if v := init.Get("message"); v != nil && !goja.IsUndefined(v) {
				ed.message = v.String()
			}
			if v := init.Get("error"); v != nil && !goja.IsUndefined(v) {
				ed.err = v
			}
		}
		ev.SetData(ed)
	})
	api.errorEv.Getter("message", func(ev *dom.Event) goja.Value { return vm.ToValue(ev.Data().(*errorData).message) })
	api.errorEv.Getter("error", func(ev *dom.Event) goja.Value { return ev.Data().(*errorData).err })
	api.errorEv.Getter("filename", func(*dom.Event) goja.Value { return vm.ToValue("") })
	api.errorEv.Getter("lineno", func(*dom.Event) goja.Value { return vm.ToValue(0) })
	api.errorEv.Getter("colno", func(*dom.Event) goja.Value { return vm.ToValue(0) })

	api.installWebSocketClass()
	api.installPair()

	for _, c := range []*dom.EventClass{api.message, api.closeEv, api.errorEv} {
		c.Install(g)
	}
	api.ws.Install(g)
	api.pair.Install(g)
	return nil
}

func (api *wsAPI) installWebSocketClass() {
	iso := api.iso
	vm := iso.vm
	c := jsutil.NewClass(vm, "WebSocket", 0, func(call goja.ConstructorCall) *webSocket {
		return api.construct(call)
	})
	api.ws = c
	iso.dom.InheritEventTarget(c.Ctor, c.Proto)
	c.Method("accept", 0, func(s *webSocket, call goja.FunctionCall) goja.Value {
		s.accept()
		return goja.Undefined()
	})
	c.Method("send", 1, func(s *webSocket, call goja.FunctionCall) goja.Value {
		if len(call.Arguments) < 1 {
			jsutil.Throw(vm, "TypeError", "Failed to execute 'send' on 'WebSocket': parameter 1 is not of type 'ArrayBuffer or ArrayBufferView or string'.")
		}
		s.send(call.Arguments[0])
		return goja.Undefined()
	})
	c.Method("close", 0, func(s *webSocket, call goja.FunctionCall) goja.Value {
		s.close(call.Argument(0), call.Argument(1))
		return goja.Undefined()
	})
	c.Method("serializeAttachment", 1, func(s *webSocket, call goja.FunctionCall) goja.Value {
		s.attachment = iso.structuredClone(call.Argument(0))
		return goja.Undefined()
	})
	c.Method("deserializeAttachment", 0, func(s *webSocket, call goja.FunctionCall) goja.Value {
		if s.attachment == nil {
			return goja.Null()
		}
		return iso.structuredClone(s.attachment)
	})
	c.Getter("readyState", func(s *webSocket) goja.Value { return vm.ToValue(s.readyState()) })
	orNull := func(v goja.Value) goja.Value {
		if v == nil {
			return goja.Null()
		}
		return v
	}
	c.Getter("url", func(s *webSocket) goja.Value { return orNull(s.url) })
	c.Getter("protocol", func(s *webSocket) goja.Value { return orNull(s.protocol) })
	c.Getter("extensions", func(s *webSocket) goja.Value { return orNull(s.extensions) })
	for _, k := range []struct {
		name  string
		value int
	}{
		{"READY_STATE_CONNECTING", wsConnectingState}, {"CONNECTING", wsConnectingState},
		{"READY_STATE_OPEN", wsOpenState}, {"OPEN", wsOpenState},
		{"READY_STATE_CLOSING", wsClosingState}, {"CLOSING", wsClosingState},
		{"READY_STATE_CLOSED", wsClosedState}, {"CLOSED", wsClosedState},
	} {
		v := vm.ToValue(k.value)
		_ = c.Ctor.DefineDataProperty(k.name, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = c.Proto.DefineDataProperty(k.name, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
}

func (api *wsAPI) installPair() {
	vm := api.iso.vm
	c := jsutil.NewClass(vm, "WebSocketPair", 0, func(call goja.ConstructorCall) *webSocketPair {
		a, b := api.newSocket(), api.newSocket()
		a.peer, b.peer = b, a
		return &webSocketPair{ends: [2]*goja.Object{a.obj, b.obj}}
	})
	api.pair = c
	entries := func(p *webSocketPair, call goja.FunctionCall) goja.Value {
		arr := vm.NewArray(p.ends[0], p.ends[1])
		values, _ := goja.AssertFunction(arr.Get("values"))
		it, err := values(arr)
		if err != nil {
			panic(err)
		}
		return it
	}
	c.Method("entries", 0, entries)
	c.AliasSymbol(goja.SymIterator, "entries")
}

// Get, Has and Keys expose the two ends as indexed properties 0 and 1, so that
// `const [client, server] = Object.values(new WebSocketPair())` works as in Workers.
func (p *webSocketPair) Get(key string) goja.Value {
	switch key {
	case "0":
		return p.ends[0]
	case "1":
		return p.ends[1]
	}
	return p.Expando.Get(key)
}

func (p *webSocketPair) Has(key string) bool {
	return key == "0" || key == "1" || p.Expando.Has(key)
}

func (p *webSocketPair) Set(key string, val goja.Value) bool {
	if key == "0" || key == "1" {
		return false // read-only
	}
	return p.Expando.Set(key, val)
}

func (p *webSocketPair) Delete(key string) bool {
	if key == "0" || key == "1" {
		return false
	}
	return p.Expando.Delete(key)
}

func (p *webSocketPair) Keys() []string { return append([]string{"0", "1"}, p.Expando.Keys()...) }

// newSocket makes a WebSocket in the AwaitingAcceptanceOrCoupling state.
func (api *wsAPI) newSocket() *webSocket {
	s := &webSocket{api: api, protocol: api.iso.vm.ToValue(""), extensions: api.iso.vm.ToValue("")}
	api.ws.Wrap(s)
	return s
}

// BindObject implements jsutil.ObjectBinder: events are fired at the socket's JS object.
func (s *webSocket) BindObject(o *goja.Object) { s.obj = o }

func (s *webSocket) throwType(msg string) { jsutil.Throw(s.api.iso.vm, "TypeError", msg) }

func (s *webSocket) readyState() int {
	switch {
	case s.closedIn && s.closedOut || s.err != nil:
		return wsClosedState
	case s.closedIn || s.closedOut:
		return wsClosingState
	case s.state == wsConnecting:
		return wsConnectingState
	}
	return wsOpenState
}

func (s *webSocket) accept() {
	switch s.state {
	case wsConnecting:
		s.throwType("Websockets obtained from the 'new WebSocket()' constructor cannot call accept")
	case wsReleased:
		s.throwType("Can't accept() WebSocket that was already used in a response.")
	case wsAccepted:
		return
	}
	s.startAccepted()
}

// startAccepted moves the socket to Accepted: it holds its invocation open, starts reading its
// network connection if it has one of its own, and delivers what arrived before.
func (s *webSocket) startAccepted() {
	iso := s.api.iso
	s.state = wsAccepted
	delete(s.api.unclaimed, s)
	if inv := iso.current; inv != nil && !s.held && !s.closedIn && !inv.finished {
		s.inv, s.held = inv, true
		s.api.held[s] = struct{}{}
		if s.conn != nil {
			s.holdNet = true
			inv.sockets++
		} else {
			inv.waitCount++
		}
	}
	if s.conn != nil && s.peer == nil {
		s.readFor(s.conn)
	}
	inbox := s.inbox
	s.inbox = nil
	for _, m := range inbox {
		iso.Post(func() { s.deliver(m) })
	}
}

// coupleError is the TypeError workerd throws when s cannot be returned in a Response.
func (s *webSocket) coupleError() error {
	msg := ""
	switch s.state {
	case wsConnecting:
		msg = "Can't return WebSocket in a Response if it was created with `new WebSocket()`"
	case wsReleased:
		msg = "Can't return WebSocket that was already used in a response."
	case wsAccepted:
		msg = "Can't return WebSocket in a Response after calling accept()."
	default:
		return nil
	}
	return &JSError{Class: "TypeError", Message: msg}
}

func (s *webSocket) send(v goja.Value) {
	if s.closedOut {
		s.throwType("Can't call WebSocket send() after close().")
	}
	if s.aborted || s.state == wsReleased {
		return // the connection is gone: ignored, as the spec says
	}
	if s.state != wsAccepted {
		s.throwType("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.")
	}
	var m wsMessage
	if b, ok := s.api.iso.Bytes(v); ok {
		m = wsMessage{binary: true, data: append([]byte(nil), b...)}
	} else {
		if _, isSym := v.(*goja.Symbol); isSym {
			s.throwType("Cannot convert a Symbol value to a string")
		}
		m = wsMessage{data: []byte(v.String())}
	}
	s.transmit(m)
}

func (s *webSocket) close(code, reason goja.Value) {
	if s.state == wsConnecting {
		s.cancel()
		s.state = wsReleased
		return
	}
	if s.closedOut || s.aborted || s.state == wsReleased {
		return
	}
	if s.state != wsAccepted {
		s.throwType("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.")
	}
	if s.err != nil {
		panic(s.err)
	}
	m := wsMessage{close: true, code: wsNoStatus, clean: true}
	hasCode := !goja.IsUndefined(code)
	if hasCode {
		c := int(int32(code.ToInteger()))
		if c < 1000 || c >= 5000 || c == 1004 || c == 1005 || c == 1006 || c == 1015 {
			panic(jsutil.NewDOMException(s.api.iso.vm, "InvalidAccessError", "Invalid WebSocket close code: "+strconv.Itoa(c)+"."))
		}
		m.code = c
	}
	if !goja.IsUndefined(reason) {
		if !hasCode {
			panic(jsutil.NewDOMException(s.api.iso.vm, "InvalidAccessError", "If you specify a WebSocket close reason, you must also specify a code."))
		}
		m.reason = reason.String()
	}
	s.closedOut = true
	s.transmit(m)
	s.maybeRelease()
}

// transmit sends m toward the other side: over the network connection, or to the peer end.
func (s *webSocket) transmit(m wsMessage) {
	if s.conn != nil {
		s.conn.write(m)
		return
	}
	if p := s.peer; p != nil {
		p.fromPeer(m)
	}
}

// fromPeer receives a message the other end of the pair sent.
func (s *webSocket) fromPeer(m wsMessage) {
	switch {
	case s.state == wsAccepted:
		// Delivered as its own task, as workerd delivers through the pipe.
		s.api.iso.Post(func() { s.deliver(m) })
	case s.state == wsReleased && s.conn != nil:
		s.conn.write(m) // the end was returned in a Response: forward to the client
	case s.state == wsPending:
		s.inbox = append(s.inbox, m)
	}
}

// fromNetwork receives a message its network connection read (posted by the reader).
func (s *webSocket) fromNetwork(m wsMessage) {
	switch s.state {
	case wsAccepted:
		s.deliver(m)
	case wsPending:
		s.inbox = append(s.inbox, m)
	}
}

// deliver dispatches a message or close event to JS.
func (s *webSocket) deliver(m wsMessage) {
	if s.closedIn {
		return
	}
	api := s.api
	vm := api.iso.vm
	var ev *goja.Object
	if m.close {
		s.closedIn = true
		if !m.clean {
			s.aborted = true
		}
		if s.closedOut || s.aborted {
			s.state = wsReleased // nothing more can be sent or received (visible in the listener)
		}
		ev, _ = api.closeEv.New("close", dom.EventInit{}, &closeData{code: m.code, reason: m.reason, wasClean: m.clean})
	} else {
		var data goja.Value
		if m.binary {
			data = api.iso.NewArrayBuffer(m.data)
		} else {
			data = vm.ToValue(string(m.data))
		}
		ev, _ = api.message.New("message", dom.EventInit{}, &messageData{data: data})
	}
	s.fire(ev)
	if m.close {
		s.maybeRelease()
	}
}

// fire dispatches ev at the socket on behalf of the invocation that accepted it.
func (s *webSocket) fire(ev *goja.Object) {
	iso := s.api.iso
	iso.callIn(s.inv, func() error {
		iso.dom.FireEvent(s.obj, ev)
		return nil
	})
}

// reportError raises the "error" event once; afterwards sends are dropped and readyState is
// CLOSED.
func (s *webSocket) reportError(e goja.Value, message string) {
	if s.err != nil {
		return
	}
	s.err = e
	s.aborted = true
	ev, _ := s.api.errorEv.New("error", dom.EventInit{}, &errorData{message: message, err: e})
	s.fire(ev)
}

// maybeRelease lets the invocation end once no more events can arrive.
func (s *webSocket) maybeRelease() {
	if !s.closedIn {
		return
	}
	if s.closedOut || s.aborted {
		s.state = wsReleased // both directions are done: workerd releases the native socket
	}
	s.release()
}

func (s *webSocket) release() {
	if !s.held {
		return
	}
	s.held = false
	delete(s.api.held, s)
	inv := s.inv
	if inv.finished {
		return
	}
	if s.holdNet {
		inv.sockets--
	} else if inv.waitCount > 0 { // the waitUntil time limit may have zeroed it already
		inv.waitCount--
	}
	inv.maybeFinish()
}

// gotConnection records that s now talks over a network connection: its hold on the invocation
// loses the waitUntil time limit.
func (s *webSocket) gotConnection(conn *wsConn) {
	s.conn = conn
	if s.held && !s.holdNet && !s.inv.finished {
		s.holdNet = true
		if s.inv.waitCount > 0 {
			s.inv.waitCount--
		}
		s.inv.sockets++
	}
}

// dropWebSockets closes (1001) the connections of sockets inv fetched and never used, as
// workerd drops them with the request's I/O context.
func (iso *Isolate) dropWebSockets(inv *invocation) {
	for s, owner := range iso.cls.ws.unclaimed {
		if owner == inv {
			delete(iso.cls.ws.unclaimed, s)
			s.state = wsReleased
			s.conn.write(wsMessage{close: true, code: wsGoingAway})
		}
	}
}

// structuredClone copies v with the global structuredClone (serializeAttachment).
func (iso *Isolate) structuredClone(v goja.Value) goja.Value {
	fn, ok := goja.AssertFunction(iso.global.Get("structuredClone"))
	if !ok {
		return v
	}
	out, err := fn(goja.Undefined(), v)
	if err != nil {
		panic(err)
	}
	return out
}
