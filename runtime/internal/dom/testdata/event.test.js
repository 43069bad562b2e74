// Event, CustomEvent, ExtendableEvent.

test('Event constructor and init dictionary', () => {
  const e = new Event('foo');
  assertEquals([e.type, e.bubbles, e.cancelable, e.composed, e.defaultPrevented, e.isTrusted, e.timeStamp],
    ['foo', false, false, false, false, false, 0]);
  const f = new Event('bar', { bubbles: 1, cancelable: 'yes', composed: true });
  assertEquals([f.bubbles, f.cancelable, f.composed], [true, true, true]);
  assertEquals(new Event(null).type, 'null');
  assertThrows(() => new Event(), 'TypeError', '1 argument required');
  assertThrows(() => new Event('x', 5), 'TypeError');
  assertThrows(() => new Event(Symbol('s')), 'TypeError');
});

test('phase constants', () => {
  assertEquals([Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE], [0, 1, 2, 3]);
  assertEquals(new Event('x').AT_TARGET, 2);
});

test('preventDefault only cancels cancelable events', () => {
  const a = new Event('x');
  a.preventDefault();
  assertEquals([a.defaultPrevented, a.returnValue], [false, true]);
  const b = new Event('x', { cancelable: true });
  b.returnValue = false;
  assertEquals([b.defaultPrevented, b.returnValue], [true, false]);
});

test('cancelBubble can only be set', () => {
  const e = new Event('x');
  e.cancelBubble = true;
  assertEquals(e.cancelBubble, true);
  e.cancelBubble = false;
  assertEquals(e.cancelBubble, true);
});

test('members live on the prototype and check their receiver', () => {
  const e = new Event('x');
  assertEquals(Object.keys(e), []);
  assert('type' in Event.prototype);
  assertThrows(() => Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call({}), 'TypeError', 'Illegal invocation');
  assertEquals(Object.prototype.toString.call(e), '[object Event]');
  e.custom = 1;
  assertEquals(e.custom, 1);
});

test('Event can be subclassed', () => {
  class MyEvent extends Event {
    constructor(n) { super('my', { cancelable: true }); this.n = n; }
  }
  const t = new EventTarget();
  let got;
  t.addEventListener('my', (e) => { got = e.n; e.preventDefault(); });
  assertEquals(t.dispatchEvent(new MyEvent(7)), false);
  assertEquals(got, 7);
  assert(new MyEvent(1) instanceof Event);
});

test('CustomEvent carries detail', () => {
  const e = new CustomEvent('c', { detail: { a: 1 }, cancelable: true });
  assertEquals(e.detail, { a: 1 });
  assertEquals(e.cancelable, true);
  assertEquals(new CustomEvent('c').detail, null);
  assert(e instanceof Event);
  assertEquals(Object.getPrototypeOf(CustomEvent), Event);
  assertThrows(() => Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail').get.call(new Event('x')),
    'TypeError', 'Illegal invocation');
});

test('ExtendableEvent cannot be constructed from JS (workerd)', () => {
  assertThrows(() => new ExtendableEvent('x'), 'TypeError', 'Illegal constructor');
  assertEquals(Object.getPrototypeOf(ExtendableEvent.prototype), Event.prototype);
  assertEquals(typeof ExtendableEvent.prototype.waitUntil, 'function');
});
