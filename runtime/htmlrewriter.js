// HTMLRewriter (Workers runtime API): the class and the streaming driver. The completion value is
// installHTMLRewriter(global, host); host.rewriter(entries, contentType) returns a Go rewriter with write(bytes),
// end(), step(), take() and done(). step() runs the rewriter until a handler returns a promise
// and returns that promise (the stream waits for it), or false when it needs input or is done.
// host is never exposed to user code.
(function () {
  "use strict";
  return function installHTMLRewriter(global, host) {
    const { Response, ReadableStream, TypeError } = global;
    const entriesOf = new WeakMap();

    function checkHandlers(handlers, fields, type) {
      if (handlers === null || handlers === undefined) return {};
      if (typeof handlers !== "object" && typeof handlers !== "function") {
        throw new TypeError(`Failed to execute 'on' on 'HTMLRewriter': parameter 2 is not of type '${type}'.`);
      }
      for (const f of fields) {
        const v = handlers[f];
        if (v !== undefined && typeof v !== "function") {
          throw new TypeError(`Incorrect type for the '${f}' field on '${type}': the provided value is not of type 'function'.`);
        }
      }
      return handlers;
    }

    function HTMLRewriter() {
      if (!new.target) {
        throw new TypeError("Failed to construct 'HTMLRewriter': Please use the 'new' operator, this object constructor cannot be called as a function.");
      }
      entriesOf.set(this, []);
    }
    function entries(self, method) {
      const e = entriesOf.get(self);
      if (e === undefined) throw new TypeError("Illegal invocation");
      return e;
    }
    const methods = {
      on(selector, handlers) {
        const list = entries(this, "on");
        const sel = host.selector(`${selector}`);
        list.push({ selector: sel, handlers: checkHandlers(handlers, ["element", "comments", "text"], "ElementContentHandlers") });
        return this;
      },
      onDocument(handlers) {
        const list = entries(this, "onDocument");
        list.push({ handlers: checkHandlers(handlers, ["doctype", "comments", "text", "end"], "DocumentContentHandlers") });
        return this;
      },
      transform(response) {
        const list = entries(this, "transform");
        if (!(response instanceof Response)) {
          throw new TypeError("Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'.");
        }
        const contentType = response.headers.get("content-type") ?? "";
        host.checkCharset(contentType);
        const body = response.body;
        if (body === null) return new Response(null, response);
        if (body.locked || response.bodyUsed) throw new TypeError("The ReadableStream has been locked to a reader.");
        const reader = body.getReader();
        host.markUsed(response);
        const rw = host.rewriter(list.slice(), contentType);
        let closed = false;
        const out = new ReadableStream({
          async pull(controller) {
            try {
              while (!closed) {
                let s;
                while ((s = rw.step()) !== false) {
                  const early = rw.take();
                  if (early !== undefined) controller.enqueue(early);
                  await s;
                }
                const chunk = rw.take();
                if (rw.done()) {
                  closed = true;
                  if (chunk !== undefined) controller.enqueue(chunk);
                  controller.close();
                  return;
                }
                if (chunk !== undefined) {
                  controller.enqueue(chunk);
                  return;
                }
                const { done, value } = await reader.read();
                if (done) rw.end();
                else rw.write(value);
              }
            } catch (e) {
              closed = true;
              reader.cancel(e).catch(() => {});
              throw e;
            }
          },
          cancel(reason) {
            // As a pipe from the input would: the chunk in flight is taken, then the input is
            // cancelled (so one more write to it succeeds, later ones fail with reason).
            closed = true;
            reader.read().then(() => reader.cancel(reason)).catch(() => {});
          },
        });
        const res = new Response(out, response);
        res.headers.delete("content-length");
        return res;
      },
    };
    for (const name of ["on", "onDocument", "transform"]) {
      Object.defineProperty(HTMLRewriter.prototype, name, { value: methods[name], writable: true, enumerable: true, configurable: true });
    }
    Object.defineProperty(HTMLRewriter.prototype, Symbol.toStringTag, { value: "HTMLRewriter", configurable: true });
    Object.defineProperty(global, "HTMLRewriter", { value: HTMLRewriter, writable: true, configurable: true, enumerable: false });
  };
})();
