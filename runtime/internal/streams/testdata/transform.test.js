// TransformStream.

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

test('without a transformer it is the identity', async () => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  writer.write('a');
  writer.write({ b: 1 });
  writer.close();
  assertEquals(await readAll(ts.readable), ['a', { b: 1 }]);
});

test('flush runs after the last chunk and may enqueue', async () => {
  const log = [];
  const ts = new TransformStream({
    transform(chunk, c) { log.push(`t:${chunk}`); c.enqueue(chunk * 2); },
    flush(c) { log.push('flush'); c.enqueue('end'); },
  });
  const done = ReadableStream.from([1, 2]).pipeTo(ts.writable);
  assertEquals(await readAll(ts.readable), [2, 4, 'end']);
  await done;
  assertEquals(log, ['t:1', 't:2', 'flush']);
});

test('terminate closes the readable and errors the writable', async () => {
  const ts = new TransformStream({
    transform(chunk, c) {
      c.enqueue(chunk);
      if (chunk === 'last') c.terminate();
    },
  });
  const writer = ts.writable.getWriter();
  writer.write('first');
  writer.write('last');
  assertEquals(await readAll(ts.readable), ['first', 'last']);
  await assertRejects(writer.write('more'), TypeError, 'terminated');
  await assertRejects(writer.closed, TypeError, 'terminated');
});

test('transform errors error both sides', async () => {
  const ts = new TransformStream({ transform() { throw new Error('transform failed'); } });
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  const read = reader.read(); // the transform runs once the readable side pulls
  await assertRejects(writer.write('x'), Error, 'transform failed');
  await assertRejects(read, Error, 'transform failed');
  await assertRejects(writer.closed, Error, 'transform failed');
});

test('controller.error errors both sides', async () => {
  let c;
  const ts = new TransformStream({ start(ctrl) { c = ctrl; } });
  c.error(new RangeError('stopped'));
  await assertRejects(ts.readable.getReader().read(), RangeError, 'stopped');
  await assertRejects(ts.writable.getWriter().write('x'), RangeError, 'stopped');
});

test('async transforms keep order and apply backpressure', async () => {
  let active = 0;
  let maxActive = 0;
  const ts = new TransformStream({
    async transform(chunk, c) {
      active++;
      maxActive = Math.max(maxActive, active);
      await delay(5);
      c.enqueue(chunk + '!');
      active--;
    },
  });
  const out = readAll(ts.readable);
  await ReadableStream.from(['a', 'b', 'c']).pipeTo(ts.writable);
  assertEquals(await out, ['a!', 'b!', 'c!']);
  assertEquals(maxActive, 1, 'one transform at a time');
});

test('writes wait for the readable side to be read', async () => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  let w1done = false;
  // The readable side's highWaterMark is 0, so nothing is transformed
  // until someone reads.
  const w1 = writer.write('one').then(() => { w1done = true; });
  await delay(5);
  assert(!w1done, 'the write waits for a read');
  assertEquals(writer.desiredSize, 0);
  const reader = ts.readable.getReader();
  assertEquals((await reader.read()).value, 'one');
  await w1;
  const w2 = writer.write('two');
  assertEquals((await reader.read()).value, 'two');
  await w2;
});

test('canceling the readable side errors the writable side and calls cancel', async () => {
  let reason;
  const ts = new TransformStream({ cancel(r) { reason = r; } });
  const writer = ts.writable.getWriter();
  await ts.readable.cancel('reader gone');
  assertEquals(reason, 'reader gone');
  const e = await writer.closed.then(() => 'fulfilled', (err) => err);
  assertEquals(e, 'reader gone');
});

test('aborting the writable side errors the readable side', async () => {
  let reason;
  const ts = new TransformStream({ cancel(r) { reason = r; } });
  const reader = ts.readable.getReader();
  await ts.writable.abort('writer gone');
  assertEquals(reason, 'writer gone');
  const e = await reader.closed.then(() => 'fulfilled', (err) => err);
  assertEquals(e, 'writer gone');
});

test('a failing flush errors the readable side', async () => {
  const ts = new TransformStream({ flush() { throw new Error('flush failed'); } });
  const writer = ts.writable.getWriter();
  await assertRejects(writer.close(), Error, 'flush failed');
  await assertRejects(ts.readable.getReader().read(), Error, 'flush failed');
});

test('strategies and desiredSize', async () => {
  let c;
  const ts = new TransformStream({ start(ctrl) { c = ctrl; } }, undefined, { highWaterMark: 2 });
  assertEquals(c.desiredSize, 2);
  c.enqueue('x');
  assertEquals(c.desiredSize, 1);
  assertThrows(() => new TransformStream({ readableType: 'bytes' }), RangeError);
  assertThrows(() => new TransformStream({ writableType: 'bytes' }), RangeError);
  assertThrows(() => new TransformStream({}, { highWaterMark: -1 }), RangeError);
  assertThrows(() => new TransformStreamDefaultController(), TypeError, 'Illegal constructor');
  assertThrows(() => Object.getOwnPropertyDescriptor(TransformStream.prototype, 'readable').get.call({}), TypeError, 'Illegal invocation');
  assert(ts.readable instanceof ReadableStream && ts.writable instanceof WritableStream, 'sides');
});

test('enqueue after the readable side closed throws', async () => {
  let c;
  const ts = new TransformStream({ start(ctrl) { c = ctrl; } });
  c.terminate();
  assertThrows(() => c.enqueue('x'), TypeError);
  assertEquals(await ts.readable.getReader().read(), { value: undefined, done: true });
});
