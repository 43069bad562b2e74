// Minimal ambient types so the example type-checks without @cloudflare/workers-types.
interface KVNamespace {
  get<T = unknown>(key: string, type: "json"): Promise<T | null>;
}
interface Request {
  readonly cf?: { country?: string };
}
interface ContentOptions {
  html?: boolean;
}
interface Element {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): Element;
  setInnerContent(content: string, options?: ContentOptions): Element;
}
declare class HTMLRewriter {
  on(selector: string, handlers: { element?(element: Element): void | Promise<void> }): HTMLRewriter;
  transform(response: Response): Response;
}
