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

export function evaluate(name: string, flag: Flag | null, userId: string): Decision {
  if (!flag) return { on: false, reason: "missing" };
  const forced = flag.overrides?.[userId];
  if (typeof forced === "boolean") return { on: forced, reason: "override" };
  if (!flag.enabled) return { on: false, reason: "disabled" };
  const bucket = bucketOf(name, userId);
  const rollout = flag.rollout ?? 100;
  return { on: bucket < rollout, reason: "rollout", bucket };
}
