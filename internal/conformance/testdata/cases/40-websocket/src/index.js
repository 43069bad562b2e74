// WebSockets: the synchronous API surface, misuse errors, and a WebSocketPair whose two ends
// talk inside the isolate. The runner speaks plain HTTP, so network upgrades are covered by
// Go tests (runtime/websocket_test.go, internal/e2e); here the worker checks itself.

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try {
      const v = await fn();
      out[name] = v === undefined ? "undefined" : v;
    } catch (e) {
      out[name] = { unexpectedError: `${e?.name}: ${e?.message}` };
    }
  }
  return Response.json(out);
}
const thrown = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
};
const tick = () => new Promise((r) => setTimeout(r, 0));

function surface() {
  return {
    "pair.keys": () => Object.keys(new WebSocketPair()),
    "pair.values": () => Object.values(new WebSocketPair()).map((w) => w instanceof WebSocket),
    "pair.index": () => { const p = new WebSocketPair(); return [p[0] instanceof WebSocket, p[1] instanceof WebSocket, p[0] !== p[1], p[2]]; },
    "pair.spread": () => { const [a, b] = new WebSocketPair(); return [a instanceof WebSocket, b instanceof WebSocket]; },
    "pair.assign": () => { const p = new WebSocketPair(); const a = p[0]; try { p[0] = 1; } catch (e) { return e.name; } return p[0] === a; },
    "pair.tag": () => Object.prototype.toString.call(new WebSocketPair()),
    "pair.callWithoutNew": () => thrown(() => WebSocketPair()),
    "ws.proto": () => ["accept", "send", "close", "addEventListener", "removeEventListener", "dispatchEvent"].map((k) => typeof WebSocket.prototype[k]),
    "ws.eventTarget": () => new WebSocketPair()[0] instanceof EventTarget,
    "ws.constants": () => [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED,
      WebSocket.READY_STATE_CONNECTING, WebSocket.READY_STATE_OPEN, WebSocket.READY_STATE_CLOSING, WebSocket.READY_STATE_CLOSED],
    "ws.protoConstants": () => [WebSocket.prototype.OPEN, WebSocket.prototype.CLOSED],
    "ws.initial": () => { const w = new WebSocketPair()[0]; return [w.readyState, w.url, w.protocol, w.extensions]; },
    "ws.ownKeys": () => Object.keys(new WebSocketPair()[0]),
    "ws.tag": () => Object.prototype.toString.call(new WebSocketPair()[0]),
    "ws.ctorLength": () => WebSocket.length,
    "messageEvent": () => { const e = new MessageEvent("message", { data: "d" }); return [e.type, e.data, e instanceof Event, e.bubbles]; },
    "messageEvent.buffer": () => { const b = new ArrayBuffer(2); return new MessageEvent("x", { data: b }).data === b; },
    "messageEvent.noInit": () => thrown(() => new MessageEvent("message")),
    "closeEvent": () => { const e = new CloseEvent("close", { code: 1000, reason: "r", wasClean: true }); return [e.type, e.code, e.reason, e.wasClean, e instanceof Event]; },
    "closeEvent.defaults": () => { const e = new CloseEvent("close"); return [e.code, e.reason, e.wasClean]; },
    "errorEvent": () => typeof ErrorEvent,
  };
}

function errors() {
  const fresh = () => new WebSocketPair()[0];
  const accepted = () => { const w = fresh(); w.accept(); return w; };
  return {
    "send.beforeAccept": () => thrown(() => fresh().send("x")),
    "close.beforeAccept": () => thrown(() => fresh().close()),
    "accept.twice": () => thrown(() => { const w = fresh(); w.accept(); w.accept(); }),
    "close.code999": () => thrown(() => accepted().close(999)),
    "close.code1004": () => thrown(() => accepted().close(1004)),
    "close.code1005": () => thrown(() => accepted().close(1005)),
    "close.code1006": () => thrown(() => accepted().close(1006)),
    "close.code1015": () => thrown(() => accepted().close(1015)),
    "close.code5000": () => thrown(() => accepted().close(5000)),
    "close.code4999": () => thrown(() => accepted().close(4999, "ok")),
    "close.code3000": () => thrown(() => accepted().close(3000)),
    "close.reasonWithoutCode": () => thrown(() => accepted().close(undefined, "why")),
    "close.twice": () => thrown(() => { const w = accepted(); w.close(1000); w.close(1000); }),
    "close.readyState": () => { const w = accepted(); w.close(1000, "done"); return w.readyState; },
    "send.afterClose": () => thrown(() => { const w = accepted(); w.close(); w.send("x"); }),
    "send.noArgs": () => thrown(() => accepted().send()),
    "send.types": () => { const w = accepted(); w.send("s"); w.send(new ArrayBuffer(1)); w.send(new Uint8Array(1)); w.send(new DataView(new ArrayBuffer(1))); w.send(42); return "sent"; },
    "response.wsNot101": () => thrown(() => new Response(null, { status: 200, webSocket: fresh() })),
    "response.101NoWs": () => thrown(() => new Response(null, { status: 101 })),
    "response.wsNotSocket": () => thrown(() => new Response(null, { status: 101, webSocket: {} })),
    "response.ws101": () => { const w = fresh(); const r = new Response(null, { status: 101, webSocket: w }); return [r.status, r.webSocket === w, r.ok, r.body]; },
    "response.webSocketNull": () => new Response("x").webSocket,
    "response.clone": () => thrown(() => new Response(null, { status: 101, webSocket: fresh() }).clone()),
    "accept.afterUsedInResponse": () => thrown(() => { const w = fresh(); new Response(null, { status: 101, webSocket: w }); w.accept(); return "accepted"; }),
    "illegalInvocation": () => thrown(() => WebSocket.prototype.accept.call({})),
  };
}

async function localPair() {
  const [a, b] = Object.values(new WebSocketPair());
  // Each end's messages arrive in order; how the two ends' deliveries interleave is not
  // specified, so each end keeps its own log.
  const logA = [], logB = [];
  const show = (e) => (typeof e.data === "string" ? e.data : [e.data.constructor.name, [...new Uint8Array(e.data)]]);
  a.addEventListener("message", (e) => logA.push(show(e)));
  b.addEventListener("message", (e) => logB.push(show(e)));
  const closes = [];
  a.addEventListener("close", (e) => { closes.push(["a", e.code, e.reason, e.wasClean, e.constructor.name, a.readyState]); });
  b.addEventListener("close", (e) => { closes.push(["b", e.code, e.reason, e.wasClean, b.readyState]); b.close(e.code, "echo " + e.reason); });
  b.accept();
  b.send("sent before a accepted");
  a.accept();
  const sync = [];
  a.send("hi");
  a.send(new Uint8Array([1, 2, 3]));
  b.send(new Uint16Array([258]).buffer);
  sync.push(logA.length + logB.length);
  for (let i = 0; i < 20 && logA.length + logB.length < 4; i++) await tick();
  a.close(4001, "done");
  const stateAfterClose = a.readyState;
  for (let i = 0; i < 20 && closes.length < 2; i++) await tick();
  return {
    "local.deliveredAsync": () => sync,
    "local.messagesA": () => logA,
    "local.messagesB": () => logB,
    "local.closes": () => closes,
    "local.stateAfterClose": () => stateAfterClose,
    "local.finalStates": () => [a.readyState, b.readyState],
    "local.sendAfterPeerClosed": () => thrown(() => b.send("late")),
  };
}

function ctor() {
  return {
    "ctor.noArgs": () => thrown(() => new WebSocket()),
    "ctor.badScheme": () => thrown(() => new WebSocket("http://127.0.0.1:1/")),
    "ctor.fragment": () => thrown(() => new WebSocket("ws://127.0.0.1:1/#x")),
    "ctor.invalid": () => thrown(() => new WebSocket("not a url")),
    "ctor.badProtocol": () => thrown(() => new WebSocket("ws://127.0.0.1:1/", "a b")),
    "ctor.emptyProtocols": () => thrown(() => new WebSocket("ws://127.0.0.1:1/", [])),
    "ctor.dupProtocols": () => thrown(() => new WebSocket("ws://127.0.0.1:1/", ["a", "a"])),
    "ctor.badProtocolInList": () => thrown(() => new WebSocket("ws://127.0.0.1:1/", ["a", "b,c"])),
    "ctor.connecting": () => { const w = new WebSocket("ws://127.0.0.1:1/"); const s = [w.readyState, w.url, w.protocol, w.extensions]; w.close(); return s; },
    "ctor.acceptThrows": () => { const w = new WebSocket("ws://127.0.0.1:1/"); const r = thrown(() => w.accept()); w.close(); return r; },
    "ctor.closeWhileConnecting": () => { const w = new WebSocket("ws://127.0.0.1:1/"); w.close(); return w.readyState; },
    "ctor.refused": async () => {
      const w = new WebSocket("ws://127.0.0.1:1/");
      const events = [];
      await new Promise((resolve) => {
        w.addEventListener("error", (e) => events.push(["error", e.constructor.name]));
        w.addEventListener("close", (e) => { events.push(["close", e.code, e.reason, e.wasClean]); resolve(); });
        w.addEventListener("open", () => { events.push(["open"]); resolve(); });
        setTimeout(resolve, 5000);
      });
      return [events, w.readyState];
    },
  };
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/surface") return run(surface());
    if (pathname === "/errors") return run(errors());
    if (pathname === "/local") return run(await localPair());
    if (pathname === "/ctor") return run(ctor());
    if (pathname === "/not-upgrade") {
      const [client, server] = Object.values(new WebSocketPair());
      server.accept();
      return new Response(null, { status: 101, webSocket: client });
    }
    return new Response("not found", { status: 404 });
  },
};
