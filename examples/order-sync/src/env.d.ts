// Minimal ambient types so the example type-checks without @cloudflare/workers-types.
interface KVNamespace {
  get<T = unknown>(key: string, type: "json"): Promise<T | null>;
  get<T = unknown>(keys: string[], type: "json"): Promise<Map<string, T | null>>;
  get(key: string, type?: "text"): Promise<string | null>;
  put(key: string, value: string, options?: { expiration?: number; expirationTtl?: number; metadata?: unknown }): Promise<void>;
  delete(key: string): Promise<void>;
}
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}
interface ScheduledController {
  readonly cron: string;
  readonly scheduledTime: number;
  noRetry(): void;
}
