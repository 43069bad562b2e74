// Translations at the edge (the Workers launch post's HTMLRewriter example): fetch the origin's
// English page and, while it streams through, replace the content of every element marked
// data-i18n-key="KEY" with the visitor's language's string for KEY. The strings live in KV, one
// JSON object per language under strings:<lang>. The language comes from the visitor's country
// (request.cf.country; locally `edge serve --cf country=DE`), else from Accept-Language; without
// a supported language the page passes through in English.

export interface Env {
  TRANSLATIONS: KVNamespace;
  ORIGIN_URL: string;
}

type Strings = Record<string, string>;

const SUPPORTED = ["de", "fr"];

// Countries whose visitors get a language without asking Accept-Language.
const COUNTRY_LANGUAGE: Record<string, string> = {
  DE: "de", AT: "de", LI: "de",
  FR: "fr", MC: "fr",
};

// language picks the page language: the country's, else the first supported Accept-Language
// entry by weight, else null (the origin's English).
export function language(country: string | undefined, acceptLanguage: string | null): string | null {
  if (country && COUNTRY_LANGUAGE[country]) return COUNTRY_LANGUAGE[country];
  const header = acceptLanguage ?? "";
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((e) => e.lang && e.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.find((e) => SUPPORTED.includes(e.lang))?.lang ?? null;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const origin = await fetch(new URL(url.pathname + url.search, env.ORIGIN_URL).toString(), {
      headers: { accept: request.headers.get("accept") ?? "text/html" },
    });
    const lang = language(request.cf?.country as string | undefined, request.headers.get("accept-language"));
    const type = origin.headers.get("content-type") ?? "";
    if (!lang || !type.startsWith("text/html")) return origin;
    const strings = (await env.TRANSLATIONS.get<Strings>(`strings:${lang}`, "json")) ?? {};
    return translate(origin, lang, strings);
  },
};

// translate rewrites an HTML response into lang while it streams: <html lang>, and the content
// of every element whose data-i18n-key has a string.
export function translate(origin: Response, lang: string, strings: Strings): Response {
  const response = new HTMLRewriter()
    .on("html", {
      element(element) {
        element.setAttribute("lang", lang);
      },
    })
    .on("[data-i18n-key]", {
      element(element) {
        const key = element.getAttribute("data-i18n-key");
        const text = key === null ? undefined : strings[key];
        if (text !== undefined) element.setInnerContent(text);
      },
    })
    .transform(origin);
  response.headers.set("content-language", lang);
  response.headers.append("vary", "accept-language");
  return response;
}
