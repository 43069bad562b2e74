// node:stream — a compact Readable/Writable/Duplex/Transform/PassThrough with pipe, pipeline
// and finished: enough for libraries that produce or consume Node streams.
// Deviation: not Node's implementation — no unpipe, writev batching, Readable.toWeb/fromWeb or
// compose; backpressure follows highWaterMark only roughly; errors surface in the order this
// code emits them.
(function (require) {
  "use strict";
  const EE = require("events");
  const { Buffer } = require("buffer");
  const errors = require("internal/errors");
  const nextTick = (fn, ...args) => queueMicrotask(() => fn(...args));

  function Stream(opts) { EE.call(this, opts); }
  Object.setPrototypeOf(Stream.prototype, EE.prototype);
  Object.setPrototypeOf(Stream, EE);
  Stream.prototype.pipe = function pipe(dest, options) {
    const src = this;
    src.on("data", (chunk) => { if (dest.write(chunk) === false && src.pause) src.pause(); });
    dest.on("drain", () => { if (src.resume) src.resume(); });
    if (!options || options.end !== false) src.on("end", () => dest.end());
    dest.emit("pipe", src);
    return dest;
  };

  // destroyImpl marks the stream destroyed at once; "error" and "close" follow on a later tick.
  function destroyImpl(stream, err, cb) {
    const s = stream._state;
    if (s.destroyed) { if (cb) nextTick(cb, err); return stream; }
    s.destroyed = true;
    stream._destroy(err || null, (e) => {
      if (cb) cb(e);
      if (e) s.errored = e;
      nextTick(() => {
        if (e) stream.emit("error", e);
        s.closed = true;
        if (s.emitClose !== false) stream.emit("close");
      });
    });
    return stream;
  }

  function Readable(options = {}) {
    if (!(this instanceof Readable)) return new Readable(options);
    Stream.call(this, options);
    const objectMode = !!(options.objectMode || options.readableObjectMode);
    this._state = this._state || {};
    this._rs = { objectMode, highWaterMark: options.highWaterMark ?? (objectMode ? 16 : 65536), buffer: [], length: 0, flowing: null, ended: false, endEmitted: false, reading: false, encoding: null, decoder: null };
    if (options.encoding) this.setEncoding(options.encoding);
    if (typeof options.read === "function") this._read = options.read;
    if (typeof options.destroy === "function") this._destroy = options.destroy;
    this._state.emitClose = options.emitClose !== false;
  }
  Object.setPrototypeOf(Readable.prototype, Stream.prototype);
  Object.setPrototypeOf(Readable, Stream);
  const R = Readable.prototype;
  R._read = function () { throw new errors.ERR_METHOD_NOT_IMPLEMENTED("_read()"); };
  R._destroy = function (err, cb) { cb(err); };
  R.destroy = function (err, cb) { return destroyImpl(this, err, cb); };
  R.setEncoding = function (enc) {
    const { StringDecoder } = require("string_decoder");
    this._rs.decoder = new StringDecoder(enc);
    this._rs.encoding = this._rs.decoder.encoding;
    return this;
  };
  R.push = function push(chunk, encoding) {
    const rs = this._rs;
    if (chunk === null) {
      rs.ended = true;
      nextTick(() => flow(this));
      return false;
    }
    if (rs.ended) { this.emit("error", new errors.ERR_STREAM_PUSH_AFTER_EOF()); return false; }
    if (!rs.objectMode) {
      if (typeof chunk === "string") chunk = Buffer.from(chunk, encoding);
      else if (chunk instanceof Uint8Array && !Buffer.isBuffer(chunk)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (rs.decoder) chunk = rs.decoder.write(chunk);
      if (chunk.length === 0) return rs.length < rs.highWaterMark;
    }
    rs.buffer.push(chunk);
    rs.length += rs.objectMode ? 1 : chunk.length;
    rs.reading = false;
    nextTick(() => flow(this));
    if (rs.flowing === null || rs.flowing === false) this.emit("readable");
    return rs.length < rs.highWaterMark;
  };
  R.unshift = function (chunk) { this._rs.buffer.unshift(chunk); this._rs.length += this._rs.objectMode ? 1 : chunk.length; };
  function maybeRead(stream) {
    const rs = stream._rs;
    if (!rs.ended && !rs.reading && rs.length < rs.highWaterMark && !stream._state.destroyed) {
      rs.reading = true;
      stream._read(rs.highWaterMark);
    }
  }
  function flow(stream) {
    const rs = stream._rs;
    if (stream._state.destroyed) return;
    while (rs.flowing && rs.buffer.length > 0) {
      const chunk = rs.buffer.shift();
      rs.length -= rs.objectMode ? 1 : chunk.length;
      stream.emit("data", chunk);
    }
    if (rs.ended && rs.buffer.length === 0) {
      if (!rs.endEmitted && (rs.flowing || rs.readCalled)) {
        rs.endEmitted = true;
        if (rs.decoder) { const rest = rs.decoder.end(); if (rest && rs.flowing) stream.emit("data", rest); }
        stream.emit("end");
        if (stream._state.autoDestroy !== false) nextTick(() => { if (!stream._state.destroyed) { stream._state.destroyed = true; stream._state.closed = true; stream.emit("close"); } });
      }
      return;
    }
    if (rs.flowing) maybeRead(stream);
  }
  R.read = function read(n) {
    const rs = this._rs;
    rs.readCalled = true;
    if (rs.buffer.length === 0) { maybeRead(this); if (rs.ended) nextTick(() => flow(this)); return null; }
    let chunk;
    if (rs.objectMode || n === undefined) {
      if (rs.objectMode) chunk = rs.buffer.shift();
      else { chunk = typeof rs.buffer[0] === "string" ? rs.buffer.join("") : Buffer.concat(rs.buffer); rs.buffer = []; }
    } else {
      const all = typeof rs.buffer[0] === "string" ? rs.buffer.join("") : Buffer.concat(rs.buffer);
      if (all.length < n && !rs.ended) { rs.buffer = [all]; return null; }
      chunk = all.slice(0, n);
      rs.buffer = all.length > n ? [all.slice(n)] : [];
    }
    rs.length -= rs.objectMode ? 1 : chunk.length;
    this.emit("data", chunk);
    maybeRead(this);
    if (rs.ended && rs.buffer.length === 0) nextTick(() => flow(this));
    return chunk;
  };
  R.on = function on(ev, fn) {
    const res = Stream.prototype.on.call(this, ev, fn);
    if (ev === "data" && this._rs.flowing !== false) this.resume();
    if (ev === "readable") { this._rs.flowing = false; nextTick(() => { maybeRead(this); if (this._rs.buffer.length) this.emit("readable"); }); }
    return res;
  };
  R.addListener = R.on;
  R.resume = function resume() {
    const rs = this._rs;
    if (!rs.flowing) { rs.flowing = true; nextTick(() => { this.emit("resume"); flow(this); maybeRead(this); }); }
    return this;
  };
  R.pause = function pause() { if (this._rs.flowing !== false) { this._rs.flowing = false; this.emit("pause"); } return this; };
  R.isPaused = function () { return this._rs.flowing === false; };
  R.unpipe = function () { return this; };
  R[Symbol.asyncIterator] = function () {
    const stream = this;
    const queue = [];
    let waiting = null, done = false, error = null;
    const settle = () => {
      if (!waiting) return;
      const w = waiting;
      if (queue.length) { waiting = null; w.resolve({ value: queue.shift(), done: false }); }
      else if (error) { waiting = null; w.reject(error); }
      else if (done) { waiting = null; w.resolve({ value: undefined, done: true }); }
    };
    stream.on("data", (c) => { queue.push(c); settle(); });
    stream.on("end", () => { done = true; settle(); });
    stream.on("error", (e) => { error = e; settle(); });
    stream.on("close", () => { done = true; settle(); });
    return {
      next() { return new Promise((resolve, reject) => { waiting = { resolve, reject }; settle(); }); },
      return() { stream.destroy(); return Promise.resolve({ value: undefined, done: true }); },
      [Symbol.asyncIterator]() { return this; },
    };
  };
  Object.defineProperties(R, {
    readable: { get() { return !this._state.destroyed && !this._rs.endEmitted; }, configurable: true },
    readableEnded: { get() { return this._rs.endEmitted; }, configurable: true },
    readableFlowing: { get() { return this._rs.flowing; }, configurable: true },
    readableLength: { get() { return this._rs.length; }, configurable: true },
    readableObjectMode: { get() { return this._rs.objectMode; }, configurable: true },
    readableHighWaterMark: { get() { return this._rs.highWaterMark; }, configurable: true },
    destroyed: { get() { return !!this._state.destroyed; }, set(v) { this._state.destroyed = v; }, configurable: true },
  });
  Readable.from = function from(iterable, opts) {
    if (typeof iterable === "string" || iterable instanceof Uint8Array) {
      const once = iterable;
      iterable = [once];
    }
    let it;
    const r = new Readable({ objectMode: true, ...opts, read() {
      if (!it) it = iterable[Symbol.asyncIterator] ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
      Promise.resolve(it.next()).then(({ value, done }) => {
        if (done) r.push(null);
        else Promise.resolve(value).then((v) => { if (v === null) r.destroy(new errors.ERR_STREAM_NULL_VALUES()); else r.push(v); }, (e) => r.destroy(e));
      }, (e) => r.destroy(e));
    } });
    return r;
  };

  function Writable(options = {}) {
    if (!(this instanceof Writable) && !(this instanceof Duplex)) return new Writable(options);
    Stream.call(this, options);
    const objectMode = !!(options.objectMode || options.writableObjectMode);
    this._state = this._state || {};
    this._ws = { objectMode, highWaterMark: options.highWaterMark ?? (objectMode ? 16 : 65536), length: 0, queue: [], writing: false, ending: false, finished: false, decodeStrings: options.decodeStrings !== false, corked: 0, endCallbacks: [] };
    if (typeof options.write === "function") this._write = options.write;
    if (typeof options.writev === "function") this._writev = options.writev;
    if (typeof options.final === "function") this._final = options.final;
    if (typeof options.destroy === "function") this._destroy = options.destroy;
    this._state.emitClose = options.emitClose !== false;
  }
  Object.setPrototypeOf(Writable.prototype, Stream.prototype);
  Object.setPrototypeOf(Writable, Stream);
  const W = Writable.prototype;
  W._write = function (chunk, enc, cb) {
    if (this._writev) this._writev([{ chunk, encoding: enc }], cb);
    else throw new errors.ERR_METHOD_NOT_IMPLEMENTED("_write()");
  };
  W._destroy = function (err, cb) { cb(err); };
  W.destroy = function (err, cb) { return destroyImpl(this, err, cb); };
  W.write = function write(chunk, encoding, cb) {
    const ws = this._ws;
    if (typeof encoding === "function") { cb = encoding; encoding = undefined; }
    if (chunk === null) throw new errors.ERR_STREAM_NULL_VALUES();
    if (ws.ending) {
      const err = new errors.ERR_STREAM_WRITE_AFTER_END();
      nextTick(() => { if (cb) cb(err); this.emit("error", err); });
      return false;
    }
    if (!ws.objectMode && typeof chunk === "string" && ws.decodeStrings) { chunk = Buffer.from(chunk, encoding); encoding = "buffer"; }
    else if (!ws.objectMode && chunk instanceof Uint8Array && !Buffer.isBuffer(chunk)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!ws.objectMode && typeof chunk !== "string" && !(chunk instanceof Uint8Array)) throw new errors.ERR_INVALID_ARG_TYPE("chunk", ["string", "Buffer", "Uint8Array"], chunk);
    ws.length += ws.objectMode ? 1 : chunk.length;
    ws.queue.push({ chunk, encoding: encoding || (typeof chunk === "string" ? "utf8" : "buffer"), cb });
    const ok = ws.length < ws.highWaterMark;
    if (!ok) ws.needDrain = true;
    if (!ws.corked) drainQueue(this);
    return ok;
  };
  W.cork = function () { this._ws.corked++; };
  W.uncork = function () { if (this._ws.corked > 0 && --this._ws.corked === 0) drainQueue(this); };
  W.setDefaultEncoding = function () { return this; };
  function drainQueue(stream) {
    const ws = stream._ws;
    if (ws.writing || stream._state.destroyed) return;
    const next = ws.queue.shift();
    if (!next) {
      if (ws.needDrain) { ws.needDrain = false; stream.emit("drain"); }
      if (ws.ending && !ws.finishing) finish(stream);
      return;
    }
    ws.writing = true;
    let sync = true;
    stream._write(next.chunk, next.encoding, (err) => {
      ws.writing = false;
      ws.length -= ws.objectMode ? 1 : next.chunk.length;
      const after = () => {
        if (err) { if (next.cb) next.cb(err); stream.destroy(err); return; }
        if (next.cb) next.cb(null);
        drainQueue(stream);
      };
      if (sync) nextTick(after); else after();
    });
    sync = false;
  }
  function finish(stream) {
    const ws = stream._ws;
    ws.finishing = true;
    const done = (err) => {
      if (err) { stream.destroy(err); return; }
      ws.finished = true;
      for (const cb of ws.endCallbacks.splice(0)) cb();
      stream.emit("finish");
      if (stream._state.autoDestroy !== false && (!stream._rs || stream._rs.endEmitted)) {
        nextTick(() => { if (!stream._state.closed) { stream._state.destroyed = true; stream._state.closed = true; stream.emit("close"); } });
      }
    };
    if (typeof stream._final === "function") stream._final((e) => nextTick(done, e));
    else nextTick(done);
  }
  W.end = function end(chunk, encoding, cb) {
    if (typeof chunk === "function") { cb = chunk; chunk = undefined; }
    else if (typeof encoding === "function") { cb = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    const ws = this._ws;
    if (cb) { if (ws.finished) nextTick(cb); else ws.endCallbacks.push(cb); }
    if (!ws.ending) { ws.ending = true; ws.corked = 0; drainQueue(this); }
    return this;
  };
  Object.defineProperties(W, {
    writable: { get() { return !this._state.destroyed && !this._ws.ending; }, configurable: true },
    writableEnded: { get() { return this._ws.ending; }, configurable: true },
    writableFinished: { get() { return this._ws.finished; }, configurable: true },
    writableLength: { get() { return this._ws.length; }, configurable: true },
    writableObjectMode: { get() { return this._ws.objectMode; }, configurable: true },
    writableHighWaterMark: { get() { return this._ws.highWaterMark; }, configurable: true },
    writableNeedDrain: { get() { return !!this._ws.needDrain; }, configurable: true },
    destroyed: { get() { return !!this._state.destroyed; }, set(v) { this._state.destroyed = v; }, configurable: true },
  });

  function Duplex(options = {}) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    Readable.call(this, options);
    Writable.call(this, options);
    if (options.allowHalfOpen === false) this.once("end", () => this.end());
  }
  Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
  Object.setPrototypeOf(Duplex, Readable);
  for (const k of Object.getOwnPropertyNames(W)) {
    if (k === "constructor" || k === "destroy" || k === "_destroy" || k === "destroyed") continue;
    if (!Object.prototype.hasOwnProperty.call(Duplex.prototype, k)) Object.defineProperty(Duplex.prototype, k, Object.getOwnPropertyDescriptor(W, k));
  }

  function Transform(options = {}) {
    if (!(this instanceof Transform)) return new Transform(options);
    Duplex.call(this, options);
    if (typeof options.transform === "function") this._transform = options.transform;
    if (typeof options.flush === "function") this._flush = options.flush;
  }
  Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
  Object.setPrototypeOf(Transform, Duplex);
  Transform.prototype._transform = function () { throw new errors.ERR_METHOD_NOT_IMPLEMENTED("_transform()"); };
  Transform.prototype._write = function (chunk, enc, cb) {
    this._transform(chunk, enc, (err, data) => {
      if (err) { cb(err); return; }
      if (data !== undefined && data !== null) this.push(data);
      cb();
    });
  };
  Transform.prototype._read = function () {};
  Transform.prototype._final = function (cb) {
    const end = (err, data) => {
      if (err) { cb(err); return; }
      if (data !== undefined && data !== null) this.push(data);
      this.push(null);
      cb();
    };
    if (typeof this._flush === "function") this._flush(end); else end();
  };

  function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    Transform.call(this, options);
  }
  Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
  Object.setPrototypeOf(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, enc, cb) { cb(null, chunk); };

  function finished(stream, opts, callback) {
    if (typeof opts === "function") { callback = opts; opts = {}; }
    let called = false;
    const done = (err) => { if (!called) { called = true; callback.call(stream, err); } };
    const onEnd = () => { if (!stream._ws || stream._ws.finished) done(); };
    const onFinish = () => { if (!stream._rs || stream._rs.endEmitted || opts?.readable === false) done(); };
    const onError = (e) => done(e);
    const onClose = () => {
      if ((stream._rs && !stream._rs.endEmitted && opts?.readable !== false) || (stream._ws && !stream._ws.finished && opts?.writable !== false)) done(new errors.ERR_STREAM_PREMATURE_CLOSE());
      else done();
    };
    stream.on("end", onEnd);
    stream.on("finish", onFinish);
    stream.on("error", onError);
    stream.on("close", onClose);
    return () => {
      stream.removeListener("end", onEnd);
      stream.removeListener("finish", onFinish);
      stream.removeListener("error", onError);
      stream.removeListener("close", onClose);
    };
  }
  function pipeline(...streams) {
    const callback = typeof streams[streams.length - 1] === "function" ? streams.pop() : null;
    if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
    if (streams.length < 2) throw new errors.ERR_MISSING_ARGS("streams");
    let error;
    let remaining = streams.length - 1;
    const last = streams[streams.length - 1];
    const fail = (err) => {
      if (error) return;
      error = err;
      for (const s of streams) if (typeof s.destroy === "function" && !s.destroyed) s.destroy();
      if (callback) callback(err);
    };
    for (let i = 0; i < streams.length - 1; i++) {
      streams[i].pipe(streams[i + 1]);
      finished(streams[i], { writable: false }, (err) => { if (err) fail(err); });
    }
    finished(last, { readable: false }, (err) => {
      if (err) { fail(err); return; }
      if (--remaining >= 0 && !error && callback) { error = true; callback(); }
    });
    return last;
  }
  const promises = {
    pipeline: (...streams) => new Promise((resolve, reject) => pipeline(...streams, (err) => (err ? reject(err) : resolve()))),
    finished: (stream, opts) => new Promise((resolve, reject) => finished(stream, opts || {}, (err) => (err ? reject(err) : resolve()))),
  };

  Stream.Stream = Stream;
  Stream.Readable = Readable;
  Stream.Writable = Writable;
  Stream.Duplex = Duplex;
  Stream.Transform = Transform;
  Stream.PassThrough = PassThrough;
  Stream.pipeline = pipeline;
  Stream.finished = finished;
  Stream.promises = promises;
  Stream.isReadable = (s) => !!(s && s._rs && !s.destroyed && !s._rs.endEmitted);
  Stream.isErrored = (s) => !!(s && s._state && s._state.errored);
  Stream.addAbortSignal = (signal, stream) => { signal.addEventListener("abort", () => stream.destroy(errors.abortError(signal)), { once: true }); return stream; };
  return Stream;
})
