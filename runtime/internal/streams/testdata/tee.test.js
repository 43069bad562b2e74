// ReadableStream.prototype.tee.

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

test('both branches get every chunk', async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue('a');
      setTimeout(() => { c.enqueue('b'); c.close(); }, 10);
    },
  });
  const [b1, b2] = rs.tee();
  assert(rs.locked, 'the source is locked');
  const [c1, c2] = await Promise.all([readAll(b1), readAll(b2)]);
  assertEquals(c1, ['a', 'b']);
  assertEquals(c2, ['a', 'b']);
});

test('one branch can be read after the other finished', async () => {
  const rs = ReadableStream.from([1, 2, 3]);
  const [b1, b2] = rs.tee();
  assertEquals(await readAll(b1), [1, 2, 3]);
  assertEquals(await readAll(b2), [1, 2, 3]);
});

test('canceling both branches cancels the source with both reasons', async () => {
  let reason;
  let canceled = 0;
  const rs = new ReadableStream({ cancel(r) { canceled++; reason = r; } });
  const [b1, b2] = rs.tee();
  const p1 = b1.cancel('r1');
  await delay(0);
  assertEquals(canceled, 0, 'one branch is not enough');
  const p2 = b2.cancel('r2');
  await Promise.all([p1, p2]);
  assertEquals(canceled, 1);
  assertEquals(reason, ['r1', 'r2']);
});

test('canceling one branch leaves the other flowing', async () => {
  const rs = ReadableStream.from(['x', 'y']);
  const [b1, b2] = rs.tee();
  // A branch's cancel promise settles only when the source closes or
  // both branches are canceled.
  const canceled = b1.cancel();
  assertEquals(await readAll(b2), ['x', 'y']);
  await canceled;
});

test('a source error reaches both branches', async () => {
  let c;
  const rs = new ReadableStream({ start(ctrl) { c = ctrl; } });
  const [b1, b2] = rs.tee();
  const r1 = b1.getReader();
  const r2 = b2.getReader();
  c.enqueue(1);
  assertEquals(await r1.read(), { value: 1, done: false });
  c.error(new Error('torn'));
  await assertRejects(r1.read(), Error, 'torn');
  await assertRejects(r2.read(), Error, 'torn');
  await assertRejects(r2.closed, Error, 'torn');
});

test('teeing a byte stream copies chunks for the second branch', async () => {
  const rs = new ReadableStream({
    type: 'bytes',
    start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); },
  });
  const [b1, b2] = rs.tee();
  const [[x], [y]] = await Promise.all([readAll(b1), readAll(b2)]);
  assertEquals(Array.from(x), [1, 2, 3]);
  assertEquals(Array.from(y), [1, 2, 3]);
  assert(x.buffer !== y.buffer, 'independent buffers');
  const [b3] = new ReadableStream({ type: 'bytes' }).tee();
  assert(b3.getReader({ mode: 'byob' }) instanceof ReadableStreamBYOBReader, 'branches are byte streams');
});
