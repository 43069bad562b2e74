// npm packages that reach Node built-ins by bare name: cookie-signature (require("crypto")) and
// safe-buffer (require("buffer")).
import signature from "cookie-signature";
import { Buffer as SafeBuffer } from "safe-buffer";

export default {
  fetch() {
    const signed = signature.sign("hello", "secret");
    return Response.json({
      signed,
      unsigned: signature.unsign(signed, "secret"),
      tampered: signature.unsign(signed.replace("hello", "hellp"), "secret"),
      safeBuffer: SafeBuffer.from("hello").toString("hex"),
      sameBuffer: SafeBuffer === Buffer,
    });
  },
};
