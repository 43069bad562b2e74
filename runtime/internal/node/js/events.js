// node:events — EventEmitter, once, getEventListeners, setMaxListeners, addAbortListener.
// Deviation: events.on (the async iterator) and captureRejections are not implemented.
(function (require) {
  "use strict";
  const { ERR_INVALID_ARG_TYPE, ERR_UNHANDLED_ERROR, ERR_OUT_OF_RANGE, abortError } = require("internal/errors");
  const kCapture = Symbol("kCapture");
  const errorMonitor = Symbol("events.errorMonitor");
  let defaultMaxListeners = 10;

  function checkListener(l) {
    if (typeof l !== "function") throw new ERR_INVALID_ARG_TYPE("listener", "Function", l);
  }

  function EventEmitter(opts) { EventEmitter.init.call(this, opts); }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  EventEmitter.init = function (opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts?.captureRejections) this[kCapture] = true;
  };
  Object.defineProperty(EventEmitter, "defaultMaxListeners", {
    enumerable: true,
    get() { return defaultMaxListeners; },
    set(n) {
      if (typeof n !== "number" || n < 0 || Number.isNaN(n)) throw new ERR_OUT_OF_RANGE("defaultMaxListeners", "a non-negative number", n);
      defaultMaxListeners = n;
    },
  });
  EventEmitter.errorMonitor = errorMonitor;
  EventEmitter.captureRejectionSymbol = Symbol.for("nodejs.rejection");
  const proto = EventEmitter.prototype;

  proto.setMaxListeners = function setMaxListeners(n) {
    if (typeof n !== "number" || n < 0 || Number.isNaN(n)) throw new ERR_OUT_OF_RANGE("n", "a non-negative number", n);
    this._maxListeners = n;
    return this;
  };
  proto.getMaxListeners = function getMaxListeners() { return this._maxListeners === undefined ? defaultMaxListeners : this._maxListeners; };

  proto.emit = function emit(type, ...args) {
    const events = this._events;
    if (type === "error" && events !== undefined && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    const handler = events === undefined ? undefined : events[type];
    if (handler === undefined) {
      if (type === "error") {
        const er = args[0];
        if (er instanceof Error) throw er;
        const err = new ERR_UNHANDLED_ERROR(er);
        err.context = er;
        throw err;
      }
      return false;
    }
    if (typeof handler === "function") {
      Reflect.apply(handler, this, args);
    } else {
      for (const l of handler.slice()) Reflect.apply(l, this, args);
    }
    return true;
  };

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else if (events.newListener !== undefined) {
      target.emit("newListener", type, listener.listener ?? listener);
      events = target._events;
    }
    const existing = events[type];
    if (existing === undefined) {
      events[type] = listener;
      target._eventsCount++;
    } else if (typeof existing === "function") {
      events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    const list = events[type];
    const max = target.getMaxListeners();
    if (typeof list !== "function" && max > 0 && list.length > max && !list.warned) {
      list.warned = true;
      console.warn(`MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ${list.length} ${String(type)} listeners added to ${target.constructor.name === "EventEmitter" ? "[EventEmitter]" : `[${target.constructor.name}]`}. MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
    }
    return target;
  }
  proto.addListener = function addListener_(type, listener) { return addListener(this, type, listener, false); };
  proto.on = proto.addListener;
  proto.prependListener = function prependListener(type, listener) { return addListener(this, type, listener, true); };
  function onceWrapper(target, type, listener) {
    const state = { fired: false, target, type, listener };
    const wrapped = function (...args) {
      if (!state.fired) {
        state.target.removeListener(state.type, wrapped);
        state.fired = true;
        return Reflect.apply(state.listener, state.target, args);
      }
    };
    wrapped.listener = listener;
    return wrapped;
  }
  proto.once = function once(type, listener) { checkListener(listener); this.on(type, onceWrapper(this, type, listener)); return this; };
  proto.prependOnceListener = function prependOnceListener(type, listener) { checkListener(listener); this.prependListener(type, onceWrapper(this, type, listener)); return this; };
  proto.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount--;
      if (this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
      if (events.removeListener !== undefined) this.emit("removeListener", type, list.listener || listener);
    } else if (typeof list !== "function") {
      let pos = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) { pos = i; break; }
      }
      if (pos < 0) return this;
      const [removed] = list.splice(pos, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit("removeListener", type, removed.listener || listener);
    }
    return this;
  };
  proto.off = proto.removeListener;
  proto.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) { this._events = Object.create(null); this._eventsCount = 0; }
      else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === "removeListener") continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners("removeListener");
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === "function") this.removeListener(type, listeners);
    else if (listeners !== undefined) for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    return this;
  };
  function listeners(target, type, unwrap) {
    const l = target._events === undefined ? undefined : target._events[type];
    if (l === undefined) return [];
    if (typeof l === "function") return unwrap ? [l.listener || l] : [l];
    return unwrap ? l.map((f) => f.listener || f) : l.slice();
  }
  proto.listeners = function (type) { return listeners(this, type, true); };
  proto.rawListeners = function (type) { return listeners(this, type, false); };
  proto.listenerCount = function listenerCount(type, listener) {
    const l = this._events === undefined ? undefined : this._events[type];
    if (l === undefined) return 0;
    if (typeof l === "function") return listener === undefined || l === listener || l.listener === listener ? 1 : 0;
    if (listener === undefined) return l.length;
    return l.filter((f) => f === listener || f.listener === listener).length;
  };
  proto.eventNames = function eventNames() { return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : []; };

  EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.usingDomains = false;
  EventEmitter.once = function once(emitter, name, options) {
    return new Promise((resolve, reject) => {
      const signal = options?.signal;
      if (signal?.aborted) { reject(abortError(signal)); return; }
      if (typeof emitter.addEventListener === "function") {
        emitter.addEventListener(name, (...args) => resolve(args), { once: true });
        return;
      }
      const errorListener = (err) => { emitter.removeListener(name, resolver); reject(err); };
      const resolver = (...args) => {
        if (name !== "error") emitter.removeListener("error", errorListener);
        resolve(args);
      };
      emitter.once(name, resolver);
      if (name !== "error") emitter.once("error", errorListener);
      signal?.addEventListener("abort", () => {
        emitter.removeListener(name, resolver);
        emitter.removeListener("error", errorListener);
        reject(abortError(signal));
      }, { once: true });
    });
  };
  EventEmitter.getEventListeners = function getEventListeners(emitter, name) {
    if (typeof emitter.listeners === "function") return emitter.listeners(name);
    return [];
  };
  EventEmitter.setMaxListeners = function setMaxListeners(n = defaultMaxListeners, ...targets) {
    if (targets.length === 0) defaultMaxListeners = n;
    else for (const t of targets) if (typeof t.setMaxListeners === "function") t.setMaxListeners(n);
  };
  EventEmitter.addAbortListener = function addAbortListener(signal, listener) {
    const l = () => listener();
    signal.addEventListener("abort", l, { once: true });
    return { [Symbol.dispose || Symbol.for("nodejs.dispose")]() { signal.removeEventListener("abort", l); } };
  };
  return EventEmitter;
})
