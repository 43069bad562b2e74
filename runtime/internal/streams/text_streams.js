// TextEncoderStream and TextDecoderStream (WHATWG Encoding §7), built on TransformStream and the
// host's TextEncoder/TextDecoder. The completion value is installTextStreams(global).
(function () {
  "use strict";
  return function installTextStreams(global) {
    const { TransformStream, TextEncoder, TextDecoder } = global;
    const define = (name, cls) =>
      Object.defineProperty(global, name, { value: cls, writable: true, configurable: true, enumerable: false });
    const tag = (cls, name) =>
      Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: name, configurable: true });

    class TextEncoderStream {
      #transform;
      constructor() {
        const encoder = new TextEncoder();
        // A high surrogate at the end of a chunk waits for the low one in the next chunk.
        let pendingHigh = "";
        this.#transform = new TransformStream({
          transform(chunk, controller) {
            let s = pendingHigh + String(chunk);
            pendingHigh = "";
            const last = s.charCodeAt(s.length - 1);
            if (last >= 0xd800 && last <= 0xdbff) {
              pendingHigh = s.slice(-1);
              s = s.slice(0, -1);
            }
            if (s.length > 0) controller.enqueue(encoder.encode(s));
          },
          flush(controller) {
            if (pendingHigh) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
          },
        });
      }
      get encoding() { return "utf-8"; }
      get readable() { return this.#transform.readable; }
      get writable() { return this.#transform.writable; }
    }
    tag(TextEncoderStream, "TextEncoderStream");

    class TextDecoderStream {
      #transform;
      #decoder;
      constructor(label = "utf-8", options = {}) {
        const decoder = new TextDecoder(label, options);
        this.#decoder = decoder;
        this.#transform = new TransformStream({
          transform(chunk, controller) {
            if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk)) {
              throw new TypeError("TextDecoderStream: chunk must be an ArrayBuffer or ArrayBufferView");
            }
            const s = decoder.decode(chunk, { stream: true });
            if (s) controller.enqueue(s);
          },
          flush(controller) {
            const s = decoder.decode();
            if (s) controller.enqueue(s);
          },
        });
      }
      get encoding() { return this.#decoder.encoding; }
      get fatal() { return this.#decoder.fatal; }
      get ignoreBOM() { return this.#decoder.ignoreBOM; }
      get readable() { return this.#transform.readable; }
      get writable() { return this.#transform.writable; }
    }
    tag(TextDecoderStream, "TextDecoderStream");

    define("TextEncoderStream", TextEncoderStream);
    define("TextDecoderStream", TextDecoderStream);
  };
})();
