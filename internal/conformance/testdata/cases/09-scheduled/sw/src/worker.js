// Service-worker syntax: addEventListener("scheduled") with event.waitUntil.
addEventListener("scheduled", (event) => {
  event.waitUntil(
    (async () => {
      await KV.put(
        "sw-last",
        JSON.stringify({
          type: event.type,
          cron: event.cron,
          scheduledTimeType: typeof event.scheduledTime,
          noRetry: typeof event.noRetry,
          waitUntil: typeof event.waitUntil,
        }),
      );
      if (event.cron === "0 0 1 1 *") throw new Error("service-worker scheduled failure");
    })(),
  );
});

addEventListener("fetch", (event) => {
  event.respondWith(
    (async () => {
      const v = await KV.get("sw-last");
      return new Response(v === null ? "nothing yet" : v, { headers: { "content-type": "application/json" } });
    })(),
  );
});
