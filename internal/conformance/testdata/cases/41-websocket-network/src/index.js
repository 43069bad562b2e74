// WebSockets over a real connection: the runner speaks only HTTP, so the worker opens
// WebSockets to its own /ws/* routes and reports what it saw, as a self-checking worker.

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

// waitFor resolves with the first event of type on ws (or "timeout").
const waitFor = (ws, type, ms = 5000) =>
  new Promise((resolve) => {
    const t = setTimeout(() => resolve("timeout"), ms);
    ws.addEventListener(type, (e) => { clearTimeout(t); resolve(e); }, { once: true });
  });
const show = (e) => (e === "timeout" ? e : typeof e.data === "string" ? e.data : [e.data.constructor.name, [...new Uint8Array(e.data)]]);

// The server side: echo, "close-me" closes with 4000, a client's close is answered with its
// code and "echo:" + reason.
function serve() {
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  server.addEventListener("message", (e) => {
    if (e.data === "close-me") server.close(4000, "server bye");
    else if (typeof e.data === "string") server.send("echo:" + e.data);
    else server.send(new Uint8Array(e.data).reverse());
  });
  server.addEventListener("close", (e) => {
    try { server.close(e.code, "echo:" + e.reason); } catch {}
  });
  server.send("welcome");
  return new Response(null, { status: 101, headers: { "x-from": "worker" }, webSocket: client });
}

async function connect(request, path) {
  return fetch(new URL(path, request.url), { headers: { Upgrade: "websocket" } });
}

async function fetchUpgrade(request) {
  const res = await connect(request, "/ws/echo");
  const ws = res.webSocket;
  const before = ws.readyState;
  const welcome = waitFor(ws, "message");
  ws.accept();
  const first = show(await welcome);
  let m = waitFor(ws, "message");
  ws.send("hello");
  const text = show(await m);
  m = waitFor(ws, "message");
  ws.send(new Uint8Array([1, 2, 3]));
  const binary = show(await m);
  const closed = waitFor(ws, "close");
  ws.send("close-me");
  const c = await closed;
  const stateInClose = ws.readyState;
  ws.close(c.code, c.reason);
  return {
    "res.status": () => res.status,
    "res.statusText": () => res.statusText,
    "res.header": () => res.headers.get("x-from"),
    "res.upgrade": () => res.headers.get("upgrade"),
    "res.webSocket": () => ws instanceof WebSocket,
    "res.body": () => res.body,
    "ws.readyStateBeforeAccept": () => before,
    "ws.fields": () => [ws.url, ws.protocol, ws.extensions],
    "welcome": () => first,
    "text": () => text,
    "binary": () => binary,
    "close.event": () => [c.constructor.name, c.code, c.reason, c.wasClean],
    "close.readyStateInEvent": () => stateInClose,
    "close.readyStateAfterReply": () => ws.readyState,
  };
}

async function clientClose(request) {
  const ws = (await connect(request, "/ws/echo")).webSocket;
  const welcome = waitFor(ws, "message");
  ws.accept();
  await welcome;
  const closed = waitFor(ws, "close");
  ws.close(4321, "client bye");
  const stateAfterClose = ws.readyState;
  const sendAfter = (() => { try { ws.send("x"); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; } })();
  const c = await closed;
  return {
    "stateAfterClose": () => stateAfterClose,
    "sendAfterClose": () => sendAfter,
    "close.event": () => (c === "timeout" ? c : [c.code, c.reason, c.wasClean]),
    "finalState": () => ws.readyState,
  };
}

async function ctor(request) {
  const url = new URL("/ws/echo", request.url);
  url.protocol = "ws:";
  const ws = new WebSocket(url.href);
  const state0 = ws.readyState;
  const welcome = waitFor(ws, "message");
  const open = await waitFor(ws, "open");
  const openState = ws.readyState;
  const first = show(await welcome);
  const m = waitFor(ws, "message");
  ws.send("from ctor");
  const echoed = show(await m);
  const closed = waitFor(ws, "close");
  ws.close(1000, "done");
  const c = await closed;
  return {
    "connecting": () => state0,
    "open": () => (open === "timeout" ? open : [open.type, open.constructor.name]),
    "openState": () => openState,
    "fields": () => [ws.url === url.href, ws.protocol, ws.extensions],
    "welcome": () => first,
    "echo": () => echoed,
    "close.event": () => (c === "timeout" ? c : [c.code, c.reason, c.wasClean]),
    "accept.noop": () => { try { ws.accept(); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; } },
  };
}

async function noUpgrade(request) {
  const res = await connect(request, "/ws/plain");
  return {
    "status": () => res.status,
    "webSocket": () => res.webSocket,
    "body": () => res.text(),
  };
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/ws/echo") {
      if (request.headers.get("upgrade") !== "websocket") return new Response("expected websocket", { status: 426 });
      return serve();
    }
    if (pathname === "/ws/plain") return new Response("no websockets here", { status: 426 });
    if (pathname === "/client/fetch") return run(await fetchUpgrade(request));
    if (pathname === "/client/close") return run(await clientClose(request));
    if (pathname === "/client/ctor") return run(await ctor(request));
    if (pathname === "/client/no-upgrade") return run(await noUpgrade(request));
    return new Response("not found", { status: 404 });
  },
};
