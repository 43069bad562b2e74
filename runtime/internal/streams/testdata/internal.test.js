// The host-only internal object (edge-specific: not run under workerd).

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('internal is not a global of the stream script', async () => {
  // The runner sets `internal` for these tests; the streams script itself
  // must not leak it.
  assert(!Object.getOwnPropertyNames(globalThis).some((n) => n.startsWith('__streams')), 'no leaks');
});

test('isReadableStream', async () => {
  assert(internal.isReadableStream(new ReadableStream()), 'stream');
  assert(!internal.isReadableStream({}), 'object');
  assert(!internal.isReadableStream(null), 'null');
  assert(!internal.isReadableStream(new TransformStream()), 'transform');
  assert(internal.isReadableStream(new TransformStream().readable), 'transform readable');
});

test('readAllBytes concatenates chunks of any view type', async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue(new Uint8Array([1, 2]));
      c.enqueue(new Uint16Array([0x0403]).buffer);
      c.enqueue(new DataView(new Uint8Array([9, 5, 9]).buffer, 1, 1));
      setTimeout(() => { c.enqueue(new Uint8Array([6])); c.close(); }, 5);
    },
  });
  const all = await internal.readAllBytes(rs);
  assert(all instanceof Uint8Array, 'Uint8Array');
  assertEquals(Array.from(all), [1, 2, 3, 4, 5, 6]);
  assert(internal.isDisturbed(rs), 'disturbed');
  assert(!internal.isLocked(rs), 'released when done');
});

test('readAllBytes of an empty stream', async () => {
  const all = await internal.readAllBytes(new ReadableStream({ start(c) { c.close(); } }));
  assertEquals(all.byteLength, 0);
});

test('readAllBytes rejects non-byte chunks', async () => {
  let reason;
  const rs = new ReadableStream({
    start(c) { c.enqueue(new Uint8Array([1])); c.enqueue('text'); },
    cancel(r) { reason = r; },
  });
  await assertRejects(internal.readAllBytes(rs), TypeError, 'This ReadableStream did not return bytes.');
  assert(reason instanceof TypeError, 'the source is canceled');
});

test('readAllBytes rejects locked and errored streams', async () => {
  const rs = new ReadableStream();
  rs.getReader();
  await assertRejects(internal.readAllBytes(rs), TypeError, 'locked');
  const bad = new ReadableStream({ start(c) { c.error(new Error('broken body')); } });
  await assertRejects(internal.readAllBytes(bad), Error, 'broken body');
  await assertRejects(internal.readAllBytes({}), TypeError);
});

test('fromPull pulls on demand and supports cancel', async () => {
  let pulls = 0;
  let canceled;
  const rs = internal.fromPull((c) => {
    pulls++;
    return delay(2).then(() => {
      if (pulls > 3) c.close();
      else c.enqueue(new Uint8Array([pulls]));
    });
  }, (reason) => { canceled = reason; }, 0);
  await delay(10);
  assertEquals(pulls, 0, 'no pull before a read with highWaterMark 0');
  const all = await internal.readAllBytes(rs);
  assertEquals(Array.from(all), [1, 2, 3]);
  assertEquals(pulls, 4);
  const rs2 = internal.fromPull((c) => { c.enqueue(new Uint8Array([7])); }, (r) => { canceled = r; });
  const reader = rs2.getReader();
  assertEquals(Array.from((await reader.read()).value), [7]);
  await reader.cancel('client went away');
  assertEquals(canceled, 'client went away');
  const rs3 = internal.fromPull(() => {}, undefined, 0);
  assert(rs3.getReader({ mode: 'byob' }) instanceof ReadableStreamBYOBReader, 'fromPull makes byte streams');
});

test('fromPull errors', async () => {
  const rs = internal.fromPull(() => Promise.reject(new Error('io error')));
  await assertRejects(rs.getReader().read(), Error, 'io error');
  assertThrows(() => internal.fromPull('x'), TypeError);
});

test('fromBytes yields one chunk then closes', async () => {
  const src = new Uint8Array([1, 2, 3]);
  const rs = internal.fromBytes(src);
  const reader = rs.getReader();
  const r1 = await reader.read();
  assertEquals(Array.from(r1.value), [1, 2, 3]);
  assertEquals(await reader.read(), { value: undefined, done: true });
  const empty = internal.fromBytes(new Uint8Array(0));
  assertEquals(await empty.getReader().read(), { value: undefined, done: true });
  const all = await internal.readAllBytes(internal.fromBytes(new Uint8Array([4, 5])));
  assertEquals(Array.from(all), [4, 5]);
});
