// CompressionStream and DecompressionStream (Compression Streams §5, §6), built on
// TransformStream and Go codecs. The completion value is installCompression(global, host), where
// host.compressor(format) and host.decompressor(format) return a codec with push(chunk) and
// finish(), which return arrays of Uint8Array output pieces (and throw TypeError on bad input),
// and abort(). host is never exposed to user code.
(function () {
  "use strict";
  return function installCompression(global, host) {
    const { TransformStream } = global;
    const define = (name, cls) =>
      Object.defineProperty(global, name, { value: cls, writable: true, configurable: true, enumerable: false });
    const tag = (cls, name) =>
      Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: name, configurable: true });

    // WebIDL enum conversion: ToString (a Symbol throws TypeError), then membership.
    function toFormat(format) {
      const f = `${format}`;
      if (f !== "deflate" && f !== "deflate-raw" && f !== "gzip") {
        throw new TypeError("The compression format must be either 'deflate', 'deflate-raw' or 'gzip'.");
      }
      return f;
    }

    function enqueueAll(controller, pieces) {
      for (let i = 0; i < pieces.length; i++) controller.enqueue(pieces[i]);
    }

    function codecStream(codec) {
      return new TransformStream({
        transform(chunk, controller) { enqueueAll(controller, codec.push(chunk)); },
        flush(controller) { enqueueAll(controller, codec.finish()); },
        cancel() { codec.abort(); },
      });
    }

    class CompressionStream {
      #transform;
      constructor(format) {
        this.#transform = codecStream(host.compressor(toFormat(format)));
      }
      get readable() { return this.#transform.readable; }
      get writable() { return this.#transform.writable; }
    }
    tag(CompressionStream, "CompressionStream");

    class DecompressionStream {
      #transform;
      constructor(format) {
        this.#transform = codecStream(host.decompressor(toFormat(format)));
      }
      get readable() { return this.#transform.readable; }
      get writable() { return this.#transform.writable; }
    }
    tag(DecompressionStream, "DecompressionStream");

    define("CompressionStream", CompressionStream);
    define("DecompressionStream", DecompressionStream);
  };
})();
