// Byte streams, BYOB readers, IdentityTransformStream and FixedLengthStream.

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const bytes = (...xs) => new Uint8Array(xs);

async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

test('a byte stream yields Uint8Arrays to a default reader', async () => {
  let controller;
  const rs = new ReadableStream({
    type: 'bytes',
    start(c) {
      controller = c;
      const buf = new ArrayBuffer(4);
      new Uint8Array(buf).set([9, 8, 7, 6]);
      c.enqueue(new DataView(buf, 1, 2));
      c.close();
    },
  });
  assert(controller instanceof ReadableByteStreamController, 'byte controller');
  assertEquals(controller.byobRequest, null);
  const [chunk] = await readAll(rs);
  assert(chunk instanceof Uint8Array, 'Uint8Array');
  assertEquals(Array.from(chunk), [8, 7]);
});

test('a byte controller rejects non-views and empty chunks', async () => {
  let c;
  new ReadableStream({ type: 'bytes', start(ctrl) { c = ctrl; } });
  assertThrows(() => c.enqueue('text'), TypeError, 'ArrayBufferView');
  assertThrows(() => c.enqueue(new ArrayBuffer(2)), TypeError, 'ArrayBufferView');
  assertThrows(() => c.enqueue(new Uint8Array(0)), TypeError, 'byteLength');
  assertEquals(c.desiredSize, 0, 'byte streams default to highWaterMark 0');
  c.enqueue(bytes(1, 2, 3));
  assertEquals(c.desiredSize, -3, 'sizes are byte lengths');
  c.close();
  assertThrows(() => c.close(), TypeError);
  assertThrows(() => c.enqueue(bytes(1)), TypeError);
});

test('BYOB reads fill the given view and split chunks', async () => {
  const rs = new ReadableStream({
    type: 'bytes',
    start(c) {
      c.enqueue(bytes(1, 2, 3, 4, 5));
      c.enqueue(bytes(6, 7));
      c.close();
    },
  });
  const reader = rs.getReader({ mode: 'byob' });
  assert(reader instanceof ReadableStreamBYOBReader, 'BYOB reader');
  const r1 = await reader.read(new Uint8Array(3));
  assertEquals([Array.from(r1.value), r1.done], [[1, 2, 3], false]);
  const r2 = await reader.read(new Uint8Array(10));
  assertEquals([Array.from(r2.value), r2.done], [[4, 5, 6, 7], false]);
  const r3 = await reader.read(new Uint8Array(4));
  assertEquals([r3.value.byteLength, r3.done], [0, true]);
  assert(r3.value instanceof Uint8Array, 'done carries an empty view');
});

test('BYOB reads wait for enough bytes for a whole element or min', async () => {
  let c;
  const rs = new ReadableStream({ type: 'bytes', start(ctrl) { c = ctrl; } });
  const reader = rs.getReader({ mode: 'byob' });
  const p = reader.read(new Uint16Array(4));
  c.enqueue(bytes(1));
  await delay(0);
  c.enqueue(bytes(0, 2));
  const r = await p;
  assert(r.value instanceof Uint16Array, 'same view type');
  assertEquals(r.value.length, 1, 'one whole element');
  assertEquals(new Uint8Array(r.value.buffer, 0, 2)[0], 1);
  const p2 = reader.read(new Uint8Array(8), { min: 4 });
  c.enqueue(bytes(3, 4));
  c.enqueue(bytes(5, 6));
  const r2 = await p2;
  assertEquals(Array.from(r2.value), [2, 3, 4, 5, 6], 'leftover byte plus the new ones');
  await assertRejects(reader.read(new Uint8Array(2), { min: 3 }), RangeError);
  await assertRejects(reader.read(new Uint8Array(0)), TypeError);
  await assertRejects(reader.read('nope'), TypeError);
});

test('BYOB reads on a source that pulls', async () => {
  let n = 0;
  const rs = new ReadableStream({
    type: 'bytes',
    pull(c) {
      if (n === 3) {
        c.close();
        return;
      }
      c.enqueue(bytes(n, n));
      n++;
    },
  });
  const reader = rs.getReader({ mode: 'byob' });
  const got = [];
  for (;;) {
    const { value, done } = await reader.read(new Uint8Array(4));
    if (done) break;
    got.push(...value);
  }
  assertEquals(got, [0, 0, 1, 1, 2, 2]);
});

test('BYOB releaseLock and cancel', async () => {
  let reason;
  const rs = new ReadableStream({ type: 'bytes', cancel(r) { reason = r; } });
  const reader = rs.getReader({ mode: 'byob' });
  const pending = reader.read(new Uint8Array(1));
  reader.releaseLock();
  await assertRejects(pending, TypeError);
  const reader2 = new ReadableStreamBYOBReader(rs);
  const pending2 = reader2.read(new Uint8Array(1));
  await reader2.cancel('bye');
  assertEquals(reason, 'bye');
  assertEquals(await pending2, { value: undefined, done: true });
});

test('IdentityTransformStream passes bytes through', async () => {
  const ts = new IdentityTransformStream();
  assert(ts instanceof TransformStream, 'is a TransformStream');
  assertEquals(Object.prototype.toString.call(ts), '[object IdentityTransformStream]');
  const writer = ts.writable.getWriter();
  writer.write(bytes(1, 2));
  writer.write(new Uint16Array([0x0403]).buffer);
  writer.write(new Uint8Array(0));
  writer.close();
  const chunks = await readAll(ts.readable);
  assert(chunks.every((c) => c instanceof Uint8Array), 'Uint8Array chunks');
  assertEquals(chunks.map((c) => Array.from(c)), [[1, 2], [3, 4]]);
  const ts2 = new IdentityTransformStream();
  assert(ts2.readable.getReader({ mode: 'byob' }) instanceof ReadableStreamBYOBReader, 'byte readable side');
});

test('IdentityTransformStream rejects strings and other objects', async () => {
  const ts = new IdentityTransformStream();
  const writer = ts.writable.getWriter();
  const read = ts.readable.getReader().read();
  await assertRejects(writer.write('text'), TypeError,
    'This TransformStream is being used as a byte stream, but received a string on its writable side. If you wish to write a string, you\'ll probably want to explicitly UTF-8-encode it with TextEncoder.');
  await assertRejects(read, TypeError, 'received a string');
  const ts2 = new IdentityTransformStream();
  const read2 = ts2.readable.getReader().read();
  await assertRejects(ts2.writable.getWriter().write({ length: 1 }), TypeError,
    'This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.');
  await assertRejects(read2, TypeError);
});

test('FixedLengthStream passes exactly the expected bytes', async () => {
  const ts = new FixedLengthStream(5);
  assert(ts instanceof IdentityTransformStream, 'is an IdentityTransformStream');
  if (typeof internal !== 'undefined') {
    assertEquals(internal.expectedLength(ts.readable), 5);
    assertEquals(internal.expectedLength(new IdentityTransformStream().readable), undefined);
  }
  const out = readAll(ts.readable);
  const writer = ts.writable.getWriter();
  await writer.write(bytes(1, 2));
  await writer.write(bytes(3, 4, 5));
  await writer.close();
  assertEquals((await out).map((c) => Array.from(c)), [[1, 2], [3, 4, 5]]);
  assertEquals(internal.expectedLength(new FixedLengthStream(10n).readable), 10);
});

test('FixedLengthStream errors on too many bytes', async () => {
  const ts = new FixedLengthStream(3);
  const reader = ts.readable.getReader();
  const writer = ts.writable.getWriter();
  const r1 = reader.read();
  await writer.write(bytes(1, 2));
  assertEquals(Array.from((await r1).value), [1, 2]);
  const r2 = reader.read();
  await assertRejects(writer.write(bytes(3, 4)), TypeError, 'Attempt to write too many bytes through a FixedLengthStream.');
  await assertRejects(r2, TypeError, 'too many bytes');
});

test('FixedLengthStream errors when closed short', async () => {
  const ts = new FixedLengthStream(4);
  const reader = ts.readable.getReader();
  const writer = ts.writable.getWriter();
  const r1 = reader.read();
  await writer.write(bytes(1));
  await r1;
  await assertRejects(writer.close(), TypeError, 'FixedLengthStream did not see all expected bytes before close().');
  await assertRejects(reader.read(), TypeError, 'did not see all expected bytes');
});

test('FixedLengthStream argument checks', async () => {
  assertThrows(() => new FixedLengthStream(), TypeError);
  assertThrows(() => new FixedLengthStream(-1), TypeError);
  assertThrows(() => new FixedLengthStream(1.5), TypeError);
  assertThrows(() => new FixedLengthStream(2 ** 53), TypeError);
  const ts = new FixedLengthStream(0);
  await ts.writable.close();
  assertEquals(await ts.readable.getReader().read(), { value: undefined, done: true });
});
