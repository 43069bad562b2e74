// Package clone implements structuredClone over goja values, in Go.
//
// Spec: HTML §2.7 "Safe passing of structured data" (StructuredSerializeInternal,
// StructuredDeserialize, and the WithTransfer variants), with V8's DataCloneError messages
// (what workerd's structuredClone shows, since it uses V8's serializer) and workerd's rules for
// the transfer list (src/workerd/jsg/ser.c++). Serialization and deserialization happen in one
// pass: each source object is copied as soon as it is reached, and a memory map from source to
// copy keeps shared references shared and cycles cyclic.
//
// Supported: primitives (including -0 and BigInt); Number, String, Boolean and BigInt wrapper
// objects; Date; RegExp (source and flags, lastIndex reset); ArrayBuffer (copied, or moved by
// transfer); every goja typed array and DataView, views over one buffer sharing one cloned
// buffer; Map and Set (entries copied out before they are cloned); arrays (length, holes and
// non-index properties kept); other objects as plain objects (own enumerable string keys,
// getters invoked, prototype dropped — class instances clone to plain objects, as in V8);
// Error objects (name from Error/EvalError/RangeError/ReferenceError/SyntaxError/TypeError/
// URIError, else Error; message if an own data property; and, as V8 does, an own data cause,
// cloned, and the stack string); host objects whose Go state implements Serializable
// (DOMException). Everything else throws a DataCloneError DOMException (a plain Error named
// DataCloneError if the isolate has no DOMException): functions and symbols ("function f() {}
// could not be cloned.", "Symbol(x) could not be cloned."), Promise, WeakMap, WeakSet and
// proxies ("#<Promise> could not be cloned."), detached buffers ("An ArrayBuffer is detached
// and could not be cloned."), and other host objects (workerd's `Could not serialize object of
// type "Request". This type does not support serialization.`).
//
// goja hides internal slots from Go, so the algorithm identifies objects by goja's class name
// and export type and reads slots through the original built-ins (Map.prototype.forEach, the
// %TypedArray% getters, …), captured by New/Install before user code can patch them.
//
// Imports: goja and jsutil only. Threading: everything runs on the isolate's loop goroutine,
// like the *goja.Runtime it is given.
//
// Deviation: the transfer list follows workerd, not HTML: a typed array or DataView in the
// list transfers its buffer, a non-transferable entry is a TypeError "Object is not
// transferable" (HTML: DataCloneError), and a repeated buffer is ignored (HTML:
// DataCloneError).
//
// Deviation: objects with internal slots that goja does not expose to Go and that V8 refuses
// (generator objects, Map/Set/Array iterators, the global object) clone as plain objects. A
// WeakMap, WeakSet or DataView is recognised through its prototype chain and confirmed with a
// brand check, so one whose prototype was replaced clones as a plain object.
//
// Deviation: errors are cloned as V8 does by default; workerd's enhanced_error_serialization
// flag (every own property, AggregateError and custom names kept) is not implemented.
//
// Not applicable in goja: SharedArrayBuffer, resizable ArrayBuffer, Float16Array, WebAssembly
// modules and memories.
package clone
