// workerd's test mode: named exports with a test(controller, env, ctx) method. This file gets
// KV namespaces of its own: gateway.test.ts's writes are not visible here.
export const freshNamespace = {
  async test(controller, env) {
    const { keys } = await env.TOKENS.list();
    const names = keys.map((k) => k.name).sort();
    if (names.join() !== "token:tok-alice,token:tok-bob,token:tok-expired") {
      throw new Error("expected only the seeded tokens, found " + names.join());
    }
  },
};
