import { create_container, type Connection } from 'rhea';
import { Socket } from 'node:net';
import { receiveExactly, startHarness, type Harness } from '../harness';

/** Clients that misbehave at the connection and session level; everyone else must keep being served. */
describe('AmqpServer (raw AMQP)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const connect = async (): Promise<Connection> => {
    const connection = create_container().connect({ host: '127.0.0.1', port: h.emulator.port });
    await new Promise<void>((resolve) => connection.once('connection_open', () => resolve()));
    return connection;
  };

  it('forgets the receivers of a session the client ended without detaching them', async () => {
    const connection = await connect();
    const session = connection.create_session();
    session.begin();
    const orphan = session.attach_receiver({
      source: { address: 'competing' },
      credit_window: 50,
      autoaccept: false,
      rcv_settle_mode: 1,
    });
    await new Promise<void>((resolve) => orphan.once('receiver_open', () => resolve()));
    const ended = new Promise<void>((resolve) => session.once('session_close', () => resolve()));
    session.close();
    await ended;
    // The orphan held credit for 50: a broker that still counted it would lock half of these for 30 s.
    await h.client
      .createSender('competing')
      .sendMessages(Array.from({ length: 10 }, (_, i) => ({ body: i })));
    const receiver = h.client.createReceiver('competing');
    const got = await receiveExactly(receiver, 10, 5000);
    await Promise.all(got.map((m) => receiver.completeMessage(m)));
    await receiver.close();
    connection.close();
  });

  it('survives a flood of dropped, half-open and garbage connections while serving a normal client', async () => {
    const sender = h.client.createSender('competing');
    const receiver = h.client.createReceiver('competing');
    let served = 0;
    let stop = false;
    // A normal client sends and receives the whole time.
    const normal = (async () => {
      while (!stop) {
        await sender.sendMessages({ body: served });
        const [m] = await receiveExactly(receiver, 1);
        await receiver.completeMessage(m!);
        served++;
      }
    })();
    const sockets: Socket[] = [];
    const open = (send?: Buffer): Promise<void> =>
      new Promise((resolve) => {
        const s = new Socket();
        sockets.push(s);
        s.on('error', () => resolve());
        s.on('close', () => resolve());
        s.connect(h.emulator.port, '127.0.0.1', () => {
          if (send) s.write(send);
          resolve();
        });
      });
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        // Dropped straight after connecting.
        ...Array.from({ length: 40 }, () => open().then(() => sockets.at(-1)?.destroy())),
        // Half-open: connected, never a byte.
        ...Array.from({ length: 20 }, () => open()),
        // Garbage instead of the AMQP header, and a header followed by garbage frames.
        ...Array.from({ length: 20 }, () => open(Buffer.from('GET / HTTP/1.1\r\n\r\n'))),
        ...Array.from({ length: 20 }, () =>
          open(Buffer.concat([Buffer.from('AMQP\x00\x01\x00\x00', 'latin1'), Buffer.alloc(64, 0xff)])),
        ),
      ]);
    }
    const before = served;
    // The normal client still completes round trips with 400 bad connections around it.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (served >= before + 5) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    stop = true;
    await normal;
    for (const s of sockets) s.destroy();
    // And a fresh SDK client can still connect.
    await h.client.createSender('competing').sendMessages({ body: 'after the flood' });
    const [m] = await receiveExactly(receiver, 1);
    expect(m!.body).toBe('after the flood');
    await receiver.completeMessage(m!);
    await receiver.close();
  });

  it('turns Nagle off on accepted sockets, so a burst of transfers does not wait for the client ACK', async () => {
    // Issue 12 (difference A): with Nagle on, the transfers after the first of a flow's burst waited for the client's
    // delayed ACK; a prefetch-0 .NET receiver had ended its 20 ms batch wait by then and released them all.
    const calls: Array<{ localPort: number | undefined; on: boolean | undefined }> = [];
    const spy = jest.spyOn(Socket.prototype, 'setNoDelay').mockImplementation(function (this: Socket, on) {
      calls.push({ localPort: this.localPort, on });
      return this;
    });
    try {
      const raw = new Socket();
      await new Promise<void>((resolve) => raw.connect(h.emulator.port, '127.0.0.1', resolve));
      // The broker answers the AMQP header only once it has set up the connection (and its socket options).
      const reply = new Promise<Buffer>((resolve) => raw.once('data', resolve));
      raw.write(Buffer.from([0x41, 0x4d, 0x51, 0x50, 0x00, 0x01, 0x00, 0x00]));
      expect((await reply).subarray(0, 4).toString()).toBe('AMQP');
      raw.destroy();
      expect(calls).toContainEqual({ localPort: h.emulator.port, on: true });
    } finally {
      spy.mockRestore();
    }
  });
});
