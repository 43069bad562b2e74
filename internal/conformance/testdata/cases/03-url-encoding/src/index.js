// WHATWG URL and URLSearchParams, TextEncoder/TextDecoder and their stream forms, atob/btoa.

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try {
      const v = await fn();
      out[name] = v === undefined ? "undefined" : v;
    } catch (e) {
      out[name] = { unexpectedError: `${e?.name}: ${e?.message}` };
    }
  }
  return Response.json(out);
}
const thrown = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
};
const errType = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return e?.constructor?.name ?? typeof e;
  }
};

const parts = (u) => ({
  href: u.href,
  origin: u.origin,
  protocol: u.protocol,
  username: u.username,
  password: u.password,
  host: u.host,
  hostname: u.hostname,
  port: u.port,
  pathname: u.pathname,
  search: u.search,
  hash: u.hash,
});

function urlChecks() {
  return {
    "parse.full": () => parts(new URL("https://user:pa%20ss@Example.COM:8080/a/b/../c/./d?x=1&y=2#Frag")),
    "parse.defaultPort": () => [new URL("https://e.com:443/").port, new URL("http://e.com:80/").href, new URL("ws://e.com:80/").port],
    "parse.relative": () => [
      new URL("../x?q#h", "https://e.com/a/b/c").href,
      new URL("//other.org/p", "https://e.com/").href,
      new URL("?only", "https://e.com/a?b#c").href,
      new URL("#only", "https://e.com/a?b").href,
      new URL("", "https://e.com/a?b#c").href,
    ],
    "parse.baseObject": () => new URL("x", new URL("https://e.com/dir/")).href,
    "parse.invalid": () => thrown(() => new URL("not a url")),
    "parse.invalidBase": () => errType(() => new URL("/p", "nope")),
    "parse.invalidPort": () => errType(() => new URL("http://e.com:99999/")),
    "parse.spaces": () => new URL("  https://e.com/a b  ").href,
    "parse.backslashes": () => new URL("https:\\\\e.com\\a\\b").href,
    "parse.unicodeHost": () => [new URL("https://münchen.de/").hostname, new URL("https://xn--mnchen-3ya.de/").hostname],
    "parse.unicodePath": () => new URL("https://e.com/ü/€?ö=ä#ß").href,
    "parse.ipv4": () => [new URL("http://0x7f.1/").hostname, new URL("http://127.1/").hostname, new URL("http://2130706433/").hostname],
    "parse.ipv6": () => [new URL("http://[::1]:8080/").host, new URL("http://[0:0:0:0:0:0:0:1]/").hostname],
    "parse.caseScheme": () => new URL("HTTPS://E.COM/Path").href,
    "parse.fileScheme": () => parts(new URL("file:///tmp/x.txt")),
    "parse.dataScheme": () => [new URL("data:text/plain,hi").pathname, new URL("data:text/plain,hi").origin],
    "parse.mailto": () => [new URL("mailto:a@b.c").pathname, new URL("mailto:a@b.c").host],
    "parse.customScheme": () => parts(new URL("foo://h/p?q#f")),
    "parse.percentEncodeQuery": () => new URL("https://e.com/?a=b c&d='\"<>`").search,
    "parse.percentEncodeHash": () => new URL("https://e.com/#a b\"<>`").hash,
    "parse.percentEncodePath": () => new URL("https://e.com/a b\"<>`{}|^").pathname,
    "parse.emptyHostHttp": () => errType(() => new URL("http:///")),
    "canParse": () => typeof URL.canParse === "function" ? [URL.canParse("https://e.com"), URL.canParse("nope"), URL.canParse("/p", "https://e.com")] : "no canParse",
    "setters.basic": () => {
      const u = new URL("https://e.com/a?b#c");
      u.pathname = "/x y";
      u.search = "q=1 2";
      u.hash = "frag ment";
      u.port = "8443";
      u.hostname = "other.org";
      u.username = "us er";
      u.password = "p@ss";
      return u.href;
    },
    "setters.protocol": () => {
      const u = new URL("https://e.com/");
      u.protocol = "http";
      const a = u.href;
      u.protocol = "foo";
      return [a, u.href];
    },
    "setters.defaultPortCleared": () => {
      const u = new URL("https://e.com:8443/");
      u.port = "443";
      return u.href;
    },
    "setters.searchEmpty": () => {
      const u = new URL("https://e.com/?a=1#h");
      u.search = "";
      u.hash = "";
      return u.href;
    },
    "setters.host": () => {
      const u = new URL("https://e.com/p");
      u.host = "h.org:99";
      return [u.href, u.port];
    },
    "setters.href": () => {
      const u = new URL("https://e.com/");
      u.href = "http://x.org/y";
      return u.host;
    },
    "setters.hrefInvalid": () => errType(() => {
      const u = new URL("https://e.com/");
      u.href = "bad";
    }),
    "toString": () => [String(new URL("https://e.com/x")), new URL("https://e.com/x").toJSON(), JSON.stringify({ u: new URL("https://e.com/x") })],
    "searchParams.live": () => {
      const u = new URL("https://e.com/?a=1");
      u.searchParams.append("b", "2 3");
      u.searchParams.set("a", "x&y");
      return [u.href, u.search];
    },
    "searchParams.fromSearchSetter": () => {
      const u = new URL("https://e.com/?a=1");
      const sp = u.searchParams;
      u.search = "?z=9";
      return [sp.get("z"), sp.get("a"), sp === u.searchParams];
    },
    "searchParams.deleteAll": () => {
      const u = new URL("https://e.com/?a=1#h");
      u.searchParams.delete("a");
      return u.href;
    },
    "toStringTag": () => Object.prototype.toString.call(new URL("https://e.com/")),
    "ownKeys": () => Object.keys(new URL("https://e.com/")),
    "proto.href": () => {
      const d = Object.getOwnPropertyDescriptor(URL.prototype, "href");
      return d ? [typeof d.get, typeof d.set, d.enumerable] : null;
    },
  };
}

function searchParamsChecks() {
  return {
    "init.string": () => [...new URLSearchParams("?a=1&b=2&a=3&c&=x&d=")],
    "init.plusAndPercent": () => [...new URLSearchParams("q=a+b%20c%2Bd&e=%zz&f=%C3%BC")],
    "init.object": () => [...new URLSearchParams({ x: "1", y: "two" })],
    "init.pairs": () => [...new URLSearchParams([["a", "1"], ["a", "2"]])],
    "init.badPair": () => errType(() => new URLSearchParams([["a", "1", "2"]])),
    "init.searchParams": () => [...new URLSearchParams(new URLSearchParams("k=v"))],
    "init.numberValues": () => new URLSearchParams({ n: 1, b: true, u: undefined }).toString(),
    "get.getAll.has": () => {
      const p = new URLSearchParams("a=1&a=2&b=3");
      return [p.get("a"), p.getAll("a"), p.get("zz"), p.getAll("zz"), p.has("b"), p.has("zz")];
    },
    "has.value": () => {
      const p = new URLSearchParams("a=1&a=2");
      return [p.has("a", "2"), p.has("a", "3")];
    },
    "delete.value": () => {
      const p = new URLSearchParams("a=1&a=2&a=1");
      p.delete("a", "1");
      return p.toString();
    },
    "set.replacesFirst": () => {
      const p = new URLSearchParams("a=1&b=2&a=3");
      p.set("a", "new");
      return p.toString();
    },
    "sort.stable": () => {
      const p = new URLSearchParams("c=1&a=2&b=3&a=1&é=0&z=9");
      p.sort();
      return p.toString();
    },
    "toString.encoding": () => new URLSearchParams([["a b", "c d"], ["e&f", "g=h"], ["ü", "€"], ["*-._~", "!'()"]]).toString(),
    "size": () => new URLSearchParams("a=1&b=2&a=3").size,
    "iteration": () => {
      const p = new URLSearchParams("b=2&a=1");
      const fe = [];
      p.forEach((v, k) => fe.push(k + v));
      return [[...p.keys()], [...p.values()], [...p.entries()], fe];
    },
    "toStringTag": () => Object.prototype.toString.call(new URLSearchParams()),
  };
}

function encodingChecks() {
  const te = new TextEncoder();
  return {
    "encoder.encoding": () => te.encoding,
    "encoder.encode": () => Array.from(te.encode("aé€𝄞")),
    "encoder.encodeEmpty": () => [te.encode().length, te.encode("").length, te.encode(undefined).length],
    "encoder.loneSurrogate": () => Array.from(te.encode("\ud800x")),
    "encoder.returnsUint8Array": () => te.encode("x") instanceof Uint8Array,
    "encoder.encodeInto": () => {
      const buf = new Uint8Array(5);
      const r = te.encodeInto("a€b", buf);
      return [r.read, r.written, Array.from(buf)];
    },
    "encoder.encodeIntoShort": () => {
      const buf = new Uint8Array(3);
      const r = te.encodeInto("ab€", buf);
      return [r.read, r.written];
    },
    "decoder.defaults": () => {
      const d = new TextDecoder();
      return [d.encoding, d.fatal, d.ignoreBOM];
    },
    "decoder.decode": () => new TextDecoder().decode(new Uint8Array([0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9d, 0x84, 0x9e])),
    "decoder.bom": () => [
      new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])),
      new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).length,
    ],
    "decoder.invalidReplaced": () => new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62, 0xc3, 0x63, 0xe2, 0x82])),
    "decoder.overlong": () => new TextDecoder().decode(new Uint8Array([0xc0, 0xaf, 0xed, 0xa0, 0x80])),
    "decoder.fatal": () => thrown(() => new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff]))),
    "decoder.fatalOk": () => new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0x6f, 0x6b])),
    "decoder.labels": () => ["utf8", "UTF-8", " unicode-1-1-utf-8 "].map((l) => new TextDecoder(l).encoding),
    "decoder.unknownLabel": () => thrown(() => new TextDecoder("no-such-encoding")),
    "decoder.utf16le": () => {
      try {
        return new TextDecoder("utf-16le").decode(new Uint8Array([0x68, 0x00, 0x69, 0x00]));
      } catch (e) {
        return e.name;
      }
    },
    "decoder.stream": () => {
      const d = new TextDecoder();
      const bytes = te.encode("€𝄞");
      let s = "";
      for (const b of bytes) s += d.decode(new Uint8Array([b]), { stream: true });
      s += d.decode();
      return s;
    },
    "decoder.streamTruncated": () => {
      const d = new TextDecoder();
      return d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }) + "|" + d.decode();
    },
    "decoder.inputs": () => {
      const d = new TextDecoder();
      const u = te.encode("view");
      return [d.decode(u.buffer), d.decode(new DataView(u.buffer)), d.decode(u.subarray(1, 3)), d.decode(undefined)];
    },
    "decoder.badInput": () => errType(() => new TextDecoder().decode("a string")),
    "encoderStream": async () => {
      if (typeof TextEncoderStream !== "function") return "no TextEncoderStream";
      const s = new ReadableStream({
        start(c) {
          c.enqueue("a€");
          c.enqueue("b");
          c.close();
        },
      }).pipeThrough(new TextEncoderStream());
      const out = [];
      for await (const chunk of s) out.push(...chunk);
      return out;
    },
    "decoderStream": async () => {
      if (typeof TextDecoderStream !== "function") return "no TextDecoderStream";
      const bytes = te.encode("x€y");
      const s = new ReadableStream({
        start(c) {
          for (const b of bytes) c.enqueue(new Uint8Array([b]));
          c.close();
        },
      }).pipeThrough(new TextDecoderStream());
      let out = "";
      for await (const chunk of s) out += chunk;
      return out;
    },
    "decoderStream.props": () => {
      if (typeof TextDecoderStream !== "function") return "no TextDecoderStream";
      const t = new TextDecoderStream();
      return [t.encoding, t.fatal, t.ignoreBOM, t.readable instanceof ReadableStream, t.writable instanceof WritableStream];
    },
  };
}

function base64Checks() {
  return {
    "btoa.basic": () => [btoa(""), btoa("a"), btoa("ab"), btoa("abc"), btoa("hello world")],
    "btoa.latin1": () => btoa("\u00ff\u00fe\u0000"),
    "btoa.nonLatin1": () => thrown(() => btoa("€")),
    "btoa.nonString": () => [btoa(123), btoa(null), btoa(undefined)],
    "btoa.noArgs": () => errType(() => btoa()),
    "atob.basic": () => [atob(""), atob("YQ=="), atob("YWI="), atob("YWJj"), atob("aGVsbG8gd29ybGQ=")],
    "atob.noPadding": () => [atob("YQ"), atob("YWI")],
    "atob.whitespace": () => atob(" YW\tJj\n "),
    "atob.binary": () => Array.from(atob("//79AA=="), (c) => c.charCodeAt(0)),
    "atob.invalidChar": () => thrown(() => atob("YW*j")),
    "atob.invalidLength": () => thrown(() => atob("YWJjZ")),
    "atob.badPadding": () => thrown(() => atob("YQ=a")),
    "atob.urlSafe": () => errType(() => atob("_-8=")),
    "atob.errorIsDOMException": async () => {
      try {
        atob("!");
      } catch (e) {
        return [e instanceof DOMException, e.name, e.code];
      }
      return "no error";
    },
    "roundTrip": () => atob(btoa("round trip ÿ")),
  };
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/url":
        return run(urlChecks());
      case "/search-params":
        return run(searchParamsChecks());
      case "/encoding":
        return run(encodingChecks());
      case "/base64":
        return run(base64Checks());
      case "/incoming-url":
        return Response.json({
          ...Object.fromEntries(["pathname", "search", "hash", "host", "protocol"].map((k) => [k, url[k]])),
          params: [...url.searchParams],
          href: url.href,
        });
      case "/decode-body": {
        const bytes = new Uint8Array(await request.arrayBuffer());
        return new Response(new TextDecoder().decode(bytes));
      }
    }
    return new Response("not found", { status: 404 });
  },
};
