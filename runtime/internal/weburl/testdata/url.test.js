// URL (https://url.spec.whatwg.org/#url-class). Includes every case of the goja_nodejs-vs-Node
// comparison in goja-feasibility.md §5; the expected values are Node's/the spec's.

function parts(u) {
  return {
    href: u.href, origin: u.origin, protocol: u.protocol, username: u.username,
    password: u.password, host: u.host, hostname: u.hostname, port: u.port,
    pathname: u.pathname, search: u.search, hash: u.hash,
  };
}

test('parses every component', () => {
  const u = new URL('https://user:pass@example.com:8080/p/a/t/h?query=string#hash');
  assertEquals(parts(u), {
    href: 'https://user:pass@example.com:8080/p/a/t/h?query=string#hash',
    origin: 'https://example.com:8080', protocol: 'https:', username: 'user', password: 'pass',
    host: 'example.com:8080', hostname: 'example.com', port: '8080', pathname: '/p/a/t/h',
    search: '?query=string', hash: '#hash',
  });
});

test('relative references resolve against the base path', () => {
  assertEquals(new URL('../d?y=2', 'http://a/b/c/e').href, 'http://a/b/d?y=2');
  assertEquals(new URL('d', 'http://a/b/c/e').href, 'http://a/b/c/d');
  assertEquals(new URL('./d', 'http://a/b/c/e').href, 'http://a/b/c/d');
  assertEquals(new URL('../../../../g', 'http://a/b/c/d;p?q').href, 'http://a/g');
  assertEquals(new URL('//host/x', 'https://a/b').href, 'https://host/x');
  assertEquals(new URL('?q', 'http://a/b/c?old#f').href, 'http://a/b/c?q');
  assertEquals(new URL('#h', 'http://a/b/c?q').href, 'http://a/b/c?q#h');
  assertEquals(new URL('/abs', 'http://a/b/c').href, 'http://a/abs');
  assertEquals(new URL('', 'http://a/b/c?q#f').href, 'http://a/b/c?q');
  assertEquals(new URL('http:g', 'http://a/b/c').href, 'http://a/b/g');
  assertEquals(new URL('https://other/x', 'http://a/b').href, 'https://other/x');
  // The base may itself be a URL object.
  assertEquals(new URL('x', new URL('http://a/b/')).href, 'http://a/b/x');
});

test('dot segments are removed', () => {
  assertEquals(new URL('http://a/b/./c/../d/%2e/e/%2E%2E/f').pathname, '/b/d/f');
  assertEquals(new URL('http://a/..').pathname, '/');
});

test('searchParams.append updates href and search', () => {
  const u = new URL('http://a/?x=1');
  u.searchParams.append('y', '2');
  assertEquals(u.href, 'http://a/?x=1&y=2');
  assertEquals(u.search, '?x=1&y=2');
  assertEquals(u.toString(), 'http://a/?x=1&y=2');
});

test('origin keeps a non-default port', () => {
  assertEquals(new URL('https://a.b:8443/x').origin, 'https://a.b:8443');
  assertEquals(new URL('https://a.b:443/x').origin, 'https://a.b');
  assertEquals(new URL('http://[::1]:81/').origin, 'http://[::1]:81');
  assertEquals(new URL('ws://h/').origin, 'ws://h');
  assertEquals(new URL('ftp://h:21/').origin, 'ftp://h');
  assertEquals(new URL('file:///tmp/x').origin, 'null');
  assertEquals(new URL('data:text/plain,x').origin, 'null');
  assertEquals(new URL('foo://h/').origin, 'null');
  assertEquals(new URL('blob:https://example.com:443/uuid').origin, 'https://example.com');
  assertEquals(new URL('blob:file:///x').origin, 'null');
  assertEquals(new URL('blob:d3958f5c-0777-0845-9dcf-2cb28783acaf').origin, 'null');
});

test('userinfo is percent-encoded', () => {
  const u = new URL('http://us%40er:pa ss@a/');
  assertEquals(u.username, 'us%40er');
  assertEquals(u.password, 'pa%20ss');
  assertEquals(u.href, 'http://us%40er:pa%20ss@a/');
  assertEquals(new URL('http://a@b@c/').username, 'a%40b');
});

test('IPv4 number forms', () => {
  assertEquals(new URL('http://0x7f.1/').host, '127.0.0.1');
  assertEquals(new URL('http://2130706433/').host, '127.0.0.1');
  assertEquals(new URL('http://0177.0.0.1/').host, '127.0.0.1');
  assertEquals(new URL('http://127.1/').host, '127.0.0.1');
  assertEquals(new URL('http://0x7F000001/').host, '127.0.0.1');
  assertEquals(new URL('http://1.2.3.4./').host, '1.2.3.4');
  assertThrows(() => new URL('http://256.256.256.256/'), 'TypeError', 'Invalid URL string.');
  assertThrows(() => new URL('http://1.2.3.4.5/'), 'TypeError');
  assertThrows(() => new URL('http://0x100000000/'), 'TypeError');
  // Non-special schemes keep the host opaque.
  assertEquals(new URL('foo://0x7f.1/').host, '0x7f.1');
});

test('IPv6', () => {
  assertEquals(new URL('http://[::1]/').hostname, '[::1]');
  assertEquals(new URL('http://[0:0:0:0:0:0:0:1]:8080/').host, '[::1]:8080');
  assertEquals(new URL('http://[2001:db8::ff00:42:8329]/').hostname, '[2001:db8::ff00:42:8329]');
  assertEquals(new URL('http://[::ffff:192.168.0.1]/').hostname, '[::ffff:c0a8:1]');
  assertThrows(() => new URL('http://[::1/'), 'TypeError');
  assertThrows(() => new URL('http://[:::1]/'), 'TypeError');
});

test('IDNA', () => {
  assertEquals(new URL('http://münchen.de/').hostname, 'xn--mnchen-3ya.de');
  assertEquals(new URL('http://☃.net/').hostname, 'xn--n3h.net');
  assertEquals(new URL('http://EXAMPLE.com/').hostname, 'example.com');
  assertEquals(new URL('http://ｅｘａｍｐｌｅ.com/').hostname, 'example.com'); // full-width
  assertEquals(new URL('http://xn--mnchen-3ya.de/').hostname, 'xn--mnchen-3ya.de');
  assertEquals(new URL('http://faß.de/').hostname, 'xn--fa-hia.de');
  assertThrows(() => new URL('http://a b/'), 'TypeError');
  assertThrows(() => new URL('http://xn--/'), 'TypeError');
  assertThrows(() => new URL('http://exa%mple/'), 'TypeError');
});

test('backslashes in special URLs', () => {
  assertEquals(new URL('http:\\\\a\\b\\c').href, 'http://a/b/c');
  assertEquals(new URL('\\\\x\\y', 'http://a/').href, 'http://x/y');
  // Not special: backslash is an ordinary path character, and forbidden in hosts.
  assertEquals(new URL('foo:/a\\b').pathname, '/a\\b');
  assertThrows(() => new URL('foo://a\\b'), 'TypeError');
});

test('opaque paths', () => {
  assertEquals(new URL('data:text/plain,hello').pathname, 'text/plain,hello');
  assertEquals(new URL('mailto:a@b.c').pathname, 'a@b.c');
  assertEquals(new URL('mailto:a@b.c').host, '');
  assertEquals(new URL('javascript:alert(1)').protocol, 'javascript:');
  assertEquals(new URL('urn:isbn:0451450523').pathname, 'isbn:0451450523');
  assertThrows(() => new URL('x', 'mailto:a@b.c'), 'TypeError');
  assertEquals(new URL('#frag', 'mailto:a@b.c').href, 'mailto:a@b.c#frag');
});

test('special and non-special schemes', () => {
  assertEquals(new URL('HTTP://A/').href, 'http://a/');
  assertEquals(new URL('http://a').pathname, '/');
  assertEquals(new URL('foo://a').pathname, '');
  assertEquals(new URL('foo://A/').host, 'A');
  assertEquals(new URL('foo:/a/../b').href, 'foo:/b');
  assertEquals(new URL('http://a:80/').href, 'http://a/');
  assertEquals(new URL('https://a:443/').port, '');
  assertEquals(new URL('ws://a:80/').port, '');
  assertEquals(new URL('foo://a:80/').port, '80');
  assertEquals(new URL('file:///C:/x').pathname, '/C:/x');
  assertEquals(new URL('file://localhost/x').host, '');
  assertThrows(() => new URL('http://'), 'TypeError');
  assertThrows(() => new URL('http://a:65536/'), 'TypeError');
  assertThrows(() => new URL('http://a:b/'), 'TypeError');
});

test('percent-encoding of path, query and fragment', () => {
  const u = new URL('http://a/ä b"<>?q=ä b"\'<>#f ä"<>`');
  assertEquals(u.pathname, '/%C3%A4%20b%22%3C%3E');
  assertEquals(u.search, '?q=%C3%A4%20b%22%27%3C%3E');
  assertEquals(u.hash, '#f%20%C3%A4%22%3C%3E%60');
  // Non-special URLs do not encode ' in the query.
  assertEquals(new URL("foo://a/?'").search, "?'");
  // Existing escapes are kept as they are.
  assertEquals(new URL('http://a/%41%zz').pathname, '/%41%zz');
});

test('whitespace and control characters are stripped', () => {
  assertEquals(new URL('  http://a/b  ').href, 'http://a/b');
  assertEquals(new URL('ht\ttp://a\n/b\r').href, 'http://a/b');
  assertEquals(new URL('\u0000http://a/\u001f').href, 'http://a/');
});

test('lone surrogates become U+FFFD', () => {
  assertEquals(new URL('http://a/\ud800').pathname, '/%EF%BF%BD');
  assertEquals(new URL('http://a/?\udc00').search, '?%EF%BF%BD');
});

test('invalid URLs throw TypeError', () => {
  for (const bad of ['', 'a', '/relative', 'http://a b', 'http://[', 'https://ex ample.org/', '//x']) {
    assertThrows(() => new URL(bad), 'TypeError', 'Invalid URL string.');
  }
  assertThrows(() => new URL('x', 'not a base'), 'TypeError', 'Invalid URL string.');
  assertThrows(() => new URL('http://a/', ''), 'TypeError'); // an empty base is not "no base"
  assertThrows(() => new URL(), 'TypeError');
  assertThrows(() => new URL(Symbol('s')), 'TypeError');
  assertEquals(new URL('http://a/', undefined).href, 'http://a/');
});

test('URL.canParse and URL.parse', () => {
  assertEquals(URL.canParse('http://a/'), true);
  assertEquals(URL.canParse('a'), false);
  assertEquals(URL.canParse('a', 'http://b/'), true);
  assertEquals(URL.canParse('a', 'b'), false);
  assertEquals(URL.parse('nope'), null);
  const u = URL.parse('../x', 'http://a/b/c');
  assert(u instanceof URL);
  assertEquals(u.href, 'http://a/x');
  assertThrows(() => URL.canParse(), 'TypeError');
  assertEquals(URL.parse.length, 1);
});

test('toString and toJSON return href', () => {
  const u = new URL('http://a/b?c#d');
  assertEquals(String(u), 'http://a/b?c#d');
  assertEquals(u.toJSON(), 'http://a/b?c#d');
  assertEquals(JSON.stringify({ u }), '{"u":"http://a/b?c#d"}');
  assertEquals(`${u}`, 'http://a/b?c#d');
});

test('href setter reparses and throws on invalid input', () => {
  const u = new URL('http://a/?x=1');
  const sp = u.searchParams;
  u.href = 'https://b/c?y=2#z';
  assertEquals(u.host, 'b');
  assertEquals(sp.get('y'), '2');
  assertEquals(sp.get('x'), null);
  assertThrows(() => { u.href = 'not a url'; }, 'TypeError');
  assertEquals(u.href, 'https://b/c?y=2#z');
});

test('protocol setter', () => {
  const u = new URL('http://a/');
  u.protocol = 'https';
  assertEquals(u.href, 'https://a/');
  u.protocol = 'wss:';
  assertEquals(u.href, 'wss://a/');
  u.protocol = 'foo'; // special → non-special is not allowed
  assertEquals(u.protocol, 'wss:');
  u.protocol = '1nvalid';
  assertEquals(u.protocol, 'wss:');
  const v = new URL('http://a:443/');
  assertEquals(v.port, '443');
  v.protocol = 'https';
  assertEquals(v.port, ''); // now the default port
  const w = new URL('foo://a/');
  w.protocol = 'http';
  assertEquals(w.protocol, 'foo:');
});

test('username and password setters', () => {
  const u = new URL('http://a/');
  u.username = 'us er';
  u.password = 'p@ss:w';
  assertEquals(u.href, 'http://us%20er:p%40ss%3Aw@a/');
  u.username = '';
  u.password = '';
  assertEquals(u.href, 'http://a/');
  const f = new URL('file:///x');
  f.username = 'x';
  assertEquals(f.href, 'file:///x');
  const m = new URL('mailto:a@b');
  m.password = 'x';
  assertEquals(m.href, 'mailto:a@b');
});

test('host, hostname and port setters', () => {
  const u = new URL('http://a:1/p');
  u.host = 'b:2';
  assertEquals(u.href, 'http://b:2/p');
  u.hostname = 'c';
  assertEquals(u.host, 'c:2');
  u.hostname = 'd:9'; // a ':' invalidates the whole value
  assertEquals(u.host, 'c:2');
  u.hostname = 'd';
  u.port = '80';
  assertEquals(u.host, 'd');
  u.port = '8080x';
  assertEquals(u.port, '8080');
  u.port = '';
  assertEquals(u.port, '');
  u.port = '99999';
  assertEquals(u.port, '');
  u.host = 'bad host';
  assertEquals(u.host, 'd');
  u.host = 'münchen.de';
  assertEquals(u.hostname, 'xn--mnchen-3ya.de');
  u.host = '0x7f.1';
  assertEquals(u.hostname, '127.0.0.1');
  const m = new URL('mailto:a@b');
  m.host = 'x';
  assertEquals(m.href, 'mailto:a@b');
});

test('pathname setter', () => {
  const u = new URL('http://a/b?c');
  u.pathname = 'x y/../z';
  assertEquals(u.href, 'http://a/z?c');
  u.pathname = '';
  assertEquals(u.pathname, '/');
  u.pathname = '/%2e%2E/q#?';
  assertEquals(u.pathname, '/q%23%3F');
  const f = new URL('foo://h/p');
  f.pathname = 'x';
  assertEquals(f.pathname, '/x');
  const d = new URL('data:text/plain,x');
  d.pathname = 'y';
  assertEquals(d.pathname, 'text/plain,x');
});

test('search and hash setters', () => {
  const u = new URL('http://a/b');
  u.search = 'q=1 2';
  assertEquals(u.href, 'http://a/b?q=1%202');
  u.search = '??x';
  assertEquals(u.search, '??x');
  u.search = '';
  assertEquals(u.href, 'http://a/b');
  u.hash = 'frag ment';
  assertEquals(u.hash, '#frag%20ment');
  u.hash = '#';
  assertEquals(u.hash, '');
  assertEquals(u.href, 'http://a/b#');
  u.hash = '';
  assertEquals(u.href, 'http://a/b');
});

test('searchParams is live in both directions', () => {
  const u = new URL('http://a/?a=1&b=2');
  const sp = u.searchParams;
  assert(sp === u.searchParams, 'same object every time');
  assertEquals(sp.get('a'), '1');
  u.search = '?c=3';
  assertEquals(sp.get('a'), null);
  assertEquals(sp.get('c'), '3');
  sp.set('c', '4 5');
  assertEquals(u.search, '?c=4+5');
  assertEquals(u.href, 'http://a/?c=4+5');
  sp.delete('c');
  assertEquals(u.href, 'http://a/'); // an empty list removes the query entirely
  assertEquals(u.search, '');
  sp.append('k', 'v');
  assertEquals(u.href, 'http://a/?k=v');
  u.href = 'http://b/?z=9';
  assertEquals([...sp], [['z', '9']]);
  u.search = '';
  assertEquals(sp.size, 0);
});

test('searchParams keeps the hash and encodes per the form serializer', () => {
  const u = new URL('http://a/p?x=%20+y#h');
  assertEquals(u.searchParams.get('x'), '  y');
  u.searchParams.sort();
  assertEquals(u.href, 'http://a/p?x=++y#h');
  u.searchParams.set('q', 'a&b=c/d~');
  assertEquals(u.search, '?x=++y&q=a%26b%3Dc%2Fd%7E');
});

test('searchParams on an opaque path strips trailing spaces when emptied', () => {
  const u = new URL('data:space    ?query');
  u.searchParams.delete('query');
  assertEquals(u.href, 'data:space');
});

test('brand checks and class shape', () => {
  const u = new URL('http://a/');
  assertEquals(Object.prototype.toString.call(u), '[object URL]');
  assertEquals(Object.keys(u), []);
  const href = Object.getOwnPropertyDescriptor(URL.prototype, 'href');
  assertThrows(() => href.get.call({}), 'TypeError', 'Illegal invocation');
  assertThrows(() => URL.prototype.toString.call({}), 'TypeError');
  assertEquals(URL.length, 1);
  u.extra = 1;
  assertEquals(u.extra, 1);
  class MyURL extends URL {}
  const m = new MyURL('http://x/');
  assert(m instanceof MyURL && m instanceof URL);
  assertEquals(m.host, 'x');
});
