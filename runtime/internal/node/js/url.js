// node:url — the WHATWG URL classes (the isolate's own), file URL conversion, and the legacy
// url.parse/format/resolve built on them.
(function (require) {
  "use strict";
  const { ERR_INVALID_ARG_TYPE, ERR_INVALID_FILE_URL_PATH, ERR_INVALID_URL_SCHEME } = require("internal/errors");

  function fileURLToPath(path) {
    let url = path;
    if (typeof path === "string") url = new URL(path);
    else if (!(path instanceof URL)) throw new ERR_INVALID_ARG_TYPE("path", ["string", "URL"], path);
    if (url.protocol !== "file:") throw new ERR_INVALID_URL_SCHEME("file");
    if (url.hostname !== "") throw new (require("internal/errors").coded(TypeError, "ERR_INVALID_FILE_URL_HOST", (p) => `File URL host must be "localhost" or empty on ${p}`))("linux");
    const pathname = url.pathname;
    for (let n = 0; n < pathname.length; n++) {
      if (pathname[n] === "%") {
        const third = pathname.codePointAt(n + 2) | 0x20;
        if (pathname[n + 1] === "2" && third === 102) throw new ERR_INVALID_FILE_URL_PATH("must not include encoded / characters");
      }
    }
    return decodeURIComponent(pathname);
  }
  function pathToFileURL(filepath) {
    const path = require("path");
    let resolved = path.resolve(filepath);
    if (filepath.endsWith("/") && !resolved.endsWith("/")) resolved += "/";
    const encoded = resolved.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/\t/g, "%09").replace(/#/g, "%23").replace(/\?/g, "%3F");
    return new URL(`file://${encoded}`);
  }
  function urlToHttpOptions(url) {
    const options = {
      protocol: url.protocol,
      hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: `${url.pathname || ""}${url.search || ""}`,
      href: url.href,
    };
    if (url.port !== "") options.port = Number(url.port);
    if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    return options;
  }

  // Url is the legacy parse result.
  function Url() {
    this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null;
    this.hostname = null; this.hash = null; this.search = null; this.query = null; this.pathname = null;
    this.path = null; this.href = null;
  }
  const slashed = new Set(["http:", "https:", "ftp:", "gopher:", "file:", "ws:", "wss:"]);
  function parse(input, parseQueryString, slashesDenoteHost) {
    if (typeof input !== "string") throw new ERR_INVALID_ARG_TYPE("url", "string", input);
    const u = new Url();
    let rest = input.trim();
    const hashAt = rest.indexOf("#");
    if (hashAt !== -1) { u.hash = rest.slice(hashAt); rest = rest.slice(0, hashAt); }
    const qAt = rest.indexOf("?");
    if (qAt !== -1) { u.search = rest.slice(qAt); u.query = rest.slice(qAt + 1); rest = rest.slice(0, qAt); }
    else if (parseQueryString) { u.search = ""; u.query = {}; }
    const proto = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(rest);
    if (proto) { u.protocol = proto[1].toLowerCase(); rest = rest.slice(proto[1].length); }
    if (rest.startsWith("//") && (slashesDenoteHost || proto === null || slashed.has(u.protocol))) {
      if (!(u.protocol === "javascript:")) { u.slashes = true; rest = rest.slice(2); }
    }
    if (u.slashes || (u.protocol && slashed.has(u.protocol) && u.protocol !== "file:")) {
      let end = rest.search(/[/\\]/);
      if (end === -1) end = rest.length;
      let host = rest.slice(0, end);
      rest = rest.slice(end);
      const at = host.lastIndexOf("@");
      if (at !== -1) { u.auth = decodeURIComponent(host.slice(0, at)); host = host.slice(at + 1); }
      const port = /:([0-9]*)$/.exec(host);
      if (port) { if (port[1] !== "") u.port = port[1]; host = host.slice(0, host.length - port[0].length); }
      u.hostname = host.toLowerCase();
      u.host = u.hostname + (u.port ? `:${u.port}` : "");
      if (rest === "" && slashed.has(u.protocol)) rest = "/";
    }
    u.pathname = rest === "" ? null : rest;
    if (parseQueryString && typeof u.query === "string") u.query = require("querystring").parse(u.query);
    u.path = (u.pathname || "") + (u.search || "") || null;
    u.href = format(u);
    return u;
  }
  function format(obj) {
    if (typeof obj === "string") obj = parse(obj);
    else if (obj instanceof URL) return obj.href;
    else if (typeof obj !== "object" || obj === null) throw new ERR_INVALID_ARG_TYPE("urlObject", ["Object", "string"], obj);
    let auth = obj.auth || "";
    if (auth) auth = encodeURIComponent(auth).replace(/%3A/i, ":") + "@";
    let protocol = obj.protocol || "";
    if (protocol && !protocol.endsWith(":")) protocol += ":";
    let host = "";
    if (obj.host) host = auth + obj.host;
    else if (obj.hostname) host = auth + (obj.hostname.includes(":") ? `[${obj.hostname}]` : obj.hostname) + (obj.port ? `:${obj.port}` : "");
    let pathname = obj.pathname || "";
    let hash = obj.hash || "";
    let search = obj.search || "";
    if (!search && obj.query && typeof obj.query === "object") {
      const q = require("querystring").stringify(obj.query);
      if (q) search = `?${q}`;
    }
    if (search && search[0] !== "?") search = `?${search}`;
    if (hash && hash[0] !== "#") hash = `#${hash}`;
    if (obj.slashes || slashed.has(protocol)) {
      if (obj.slashes || host) {
        if (pathname && pathname[0] !== "/") pathname = `/${pathname}`;
        host = `//${host}`;
      } else if (protocol === "file:") host = "//";
    }
    search = search.replace(/#/g, "%23");
    pathname = pathname.replace(/[?#]/g, encodeURIComponent);
    return protocol + host + pathname + search + hash;
  }
  function resolve(from, to) { return new URL(to, new URL(from, "resolve://")).href.replace(/^resolve:\/\/\/?/, from.startsWith("/") ? "/" : ""); }
  Url.prototype.format = function () { return format(this); };

  return {
    URL: globalThis.URL,
    URLSearchParams: globalThis.URLSearchParams,
    fileURLToPath,
    pathToFileURL,
    urlToHttpOptions,
    domainToASCII(d) { try { return new URL(`ws://${d}`).hostname; } catch { return ""; } },
    // Deviation: domainToUnicode returns the ASCII (punycode) form; there is no punycode decoder.
    domainToUnicode(d) { try { return new URL(`ws://${d}`).hostname; } catch { return ""; } },
    Url,
    parse,
    format,
    resolve,
  };
})
