// Thing is a Go-backed class defined by class_test.go: new Thing(v) stores v in Go state,
// `value` is a prototype accessor, `twice()` a method, Thing.make(v) a static.

test('instances have no own properties', () => {
  const t = new Thing('a');
  assertEquals(Object.keys(t), []);
  assertEquals(Object.getOwnPropertyNames(t), []);
  assertEquals({ ...t }, {});
});

test('prototype members follow WebIDL', () => {
  const d = Object.getOwnPropertyDescriptor(Thing.prototype, 'value');
  assert(typeof d.get === 'function' && d.enumerable && d.configurable, 'accessor flags');
  const m = Object.getOwnPropertyDescriptor(Thing.prototype, 'twice');
  assert(m.writable && m.enumerable && m.configurable, 'method flags');
  assertEquals(Thing.prototype.twice.name, 'twice');
  assertEquals(Thing.prototype.twice.length, 0);
  const c = Object.getOwnPropertyDescriptor(Thing.prototype, 'constructor');
  assert(c.writable && !c.enumerable && c.configurable, 'constructor flags');
  const g = Object.getOwnPropertyDescriptor(globalThis, 'Thing');
  assert(g.writable && !g.enumerable && g.configurable, 'global flags');
  assertEquals(Object.prototype.toString.call(new Thing('x')), '[object Thing]');
});

test('accessors and methods read Go state', () => {
  const t = new Thing('ab');
  assertEquals(t.value, 'ab');
  assertEquals(t.twice(), 'abab');
  assertEquals(Thing.make('z').value, 'z');
});

test('user properties are kept in order and deletable', () => {
  const t = new Thing('a');
  t.params = { id: 1 };
  t.query = 'q';
  assertEquals(Object.keys(t), ['params', 'query']);
  assertEquals({ ...t }, { params: { id: 1 }, query: 'q' });
  delete t.params;
  assertEquals(Object.keys(t), ['query']);
});

test('brand checks', () => {
  assertThrows(() => Thing.prototype.twice.call({}), 'TypeError', 'Illegal invocation');
  assertThrows(() => Object.getOwnPropertyDescriptor(Thing.prototype, 'value').get.call(new Map()), 'TypeError', 'Illegal invocation');
  assertThrows(() => Thing.call({}, 'x'), 'TypeError', "Please use the 'new' operator");
  assertThrows(() => new Hidden(), 'TypeError', 'Illegal constructor');
});

test('subclasses get their own prototype', () => {
  class Sub extends Thing { extra() { return 'x' + this.value; } }
  const s = new Sub('y');
  assert(s instanceof Sub && s instanceof Thing, 'instanceof');
  assertEquals(s.extra(), 'xy');
});

test('thrown messages are not format strings', () => {
  assertThrows(() => Thing.make('%d %s'), 'TypeError', 'bad value %d %s');
});
