import path from "node:path";
import { join, posix } from "path";

test("join and normalize", () => {
  assertEquals(join("/a", "b", "../c//d/"), "/a/c/d/");
  assertEquals(path.normalize("a/./b/../../.."), "..");
  assertEquals(path.normalize("//x"), "/x");
  assertEquals(posix, path);
});
test("resolve and relative against cwd /", () => {
  assertEquals(path.resolve("a/b", "../c"), "/a/c");
  assertEquals(path.relative("/x/y", "/x/z/w"), "../z/w");
});
test("parse and format round trip", () => {
  for (const p of ["/home/user/dir/file.txt", "file", "/", "./a.b.c", "dir/"]) {
    const parsed = path.parse(p);
    assertEquals(path.parse(path.format(parsed)), parsed, p);
  }
  assertEquals(path.basename("/a/b.js", "b.js"), "b.js");
});
