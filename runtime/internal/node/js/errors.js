// internal/errors — Node's coded errors (err.code = "ERR_…", messages in Node's wording).
(function (require) {
  "use strict";
  function inspect(v, opts) { return require("util").inspect(v, opts); }

  function coded(Base, code, format) {
    const E = class extends Base {
      constructor(...args) {
        super(format(...args));
        Object.defineProperty(this, "code", { value: code, enumerable: true, writable: true, configurable: true });
      }
      get name() { return Base.name; }
      set name(v) { Object.defineProperty(this, "name", { value: v, writable: true, enumerable: true, configurable: true }); }
      toString() { return `${Base.name} [${code}]: ${this.message}`; }
    };
    Object.defineProperty(E, "name", { value: "Node" + Base.name });
    return E;
  }

  const primitives = ["string", "function", "number", "object", "boolean", "bigint", "symbol"];
  function argName(name) {
    if (name.endsWith(" argument")) return `The ${name}`;
    return `The "${name}" ${name.includes(".") ? "property" : "argument"}`;
  }
  function orList(items) {
    if (items.length > 2) return `${items.slice(0, -1).join(", ")}, or ${items[items.length - 1]}`;
    return items.join(" or ");
  }
  function received(value) {
    if (value == null) return ` Received ${value}`;
    if (typeof value === "function") return ` Received function ${value.name}`;
    if (typeof value === "object") {
      if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
      return ` Received ${inspect(value, { depth: -1 })}`;
    }
    let shown = inspect(value, { colors: false });
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    return ` Received type ${typeof value} (${shown})`;
  }
  function invalidArgType(name, expected, value) {
    if (!Array.isArray(expected)) expected = [expected];
    const types = [], instances = [], other = [];
    for (const e of expected) {
      if (primitives.includes(e) || e === "Function" || e === "Object") types.push(e.toLowerCase());
      else if (/^([A-Z][a-z0-9]*)+$/.test(e)) instances.push(e);
      else other.push(e);
    }
    if (instances.length > 0) {
      const i = types.indexOf("object");
      if (i !== -1) { types.splice(i, 1); instances.push("Object"); }
    }
    let msg = `${argName(name)} must be `;
    if (types.length > 0) {
      msg += types.length > 2 ? `one of type ${orList(types)}` : types.length === 2 ? `one of type ${types[0]} or ${types[1]}` : `of type ${types[0]}`;
      if (instances.length > 0 || other.length > 0) msg += " or ";
    }
    if (instances.length > 0) {
      msg += `an instance of ${orList(instances)}`;
      if (other.length > 0) msg += " or ";
    }
    if (other.length > 0) {
      if (other.length > 1) msg += `one of ${orList(other)}`;
      else msg += (other[0].toLowerCase() !== other[0] ? "an " : "") + other[0];
    }
    return msg + "." + received(value);
  }
  function separated(s) {
    let out = "";
    let i = s.length;
    const start = s[0] === "-" ? 1 : 0;
    for (; i >= start + 4; i -= 3) out = `_${s.slice(i - 3, i)}${out}`;
    return `${s.slice(0, i)}${out}`;
  }
  function outOfRange(name, range, value) {
    let shown;
    if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) shown = separated(String(value));
    else if (typeof value === "bigint") {
      shown = String(value);
      if (value > 2n ** 32n || value < -(2n ** 32n)) shown = separated(shown);
      shown += "n";
    } else shown = inspect(value);
    return `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`;
  }
  function invalidArgValue(name, value, reason = "is invalid") {
    let shown = inspect(value);
    if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
    return `The ${name.includes(".") ? "property" : "argument"} '${name}' ${reason}. Received ${shown}`;
  }

  // abortError is the AbortError Node's promise APIs reject with when their signal aborts.
  function abortError(signal) {
    const e = new Error("The operation was aborted");
    e.name = "AbortError";
    e.code = "ABORT_ERR";
    if (signal) e.cause = signal.reason;
    return e;
  }

  return {
    coded,
    abortError,
    ERR_INVALID_ARG_TYPE: coded(TypeError, "ERR_INVALID_ARG_TYPE", invalidArgType),
    ERR_INVALID_ARG_VALUE: coded(TypeError, "ERR_INVALID_ARG_VALUE", invalidArgValue),
    ERR_OUT_OF_RANGE: coded(RangeError, "ERR_OUT_OF_RANGE", outOfRange),
    ERR_UNKNOWN_ENCODING: coded(TypeError, "ERR_UNKNOWN_ENCODING", (e) => `Unknown encoding: ${e}`),
    ERR_BUFFER_OUT_OF_BOUNDS: coded(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", (name) =>
      name ? `"${name}" is outside of buffer bounds` : "Attempt to access memory outside buffer bounds"),
    ERR_INVALID_BUFFER_SIZE: coded(RangeError, "ERR_INVALID_BUFFER_SIZE", (s) => `Buffer size must be a multiple of ${s}`),
    ERR_MISSING_ARGS: coded(TypeError, "ERR_MISSING_ARGS", (...names) => `The ${orList(names.map((n) => `"${n}"`)).replace(" or ", " and ")} argument${names.length > 1 ? "s" : ""} must be specified`),
    ERR_INVALID_THIS: coded(TypeError, "ERR_INVALID_THIS", (t) => `Value of "this" must be of type ${t}`),
    ERR_UNHANDLED_ERROR: coded(Error, "ERR_UNHANDLED_ERROR", (e) => e === undefined ? "Unhandled error." : `Unhandled error. (${inspect(e)})`),
    ERR_INVALID_URL: coded(TypeError, "ERR_INVALID_URL", () => "Invalid URL"),
    ERR_INVALID_FILE_URL_PATH: coded(TypeError, "ERR_INVALID_FILE_URL_PATH", (m) => `File URL path ${m}`),
    ERR_INVALID_URL_SCHEME: coded(TypeError, "ERR_INVALID_URL_SCHEME", (s) => `The URL must be of scheme ${s}`),
    ERR_CRYPTO_HASH_FINALIZED: coded(Error, "ERR_CRYPTO_HASH_FINALIZED", () => "Digest already called"),
    ERR_METHOD_NOT_IMPLEMENTED: coded(Error, "ERR_METHOD_NOT_IMPLEMENTED", (m) => `The ${m} method is not implemented`),
    ERR_STREAM_PUSH_AFTER_EOF: coded(Error, "ERR_STREAM_PUSH_AFTER_EOF", () => "stream.push() after EOF"),
    ERR_STREAM_WRITE_AFTER_END: coded(Error, "ERR_STREAM_WRITE_AFTER_END", () => "write after end"),
    ERR_STREAM_DESTROYED: coded(Error, "ERR_STREAM_DESTROYED", (m) => `Cannot call ${m} after a stream was destroyed`),
    ERR_STREAM_PREMATURE_CLOSE: coded(Error, "ERR_STREAM_PREMATURE_CLOSE", () => "Premature close"),
    ERR_STREAM_NULL_VALUES: coded(TypeError, "ERR_STREAM_NULL_VALUES", () => "May not write null values to stream"),
    ERR_MULTIPLE_CALLBACK: coded(Error, "ERR_MULTIPLE_CALLBACK", () => "Callback called multiple times"),
    ERR_FALSY_VALUE_REJECTION: coded(Error, "ERR_FALSY_VALUE_REJECTION", () => "Promise was rejected with falsy value"),
  };
})
