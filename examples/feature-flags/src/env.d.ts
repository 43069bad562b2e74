// Minimal ambient types so the example type-checks without @cloudflare/workers-types.
interface KVNamespace {
  get<T = unknown>(key: string, type: "json"): Promise<T | null>;
  get(key: string, type?: "text"): Promise<string | null>;
  put(key: string, value: string, options?: { expiration?: number; expirationTtl?: number; metadata?: unknown }): Promise<void>;
  delete(key: string): Promise<void>;
}
interface Request {
  json<T = unknown>(): Promise<T>;
}
