import url, { fileURLToPath, pathToFileURL } from "node:url";
import querystring from "node:querystring";

test("file URLs", () => {
  assertEquals(fileURLToPath("file:///tmp/a%20b"), "/tmp/a b");
  assertEquals(pathToFileURL("/tmp/a b?#").href, "file:///tmp/a%20b%3F%23");
  assertThrows(() => fileURLToPath("https://x/"), "ERR_INVALID_URL_SCHEME");
  assertThrows(() => fileURLToPath("file:///a%2fb"), "ERR_INVALID_FILE_URL_PATH");
});
test("legacy parse and format", () => {
  const u = url.parse("https://user:pw@Example.com:8080/p/a?x=1&y=2#frag", true);
  assertEquals([u.protocol, u.auth, u.hostname, u.port, u.pathname, u.search, u.hash], ["https:", "user:pw", "example.com", "8080", "/p/a", "?x=1&y=2", "#frag"]);
  assertEquals({ ...u.query }, { x: "1", y: "2" });
  assertEquals(url.format({ protocol: "http", hostname: "h", pathname: "/p", query: { a: "b c" } }), "http://h/p?a=b%20c");
  assertEquals(url.URL, URL);
});
test("querystring", () => {
  assertEquals(querystring.stringify({ a: 1, b: ["x", "y"], c: "é" }), "a=1&b=x&b=y&c=%C3%A9");
  assertEquals({ ...querystring.parse("a=1&b=2&a=3") }, { a: ["1", "3"], b: "2" });
});
