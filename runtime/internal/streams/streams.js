// edge:streams.js — the WHATWG Streams Standard (https://streams.spec.whatwg.org/)
// for goja, plus Cloudflare's IdentityTransformStream and FixedLengthStream.
//
// The script's completion value is installStreams(global). Calling it defines
// the stream classes on `global` and returns the `internal` object that only
// the Go host sees. Nothing else on `global` is read or written, except that
// pipeTo looks at global.AbortSignal and WritableStreamDefaultController#signal
// at global.AbortController when they are used (both are optional).
//
// Layout: every public object holds one private #impl field that points at a
// plain internal record (RS, Reader, WS, Writer, TS and their controllers).
// The abstract operations of the spec are module functions over those records,
// named after the spec (rs* = ReadableStream*, rsc* = ReadableStream[Default|
// Byte]Controller*, ws*, wsc*, writer*, ts*, tsc*). Public methods only do
// brand checks and WebIDL argument conversion, then call the operations.
//
// Deviations from the spec are marked "Deviation:" (grep for it).
'use strict';
(function installStreams(global) {
  // ---------------------------------------------------------------------------
  // Primordials: captured so that user code patching globals cannot change how
  // the streams behave internally.
  const $Promise = Promise;
  const $then = Promise.prototype.then;
  const $promiseResolve = Promise.resolve;
  const $promiseReject = Promise.reject;
  const $promiseAll = Promise.all;
  const $apply = Reflect.apply;
  const $defineProperty = Object.defineProperty;
  const $ownKeys = Reflect.ownKeys;
  const $getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const $setPrototypeOf = Object.setPrototypeOf;
  const $TypeError = TypeError;
  const $RangeError = RangeError;
  const $ArrayBuffer = ArrayBuffer;
  const $isView = ArrayBuffer.isView;
  const $Uint8Array = Uint8Array;
  const $DataView = DataView;
  const $Number = Number;
  const $iteratorSymbol = Symbol.iterator;
  const $asyncIteratorSymbol = Symbol.asyncIterator || Symbol.for('Symbol.asyncIterator');
  const $toStringTagSymbol = Symbol.toStringTag;
  const $typedArrayTag = $getOwnPropertyDescriptor(Object.getPrototypeOf($Uint8Array.prototype), $toStringTagSymbol).get;
  const $typedArrayCtors = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
    Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  const MAX_SAFE_INTEGER = 9007199254740991;

  const noop = () => {};
  // kInternal is passed as the first constructor argument when the
  // implementation creates public objects; user code can never obtain it.
  const kInternal = Symbol('edge.streams.internal');
  // kCloseSentinel marks the close request in a writable controller's queue.
  const kCloseSentinel = Symbol('close');

  // ---------------------------------------------------------------------------
  // Promise helpers.
  function resolved(v) { return $apply($promiseResolve, $Promise, [v]); }
  function rejected(e) { return $apply($promiseReject, $Promise, [e]); }
  function then(p, onFulfilled, onRejected) { return $apply($then, p, [onFulfilled, onRejected]); }
  function setHandled(p) { $apply($then, p, [undefined, noop]); }
  // kResolved is only ever used internally (never returned to user code).
  const kResolved = resolved(undefined);
  function microtask(fn) { then(kResolved, fn); }

  // promiseCall invokes a user callback and returns a promise for its result.
  // The result is for internal reactions only (never handed to user code),
  // so the common "returned undefined" case shares kResolved: reacting to it
  // takes the same one microtask as reacting to a fresh resolved promise.
  function promiseCall(fn, thisArg, args) {
    try {
      const r = $apply(fn, thisArg, args);
      return r === undefined ? kResolved : resolved(r);
    } catch (e) {
      return rejected(e);
    }
  }

  // One shared executor captures the resolving functions of each new promise
  // (no closure per promise; goja has no Promise.withResolvers).
  let capturedResolve;
  let capturedReject;
  const captureExecutor = (res, rej) => {
    capturedResolve = res;
    capturedReject = rej;
  };

  // Deferred is a promise plus its resolving functions and a settled flag
  // (the spec sometimes asks whether a promise is still pending).
  class Deferred {
    constructor() {
      this.settled = false;
      this.promise = new $Promise(captureExecutor);
      this.res = capturedResolve;
      this.rej = capturedReject;
    }
    resolve(v) {
      if (this.settled) return;
      this.settled = true;
      this.res(v);
    }
    reject(e) {
      if (this.settled) return;
      this.settled = true;
      this.rej(e);
    }
  }
  function rejectedDeferred(e) {
    const d = new Deferred();
    d.reject(e);
    setHandled(d.promise);
    return d;
  }

  // ---------------------------------------------------------------------------
  // Errors. The classes (TypeError, RangeError) follow the spec. Deviation:
  // only the messages users are known to match on copy workerd's wording
  // (locked streams, IdentityTransformStream/FixedLengthStream, "did not
  // return bytes"); the others are our own.
  function illegalInvocation() { return new $TypeError('Illegal invocation'); }
  function illegalConstructor() { return new $TypeError('Illegal constructor'); }
  const MSG_RS_LOCKED = 'ReadableStream is currently locked to a reader.';
  const MSG_WS_LOCKED = 'WritableStream is currently locked to a writer.';
  const MSG_READER_RELEASED = 'This ReadableStream reader has been released.';
  const MSG_WRITER_RELEASED = 'This WritableStream writer has been released.';
  const MSG_NOT_BYTES = 'This ReadableStream did not return bytes.';

  // ---------------------------------------------------------------------------
  // WebIDL-ish conversions.
  function isObject(x) { return (typeof x === 'object' && x !== null) || typeof x === 'function'; }

  // toDict converts an optional dictionary argument: undefined/null → {}.
  function toDict(x, what) {
    if (x === undefined || x === null) return {};
    if (!isObject(x)) throw new $TypeError(what + ' must be an object.');
    return x;
  }
  function toCallback(f, what) {
    if (f === undefined) return undefined;
    if (typeof f !== 'function') throw new $TypeError(what + ' must be a function.');
    return f;
  }
  function enforceRangeU64(v, what) {
    const n = +v;
    if (n !== n || n === Infinity || n === -Infinity) throw new $TypeError(what + ' must be a finite number.');
    const i = Math.trunc(n);
    if (i < 0 || i > MAX_SAFE_INTEGER) throw new $TypeError(what + ' is out of range.');
    return i;
  }

  // QueuingStrategy dictionary: members read in WebIDL (lexicographic) order.
  function toStrategy(x) {
    const d = toDict(x, 'The queuing strategy');
    const hwm = d.highWaterMark;
    const size = d.size;
    return {
      highWaterMark: hwm === undefined ? undefined : +hwm,
      size: toCallback(size, 'The queuing strategy\'s size'),
    };
  }
  function extractHighWaterMark(strategy, defaultHWM) {
    const hwm = strategy.highWaterMark;
    if (hwm === undefined) return defaultHWM;
    if (hwm !== hwm || hwm < 0) throw new $RangeError('The highWaterMark of a queuing strategy must be a non-negative number.');
    return hwm;
  }
  // extractSizeAlgorithm returns undefined for "every chunk has size 1", which
  // lets the hot paths skip a call.
  function extractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined || size === countSize) return undefined;
    return size;
  }
  function checkChunkSize(size) {
    if (!(size >= 0) || size === Infinity) {
      throw new $RangeError('The return value of a queuing strategy\'s size function must be a finite, non-negative number.');
    }
    return size;
  }

  // Byte helpers.
  function isArrayBuffer(x) { return x instanceof $ArrayBuffer; }
  // toUint8 returns a Uint8Array over the same bytes as an ArrayBuffer or
  // ArrayBufferView, or undefined for anything else.
  function toUint8(x) {
    if ($isView(x)) {
      if (x instanceof $Uint8Array) return x;
      return new $Uint8Array(x.buffer, x.byteOffset, x.byteLength);
    }
    if (isArrayBuffer(x)) return new $Uint8Array(x);
    return undefined;
  }
  function elementSizeOf(view) {
    return view instanceof $DataView ? 1 : view.BYTES_PER_ELEMENT;
  }
  // viewLike returns a view of the same type as view over its buffer, starting
  // at the same offset, nbytes long.
  function viewLike(view, nbytes) {
    if (view instanceof $DataView) return new $DataView(view.buffer, view.byteOffset, nbytes);
    const ctor = $typedArrayCtors[$apply($typedArrayTag, view, [])];
    return new ctor(view.buffer, view.byteOffset, nbytes / ctor.BYTES_PER_ELEMENT);
  }

  // ---------------------------------------------------------------------------
  // Queue-with-sizes (spec §8.1): an array with a moving head, so that dequeue
  // is O(1) amortised. Sizes are stored only when they cannot be recomputed:
  // in the default mode every value has size 1, in bytes mode a value's size
  // is its byteLength, and a custom size function switches to stored sizes.
  const Q_UNIT = 0;
  const Q_BYTES = 1;
  const Q_SIZED = 2;
  class Queue {
    constructor(mode) {
      this.mode = mode;
      this.items = [];
      this.sizes = mode === Q_SIZED ? [] : undefined;
      this.head = 0;
      this.tail = 0;
      this.total = 0;
    }
    isEmpty() { return this.head === this.tail; }
    push(value, size) {
      const t = this.tail;
      this.items[t] = value;
      if (this.sizes !== undefined) this.sizes[t] = size;
      this.tail = t + 1;
      this.total += size;
    }
    peek() { return this.items[this.head]; }
    shift() {
      const h = this.head;
      const items = this.items;
      const v = items[h];
      const mode = this.mode;
      this.total -= mode === Q_UNIT ? (v === kCloseSentinel ? 0 : 1) : mode === Q_BYTES ? v.byteLength : this.sizes[h];
      if (this.total < 0) this.total = 0; // rounding errors, as the spec says
      if (h + 1 === this.tail) {
        items.length = 0;
        if (this.sizes !== undefined) this.sizes.length = 0;
        this.head = 0;
        this.tail = 0;
      } else if (h >= 1024 && h * 2 >= this.tail) {
        this.items = items.slice(h + 1);
        if (this.sizes !== undefined) this.sizes = this.sizes.slice(h + 1);
        this.head = 0;
        this.tail -= h + 1;
      } else {
        items[h] = undefined;
        this.head = h + 1;
      }
      return v;
    }
    // consumeHead drops n bytes from the front Uint8Array entry (bytes mode).
    consumeHead(n) {
      const h = this.head;
      this.items[h] = this.items[h].subarray(n);
      this.total -= n;
      if (this.total < 0) this.total = 0;
    }
    reset() {
      this.items = [];
      if (this.sizes !== undefined) this.sizes = [];
      this.head = 0;
      this.tail = 0;
      this.total = 0;
    }
  }

  // ===========================================================================
  // ReadableStream internals
  // ===========================================================================

  class RS {
    constructor() {
      this.state = 'readable'; // 'readable' | 'closed' | 'errored'
      this.reader = undefined; // Reader
      this.storedError = undefined;
      this.disturbed = false;
      this.controller = undefined; // RSController
      this.wrapper = undefined; // the public ReadableStream
      this.expectedLength = undefined; // FixedLengthStream readable side
    }
  }

  // RSController is ReadableStreamDefaultController and (with bytes = true)
  // ReadableByteStreamController.
  class RSController {
    constructor(stream, bytes) {
      this.stream = stream;
      this.bytes = bytes;
      this.queue = undefined; // set up by rscSetup
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.hwm = 0;
      this.sizeAlgorithm = undefined; // undefined: every chunk has size 1
      this.pullAlgorithm = undefined; // undefined: nothing to pull
      this.cancelAlgorithm = undefined;
      this.wrapper = undefined;
      this.onPullFulfilled = () => {
        this.pulling = false;
        if (this.pullAgain) {
          this.pullAgain = false;
          rscCallPullIfNeeded(this);
        }
      };
      this.onPullRejected = (e) => { rscError(this, e); };
    }
  }

  class Reader {
    constructor(byob) {
      this.byob = byob;
      this.stream = undefined;
      this.closed = undefined; // Deferred
      this.readRequests = []; // default reader
      this.readIntoRequests = []; // BYOB reader
    }
  }

  // Read requests are objects with chunk(v), close(v) and error(e).
  class DefaultReadRequest {
    constructor() {
      this.promise = new $Promise(captureExecutor);
      this.res = capturedResolve;
      this.rej = capturedReject;
    }
    chunk(value) { this.res({ value, done: false }); }
    close() { this.res({ value: undefined, done: true }); }
    error(e) { this.rej(e); }
  }

  class ReadIntoRequest {
    constructor(view, minBytes) {
      this.view = view;
      this.elementSize = elementSizeOf(view);
      this.minBytes = minBytes;
      this.promise = new $Promise(captureExecutor);
      this.res = capturedResolve;
      this.rej = capturedReject;
    }
    chunk(view) { this.res({ value: view, done: false }); }
    close(view) { this.res({ value: view, done: true }); }
    error(e) { this.rej(e); }
  }

  function createRS(startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm, bytes) {
    const s = new RS();
    new ReadableStream(kInternal, s); // sets s.wrapper
    const c = new RSController(s, bytes);
    rscSetup(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm);
    return s;
  }

  function rsLocked(s) { return s.reader !== undefined; }

  function rsNumPendingReads(s) {
    const r = s.reader;
    if (r === undefined) return 0;
    return r.byob ? r.readIntoRequests.length : r.readRequests.length;
  }

  function rsCancel(s, reason) {
    s.disturbed = true;
    if (s.state === 'closed') return resolved(undefined);
    if (s.state === 'errored') return rejected(s.storedError);
    const r = s.reader;
    if (r !== undefined && r.byob && r.readIntoRequests.length > 0) {
      const reqs = r.readIntoRequests;
      r.readIntoRequests = [];
      for (let i = 0; i < reqs.length; i++) reqs[i].close(undefined);
    }
    rsClose(s);
    return then(rscCancelSteps(s.controller, reason), noop);
  }

  function rsClose(s) {
    s.state = 'closed';
    const r = s.reader;
    if (r === undefined) return;
    r.closed.resolve(undefined);
    if (!r.byob) {
      const reqs = r.readRequests;
      if (reqs.length === 0) return;
      r.readRequests = [];
      for (let i = 0; i < reqs.length; i++) reqs[i].close();
    } else {
      const reqs = r.readIntoRequests;
      if (reqs.length === 0) return;
      r.readIntoRequests = [];
      // Deviation: there is no byobRequest to respond(0) to, so pending BYOB
      // reads complete on close with whatever bytes are left (whole elements;
      // rscClose errors the stream first if a partial element is left).
      const q = s.controller.queue;
      for (let i = 0; i < reqs.length; i++) {
        const req = reqs[i];
        const n = byobFillFromQueue(q, req.view, req.elementSize);
        req.close(viewLike(req.view, n));
      }
    }
  }

  function rsError(s, e) {
    s.state = 'errored';
    s.storedError = e;
    const r = s.reader;
    if (r === undefined) return;
    r.closed.reject(e);
    setHandled(r.closed.promise);
    const reqs = r.byob ? r.readIntoRequests : r.readRequests;
    if (reqs.length === 0) return;
    if (r.byob) r.readIntoRequests = []; else r.readRequests = [];
    for (let i = 0; i < reqs.length; i++) reqs[i].error(e);
  }

  // --- controller --------------------------------------------------------------

  function rscSetup(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm) {
    c.hwm = hwm;
    c.sizeAlgorithm = sizeAlgorithm;
    c.queue = new Queue(c.bytes ? Q_BYTES : sizeAlgorithm === undefined ? Q_UNIT : Q_SIZED);
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    s.controller = c;
    const startResult = startAlgorithm === undefined ? undefined : startAlgorithm();
    then(resolved(startResult), () => {
      c.started = true;
      rscCallPullIfNeeded(c);
    }, (r) => { rscError(c, r); });
  }

  function rscCanCloseOrEnqueue(c) {
    return !c.closeRequested && c.stream.state === 'readable';
  }

  function rscDesiredSize(c) {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.hwm - c.queue.total;
  }

  function rscShouldCallPull(c) {
    if (!c.started || c.closeRequested || c.stream.state !== 'readable') return false;
    if (rsNumPendingReads(c.stream) > 0) return true;
    return c.hwm - c.queue.total > 0;
  }

  function rscCallPullIfNeeded(c) {
    // A stream without a pull algorithm has nothing observable to do here.
    if (c.pullAlgorithm === undefined) return;
    if (!rscShouldCallPull(c)) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    then(c.pullAlgorithm(), c.onPullFulfilled, c.onPullRejected);
  }

  function rscClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
    c.sizeAlgorithm = undefined;
  }

  // rscClose is ReadableStream[Default|Byte]ControllerClose. Returns quietly if
  // the stream can no longer be closed (callers that must throw check first).
  function rscClose(c) {
    if (!rscCanCloseOrEnqueue(c)) return;
    const s = c.stream;
    if (c.bytes) {
      const r = s.reader;
      if (r !== undefined && r.byob && r.readIntoRequests.length > 0) {
        // Pending BYOB reads mean the queue holds less than they need.
        if (c.queue.total % r.readIntoRequests[0].elementSize !== 0) {
          const e = new $TypeError('Insufficient bytes to fill elements in the given buffer');
          rscError(c, e);
          throw e;
        }
        c.closeRequested = true;
        rscClearAlgorithms(c);
        rsClose(s);
        return;
      }
    }
    c.closeRequested = true;
    if (c.queue.isEmpty()) {
      rscClearAlgorithms(c);
      rsClose(s);
    }
  }

  // rscEnqueue is ReadableStream[Default|Byte]ControllerEnqueue. For byte
  // controllers chunk must already be a non-empty Uint8Array.
  function rscEnqueue(c, chunk) {
    if (!rscCanCloseOrEnqueue(c)) return;
    const s = c.stream;
    const r = s.reader;
    if (r !== undefined && !r.byob && r.readRequests.length > 0) {
      r.readRequests.shift().chunk(chunk);
    } else {
      let size;
      if (c.bytes) {
        size = chunk.byteLength;
      } else if (c.sizeAlgorithm === undefined) {
        size = 1;
      } else {
        try {
          size = checkChunkSize(+(0, c.sizeAlgorithm)(chunk));
        } catch (e) {
          rscError(c, e);
          throw e;
        }
      }
      c.queue.push(chunk, size);
      if (r !== undefined && r.byob && r.readIntoRequests.length > 0) byobProcessReadIntoRequests(c, r);
    }
    rscCallPullIfNeeded(c);
  }

  function rscError(c, e) {
    const s = c.stream;
    if (s.state !== 'readable') return;
    c.queue.reset();
    rscClearAlgorithms(c);
    rsError(s, e);
  }

  function rscCancelSteps(c, reason) {
    c.queue.reset();
    const alg = c.cancelAlgorithm;
    const result = alg === undefined ? kResolved : alg(reason);
    rscClearAlgorithms(c);
    return result;
  }

  // rscPullSteps serves a default reader's read request.
  function rscPullSteps(c, req) {
    const q = c.queue;
    if (!q.isEmpty()) {
      const chunk = q.shift();
      if (c.closeRequested && q.isEmpty()) {
        rscClearAlgorithms(c);
        rsClose(c.stream);
      } else {
        rscCallPullIfNeeded(c);
      }
      req.chunk(chunk);
      return;
    }
    c.stream.reader.readRequests.push(req);
    rscCallPullIfNeeded(c);
  }

  // --- BYOB emulation ------------------------------------------------------------
  // Deviation: byte streams keep their chunks in the ordinary queue and BYOB
  // reads copy out of it; there is no byobRequest (controller.byobRequest is
  // always null) and buffers are never transferred (detached).

  // byobFillFromQueue copies as many whole elements as are available (up to
  // the view's size) from the queue into view; returns the bytes copied.
  function byobFillFromQueue(q, view, elementSize) {
    let n = q.total < view.byteLength ? q.total : view.byteLength;
    n -= n % elementSize;
    if (n === 0) return 0;
    const dst = new $Uint8Array(view.buffer, view.byteOffset, n);
    let off = 0;
    while (off < n) {
      const head = q.peek();
      const want = n - off;
      if (head.byteLength <= want) {
        dst.set(head, off);
        off += head.byteLength;
        q.shift();
      } else {
        dst.set(head.subarray(0, want), off);
        off += want;
        q.consumeHead(want);
      }
    }
    return n;
  }

  function byobProcessReadIntoRequests(c, r) {
    const q = c.queue;
    const reqs = r.readIntoRequests;
    while (reqs.length > 0 && q.total >= reqs[0].minBytes) {
      const req = reqs.shift();
      const n = byobFillFromQueue(q, req.view, req.elementSize);
      req.chunk(viewLike(req.view, n));
    }
  }

  function byobRead(r, req) {
    const s = r.stream;
    s.disturbed = true;
    if (s.state === 'errored') {
      req.error(s.storedError);
      return;
    }
    if (s.state === 'closed') {
      req.close(viewLike(req.view, 0));
      return;
    }
    const c = s.controller;
    const q = c.queue;
    if (r.readIntoRequests.length === 0 && q.total >= req.minBytes) {
      const n = byobFillFromQueue(q, req.view, req.elementSize);
      if (c.closeRequested && q.isEmpty()) {
        rscClearAlgorithms(c);
        rsClose(s);
      } else {
        rscCallPullIfNeeded(c);
      }
      req.chunk(viewLike(req.view, n));
      return;
    }
    if (c.closeRequested) {
      const e = new $TypeError('Insufficient bytes to fill elements in the given buffer');
      rscError(c, e);
      req.error(e);
      return;
    }
    r.readIntoRequests.push(req);
    rscCallPullIfNeeded(c);
  }

  // --- readers ---------------------------------------------------------------------

  function acquireReader(s, byob) {
    if (rsLocked(s)) throw new $TypeError(MSG_RS_LOCKED);
    const r = new Reader(byob);
    r.stream = s;
    s.reader = r;
    const d = new Deferred();
    if (s.state === 'closed') {
      d.resolve(undefined);
    } else if (s.state === 'errored') {
      d.reject(s.storedError);
      setHandled(d.promise);
    }
    r.closed = d;
    return r;
  }

  function readerRelease(r) {
    const s = r.stream;
    const e = new $TypeError(MSG_READER_RELEASED);
    if (s.state === 'readable' && !r.closed.settled) {
      r.closed.reject(e);
      setHandled(r.closed.promise);
    } else {
      r.closed = rejectedDeferred(e);
    }
    s.reader = undefined;
    r.stream = undefined;
    const e2 = new $TypeError(MSG_READER_RELEASED);
    const reqs = r.byob ? r.readIntoRequests : r.readRequests;
    if (reqs.length === 0) return;
    if (r.byob) r.readIntoRequests = []; else r.readRequests = [];
    for (let i = 0; i < reqs.length; i++) reqs[i].error(e2);
  }

  function readerRead(r, req) {
    const s = r.stream;
    s.disturbed = true;
    if (s.state === 'closed') req.close();
    else if (s.state === 'errored') req.error(s.storedError);
    else rscPullSteps(s.controller, req);
  }

  // --- tee ---------------------------------------------------------------------------

  function rsTee(s) {
    const reader = acquireReader(s, false);
    const bytes = s.controller.bytes;
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelled = new Deferred();

    const readRequest = {
      chunk(chunk) {
        // Run later so that an error from the source can still reach the
        // branches before the chunk does (see the spec's note on tee).
        microtask(() => {
          readAgain = false;
          let chunk2 = chunk;
          if (bytes && !canceled1 && !canceled2) chunk2 = new $Uint8Array(chunk); // a copy
          if (!canceled1) rscEnqueue(branch1.controller, chunk);
          if (!canceled2) rscEnqueue(branch2.controller, chunk2);
          reading = false;
          if (readAgain) pull();
        });
      },
      close() {
        reading = false;
        if (!canceled1) rscClose(branch1.controller);
        if (!canceled2) rscClose(branch2.controller);
        if (!canceled1 || !canceled2) cancelled.resolve(undefined);
      },
      error() { reading = false; },
    };

    function pull() {
      if (reading) {
        readAgain = true;
        return kResolved;
      }
      reading = true;
      readerRead(reader, readRequest);
      return kResolved;
    }
    function cancel1(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelled.resolve(rsCancel(s, [reason1, reason2]));
      return cancelled.promise;
    }
    function cancel2(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelled.resolve(rsCancel(s, [reason1, reason2]));
      return cancelled.promise;
    }
    const hwm = bytes ? 0 : 1;
    branch1 = createRS(undefined, pull, cancel1, hwm, undefined, bytes);
    branch2 = createRS(undefined, pull, cancel2, hwm, undefined, bytes);
    then(reader.closed.promise, undefined, (r) => {
      rscError(branch1.controller, r);
      rscError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelled.resolve(undefined);
    });
    return [branch1, branch2];
  }

  // --- ReadableStream.from -------------------------------------------------------------

  function iterResultCheck(res) {
    if (!isObject(res)) throw new $TypeError('The iterator result is not an object.');
    return res;
  }

  // getAsyncIterator is GetIterator(obj, async): it returns {iterator, next}.
  function getAsyncIterator(obj) {
    if (obj === undefined || obj === null) throw new $TypeError('ReadableStream.from: the argument is not async iterable or iterable.');
    const method = obj[$asyncIteratorSymbol];
    if (method !== undefined && method !== null) {
      if (typeof method !== 'function') throw new $TypeError('ReadableStream.from: Symbol.asyncIterator is not a function.');
      const it = $apply(method, obj, []);
      if (!isObject(it)) throw new $TypeError('ReadableStream.from: the async iterator is not an object.');
      return { iterator: it, next: it.next };
    }
    const syncMethod = obj[$iteratorSymbol];
    if (syncMethod === undefined || syncMethod === null) {
      throw new $TypeError('ReadableStream.from: the argument is not async iterable or iterable.');
    }
    if (typeof syncMethod !== 'function') throw new $TypeError('ReadableStream.from: Symbol.iterator is not a function.');
    const syncIt = $apply(syncMethod, obj, []);
    if (!isObject(syncIt)) throw new $TypeError('ReadableStream.from: the iterator is not an object.');
    return asyncFromSyncIterator(syncIt, syncIt.next);
  }

  // asyncFromSyncIterator is CreateAsyncFromSyncIterator: values that are
  // promises are awaited.
  function asyncFromSyncIterator(syncIt, syncNext) {
    function closeSync() {
      try {
        const ret = syncIt.return;
        if (ret !== undefined && ret !== null) $apply(ret, syncIt, []);
      } catch (_) { /* the original error wins */ }
    }
    const iterator = {
      next() {
        const res = iterResultCheck($apply(syncNext, syncIt, []));
        const done = !!res.done;
        return then(resolved(res.value), (value) => ({ value, done }), (e) => {
          if (!done) closeSync();
          throw e;
        });
      },
      return(value) {
        const ret = syncIt.return;
        if (ret === undefined || ret === null) return resolved({ value, done: true });
        const res = iterResultCheck($apply(ret, syncIt, [value]));
        const done = !!res.done;
        return then(resolved(res.value), (v) => ({ value: v, done }));
      },
    };
    return { iterator, next: iterator.next };
  }

  function rsFrom(obj) {
    const { iterator, next } = getAsyncIterator(obj);
    let s;
    const onNext = (res) => {
      iterResultCheck(res);
      if (res.done) rscClose(s.controller);
      else rscEnqueue(s.controller, res.value);
    };
    function pull() {
      let p;
      try {
        p = resolved($apply(next, iterator, []));
      } catch (e) {
        return rejected(e);
      }
      return then(p, onNext);
    }
    function cancel(reason) {
      let p;
      try {
        const ret = iterator.return;
        if (ret === undefined || ret === null) return kResolved;
        if (typeof ret !== 'function') throw new $TypeError('The iterator\'s return property is not a function.');
        p = resolved($apply(ret, iterator, [reason]));
      } catch (e) {
        return rejected(e);
      }
      return then(p, (res) => { iterResultCheck(res); });
    }
    s = createRS(undefined, pull, cancel, 0, undefined, false);
    return s;
  }

  // --- pipeTo ------------------------------------------------------------------------

  // Deviation: without a global AbortSignal (the host installs it later or
  // not at all) any object with addEventListener/removeEventListener is
  // accepted as the signal.
  function checkSignal(signal) {
    const AS = global.AbortSignal;
    const ok = typeof AS === 'function'
      ? signal instanceof AS
      : isObject(signal) && typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
    if (!ok) throw new $TypeError('The signal option must be an AbortSignal.');
  }

  function toPipeOptions(options) {
    const d = toDict(options, 'The pipe options');
    const preventAbort = !!d.preventAbort;
    const preventCancel = !!d.preventCancel;
    const preventClose = !!d.preventClose;
    const signal = d.signal;
    if (signal !== undefined) checkSignal(signal);
    return { preventAbort, preventCancel, preventClose, signal };
  }

  function rsPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireReader(source, false);
    const writer = acquireWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    let currentWrite = kResolved;
    const result = new Deferred();
    let abortAlgorithm;

    function finalize(isError, error) {
      writerRelease(writer);
      readerRelease(reader);
      if (signal !== undefined) signal.removeEventListener('abort', abortAlgorithm);
      if (isError) result.reject(error);
      else result.resolve(undefined);
    }
    function destWritable() {
      return dest.state === 'writable' && !wsCloseQueuedOrInFlight(dest);
    }
    function waitForWritesToFinish() {
      const old = currentWrite;
      return then(old, () => (old !== currentWrite ? waitForWritesToFinish() : undefined));
    }
    function shutdownWithAction(action, isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      const run = () => {
        then(action(), () => finalize(isError, error), (e) => finalize(true, e));
      };
      if (destWritable()) then(waitForWritesToFinish(), run);
      else run();
    }
    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (destWritable()) then(waitForWritesToFinish(), () => finalize(isError, error));
      else finalize(isError, error);
    }

    if (signal !== undefined) {
      abortAlgorithm = () => {
        const error = signal.reason;
        const actions = [];
        if (!preventAbort) actions.push(() => (dest.state === 'writable' ? wsAbort(dest, error) : kResolved));
        if (!preventCancel) actions.push(() => (source.state === 'readable' ? rsCancel(source, error) : kResolved));
        shutdownWithAction(() => $apply($promiseAll, $Promise, [actions.map((a) => a())]), true, error);
      };
      if (signal.aborted) {
        abortAlgorithm();
        return result.promise;
      }
      signal.addEventListener('abort', abortAlgorithm);
    }

    // Errors must be propagated forward.
    const onSourceErrored = (e) => {
      if (!preventAbort) shutdownWithAction(() => wsAbort(dest, e), true, e);
      else shutdown(true, e);
    };
    // Errors must be propagated backward.
    const onDestErrored = (e) => {
      if (!preventCancel) shutdownWithAction(() => rsCancel(source, e), true, e);
      else shutdown(true, e);
    };
    // Closing must be propagated forward.
    const onSourceClosed = () => {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer), false, undefined);
      else shutdown(false, undefined);
    };

    if (source.state === 'errored') onSourceErrored(source.storedError);
    else then(reader.closed.promise, undefined, onSourceErrored);
    if (dest.state === 'errored') onDestErrored(dest.storedError);
    else then(writer.closed.promise, undefined, onDestErrored);
    if (source.state === 'closed') onSourceClosed();
    else then(reader.closed.promise, onSourceClosed, noop);
    // Closing must be propagated backward.
    if (wsCloseQueuedOrInFlight(dest) || dest.state === 'closed') {
      const e = new $TypeError('The destination WritableStream closed before all data could be piped to it.');
      if (!preventCancel) shutdownWithAction(() => rsCancel(source, e), true, e);
      else shutdown(true, e);
    }

    // The loop: wait for the writer to be ready, read one chunk, write it
    // (without waiting for the write), repeat.
    const readRequest = {
      chunk(chunk) {
        currentWrite = then(writerWrite(writer, chunk), undefined, noop);
        step();
      },
      close: noop,
      error: noop,
    };
    const afterReady = () => {
      if (!shuttingDown) readerRead(reader, readRequest);
    };
    function step() {
      if (shuttingDown) return;
      then(writer.ready.promise, afterReady, noop);
    }
    step();
    return result.promise;
  }

  // ===========================================================================
  // WritableStream internals
  // ===========================================================================

  class WS {
    constructor() {
      this.state = 'writable'; // 'writable' | 'closed' | 'erroring' | 'errored'
      this.storedError = undefined;
      this.writer = undefined;
      this.controller = undefined;
      this.inFlightWriteRequest = undefined; // Deferred
      this.closeRequest = undefined; // Deferred
      this.inFlightCloseRequest = undefined; // Deferred
      this.pendingAbortRequest = undefined; // {deferred, reason, wasAlreadyErroring}
      this.writeRequests = []; // Deferreds
      this.backpressure = false;
      this.wrapper = undefined;
    }
  }

  class WSController {
    constructor(stream) {
      this.stream = stream;
      this.queue = undefined; // set up by wscSetup
      this.started = false;
      this.hwm = 1;
      this.sizeAlgorithm = undefined;
      this.writeAlgorithm = undefined;
      this.closeAlgorithm = undefined;
      this.abortAlgorithm = undefined;
      this.wrapper = undefined;
      this.abortController = undefined; // created on first access to .signal
      this.aborted = false;
      this.abortReason = undefined;
      this.onWriteFulfilled = () => {
        const s = this.stream;
        wsFinishInFlightWrite(s);
        this.queue.shift();
        if (!wsCloseQueuedOrInFlight(s) && s.state === 'writable') wsUpdateBackpressure(s, wscBackpressure(this));
        wscAdvanceQueueIfNeeded(this);
      };
      this.onWriteRejected = (reason) => {
        const s = this.stream;
        if (s.state === 'writable') wscClearAlgorithms(this);
        wsFinishInFlightWriteWithError(s, reason);
      };
    }
  }

  class Writer {
    constructor() {
      this.stream = undefined;
      this.ready = undefined; // Deferred
      this.closed = undefined; // Deferred
    }
  }

  function createWS(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm) {
    const s = new WS();
    new WritableStream(kInternal, s); // sets s.wrapper
    wscSetup(s, new WSController(s), startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm);
    return s;
  }

  function wsLocked(s) { return s.writer !== undefined; }

  function wsAbort(s, reason) {
    if (s.state === 'closed' || s.state === 'errored') return resolved(undefined);
    wscSignalAbort(s.controller, reason);
    const state = s.state; // abort listeners may have changed it
    if (state === 'closed' || state === 'errored') return resolved(undefined);
    if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.deferred.promise;
    let wasAlreadyErroring = false;
    if (state === 'erroring') {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const deferred = new Deferred();
    s.pendingAbortRequest = { deferred, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) wsStartErroring(s, reason);
    return deferred.promise;
  }

  function wsClose(s) {
    const state = s.state;
    if (state === 'closed' || state === 'errored') {
      return rejected(new $TypeError('The WritableStream is closed or errored and cannot be closed.'));
    }
    const d = new Deferred();
    s.closeRequest = d;
    const w = s.writer;
    if (w !== undefined && s.backpressure && state === 'writable') w.ready.resolve(undefined);
    wscClose(s.controller);
    return d.promise;
  }

  function wsCloseQueuedOrInFlight(s) {
    return s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
  }

  function wsDealWithRejection(s, e) {
    if (s.state === 'writable') {
      wsStartErroring(s, e);
      return;
    }
    wsFinishErroring(s);
  }

  function wsStartErroring(s, reason) {
    const c = s.controller;
    s.state = 'erroring';
    s.storedError = reason;
    const w = s.writer;
    if (w !== undefined) writerEnsureReadyRejected(w, reason);
    if (s.inFlightWriteRequest === undefined && s.inFlightCloseRequest === undefined && c.started) wsFinishErroring(s);
  }

  function wsFinishErroring(s) {
    s.state = 'errored';
    s.controller.queue.reset(); // [[ErrorSteps]]
    const e = s.storedError;
    const reqs = s.writeRequests;
    s.writeRequests = [];
    for (let i = 0; i < reqs.length; i++) reqs[i].reject(e);
    const ar = s.pendingAbortRequest;
    if (ar === undefined) {
      wsRejectCloseAndClosedPromiseIfNeeded(s);
      return;
    }
    s.pendingAbortRequest = undefined;
    if (ar.wasAlreadyErroring) {
      ar.deferred.reject(e);
      wsRejectCloseAndClosedPromiseIfNeeded(s);
      return;
    }
    then(wscAbortSteps(s.controller, ar.reason), () => {
      ar.deferred.resolve(undefined);
      wsRejectCloseAndClosedPromiseIfNeeded(s);
    }, (r) => {
      ar.deferred.reject(r);
      wsRejectCloseAndClosedPromiseIfNeeded(s);
    });
  }

  function wsFinishInFlightWrite(s) {
    s.inFlightWriteRequest.resolve(undefined);
    s.inFlightWriteRequest = undefined;
  }

  function wsFinishInFlightWriteWithError(s, e) {
    s.inFlightWriteRequest.reject(e);
    s.inFlightWriteRequest = undefined;
    wsDealWithRejection(s, e);
  }

  function wsFinishInFlightClose(s) {
    s.inFlightCloseRequest.resolve(undefined);
    s.inFlightCloseRequest = undefined;
    if (s.state === 'erroring') {
      s.storedError = undefined;
      if (s.pendingAbortRequest !== undefined) {
        s.pendingAbortRequest.deferred.resolve(undefined);
        s.pendingAbortRequest = undefined;
      }
    }
    s.state = 'closed';
    const w = s.writer;
    if (w !== undefined) w.closed.resolve(undefined);
  }

  function wsFinishInFlightCloseWithError(s, e) {
    s.inFlightCloseRequest.reject(e);
    s.inFlightCloseRequest = undefined;
    if (s.pendingAbortRequest !== undefined) {
      s.pendingAbortRequest.deferred.reject(e);
      s.pendingAbortRequest = undefined;
    }
    wsDealWithRejection(s, e);
  }

  function wsRejectCloseAndClosedPromiseIfNeeded(s) {
    if (s.closeRequest !== undefined) {
      s.closeRequest.reject(s.storedError);
      s.closeRequest = undefined;
    }
    const w = s.writer;
    if (w !== undefined) {
      w.closed.reject(s.storedError);
      setHandled(w.closed.promise);
    }
  }

  function wsUpdateBackpressure(s, backpressure) {
    const w = s.writer;
    if (w !== undefined && backpressure !== s.backpressure) {
      if (backpressure) w.ready = new Deferred();
      else w.ready.resolve(undefined);
    }
    s.backpressure = backpressure;
  }

  // --- writer --------------------------------------------------------------------------

  function acquireWriter(s) {
    if (wsLocked(s)) throw new $TypeError(MSG_WS_LOCKED);
    const w = new Writer();
    w.stream = s;
    s.writer = w;
    const state = s.state;
    const ready = new Deferred();
    const closed = new Deferred();
    if (state === 'writable') {
      if (wsCloseQueuedOrInFlight(s) || !s.backpressure) ready.resolve(undefined);
    } else if (state === 'erroring') {
      ready.reject(s.storedError);
      setHandled(ready.promise);
    } else if (state === 'closed') {
      ready.resolve(undefined);
      closed.resolve(undefined);
    } else {
      ready.reject(s.storedError);
      setHandled(ready.promise);
      closed.reject(s.storedError);
      setHandled(closed.promise);
    }
    w.ready = ready;
    w.closed = closed;
    return w;
  }

  function writerEnsureReadyRejected(w, e) {
    if (!w.ready.settled) {
      w.ready.reject(e);
      setHandled(w.ready.promise);
    } else {
      w.ready = rejectedDeferred(e);
    }
  }

  function writerEnsureClosedRejected(w, e) {
    if (!w.closed.settled) {
      w.closed.reject(e);
      setHandled(w.closed.promise);
    } else {
      w.closed = rejectedDeferred(e);
    }
  }

  function writerDesiredSize(w) {
    const s = w.stream;
    const state = s.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return wscDesiredSize(s.controller);
  }

  function writerRelease(w) {
    const s = w.stream;
    const e = new $TypeError(MSG_WRITER_RELEASED);
    writerEnsureReadyRejected(w, e);
    writerEnsureClosedRejected(w, e);
    s.writer = undefined;
    w.stream = undefined;
  }

  function writerWrite(w, chunk) {
    const s = w.stream;
    const c = s.controller;
    const size = wscChunkSize(c, chunk);
    if (s !== w.stream) return rejected(new $TypeError(MSG_WRITER_RELEASED));
    const state = s.state;
    if (state === 'errored') return rejected(s.storedError);
    if (wsCloseQueuedOrInFlight(s) || state === 'closed') {
      return rejected(new $TypeError('The WritableStream is closing or closed and cannot be written to.'));
    }
    if (state === 'erroring') return rejected(s.storedError);
    const d = new Deferred();
    s.writeRequests.push(d);
    wscWrite(c, chunk, size);
    return d.promise;
  }

  function writerCloseWithErrorPropagation(w) {
    const s = w.stream;
    const state = s.state;
    if (wsCloseQueuedOrInFlight(s) || state === 'closed') return resolved(undefined);
    if (state === 'errored') return rejected(s.storedError);
    return wsClose(s);
  }

  // --- controller ------------------------------------------------------------------------

  function wscSetup(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm) {
    s.controller = c;
    c.hwm = hwm;
    c.sizeAlgorithm = sizeAlgorithm;
    c.queue = new Queue(sizeAlgorithm === undefined ? Q_UNIT : Q_SIZED);
    c.writeAlgorithm = writeAlgorithm;
    c.closeAlgorithm = closeAlgorithm;
    c.abortAlgorithm = abortAlgorithm;
    wsUpdateBackpressure(s, wscBackpressure(c));
    const startResult = startAlgorithm === undefined ? undefined : startAlgorithm();
    then(resolved(startResult), () => {
      c.started = true;
      wscAdvanceQueueIfNeeded(c);
    }, (r) => {
      c.started = true;
      wsDealWithRejection(s, r);
    });
  }

  function wscSignalAbort(c, reason) {
    if (c.aborted) return;
    c.aborted = true;
    c.abortReason = reason;
    if (c.abortController !== undefined) c.abortController.abort(reason);
  }

  function wscClearAlgorithms(c) {
    c.writeAlgorithm = undefined;
    c.closeAlgorithm = undefined;
    c.abortAlgorithm = undefined;
    c.sizeAlgorithm = undefined;
  }

  function wscAbortSteps(c, reason) {
    const alg = c.abortAlgorithm;
    const result = alg === undefined ? kResolved : alg(reason);
    wscClearAlgorithms(c);
    return result;
  }

  function wscClose(c) {
    c.queue.push(kCloseSentinel, 0);
    wscAdvanceQueueIfNeeded(c);
  }

  function wscChunkSize(c, chunk) {
    const f = c.sizeAlgorithm;
    if (f === undefined) return 1;
    try {
      return +f(chunk);
    } catch (e) {
      wscErrorIfNeeded(c, e);
      return 1;
    }
  }

  function wscDesiredSize(c) { return c.hwm - c.queue.total; }
  function wscBackpressure(c) { return c.hwm - c.queue.total <= 0; }

  function wscWrite(c, chunk, size) {
    if (!(size >= 0) || size === Infinity) {
      wscErrorIfNeeded(c, new $RangeError('The return value of a queuing strategy\'s size function must be a finite, non-negative number.'));
      return;
    }
    c.queue.push(chunk, size);
    const s = c.stream;
    if (!wsCloseQueuedOrInFlight(s) && s.state === 'writable') wsUpdateBackpressure(s, wscBackpressure(c));
    wscAdvanceQueueIfNeeded(c);
  }

  function wscAdvanceQueueIfNeeded(c) {
    const s = c.stream;
    if (!c.started || s.inFlightWriteRequest !== undefined) return;
    if (s.state === 'erroring') {
      wsFinishErroring(s);
      return;
    }
    if (c.queue.isEmpty()) return;
    const value = c.queue.peek();
    if (value === kCloseSentinel) wscProcessClose(c);
    else wscProcessWrite(c, value);
  }

  function wscErrorIfNeeded(c, e) {
    if (c.stream.state === 'writable') wscError(c, e);
  }

  function wscError(c, e) {
    wscClearAlgorithms(c);
    wsStartErroring(c.stream, e);
  }

  function wscProcessClose(c) {
    const s = c.stream;
    s.inFlightCloseRequest = s.closeRequest;
    s.closeRequest = undefined;
    c.queue.shift();
    const alg = c.closeAlgorithm;
    const p = alg === undefined ? kResolved : alg();
    wscClearAlgorithms(c);
    then(p, () => { wsFinishInFlightClose(s); }, (r) => { wsFinishInFlightCloseWithError(s, r); });
  }

  function wscProcessWrite(c, chunk) {
    const s = c.stream;
    s.inFlightWriteRequest = s.writeRequests.shift();
    const alg = c.writeAlgorithm;
    const p = alg === undefined ? kResolved : alg(chunk);
    then(p, c.onWriteFulfilled, c.onWriteRejected);
  }

  // ===========================================================================
  // TransformStream internals
  // ===========================================================================

  class TS {
    constructor() {
      this.readable = undefined; // RS
      this.writable = undefined; // WS
      this.backpressure = undefined;
      this.backpressureChange = undefined; // Deferred
      this.controller = undefined; // TSController
      this.wrapper = undefined;
    }
  }

  class TSController {
    constructor(stream) {
      this.stream = stream;
      this.transformAlgorithm = undefined;
      this.flushAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.finish = undefined; // Deferred
      this.wrapper = undefined;
    }
  }

  // tsSetup builds a transform stream from cfg:
  //   {wHWM, wSize, rHWM, rSize, rBytes, start(c), transform(c, chunk),
  //    flush(c), cancel(c, reason)}
  // where the callbacks get the internal TSController and must return
  // promises (start may return anything and may throw).
  function tsSetup(wrapper, cfg) {
    const t = new TS();
    t.wrapper = wrapper;
    const start = new Deferred();
    const startAlgorithm = () => start.promise;
    t.writable = createWS(startAlgorithm, (chunk) => tsSinkWrite(t, chunk), () => tsSinkClose(t),
      (reason) => tsSinkAbort(t, reason), cfg.wHWM, cfg.wSize);
    t.readable = createRS(startAlgorithm, () => tsSourcePull(t), (reason) => tsSourceCancel(t, reason),
      cfg.rHWM, cfg.rSize, cfg.rBytes);
    tsSetBackpressure(t, true);
    const c = new TSController(t);
    t.controller = c;
    c.transformAlgorithm = (chunk) => cfg.transform(c, chunk);
    c.flushAlgorithm = () => cfg.flush(c);
    c.cancelAlgorithm = (reason) => cfg.cancel(c, reason);
    start.resolve(cfg.start === undefined ? undefined : cfg.start(c));
    return t;
  }

  function tsError(t, e) {
    rscError(t.readable.controller, e);
    tsErrorWritableAndUnblockWrite(t, e);
  }

  function tsErrorWritableAndUnblockWrite(t, e) {
    tscClearAlgorithms(t.controller);
    wscErrorIfNeeded(t.writable.controller, e);
    tsUnblockWrite(t);
  }

  function tsUnblockWrite(t) {
    if (t.backpressure) tsSetBackpressure(t, false);
  }

  function tsSetBackpressure(t, backpressure) {
    if (t.backpressureChange !== undefined) t.backpressureChange.resolve(undefined);
    t.backpressureChange = new Deferred();
    t.backpressure = backpressure;
  }

  function tscClearAlgorithms(c) {
    c.transformAlgorithm = undefined;
    c.flushAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }

  function tscEnqueue(c, chunk) {
    const t = c.stream;
    const rc = t.readable.controller;
    if (!rscCanCloseOrEnqueue(rc)) throw new $TypeError('The readable side of the TransformStream is closed or errored; enqueue() is not allowed.');
    try {
      rscEnqueue(rc, chunk);
    } catch (e) {
      tsErrorWritableAndUnblockWrite(t, e);
      throw t.readable.storedError;
    }
    if (!rscShouldCallPull(rc) && !t.backpressure) tsSetBackpressure(t, true);
  }

  function tscPerformTransform(c, chunk) {
    const alg = c.transformAlgorithm;
    const p = alg === undefined ? kResolved : alg(chunk);
    return then(p, undefined, (r) => {
      tsError(c.stream, r);
      throw r;
    });
  }

  function tscTerminate(c) {
    const t = c.stream;
    rscClose(t.readable.controller);
    tsErrorWritableAndUnblockWrite(t, new $TypeError('The TransformStream has been terminated.'));
  }

  function tsSinkWrite(t, chunk) {
    const c = t.controller;
    if (t.backpressure) {
      return then(t.backpressureChange.promise, () => {
        const w = t.writable;
        if (w.state === 'erroring') throw w.storedError;
        return tscPerformTransform(c, chunk);
      });
    }
    return tscPerformTransform(c, chunk);
  }

  function tsSinkAbort(t, reason) {
    const c = t.controller;
    if (c.finish !== undefined) return c.finish.promise;
    const readable = t.readable;
    const d = c.finish = new Deferred();
    const alg = c.cancelAlgorithm;
    const p = alg === undefined ? kResolved : alg(reason);
    tscClearAlgorithms(c);
    then(p, () => {
      if (readable.state === 'errored') {
        d.reject(readable.storedError);
      } else {
        rscError(readable.controller, reason);
        d.resolve(undefined);
      }
    }, (r) => {
      rscError(readable.controller, r);
      d.reject(r);
    });
    return d.promise;
  }

  function tsSinkClose(t) {
    const c = t.controller;
    if (c.finish !== undefined) return c.finish.promise;
    const readable = t.readable;
    const d = c.finish = new Deferred();
    const alg = c.flushAlgorithm;
    const p = alg === undefined ? kResolved : alg();
    tscClearAlgorithms(c);
    then(p, () => {
      if (readable.state === 'errored') {
        d.reject(readable.storedError);
      } else {
        rscClose(readable.controller);
        d.resolve(undefined);
      }
    }, (r) => {
      rscError(readable.controller, r);
      d.reject(r);
    });
    return d.promise;
  }

  function tsSourcePull(t) {
    tsSetBackpressure(t, false);
    return t.backpressureChange.promise;
  }

  function tsSourceCancel(t, reason) {
    const c = t.controller;
    if (c.finish !== undefined) return c.finish.promise;
    const writable = t.writable;
    const d = c.finish = new Deferred();
    const alg = c.cancelAlgorithm;
    const p = alg === undefined ? kResolved : alg(reason);
    tscClearAlgorithms(c);
    then(p, () => {
      if (writable.state === 'errored') {
        d.reject(writable.storedError);
      } else {
        wscErrorIfNeeded(writable.controller, reason);
        tsUnblockWrite(t);
        d.resolve(undefined);
      }
    }, (r) => {
      wscErrorIfNeeded(writable.controller, r);
      tsUnblockWrite(t);
      d.reject(r);
    });
    return d.promise;
  }

  // ===========================================================================
  // Public classes
  // ===========================================================================

  let rsOf; // public ReadableStream → RS, or undefined
  let readerOf; // public ReadableStreamDefaultReader → Reader, or undefined
  let byobReaderOf;
  let rscOf; // public controller → RSController (either flavour)
  let wsOf;
  let writerOf;
  let wscOf;
  let tsOf;
  let tscOf;

  function rscWrapper(c) {
    if (c.wrapper === undefined) {
      c.wrapper = c.bytes
        ? new ReadableByteStreamController(kInternal, c)
        : new ReadableStreamDefaultController(kInternal, c);
    }
    return c.wrapper;
  }
  function wscWrapper(c) {
    if (c.wrapper === undefined) c.wrapper = new WritableStreamDefaultController(kInternal, c);
    return c.wrapper;
  }
  function tscWrapper(c) {
    if (c.wrapper === undefined) c.wrapper = new TransformStreamDefaultController(kInternal, c);
    return c.wrapper;
  }

  class ReadableStream {
    #impl;

    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === kInternal) {
        this.#impl = strategy;
        strategy.wrapper = this;
        return;
      }
      if (underlyingSource !== undefined && underlyingSource !== null && !isObject(underlyingSource)) {
        throw new $TypeError('The underlying source must be an object.');
      }
      const strat = toStrategy(strategy);
      const src = underlyingSource === undefined ? null : underlyingSource;
      const dict = toDict(src, 'The underlying source');
      const autoAllocateChunkSize = dict.autoAllocateChunkSize === undefined
        ? undefined : enforceRangeU64(dict.autoAllocateChunkSize, 'autoAllocateChunkSize');
      const cancel = toCallback(dict.cancel, 'The underlying source\'s cancel');
      const pull = toCallback(dict.pull, 'The underlying source\'s pull');
      const start = toCallback(dict.start, 'The underlying source\'s start');
      let type = dict.type;
      if (type !== undefined) {
        type = `${type}`;
        if (type !== 'bytes') throw new $TypeError(`'${type}' is not a valid value for the underlying source's type.`);
      }
      const s = new RS();
      this.#impl = s;
      s.wrapper = this;
      let hwm;
      let size;
      const bytes = type === 'bytes';
      if (bytes) {
        if (strat.size !== undefined) throw new $RangeError('A byte stream\'s queuing strategy cannot have a size function.');
        hwm = extractHighWaterMark(strat, 0);
        size = undefined;
        // Deviation: autoAllocateChunkSize is validated but not used; reads
        // from a default reader never get a byobRequest.
        if (autoAllocateChunkSize === 0) throw new $TypeError('autoAllocateChunkSize must be greater than 0.');
      } else {
        size = extractSizeAlgorithm(strat);
        hwm = extractHighWaterMark(strat, 1);
      }
      const c = new RSController(s, bytes);
      const cw = rscWrapper(c);
      rscSetup(s, c,
        start === undefined ? undefined : () => $apply(start, src, [cw]),
        pull === undefined ? undefined : () => promiseCall(pull, src, [cw]),
        cancel === undefined ? undefined : (reason) => promiseCall(cancel, src, [reason]),
        hwm, size);
    }

    static {
      rsOf = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
    }

    static from(asyncIterable) {
      return rsFrom(asyncIterable).wrapper;
    }

    get locked() {
      const s = rsOf(this);
      if (s === undefined) throw illegalInvocation();
      return rsLocked(s);
    }

    cancel(reason = undefined) {
      const s = rsOf(this);
      if (s === undefined) return rejected(illegalInvocation());
      if (rsLocked(s)) return rejected(new $TypeError(MSG_RS_LOCKED));
      return rsCancel(s, reason);
    }

    getReader(options = undefined) {
      const s = rsOf(this);
      if (s === undefined) throw illegalInvocation();
      const d = toDict(options, 'The getReader options');
      let mode = d.mode;
      if (mode === undefined) return new ReadableStreamDefaultReader(this);
      mode = `${mode}`;
      if (mode !== 'byob') throw new $TypeError(`'${mode}' is not a valid reader mode.`);
      return new ReadableStreamBYOBReader(this);
    }

    pipeThrough(transform, options = undefined) {
      const s = rsOf(this);
      if (s === undefined) throw illegalInvocation();
      if (!isObject(transform)) throw new $TypeError('pipeThrough: the transform argument must be an object with readable and writable properties.');
      const readable = transform.readable;
      if (rsOf(readable) === undefined) throw new $TypeError('pipeThrough: transform.readable must be a ReadableStream.');
      const writable = transform.writable;
      const dest = wsOf(writable);
      if (dest === undefined) throw new $TypeError('pipeThrough: transform.writable must be a WritableStream.');
      const o = toPipeOptions(options);
      if (rsLocked(s)) throw new $TypeError(MSG_RS_LOCKED);
      if (wsLocked(dest)) throw new $TypeError(MSG_WS_LOCKED);
      setHandled(rsPipeTo(s, dest, o.preventClose, o.preventAbort, o.preventCancel, o.signal));
      return readable;
    }

    pipeTo(destination, options = undefined) {
      const s = rsOf(this);
      if (s === undefined) return rejected(illegalInvocation());
      const dest = wsOf(destination);
      if (dest === undefined) return rejected(new $TypeError('pipeTo: the destination must be a WritableStream.'));
      let o;
      try {
        o = toPipeOptions(options);
      } catch (e) {
        return rejected(e);
      }
      if (rsLocked(s)) return rejected(new $TypeError(MSG_RS_LOCKED));
      if (wsLocked(dest)) return rejected(new $TypeError(MSG_WS_LOCKED));
      return rsPipeTo(s, dest, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
    }

    tee() {
      const s = rsOf(this);
      if (s === undefined) throw illegalInvocation();
      const [a, b] = rsTee(s);
      return [a.wrapper, b.wrapper];
    }

    values(options = undefined) {
      const s = rsOf(this);
      if (s === undefined) throw illegalInvocation();
      const preventCancel = !!toDict(options, 'The values() options').preventCancel;
      return new ReadableStreamAsyncIterator(kInternal, acquireReader(s, false), preventCancel);
    }
  }
  // WebIDL: @@asyncIterator is the same function object as values().
  $defineProperty(ReadableStream.prototype, $asyncIteratorSymbol, {
    value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true,
  });

  // The async iterator (WebIDL "asynchronous iterator" with an ongoing promise).
  const AsyncIteratorPrototype = {};
  $defineProperty(AsyncIteratorPrototype, $asyncIteratorSymbol, {
    value: { [$asyncIteratorSymbol]() { return this; } }[$asyncIteratorSymbol],
    writable: true, enumerable: false, configurable: true,
  });

  class IterReadRequest {
    constructor(reader) {
      this.reader = reader;
      this.promise = new $Promise(captureExecutor);
      this.res = capturedResolve;
      this.rej = capturedReject;
    }
    chunk(value) { this.res({ value, done: false }); }
    close() {
      readerRelease(this.reader);
      this.res({ value: undefined, done: true });
    }
    error(e) {
      readerRelease(this.reader);
      this.rej(e);
    }
  }

  let iterOf;
  class ReadableStreamAsyncIterator {
    #reader;
    #preventCancel;
    #ongoing = undefined;
    #finished = false;

    constructor(token, reader, preventCancel) {
      if (token !== kInternal) throw illegalConstructor();
      this.#reader = reader;
      this.#preventCancel = preventCancel;
    }

    static {
      iterOf = (o) => isObject(o) && #reader in o;
    }

    #nextSteps() {
      if (this.#finished) return resolved({ value: undefined, done: true });
      const req = new IterReadRequest(this.#reader);
      readerRead(this.#reader, req);
      return then(req.promise, (res) => {
        this.#ongoing = undefined;
        if (res.done) this.#finished = true;
        return res;
      }, (e) => {
        this.#ongoing = undefined;
        this.#finished = true;
        throw e;
      });
    }

    #returnSteps(value) {
      if (this.#finished) return resolved({ value, done: true });
      this.#finished = true;
      const reader = this.#reader;
      if (!this.#preventCancel) {
        const result = rsCancel(reader.stream, value);
        readerRelease(reader);
        return result;
      }
      readerRelease(reader);
      return resolved(undefined);
    }

    next() {
      if (!iterOf(this)) return rejected(illegalInvocation());
      const ongoing = this.#ongoing;
      if (ongoing !== undefined) {
        const steps = () => this.#nextSteps();
        this.#ongoing = then(ongoing, steps, steps);
      } else {
        this.#ongoing = this.#nextSteps();
      }
      return this.#ongoing;
    }

    return(value) {
      if (!iterOf(this)) return rejected(illegalInvocation());
      const ongoing = this.#ongoing;
      if (ongoing !== undefined) {
        const steps = () => this.#returnSteps(value);
        this.#ongoing = then(ongoing, steps, steps);
      } else {
        this.#ongoing = this.#returnSteps(value);
      }
      return then(this.#ongoing, () => ({ value, done: true }));
    }
  }
  $setPrototypeOf(ReadableStreamAsyncIterator.prototype, AsyncIteratorPrototype);
  delete ReadableStreamAsyncIterator.prototype.constructor;

  class ReadableStreamDefaultReader {
    #impl;

    constructor(stream) {
      const s = rsOf(stream);
      if (s === undefined) throw new $TypeError('ReadableStreamDefaultReader: the argument must be a ReadableStream.');
      this.#impl = acquireReader(s, false);
    }

    static {
      readerOf = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
    }

    get closed() {
      const r = readerOf(this);
      if (r === undefined) return rejected(illegalInvocation());
      return r.closed.promise;
    }

    cancel(reason = undefined) {
      const r = readerOf(this);
      if (r === undefined) return rejected(illegalInvocation());
      if (r.stream === undefined) return rejected(new $TypeError(MSG_READER_RELEASED));
      return rsCancel(r.stream, reason);
    }

    read() {
      const r = readerOf(this);
      if (r === undefined) return rejected(illegalInvocation());
      if (r.stream === undefined) return rejected(new $TypeError(MSG_READER_RELEASED));
      const req = new DefaultReadRequest();
      readerRead(r, req);
      return req.promise;
    }

    releaseLock() {
      const r = readerOf(this);
      if (r === undefined) throw illegalInvocation();
      if (r.stream === undefined) return;
      readerRelease(r);
    }
  }

  class ReadableStreamBYOBReader {
    #impl;

    constructor(stream) {
      const s = rsOf(stream);
      if (s === undefined) throw new $TypeError('ReadableStreamBYOBReader: the argument must be a ReadableStream.');
      if (!s.controller.bytes) {
        throw new $TypeError('Cannot construct a ReadableStreamBYOBReader for a stream not constructed with a byte source.');
      }
      this.#impl = acquireReader(s, true);
    }

    static {
      byobReaderOf = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
    }

    get closed() {
      const r = byobReaderOf(this);
      if (r === undefined) return rejected(illegalInvocation());
      return r.closed.promise;
    }

    cancel(reason = undefined) {
      const r = byobReaderOf(this);
      if (r === undefined) return rejected(illegalInvocation());
      if (r.stream === undefined) return rejected(new $TypeError(MSG_READER_RELEASED));
      return rsCancel(r.stream, reason);
    }

    read(view, options = undefined) {
      const r = byobReaderOf(this);
      if (r === undefined) return rejected(illegalInvocation());
      if (!$isView(view)) return rejected(new $TypeError('read() requires an ArrayBufferView argument.'));
      if (view.byteLength === 0) return rejected(new $TypeError('read() requires a view with a non-zero byteLength.'));
      if (view.buffer.byteLength === 0) return rejected(new $TypeError('read() requires a view onto a non-empty buffer.'));
      let min = 1;
      try {
        const d = toDict(options, 'The read options');
        if (d.min !== undefined) min = enforceRangeU64(d.min, 'options.min');
      } catch (e) {
        return rejected(e);
      }
      if (min === 0) return rejected(new $TypeError('options.min must be greater than 0.'));
      const elementSize = elementSizeOf(view);
      if (min * elementSize > view.byteLength) return rejected(new $RangeError('options.min is larger than the view.'));
      if (r.stream === undefined) return rejected(new $TypeError(MSG_READER_RELEASED));
      const req = new ReadIntoRequest(view, min * elementSize);
      byobRead(r, req);
      return req.promise;
    }

    releaseLock() {
      const r = byobReaderOf(this);
      if (r === undefined) throw illegalInvocation();
      if (r.stream === undefined) return;
      readerRelease(r);
    }
  }

  class ReadableStreamDefaultController {
    #impl;

    constructor(token = undefined, impl = undefined) {
      if (token !== kInternal) throw illegalConstructor();
      this.#impl = impl;
    }

    static {
      const of = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
      const prev = rscOf;
      rscOf = prev === undefined ? of : (o) => of(o) ?? prev(o);
    }

    get desiredSize() {
      const c = defaultControllerOf(this);
      return rscDesiredSize(c);
    }

    close() {
      const c = defaultControllerOf(this);
      if (!rscCanCloseOrEnqueue(c)) throw new $TypeError('The stream is closed or closing; close() is not allowed.');
      rscClose(c);
    }

    enqueue(chunk = undefined) {
      const c = defaultControllerOf(this);
      if (!rscCanCloseOrEnqueue(c)) throw new $TypeError('The stream is closed or closing; enqueue() is not allowed.');
      rscEnqueue(c, chunk);
    }

    error(e = undefined) {
      rscError(defaultControllerOf(this), e);
    }
  }

  function defaultControllerOf(o) {
    const c = rscOf(o);
    if (c === undefined || c.bytes) throw illegalInvocation();
    return c;
  }
  function byteControllerOf(o) {
    const c = rscOf(o);
    if (c === undefined || !c.bytes) throw illegalInvocation();
    return c;
  }

  class ReadableByteStreamController {
    #impl;

    constructor(token = undefined, impl = undefined) {
      if (token !== kInternal) throw illegalConstructor();
      this.#impl = impl;
    }

    static {
      const of = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
      const prev = rscOf;
      rscOf = prev === undefined ? of : (o) => of(o) ?? prev(o);
    }

    // Deviation: always null (see "BYOB emulation" above).
    get byobRequest() {
      byteControllerOf(this);
      return null;
    }

    get desiredSize() {
      return rscDesiredSize(byteControllerOf(this));
    }

    close() {
      const c = byteControllerOf(this);
      if (c.closeRequested) throw new $TypeError('The stream is already closing; close() is not allowed.');
      if (c.stream.state !== 'readable') throw new $TypeError('The stream is closed or errored; close() is not allowed.');
      rscClose(c);
    }

    enqueue(chunk) {
      const c = byteControllerOf(this);
      if (!$isView(chunk)) throw new $TypeError('ReadableByteStreamController.enqueue: the chunk must be an ArrayBufferView.');
      if (chunk.byteLength === 0) throw new $TypeError('The chunk must have a non-zero byteLength.');
      if (chunk.buffer.byteLength === 0) throw new $TypeError('The chunk\'s buffer must have a non-zero byteLength.');
      if (c.closeRequested) throw new $TypeError('The stream is closing; enqueue() is not allowed.');
      if (c.stream.state !== 'readable') throw new $TypeError('The stream is closed or errored; enqueue() is not allowed.');
      // Deviation: the chunk's buffer is not transferred (detached); readers
      // see a Uint8Array over the same memory.
      rscEnqueue(c, toUint8(chunk));
    }

    error(e = undefined) {
      rscError(byteControllerOf(this), e);
    }
  }

  class WritableStream {
    #impl;

    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === kInternal) {
        this.#impl = strategy;
        strategy.wrapper = this;
        return;
      }
      if (underlyingSink !== undefined && underlyingSink !== null && !isObject(underlyingSink)) {
        throw new $TypeError('The underlying sink must be an object.');
      }
      const strat = toStrategy(strategy);
      const sink = underlyingSink === undefined ? null : underlyingSink;
      const dict = toDict(sink, 'The underlying sink');
      const abort = toCallback(dict.abort, 'The underlying sink\'s abort');
      const close = toCallback(dict.close, 'The underlying sink\'s close');
      const start = toCallback(dict.start, 'The underlying sink\'s start');
      const type = dict.type;
      const write = toCallback(dict.write, 'The underlying sink\'s write');
      if (type !== undefined) throw new $RangeError('Invalid type is specified for the underlying sink.');
      const size = extractSizeAlgorithm(strat);
      const hwm = extractHighWaterMark(strat, 1);
      const s = new WS();
      this.#impl = s;
      s.wrapper = this;
      const c = new WSController(s);
      const cw = wscWrapper(c);
      wscSetup(s, c,
        start === undefined ? undefined : () => $apply(start, sink, [cw]),
        write === undefined ? undefined : (chunk) => promiseCall(write, sink, [chunk, cw]),
        close === undefined ? undefined : () => promiseCall(close, sink, []),
        abort === undefined ? undefined : (reason) => promiseCall(abort, sink, [reason]),
        hwm, size);
    }

    static {
      wsOf = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
    }

    get locked() {
      const s = wsOf(this);
      if (s === undefined) throw illegalInvocation();
      return wsLocked(s);
    }

    abort(reason = undefined) {
      const s = wsOf(this);
      if (s === undefined) return rejected(illegalInvocation());
      if (wsLocked(s)) return rejected(new $TypeError(MSG_WS_LOCKED));
      return wsAbort(s, reason);
    }

    close() {
      const s = wsOf(this);
      if (s === undefined) return rejected(illegalInvocation());
      if (wsLocked(s)) return rejected(new $TypeError(MSG_WS_LOCKED));
      if (wsCloseQueuedOrInFlight(s)) return rejected(new $TypeError('The WritableStream is already closing.'));
      return wsClose(s);
    }

    getWriter() {
      if (wsOf(this) === undefined) throw illegalInvocation();
      return new WritableStreamDefaultWriter(this);
    }
  }

  class WritableStreamDefaultWriter {
    #impl;

    constructor(stream) {
      const s = wsOf(stream);
      if (s === undefined) throw new $TypeError('WritableStreamDefaultWriter: the argument must be a WritableStream.');
      this.#impl = acquireWriter(s);
    }

    static {
      writerOf = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
    }

    get closed() {
      const w = writerOf(this);
      if (w === undefined) return rejected(illegalInvocation());
      return w.closed.promise;
    }

    get desiredSize() {
      const w = writerOf(this);
      if (w === undefined) throw illegalInvocation();
      if (w.stream === undefined) throw new $TypeError(MSG_WRITER_RELEASED);
      return writerDesiredSize(w);
    }

    get ready() {
      const w = writerOf(this);
      if (w === undefined) return rejected(illegalInvocation());
      return w.ready.promise;
    }

    abort(reason = undefined) {
      const w = writerOf(this);
      if (w === undefined) return rejected(illegalInvocation());
      if (w.stream === undefined) return rejected(new $TypeError(MSG_WRITER_RELEASED));
      return wsAbort(w.stream, reason);
    }

    close() {
      const w = writerOf(this);
      if (w === undefined) return rejected(illegalInvocation());
      const s = w.stream;
      if (s === undefined) return rejected(new $TypeError(MSG_WRITER_RELEASED));
      if (wsCloseQueuedOrInFlight(s)) return rejected(new $TypeError('The WritableStream is already closing.'));
      return wsClose(s);
    }

    releaseLock() {
      const w = writerOf(this);
      if (w === undefined) throw illegalInvocation();
      if (w.stream === undefined) return;
      writerRelease(w);
    }

    write(chunk = undefined) {
      const w = writerOf(this);
      if (w === undefined) return rejected(illegalInvocation());
      if (w.stream === undefined) return rejected(new $TypeError(MSG_WRITER_RELEASED));
      return writerWrite(w, chunk);
    }
  }

  class WritableStreamDefaultController {
    #impl;

    constructor(token = undefined, impl = undefined) {
      if (token !== kInternal) throw illegalConstructor();
      this.#impl = impl;
    }

    static {
      wscOf = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
    }

    // Deviation: undefined unless the host defines a global AbortController.
    get signal() {
      const c = wscOf(this);
      if (c === undefined) throw illegalInvocation();
      if (c.abortController === undefined) {
        const AC = global.AbortController;
        if (typeof AC !== 'function') return undefined;
        c.abortController = new AC();
        if (c.aborted) c.abortController.abort(c.abortReason);
      }
      return c.abortController.signal;
    }

    error(e = undefined) {
      const c = wscOf(this);
      if (c === undefined) throw illegalInvocation();
      if (c.stream.state !== 'writable') return;
      wscError(c, e);
    }
  }

  let nextFixedLength; // handed from FixedLengthStream to IdentityTransformStream

  class TransformStream {
    #impl;

    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      if (transformer === kInternal) {
        this.#impl = tsSetup(this, writableStrategy);
        return;
      }
      if (transformer !== undefined && transformer !== null && !isObject(transformer)) {
        throw new $TypeError('The transformer must be an object.');
      }
      const wStrat = toStrategy(writableStrategy);
      const rStrat = toStrategy(readableStrategy);
      const tr = transformer === undefined ? null : transformer;
      const dict = toDict(tr, 'The transformer');
      const cancel = toCallback(dict.cancel, 'The transformer\'s cancel');
      const flush = toCallback(dict.flush, 'The transformer\'s flush');
      const readableType = dict.readableType;
      const start = toCallback(dict.start, 'The transformer\'s start');
      const transform = toCallback(dict.transform, 'The transformer\'s transform');
      const writableType = dict.writableType;
      if (readableType !== undefined) throw new $RangeError('Invalid readableType specified.');
      if (writableType !== undefined) throw new $RangeError('Invalid writableType specified.');
      const rHWM = extractHighWaterMark(rStrat, 0);
      const rSize = extractSizeAlgorithm(rStrat);
      const wHWM = extractHighWaterMark(wStrat, 1);
      const wSize = extractSizeAlgorithm(wStrat);
      this.#impl = tsSetup(this, {
        wHWM, wSize, rHWM, rSize, rBytes: false,
        start: start === undefined ? undefined : (c) => $apply(start, tr, [tscWrapper(c)]),
        transform: transform === undefined ? identityTransform : (c, chunk) => promiseCall(transform, tr, [chunk, tscWrapper(c)]),
        flush: flush === undefined ? resolvedAlgorithm : (c) => promiseCall(flush, tr, [tscWrapper(c)]),
        cancel: cancel === undefined ? resolvedAlgorithm : (c, reason) => promiseCall(cancel, tr, [reason]),
      });
    }

    static {
      tsOf = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
    }

    get readable() {
      const t = tsOf(this);
      if (t === undefined) throw illegalInvocation();
      return t.readable.wrapper;
    }

    get writable() {
      const t = tsOf(this);
      if (t === undefined) throw illegalInvocation();
      return t.writable.wrapper;
    }
  }

  function identityTransform(c, chunk) {
    try {
      tscEnqueue(c, chunk);
      return kResolved;
    } catch (e) {
      return rejected(e);
    }
  }
  function resolvedAlgorithm() { return kResolved; }

  class TransformStreamDefaultController {
    #impl;

    constructor(token = undefined, impl = undefined) {
      if (token !== kInternal) throw illegalConstructor();
      this.#impl = impl;
    }

    static {
      tscOf = (o) => (isObject(o) && #impl in o ? o.#impl : undefined);
    }

    get desiredSize() {
      const c = tscOf(this);
      if (c === undefined) throw illegalInvocation();
      return rscDesiredSize(c.stream.readable.controller);
    }

    enqueue(chunk = undefined) {
      const c = tscOf(this);
      if (c === undefined) throw illegalInvocation();
      tscEnqueue(c, chunk);
    }

    error(reason = undefined) {
      const c = tscOf(this);
      if (c === undefined) throw illegalInvocation();
      tsError(c.stream, reason);
    }

    terminate() {
      const c = tscOf(this);
      if (c === undefined) throw illegalInvocation();
      tscTerminate(c);
    }
  }

  // --- Cloudflare extensions -------------------------------------------------------

  const MSG_BYTES_STRING = 'This TransformStream is being used as a byte stream, but received a string on its writable side. '
    + 'If you wish to write a string, you\'ll probably want to explicitly UTF-8-encode it with TextEncoder.';
  const MSG_BYTES_OBJECT = 'This TransformStream is being used as a byte stream, but received an object of '
    + 'non-ArrayBuffer/ArrayBufferView type on its writable side.';

  function bytesTransform(fixed) {
    return (c, chunk) => {
      const u8 = toUint8(chunk);
      if (u8 === undefined) return rejected(new $TypeError(typeof chunk === 'string' ? MSG_BYTES_STRING : MSG_BYTES_OBJECT));
      if (fixed !== undefined) {
        fixed.seen += u8.byteLength;
        if (fixed.seen > fixed.expected) {
          return rejected(new $TypeError('Attempt to write too many bytes through a FixedLengthStream.'));
        }
      }
      if (u8.byteLength === 0) return kResolved;
      try {
        tscEnqueue(c, u8);
        return kResolved;
      } catch (e) {
        return rejected(e);
      }
    };
  }

  function toExpectedLength(v) {
    let n;
    if (typeof v === 'bigint') n = v >= 0n && v <= 9007199254740991n ? $Number(v) : -1;
    else n = +v;
    if (!$Number.isInteger(n) || n < 0 || n > MAX_SAFE_INTEGER) {
      throw new $TypeError('FixedLengthStream requires an integer expected length less than 2^53.');
    }
    return n;
  }

  // Deviation: workerd's identity streams are native byte pipes whose writes
  // settle when the reader consumes the bytes. Here they are TransformStreams
  // with a byte readable side (BYOB readers work) and a writable
  // highWaterMark of 1 chunk; options.highWaterMark (bytes) sets the readable
  // side's highWaterMark.
  class IdentityTransformStream extends TransformStream {
    constructor(options = undefined) {
      const fixedLength = nextFixedLength;
      nextFixedLength = undefined;
      const d = toDict(options, 'The IdentityTransformStream options');
      const rHWM = d.highWaterMark === undefined ? 0 : enforceRangeU64(
        typeof d.highWaterMark === 'bigint' ? $Number(d.highWaterMark) : d.highWaterMark, 'highWaterMark');
      const fixed = fixedLength === undefined ? undefined : { expected: fixedLength, seen: 0 };
      super(kInternal, {
        wHWM: 1, wSize: undefined, rHWM, rSize: undefined, rBytes: true,
        start: undefined,
        transform: bytesTransform(fixed),
        flush: fixed === undefined ? resolvedAlgorithm : () => (fixed.seen < fixed.expected
          ? rejected(new $TypeError('FixedLengthStream did not see all expected bytes before close().'))
          : kResolved),
        cancel: resolvedAlgorithm,
      });
      if (fixed !== undefined) tsOf(this).readable.expectedLength = fixedLength;
    }
  }

  class FixedLengthStream extends IdentityTransformStream {
    constructor(expectedLength, options = undefined) {
      nextFixedLength = toExpectedLength(expectedLength);
      super(options);
    }
  }

  // --- queuing strategies ------------------------------------------------------------

  function toStrategyInit(init, who) {
    if (!isObject(init)) throw new $TypeError(`${who}: the argument must be an object with a highWaterMark.`);
    const hwm = init.highWaterMark;
    if (hwm === undefined) throw new $TypeError(`${who}: required member highWaterMark is undefined.`);
    return +hwm;
  }

  // The size functions are shared by all instances (WebIDL: one per realm).
  const countSize = { size() { return 1; } }.size;
  const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;

  let cqsOf;
  class CountQueuingStrategy {
    #hwm;
    constructor(init) {
      this.#hwm = toStrategyInit(init, 'CountQueuingStrategy');
    }
    static {
      cqsOf = (o) => isObject(o) && #hwm in o;
    }
    get highWaterMark() {
      if (!cqsOf(this)) throw illegalInvocation();
      return this.#hwm;
    }
    get size() {
      if (!cqsOf(this)) throw illegalInvocation();
      return countSize;
    }
  }

  let blqsOf;
  class ByteLengthQueuingStrategy {
    #hwm;
    constructor(init) {
      this.#hwm = toStrategyInit(init, 'ByteLengthQueuingStrategy');
    }
    static {
      blqsOf = (o) => isObject(o) && #hwm in o;
    }
    get highWaterMark() {
      if (!blqsOf(this)) throw illegalInvocation();
      return this.#hwm;
    }
    get size() {
      if (!blqsOf(this)) throw illegalInvocation();
      return byteLengthSize;
    }
  }

  // ===========================================================================
  // The global scope: one ordered table.
  // ===========================================================================

  // Deviation: ReadableStreamBYOBRequest is not defined (byobRequest is
  // always null, see "BYOB emulation").
  const globals = [
    ['ReadableStream', ReadableStream],
    ['ReadableStreamDefaultReader', ReadableStreamDefaultReader],
    ['ReadableStreamBYOBReader', ReadableStreamBYOBReader],
    ['ReadableStreamDefaultController', ReadableStreamDefaultController],
    ['ReadableByteStreamController', ReadableByteStreamController],
    ['WritableStream', WritableStream],
    ['WritableStreamDefaultWriter', WritableStreamDefaultWriter],
    ['WritableStreamDefaultController', WritableStreamDefaultController],
    ['TransformStream', TransformStream],
    ['TransformStreamDefaultController', TransformStreamDefaultController],
    ['ByteLengthQueuingStrategy', ByteLengthQueuingStrategy],
    ['CountQueuingStrategy', CountQueuingStrategy],
    ['IdentityTransformStream', IdentityTransformStream],
    ['FixedLengthStream', FixedLengthStream],
  ];

  // WebIDL shape: operations and attributes are enumerable; @@toStringTag is
  // a non-writable, non-enumerable, configurable data property.
  function makeEnumerable(obj, skip) {
    for (const key of $ownKeys(obj)) {
      if (typeof key !== 'string' || skip.includes(key)) continue;
      const desc = $getOwnPropertyDescriptor(obj, key);
      desc.enumerable = true;
      $defineProperty(obj, key, desc);
    }
  }
  function shapeInterface(C, tag) {
    makeEnumerable(C.prototype, ['constructor']);
    makeEnumerable(C, ['length', 'name', 'prototype']);
    $defineProperty(C.prototype, $toStringTagSymbol, { value: tag, writable: false, enumerable: false, configurable: true });
  }
  for (const [name, C] of globals) {
    shapeInterface(C, name);
    $defineProperty(global, name, { value: C, writable: true, enumerable: false, configurable: true });
  }
  shapeInterface(ReadableStreamAsyncIterator, 'ReadableStream AsyncIterator');

  // ===========================================================================
  // The host interface (never exposed to user code).
  // ===========================================================================

  function requireRS(x, fn) {
    const s = rsOf(x);
    if (s === undefined) throw new $TypeError(`internal.${fn}: not a ReadableStream`);
    return s;
  }

  // readAllBytes reads the stream to its end through an internal reader and
  // resolves with one Uint8Array holding all the bytes.
  function readAllBytes(stream) {
    let s;
    let reader;
    try {
      s = requireRS(stream, 'readAllBytes');
      reader = acquireReader(s, false);
    } catch (e) {
      return rejected(e);
    }
    const done = new Deferred();
    const chunks = [];
    let total = 0;
    let inRead = false; // true while readerRead runs
    let gotSync = false; // a chunk arrived synchronously during readerRead
    const req = {
      chunk(chunk) {
        const u8 = toUint8(chunk);
        if (u8 === undefined) {
          const e = new $TypeError(MSG_NOT_BYTES);
          setHandled(rsCancel(s, e));
          readerRelease(reader);
          done.reject(e);
          return;
        }
        if (u8.byteLength > 0) {
          chunks.push(u8);
          total += u8.byteLength;
        }
        if (inRead) gotSync = true;
        else pump();
      },
      close() {
        readerRelease(reader);
        // Always a fresh buffer: sources may reuse the buffers they enqueued.
        const out = new $Uint8Array(total);
        let off = 0;
        for (let i = 0; i < chunks.length; i++) {
          out.set(chunks[i], off);
          off += chunks[i].byteLength;
        }
        done.resolve(out);
      },
      error(e) {
        readerRelease(reader);
        done.reject(e);
      },
    };
    // Chunks that are already queued arrive synchronously; loop instead of
    // recursing so that a long queue cannot overflow the stack.
    function pump() {
      do {
        gotSync = false;
        inRead = true;
        readerRead(reader, req);
        inRead = false;
      } while (gotSync && !done.settled && reader.stream !== undefined);
    }
    pump();
    return done.promise;
  }

  const internal = {
    isReadableStream(x) { return rsOf(x) !== undefined; },
    isDisturbed(stream) { return requireRS(stream, 'isDisturbed').disturbed; },
    isLocked(stream) { return rsLocked(requireRS(stream, 'isLocked')); },
    readAllBytes,
    // fromPull makes a byte stream whose pull(controller) and cancel(reason)
    // are host functions; highWaterMark is in bytes (default 0: pull only
    // when a read is waiting).
    fromPull(pull, cancel, highWaterMark) {
      if (typeof pull !== 'function') throw new $TypeError('internal.fromPull: pull must be a function');
      const hwm = highWaterMark === undefined ? 0 : +highWaterMark;
      if (!(hwm >= 0)) throw new $RangeError('internal.fromPull: bad highWaterMark');
      let c;
      const s = createRS(undefined,
        () => promiseCall(pull, undefined, [rscWrapper(c)]),
        typeof cancel === 'function' ? (reason) => promiseCall(cancel, undefined, [reason]) : undefined,
        hwm, undefined, true);
      c = s.controller;
      return s.wrapper;
    },
    fromBytes(u8) {
      const bytes = toUint8(u8);
      if (bytes === undefined) throw new $TypeError('internal.fromBytes: not an ArrayBuffer or ArrayBufferView');
      const s = createRS(undefined, undefined, undefined, 0, undefined, true);
      if (bytes.byteLength > 0) rscEnqueue(s.controller, bytes);
      rscClose(s.controller);
      return s.wrapper;
    },
    expectedLength(stream) {
      const s = rsOf(stream);
      return s === undefined ? undefined : s.expectedLength;
    },
  };
  return internal;
});
