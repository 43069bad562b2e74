// ECMAScript built-ins that goja lacks (see doc.go for the list and the spec sections).
// The completion value is install(global) → array of the names it defined.
// Everything is installed only when missing, as non-enumerable, writable, configurable
// properties, the way the spec defines built-in methods.
(function () {
  'use strict';

  // Intrinsics are captured when the program runs, before user code can patch them.
  const uncurry = Function.prototype.bind.bind(Function.prototype.call);
  const ObjectCtor = Object;
  const ObjectCreate = Object.create;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectDefineProperty = Object.defineProperty;
  const isPrototypeOf = uncurry(Object.prototype.isPrototypeOf);
  const ReflectApply = Reflect.apply;
  const ProxyCtor = Proxy;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ReflectOwnKeys = Reflect.ownKeys;
  const MapCtor = Map;
  const mapGet = uncurry(Map.prototype.get);
  const mapSet = uncurry(Map.prototype.set);
  const mapForEach = uncurry(Map.prototype.forEach);
  const ArrayCtor = Array;
  const arrayPush = uncurry(Array.prototype.push);
  const promiseResolve = Promise.resolve.bind(Promise);
  const promiseReject = Promise.reject.bind(Promise);
  const promiseThen = uncurry(Promise.prototype.then);
  const MathTrunc = Math.trunc;
  const SymbolIterator = Symbol.iterator;
  const SymbolToStringTag = Symbol.toStringTag;
  const NumberIsNaN = Number.isNaN;

  const NOARGS = [];

  // DONE marks an exhausted iterator in the step functions below; no iterator can yield it.
  const DONE = ObjectCreate(null);

  function isObject(v) {
    return (typeof v === 'object' && v !== null) || typeof v === 'function';
  }

  function isCallable(v) {
    return typeof v === 'function';
  }

  // IsConstructor(v), unobservably: a proxy has [[Construct]] exactly when its target does, and
  // this trap answers without touching v (Reflect.construct would read v.prototype).
  const constructTrap = { construct() { return {}; } };
  function isConstructor(v) {
    if (!isCallable(v)) return false;
    try {
      new (new ProxyCtor(v, constructTrap))();
      return true;
    } catch (_) {
      return false;
    }
  }

  function describe(v) {
    if (typeof v === 'string') return '"' + v + '"';
    if (typeof v === 'symbol') return v.toString();
    if (isCallable(v)) return 'function';
    if (isObject(v)) return 'object';
    return String(v);
  }

  // GetMethod(V, P).
  function getMethod(v, key) {
    const f = v[key];
    if (f === undefined || f === null) return undefined;
    if (!isCallable(f)) throw new TypeError(describe(f) + ' is not a function');
    return f;
  }

  // ToPropertyKey: ToPrimitive with hint string, then ToString unless it is a symbol. A
  // computed key performs exactly that conversion (once).
  function toPropertyKey(v) {
    if (typeof v === 'symbol' || typeof v === 'string') return v;
    if (!isObject(v)) return String(v);
    return ReflectOwnKeys({ [v]: undefined })[0];
  }

  function createDataPropertyOrThrow(o, key, value) {
    ObjectDefineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  }

  function toLength(v) {
    const n = +v;
    if (NumberIsNaN(n) || n <= 0) return 0;
    return n >= 9007199254740991 ? 9007199254740991 : MathTrunc(n);
  }

  // ---- iterator records (ECMA-262 §7.4) ----

  // GetIteratorDirect(obj).
  function iteratorDirect(obj) {
    return { iterator: obj, next: obj.next };
  }

  // GetIteratorFromMethod(obj, method).
  function iteratorFromMethod(obj, method) {
    const iterator = ReflectApply(method, obj, NOARGS);
    if (!isObject(iterator)) throw new TypeError('Result of the Symbol.iterator method is not an object');
    return iteratorDirect(iterator);
  }

  // IteratorStep: the result object, or DONE. Records do not track [[Done]]: nothing here reads
  // it after an error.
  function step(rec) {
    const result = ReflectApply(rec.next, rec.iterator, NOARGS);
    // isObject, inlined: this is the hot path of every helper.
    if (result === null || (typeof result !== 'object' && typeof result !== 'function')) throw new TypeError('Iterator result ' + describe(result) + ' is not an object');
    return result.done ? DONE : result;
  }

  // IteratorStepValue: the next value, or DONE.
  function stepValue(rec) {
    const result = ReflectApply(rec.next, rec.iterator, NOARGS);
    if (result === null || (typeof result !== 'object' && typeof result !== 'function')) throw new TypeError('Iterator result ' + describe(result) + ' is not an object');
    return result.done ? DONE : result.value;
  }

  // IteratorClose(iterator, normal completion): errors from return() propagate, and return()
  // must return an object.
  function closeNormal(iterator) {
    const ret = getMethod(iterator, 'return');
    if (ret === undefined) return;
    const result = ReflectApply(ret, iterator, NOARGS);
    if (!isObject(result)) throw new TypeError('Iterator result ' + describe(result) + ' is not an object');
  }

  // IteratorClose(iterator, throw completion): the original error wins, so anything return()
  // does is ignored. Callers rethrow.
  function closeThrow(iterator) {
    try {
      const ret = iterator.return;
      if (ret !== undefined && ret !== null) ReflectApply(ret, iterator, NOARGS);
    } catch (_) {
      // the completion being propagated takes precedence
    }
  }

  // GetIteratorFlattenable(obj, primitiveHandling).
  function iteratorFlattenable(obj, allowStrings) {
    if (!isObject(obj) && !(allowStrings && typeof obj === 'string')) {
      throw new TypeError(describe(obj) + ' is not an object');
    }
    const method = getMethod(obj, SymbolIterator);
    const iterator = method === undefined ? obj : ReflectApply(method, obj, NOARGS);
    if (!isObject(iterator)) throw new TypeError(describe(iterator) + ' is not an object');
    return iteratorDirect(iterator);
  }

  function define(target, key, value) {
    ObjectDefineProperty(target, key, { value, writable: true, enumerable: false, configurable: true });
  }

  // ---- grouping (ECMA-262 §7.3.35 GroupBy) ----

  function groupBy(items, callback, toKey) {
    if (items === undefined || items === null) throw new TypeError('groupBy called on null or undefined');
    if (!isCallable(callback)) throw new TypeError(describe(callback) + ' is not a function');
    const groups = new MapCtor();
    let k = 0;
    // for-of performs GetIterator and closes the iterator when the body throws, which is
    // IfAbruptCloseIterator for the callback and the key conversion.
    for (const value of items) {
      const key = toKey(callback(value, k));
      const group = mapGet(groups, key);
      if (group === undefined) mapSet(groups, key, [value]);
      else arrayPush(group, value);
      k++;
    }
    return groups;
  }

  const ObjectStatics = {
    groupBy(items, callback) {
      const groups = groupBy(items, callback, toPropertyKey);
      const obj = ObjectCreate(null);
      mapForEach(groups, (elements, key) => { createDataPropertyOrThrow(obj, key, elements); });
      return obj;
    },
  };

  const MapStatics = {
    groupBy(items, callback) {
      // Map keys are already normalised (-0 becomes +0) by Map.prototype.set.
      return groupBy(items, callback, (key) => key);
    },
  };

  // ---- Array.fromAsync (proposal-array-from-async, ES2026) ----

  // CreateAsyncFromSyncIterator, reduced to the next/return that Array.fromAsync uses.
  function asyncFromSyncIterator(syncRec) {
    // AsyncFromSyncIteratorContinuation.
    function continuation(result, closeOnRejection) {
      const done = !!result.done;
      const value = result.value;
      let wrapper;
      try {
        wrapper = promiseResolve(value);
      } catch (e) {
        if (!done && closeOnRejection) closeThrow(syncRec.iterator);
        throw e;
      }
      const onRejected = done || !closeOnRejection ? undefined : (err) => {
        closeThrow(syncRec.iterator);
        throw err;
      };
      return promiseThen(wrapper, (v) => ({ value: v, done }), onRejected);
    }
    const iterator = {
      next() {
        try {
          const result = ReflectApply(syncRec.next, syncRec.iterator, NOARGS);
          if (!isObject(result)) throw new TypeError('Iterator result ' + describe(result) + ' is not an object');
          return continuation(result, true);
        } catch (e) {
          return promiseReject(e);
        }
      },
      return() {
        try {
          const ret = getMethod(syncRec.iterator, 'return');
          if (ret === undefined) return promiseResolve({ value: undefined, done: true });
          const result = ReflectApply(ret, syncRec.iterator, NOARGS);
          if (!isObject(result)) throw new TypeError('Iterator result ' + describe(result) + ' is not an object');
          return continuation(result, false);
        } catch (e) {
          return promiseReject(e);
        }
      },
    };
    return iteratorDirect(iterator);
  }

  // AsyncIteratorClose(rec, throw completion): awaits return() but ignores its outcome.
  async function asyncCloseThrow(rec) {
    try {
      const ret = rec.iterator.return;
      if (ret !== undefined && ret !== null) await ReflectApply(ret, rec.iterator, NOARGS);
    } catch (_) {
      // the completion being propagated takes precedence
    }
  }

  function makeFromAsync(asyncIteratorSymbol) {
    const ArrayStatics = {
      async fromAsync(asyncItems) {
        const C = this;
        const mapper = arguments.length > 1 ? arguments[1] : undefined;
        const thisArg = arguments.length > 2 ? arguments[2] : undefined;
        const mapping = mapper !== undefined;
        if (mapping && !isCallable(mapper)) throw new TypeError(describe(mapper) + ' is not a function');
        const usingAsyncIterator = getMethod(asyncItems, asyncIteratorSymbol);
        const usingSyncIterator = usingAsyncIterator === undefined ? getMethod(asyncItems, SymbolIterator) : undefined;
        let rec;
        if (usingAsyncIterator !== undefined) rec = iteratorFromMethod(asyncItems, usingAsyncIterator);
        else if (usingSyncIterator !== undefined) rec = asyncFromSyncIterator(iteratorFromMethod(asyncItems, usingSyncIterator));
        if (rec !== undefined) {
          const A = isConstructor(C) ? new C() : new ArrayCtor(0);
          for (let k = 0; ; k++) {
            const nextResult = await ReflectApply(rec.next, rec.iterator, NOARGS);
            if (!isObject(nextResult)) throw new TypeError('Iterator result ' + describe(nextResult) + ' is not an object');
            if (nextResult.done) {
              A.length = k;
              return A;
            }
            const nextValue = nextResult.value;
            let mappedValue = nextValue;
            try {
              if (mapping) mappedValue = await ReflectApply(mapper, thisArg, [nextValue, k]);
              createDataPropertyOrThrow(A, k, mappedValue);
            } catch (e) {
              await asyncCloseThrow(rec);
              throw e;
            }
          }
        }
        // Not iterable: treat it as array-like.
        const arrayLike = ObjectCtor(asyncItems);
        const len = toLength(arrayLike.length);
        const A = isConstructor(C) ? new C(len) : new ArrayCtor(len);
        for (let k = 0; k < len; k++) {
          let value = await arrayLike[k];
          if (mapping) value = await ReflectApply(mapper, thisArg, [value, k]);
          createDataPropertyOrThrow(A, k, value);
        }
        A.length = len;
        return A;
      },
    };
    return ArrayStatics.fromAsync;
  }

  // ---- iterator helpers (ECMA-262 §27.1) ----

  function makeIteratorHelpers(IteratorPrototype) {
    function Iterator() {
      if (new.target === undefined || new.target === Iterator) {
        throw new TypeError('Abstract class Iterator not directly constructable');
      }
    }
    ObjectDefineProperty(Iterator, 'prototype', { value: IteratorPrototype, writable: false, enumerable: false, configurable: false });

    // Generator states of an iterator helper (ECMA-262 §27.5.3: [[GeneratorState]]).
    const START = 0;
    const SUSPENDED = 1;
    const RUNNING = 2;
    const COMPLETED = 3;

    // An iterator helper is written as a state machine rather than a generator (about twice as
    // fast in goja). kind.step(s) runs the closure's body up to its next Yield and returns the
    // yielded value, or DONE when the body returns; kind.close(s) is what the body does when a
    // return() completion arrives at that Yield (IfAbruptCloseIterator). s.rec is the
    // [[UnderlyingIterator]].
    //
    // The class gives %IteratorHelperPrototype% non-enumerable methods and a private-field brand;
    // the class itself is never exposed (the prototype's constructor property is removed).
    class IteratorHelper {
      #s;
      constructor(s) {
        this.#s = s;
      }

      static slots(o, method) {
        if (!isObject(o) || !(#s in o)) {
          throw new TypeError('Method Iterator Helper.prototype.' + method + ' called on incompatible receiver ' + describe(o));
        }
        return o.#s;
      }

      // %IteratorHelperPrototype%.next: GeneratorResume(this, undefined, "Iterator Helper").
      next() {
        const s = #s in this ? this.#s : IteratorHelper.slots(this, 'next');
        if (s.state === RUNNING) throw new TypeError('Generator is already running');
        if (s.state === COMPLETED) return { value: undefined, done: true };
        s.state = RUNNING;
        let value;
        try {
          value = s.kind.step(s);
        } catch (e) {
          s.state = COMPLETED;
          throw e;
        }
        if (value === DONE) {
          s.state = COMPLETED;
          return { value: undefined, done: true };
        }
        s.state = SUSPENDED;
        return { value, done: false };
      }

      // %IteratorHelperPrototype%.return.
      return() {
        const s = IteratorHelper.slots(this, 'return');
        if (s.state === RUNNING) throw new TypeError('Generator is already running');
        if (s.state === COMPLETED) return { value: undefined, done: true };
        if (s.state === START) {
          s.state = COMPLETED;
          closeNormal(s.rec.iterator);
          return { value: undefined, done: true };
        }
        // GeneratorResumeAbrupt with a return completion: the body runs (closing what it
        // iterates) while the helper is executing, then completes.
        s.state = RUNNING;
        try {
          s.kind.close(s);
        } finally {
          s.state = COMPLETED;
        }
        return { value: undefined, done: true };
      }
    }
    const helperProto = IteratorHelper.prototype;
    delete helperProto.constructor;
    ObjectSetPrototypeOf(helperProto, IteratorPrototype);
    ObjectDefineProperty(helperProto, SymbolToStringTag, { value: 'Iterator Helper', writable: false, enumerable: false, configurable: true });

    function makeHelper(rec, kind, fn, limit) {
      return new IteratorHelper({ state: START, rec, kind, fn, counter: 0, remaining: limit, inner: undefined });
    }

    // Closing at a Yield, for every helper but flatMap.
    function closeUnderlying(s) {
      closeNormal(s.rec.iterator);
    }

    // callWith calls the helper's callback; if it throws, the underlying iterator is closed.
    function callWith(s, value) {
      try {
        return s.fn(value, s.counter++);
      } catch (e) {
        closeThrow(s.rec.iterator);
        throw e;
      }
    }

    const MapHelper = {
      step(s) {
        const value = stepValue(s.rec);
        if (value === DONE) return DONE;
        try {
          return s.fn(value, s.counter++);
        } catch (e) {
          closeThrow(s.rec.iterator);
          throw e;
        }
      },
      close: closeUnderlying,
    };

    const FilterHelper = {
      step(s) {
        for (;;) {
          const value = stepValue(s.rec);
          if (value === DONE || callWith(s, value)) return value;
        }
      },
      close: closeUnderlying,
    };

    const TakeHelper = {
      step(s) {
        if (s.remaining === 0) {
          closeNormal(s.rec.iterator);
          return DONE;
        }
        if (s.remaining !== Infinity) s.remaining--;
        return stepValue(s.rec);
      },
      close: closeUnderlying,
    };

    const DropHelper = {
      step(s) {
        while (s.remaining > 0) {
          if (s.remaining !== Infinity) s.remaining--;
          if (step(s.rec) === DONE) return DONE;
        }
        return stepValue(s.rec);
      },
      close: closeUnderlying,
    };

    const FlatMapHelper = {
      step(s) {
        for (;;) {
          if (s.inner !== undefined) {
            let innerValue;
            try {
              innerValue = stepValue(s.inner);
            } catch (e) {
              closeThrow(s.rec.iterator);
              throw e;
            }
            if (innerValue !== DONE) return innerValue;
            s.inner = undefined;
          }
          const value = stepValue(s.rec);
          if (value === DONE) return DONE;
          const mapped = callWith(s, value);
          try {
            s.inner = iteratorFlattenable(mapped, false);
          } catch (e) {
            closeThrow(s.rec.iterator);
            throw e;
          }
        }
      },
      // Suspended flatMap is always at a Yield of the inner iterator: close it, then the outer.
      close(s) {
        try {
          closeNormal(s.inner.iterator);
        } catch (e) {
          closeThrow(s.rec.iterator);
          throw e;
        }
        closeNormal(s.rec.iterator);
      },
    };

    // %WrapForValidIteratorPrototype%, used by Iterator.from; #rec is [[Iterated]].
    class WrapForValidIterator {
      #rec;
      constructor(rec) {
        this.#rec = rec;
      }

      static iterated(o, method) {
        if (!isObject(o) || !(#rec in o)) {
          throw new TypeError('Method %WrapForValidIteratorPrototype%.' + method + ' called on incompatible receiver ' + describe(o));
        }
        return o.#rec;
      }

      next() {
        const rec = WrapForValidIterator.iterated(this, 'next');
        return ReflectApply(rec.next, rec.iterator, NOARGS);
      }

      return() {
        const iterator = WrapForValidIterator.iterated(this, 'return').iterator;
        const ret = getMethod(iterator, 'return');
        if (ret === undefined) return { value: undefined, done: true };
        return ReflectApply(ret, iterator, NOARGS);
      }
    }
    delete WrapForValidIterator.prototype.constructor;
    ObjectSetPrototypeOf(WrapForValidIterator.prototype, IteratorPrototype);

    function requireObject(o, method) {
      if (!isObject(o)) throw new TypeError('Iterator.prototype.' + method + ' called on non-object');
    }

    // Argument validation failures close the receiver (ecma262 PR #3467).
    function requireCallable(o, fn) {
      if (!isCallable(fn)) {
        closeThrow(o);
        throw new TypeError(describe(fn) + ' is not a function');
      }
    }

    // The limit argument of take and drop: ToNumber, not NaN, ToIntegerOrInfinity, not negative.
    function toLimit(o, limit) {
      let n;
      try {
        n = +limit;
      } catch (e) {
        closeThrow(o);
        throw e;
      }
      if (NumberIsNaN(n)) {
        closeThrow(o);
        throw new RangeError(describe(limit) + ' must be positive');
      }
      const integer = MathTrunc(n);
      if (integer < 0) {
        closeThrow(o);
        throw new RangeError(describe(limit) + ' must be positive');
      }
      return integer;
    }

    const Statics = {
      from(O) {
        const rec = iteratorFlattenable(O, true);
        if (isPrototypeOf(IteratorPrototype, rec.iterator)) return rec.iterator;
        return new WrapForValidIterator(rec);
      },
    };

    const Methods = {
      map(mapper) {
        requireObject(this, 'map');
        requireCallable(this, mapper);
        const rec = iteratorDirect(this);
        return makeHelper(rec, MapHelper, mapper);
      },
      filter(predicate) {
        requireObject(this, 'filter');
        requireCallable(this, predicate);
        const rec = iteratorDirect(this);
        return makeHelper(rec, FilterHelper, predicate);
      },
      take(limit) {
        requireObject(this, 'take');
        const n = toLimit(this, limit);
        const rec = iteratorDirect(this);
        return makeHelper(rec, TakeHelper, undefined, n);
      },
      drop(limit) {
        requireObject(this, 'drop');
        const n = toLimit(this, limit);
        const rec = iteratorDirect(this);
        return makeHelper(rec, DropHelper, undefined, n);
      },
      flatMap(mapper) {
        requireObject(this, 'flatMap');
        requireCallable(this, mapper);
        const rec = iteratorDirect(this);
        return makeHelper(rec, FlatMapHelper, mapper);
      },
      reduce(reducer) {
        requireObject(this, 'reduce');
        requireCallable(this, reducer);
        const rec = iteratorDirect(this);
        let accumulator;
        let counter;
        if (arguments.length < 2) {
          accumulator = stepValue(rec);
          if (accumulator === DONE) throw new TypeError('Reduce of empty iterator with no initial value');
          counter = 1;
        } else {
          accumulator = arguments[1];
          counter = 0;
        }
        for (; ; counter++) {
          const value = stepValue(rec);
          if (value === DONE) return accumulator;
          try {
            accumulator = reducer(accumulator, value, counter);
          } catch (e) {
            closeThrow(rec.iterator);
            throw e;
          }
        }
      },
      toArray() {
        requireObject(this, 'toArray');
        const rec = iteratorDirect(this);
        const items = [];
        for (;;) {
          const value = stepValue(rec);
          if (value === DONE) return items;
          arrayPush(items, value);
        }
      },
      forEach(fn) {
        requireObject(this, 'forEach');
        requireCallable(this, fn);
        const rec = iteratorDirect(this);
        for (let counter = 0; ; counter++) {
          const value = stepValue(rec);
          if (value === DONE) return undefined;
          try {
            fn(value, counter);
          } catch (e) {
            closeThrow(rec.iterator);
            throw e;
          }
        }
      },
      some(predicate) {
        requireObject(this, 'some');
        requireCallable(this, predicate);
        const rec = iteratorDirect(this);
        for (let counter = 0; ; counter++) {
          const value = stepValue(rec);
          if (value === DONE) return false;
          let result;
          try {
            result = predicate(value, counter);
          } catch (e) {
            closeThrow(rec.iterator);
            throw e;
          }
          if (result) {
            closeNormal(rec.iterator);
            return true;
          }
        }
      },
      every(predicate) {
        requireObject(this, 'every');
        requireCallable(this, predicate);
        const rec = iteratorDirect(this);
        for (let counter = 0; ; counter++) {
          const value = stepValue(rec);
          if (value === DONE) return true;
          let result;
          try {
            result = predicate(value, counter);
          } catch (e) {
            closeThrow(rec.iterator);
            throw e;
          }
          if (!result) {
            closeNormal(rec.iterator);
            return false;
          }
        }
      },
      find(predicate) {
        requireObject(this, 'find');
        requireCallable(this, predicate);
        const rec = iteratorDirect(this);
        for (let counter = 0; ; counter++) {
          const value = stepValue(rec);
          if (value === DONE) return undefined;
          let result;
          try {
            result = predicate(value, counter);
          } catch (e) {
            closeThrow(rec.iterator);
            throw e;
          }
          if (result) {
            closeNormal(rec.iterator);
            return value;
          }
        }
      },
    };

    // SetterThatIgnoresPrototypeProperties(this, home, p, v).
    function ignoringSetter(self, key, v) {
      if (!isObject(self)) throw new TypeError('Cannot assign to read only property of a non-object');
      if (self === IteratorPrototype) throw new TypeError('Cannot assign to read only property of Iterator.prototype');
      if (ObjectGetOwnPropertyDescriptor(self, key) === undefined) createDataPropertyOrThrow(self, key, v);
      else self[key] = v;
    }
    const Accessors = {
      get constructor() { return Iterator; },
      set constructor(v) { ignoringSetter(this, 'constructor', v); },
      get [SymbolToStringTag]() { return 'Iterator'; },
      set [SymbolToStringTag](v) { ignoringSetter(this, SymbolToStringTag, v); },
    };

    return { Iterator, Statics, Methods, Accessors };
  }

  return function install(global) {
    // %IteratorPrototype%, which goja does not expose under a name.
    const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][SymbolIterator]()));
    const added = [];
    if (Object.groupBy === undefined) {
      define(Object, 'groupBy', ObjectStatics.groupBy);
      added.push('Object.groupBy');
    }
    if (Map.groupBy === undefined) {
      define(Map, 'groupBy', MapStatics.groupBy);
      added.push('Map.groupBy');
    }
    if (Array.fromAsync === undefined) {
      // The runtime's prelude defines Symbol.asyncIterator the same way when goja lacks it.
      if (Symbol.asyncIterator === undefined) {
        ObjectDefineProperty(Symbol, 'asyncIterator', { value: Symbol.for('Symbol.asyncIterator') });
      }
      define(Array, 'fromAsync', makeFromAsync(Symbol.asyncIterator));
      added.push('Array.fromAsync');
    }
    const h = makeIteratorHelpers(IteratorPrototype);
    if (global.Iterator === undefined) {
      define(global, 'Iterator', h.Iterator);
      added.push('Iterator');
    }
    const Iter = global.Iterator;
    if (Iter.from === undefined) {
      define(Iter, 'from', h.Statics.from);
      added.push('Iterator.from');
    }
    for (const name of ReflectOwnKeys(h.Methods)) {
      if (IteratorPrototype[name] === undefined) {
        define(IteratorPrototype, name, h.Methods[name]);
        added.push('Iterator.prototype.' + name);
      }
    }
    for (const key of ['constructor', SymbolToStringTag]) {
      // goja's %IteratorPrototype% inherits both from Object.prototype; the spec gives it own
      // accessors.
      if (Object.getOwnPropertyDescriptor(IteratorPrototype, key) === undefined) {
        const d = Object.getOwnPropertyDescriptor(h.Accessors, key);
        ObjectDefineProperty(IteratorPrototype, key, { get: d.get, set: d.set, enumerable: false, configurable: true });
        added.push('Iterator.prototype[' + (typeof key === 'symbol' ? 'Symbol.toStringTag' : key) + ']');
      }
    }
    return added;
  };
})();
