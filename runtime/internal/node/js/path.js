// node:path — POSIX paths.
// Deviation: path.win32 (and node:path/win32) is the POSIX implementation; Windows paths are not
// supported.
(function (require) {
  "use strict";
  const { ERR_INVALID_ARG_TYPE } = require("internal/errors");
  const str = (v, name) => { if (typeof v !== "string") throw new ERR_INVALID_ARG_TYPE(name, "string", v); };

  // normalizeSegments resolves "." and ".." in a slash-separated path.
  function normalizeSegments(p, allowAboveRoot) {
    const out = [];
    for (const seg of p.split("/")) {
      if (seg === "" || seg === ".") continue;
      if (seg === "..") {
        if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
        else if (allowAboveRoot) out.push("..");
        continue;
      }
      out.push(seg);
    }
    return out.join("/");
  }
  const cwd = () => (globalThis.process && typeof globalThis.process.cwd === "function" ? globalThis.process.cwd() : "/");

  const posix = {
    sep: "/",
    delimiter: ":",
    resolve(...args) {
      let resolved = "";
      let absolute = false;
      for (let i = args.length - 1; i >= -1 && !absolute; i--) {
        const p = i >= 0 ? args[i] : cwd();
        str(p, `paths[${i}]`);
        if (p.length === 0) continue;
        resolved = `${p}/${resolved}`;
        absolute = p[0] === "/";
      }
      resolved = normalizeSegments(resolved, !absolute);
      if (absolute) return `/${resolved}`;
      return resolved.length > 0 ? resolved : ".";
    },
    normalize(p) {
      str(p, "path");
      if (p.length === 0) return ".";
      const absolute = p[0] === "/";
      const trailing = p[p.length - 1] === "/";
      let out = normalizeSegments(p, !absolute);
      if (out.length === 0) {
        if (absolute) return "/";
        return trailing ? "./" : ".";
      }
      if (trailing) out += "/";
      return absolute ? `/${out}` : out;
    },
    isAbsolute(p) { str(p, "path"); return p.length > 0 && p[0] === "/"; },
    join(...args) {
      if (args.length === 0) return ".";
      const parts = [];
      for (const a of args) { str(a, "path"); if (a.length > 0) parts.push(a); }
      if (parts.length === 0) return ".";
      return posix.normalize(parts.join("/"));
    },
    relative(from, to) {
      str(from, "from");
      str(to, "to");
      if (from === to) return "";
      from = posix.resolve(from);
      to = posix.resolve(to);
      if (from === to) return "";
      const f = from === "/" ? [] : from.slice(1).split("/");
      const t = to === "/" ? [] : to.slice(1).split("/");
      let i = 0;
      while (i < f.length && i < t.length && f[i] === t[i]) i++;
      return [...f.slice(i).map(() => ".."), ...t.slice(i)].join("/");
    },
    toNamespacedPath(p) { return p; },
    dirname(p) {
      str(p, "path");
      if (p.length === 0) return ".";
      const absolute = p[0] === "/";
      let end = -1;
      let matchedSlash = true;
      for (let i = p.length - 1; i >= 1; i--) {
        if (p[i] === "/") {
          if (!matchedSlash) { end = i; break; }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) return absolute ? "/" : ".";
      if (absolute && end === 1) return "//";
      return p.slice(0, end);
    },
    basename(p, suffix) {
      str(p, "path");
      if (suffix !== undefined) str(suffix, "suffix");
      let end = p.length;
      while (end > 0 && p[end - 1] === "/") end--;
      if (end === 0) return "";
      const start = p.lastIndexOf("/", end - 1) + 1;
      let base = p.slice(start, end);
      if (suffix !== undefined && base !== suffix && base.endsWith(suffix)) {
        base = base.slice(0, base.length - suffix.length);
      }
      return base;
    },
    extname(p) {
      str(p, "path");
      const base = posix.basename(p);
      const dot = base.lastIndexOf(".");
      return dot <= 0 ? "" : base.slice(dot);
    },
    format(obj) {
      if (obj === null || typeof obj !== "object") throw new ERR_INVALID_ARG_TYPE("pathObject", "Object", obj);
      const dir = obj.dir || obj.root;
      const base = obj.base || `${obj.name || ""}${obj.ext ? (obj.ext[0] === "." ? "" : ".") + obj.ext : ""}`;
      if (!dir) return base;
      return dir === obj.root ? `${dir}${base}` : `${dir}/${base}`;
    },
    parse(p) {
      str(p, "path");
      const ret = { root: "", dir: "", base: "", ext: "", name: "" };
      if (p.length === 0) return ret;
      if (p[0] === "/") ret.root = "/";
      let end = p.length;
      while (end > 1 && p[end - 1] === "/") end--;
      const trimmed = p.slice(0, end);
      if (trimmed === "/") { ret.dir = "/"; return ret; }
      ret.base = posix.basename(trimmed);
      ret.ext = posix.extname(ret.base);
      ret.name = ret.ext ? ret.base.slice(0, ret.base.length - ret.ext.length) : ret.base;
      const slash = trimmed.lastIndexOf("/");
      if (slash > 0) ret.dir = trimmed.slice(0, slash);
      else if (slash === 0) ret.dir = "/";
      return ret;
    },
    matchesGlob() { throw new (require("internal/errors").ERR_METHOD_NOT_IMPLEMENTED)("matchesGlob"); },
  };
  posix.posix = posix;
  posix.win32 = posix;
  return posix;
})
