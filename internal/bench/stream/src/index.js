// A 10 MiB response streamed from a ReadableStream in 64 KiB chunks, each a fresh copy: the
// body never exists in one piece, so this measures the streaming path (bench/run.sh).
const TOTAL = 10 * 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024).fill(0x78);

export default {
  async fetch() {
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent >= TOTAL) {
          controller.close();
          return;
        }
        controller.enqueue(CHUNK.slice());
        sent += CHUNK.length;
      },
    });
    return new Response(body, { headers: { "content-type": "application/octet-stream" } });
  },
};
