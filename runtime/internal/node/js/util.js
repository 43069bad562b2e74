// node:util — format, inspect (Node's layout rules), promisify, types, deprecate, inherits.
(function (require, native) {
  "use strict";
  const errors = require("internal/errors");
  const { ERR_INVALID_ARG_TYPE } = errors;
  const customInspect = Symbol.for("nodejs.util.inspect.custom");
  const customPromisify = Symbol.for("nodejs.util.promisify.custom");
  const toStr = (v) => Object.prototype.toString.call(v);
  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const taTag = Object.getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag).get;

  const types = {
    isPromise: (v) => v instanceof Promise,
    isRegExp: (v) => toStr(v) === "[object RegExp]",
    isDate: (v) => v instanceof Date,
    isMap: (v) => v instanceof Map,
    isSet: (v) => v instanceof Set,
    isWeakMap: (v) => v instanceof WeakMap,
    isWeakSet: (v) => v instanceof WeakSet,
    isMapIterator: (v) => toStr(v) === "[object Map Iterator]",
    isSetIterator: (v) => toStr(v) === "[object Set Iterator]",
    isNativeError: (v) => v instanceof Error,
    isArrayBuffer: (v) => v instanceof ArrayBuffer,
    isSharedArrayBuffer: (v) => typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer,
    isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer),
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isDataView: (v) => v instanceof DataView,
    isTypedArray: (v) => taTag.call(v) !== undefined,
    isAsyncFunction: (v) => typeof v === "function" && toStr(v) === "[object AsyncFunction]",
    isGeneratorFunction: (v) => typeof v === "function" && /^\[object (Async)?GeneratorFunction\]$/.test(toStr(v)),
    isGeneratorObject: (v) => toStr(v) === "[object Generator]",
    isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean || (typeof v === "object" && v !== null && /^\[object (Symbol|BigInt)\]$/.test(toStr(v))),
    isNumberObject: (v) => typeof v === "object" && v instanceof Number,
    isStringObject: (v) => typeof v === "object" && v instanceof String,
    isBooleanObject: (v) => typeof v === "object" && v instanceof Boolean,
    isSymbolObject: (v) => typeof v === "object" && v !== null && toStr(v) === "[object Symbol]",
    isBigIntObject: (v) => typeof v === "object" && v !== null && toStr(v) === "[object BigInt]",
    isProxy: () => false,
    isModuleNamespaceObject: (v) => typeof v === "object" && v !== null && v[Symbol.toStringTag] === "Module",
    isArgumentsObject: (v) => toStr(v) === "[object Arguments]",
    isKeyObject: () => false,
    isCryptoKey: (v) => typeof CryptoKey !== "undefined" && v instanceof CryptoKey,
  };
  for (const t of ["Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array", "Int8Array", "Int16Array", "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]) {
    types["is" + t] = (v) => taTag.call(v) === t;
  }

  // ---- inspect ----
  const defaults = { showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false, maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false };

  function inspect(value, opts) {
    const ctx = { ...defaults, seen: [], circular: new Map(), indentationLvl: 0, currentDepth: 0, budget: {} };
    if (arguments.length >= 2 && typeof opts !== "object") {
      // Legacy signature: inspect(value, showHidden, depth, colors).
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
    } else if (opts && typeof opts === "object") {
      for (const k of Object.keys(opts)) if (k in defaults || k === "stylize") ctx[k] = opts[k];
    }
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0, false);
  }
  inspect.custom = customInspect;
  Object.defineProperty(inspect, "defaultOptions", { get() { return defaults; }, set(o) { Object.assign(defaults, o); } });
  inspect.colors = Object.assign(Object.create(null), { reset: [0, 0], bold: [1, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39], gray: [90, 39] });
  inspect.styles = Object.assign(Object.create(null), { special: "cyan", number: "yellow", bigint: "yellow", boolean: "yellow", undefined: "grey", null: "bold", string: "green", symbol: "green", date: "magenta", regexp: "red", module: "underline" });

  const identRe = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  function quote(s) {
    let q = "'";
    if (s.includes("'")) {
      if (!s.includes('"')) q = '"';
      else if (!s.includes("`") && !s.includes("${")) q = "`";
    }
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const ch = s[i];
      if (ch === q || ch === "\\") out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\b") out += "\\b";
      else if (ch === "\f") out += "\\f";
      else if (ch === "\v") out += "\\v";
      else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
      else if (c >= 0xd800 && c <= 0xdfff) {
        const next = s.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { out += ch + s[i + 1]; i++; }
        else out += "\\u" + c.toString(16).toUpperCase();
      } else out += ch;
    }
    return q + out + q;
  }
  function formatNumber(n) { return Object.is(n, -0) ? "-0" : String(n); }
  function formatPrimitive(ctx, v) {
    switch (typeof v) {
      case "string": {
        let trailer = "";
        if (v.length > ctx.maxStringLength) {
          const rest = v.length - ctx.maxStringLength;
          v = v.slice(0, ctx.maxStringLength);
          trailer = `... ${rest} more character${rest > 1 ? "s" : ""}`;
        }
        if (ctx.compact !== true && v.length > 16 && v.length > ctx.breakLength - ctx.indentationLvl - 4) {
          return v.split(/(?<=\n)/).map((line) => quote(line)).join(` +\n${" ".repeat(ctx.indentationLvl + 2)}`) + trailer;
        }
        return quote(v) + trailer;
      }
      case "number": return formatNumber(v);
      case "bigint": return `${v}n`;
      case "boolean": return String(v);
      case "undefined": return "undefined";
      case "symbol": return symbolString(v);
    }
    return String(v);
  }
  function symbolString(s) {
    const d = s.description;
    return d === undefined ? "Symbol()" : `Symbol(${d})`;
  }

  function formatValue(ctx, value, depth, typedArray) {
    if (typeof value !== "object" && typeof value !== "function") return formatPrimitive(ctx, value);
    if (value === null) return "null";
    if (ctx.customInspect) {
      let fn;
      try { fn = value[customInspect]; } catch { fn = undefined; }
      if (typeof fn === "function" && fn !== inspect && !(Object.getOwnPropertyDescriptor(value, "constructor")?.value?.prototype === value)) {
        const opts = { ...ctx, depth: ctx.depth === null ? null : ctx.depth - depth, stylize: (s) => s };
        delete opts.seen; delete opts.circular; delete opts.budget; delete opts.indentationLvl; delete opts.currentDepth;
        const ret = fn.call(value, opts.depth, opts, inspect);
        if (ret !== value) {
          if (typeof ret !== "string") return formatValue(ctx, ret, depth, false);
          return ret.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
        }
      }
    }
    if (ctx.seen.includes(value)) {
      let index = ctx.circular.get(value);
      if (index === undefined) { index = ctx.circular.size + 1; ctx.circular.set(value, index); }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, depth, typedArray);
  }

  function constructorName(obj) {
    let o = obj;
    while (o !== null && o !== undefined) {
      const d = Object.getOwnPropertyDescriptor(o, "constructor");
      if (d && typeof d.value === "function" && d.value.name !== "") return d.value.name;
      o = Object.getPrototypeOf(o);
    }
    return null;
  }
  function prefix(ctor, tag, fallback, size = "") {
    if (ctor === null) {
      if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== "" && ctor !== tag) return `${ctor}${size} [${tag}] `;
    return `${ctor}${size} `;
  }
  function getKeys(value, showHidden) {
    const keys = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
    const syms = Object.getOwnPropertySymbols(value);
    for (const s of syms) if (showHidden || Object.getOwnPropertyDescriptor(value, s).enumerable) keys.push(s);
    return keys;
  }
  function isIndex(k) { return typeof k === "string" && /^(0|[1-9][0-9]*)$/.test(k) && +k < 2 ** 32 - 1; }

  function functionBase(value, ctor, tag) {
    const src = Function.prototype.toString.call(value);
    if (src.startsWith("class") && /^class\s*[\s{A-Za-z_$]/.test(src)) {
      let base = `[class ${value.name || "(anonymous)"}`;
      const sup = Object.getPrototypeOf(value);
      if (sup && sup !== Function.prototype && sup.name) base += ` extends ${sup.name}`;
      else if (ctor !== "Function" && ctor !== null) base += ` [${ctor}]`;
      return base + "]";
    }
    let type = "Function";
    const t = toStr(value);
    if (t === "[object AsyncFunction]") type = "AsyncFunction";
    else if (t === "[object GeneratorFunction]") type = "GeneratorFunction";
    else if (t === "[object AsyncGeneratorFunction]") type = "AsyncGeneratorFunction";
    let base = `[${type}`;
    if (ctor === null) base += " (null prototype)";
    base += value.name === "" ? " (anonymous)" : `: ${value.name}`;
    base += "]";
    if (ctor !== type && ctor !== null) base += ` ${ctor}`;
    if (tag !== "" && ctor !== tag) base += ` [${tag}]`;
    return base;
  }
  // errorBase is an error's stack (or "[Name: message]" when it has none), as Node shows it.
  function errorBase(err, ctor, keys) {
    const name = err.name != null ? String(err.name) : "Error";
    let stack = typeof err.stack === "string" && err.stack ? err.stack : Error.prototype.toString.call(err);
    const hasFrames = /\n\s+at /.test(stack);
    if (!hasFrames) stack = `[${stack}]`;
    for (const k of ["name", "message", "stack"]) {
      const i = keys.indexOf(k);
      if (i !== -1 && (k !== "name" || stack.includes(name))) keys.splice(i, 1);
    }
    if (ctor === null) stack = `[${name}: null prototype] ${stack}`;
    return stack;
  }

  function formatRaw(ctx, value, depth, typedArray) {
    let keys;
    let protoProps;
    const ctor = constructorName(value);
    let tag = value[Symbol.toStringTag];
    if (typeof tag !== "string") tag = "";
    let base = "";
    let formatter = formatObjectEntries;
    let braces;
    let noIterator = true;
    let extrasType = "object";
    const filterIndices = (ks) => ks.filter((k) => !isIndex(k));

    if (Symbol.iterator in value || ctor === null) {
      noIterator = false;
      if (Array.isArray(value)) {
        const p = ctor !== "Array" || tag !== "" ? prefix(ctor, tag, "Array", `(${value.length})`) : "";
        keys = filterIndices(getKeys(value, ctx.showHidden));
        braces = [`${p}[`, "]"];
        if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
        extrasType = "array";
        formatter = formatArray;
      } else if (value instanceof Set) {
        const size = value.size;
        keys = getKeys(value, ctx.showHidden);
        const p = prefix(ctor, tag, "Set", `(${size})`);
        formatter = formatSet;
        if (size === 0 && keys.length === 0) return `${p}{}`;
        braces = [`${p}{`, "}"];
      } else if (value instanceof Map) {
        const size = value.size;
        keys = getKeys(value, ctx.showHidden);
        const p = prefix(ctor, tag, "Map", `(${size})`);
        formatter = formatMap;
        if (size === 0 && keys.length === 0) return `${p}{}`;
        braces = [`${p}{`, "}"];
      } else if (types.isTypedArray(value)) {
        keys = filterIndices(getKeys(value, ctx.showHidden));
        const name = taTag.call(value);
        const p = prefix(ctor, tag !== name ? tag : "", name, `(${value.length})`);
        braces = [`${p}[`, "]"];
        if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
        formatter = formatTypedArray;
        extrasType = "array";
      } else if (types.isMapIterator(value) || types.isSetIterator(value)) {
        // Deviation: goja cannot preview an iterator's entries; workerd lists them.
        keys = getKeys(value, ctx.showHidden);
        braces = [`[${tag}] {`, "}"];
        formatter = () => ["<items unknown>"];
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, ctx.showHidden);
      braces = ["{", "}"];
      if (ctor === "Object") {
        if (types.isArgumentsObject(value)) braces[0] = "[Arguments] [";
        else if (tag !== "") braces[0] = `${prefix(ctor, tag, "Object")}{`;
        if (keys.length === 0) return `${braces[0]}}`;
      } else if (typeof value === "function") {
        base = functionBase(value, ctor, tag);
        keys = keys.filter((k) => k !== "prototype");
        if (keys.length === 0) return base;
      } else if (types.isRegExp(value)) {
        base = RegExp.prototype.toString.call(value);
        const p = prefix(ctor, tag, "RegExp");
        if (p !== "RegExp ") base = `${p}${base}`;
        keys = keys.filter((k) => k !== "lastIndex");
        if (keys.length === 0) return base;
      } else if (value instanceof Date) {
        base = Number.isNaN(value.getTime()) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
        const p = prefix(ctor, tag, "Date");
        if (p !== "Date ") base = `${p}${base}`;
        if (keys.length === 0) return base;
      } else if (value instanceof Error) {
        base = errorBase(value, ctor, keys);
        if (keys.length === 0) return base;
      } else if (value instanceof ArrayBuffer) {
        const p = prefix(ctor, tag, "ArrayBuffer");
        if (typedArray) return `${p}{ byteLength: ${value.byteLength} }`;
        braces[0] = `${p}{`;
        keys.unshift("byteLength");
        formatter = (ctx2, v) => {
          const b = new Uint8Array(v);
          const n = Math.min(ctx.maxArrayLength, b.length);
          let s = native.encode(b.subarray(0, n), "hex").replace(/(.{2})/g, "$1 ").trim();
          if (b.length > n) s += ` ... ${b.length - n} more byte${b.length - n > 1 ? "s" : ""}`;
          return [`[Uint8Contents]: <${s}>`];
        };
      } else if (value instanceof DataView) {
        braces[0] = `${prefix(ctor, tag, "DataView")}{`;
        keys.unshift("byteLength", "byteOffset", "buffer");
      } else if (value instanceof Promise) {
        braces[0] = `${prefix(ctor, tag, "Promise")}{`;
        formatter = (c, v, d) => {
          const [state, result] = native.promiseState(v);
          if (state === "pending") return ["<pending>"];
          c.indentationLvl += 2;
          const s = formatValue(c, result, d, false);
          c.indentationLvl -= 2;
          return [state === "rejected" ? `<rejected> ${s}` : s];
        };
      } else if (value instanceof WeakSet || value instanceof WeakMap) {
        braces[0] = `${prefix(ctor, tag, value instanceof WeakSet ? "WeakSet" : "WeakMap")}{`;
        formatter = () => ["<items unknown>"];
      } else if (types.isBoxedPrimitive(value)) {
        const prim = value.valueOf();
        let type = typeof prim;
        type = type[0].toUpperCase() + type.slice(1);
        if (type === "Bigint") type = "BigInt";
        base = `[${type}${ctor !== type ? (ctor === null ? " (null prototype)" : ` (${ctor})`) : ""}: ${formatPrimitive({ ...defaults, compact: true }, prim)}]`;
        if (typeof prim === "string") keys = keys.filter((k) => !isIndex(k) && k !== "length");
        if (keys.length === 0) return base;
      } else {
        if (keys.length === 0) return `${prefix(ctor, tag, "Object")}{}`;
        braces[0] = `${prefix(ctor, tag, "Object")}{`;
      }
    }
    if (ctx.depth !== null && ctx.depth !== Infinity && depth > ctx.depth) {
      let name = (ctor || tag || "Object");
      if (ctor === null) name = "Object: null prototype";
      return Array.isArray(value) ? `[Array]` : `[${name}]`;
    }
    depth += 1;
    ctx.seen.push(value);
    ctx.currentDepth = depth;
    let output;
    try {
      output = formatter(ctx, value, depth);
      for (const k of keys) output.push(formatProperty(ctx, value, depth, k, extrasType));
    } finally {
      ctx.seen.pop();
    }
    if (ctx.circular.has(value)) {
      const ref = `<ref *${ctx.circular.get(value)}>`;
      base = base === "" ? ref : `${ref} ${base}`;
    }
    if (ctx.sorted) {
      const cmp = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === "object") output.sort(cmp);
    }
    const res = reduceToSingleString(ctx, output, base, braces, extrasType, depth, value);
    return res;
  }

  function formatProperty(ctx, value, depth, key, type, desc) {
    let name, str;
    desc = desc || Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
    if (desc.value !== undefined) {
      const diff = ctx.compact !== true || type !== "object" ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, depth, false);
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      str = desc.set !== undefined ? "[Getter/Setter]" : "[Getter]";
    } else if (desc.set !== undefined) {
      str = "[Setter]";
    } else {
      str = "undefined";
    }
    if (type === "arrayValue") return str;
    if (typeof key === "symbol") name = symbolString(key);
    else if (desc.enumerable === false) name = `[${key}]`;
    else if (identRe.test(key)) name = key;
    else name = quote(key);
    return `${name}: ${str}`;
  }
  function formatObjectEntries() { return []; }
  function formatArray(ctx, value, depth) {
    const len = value.length;
    const max = Math.min(Math.max(0, ctx.maxArrayLength), len);
    const out = [];
    let holes = 0;
    const flushHoles = () => { if (holes > 0) { out.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`); holes = 0; } };
    for (let i = 0; i < max; i++) {
      if (!Object.prototype.hasOwnProperty.call(value, i)) { holes++; continue; }
      flushHoles();
      out.push(formatProperty(ctx, value, depth, String(i), "arrayValue"));
    }
    flushHoles();
    if (len > max) out.push(`... ${len - max} more item${len - max > 1 ? "s" : ""}`);
    return out;
  }
  function formatTypedArray(ctx, value, depth) {
    const len = value.length;
    const max = Math.min(Math.max(0, ctx.maxArrayLength), len);
    const out = [];
    for (let i = 0; i < max; i++) out.push(typeof value[i] === "bigint" ? `${value[i]}n` : formatNumber(value[i]));
    if (len > max) out.push(`... ${len - max} more item${len - max > 1 ? "s" : ""}`);
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      for (const k of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
        out.push(`[${k}]: ${formatValue(ctx, value[k], depth, true)}`);
      }
      ctx.indentationLvl -= 2;
    }
    return out;
  }
  function formatSet(ctx, value, depth) {
    const out = [];
    ctx.indentationLvl += 2;
    for (const v of value) out.push(formatValue(ctx, v, depth, false));
    ctx.indentationLvl -= 2;
    return out;
  }
  function formatMap(ctx, value, depth) {
    const out = [];
    ctx.indentationLvl += 2;
    for (const [k, v] of value) out.push(`${formatValue(ctx, k, depth, false)} => ${formatValue(ctx, v, depth, false)}`);
    ctx.indentationLvl -= 2;
    return out;
  }

  // Arrays of more than six short entries are laid out in aligned columns, as Node does.
  function groupArrayElements(ctx, output, value) {
    let total = 0, maxLen = 0;
    let count = output.length;
    if (ctx.maxArrayLength < output.length) count--;
    const sep = 2;
    const lens = [];
    for (let i = 0; i < count; i++) {
      const n = output[i].length;
      lens.push(n);
      total += n + sep;
      if (n > maxLen) maxLen = n;
    }
    const colWidth = maxLen + sep;
    if (colWidth * 3 + ctx.indentationLvl >= ctx.breakLength || !(total / colWidth > 5 || maxLen <= 6)) return output;
    const bias = Math.sqrt(colWidth - total / output.length);
    const biased = Math.max(colWidth - 3 - bias, 1);
    const columns = Math.min(Math.round(Math.sqrt(2.5 * biased * count) / biased), Math.floor((ctx.breakLength - ctx.indentationLvl) / colWidth), ctx.compact * 4, 15);
    if (columns <= 1) return output;
    const widths = [];
    for (let c = 0; c < columns; c++) {
      let w = 0;
      for (let j = c; j < output.length; j += columns) if (lens[j] > w) w = lens[j];
      widths.push(w + sep);
    }
    let padStart = value !== undefined;
    if (padStart) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== "number" && typeof value[i] !== "bigint") { padStart = false; break; }
      }
    }
    const rows = [];
    for (let i = 0; i < count; i += columns) {
      const end = Math.min(i + columns, count);
      let line = "";
      let j = i;
      for (; j < end - 1; j++) {
        const cell = `${output[j]}, `;
        line += padStart ? cell.padStart(widths[j - i], " ") : cell.padEnd(widths[j - i], " ");
      }
      line += padStart ? output[j].padStart(widths[j - i] - sep, " ") : output[j];
      rows.push(line);
    }
    if (ctx.maxArrayLength < output.length) rows.push(output[count]);
    return rows;
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, depth, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === "number" && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === "array" && entries > 6) output = groupArrayElements(ctx, output, value);
        if (ctx.currentDepth - depth < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (fitsOnLine(ctx, output, start, base)) {
            const joined = output.join(", ");
            if (!joined.includes("\n")) return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
      const ind = `\n${" ".repeat(ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ""}${braces[0]}${ind}  ${output.join(`,${ind}  `)}${ind}${braces[1]}`;
    }
    if (fitsOnLine(ctx, output, 0, base)) return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
    const ind = " ".repeat(ctx.indentationLvl);
    const ln = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${ind}  `;
    return `${braces[0]}${ln}${output.join(`,\n${ind}  `)} ${braces[1]}`;
  }
  function fitsOnLine(ctx, output, start, base) {
    let total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (const s of output) {
      total += s.length;
      if (total > ctx.breakLength) return false;
    }
    return base === "" || !base.includes("\n");
  }

  // ---- format ----
  function format(...args) { return formatWithOptions(undefined, ...args); }
  function formatWithOptions(opts, first, ...rest) {
    const io = (v) => inspect(v, { ...opts, compact: 3, colors: false, depth: 0 });
    if (typeof first !== "string") {
      return [first, ...rest].map((v) => (typeof v === "string" ? v : inspect(v, opts))).join(" ");
    }
    let out = "";
    let last = 0;
    let a = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first[i] !== "%") continue;
      const c = first[i + 1];
      if (c === "%") { out += first.slice(last, i) + "%"; last = i + 2; i++; continue; }
      if (a >= rest.length) continue;
      let s;
      const v = rest[a];
      switch (c) {
        case "s":
          if (typeof v === "number") s = formatNumber(v);
          else if (typeof v === "bigint") s = `${v}n`;
          else if (typeof v !== "object" || v === null || !hasBuiltInToString(v)) s = typeof v === "symbol" ? symbolString(v) : (typeof v === "object" && v !== null ? inspect(v, { ...opts, depth: 0, colors: false, compact: 3 }) : String(v));
          else s = String(v);
          break;
        case "j": try { s = JSON.stringify(v); } catch (e) { s = "[Circular]"; } break;
        case "d": s = typeof v === "bigint" ? `${v}n` : typeof v === "symbol" ? "NaN" : formatNumber(Number(v)); break;
        case "i": s = typeof v === "bigint" ? `${v}n` : typeof v === "symbol" ? "NaN" : formatNumber(parseInt(v)); break;
        case "f": s = typeof v === "symbol" ? "NaN" : formatNumber(parseFloat(v)); break;
        case "o": s = inspect(v, { ...opts, showHidden: true, showProxy: true, depth: 4 }); break;
        case "O": s = inspect(v, opts); break;
        case "c": s = ""; break;
        default: continue;
      }
      out += first.slice(last, i) + s;
      last = i + 2;
      i++;
      a++;
    }
    out += first.slice(last);
    for (; a < rest.length; a++) {
      const v = rest[a];
      out += " " + (typeof v === "string" ? v : io === null ? "" : inspect(v, opts));
    }
    return out;
  }
  function hasBuiltInToString(v) {
    // An object whose toString is its own (not Object.prototype's / Error's …) prints with it.
    if (v instanceof Error || v instanceof Date) return false;
    let o = v;
    while (o !== null && o !== Object.prototype) {
      if (Object.prototype.hasOwnProperty.call(o, "toString")) return true;
      o = Object.getPrototypeOf(o);
    }
    return false;
  }

  // ---- promisify, callbackify, deprecate, inherits ----
  function promisify(original) {
    if (typeof original !== "function") throw new ERR_INVALID_ARG_TYPE("original", "Function", original);
    if (original[customPromisify]) {
      const fn = original[customPromisify];
      if (typeof fn !== "function") throw new ERR_INVALID_ARG_TYPE("util.promisify.custom", "Function", fn);
      return Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => {
          if (err) return reject(err);
          resolve(values[0]);
        }]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = customPromisify;
  function callbackify(original) {
    if (typeof original !== "function") throw new ERR_INVALID_ARG_TYPE("original", "Function", original);
    return function (...args) {
      const cb = args.pop();
      if (typeof cb !== "function") throw new ERR_INVALID_ARG_TYPE("last argument", "Function", cb);
      Reflect.apply(original, this, args).then(
        (v) => queueMicrotask(() => cb(null, v)),
        (e) => {
          if (!e) { const err = new errors.ERR_FALSY_VALUE_REJECTION(); err.reason = e; e = err; }
          queueMicrotask(() => cb(e));
        });
    };
  }
  function deprecate(fn, msg, code) {
    if (typeof fn !== "function") throw new ERR_INVALID_ARG_TYPE("fn", "Function", fn);
    let warned = false;
    function deprecated(...args) {
      if (!warned) {
        warned = true;
        console.warn(`${code ? `[${code}] ` : ""}DeprecationWarning: ${msg}`);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }
  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw new ERR_INVALID_ARG_TYPE("ctor", "Function", ctor);
    if (superCtor === undefined || superCtor === null) throw new ERR_INVALID_ARG_TYPE("superCtor", "Function", superCtor);
    if (superCtor.prototype === undefined) throw new ERR_INVALID_ARG_TYPE("superCtor.prototype", "Object", superCtor.prototype);
    Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }
  function debuglog() { const f = () => {}; f.enabled = false; return f; }

  const util = {
    format, formatWithOptions, inspect, promisify, callbackify, deprecate, inherits, types,
    debuglog, debug: debuglog,
    isDeepStrictEqual: (a, b) => require("internal/comparisons").isDeepStrictEqual(a, b),
    TextEncoder: globalThis.TextEncoder,
    TextDecoder: globalThis.TextDecoder,
    isArray: Array.isArray,
    isBoolean: (v) => typeof v === "boolean",
    isNull: (v) => v === null,
    isNullOrUndefined: (v) => v == null,
    isNumber: (v) => typeof v === "number",
    isString: (v) => typeof v === "string",
    isSymbol: (v) => typeof v === "symbol",
    isUndefined: (v) => v === undefined,
    isRegExp: types.isRegExp,
    isObject: (v) => v !== null && typeof v === "object",
    isDate: types.isDate,
    isError: (v) => v instanceof Error,
    isFunction: (v) => typeof v === "function",
    isPrimitive: (v) => v === null || (typeof v !== "object" && typeof v !== "function"),
    toUSVString: (s) => String(s).toWellFormed ? String(s).toWellFormed() : String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"),
    stripVTControlCharacters: (s) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""),
    aborted: (signal) => new Promise((resolve) => { if (signal.aborted) resolve(); else signal.addEventListener("abort", () => resolve(), { once: true }); }),
  };
  return util;
})
