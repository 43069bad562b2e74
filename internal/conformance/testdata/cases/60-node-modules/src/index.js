// Node.js built-ins under nodejs_compat (compatibility date after 2024-09-23, so v2: bare
// specifiers and the Buffer/process globals).
import { Buffer as B, constants as bufferConstants, isUtf8 } from "node:buffer";
import util from "node:util";
import assert from "node:assert";
import strictAssert from "node:assert/strict";
import path from "node:path";
import crypto from "node:crypto";
import EventEmitter, { once } from "events";
import { StringDecoder } from "string_decoder";
import { fileURLToPath, pathToFileURL, URL as NodeURL } from "node:url";
import { Readable, Transform, Writable, PassThrough, pipeline } from "node:stream";
import querystring from "node:querystring";

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}
const thrown = async (fn) => { try { await fn(); return "no error"; } catch (e) { return [e?.name, e?.code ?? null, e?.message]; } };

const suites = {
  buffer: () => ({
    sameGlobal: () => B === Buffer,
    utf8: () => [...B.from("héllo €")],
    base64: () => [B.from("héllo").toString("base64"), B.from("aGk/Pz8+", "base64").toString("latin1"), B.from("aGk", "base64").toString()],
    base64url: () => [B.from([0xfb, 0xff, 0xfe]).toString("base64url"), B.from("-_-_", "base64url").toString("hex")],
    hex: () => [B.from("0a1bzz", "hex").toString("hex"), B.from("abc", "hex").length, B.from("ÿ").toString("hex")],
    latin1: () => [B.from("ÿé", "latin1").toString("hex"), B.from([0xe9, 0x80]).toString("latin1"), B.from([0xe9, 0x41]).toString("ascii")],
    utf16le: () => [B.from("a€", "utf16le").toString("hex"), B.from([0x61, 0, 0xac, 0x20]).toString("ucs2")],
    invalidUtf8: () => B.from([0x61, 0xe2, 0x82, 0x62, 0xff]).toString(),
    byteLength: () => [B.byteLength("héllo"), B.byteLength("aGVsbG8=", "base64"), B.byteLength("abcd", "hex"), B.byteLength(new ArrayBuffer(7))],
    alloc: () => [[...B.alloc(4, 1)], [...B.alloc(5, "ab")], B.alloc(3).length, [...B.allocUnsafe(2).fill(7)]],
    concat: () => B.concat([B.from("ab"), new Uint8Array([99]), B.from("d")]).toString(),
    concatTotal: () => B.concat([B.from("abc"), B.from("def")], 4).toString(),
    compare: () => [B.compare(B.from("a"), B.from("b")), B.from("b").compare(B.from("a")), B.from("x").equals(B.from("x"))],
    slice: () => { const b = B.from("hello"); const s = b.slice(1, 3); s[0] = 0x45; return [b.toString(), s.toString(), s instanceof B, b.subarray(-2).toString()]; },
    json: () => JSON.stringify(B.from("hi")),
    readWrite: () => {
      const b = B.alloc(16);
      b.writeUInt32BE(0xdeadbeef, 0); b.writeInt16LE(-2, 4); b.writeDoubleLE(1.5, 6); b.writeUInt8(255, 14);
      return [b.readUInt32BE(0), b.readUInt32LE(0), b.readInt16LE(4), b.readDoubleLE(6), b.readUInt8(14), b.readUIntBE(0, 3), b.readIntLE(4, 2), b.toString("hex")];
    },
    bigint: () => { const b = B.alloc(8); b.writeBigUInt64BE(2n ** 63n + 5n); return [String(b.readBigUInt64BE()), String(b.readBigInt64BE())]; },
    write: () => { const b = B.alloc(6); const n = b.write("h€llo", 1); return [n, b.toString("hex")]; },
    indexOf: () => { const b = B.from("abcabc"); return [b.indexOf("c"), b.indexOf("c", 3), b.lastIndexOf("b"), b.indexOf(B.from("ca")), b.includes("x"), b.indexOf(98)]; },
    swap: () => [B.from([1, 2, 3, 4]).swap16().toString("hex"), B.from([1, 2, 3, 4]).swap32().toString("hex")],
    isX: () => [B.isBuffer(B.alloc(1)), B.isBuffer(new Uint8Array(1)), B.isEncoding("UTF-8"), B.isEncoding("nope"), isUtf8(B.from([0xc3, 0x28]))],
    fromArrayBuffer: () => { const ab = new Uint8Array([1, 2, 3, 4]).buffer; const b = B.from(ab, 1, 2); return [...b, b.buffer === ab]; },
    errors: async () => [
      await thrown(() => B.from(5)),
      await thrown(() => B.alloc(-1)),
      await thrown(() => B.alloc(2).readUInt32LE(0)),
      await thrown(() => B.alloc(4).writeUInt8(300, 0)),
      await thrown(() => B.from("x").toString("nope")),
    ],
    constants: () => [typeof bufferConstants.MAX_LENGTH, typeof B.poolSize],
    toStringRange: () => B.from("hello world").toString("utf8", 6, 9),
    fill: () => [B.alloc(4).fill("ab", 1).toString("hex"), B.alloc(3).fill(0x101).toString("hex")],
  }),
  util: () => ({
    inspectPrimitives: () => [util.inspect("it's"), util.inspect(-0), util.inspect(10n), util.inspect(Symbol("s")), util.inspect(undefined), util.inspect(null), util.inspect('a"\'b')],
    inspectObject: () => util.inspect({ a: 1, "b-c": "x", nested: { deep: { deeper: { deepest: 1 } } }, arr: [1, "two", [3]] }),
    inspectLong: () => util.inspect({ alpha: "aaaaaaaaaaaaaaaaaaaa", beta: "bbbbbbbbbbbbbbbbbbbbb", gamma: "ccccccccccccccccccccc", delta: 1234567 }),
    inspectArray: () => [util.inspect([]), util.inspect([1, , 3]), util.inspect(Array.from({ length: 30 }, (_, i) => i)), util.inspect(Array.from({ length: 120 }, (_, i) => i % 10)).split("\n").slice(-2)],
    inspectMapSet: () => [util.inspect(new Map([["a", 1], [{ k: 1 }, [2]]])), util.inspect(new Set([1, "x"])), util.inspect(new Map())],
    inspectClass: () => { class Foo { constructor() { this.x = 1; } } class Bar extends Foo {} return [util.inspect(new Foo()), util.inspect(Foo), util.inspect(Bar), util.inspect(Object.create(null)), util.inspect(function named() {}), util.inspect(() => {}), util.inspect(async function af() {})]; },
    inspectCircular: () => { const o = { name: "o" }; o.self = o; o.list = [o]; return util.inspect(o); },
    inspectMisc: () => [util.inspect(new Date(0)), util.inspect(/a+b/gi), util.inspect(new Uint8Array([1, 2])), util.inspect(B.from("buf")), util.inspect(new Number(3)), util.inspect(new String("s")), util.inspect(Promise.resolve(4)), util.inspect(new Promise(() => {}))],
    inspectOptions: () => [util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }), util.inspect({ a: [1, 2] }, { compact: false }), util.inspect("x".repeat(5), { colors: false }), util.inspect({ b: 1, a: 2 }, { sorted: true })],
    inspectCustom: () => util.inspect({ [util.inspect.custom]() { return "CUSTOM"; } }),
    inspectSymbolKeys: () => util.inspect({ [Symbol("k")]: 1, normal: 2 }),
    format: () => [util.format("%s:%d:%i:%f", "a", "42", 3.9, "1.5"), util.format("%j", { a: [1] }), util.format("%o", [1]), util.format("%O", { a: 1 }), util.format("100%% %s", "done", "extra", 3), util.format(1, "a", { b: 2 }), util.format("%s", { toString() { return "TS"; } }), util.format("%s", null, undefined), util.format("%d", "abc")],
    types: () => [util.types.isPromise(Promise.resolve()), util.types.isRegExp(/a/), util.types.isDate(new Date()), util.types.isUint8Array(B.alloc(1)), util.types.isTypedArray(new Float32Array(1)), util.types.isArrayBuffer(new ArrayBuffer(1)), util.types.isAsyncFunction(async () => {}), util.types.isMap(new Map()), util.types.isBoxedPrimitive(new String(""))],
    promisify: async () => { const f = (a, cb) => setTimeout(() => cb(null, a * 2), 1); const g = (cb) => cb(new Error("boom")); return [await util.promisify(f)(21), await thrown(() => util.promisify(g)())]; },
    callbackify: async () => new Promise((res) => util.callbackify(async (x) => x + 1)(1, (err, v) => res([err, v]))),
    inherits: () => { function A() {} A.prototype.hi = () => "hi"; function C() {} util.inherits(C, A); return [new C().hi(), C.super_ === A]; },
    deprecate: () => { const f = util.deprecate((x) => x * 3, "old"); return f(2); },
    isDeepStrictEqual: () => [util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], ["1"]), util.isDeepStrictEqual(new Set([1, 2]), new Set([2, 1]))],
    textCodec: () => [typeof util.TextEncoder, new util.TextDecoder().decode(new util.TextEncoder().encode("ok"))],
  }),
  assert: () => ({
    strictEqual: () => thrown(() => assert.strictEqual(1, 2)),
    strictEqualStrings: () => thrown(() => assert.strictEqual("a", "b")),
    strictEqualMessage: () => thrown(() => assert.strictEqual(1, 2, "custom message")),
    equal: () => thrown(() => assert.equal(1, 2)),
    notStrictEqual: () => thrown(() => assert.notStrictEqual(1, 1)),
    deepStrictEqual: () => thrown(() => assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] })),
    deepEqualLoose: () => [assert.deepEqual({ a: 1 }, { a: "1" }) ?? "ok", assert.deepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]])) ?? "ok"],
    deepEqualFail: () => thrown(() => assert.deepEqual({ a: 1 }, { a: 2 })),
    okValues: async () => [await thrown(() => assert.ok(false)), await thrown(() => assert(0, "zero")), await thrown(() => assert.ok())],
    throws: async () => [
      await thrown(() => assert.throws(() => {})),
      await thrown(() => assert.throws(() => {}, TypeError)),
      assert.throws(() => { throw new TypeError("x"); }, TypeError) ?? "ok",
      assert.throws(() => { throw new Error("abc"); }, /abc/) ?? "ok",
      assert.throws(() => { throw new Error("abc"); }, { message: "abc", name: "Error" }) ?? "ok",
      await thrown(() => assert.throws(() => { throw new Error("abc"); }, /xyz/)),
    ],
    rejects: async () => [await thrown(() => assert.rejects(Promise.resolve(1))), (await assert.rejects(Promise.reject(new RangeError("r")), RangeError)) ?? "ok", await thrown(() => assert.doesNotReject(Promise.reject(new Error("nope"))))],
    fail: async () => [await thrown(() => assert.fail()), await thrown(() => assert.fail("boom"))],
    match: () => thrown(() => assert.match("abc", /x/)),
    strict: () => assert.strict === strictAssert,
    strictEqualAwaited: async () => [await thrown(() => strictAssert.equal(1, "1")), await thrown(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }))],
    errorShape: () => { try { assert.strictEqual(1, 2); } catch (e) { return [e instanceof assert.AssertionError, e instanceof Error, e.generatedMessage, e.actual, e.expected, e.operator, String(e).split("\n")[0]]; } },
    ifError: async () => [assert.ifError(null) ?? "ok", await thrown(() => assert.ifError(new Error("bad")))],
  }),
  path: () => ({
    join: () => [path.join("/a/b", "../c", "./d.txt"), path.join("a", "", "b/"), path.join(), path.join("..", "x")],
    normalize: () => [path.normalize("/a//b/../c/."), path.normalize("./a/"), path.normalize(""), path.normalize("../../x")],
    resolve: () => [path.resolve("/a", "b", "../c"), path.resolve("/x", "/y", "z")],
    relative: () => [path.relative("/a/b/c", "/a/d"), path.relative("/a", "/a/b/c"), path.relative("/a", "/a")],
    parts: () => [path.dirname("/a/b/c.txt"), path.dirname("a"), path.dirname("/"), path.basename("/a/b.html", ".html"), path.basename("/a/b/"), path.extname("x.tar.gz"), path.extname(".bashrc"), path.extname("a.")],
    parseFormat: () => [path.parse("/home/u/file.txt"), path.format({ dir: "/x", name: "f", ext: ".js" }), path.format({ root: "/", base: "b" })],
    misc: () => [path.isAbsolute("/a"), path.isAbsolute("a"), path.sep, path.delimiter, path.posix === path],
    errors: () => thrown(() => path.join("a", 1)),
  }),
  crypto: () => ({
    sha: () => ["md5", "sha1", "sha256", "sha384", "sha512"].map((a) => crypto.createHash(a).update("abc").digest("hex")),
    encodings: () => [crypto.createHash("sha256").update("a").update(B.from("b")).digest("base64"), crypto.createHash("sha1").update("héllo", "utf8").digest("base64url"), crypto.createHash("md5").update("616263", "hex").digest("hex"), crypto.createHash("sha256").update("x").digest().length],
    hmac: () => [crypto.createHmac("sha256", "key").update("data").digest("hex"), crypto.createHmac("sha1", B.from("k")).update("d").digest("base64"), crypto.createHmac("sha512", "").update("").digest("hex").slice(0, 16)],
    copy: () => { const h = crypto.createHash("sha256").update("ab"); const c = h.copy(); return [h.update("c").digest("hex"), c.digest("hex")]; },
    digestTwice: async () => { const h = crypto.createHash("sha1"); h.digest(); return await thrown(() => h.digest()); },
    unknown: async () => [await thrown(() => crypto.createHash("nope")), await thrown(() => crypto.createHmac("nope", "k"))],
    random: () => { const b = crypto.randomBytes(16); const n = crypto.randomInt(10); return [b.length, B.isBuffer(b), n >= 0 && n < 10, /^[0-9a-f-]{36}$/.test(crypto.randomUUID())]; },
    timingSafeEqual: async () => [crypto.timingSafeEqual(B.from("ab"), B.from("ab")), crypto.timingSafeEqual(B.from("ab"), B.from("ac")), await thrown(() => crypto.timingSafeEqual(B.from("a"), B.from("ab")))],
    webcrypto: () => [crypto.webcrypto === globalThis.crypto, typeof crypto.getHashes()],
  }),
  misc: () => ({
    events: () => { const e = new EventEmitter(); const seen = []; e.on("x", (v) => seen.push("on" + v)); e.prependListener("x", (v) => seen.push("pre" + v)); e.once("x", (v) => seen.push("once" + v)); e.emit("x", 1); e.emit("x", 2); return [seen, e.listenerCount("x"), e.eventNames(), e.emit("none")]; },
    eventsError: async () => [await thrown(() => new EventEmitter().emit("error", new Error("E!"))), await thrown(() => new EventEmitter().emit("error", "str"))],
    eventsOnce: async () => { const e = new EventEmitter(); setTimeout(() => e.emit("ready", 1, 2), 1); return await once(e, "ready"); },
    eventsRemove: () => { const e = new EventEmitter(); const f = () => {}; e.on("a", f); e.on("a", f); e.off("a", f); const c1 = e.listenerCount("a"); e.removeAllListeners(); return [c1, e.listenerCount("a"), EventEmitter.defaultMaxListeners]; },
    stringDecoder: () => { const d = new StringDecoder("utf8"); return [d.write(B.from([0xe2, 0x82])), d.write(B.from([0xac, 0x41])), d.end(B.from([0xe2])), new StringDecoder("hex").write(B.from("hi")), new StringDecoder("base64").write(B.from("abcd")) + "|" + new StringDecoder("utf16le").write(B.from([0x61, 0x00, 0x62]))]; },
    url: () => [fileURLToPath("file:///a/b%20c.txt"), pathToFileURL("/x y/z#").href, NodeURL === URL],
    querystring: () => [querystring.stringify({ a: [1, 2], b: "x y", c: "" }), querystring.parse("a=1&a=2&b=%20x+y&c")],
    streamPipeline: async () => new Promise((res) => {
      const out = [];
      pipeline(Readable.from(["a", "b", "c"]), new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c.toUpperCase()); } }), new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } }), (err) => res([err ?? null, out]));
    }),
    streamReadable: async () => { const r = new Readable({ read() {} }); r.push("ab"); r.push(B.from("cd")); r.push(null); const chunks = []; for await (const c of r) chunks.push(B.isBuffer(c) ? c.toString() : c); return chunks.join(""); },
    streamPassThrough: async () => { const p = new PassThrough(); const got = []; p.on("data", (c) => got.push(c.toString())); await new Promise((r) => { p.on("end", r); p.write("x"); p.end("y"); }); return got; },
    streamEncoding: async () => { const r = Readable.from([B.from("hé"), B.from("!")], { objectMode: false }); r.setEncoding("utf8"); let s = ""; for await (const c of r) s += c; return s; },
    globals: () => [typeof Buffer, typeof process, typeof global, typeof globalThis.setImmediate, typeof process.nextTick, process.platform, typeof process.env, process.cwd()],
    nextTick: async () => { const order = []; await new Promise((r) => { process.nextTick(() => order.push("tick")); Promise.resolve().then(() => order.push("promise")); setTimeout(r, 2); }); return order; },
    processVersion: () => [process.version, process.versions.node],
  }),
};

export default {
  async fetch(request) {
    const name = new URL(request.url).pathname.slice(1);
    const suite = suites[name];
    if (!suite) return new Response("not found", { status: 404 });
    return run(suite());
  },
};
