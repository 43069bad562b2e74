// Order sync: the point-of-sale pattern from the Workers KV launch post. A cron trigger pulls
// the orders from the origin API, compares each with the version last pushed (kept in KV), and
// pushes only the new and newer ones to the delivery API. KV is written for an order only
// after the delivery API accepted it, so a failed push is retried by the next run.
//
// KV keys (namespace ORDERS):
//   order:<id>       the JSON last pushed for the order, exactly as sent (includes updatedAt)
//   status:last-run  a summary of the last run (RunSummary)

export interface Env {
  ORDERS: KVNamespace;
  ORIGIN_URL: string;
  DELIVERY_URL: string;
}

/** An order as the origin returns it: `id` and `updatedAt` are required, the rest is passed on. */
interface Order {
  id: string | number;
  updatedAt: string;
  [field: string]: unknown;
}

/** What a run did, stored under status:last-run and served by GET /status. */
interface RunSummary {
  cron: string;
  scheduledTime: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  error: string | null;
  fetched: number; // orders the origin returned
  pushed: number; // new + updated
  new: string[]; // ids pushed for the first time
  updated: string[]; // ids pushed because updatedAt is newer than in KV
  unchanged: number; // ids whose updatedAt is not newer than in KV
  failed: { id: string; error: string }[];
}

const STATUS_KEY = "status:last-run";
const KV_BULK_GET_MAX = 100; // Workers KV reads at most 100 keys per bulk get
const PUSH_CONCURRENCY = 4; // Workers allow 6 simultaneous outgoing connections
const LIST_MAX = 100; // ids kept per list in the summary
const KEY_MAX_BYTES = 512; // Workers KV key size limit

const orderKey = (id: string) => `order:${id}`;

function json(status: number, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Joins a base URL from a var (which may have a path and a trailing slash) with a path. */
function endpoint(base: string, path: string): string {
  return base.replace(/\/+$/, "") + path;
}

/** Reads a response body as text for an error message, cut short. */
async function snippet(res: Response): Promise<string> {
  const text = (await res.text().catch(() => "")).trim();
  return text.length > 200 ? text.slice(0, 200) + "…" : text;
}

/** GET {ORIGIN_URL}/orders. Throws when the origin is unreachable or its answer is unusable. */
async function fetchOrders(env: Env): Promise<unknown[]> {
  const url = endpoint(env.ORIGIN_URL, "/orders");
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" } });
  } catch (err) {
    throw new Error(`origin ${url} unreachable: ${message(err)}`);
  }
  if (!res.ok) {
    const body = await snippet(res);
    throw new Error(`origin GET /orders answered ${res.status}${body ? `: ${body}` : ""}`);
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch (err) {
    throw new Error(`origin GET /orders: invalid JSON: ${message(err)}`);
  }
  if (!Array.isArray(data)) throw new Error("origin GET /orders: expected a JSON array of orders");
  return data;
}

/** Checks one origin entry; returns the order with its id as a string, or an error. */
function validate(entry: unknown, index: number): { id: string; order: Order } | { id: string; error: string } {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    return { id: `#${index}`, error: "invalid order: not an object" };
  }
  const o = entry as Record<string, unknown>;
  const rawId = o.id;
  if (!((typeof rawId === "string" && rawId !== "") || (typeof rawId === "number" && Number.isFinite(rawId)))) {
    return { id: `#${index}`, error: "invalid order: id must be a non-empty string or a number" };
  }
  const id = String(rawId);
  if (new TextEncoder().encode(orderKey(id)).length > KEY_MAX_BYTES) {
    return { id: id.slice(0, 40) + "…", error: `invalid order: id longer than ${KEY_MAX_BYTES - 6} bytes` };
  }
  if (typeof o.updatedAt !== "string" || !Number.isFinite(Date.parse(o.updatedAt))) {
    return { id, error: "invalid order: updatedAt must be an ISO 8601 date" };
  }
  return { id, order: o as Order };
}

/** Reads the stored versions of the given ids, 100 keys per KV read. */
async function storedOrders(env: Env, ids: string[]): Promise<Map<string, Order | null>> {
  const stored = new Map<string, Order | null>();
  for (let i = 0; i < ids.length; i += KV_BULK_GET_MAX) {
    const chunk = ids.slice(i, i + KV_BULK_GET_MAX);
    const values = await env.ORDERS.get<Order>(chunk.map(orderKey), "json");
    for (const id of chunk) stored.set(id, values.get(orderKey(id)) ?? null);
  }
  return stored;
}

/** POST {DELIVERY_URL}/deliveries, then record the pushed JSON in KV. Throws on failure. */
async function push(env: Env, id: string, order: Order): Promise<void> {
  const body = JSON.stringify(order);
  let res: Response;
  try {
    res = await fetch(endpoint(env.DELIVERY_URL, "/deliveries"), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        // The same order version always carries the same key, so the delivery API can drop a
        // duplicate (a run that pushed but could not write KV pushes again next time).
        "idempotency-key": `order-${id}-${order.updatedAt}`,
      },
      body,
    });
  } catch (err) {
    throw new Error(`delivery API unreachable: ${message(err)}`);
  }
  if (!res.ok) {
    const text = await snippet(res);
    throw new Error(`delivery API answered ${res.status}${text ? `: ${text}` : ""}`);
  }
  await res.body?.cancel();
  // Only now is the order known to be delivered.
  try {
    await env.ORDERS.put(orderKey(id), body);
  } catch (err) {
    throw new Error(`pushed, but saving to KV failed: ${message(err)}`);
  }
}

/** Runs fn over items with at most `limit` calls in flight. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}

/** One sync run. Never throws: what went wrong is in the summary. */
async function sync(env: Env, cron: string, scheduledTime: number): Promise<RunSummary> {
  const summary: RunSummary = {
    cron,
    scheduledTime: new Date(scheduledTime).toISOString(),
    startedAt: new Date().toISOString(),
    finishedAt: "",
    ok: true,
    error: null,
    fetched: 0,
    pushed: 0,
    new: [],
    updated: [],
    unchanged: 0,
    failed: [],
  };
  const note = (list: string[], id: string) => {
    if (list.length < LIST_MAX) list.push(id);
  };
  const fail = (id: string, error: string) => {
    if (summary.failed.length < LIST_MAX) summary.failed.push({ id, error });
  };
  let failures = 0;

  let entries: unknown[];
  try {
    entries = await fetchOrders(env);
  } catch (err) {
    summary.ok = false;
    summary.error = message(err);
    summary.finishedAt = new Date().toISOString();
    return summary;
  }
  summary.fetched = entries.length;

  // Valid orders by id; if the origin lists an id twice, the newest version counts.
  const orders = new Map<string, Order>();
  entries.forEach((entry, i) => {
    const v = validate(entry, i);
    if ("error" in v) {
      failures++;
      fail(v.id, v.error);
      return;
    }
    const seen = orders.get(v.id);
    if (!seen || Date.parse(v.order.updatedAt) > Date.parse(seen.updatedAt)) orders.set(v.id, v.order);
  });

  const stored = await storedOrders(env, [...orders.keys()]);
  const toPush: { id: string; order: Order; isNew: boolean }[] = [];
  for (const [id, order] of orders) {
    const last = stored.get(id);
    if (!last) {
      toPush.push({ id, order, isNew: true });
    } else if (!(Date.parse(order.updatedAt) <= Date.parse(String(last.updatedAt)))) {
      // Newer, or the stored updatedAt is unreadable: push.
      toPush.push({ id, order, isNew: false });
    } else {
      summary.unchanged++;
    }
  }

  await eachLimited(toPush, PUSH_CONCURRENCY, async ({ id, order, isNew }) => {
    try {
      await push(env, id, order);
      summary.pushed++;
      note(isNew ? summary.new : summary.updated, id);
    } catch (err) {
      failures++;
      fail(id, message(err));
    }
  });

  if (failures > 0) {
    summary.ok = false;
    const listed = summary.failed.slice(0, 5).map((f) => `${f.id} (${f.error})`).join(", ");
    summary.error = `${failures} of ${summary.fetched} orders failed: ${listed}${failures > 5 ? ", …" : ""}`;
  }
  summary.finishedAt = new Date().toISOString();
  return summary;
}

export default {
  async scheduled(controller: ScheduledController, env: Env): Promise<void> {
    const summary = await sync(env, controller.cron, controller.scheduledTime);
    console.log(
      `order-sync: fetched ${summary.fetched}, pushed ${summary.pushed} (new ${summary.new.length}, ` +
        `updated ${summary.updated.length}), unchanged ${summary.unchanged}, failed ${summary.failed.length}`,
    );
    await env.ORDERS.put(STATUS_KEY, JSON.stringify(summary));
    // Failing the run makes it show as an error in the Cron Events log (and as a 500 from
    // /__scheduled locally); the orders that failed are retried by the next run.
    if (!summary.ok) throw new Error(summary.error ?? "sync failed");
  },

  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return json(405, { error: "method not allowed" }, { allow: "GET, HEAD" });
    }
    const url = new URL(request.url);
    if (url.pathname === "/status") {
      return json(200, { lastRun: await env.ORDERS.get<RunSummary>(STATUS_KEY, "json") });
    }
    const match = /^\/orders\/([^/]+)$/.exec(url.pathname);
    if (match) {
      let id: string;
      try {
        id = decodeURIComponent(match[1]);
      } catch {
        return json(400, { error: "invalid order id" });
      }
      const value =
        new TextEncoder().encode(orderKey(id)).length <= KEY_MAX_BYTES ? await env.ORDERS.get(orderKey(id)) : null;
      if (value === null) return json(404, { error: "order not found" });
      return new Response(value, { headers: { "content-type": "application/json" } });
    }
    return json(404, { error: "not found" });
  },
};
