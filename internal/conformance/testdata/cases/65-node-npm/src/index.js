import signature from "cookie-signature";
import { Buffer as SafeBuffer } from "safe-buffer";

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}

export default {
  async fetch() {
    const signed = signature.sign("session=abc", "s3cret");
    return run({
      signed: () => signed,
      unsigned: () => signature.unsign(signed, "s3cret"),
      wrongSecret: () => signature.unsign(signed, "other"),
      tampered: () => signature.unsign(signed.replace("abc", "abd"), "s3cret"),
      badInput: () => { try { signature.sign(1, "k"); return "no error"; } catch (e) { return e.message; } },
      safeBuffer: () => [SafeBuffer.from("héllo").toString("base64"), SafeBuffer.alloc(3, 1).toString("hex"), SafeBuffer === Buffer],
    });
  },
};
