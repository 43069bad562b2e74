// crypto.DigestStream (a Workers extension): a WritableStream that hashes what is written to
// it; its digest promise resolves to the hash as an ArrayBuffer when the stream closes. The
// completion value is installDigestStream(global, newHash), where newHash(algorithm) returns
// {update(chunk), sum()} backed by a Go hash (and throws NotSupportedError for an unknown
// algorithm); update throws TypeError for a chunk that is not bytes or a string.
(function () {
  "use strict";
  return function installDigestStream(global, newHash) {
    const { WritableStream, Promise } = global;
    class DigestStream extends WritableStream {
      #digest;
      #state;
      constructor(algorithm) {
        if (algorithm === undefined) {
          throw new TypeError("Failed to construct 'DigestStream': constructor parameter 1 is not of type 'string or HashAlgorithm'.");
        }
        const hash = newHash(algorithm);
        const state = { bytes: 0n, resolve: undefined, reject: undefined };
        const digest = new Promise((resolve, reject) => {
          state.resolve = resolve;
          state.reject = reject;
        });
        digest.catch(() => {});
        super({
          write(chunk) { state.bytes += BigInt(hash.update(chunk)); },
          close() { state.resolve(hash.sum()); },
          abort(reason) { state.reject(reason); },
        });
        this.#digest = digest;
        this.#state = state;
      }
      get digest() { return this.#digest; }
      get bytesWritten() { return this.#state.bytes; }
    }
    Object.defineProperty(DigestStream.prototype, Symbol.toStringTag, { value: "DigestStream", configurable: true });
    return DigestStream;
  };
})();
