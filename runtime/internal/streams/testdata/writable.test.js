// WritableStream, writers and controllers.

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('writes reach the sink in order, then close', async () => {
  const log = [];
  const sink = {
    start(c) { log.push(['start', c instanceof WritableStreamDefaultController, this === sink]); },
    write(chunk, c) { log.push(['write', chunk, c instanceof WritableStreamDefaultController]); return delay(3); },
    close() { log.push(['close']); },
  };
  const ws = new WritableStream(sink);
  const writer = ws.getWriter();
  const w1 = writer.write('a');
  const w2 = writer.write('b');
  const closed = writer.close();
  await Promise.all([w1, w2, closed, writer.closed]);
  assertEquals(log, [['start', true, true], ['write', 'a', true], ['write', 'b', true], ['close']]);
  await assertRejects(writer.write('late'), TypeError, 'clos');
});

test('backpressure: desiredSize and ready follow the queue', async () => {
  const pending = [];
  const ws = new WritableStream({
    write() { return new Promise((resolve) => pending.push(resolve)); },
  }, { highWaterMark: 2 });
  const writer = ws.getWriter();
  await delay(0); // let start finish
  assertEquals(writer.desiredSize, 2);
  let readyResolved = false;
  writer.write('1');
  writer.write('2');
  assertEquals(writer.desiredSize, 0);
  const ready = writer.ready;
  ready.then(() => { readyResolved = true; });
  await delay(0);
  assert(!readyResolved, 'ready waits while the queue is full');
  pending.shift()();
  await delay(0);
  assert(readyResolved, 'ready resolves when a write finishes');
  assertEquals(writer.desiredSize, 1);
  pending.shift()();
  await delay(0);
  assertEquals(writer.desiredSize, 2);
});

test('a size function counts chunk sizes', async () => {
  const ws = new WritableStream({}, new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
  const writer = ws.getWriter();
  const p = writer.write(new Uint8Array(7));
  assertEquals(writer.desiredSize, 3);
  await p;
  assertEquals(writer.desiredSize, 10);
});

test('a failing write errors the stream', async () => {
  const ws = new WritableStream({ write(chunk) { if (chunk === 'bad') throw new Error('rejected chunk'); } });
  const writer = ws.getWriter();
  await writer.write('good');
  await assertRejects(writer.write('bad'), Error, 'rejected chunk');
  await assertRejects(writer.write('after'), Error, 'rejected chunk');
  await assertRejects(writer.closed, Error, 'rejected chunk');
  await assertRejects(writer.ready, Error, 'rejected chunk');
  assertEquals(writer.desiredSize, null);
});

test('abort rejects queued writes and calls sink.abort', async () => {
  let abortReason;
  let releaseWrite;
  const ws = new WritableStream({
    write() { return new Promise((resolve) => { releaseWrite = resolve; }); },
    abort(r) { abortReason = r; },
  });
  const writer = ws.getWriter();
  await delay(0);
  const w1 = writer.write('in flight');
  const w2 = writer.write('queued');
  const aborted = writer.abort('stop');
  await assertRejects(writer.ready, undefined);
  assertEquals(abortReason, undefined, 'abort waits for the in-flight write');
  releaseWrite();
  await w1;
  const e = await w2.then(() => 'fulfilled', (err) => err);
  assertEquals(e, 'stop', 'the queued write is rejected');
  await aborted;
  assertEquals(abortReason, 'stop');
  const closedError = await writer.closed.then(() => 'fulfilled', (e) => e);
  assertEquals(closedError, 'stop');
});

test('controller.error errors the stream', async () => {
  let c;
  const ws = new WritableStream({ start(ctrl) { c = ctrl; } });
  const writer = ws.getWriter();
  c.error(new TypeError('sink says no'));
  await assertRejects(writer.write('x'), TypeError, 'sink says no');
  await assertRejects(writer.closed, TypeError, 'sink says no');
  c.error(new Error('ignored'));
});

test('a failing close rejects close and closed', async () => {
  const ws = new WritableStream({ close() { throw new Error('close failed'); } });
  const writer = ws.getWriter();
  await assertRejects(writer.close(), Error, 'close failed');
  await assertRejects(writer.closed, Error, 'close failed');
});

test('start rejection errors the stream', async () => {
  const ws = new WritableStream({ start() { return Promise.reject(new Error('no start')); } });
  await assertRejects(ws.getWriter().write('x'), Error, 'no start');
});

test('locking rules', async () => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  assert(ws.locked, 'locked');
  assertThrows(() => ws.getWriter(), TypeError, 'WritableStream is currently locked to a writer.');
  await assertRejects(ws.abort(), TypeError, 'locked');
  await assertRejects(ws.close(), TypeError, 'locked');
  writer.releaseLock();
  assert(!ws.locked, 'unlocked');
  await assertRejects(writer.write('x'), TypeError, 'released');
  await assertRejects(writer.closed, TypeError, 'released');
  assertThrows(() => writer.desiredSize, TypeError, 'released');
  await ws.close();
  await assertRejects(ws.close(), TypeError);
});

test('close twice rejects', async () => {
  const writer = new WritableStream().getWriter();
  const p = writer.close();
  await assertRejects(writer.close(), TypeError, 'closing');
  await p;
});

test('abort after close is a no-op', async () => {
  const ws = new WritableStream();
  await ws.close();
  assertEquals(await ws.abort('late'), undefined);
});

test('constructor checks', async () => {
  assertThrows(() => new WritableStream({ type: 'bytes' }), RangeError);
  assertThrows(() => new WritableStream({ write: 1 }), TypeError);
  assertThrows(() => new WritableStream(7), TypeError);
  assertThrows(() => new WritableStreamDefaultWriter({}), TypeError);
  assertThrows(() => new WritableStreamDefaultController(), TypeError, 'Illegal constructor');
  assertEquals(WritableStreamDefaultWriter.prototype.write.length, 0);
});

test('getWriter on an errored stream gives rejected ready and closed', async () => {
  const ws = new WritableStream({ start(c) { c.error(new Error('dead')); } });
  await new Promise((r) => setTimeout(r, 0));
  const writer = ws.getWriter();
  await assertRejects(writer.ready, Error, 'dead');
  await assertRejects(writer.closed, Error, 'dead');
  assertEquals(writer.desiredSize, null);
});

test('releaseLock replaces ready and closed with rejections', async () => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  await writer.ready;
  writer.releaseLock();
  await assertRejects(writer.ready, TypeError, 'released');
  await assertRejects(writer.closed, TypeError, 'released');
  await assertRejects(writer.close(), TypeError, 'released');
  await assertRejects(writer.abort(), TypeError, 'released');
});

test('controller.signal reports abort when the host has AbortController', async () => {
  let ctrl;
  const ws = new WritableStream({ start(c) { ctrl = c; } });
  if (typeof AbortController === 'undefined') {
    assertEquals(ctrl.signal, undefined, 'no AbortController: no signal');
    // A minimal stand-in, installed only for this runtime.
    globalThis.AbortController = class {
      constructor() { this.signal = { aborted: false, reason: undefined }; }
      abort(reason) { this.signal.aborted = true; this.signal.reason = reason; }
    };
  }
  const signal = ctrl.signal;
  assert(signal && !signal.aborted, 'not aborted yet');
  assert(ctrl.signal === signal, 'same signal every time');
  await ws.abort('why');
  assert(signal.aborted, 'aborted');
  assertEquals(signal.reason, 'why');
  let ctrl2;
  const ws2 = new WritableStream({ start(c) { ctrl2 = c; } });
  await ws2.abort('early');
  assertEquals(ctrl2.signal.reason, 'early', 'a signal created after the abort is already aborted');
});
