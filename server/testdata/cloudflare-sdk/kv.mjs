// Drives edge's KV REST API with the official Cloudflare SDK (npm "cloudflare"), unmodified,
// pointed at the local base URL. Run by server/admin_test.go (TestCloudflareSDK):
//   CF_BASE_URL=http://127.0.0.1:PORT/client/v4 CF_API_TOKEN=… CF_NAMESPACE_ID=… node kv.mjs
// CF_NAMESPACE_ID is a namespace from the served wrangler config; the Go test then reads what
// this script leaves there through the worker. Every check throws on failure; on success the
// script prints one JSON object with what it saw.
import Cloudflare from "cloudflare";

const client = new Cloudflare({
  apiToken: process.env.CF_API_TOKEN,
  baseURL: process.env.CF_BASE_URL,
  maxRetries: 0,
});
const account_id = "023e105f4ecef8ad9ca31a8372d0c353";
const configured = process.env.CF_NAMESPACE_ID;
const kv = client.kv.namespaces;

function check(cond, what, got) {
  if (!cond) throw new Error(`${what}: got ${JSON.stringify(got)}`);
}

async function rejects(promise, status, code, what) {
  try {
    await promise;
  } catch (e) {
    check(e instanceof Cloudflare.APIError, `${what}: error class`, e?.constructor?.name);
    check(e.status === status, `${what}: status`, e.status);
    check(e.errors?.[0]?.code === code, `${what}: code`, e.errors);
    return e.errors[0].message;
  }
  throw new Error(`${what}: did not fail`);
}

const out = {};

// Namespaces: create, duplicate title, list (auto-paginated), get, rename.
const created = await kv.create({ account_id, title: "sdk-namespace" });
check(/^[0-9a-f]{32}$/.test(created.id) && created.title === "sdk-namespace", "create", created);
out.duplicateMessage = await rejects(kv.create({ account_id, title: "sdk-namespace" }), 400, 10014, "duplicate create");
const listed = [];
for await (const ns of kv.list({ account_id, per_page: 1 })) listed.push(ns);
check(listed.some((n) => n.id === created.id) && listed.some((n) => n.id === configured), "list", listed);
out.namespaces = listed.map((n) => n.title).sort();
check((await kv.get(created.id, { account_id })).title === "sdk-namespace", "get", null);
const renamed = await kv.update(created.id, { account_id, title: "sdk-renamed" });
check(renamed.title === "sdk-renamed", "rename", renamed);
out.unknownNamespace = await rejects(kv.get("0123456789abcdef0123456789abcdef", { account_id }), 404, 10013, "unknown namespace");

// Values: write (multipart, with metadata and a TTL), read back (raw bytes + expiration
// header), metadata, delete.
const ns = created.id;
const key = "user:42/profile?x=1&y=é";
await kv.values.update(key, {
  account_id,
  namespace_id: ns,
  value: "hello from the SDK",
  metadata: JSON.stringify({ plan: "pro" }),
  expiration_ttl: 3600,
});
const res = await kv.values.get(key, { account_id, namespace_id: ns });
check((await res.text()) === "hello from the SDK", "values.get body", null);
const expiration = Number(res.headers.get("expiration"));
check(expiration > Date.now() / 1000 + 3500, "expiration header", res.headers.get("expiration"));
const meta = await kv.metadata.get(key, { account_id, namespace_id: ns });
check(meta?.plan === "pro", "metadata.get", meta);
await kv.values.delete(key, { account_id, namespace_id: ns });
out.missingKey = await rejects(kv.values.get(key, { account_id, namespace_id: ns }), 404, 10009, "deleted key");
out.badTTL = await rejects(
  kv.values.update("k", { account_id, namespace_id: ns, value: "v", expiration_ttl: 10 }),
  400,
  10001,
  "ttl below 60",
);

// Bulk write 25 keys (one base64), list them 10 at a time through the SDK's cursor pagination,
// bulk get, bulk delete.
const items = Array.from({ length: 25 }, (_, i) => ({ key: `bulk-${String(i).padStart(2, "0")}`, value: `v${i}` }));
items[0] = { key: "bulk-00", value: Buffer.from("binary\u0000ok").toString("base64"), base64: true };
const written = await kv.bulkUpdate(ns, { account_id, body: items });
check(written.successful_key_count === 25 && written.unsuccessful_keys.length === 0, "bulkUpdate", written);
const names = [];
for await (const k of kv.keys.list(ns, { account_id, prefix: "bulk-", limit: 10 })) names.push(k.name);
check(names.length === 25 && names[0] === "bulk-00" && names[24] === "bulk-24", "keys.list", names);
const got = await kv.bulkGet(ns, { account_id, keys: ["bulk-03", "nope"], withMetadata: true });
check(got.values["bulk-03"]?.value === "v3" && got.values.nope === null, "bulkGet", got);
const bin = await (await kv.values.get("bulk-00", { account_id, namespace_id: ns })).arrayBuffer();
check(Buffer.from(bin).toString() === "binary\u0000ok", "base64 value", Buffer.from(bin).toString());
const deleted = await kv.bulkDelete(ns, { account_id, body: names.slice(0, 20) });
check(deleted.successful_key_count === 20, "bulkDelete", deleted);
const left = [];
for await (const k of kv.keys.list(ns, { account_id })) left.push(k.name);
check(left.length === 5, "keys after bulkDelete", left);
out.keysLeft = left;

// Leave a value in the configured namespace for the worker to read, then delete ours.
await kv.values.update("token:sdk", { account_id, namespace_id: configured, value: '{"userId":"u-sdk"}' });
await kv.delete(ns, { account_id });
out.deletedNamespace = await rejects(kv.get(ns, { account_id }), 404, 10013, "deleted namespace");

console.log(JSON.stringify(out));
