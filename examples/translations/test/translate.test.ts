// Run with `edge test` in examples/translations. The origin is not needed: the rewriting and
// the language choice are tested on their own, with the strings seeded from seed.json.
import { test, assert, env } from "edge:test";
import { language, translate } from "../src/index";

const page = `<!doctype html><html lang="en"><head><title data-i18n-key="title">Welcome</title></head>
<body><h1 data-i18n-key="headline">Hello world!</h1><p data-i18n-key="missing">Stays English</p></body></html>`;

const html = () => new Response(page, { headers: { "content-type": "text/html; charset=utf-8" } });

test("the country wins over Accept-Language", () => {
  assert.equal(language("AT", "fr"), "de");
  assert.equal(language("US", "fr-CH, de;q=0.5"), "fr");
  assert.equal(language(undefined, "en, de;q=0.9"), "de");
  assert.equal(language("US", "en-GB, es"), null);
});

test("German strings from KV replace the marked elements", async () => {
  const strings = await env.TRANSLATIONS.get("strings:de", "json");
  const res = translate(html(), "de", strings);
  assert.equal(res.headers.get("content-language"), "de");
  const body = await res.text();
  assert.match(body, /<html lang="de">/);
  assert.match(body, /<title data-i18n-key="title">Willkommen<\/title>/);
  assert.match(body, /<h1 data-i18n-key="headline">Hallo Welt!<\/h1>/);
  assert.match(body, /<p data-i18n-key="missing">Stays English<\/p>/);
});

test("a string missing in one language leaves the English text", async () => {
  const strings = await env.TRANSLATIONS.get("strings:fr", "json");
  const body = await translate(html(), "fr", strings).text();
  assert.match(body, /Bonjour le monde !/);
  assert.match(body, /Stays English/);
});
