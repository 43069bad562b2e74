// EventTarget behaviour (WHATWG DOM §2.7–2.10 with workerd's restrictions).

test('listeners run in registration order with this = target', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', function (e) { seen.push(['a', this === t, e.currentTarget === t]); });
  t.addEventListener('x', function () { seen.push(['b']); });
  t.addEventListener('y', () => seen.push(['other type']));
  assertEquals(t.dispatchEvent(new Event('x')), true);
  assertEquals(seen, [['a', true, true], ['b']]);
});

test('adding the same listener twice registers it once', () => {
  const t = new EventTarget();
  let n = 0;
  const fn = () => n++;
  t.addEventListener('x', fn);
  t.addEventListener('x', fn);
  t.addEventListener('x', fn, {});
  t.dispatchEvent(new Event('x'));
  assertEquals(n, 1);
  t.removeEventListener('x', fn);
  t.dispatchEvent(new Event('x'));
  assertEquals(n, 1);
});

test('once listeners run once', () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener('x', () => n++, { once: true });
  t.dispatchEvent(new Event('x'));
  t.dispatchEvent(new Event('x'));
  assertEquals(n, 1);
});

test('a once listener is removed before it runs, so re-dispatching inside it does not re-enter', () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener('x', () => { n++; t.dispatchEvent(new Event('x')); }, { once: true });
  t.dispatchEvent(new Event('x'));
  assertEquals(n, 1);
});

test('listener objects: handleEvent is looked up at each call, this is the object', () => {
  const t = new EventTarget();
  const calls = [];
  const obj = { handleEvent(e) { calls.push(['first', this === obj, e.type]); } };
  t.addEventListener('x', obj);
  t.dispatchEvent(new Event('x'));
  obj.handleEvent = function () { calls.push(['second']); };
  t.dispatchEvent(new Event('x'));
  assertEquals(calls, [['first', true, 'x'], ['second']]);
  t.removeEventListener('x', obj);
  t.dispatchEvent(new Event('x'));
  assertEquals(calls.length, 2);
});

test('a throwing listener does not stop the others or the dispatch', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', () => { seen.push(1); throw new Error('boom'); });
  t.addEventListener('x', { handleEvent: 42 });
  t.addEventListener('x', () => seen.push(2));
  assertEquals(t.dispatchEvent(new Event('x')), true);
  assertEquals(seen, [1, 2]);
});

test('stopImmediatePropagation stops the remaining listeners', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', (e) => { seen.push(1); e.stopImmediatePropagation(); });
  t.addEventListener('x', () => seen.push(2));
  t.dispatchEvent(new Event('x'));
  assertEquals(seen, [1]);
  // The flags are cleared when the dispatch ends.
  const e = new Event('x');
  t.dispatchEvent(e);
  assertEquals(seen, [1, 1]);
});

test('stopPropagation before dispatch skips every listener once', () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener('x', () => n++);
  const e = new Event('x');
  e.stopPropagation();
  assertEquals(e.cancelBubble, true);
  t.dispatchEvent(e);
  assertEquals(n, 0);
  assertEquals(e.cancelBubble, false);
  t.dispatchEvent(e);
  assertEquals(n, 1);
});

test('listeners removed during dispatch do not run; added ones wait for the next dispatch', () => {
  const t = new EventTarget();
  const seen = [];
  const b = () => seen.push('b');
  const late = () => seen.push('late');
  t.addEventListener('x', () => { seen.push('a'); t.removeEventListener('x', b); t.addEventListener('x', late); });
  t.addEventListener('x', b);
  t.dispatchEvent(new Event('x'));
  assertEquals(seen, ['a']);
  t.dispatchEvent(new Event('x'));
  assertEquals(seen, ['a', 'a', 'late']);
});

test('dispatching an event that is being dispatched throws InvalidStateError', () => {
  const t = new EventTarget();
  let inner;
  t.addEventListener('x', (e) => {
    inner = assertThrows(() => t.dispatchEvent(e), 'InvalidStateError', 'already being dispatched');
  });
  t.dispatchEvent(new Event('x'));
  assert(inner instanceof DOMException);
  assertEquals(inner.code, 11);
});

test('dispatchEvent returns false when a cancelable event is canceled', () => {
  const t = new EventTarget();
  t.addEventListener('x', (e) => e.preventDefault());
  assertEquals(t.dispatchEvent(new Event('x', { cancelable: true })), false);
  assertEquals(t.dispatchEvent(new Event('x')), true);
});

test('workerd: a listener returning true cancels the event', () => {
  const t = new EventTarget();
  t.addEventListener('x', () => true);
  const e = new Event('x', { cancelable: true });
  assertEquals(t.dispatchEvent(e), false);
  assertEquals(e.defaultPrevented, true);
});

test('the signal option removes the listener on abort', () => {
  const t = new EventTarget();
  const ac = new AbortController();
  let n = 0;
  t.addEventListener('x', () => n++, { signal: ac.signal });
  t.dispatchEvent(new Event('x'));
  ac.abort();
  t.dispatchEvent(new Event('x'));
  assertEquals(n, 1);
  // An already aborted signal adds nothing.
  t.addEventListener('x', () => n++, { signal: AbortSignal.abort() });
  t.dispatchEvent(new Event('x'));
  assertEquals(n, 1);
});

test('a listener can be re-added after its signal removed it', () => {
  const t = new EventTarget();
  const ac = new AbortController();
  let n = 0;
  const fn = () => n++;
  t.addEventListener('x', fn, { signal: ac.signal });
  t.removeEventListener('x', fn);
  t.addEventListener('x', fn);
  ac.abort();
  t.dispatchEvent(new Event('x'));
  assertEquals(n, 1);
});

test('options are validated like workerd', () => {
  const t = new EventTarget();
  const fn = () => {};
  assertThrows(() => t.addEventListener('x', fn, true), 'TypeError', 'useCapture must be false');
  assertThrows(() => t.addEventListener('x', fn, { capture: true }), 'TypeError', 'options.capture must be false');
  assertThrows(() => t.addEventListener('x', fn, { passive: true }), 'TypeError', 'options.passive must be false');
  assertThrows(() => t.addEventListener('x', fn, { signal: {} }), 'TypeError', 'AbortSignal');
  assertThrows(() => t.removeEventListener('x', fn, true), 'TypeError', 'useCapture must be false');
  assertThrows(() => t.addEventListener('x', 5), 'TypeError');
  assertThrows(() => t.addEventListener('x'), 'TypeError', '2 arguments required');
  t.addEventListener('x', fn, false);
  t.addEventListener('x', null);
  t.removeEventListener('x', undefined);
});

test('methods check their receiver', () => {
  assertThrows(() => EventTarget.prototype.addEventListener.call({}, 'x', () => {}), 'TypeError', 'Illegal invocation');
  assertThrows(() => new EventTarget().dispatchEvent({ type: 'x' }), 'TypeError', "not of type 'Event'");
});

test('EventTarget can be subclassed', () => {
  class Emitter extends EventTarget {
    constructor() { super(); this.count = 0; }
    fire() { this.dispatchEvent(new Event('tick')); }
  }
  const em = new Emitter();
  em.addEventListener('tick', function () { this.count++; });
  em.fire();
  em.fire();
  assertEquals(em.count, 2);
  assert(em instanceof EventTarget);
  assertEquals(Object.prototype.toString.call(new EventTarget()), '[object EventTarget]');
});

test('event state during and after dispatch', () => {
  const t = new EventTarget();
  const e = new Event('x');
  let during;
  t.addEventListener('x', (ev) => {
    during = [ev.eventPhase, ev.target === t, ev.currentTarget === t, ev.srcElement === t, ev.composedPath().length];
  });
  assertEquals([e.eventPhase, e.target, e.currentTarget, e.composedPath().length], [0, null, null, 0]);
  t.dispatchEvent(e);
  assertEquals(during, [Event.AT_TARGET, true, true, true, 1]);
  assertEquals([e.eventPhase, e.target === t, e.currentTarget, e.composedPath().length], [0, true, null, 0]);
  assertEquals(e.isTrusted, false);
});
