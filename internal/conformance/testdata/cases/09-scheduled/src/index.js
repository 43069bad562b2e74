// A module worker with a scheduled handler, triggered through `--test-scheduled`
// (/__scheduled?cron=... and /cdn-cgi/handler/scheduled?cron=...). The handler writes what it saw
// to KV; the fetch handler reads it back.

export default {
  async scheduled(controller, env, ctx) {
    const n = Number((await env.KV.get("count")) || 0) + 1;
    await env.KV.put("count", String(n));
    const seen = {
      cron: controller.cron,
      type: controller.type === undefined ? "undefined" : controller.type,
      scheduledTimeType: typeof controller.scheduledTime,
      scheduledTimeRecent: Math.abs(controller.scheduledTime - Date.now()) < 120000,
      noRetry: typeof controller.noRetry,
      ctx: [typeof ctx.waitUntil, typeof ctx.passThroughOnException],
      envKeys: Object.keys(env).sort(),
      argCount: arguments.length,
    };
    await env.KV.put(`last`, JSON.stringify(seen));
    ctx.waitUntil(
      (async () => {
        await new Promise((r) => setTimeout(r, 20));
        await env.KV.put("waited", `waitUntil ran for ${controller.cron}`);
      })(),
    );
    if (controller.cron === "0 0 1 1 *") {
      await env.KV.put("before-throw", "written before the throw");
      throw new Error("scheduled handler failed");
    }
    if (controller.cron === "1 1 1 1 1") {
      await new Promise((r) => setTimeout(r, 10));
      return Promise.reject(new TypeError("async scheduled failure"));
    }
  },

  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/state") {
      // flattened, so that each fact is its own check; ?detail=1 adds the controller's shape
      const [count, last, waited, beforeThrow] = await Promise.all(["count", "last", "waited", "before-throw"].map((k) => env.KV.get(k)));
      const seen = last === null ? {} : JSON.parse(last);
      const out = { count: count === null ? null : Number(count), cron: seen.cron ?? null, waited, beforeThrow };
      if (url.searchParams.has("detail")) {
        for (const k of ["type", "scheduledTimeType", "scheduledTimeRecent", "noRetry", "ctx", "envKeys", "argCount"]) out[k] = k in seen ? seen[k] : "absent";
      }
      return Response.json(out);
    }
    return new Response(`fetch handler saw ${url.pathname}${url.search}`, { status: 200 });
  },
};
