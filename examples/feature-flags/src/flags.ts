// Flag evaluation: per-user overrides win, then the on/off switch, then a percentage rollout
// decided by a stable hash of (flag, user), so a user keeps their variant across requests.

export interface Flag {
  enabled: boolean;
  /** 0–100: share of users who get the flag when enabled. Absent = 100. */
  rollout?: number;
  /** user id → forced value */
  overrides?: Record<string, boolean>;
}

export type Reason = "override" | "disabled" | "rollout" | "missing";

export interface Decision {
  on: boolean;
  reason: Reason;
  bucket?: number;
}

/** FNV-1a over UTF-8 bytes: stable, fast, and identical in every runtime. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function bucketOf(flagName: string, userId: string): number {
  return fnv1a(`${flagName}:${userId}`) % 100;
}

/** Validates a flag sent to the admin API; returns the flag (known fields only) or an error. */
export function parseFlag(body: unknown): Flag | string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "body must be a JSON object";
  const { enabled, rollout, overrides } = body as Record<string, unknown>;
  if (typeof enabled !== "boolean") return "enabled must be a boolean";
  const flag: Flag = { enabled };
  if (rollout !== undefined) {
    if (typeof rollout !== "number" || !(rollout >= 0 && rollout <= 100)) {
      return "rollout must be a number between 0 and 100";
    }
    flag.rollout = rollout;
  }
  if (overrides !== undefined) {
    if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides) ||
        !Object.values(overrides).every((v) => typeof v === "boolean")) {
      return "overrides must map user ids to booleans";
    }
    flag.overrides = overrides as Record<string, boolean>;
  }
  return flag;
}

export function evaluate(name: string, flag: Flag | null, userId: string): Decision {
  if (!flag) return { on: false, reason: "missing" };
  const forced = flag.overrides?.[userId];
  if (typeof forced === "boolean") return { on: forced, reason: "override" };
  if (!flag.enabled) return { on: false, reason: "disabled" };
  const bucket = bucketOf(name, userId);
  const rollout = flag.rollout ?? 100;
  return { on: bucket < rollout, reason: "rollout", bucket };
}
