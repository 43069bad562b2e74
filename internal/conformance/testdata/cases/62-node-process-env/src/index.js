import process from "node:process";

const atImport = { ...process.env };

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try { const v = await fn(); out[name] = v === undefined ? "undefined" : v; }
    catch (e) { out[name] = { unexpectedError: e?.name + ": " + e?.message }; }
  }
  return Response.json(out);
}

export default {
  async fetch(request, env) {
    return run({
      atImport: () => atImport,
      keys: () => Object.keys(process.env).sort(),
      values: () => [process.env.TEXT, process.env.JSON_STRING, process.env.JSON_OBJ, process.env.NUM, typeof env.NUM],
      sameAsGlobal: () => process === globalThis.process,
      mutate: () => { process.env.SET_LATER = 5; return [process.env.SET_LATER, typeof process.env.SET_LATER]; },
      missing: () => process.env.NOPE ?? "undefined",
    });
  },
};
