// URLPattern behaviour. Uses only the jstest globals (and URL), so it also runs under workerd.

const COMPONENTS = ['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'];

function components(p) {
  const out = {};
  for (const c of COMPONENTS) out[c] = p[c];
  return out;
}

test('the class looks like a WebIDL interface', () => {
  assertEquals(typeof URLPattern, 'function');
  assertEquals(URLPattern.name, 'URLPattern');
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'URLPattern');
  assertEquals([desc.writable, desc.enumerable, desc.configurable], [true, false, true]);
  const p = new URLPattern({ pathname: '/a' });
  assertEquals(Object.prototype.toString.call(p), '[object URLPattern]');
  assertEquals(Object.keys(p), []);
  for (const name of [...COMPONENTS, 'hasRegExpGroups']) {
    const d = Object.getOwnPropertyDescriptor(URLPattern.prototype, name);
    assert(d && typeof d.get === 'function' && d.set === undefined, `${name} is a read-only accessor`);
    assertThrows(() => d.get.call({}), 'TypeError', 'Illegal invocation');
  }
  for (const name of ['test', 'exec']) {
    assertEquals(typeof URLPattern.prototype[name], 'function');
    assertThrows(() => URLPattern.prototype[name].call({}, '/'), 'TypeError', 'Illegal invocation');
  }
});

test('a constructor string fills the components, defaulting later ones to wildcards', () => {
  assertEquals(components(new URLPattern('https://example.com/:category/*')), {
    protocol: 'https', username: '*', password: '*', hostname: 'example.com', port: '',
    pathname: '/:category/*', search: '*', hash: '*',
  });
  assertEquals(components(new URLPattern('http{s}?://{:subdomain.}?shop.example/products/:id([0-9]+)#reviews')), {
    protocol: 'http{s}?', username: '*', password: '*', hostname: '{:subdomain.}?shop.example', port: '',
    pathname: '/products/:id([0-9]+)', search: '', hash: 'reviews',
  });
  assertEquals(components(new URLPattern('../admin/*', 'https://discussion.example/forum/?page=2')), {
    protocol: 'https', username: '*', password: '*', hostname: 'discussion.example', port: '',
    pathname: '/admin/*', search: '*', hash: '*',
  });
});

test('an init dictionary leaves missing components as wildcards', () => {
  const p = new URLPattern({ pathname: '/books/:id' });
  assertEquals(components(p), {
    protocol: '*', username: '*', password: '*', hostname: '*', port: '*', pathname: '/books/:id', search: '*', hash: '*',
  });
  const q = new URLPattern({ hostname: 'EXAMPLE.com', pathname: 'caf\u00e9', protocol: 'HTTPS:', search: '?q=a b', hash: '#x y' });
  assertEquals([q.protocol, q.hostname, q.pathname, q.search, q.hash], ['https', 'example.com', 'caf%C3%A9', 'q=a%20b', 'x%20y']);
  const r = new URLPattern({ pathname: 'baz', baseURL: 'https://example.com/foo/bar' });
  assertEquals([r.protocol, r.hostname, r.port, r.pathname, r.search, r.hash], ['https', 'example.com', '', '/foo/baz', '*', '*']);
  assertEquals(new URLPattern({ protocol: 'https', port: '443' }).port, '');
  assertEquals(new URLPattern().pathname, '*');
  assertEquals(new URLPattern(undefined).hostname, '*');
});

test('test() and exec() match URL strings', () => {
  const p = new URLPattern({ pathname: '/books/:id' });
  assert(p.test('https://example.com/books/123'));
  assert(!p.test('https://example.com/books/123/reviews'));
  assert(!p.test('https://example.com/books/'));
  assert(!p.test('not a url'));
  assert(p.test('/books/7', 'https://example.com'));
  assert(!p.test('/books/7', 'not a base'));
  const r = p.exec('https://user:pw@example.com:8080/books/123?x=1#frag');
  assertEquals(r.inputs, ['https://user:pw@example.com:8080/books/123?x=1#frag']);
  assertEquals(r.pathname, { input: '/books/123', groups: { id: '123' } });
  assertEquals(r.protocol, { input: 'https', groups: { 0: 'https' } });
  assertEquals(r.username, { input: 'user', groups: { 0: 'user' } });
  assertEquals(r.hostname, { input: 'example.com', groups: { 0: 'example.com' } });
  assertEquals(r.port, { input: '8080', groups: { 0: '8080' } });
  assertEquals(r.search, { input: 'x=1', groups: { 0: 'x=1' } });
  assertEquals(r.hash, { input: 'frag', groups: { 0: 'frag' } });
  assertEquals(p.exec('/books/9', 'https://example.com/').inputs, ['/books/9', 'https://example.com/']);
  assertEquals(p.exec('https://example.com/nope'), null);
});

test('test() and exec() match init dictionaries', () => {
  const p = new URLPattern({ hostname: '{*.}?example.com', pathname: '/api/:version/*' });
  assert(p.test({ hostname: 'api.example.com', pathname: '/api/v1/users' }));
  assert(!p.test({ hostname: 'example.org', pathname: '/api/v1/users' }));
  assert(p.test({ pathname: '/api/v2/x', baseURL: 'https://example.com' }));
  const r = p.exec({ hostname: 'a.b.example.com', pathname: '/api/v1/x/y' });
  assertEquals(r.inputs, [{ hostname: 'a.b.example.com', pathname: '/api/v1/x/y' }]);
  assertEquals(r.hostname.groups, { 0: 'a.b' });
  assertEquals(r.pathname.groups, { version: 'v1', 0: 'x/y' });
  // Components are canonicalized before matching; an init that does not canonicalize is no match.
  assert(new URLPattern({ pathname: '/caf%C3%A9' }).test({ pathname: '/caf\u00e9' }));
  assert(!p.test({ hostname: 'bad host', pathname: '/api/v1/x' }));
  assert(!new URLPattern({ port: '*' }).test({ port: 'seventy' }));
});

test('unmatched optional groups are undefined', () => {
  const p = new URLPattern({ pathname: '/products/:id?' });
  const r = p.exec({ pathname: '/products' });
  assert('id' in r.pathname.groups, 'the key is present');
  assertEquals(r.pathname.groups.id, undefined);
  assertEquals(p.exec({ pathname: '/products/5' }).pathname.groups, { id: '5' });
  const q = new URLPattern({ pathname: '*{}**?' }).exec({ pathname: 'foobar' });
  assertEquals(q.pathname.groups, { 0: 'foobar', 1: undefined });
});

test('modifiers and groups', () => {
  const p = new URLPattern({ pathname: '/files/:path+' });
  assertEquals(p.exec({ pathname: '/files/a/b/c' }).pathname.groups, { path: 'a/b/c' });
  assert(!p.test({ pathname: '/files' }));
  const q = new URLPattern({ pathname: '/files/:path*' });
  assert(q.test({ pathname: '/files' }));
  assertEquals(q.exec({ pathname: '/files/x' }).pathname.groups, { path: 'x' });
  const r = new URLPattern({ pathname: '/:a-:b.:ext' });
  assertEquals(r.exec({ pathname: '/x-y.png' }).pathname.groups, { a: 'x', b: 'y', ext: 'png' });
  assert(new URLPattern({ pathname: '/foo{/bar}?' }).test({ pathname: '/foo' }));
  assert(new URLPattern({ pathname: '/foo{/bar}?' }).test({ pathname: '/foo/bar' }));
});

test('regexp groups have JavaScript semantics', () => {
  const digits = new URLPattern({ pathname: '/posts/:id(\\d+)' });
  assert(digits.hasRegExpGroups);
  assert(digits.test({ pathname: '/posts/42' }));
  assert(!digits.test({ pathname: '/posts/abc' }));
  assert(!new URLPattern({ pathname: '/posts/:id' }).hasRegExpGroups);
  // Lookahead and lookbehind, which Go's RE2 lacks.
  const look = new URLPattern({ pathname: '/:name((?!admin)[a-z]+)' });
  assert(look.test({ pathname: '/alice' }));
  assert(!look.test({ pathname: '/admin' }));
  const behind = new URLPattern({ pathname: '/:x((?<=/)v\\d)' });
  assert(behind.test({ pathname: '/v2' }));
  // Alternation and an unnamed regexp group get numeric names.
  const alt = new URLPattern({ pathname: '/(en|fr)/:page' });
  assertEquals(alt.exec({ pathname: '/fr/home' }).pathname.groups, { 0: 'fr', page: 'home' });
  assertEquals(alt.pathname, '/(en|fr)/:page');
});

test('v-flag class syntax and Unicode property escapes work', () => {
  const minus = new URLPattern({ pathname: '/([[a-z]--a])' });
  assert(minus.test({ pathname: '/z' }));
  assert(!minus.test({ pathname: '/a' }));
  const and = new URLPattern({ pathname: '/([\\d&&[0-1]])' });
  assert(and.test({ pathname: '/0' }));
  assert(!and.test({ pathname: '/2' }));
  const letters = new URLPattern({ pathname: '/:slug(\\p{L}+)' });
  assert(letters.test({ pathname: '/abc' }));
  assert(letters.test('https://x.test/%C3%A9t%C3%A9'.replace(/%C3%A9/g, 'e')));
  assert(!letters.test({ pathname: '/a1' }));
  const notDigit = new URLPattern({ pathname: '/:x([\\P{Nd}--[\\/]]+)' });
  assert(notDigit.test({ pathname: '/abc' }));
  assert(!notDigit.test({ pathname: '/a1' }));
  assert(new URLPattern({ hostname: ':h(\\p{Script=Latin}+).test' }).test({ hostname: 'abc.test' }));
  // In v mode some punctuation must be escaped in classes.
  assertThrows(() => new URLPattern({ pathname: '/([(])' }), 'TypeError');
  assertThrows(() => new URLPattern({ pathname: '/([/])' }), 'TypeError');
  assertThrows(() => new URLPattern({ pathname: '/([a&&&b])' }), 'TypeError');
  assertThrows(() => new URLPattern({ pathname: '/(\\p{NoSuchProperty})' }), 'TypeError');
});

test('ignoreCase', () => {
  const p = new URLPattern({ pathname: '/Books/:id' }, { ignoreCase: true });
  assert(p.test({ pathname: '/books/1' }));
  assert(p.test({ pathname: '/BOOKS/1' }));
  assert(!new URLPattern({ pathname: '/Books/:id' }).test({ pathname: '/books/1' }));
  const q = new URLPattern('https://example.com/Foo', { ignoreCase: true });
  assert(q.test('https://example.com/foo'));
  const r = new URLPattern('/Foo', 'https://example.com', { ignoreCase: true });
  assert(r.test('https://example.com/FOO'));
  assert(!new URLPattern({ pathname: '/A' }, {}).test({ pathname: '/a' }), 'ignoreCase defaults to false');
  assert(!new URLPattern('/A', 'https://e.com', {}).test('https://e.com/a'));
  assert(new URLPattern({ pathname: '/A' }, { get ignoreCase() { return 1; } }).test({ pathname: '/a' }));
  assert(new URLPattern({ pathname: '/A' }, null).test({ pathname: '/A' }), 'null options are the defaults');
  // Protocol and hostname are canonicalized, not matched case-insensitively.
  assert(new URLPattern({ hostname: 'example.com' }).test({ hostname: 'EXAMPLE.COM' }));
});

test('invalid patterns and arguments throw TypeError', () => {
  const msg = 'Failed to construct URLPattern';
  assertThrows(() => new URLPattern('/relative/without/base'), 'TypeError', msg);
  assertThrows(() => new URLPattern({ pathname: '/:id(' }), 'TypeError', msg);
  assertThrows(() => new URLPattern({ pathname: '/(\\m)' }), 'TypeError', msg);
  assertThrows(() => new URLPattern({ pathname: '/:a/:a' }), 'TypeError', msg);
  assertThrows(() => new URLPattern({ pathname: '/(a' }), 'TypeError', msg);
  assertThrows(() => new URLPattern({ hostname: 'bad hostname' }), 'TypeError', msg);
  assertThrows(() => new URLPattern({ protocol: 'caf\u00e9' }), 'TypeError', msg);
  assertThrows(() => new URLPattern({ pathname: '/x' }, 'https://example.com'), 'TypeError', msg);
  assertThrows(() => new URLPattern({ baseURL: 'not a url' }), 'TypeError', msg);
  assertThrows(() => new URLPattern(Symbol('x')), 'TypeError');
  assertThrows(() => new URLPattern({ pathname: Symbol('x') }), 'TypeError');
  const p = new URLPattern({ pathname: '/' });
  assertThrows(() => p.test({ pathname: '/' }, 'https://example.com'), 'TypeError', 'Failed to test URLPattern');
  assertThrows(() => p.exec({ pathname: '/' }, 'https://example.com'), 'TypeError', 'Failed to exec URLPattern');
});

test('dictionary members are read once, in WebIDL order', () => {
  const seen = [];
  const init = {};
  for (const k of ['username', 'protocol', 'pathname', 'hash', 'baseURL', 'search', 'port', 'password', 'hostname']) {
    Object.defineProperty(init, k, { get() { seen.push(k); return undefined; }, enumerable: true });
  }
  new URLPattern(init);
  assertEquals(seen, ['baseURL', 'hash', 'hostname', 'password', 'pathname', 'port', 'protocol', 'search', 'username']);
  const toStr = { toString() { return '/from/toString'; } };
  assertEquals(new URLPattern({ pathname: toStr }).pathname, '/from/toString');
});

test('matching does not use user-replaceable RegExp methods', () => {
  const p = new URLPattern({ pathname: '/x/:id(\\d+)' });
  const exec = RegExp.prototype.exec;
  const Ctor = RegExp;
  try {
    RegExp.prototype.exec = () => { throw new Error('patched exec called'); };
    globalThis.RegExp = function () { throw new Error('patched RegExp called'); };
    assert(p.test({ pathname: '/x/1' }));
    assert(new URLPattern({ pathname: '/y/:n(\\d+)' }).test({ pathname: '/y/2' }));
  } finally {
    RegExp.prototype.exec = exec;
    globalThis.RegExp = Ctor;
  }
});

test('router-style use', () => {
  const routes = [
    [new URLPattern({ pathname: '/' }), 'home'],
    [new URLPattern({ pathname: '/users/:id' }), 'user'],
    [new URLPattern({ pathname: '/static/*' }), 'static'],
  ];
  const route = (url) => {
    for (const [p, name] of routes) {
      const m = p.exec(url);
      if (m) return [name, m.pathname.groups];
    }
    return null;
  };
  assertEquals(route('https://w.dev/'), ['home', {}]);
  assertEquals(route('https://w.dev/users/42?tab=posts'), ['user', { id: '42' }]);
  assertEquals(route('https://w.dev/static/css/site.css'), ['static', { 0: 'css/site.css' }]);
  assertEquals(route('https://w.dev/other'), null);
  assert(new URLPattern('https://*.example.com/*').test('https://cdn.example.com/a.js'));
  assert(!new URLPattern('https://*.example.com/*').test('https://example.com:8443/a.js'));
});

test('subclassing works', () => {
  class MyPattern extends URLPattern {
    matchesPath(p) { return this.test({ pathname: p }); }
  }
  const p = new MyPattern({ pathname: '/a/:b' });
  assert(p instanceof URLPattern);
  assert(p.matchesPath('/a/1'));
  assertEquals(p.pathname, '/a/:b');
});
