// pipeTo and pipeThrough.

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingSink(log, opts = {}) {
  return new WritableStream({
    write(chunk) {
      log.push(['write', chunk]);
      if (opts.writeDelay) return delay(opts.writeDelay);
      return undefined;
    },
    close() { log.push(['close']); },
    abort(reason) { log.push(['abort', reason instanceof Error ? reason.message : reason]); },
  }, opts.strategy);
}

async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

// A minimal AbortSignal stand-in (the test runtime has no AbortController).
function makeSignal() {
  const listeners = [];
  const signal = {
    aborted: false,
    reason: undefined,
    addEventListener(type, fn) { if (type === 'abort') listeners.push(fn); },
    removeEventListener(type, fn) {
      const i = listeners.indexOf(fn);
      if (i >= 0) listeners.splice(i, 1);
    },
    get listenerCount() { return listeners.length; },
  };
  const abort = (reason) => {
    signal.aborted = true;
    signal.reason = reason;
    for (const fn of listeners.slice()) fn();
  };
  return { signal, abort };
}

test('pipeTo writes every chunk then closes the destination', async () => {
  const log = [];
  const rs = ReadableStream.from(['a', 'b', 'c']);
  const ws = recordingSink(log, { writeDelay: 5 });
  await rs.pipeTo(ws);
  assertEquals(log, [['write', 'a'], ['write', 'b'], ['write', 'c'], ['close']]);
  assert(!rs.locked && !ws.locked, 'both unlocked afterwards');
});

test('pipeThrough a TransformStream that uppercases text', async () => {
  const upper = new TransformStream({
    transform(chunk, controller) { controller.enqueue(chunk.toUpperCase()); },
  });
  const rs = new ReadableStream({
    start(c) {
      c.enqueue('hello ');
      setTimeout(() => { c.enqueue('world'); c.close(); }, 5);
    },
  });
  const out = rs.pipeThrough(upper);
  assert(out === upper.readable, 'returns the readable side');
  assertEquals((await readAll(out)).join(''), 'HELLO WORLD');
});

test('pipe chains with several transforms and a sink', async () => {
  const log = [];
  const double = new TransformStream({ transform(n, c) { c.enqueue(n); c.enqueue(n); } });
  const add1 = new TransformStream({ transform(n, c) { c.enqueue(n + 1); } });
  await ReadableStream.from([1, 2]).pipeThrough(double).pipeThrough(add1).pipeTo(recordingSink(log));
  assertEquals(log, [['write', 2], ['write', 2], ['write', 3], ['write', 3], ['close']]);
});

test('a source error aborts the destination and rejects', async () => {
  const log = [];
  let c;
  const rs = new ReadableStream({ start(ctrl) { c = ctrl; } });
  const p = rs.pipeTo(recordingSink(log));
  c.enqueue('one');
  await delay(1);
  c.error(new Error('upstream broke'));
  await assertRejects(p, Error, 'upstream broke');
  assertEquals(log, [['write', 'one'], ['abort', 'upstream broke']]);
});

test('preventAbort keeps the destination usable', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.error(new Error('bad')); } });
  const ws = recordingSink(log);
  await assertRejects(rs.pipeTo(ws, { preventAbort: true }), Error, 'bad');
  const writer = ws.getWriter();
  await writer.write('still works');
  assertEquals(log, [['write', 'still works']]);
});

test('a destination error cancels the source', async () => {
  let cancelReason;
  const rs = new ReadableStream({
    pull(c) { c.enqueue('x'); },
    cancel(r) { cancelReason = r; },
  });
  const ws = new WritableStream({ write() { throw new Error('sink broke'); } });
  await assertRejects(rs.pipeTo(ws), Error, 'sink broke');
  assert(cancelReason instanceof Error && cancelReason.message === 'sink broke', 'source canceled with the sink error');
});

test('preventCancel leaves the source readable', async () => {
  let canceled = false;
  let n = 0;
  const rs = new ReadableStream({ pull(c) { c.enqueue(n++); }, cancel() { canceled = true; } });
  const ws = new WritableStream({ write() { throw new Error('nope'); } });
  await assertRejects(rs.pipeTo(ws, { preventCancel: true }), Error, 'nope');
  assert(!canceled, 'not canceled');
  assert(!rs.locked, 'unlocked');
  const { value } = await rs.getReader().read();
  assert(typeof value === 'number', 'still readable');
});

test('preventClose leaves the destination open', async () => {
  const log = [];
  const ws = recordingSink(log);
  await ReadableStream.from(['a']).pipeTo(ws, { preventClose: true });
  await ReadableStream.from(['b']).pipeTo(ws);
  assertEquals(log, [['write', 'a'], ['write', 'b'], ['close']]);
});

test('piping into a closed destination cancels the source', async () => {
  let reason;
  const rs = new ReadableStream({ cancel(r) { reason = r; } });
  const ws = new WritableStream();
  await ws.close();
  await assertRejects(rs.pipeTo(ws), TypeError, 'closed');
  assert(reason instanceof TypeError, 'canceled with a TypeError');
});

test('pipe respects destination backpressure', async () => {
  let pulls = 0;
  let n = 0;
  const rs = new ReadableStream({ pull(c) { pulls++; c.enqueue(n++); if (n === 20) c.close(); } }, { highWaterMark: 0 });
  const log = [];
  const ws = new WritableStream({ write(chunk) { log.push(chunk); return delay(10); } }, { highWaterMark: 2 });
  const p = rs.pipeTo(ws);
  await delay(25);
  assert(pulls <= 6, `reads stay close to the writes (pulled ${pulls} after 2 writes)`);
  await p;
  assertEquals(log.length, 20);
});

test('pipeTo argument checks', async () => {
  const rs = new ReadableStream();
  await assertRejects(rs.pipeTo({}), TypeError);
  await assertRejects(rs.pipeTo(new WritableStream(), { signal: 'nope' }), TypeError, 'signal');
  assertThrows(() => rs.pipeThrough({ readable: rs }), TypeError, 'writable');
  assertThrows(() => rs.pipeThrough({ writable: new WritableStream() }), TypeError, 'readable');
  const ws = new WritableStream();
  ws.getWriter();
  await assertRejects(rs.pipeTo(ws), TypeError, 'WritableStream is currently locked to a writer.');
  assert(!rs.locked, 'failed pipe does not lock');
});

test('abort signal stops the pipe', async () => {
  const { signal, abort } = makeSignal();
  let cancelReason;
  let n = 0;
  const rs = new ReadableStream({ pull(c) { c.enqueue(n++); return delay(5); }, cancel(r) { cancelReason = r; } });
  const log = [];
  const ws = recordingSink(log);
  const p = rs.pipeTo(ws, { signal });
  await delay(12);
  abort(new Error('user abort'));
  await assertRejects(p, Error, 'user abort');
  assert(cancelReason instanceof Error, 'source canceled with the reason');
  assertEquals(log[log.length - 1], ['abort', 'user abort']);
  assertEquals(signal.listenerCount, 0, 'listener removed');
});

test('an already aborted signal rejects at once', async () => {
  const { signal, abort } = makeSignal();
  abort('early');
  const log = [];
  const rs = ReadableStream.from(['x']);
  const p = rs.pipeTo(recordingSink(log), { signal, preventAbort: true, preventCancel: true });
  const e = await p.then(() => 'fulfilled', (err) => err);
  assertEquals(e, 'early');
  assertEquals(log, []);
  assertEquals(await rs.getReader().read(), { value: 'x', done: false });
});

test('pipeTo disturbs the source', async () => {
  const rs = ReadableStream.from([]);
  await rs.pipeTo(new WritableStream());
  if (typeof internal !== 'undefined') assert(internal.isDisturbed(rs), 'disturbed');
});

test('a failing transform cancels the source and aborts the sink', async () => {
  let cancelReason;
  let abortReason;
  let n = 0;
  const rs = new ReadableStream({ pull(c) { c.enqueue(n++); }, cancel(r) { cancelReason = r; } });
  const ts = new TransformStream({ transform(x) { if (x === 2) throw new Error('bad chunk'); } });
  const ws = new WritableStream({ abort(r) { abortReason = r; } });
  await assertRejects(rs.pipeThrough(ts).pipeTo(ws), Error, 'bad chunk');
  assert(abortReason instanceof Error && abortReason.message === 'bad chunk', 'sink aborted');
  await new Promise((r) => setTimeout(r, 1));
  assert(cancelReason instanceof Error && cancelReason.message === 'bad chunk', 'source canceled');
});

test('writes already read are flushed before close propagates', async () => {
  const log = [];
  const ws = new WritableStream({ write(x) { log.push(x); return delay(3); }, close() { log.push('close'); } }, { highWaterMark: 10 });
  await ReadableStream.from([1, 2, 3, 4]).pipeTo(ws);
  assertEquals(log, [1, 2, 3, 4, 'close']);
});

test('pipe with preventClose and a source error keeps the destination open', async () => {
  const log = [];
  const ws = recordingSink(log);
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.error(new Error('x')); } });
  await assertRejects(rs.pipeTo(ws, { preventAbort: true, preventClose: true }), Error, 'x');
  await ws.getWriter().close();
  assertEquals(log, [['close']]);
});
