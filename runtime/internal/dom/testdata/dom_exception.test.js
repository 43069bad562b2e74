// DOMException (WebIDL §3.14.1).

test('defaults', () => {
  const e = new DOMException();
  assertEquals([e.name, e.message, e.code], ['Error', '', 0]);
});

test('name, message and legacy code', () => {
  const cases = [
    ['IndexSizeError', 1], ['InvalidCharacterError', 5], ['NotFoundError', 8], ['NotSupportedError', 9],
    ['InvalidStateError', 11], ['SyntaxError', 12], ['InvalidAccessError', 15], ['SecurityError', 18],
    ['NetworkError', 19], ['AbortError', 20], ['QuotaExceededError', 22], ['TimeoutError', 23],
    ['DataCloneError', 25], ['DataError', 0], ['OperationError', 0], ['EncodingError', 0], ['Custom', 0],
  ];
  for (const [name, code] of cases) {
    const e = new DOMException('msg', name);
    assertEquals([e.name, e.message, e.code], [name, 'msg', code], name);
  }
  assertEquals(new DOMException(undefined, undefined).name, 'Error');
  assertEquals(new DOMException(null, null).message, 'null');
});

test('constants on the constructor and the prototype', () => {
  assertEquals([DOMException.INDEX_SIZE_ERR, DOMException.ABORT_ERR, DOMException.TIMEOUT_ERR, DOMException.DATA_CLONE_ERR],
    [1, 20, 23, 25]);
  assertEquals(new DOMException().INVALID_STATE_ERR, 11);
  const d = Object.getOwnPropertyDescriptor(DOMException, 'ABORT_ERR');
  assertEquals([d.writable, d.enumerable, d.configurable], [false, true, false]);
});

test('is an Error', () => {
  const e = new DOMException('went wrong', 'AbortError');
  assert(e instanceof DOMException);
  assert(e instanceof Error);
  assertEquals(Object.getPrototypeOf(DOMException.prototype), Error.prototype);
  assertEquals(String(e), 'AbortError: went wrong');
  assertEquals(Object.prototype.toString.call(e), '[object DOMException]');
  assertEquals(typeof e.stack, 'string');
  assert(e.stack.indexOf('AbortError: went wrong') === 0, e.stack);
  assert(Object.prototype.hasOwnProperty.call(e, 'stack'));
  assertEquals(Object.keys(e), []);
});

test('can be thrown and caught', () => {
  const e = assertThrows(() => { throw new DOMException('bad', 'SyntaxError'); }, 'SyntaxError', 'bad');
  assertEquals(e.code, 12);
});

test('can be subclassed', () => {
  class MyException extends DOMException {
    constructor() { super('sub', 'NotFoundError'); }
  }
  const e = new MyException();
  assert(e instanceof DOMException);
  assertEquals([e.name, e.message, e.code], ['NotFoundError', 'sub', 8]);
});

test('getters check their receiver', () => {
  assertThrows(() => Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.call(new Error('x')),
    'TypeError', 'Illegal invocation');
});
