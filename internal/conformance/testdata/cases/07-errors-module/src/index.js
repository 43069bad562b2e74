// Uncaught exceptions and bad return values in an ES-module worker. The runtime answers 500 and
// the first line of the body is "Name: message"; the worker must keep serving afterwards.

class ValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = "ValidationError";
  }
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/ok":
        return new Response("still alive");
      case "/throw/error":
        throw new Error("plain failure");
      case "/throw/type-error":
        throw new TypeError("wrong type here");
      case "/throw/range-error":
        new Array(-1);
        return new Response("unreachable");
      case "/throw/reference-error":
        return new Response(notDefinedAnywhere); // eslint-disable-line no-undef
      case "/throw/custom":
        throw new ValidationError("field 'name' is required");
      case "/throw/string":
        throw "a thrown string";
      case "/throw/number":
        throw 42;
      case "/throw/object":
        throw { code: 7 };
      case "/throw/null":
        throw null;
      case "/throw/multiline":
        throw new Error("first line\nsecond line\nthird line");
      case "/throw/empty-message":
        throw new Error();
      case "/throw/async": {
        await new Promise((r) => setTimeout(r, 5));
        throw new RangeError("after a timer");
      }
      case "/throw/rejected":
        return Promise.reject(new SyntaxError("rejected promise"));
      case "/throw/kv":
        await env.KV.put("", "value");
        return new Response("unreachable");
      case "/throw/body-used": {
        await request.text();
        await request.text();
        return new Response("unreachable");
      }
      case "/engine-errors": {
        // errors raised by the JS engine itself: compare their types, not engine-specific wording
        const name = (fn) => {
          try {
            fn();
            return "no error";
          } catch (e) {
            return [e.name, e instanceof Error];
          }
        };
        return Response.json({
          nullProperty: name(() => null.x),
          undefinedCall: name(() => undefined()),
          jsonParse: name(() => JSON.parse("{not json")),
          badArrayLength: name(() => new Array(-1)),
          bigintMix: name(() => 1n + 1),
        });
      }
      case "/return/string":
        return "not a response";
      case "/return/undefined":
        return undefined;
      case "/return/null":
        return null;
      case "/return/object":
        return { status: 200, body: "looks like a response" };
      case "/return/promise-of-string":
        return Promise.resolve("still not a response");
      case "/return/response-like-class": {
        class Response2 {}
        return new Response2();
      }
      case "/waituntil/rejects": {
        ctx.waitUntil(Promise.reject(new Error("background failure")));
        return new Response("response is fine");
      }
      case "/stack-overflow": {
        // unbounded recursion must end in a catchable RangeError, not a hang
        const f = (n) => f(n + 1) + 1;
        try {
          f(0);
          return Response.json({ caught: "no error" });
        } catch (e) {
          return Response.json({ caught: e.name, isError: e instanceof Error, usable: "after" });
        }
      }
      case "/catch-and-report": {
        try {
          throw new ValidationError("caught");
        } catch (e) {
          return Response.json({ name: e.name, message: e.message, isError: e instanceof Error, str: String(e), stackType: typeof e.stack }, { status: 422 });
        }
      }
    }
    return new Response("not found", { status: 404 });
  },
};
