import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { coalesceWrites } from '../../../shared/platform/coalesceWrites';

describe('coalesceWrites', () => {
  let server: Server;
  let received: Promise<Buffer>;
  let client: Socket;

  beforeEach(async () => {
    received = new Promise((resolve) => {
      server = createServer((peer) => {
        const chunks: Buffer[] = [];
        peer.on('data', (c: Buffer) => chunks.push(c));
        peer.on('end', () => resolve(Buffer.concat(chunks)));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    client = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', noDelay: true });
    await once(client, 'connect');
  });

  afterEach(async () => {
    client.destroy();
    await new Promise((r) => server.close(r));
  });

  /** How the socket hands its buffered writes to the system: one call per `_write`, one per `_writev` batch. */
  function spyOnFlushes(socket: Socket) {
    const flushes: number[] = [];
    const s = socket as unknown as {
      _write: (...a: unknown[]) => void;
      _writev: (chunks: unknown[], cb: unknown) => void;
    };
    const single = s._write.bind(socket);
    const batch = s._writev.bind(socket);
    s._write = (...a) => {
      flushes.push(1);
      single(...a);
    };
    s._writev = (chunks, cb) => {
      flushes.push(chunks.length);
      batch(chunks, cb);
    };
    return flushes;
  }

  it('sends the writes of one turn of the event loop in one batch, across ticks and microtasks, in order', async () => {
    coalesceWrites(client);
    const flushes = spyOnFlushes(client);
    client.write('MAIL FROM:<a@b>\r\n');
    await new Promise<void>((r) => process.nextTick(r));
    client.write('one ');
    await Promise.resolve();
    client.write(Buffer.from('two '));
    await new Promise<void>((r) => process.nextTick(r));
    client.write('three\r\n.\r\n');
    expect(flushes).toEqual([]);
    expect(client.writableCorked).toBe(1);
    await nextTurn();
    expect(client.writableCorked).toBe(0);
    expect(flushes).toEqual([4]);
    client.end();
    expect((await received).toString()).toBe('MAIL FROM:<a@b>\r\none two three\r\n.\r\n');
  });

  it('flushes each turn on its own, 10,000 writes over 1,000 turns, nothing lost or reordered', async () => {
    coalesceWrites(client);
    const flushes = spyOnFlushes(client);
    let expected = '';
    for (let turn = 0; turn < 1_000; turn++) {
      for (let i = 0; i < 10; i++) {
        const piece = `${turn}.${i};`;
        expected += piece;
        client.write(piece);
      }
      await nextTurn();
    }
    client.end();
    expect((await received).toString()).toBe(expected);
    // A batch is never more than one turn's writes; a slow peer may make Node join turns, never split one.
    expect(flushes.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(flushes.length).toBeLessThanOrEqual(1_000);
  });

  it('without it, the same pieces go to the system one by one (what nodemailer did)', async () => {
    const flushes = spyOnFlushes(client);
    for (const piece of ['a', 'b', 'c', 'd']) client.write(piece);
    await nextTurn();
    // The first goes at once; what queues behind it goes as one batch when it completes.
    expect(flushes[0]).toBe(1);
    client.end();
    expect((await received).toString()).toBe('abcd');
  });
});
