// node:querystring — parse/stringify of application/x-www-form-urlencoded-style strings.
(function (require) {
  "use strict";
  function unescape(s) {
    try { return decodeURIComponent(s); } catch { return s.replace(/%([0-9a-fA-F]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16))); }
  }
  function escape(s) {
    return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  function stringifyPrimitive(v) {
    if (typeof v === "string") return v;
    if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "bigint" || typeof v === "boolean") return String(v);
    return "";
  }
  function stringify(obj, sep = "&", eq = "=", options) {
    const enc = options?.encodeURIComponent || qs.escape;
    if (obj === null || typeof obj !== "object") return "";
    const out = [];
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const ks = enc(stringifyPrimitive(k)) + eq;
      if (Array.isArray(v)) for (const x of v) out.push(ks + enc(stringifyPrimitive(x)));
      else out.push(ks + enc(stringifyPrimitive(v)));
    }
    return out.join(sep);
  }
  function parse(str, sep = "&", eq = "=", options) {
    const obj = Object.create(null);
    if (typeof str !== "string" || str.length === 0) return obj;
    const dec = options?.decodeURIComponent || qs.unescape;
    let max = options?.maxKeys ?? 1000;
    let parts = str.split(sep);
    if (max > 0 && parts.length > max) parts = parts.slice(0, max);
    for (const part of parts) {
      if (part.length === 0) continue;
      const i = part.indexOf(eq);
      const k = dec((i >= 0 ? part.slice(0, i) : part).replace(/\+/g, " "));
      const v = i >= 0 ? dec(part.slice(i + eq.length).replace(/\+/g, " ")) : "";
      if (!(k in obj)) obj[k] = v;
      else if (Array.isArray(obj[k])) obj[k].push(v);
      else obj[k] = [obj[k], v];
    }
    return obj;
  }
  const qs = { parse, stringify, escape, unescape, decode: parse, encode: stringify, unescapeBuffer: (s) => require("buffer").Buffer.from(unescape(s)) };
  return qs;
})
