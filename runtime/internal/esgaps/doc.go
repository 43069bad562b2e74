// Package esgaps adds the ECMAScript built-ins that goja lacks and that bundled worker code
// calls: Object.groupBy, Map.groupBy, Array.fromAsync, the iterator helpers with the Iterator
// global, and String.prototype.isWellFormed/toWellFormed.
//
// Install adds each one only when the runtime does not already have it, so a newer goja that
// implements something natively keeps its own version (TestInstalled lists what the pinned
// goja lacks and fails when that changes). Everything is defined the way the spec defines
// built-ins: non-enumerable, writable, configurable, with the spec's name and length, and
// methods are not constructors.
//
// What is added, checked one by one against goja v0.0.0-20260917113740 (see
// spec/goja-feasibility.md §1):
//
//   - Object.groupBy, Map.groupBy — ECMA-262 §20.1.2.12, §24.1.2.1 (GroupBy, §7.3.35).
//   - Array.fromAsync — ES2026 (proposal-array-from-async): Symbol.asyncIterator first, then
//     Symbol.iterator through an async-from-sync wrapper (values awaited, the iterator closed
//     when a value rejects), then array-likes; mapping function and thisArg; a constructor this
//     is used to create the result.
//   - Iterator (the abstract constructor, ECMA-262 §27.1.3.1), Iterator.from with
//     %WrapForValidIteratorPrototype%, and on %IteratorPrototype%: map, filter, take, drop,
//     flatMap, reduce, toArray, forEach, some, every, find, plus the spec's constructor and
//     Symbol.toStringTag accessors. The helpers return objects of %IteratorHelperPrototype%
//     (next, return, toStringTag "Iterator Helper"). Argument validation failures close the
//     receiver (ecma262 PR #3467, in ES2025).
//   - String.prototype.isWellFormed, toWellFormed — ECMA-262 §22.1.3.10, §22.1.3.32, in Go,
//     reading UTF-16 code units through goja.String without copying.
//
// Not added because goja already has them (checked): the Set methods (union, intersection,
// difference, symmetricDifference, isSubsetOf, isSupersetOf, isDisjointFrom), Array.prototype
// findLast/findLastIndex/toSorted/toReversed/toSpliced/with and their typed-array versions, at,
// Object.hasOwn. Promise.withResolvers, Promise.try and Symbol.asyncIterator/dispose come from
// the runtime's prelude (runtime/prelude.js); Install defines Symbol.asyncIterator the same way
// (Symbol.for('Symbol.asyncIterator')) only if it runs without the prelude.
//
// Not added (still missing in goja): Iterator.concat, Iterator.prototype[Symbol.dispose],
// RegExp.escape, Math.sumPrecise, ArrayBuffer.prototype.transfer/resize,
// WeakRef, FinalizationRegistry, Atomics, async iterator helpers (a proposal).
//
// How: the JavaScript parts live in esgaps.js, compiled once per process into a shared
// *goja.Program; the program captures the intrinsics it uses (Reflect.apply, Map.prototype.set,
// …) when it runs, so later patches by user code do not change how the built-ins behave.
// Iterator helpers are state machines keyed by a private class field rather than generators:
// twice as fast in goja, with the generator states (start, suspended, running, completed)
// kept explicitly so re-entrant next/return calls throw TypeError as the spec's
// GeneratorValidate does.
//
// Deviation: iterator records do not track [[Done]] and the k ≥ 2^53−1 checks of GroupBy and
// Array.fromAsync are omitted; neither is observable in practice.
//
// Deviation: TypeError and RangeError messages are edge's own, not V8's.
//
// Imports: goja and runtime/internal/jsutil. Install runs on the goroutine that owns the
// *goja.Runtime, before user code; the installed functions run on that goroutine like any JS.
package esgaps
