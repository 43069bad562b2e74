// Service-worker syntax: addEventListener("fetch"), event.respondWith / waitUntil, bindings as
// globals, and what happens when the listener throws or responds badly.

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

let listenerCalls = 0;

addEventListener("fetch", (event) => {
  listenerCalls++;
  const url = new URL(event.request.url);
  const p = url.pathname;

  if (p === "/sync-throw") throw new TypeError("thrown synchronously by the listener");
  if (p === "/sync-throw-string") throw "listener threw a string";
  if (p === "/no-respond") return; // nobody calls respondWith
  if (p === "/reject") return event.respondWith(Promise.reject(new RangeError("respondWith promise rejected")));
  if (p === "/reject-later") {
    return event.respondWith(
      (async () => {
        await new Promise((r) => setTimeout(r, 5));
        throw new Error("async failure inside respondWith");
      })(),
    );
  }
  if (p === "/not-a-response") return event.respondWith("a string");
  if (p === "/promise-of-not-a-response") return event.respondWith(Promise.resolve({ body: "x" }));
  if (p === "/respond-twice") {
    event.respondWith(new Response("first"));
    let second;
    try {
      event.respondWith(new Response("second"));
      second = "no error";
    } catch (e) {
      second = e.name;
    }
    globalThis.__respondTwice = second;
    return;
  }
  if (p === "/respond-twice-result") return event.respondWith(new Response(String(globalThis.__respondTwice)));
  if (p === "/respond-after-await") {
    // respondWith must be called synchronously; calling it later is an error
    setTimeout(() => {
      try {
        event.respondWith(new Response("too late"));
      } catch (e) {
        globalThis.__lateError = e.name;
      }
    }, 0);
    return;
  }

  event.respondWith(handle(event));
});

async function handle(event) {
  const request = event.request;
  const url = new URL(request.url);
  switch (url.pathname) {
    case "/":
      return new Response("service worker root");
    case "/event":
      return run({
        "event.type": () => event.type,
        "event.isEvent": () => event instanceof Event,
        "event.fetchEvent": () => (typeof FetchEvent === "function" ? event instanceof FetchEvent : "no FetchEvent"),
        "event.methods": () => ["respondWith", "waitUntil", "passThroughOnException"].map((m) => typeof event[m]),
        "event.request": () => [request.method, request.url, request.headers.get("x-sw")],
        "event.requestIsStable": () => event.request === request,
        "event.requestHeadersImmutable": () => thrown(() => request.headers.set("a", "b")),
        "globals.kv": () => [typeof STORE, typeof STORE.get, typeof STORE.list],
        "globals.var": () => MODE,
        "globals.jsonVar": () => SETTINGS,
        "globals.self": () => typeof self.addEventListener,
        "listenerCalls.positive": () => listenerCalls > 0,
        "addEventListener.unknownType": () => {
          addEventListener("not-a-real-event", () => {});
          return "ok";
        },
      });
    case "/kv": {
      await STORE.put("sw-key", "sw-value", { metadata: { by: "service-worker" } });
      const r = await STORE.getWithMetadata("sw-key");
      const list = await STORE.list();
      return Response.json({ value: r.value, metadata: r.metadata, keys: list.keys.map((k) => k.name) });
    }
    case "/wait-until": {
      event.waitUntil(
        (async () => {
          await new Promise((r) => setTimeout(r, 50));
          await STORE.put("waited", "written by waitUntil");
        })(),
      );
      return new Response("scheduled background work");
    }
    case "/wait-until-result":
      return new Response(String(await STORE.get("waited")));
    case "/async-body": {
      await new Promise((r) => setTimeout(r, 10));
      return new Response("responded after a timer", { status: 201, headers: { "x-sw": "1" } });
    }
    case "/echo":
      return new Response(await request.text(), { headers: { "content-type": request.headers.get("content-type") || "text/plain" } });
    case "/after-errors":
      return new Response(`still serving, late respondWith: ${globalThis.__lateError ?? "not recorded"}`);
  }
  return new Response("no such route", { status: 404 });
}
