// ReadableStream, default readers and controllers.

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

test('globals have the WebIDL shape', async () => {
  for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
    'ReadableStreamDefaultController', 'ReadableByteStreamController', 'WritableStream',
    'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream',
    'TransformStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
    'IdentityTransformStream', 'FixedLengthStream']) {
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    assert(d && typeof d.value === 'function', `${name} is a global`);
    assert(d.writable && d.configurable && !d.enumerable, `${name} property attributes`);
    assertEquals(Object.prototype.toString.call(d.value.prototype), `[object ${name}]`);
  }
  assertEquals(Object.prototype.toString.call(new ReadableStream()), '[object ReadableStream]');
  const proto = ReadableStream.prototype;
  assert(Object.getOwnPropertyDescriptor(proto, 'getReader').enumerable, 'methods are enumerable');
  assertEquals(proto.getReader.length, 0);
  assertEquals(proto.pipeTo.length, 1);
  assertEquals(proto.pipeThrough.length, 1);
  assertEquals(proto.cancel.length, 0);
  assertEquals(ReadableStream.from.length, 1);
  assertEquals(ReadableStream.length, 0);
  assertEquals(ReadableStreamDefaultReader.length, 1);
  assert(proto[Symbol.asyncIterator] === proto.values, '@@asyncIterator is values');
  assert(Symbol.asyncIterator === Symbol.for('Symbol.asyncIterator'), 'the shim symbol is used');
});

test('constructor argument checks', async () => {
  assertThrows(() => ReadableStream(), TypeError);
  assertThrows(() => new ReadableStream(5), TypeError);
  assertThrows(() => new ReadableStream({ start: 5 }), TypeError, 'start');
  assertThrows(() => new ReadableStream({ pull: 'x' }), TypeError, 'pull');
  assertThrows(() => new ReadableStream({ type: 'nope' }), TypeError, 'nope');
  assertThrows(() => new ReadableStream({}, { highWaterMark: -1 }), RangeError);
  assertThrows(() => new ReadableStream({}, { highWaterMark: NaN }), RangeError);
  assertThrows(() => new ReadableStream({}, { size: 1 }), TypeError);
  assertThrows(() => new ReadableStream({ type: 'bytes' }, { size() { return 1; } }), RangeError);
  assertThrows(() => new ReadableStreamDefaultController(), TypeError, 'Illegal constructor');
  assertThrows(() => new ReadableStreamDefaultReader({}), TypeError);
  const boom = new Error('boom');
  assertThrows(() => new ReadableStream({ start() { throw boom; } }), Error, 'boom');
  new ReadableStream(null);
  new ReadableStream(undefined, null);
});

test('brand checks throw Illegal invocation', async () => {
  const rs = new ReadableStream();
  assertThrows(() => ReadableStream.prototype.getReader.call({}), TypeError, 'Illegal invocation');
  assertThrows(() => Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').get.call({}), TypeError, 'Illegal invocation');
  await assertRejects(ReadableStream.prototype.cancel.call({}), TypeError, 'Illegal invocation');
  await assertRejects(ReadableStream.prototype.pipeTo.call(rs.getReader(), new WritableStream()), TypeError, 'Illegal invocation');
  await assertRejects(ReadableStreamDefaultReader.prototype.read.call(rs), TypeError, 'Illegal invocation');
  let controller;
  new ReadableStream({ start(c) { controller = c; } });
  assertThrows(() => controller.enqueue.call({}, 1), TypeError, 'Illegal invocation');
  assertThrows(() => WritableStream.prototype.getWriter.call(rs), TypeError, 'Illegal invocation');
});

test('enqueue over time is read in order', async () => {
  const rs = new ReadableStream({
    start(c) {
      let i = 0;
      const tick = () => {
        if (i === 5) {
          c.close();
          return;
        }
        c.enqueue(`chunk${i++}`);
        setTimeout(tick, 10);
      };
      setTimeout(tick, 10);
    },
  });
  assertEquals(await readAll(rs), ['chunk0', 'chunk1', 'chunk2', 'chunk3', 'chunk4']);
});

test('reads that wait are fulfilled by later enqueues', async () => {
  let c;
  const rs = new ReadableStream({ start(ctrl) { c = ctrl; } });
  const reader = rs.getReader();
  const r1 = reader.read();
  const r2 = reader.read();
  const r3 = reader.read();
  c.enqueue('a');
  c.enqueue('b');
  c.close();
  assertEquals(await r1, { value: 'a', done: false });
  assertEquals(await r2, { value: 'b', done: false });
  assertEquals(await r3, { value: undefined, done: true });
  assertEquals(await reader.read(), { value: undefined, done: true });
  await reader.closed;
});

test('pull respects highWaterMark', async () => {
  let pulls = 0;
  let next = 0;
  const rs = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(next++);
    },
  }, { highWaterMark: 3 });
  await delay(0);
  assertEquals(pulls, 3, 'pulled until the queue reached the high-water mark');
  const reader = rs.getReader();
  assertEquals(await reader.read(), { value: 0, done: false });
  await delay(0);
  assertEquals(pulls, 4, 'one more pull after one read');
  await reader.read();
  await reader.read();
  await delay(0);
  assertEquals(pulls, 6);
});

test('pull is not called again while its promise is pending', async () => {
  let pulls = 0;
  let release;
  const rs = new ReadableStream({
    pull(c) {
      pulls++;
      return new Promise((resolve) => {
        release = () => {
          c.enqueue(pulls);
          resolve();
        };
      });
    },
  }, { highWaterMark: 0 });
  await delay(0);
  assertEquals(pulls, 0, 'highWaterMark 0 means no pull before a read');
  const reader = rs.getReader();
  const r1 = reader.read();
  const r2 = reader.read();
  await delay(0);
  assertEquals(pulls, 1, 'only one pull in flight');
  release();
  assertEquals(await r1, { value: 1, done: false });
  await delay(0);
  assertEquals(pulls, 2);
  release();
  assertEquals(await r2, { value: 2, done: false });
});

test('desiredSize tracks the queue with a size function', async () => {
  let c;
  new ReadableStream({ start(ctrl) { c = ctrl; } }, { highWaterMark: 10, size: (chunk) => chunk.length });
  assertEquals(c.desiredSize, 10);
  c.enqueue('abcd');
  assertEquals(c.desiredSize, 6);
  c.enqueue('abcdefgh');
  assertEquals(c.desiredSize, -2);
  c.close();
  assertEquals(c.desiredSize, -2, 'still queued after close');
});

test('a throwing size function errors the stream', async () => {
  let c;
  const rs = new ReadableStream({ start(ctrl) { c = ctrl; } }, { size() { throw new RangeError('bad size'); } });
  assertThrows(() => c.enqueue('x'), RangeError, 'bad size');
  await assertRejects(rs.getReader().read(), RangeError, 'bad size');
  let c2;
  const rs2 = new ReadableStream({ start(ctrl) { c2 = ctrl; } }, { size() { return -1; } });
  assertThrows(() => c2.enqueue('x'), RangeError);
  await assertRejects(rs2.getReader().closed, RangeError);
});

test('cancel propagates to the source with the reason', async () => {
  let cancelReason;
  let c;
  const rs = new ReadableStream({
    start(ctrl) { c = ctrl; ctrl.enqueue('queued'); },
    cancel(reason) { cancelReason = reason; },
  });
  const result = await rs.cancel('no thanks');
  assertEquals(result, undefined);
  assertEquals(cancelReason, 'no thanks');
  assertThrows(() => c.enqueue('late'), TypeError);
  assertEquals(await rs.getReader().read(), { value: undefined, done: true }, 'canceled stream is closed');
});

test('cancel through a reader resolves pending reads as done', async () => {
  let reason;
  const rs = new ReadableStream({ cancel(r) { reason = r; return delay(5); } });
  const reader = rs.getReader();
  const pending = reader.read();
  await reader.cancel('stop');
  assertEquals(reason, 'stop');
  assertEquals(await pending, { value: undefined, done: true });
  await reader.closed;
});

test('a rejected cancel rejects', async () => {
  const rs = new ReadableStream({ cancel() { throw new Error('cannot cancel'); } });
  await assertRejects(rs.cancel(), Error, 'cannot cancel');
});

test('controller.error rejects reads with the stored error', async () => {
  let c;
  const rs = new ReadableStream({ start(ctrl) { c = ctrl; } });
  const reader = rs.getReader();
  const pending = reader.read();
  const err = new Error('source failed');
  c.error(err);
  await assertRejects(pending, Error, 'source failed');
  await assertRejects(reader.read(), Error, 'source failed');
  await assertRejects(reader.closed, Error, 'source failed');
  assert((await reader.closed.catch((e) => e)) === err, 'same error object');
  await assertRejects(reader.cancel(), Error, 'source failed');
  assertEquals(c.desiredSize, null);
});

test('errors from start and pull error the stream', async () => {
  const rs1 = new ReadableStream({ start() { return Promise.reject(new Error('start failed')); } });
  await assertRejects(rs1.getReader().read(), Error, 'start failed');
  const rs2 = new ReadableStream({ pull() { throw new TypeError('pull failed'); } });
  await assertRejects(rs2.getReader().read(), TypeError, 'pull failed');
});

test('enqueue and close after close throw TypeError', async () => {
  let c;
  const rs = new ReadableStream({ start(ctrl) { c = ctrl; } });
  c.enqueue(1);
  c.close();
  assertThrows(() => c.enqueue(2), TypeError);
  assertThrows(() => c.close(), TypeError);
  assertEquals(await readAll(rs), [1]);
  c.error(new Error('ignored once closed'));
});

test('error after close() but before the queue drained still errors', async () => {
  let c;
  const rs = new ReadableStream({ start(ctrl) { c = ctrl; } });
  c.enqueue(1);
  c.close();
  c.error(new Error('late error'));
  await assertRejects(rs.getReader().read(), Error, 'late error');
});

test('locked stream errors', async () => {
  const rs = new ReadableStream();
  assert(!rs.locked, 'not locked');
  const reader = rs.getReader();
  assert(rs.locked, 'locked');
  assertThrows(() => rs.getReader(), TypeError, 'ReadableStream is currently locked to a reader.');
  assertThrows(() => new ReadableStreamDefaultReader(rs), TypeError, 'locked');
  await assertRejects(rs.cancel(), TypeError, 'locked');
  await assertRejects(rs.pipeTo(new WritableStream()), TypeError, 'locked');
  assertThrows(() => rs.pipeThrough(new TransformStream()), TypeError, 'locked');
  assertThrows(() => rs.tee(), TypeError, 'locked');
  assertThrows(() => rs.values(), TypeError, 'locked');
  reader.releaseLock();
  assert(!rs.locked, 'unlocked after releaseLock');
  rs.getReader();
});

test('releaseLock rejects pending reads and closed', async () => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  const r1 = reader.read();
  const r2 = reader.read();
  const closed = reader.closed;
  reader.releaseLock();
  await assertRejects(r1, TypeError);
  await assertRejects(r2, TypeError);
  await assertRejects(closed, TypeError);
  await assertRejects(reader.read(), TypeError, 'released');
  await assertRejects(reader.cancel(), TypeError, 'released');
  reader.releaseLock(); // a no-op the second time
  const reader2 = rs.getReader();
  assert(reader2.closed !== closed, 'new reader, new closed promise');
});

test('releaseLock on a closed stream replaces closed with a rejection', async () => {
  const rs = new ReadableStream({ start(c) { c.close(); } });
  const reader = rs.getReader();
  await reader.closed;
  reader.releaseLock();
  await assertRejects(reader.closed, TypeError);
});

test('getReader options', async () => {
  const rs = new ReadableStream();
  assertThrows(() => rs.getReader({ mode: 'nope' }), TypeError);
  assertThrows(() => rs.getReader({ mode: 'byob' }), TypeError, 'byte source');
  assert(rs.getReader({ mode: undefined }) instanceof ReadableStreamDefaultReader, 'default reader');
});

test('disturbed and locked through the internal view', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); } });
  const rs2 = new ReadableStream();
  if (typeof internal === 'undefined') return;
  assert(!internal.isDisturbed(rs), 'fresh stream is not disturbed');
  const reader = rs.getReader();
  assert(internal.isLocked(rs), 'locked');
  assert(!internal.isDisturbed(rs), 'getReader does not disturb');
  await reader.read();
  assert(internal.isDisturbed(rs), 'read disturbs');
  await rs2.cancel();
  assert(internal.isDisturbed(rs2), 'cancel disturbs');
});

test('a chunk read while closing still arrives before done', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('x'); c.enqueue('y'); c.close(); } });
  const reader = rs.getReader();
  let closedFirst = false;
  reader.closed.then(() => { closedFirst = true; });
  assertEquals(await reader.read(), { value: 'x', done: false });
  assert(!closedFirst, 'not closed while chunks remain');
  assertEquals(await reader.read(), { value: 'y', done: false });
  await reader.closed;
  assertEquals(await reader.read(), { value: undefined, done: true });
});

test('underlying source methods are called with the source as this', async () => {
  const seen = [];
  const source = {
    start(c) { seen.push(['start', this === source, c instanceof ReadableStreamDefaultController]); },
    pull(c) { seen.push(['pull', this === source]); c.close(); },
    cancel() {},
  };
  const rs = new ReadableStream(source);
  await readAll(rs);
  assertEquals(seen, [['start', true, true], ['pull', true]]);
});

test('queuing strategies', async () => {
  const cqs = new CountQueuingStrategy({ highWaterMark: 4 });
  assertEquals(cqs.highWaterMark, 4);
  assertEquals(cqs.size(), 1);
  assert(cqs.size === new CountQueuingStrategy({ highWaterMark: 1 }).size, 'one shared size function');
  const blqs = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
  assertEquals(blqs.size(new Uint8Array(5)), 5);
  assertThrows(() => new CountQueuingStrategy(), TypeError);
  assertThrows(() => new CountQueuingStrategy({}), TypeError, 'highWaterMark');
  assertEquals(Object.prototype.toString.call(blqs), '[object ByteLengthQueuingStrategy]');
  let c;
  new ReadableStream({ start(ctrl) { c = ctrl; } }, blqs);
  c.enqueue(new Uint8Array(10));
  assertEquals(c.desiredSize, 6);
  let c2;
  new ReadableStream({ start(ctrl) { c2 = ctrl; } }, cqs);
  c2.enqueue('a');
  assertEquals(c2.desiredSize, 3);
});

test('many queued chunks drain without deep recursion', async () => {
  const N = 20000;
  const rs = new ReadableStream({ start(c) { for (let i = 0; i < N; i++) c.enqueue(i); c.close(); } });
  const reader = rs.getReader();
  let sum = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    sum += value;
  }
  assertEquals(sum, (N * (N - 1)) / 2);
});
