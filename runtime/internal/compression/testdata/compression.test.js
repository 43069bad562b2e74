// CompressionStream and DecompressionStream. Uses only the jstest globals and setTimeout, so it
// also runs under workerd.

const FORMATS = ['gzip', 'deflate', 'deflate-raw'];
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const enc = new TextEncoder();
const dec = new TextDecoder();

// "Hello, Workers! " * 4, compressed by zlib 1.x at level 9 (Python's zlib module).
const VECTORS = {
  'gzip': [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 243, 72, 205, 201, 201, 215, 81, 8, 207, 47, 202, 78, 45, 42, 86, 84, 240, 32,
    145, 15, 0, 16, 230, 128, 139, 64, 0, 0, 0],
  'deflate': [120, 218, 243, 72, 205, 201, 201, 215, 81, 8, 207, 47, 202, 78, 45, 42, 86, 84, 240, 32, 145, 15, 0, 200,
    198, 21, 185],
  'deflate-raw': [243, 72, 205, 201, 201, 215, 81, 8, 207, 47, 202, 78, 45, 42, 86, 84, 240, 32, 145, 15, 0],
};
const VECTOR_TEXT = 'Hello, Workers! '.repeat(4);

function concat(chunks) {
  let n = 0;
  for (const c of chunks) n += c.byteLength;
  const out = new Uint8Array(n);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

async function readChunks(readable) {
  const reader = readable.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

// Writes chunks (without waiting for each write) and closes while reading the output.
async function run(stream, chunks) {
  const writer = stream.writable.getWriter();
  const writes = chunks.map((c) => writer.write(c));
  const closed = writer.close();
  const output = await readChunks(stream.readable);
  await Promise.all(writes);
  await closed;
  for (const c of output) assert(c instanceof Uint8Array, 'output chunks are Uint8Arrays');
  return concat(output);
}

// Runs chunks through the stream and expects the read side to fail with a TypeError carrying
// message; the pending writes and close must reject too.
async function runFails(stream, chunks, message) {
  const writer = stream.writable.getWriter();
  const ops = chunks.map((c) => writer.write(c));
  ops.push(writer.close());
  const settled = ops.map((p) => p.then(() => 'ok', (e) => e));
  await assertRejects(readChunks(stream.readable), 'TypeError', message);
  const results = await Promise.all(settled);
  assert(results.some((r) => r !== 'ok'), 'some write or the close rejects');
  for (const r of results) {
    if (r !== 'ok') assert(r instanceof TypeError && r.message === message, `rejection: ${r}`);
  }
}

test('the classes look like WebIDL interfaces', () => {
  for (const C of [CompressionStream, DecompressionStream]) {
    assertEquals(typeof C, 'function');
    assertEquals(C.length, 1);
    const desc = Object.getOwnPropertyDescriptor(globalThis, C.name);
    assertEquals([desc.writable, desc.enumerable, desc.configurable], [true, false, true]);
    const s = new C('gzip');
    assertEquals(Object.prototype.toString.call(s), `[object ${C.name}]`);
    assert(s.readable instanceof ReadableStream, 'readable');
    assert(s.writable instanceof WritableStream, 'writable');
    assert(s.readable === s.readable, 'readable is the same object each time');
    assertThrows(() => Object.getOwnPropertyDescriptor(C.prototype, 'readable').get.call({}), 'TypeError');
  }
});

test('unsupported formats throw TypeError', () => {
  const msg = "The compression format must be either 'deflate', 'deflate-raw' or 'gzip'.";
  for (const C of [CompressionStream, DecompressionStream]) {
    for (const f of ['brotli', 'br', 'GZIP', 'zlib', '', 'gzip ', null]) {
      assertThrows(() => new C(f), 'TypeError', msg);
    }
    assertThrows(() => new C(), 'TypeError', msg);
    assertThrows(() => new C(Symbol('gzip')), 'TypeError');
    assertThrows(() => new C({ toString() { throw new RangeError('boom'); } }), 'RangeError', 'boom');
    // Enum conversion uses ToString.
    new C({ toString() { return 'deflate-raw'; } });
  }
});

for (const format of FORMATS) {
  test(`${format}: round trip`, async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    const compressed = await run(new CompressionStream(format), [enc.encode(text)]);
    assert(compressed.length < text.length / 5, `compressed to ${compressed.length}`);
    const back = await run(new DecompressionStream(format), [compressed]);
    assertEquals(dec.decode(back), text);
  });

  test(`${format}: decompresses zlib's output`, async () => {
    const out = await run(new DecompressionStream(format), [new Uint8Array(VECTORS[format])]);
    assertEquals(dec.decode(out), VECTOR_TEXT);
  });

  test(`${format}: every BufferSource kind is accepted`, async () => {
    const bytes = enc.encode('abcdefgh');
    const padded = new Uint8Array(12);
    padded.set(bytes, 2);
    const chunks = [
      bytes.buffer.slice(0, 2), // ArrayBuffer
      new DataView(padded.buffer, 4, 2), // DataView over part of a buffer
      new Uint16Array(bytes.buffer.slice(4, 6)), // a wider typed array
      new Uint8Array(padded.buffer, 8, 2), // Uint8Array with an offset
      new Uint8Array(0), // empty
    ];
    const compressed = await run(new CompressionStream(format), chunks);
    assertEquals(dec.decode(await run(new DecompressionStream(format), [compressed])), 'abcdefgh');
  });

  test(`${format}: empty input`, async () => {
    const compressed = await run(new CompressionStream(format), []);
    assert(compressed.length > 0, 'an empty stream still has a header/end block');
    assertEquals(await run(new DecompressionStream(format), [compressed]), new Uint8Array(0));
    const viaEmptyChunks = await run(new CompressionStream(format), [new Uint8Array(0), new ArrayBuffer(0)]);
    assertEquals(await run(new DecompressionStream(format), [viaEmptyChunks]), new Uint8Array(0));
  });

  test(`${format}: any chunk boundaries decompress the same`, async () => {
    const vec = new Uint8Array(VECTORS[format]);
    for (let cut = 0; cut <= vec.length; cut++) {
      const out = await run(new DecompressionStream(format), [vec.slice(0, cut), vec.slice(cut)]);
      assertEquals(dec.decode(out), VECTOR_TEXT, `cut at ${cut}`);
    }
    const bytewise = Array.from(vec, (b) => new Uint8Array([b]));
    assertEquals(dec.decode(await run(new DecompressionStream(format), bytewise)), VECTOR_TEXT, 'one byte at a time');
    const withEmpties = [];
    for (const c of bytewise) withEmpties.push(new Uint8Array(0), c);
    assertEquals(dec.decode(await run(new DecompressionStream(format), withEmpties)), VECTOR_TEXT, 'empty chunks between');
  });

  test(`${format}: compressing in many small chunks equals compressing at once`, async () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i}: ${'ab'.repeat(i % 7)}\n`).join('');
    const bytes = enc.encode(text);
    const small = [];
    for (let i = 0; i < bytes.length; i += 7) small.push(bytes.slice(i, i + 7));
    const a = await run(new CompressionStream(format), small);
    const b = await run(new CompressionStream(format), [bytes]);
    assertEquals(a, b, 'the encoder is one persistent stream, independent of chunking');
    assertEquals(dec.decode(await run(new DecompressionStream(format), [a])), text);
  });

  test(`${format}: non-BufferSource chunks error the stream`, async () => {
    const msg = 'This WritableStream only supports writing byte types.';
    for (const bad of [undefined, null, 42, 'text', {}, [1, 2, 3], { byteLength: 1 }]) {
      await runFails(new CompressionStream(format), [bad], msg);
      await runFails(new DecompressionStream(format), [bad], msg);
    }
  });

  test(`${format}: corrupt data is a TypeError`, async () => {
    const vec = new Uint8Array(VECTORS[format]);
    const corrupt = vec.slice();
    corrupt[format === 'deflate-raw' ? 0 : 2] ^= 0xff; // method byte / first block header
    await runFails(new DecompressionStream(format), [corrupt], 'Decompression failed.');
    await runFails(new DecompressionStream(format), [new Uint8Array([0xff, 0xff, 0xff, 0xff])], 'Decompression failed.');
  });

  test(`${format}: trailing bytes are a TypeError`, async () => {
    const vec = new Uint8Array(VECTORS[format]);
    const msg = 'Trailing bytes after end of compressed data';
    await runFails(new DecompressionStream(format), [concat([vec, new Uint8Array([0])])], msg);
    await runFails(new DecompressionStream(format), [vec, new Uint8Array([1, 2, 3])], msg);
    await runFails(new DecompressionStream(format), [vec, vec], msg);
    // Empty chunks after the end are fine.
    const out = await run(new DecompressionStream(format), [vec, new Uint8Array(0)]);
    assertEquals(dec.decode(out), VECTOR_TEXT);
  });

  test(`${format}: truncated data is a TypeError on close`, async () => {
    const vec = new Uint8Array(VECTORS[format]);
    const msg = 'Called close() on a decompression stream with incomplete data';
    await runFails(new DecompressionStream(format), [vec.slice(0, vec.length - 1)], msg);
    await runFails(new DecompressionStream(format), [vec.slice(0, 3)], msg);
    await runFails(new DecompressionStream(format), [], msg);
    await runFails(new DecompressionStream(format), [new Uint8Array(0)], msg);
  });

  test(`${format}: abort and cancel`, async () => {
    const cs = new (format === 'gzip' ? DecompressionStream : CompressionStream)(format);
    const writer = cs.writable.getWriter();
    const reader = cs.readable.getReader();
    writer.write(new Uint8Array(VECTORS[format]).slice(0, 5));
    await writer.abort(new Error('stop'));
    await assertRejects(reader.read(), 'Error', 'stop');
    await assertRejects(writer.write(new Uint8Array(1)), 'Error', 'stop');

    const ds = new DecompressionStream(format);
    const w2 = ds.writable.getWriter();
    const r2 = ds.readable.getReader();
    const pending = w2.write(new Uint8Array(VECTORS[format]).slice(0, 5));
    await r2.cancel(new Error('no more'));
    await pending.catch(() => {});
    await assertRejects(w2.write(new Uint8Array(1)), 'Error', 'no more');
  });

  test(`${format}: pipeThrough`, async () => {
    const parts = ['alpha ', 'beta ', 'gamma'].map((s) => enc.encode(s));
    const out = ReadableStream.from(parts)
      .pipeThrough(new CompressionStream(format))
      .pipeThrough(new DecompressionStream(format))
      .pipeThrough(new TextDecoderStream());
    assertEquals((await readChunks(out)).join(''), 'alpha beta gamma');
  });
}

test('gzip: a corrupt checksum is a TypeError', async () => {
  const vec = new Uint8Array(VECTORS.gzip);
  const bad = vec.slice();
  bad[bad.length - 6] ^= 1; // CRC-32
  await runFails(new DecompressionStream('gzip'), [bad], 'Decompression failed.');
  const badSize = vec.slice();
  badSize[badSize.length - 1] ^= 1; // ISIZE
  await runFails(new DecompressionStream('gzip'), [badSize], 'Decompression failed.');
});

test('deflate: a corrupt Adler-32 is a TypeError', async () => {
  const bad = new Uint8Array(VECTORS.deflate);
  bad[bad.length - 1] ^= 1;
  await runFails(new DecompressionStream('deflate'), [bad], 'Decompression failed.');
});

test('formats are not interchangeable', async () => {
  await runFails(new DecompressionStream('gzip'), [new Uint8Array(VECTORS.deflate)], 'Decompression failed.');
  await runFails(new DecompressionStream('deflate'), [new Uint8Array(VECTORS.gzip)], 'Decompression failed.');
});

// A 64 KiB block: half from a 16-letter alphabet (compressible), half random bytes.
function makeBlock(size) {
  const block = new Uint8Array(size);
  let x = 2463534242;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    block[i] = i % 2 ? 97 + (x & 15) : x & 255;
  }
  return block;
}

for (const format of FORMATS) {
  test(`${format}: 4 MiB in 64 KiB chunks streams with bounded buffering`, async () => {
    const CHUNK = 64 * 1024;
    const COUNT = 64;
    const block = makeBlock(CHUNK);
    // Byte p of the stream: the chunk number at each chunk start, block[p % CHUNK] elsewhere.
    const expected = (p) => (p % CHUNK === 0 ? (p / CHUNK) & 255 : block[p % CHUNK]);
    let produced = 0;
    let received = 0;
    let maxInFlight = 0;
    let sent = 0;
    let compressedPieces = 0;
    let firstCompressedAt = -1;
    const source = new ReadableStream({
      pull(controller) {
        if (sent === COUNT) {
          controller.close();
          return;
        }
        const chunk = block.slice();
        chunk[0] = sent & 255;
        sent++;
        produced += CHUNK;
        maxInFlight = Math.max(maxInFlight, produced - received);
        controller.enqueue(chunk);
      },
    });
    const counter = new TransformStream({
      transform(chunk, controller) {
        if (firstCompressedAt < 0) firstCompressedAt = produced;
        compressedPieces++;
        controller.enqueue(chunk);
      },
    });
    const out = source
      .pipeThrough(new CompressionStream(format))
      .pipeThrough(counter)
      .pipeThrough(new DecompressionStream(format));
    const reader = out.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      assert(value.length <= CHUNK, `output pieces are at most 64 KiB, got ${value.length}`);
      for (let i = 0; i < value.length; i += 997) {
        if (value[i] !== expected(received + i)) throw new Error(`byte ${received + i} differs`);
      }
      const nextStart = Math.ceil(received / CHUNK) * CHUNK;
      if (nextStart < received + value.length && value[nextStart - received] !== expected(nextStart)) {
        throw new Error(`chunk stamp at ${nextStart} differs`);
      }
      received += value.length;
      await delay(0); // a slow consumer: producers must wait for it
    }
    assertEquals(received, CHUNK * COUNT);
    assert(compressedPieces > 1, 'compressed output is streamed in pieces');
    assert(firstCompressedAt < CHUNK * COUNT / 2, `first compressed bytes after ${firstCompressedAt} input bytes`);
    assert(maxInFlight <= 8 * CHUNK, `in flight at most 512 KiB, got ${maxInFlight}`);
  });
}
