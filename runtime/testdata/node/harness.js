// A minimal test harness for the node_test.go JS files (the jstest API: test, assert,
// assertEquals, assertThrows, assertRejects), run inside a worker: fetch runs every test and
// answers {name: "ok" | failure}.
const tests = [];
globalThis.test = (name, fn) => tests.push([name, fn]);
const show = (v) => { try { return JSON.stringify(v); } catch { return String(v); } };
function equal(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
}
globalThis.assert = (cond, msg) => { if (!cond) throw new Error(`assertion failed${msg ? `: ${msg}` : ""}`); };
globalThis.assertEquals = (actual, expected, msg) => {
  if (!equal(actual, expected)) throw new Error(`${msg ? `${msg}: ` : ""}got ${show(actual)}, want ${show(expected)}`);
};
function checkError(e, name, sub) {
  if (name !== undefined && e?.name !== name && e?.constructor?.name !== name && e?.code !== name) throw new Error(`threw ${e?.name} (${e?.code}): ${e?.message}, want ${name}`);
  if (sub !== undefined && !String(e?.message).includes(sub)) throw new Error(`message ${show(e?.message)} does not contain ${show(sub)}`);
  return e;
}
globalThis.assertThrows = (fn, name, sub) => {
  try { fn(); } catch (e) { return checkError(e, name, sub); }
  throw new Error("did not throw");
};
globalThis.assertRejects = async (p, name, sub) => {
  try { await (typeof p === "function" ? p() : p); } catch (e) { return checkError(e, name, sub); }
  throw new Error("did not reject");
};
globalThis.__runTests = async () => {
  const out = {};
  for (const [name, fn] of tests) {
    try { await fn(); out[name] = "ok"; } catch (e) { out[name] = String(e?.stack || e); }
  }
  return out;
};
