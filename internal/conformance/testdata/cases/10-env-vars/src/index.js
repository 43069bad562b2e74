// [vars], JSON vars, .dev.vars (and .dev.vars.ENV with --env) and [env.NAME] bindings as the
// worker sees them in env.
export default {
  async fetch(request, env) {
    const describe = (v) => (v === undefined ? "undefined" : v);
    const out = {
      keys: Object.keys(env).sort(),
      STAGE: describe(env.STAGE),
      ONLY_TOP: describe(env.ONLY_TOP),
      FEATURES: describe(env.FEATURES),
      featuresType: typeof env.FEATURES,
      OVERRIDDEN: describe(env.OVERRIDDEN),
      SECRET: describe(env.SECRET),
      EXPORTED: describe(env.EXPORTED),
      WITH_EQUALS: describe(env.WITH_EQUALS),
      kv: typeof env.KV,
      stagingKv: typeof env.STAGING_KV,
    };
    const ns = env.KV || env.STAGING_KV;
    await ns.put("k", `written in ${env.STAGE}`);
    out.kvRoundTrip = await ns.get("k");
    return Response.json(out);
  },
};
