// Async iteration and ReadableStream.from.

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// collect iterates by hand: goja has no for await (esbuild lowers it to
// these same calls).
async function collect(iterable) {
  const it = iterable[Symbol.asyncIterator]();
  const out = [];
  for (;;) {
    const { value, done } = await it.next();
    if (done) return out;
    out.push(value);
  }
}

test('async iteration reads every chunk and unlocks at the end', async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue(1);
      setTimeout(() => { c.enqueue(2); c.close(); }, 5);
    },
  });
  const it = rs[Symbol.asyncIterator]();
  assert(rs.locked, 'iterating locks');
  assertEquals(Object.prototype.toString.call(it), '[object ReadableStream AsyncIterator]');
  assert(it[Symbol.asyncIterator]() === it, 'the iterator is async iterable');
  assertEquals(await it.next(), { value: 1, done: false });
  assertEquals(await it.next(), { value: 2, done: false });
  assertEquals(await it.next(), { value: undefined, done: true });
  assert(!rs.locked, 'unlocked when done');
  assertEquals(await it.next(), { value: undefined, done: true });
});

test('next calls made together resolve in order', async () => {
  const rs = ReadableStream.from(['a', 'b', 'c']);
  const it = rs.values();
  const results = await Promise.all([it.next(), it.next(), it.next(), it.next()]);
  assertEquals(results.map((r) => r.value), ['a', 'b', 'c', undefined]);
  assertEquals(results.map((r) => r.done), [false, false, false, true]);
});

test('return() (break) cancels the stream', async () => {
  let cancelReason = 'not called';
  let n = 0;
  const rs = new ReadableStream({ pull(c) { c.enqueue(n++); }, cancel(r) { cancelReason = r; } });
  const it = rs[Symbol.asyncIterator]();
  assertEquals((await it.next()).value, 0);
  assertEquals(await it.return('bye'), { value: 'bye', done: true });
  assertEquals(cancelReason, 'bye');
  assert(!rs.locked, 'unlocked');
  assertEquals(await it.next(), { value: undefined, done: true });
});

test('values({preventCancel: true}) releases without canceling', async () => {
  let canceled = false;
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); }, cancel() { canceled = true; } });
  const it = rs.values({ preventCancel: true });
  assertEquals((await it.next()).value, 'a');
  await it.return();
  assert(!canceled, 'not canceled');
  assert(!rs.locked, 'unlocked');
  assertEquals((await rs.getReader().read()).value, 'b');
});

test('iteration rejects with the stream error', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.error(new Error('mid-stream')); } });
  const it = rs.values();
  await assertRejects(it.next(), Error, 'mid-stream');
  assert(!rs.locked, 'released after the error');
  assertEquals(await it.next(), { value: undefined, done: true });
});

test('iterator brand checks', async () => {
  const it = new ReadableStream().values();
  await assertRejects(it.next.call({}), TypeError, 'Illegal invocation');
  await assertRejects(it.return.call({}), TypeError, 'Illegal invocation');
});

test('ReadableStream.from(array)', async () => {
  assertEquals(await collect(ReadableStream.from([1, 'two', { three: 3 }])), [1, 'two', { three: 3 }]);
});

test('ReadableStream.from(sync iterable) awaits promise values', async () => {
  function* gen() {
    yield 'x';
    yield Promise.resolve('y');
    yield delay(5).then(() => 'z');
  }
  assertEquals(await collect(ReadableStream.from(gen())), ['x', 'y', 'z']);
  assertEquals(await collect(ReadableStream.from('hi')), ['h', 'i']);
});

test('ReadableStream.from(async iterable object)', async () => {
  let i = 0;
  let returned;
  const source = {
    [Symbol.asyncIterator]() {
      return {
        next() { return delay(2).then(() => (i < 3 ? { value: i++, done: false } : { value: undefined, done: true })); },
        return(reason) { returned = reason; return Promise.resolve({ done: true }); },
      };
    },
  };
  assertEquals(await collect(ReadableStream.from(source)), [0, 1, 2]);
  i = 0;
  const rs = ReadableStream.from(source);
  const reader = rs.getReader();
  await reader.read();
  await reader.cancel('enough');
  assertEquals(returned, 'enough');
});

test('ReadableStream.from(another stream)', async () => {
  const inner = ReadableStream.from(['p', 'q']);
  assertEquals(await collect(ReadableStream.from(inner)), ['p', 'q']);
});

test('ReadableStream.from rejects non-iterables and bad iterators', async () => {
  assertThrows(() => ReadableStream.from(5), TypeError);
  assertThrows(() => ReadableStream.from(null), TypeError);
  assertThrows(() => ReadableStream.from({}), TypeError);
  const bad = ReadableStream.from({ [Symbol.asyncIterator]() { return { next() { return 5; } }; } });
  await assertRejects(bad.getReader().read(), TypeError);
  const throwing = ReadableStream.from({ [Symbol.iterator]() { return { next() { throw new RangeError('gen failed'); } }; } });
  await assertRejects(throwing.getReader().read(), RangeError, 'gen failed');
});

test('ReadableStream.from pulls lazily', async () => {
  let nexts = 0;
  const rs = ReadableStream.from({
    [Symbol.iterator]() { return { next() { nexts++; return { value: nexts, done: false }; } }; },
  });
  await delay(0);
  assertEquals(nexts, 0, 'highWaterMark 0');
  const reader = rs.getReader();
  await reader.read();
  await reader.read();
  assertEquals(nexts, 2);
  await reader.cancel();
});

test('return() while next() is pending waits for it', async () => {
  let c;
  let canceled;
  const rs = new ReadableStream({ start(ctrl) { c = ctrl; }, cancel(r) { canceled = r; } });
  const it = rs.values();
  const next = it.next();
  const ret = it.return('later');
  await new Promise((r) => setTimeout(r, 1));
  assertEquals(canceled, undefined, 'cancel waits for the pending next');
  c.enqueue('x');
  assertEquals(await next, { value: 'x', done: false });
  assertEquals(await ret, { value: 'later', done: true });
  assertEquals(canceled, 'later');
});

test('ReadableStream.from: a throwing return() rejects cancel', async () => {
  const rs = ReadableStream.from({
    [Symbol.asyncIterator]() {
      return { next: () => Promise.resolve({ value: 1, done: false }), return() { throw new Error('no return'); } };
    },
  });
  await assertRejects(rs.cancel(), Error, 'no return');
});
