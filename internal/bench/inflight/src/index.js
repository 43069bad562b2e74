// Each request waits ?ms= milliseconds (default 100) before answering, so under a load of N
// connections about N requests are in flight at once: bench/scaling.sh divides the RSS they
// add by N to get the memory one in-flight request holds.
export default {
  async fetch(request) {
    const ms = Number(new URL(request.url).searchParams.get("ms") ?? 100);
    await scheduler.wait(ms);
    return new Response("waited " + ms + " ms");
  },
};
