// AbortController and AbortSignal (WHATWG DOM §3.1–3.2, workerd wording).

test('abort() with no reason uses an AbortError DOMException', () => {
  const ac = new AbortController();
  const s = ac.signal;
  assertEquals([s.aborted, s.reason], [false, undefined]);
  s.throwIfAborted();
  ac.abort();
  assertEquals(s.aborted, true);
  assert(s.reason instanceof DOMException);
  assertEquals([s.reason.name, s.reason.message, s.reason.code], ['AbortError', 'The operation was aborted', 20]);
  const thrown = assertThrows(() => s.throwIfAborted(), 'AbortError');
  assertEquals(thrown, s.reason);
});

test('abort(reason) keeps the reason as given, and only the first abort counts', () => {
  const ac = new AbortController();
  const reason = { why: 'because' };
  ac.abort(reason);
  ac.abort('second');
  assert(ac.signal.reason === reason);
  let thrown;
  try { ac.signal.throwIfAborted(); } catch (e) { thrown = e; }
  assert(thrown === reason);
  const ac2 = new AbortController();
  ac2.abort(0);
  assertEquals(ac2.signal.reason, 0);
});

test('the abort event fires once, trusted, with onabort in its list position', () => {
  const ac = new AbortController();
  const seen = [];
  ac.signal.addEventListener('abort', (e) => seen.push(['first', e.isTrusted, e.type, ac.signal.aborted]));
  ac.signal.onabort = (e) => seen.push(['onabort', e.target === ac.signal]);
  ac.signal.addEventListener('abort', () => seen.push(['last']));
  ac.signal.onabort = function () { seen.push(['onabort replaced', this === ac.signal]); };
  ac.abort();
  ac.abort();
  assertEquals(seen, [['first', true, 'abort', true], ['onabort replaced', true], ['last']]);
});

test('onabort accepts objects, treats other values as null', () => {
  const s = new AbortController().signal;
  assertEquals(s.onabort, null);
  const fn = () => {};
  s.onabort = fn;
  assert(s.onabort === fn);
  s.onabort = 'nope';
  assertEquals(s.onabort, null);
  const obj = {};
  s.onabort = obj;
  assert(s.onabort === obj);
});

test('a throwing abort listener does not stop abort()', () => {
  const ac = new AbortController();
  let after = false;
  ac.signal.addEventListener('abort', () => { throw new Error('listener'); });
  ac.signal.addEventListener('abort', () => { after = true; });
  ac.abort();
  assert(after);
});

test('AbortSignal is not constructible; it is an EventTarget', () => {
  assertThrows(() => new AbortSignal(), 'TypeError', 'Illegal constructor');
  const s = new AbortController().signal;
  assert(s instanceof AbortSignal);
  assert(s instanceof EventTarget);
  assertEquals(Object.getPrototypeOf(AbortSignal), EventTarget);
  assertEquals(Object.prototype.toString.call(s), '[object AbortSignal]');
  assertThrows(() => Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get.call(new EventTarget()),
    'TypeError', 'Illegal invocation');
});

test('AbortSignal.abort()', () => {
  const s = AbortSignal.abort();
  assertEquals([s.aborted, s.reason.name, s.reason.message], [true, 'AbortError', 'The operation was aborted']);
  assertEquals(AbortSignal.abort('r').reason, 'r');
});

test('AbortSignal.timeout aborts with a TimeoutError', async () => {
  const s = AbortSignal.timeout(50);
  assertEquals(s.aborted, false);
  const e = await new Promise((resolve) => s.addEventListener('abort', resolve));
  assertEquals(e.type, 'abort');
  assertEquals(s.aborted, true);
  assert(s.reason instanceof DOMException);
  assertEquals([s.reason.name, s.reason.message, s.reason.code], ['TimeoutError', 'The operation was aborted due to timeout', 23]);
});

test('AbortSignal.any follows the first source to abort', () => {
  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  const order = [];
  a.signal.addEventListener('abort', () => order.push(['a', any.aborted]));
  any.addEventListener('abort', () => order.push(['any', any.reason]));
  assertEquals(any.aborted, false);
  a.abort('ra');
  b.abort('rb');
  // The dependent already carries the reason while the source's listeners run.
  assertEquals(order, [['a', true], ['any', 'ra']]);
  assertEquals(any.reason, 'ra');
});

test('AbortSignal.any with an aborted source is aborted at once', () => {
  const any = AbortSignal.any([new AbortController().signal, AbortSignal.abort('early')]);
  assertEquals([any.aborted, any.reason], [true, 'early']);
  const none = AbortSignal.any([]);
  assertEquals(none.aborted, false);
});

test('AbortSignal.any flattens dependent signals onto their sources', () => {
  const a = new AbortController();
  const inner = AbortSignal.any([a.signal]);
  const outer = AbortSignal.any([inner]);
  let innerFired = 0;
  let outerFired = 0;
  inner.onabort = () => innerFired++;
  outer.onabort = () => outerFired++;
  a.abort('x');
  assertEquals([inner.reason, outer.reason, innerFired, outerFired], ['x', 'x', 1, 1]);
});

test('AbortSignal.any accepts iterables and checks its elements', () => {
  const a = new AbortController();
  const any = AbortSignal.any(new Set([a.signal]));
  a.abort();
  assert(any.aborted);
  assertThrows(() => AbortSignal.any([{}]), 'TypeError');
  assertThrows(() => AbortSignal.any(5), 'TypeError');
});

test('controller members check their receiver', () => {
  assertThrows(() => AbortController.prototype.abort.call({}), 'TypeError', 'Illegal invocation');
  assertEquals(Object.prototype.toString.call(new AbortController()), '[object AbortController]');
});
