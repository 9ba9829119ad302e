import { ServiceBusClient } from '@azure/service-bus';
import { connect, type Socket } from 'node:net';
import { startServiceBusEmulator, type ServiceBusEmulatorHandle } from '../../../../tools/servicebus/index';
import { fixtureConfig, receiveExactly } from '../harness';

const HANDSHAKE_TIMEOUT_MS = 5_000;
/** Half-open sockets per kind: far past anything a listen backlog or a per-connection buffer handles specially. */
const PER_KIND = 150;
const SASL_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0x03, 0x01, 0x00, 0x00]);

function open(port: number, first?: Buffer): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      if (first) socket.write(first);
      resolve({ socket, closed: new Promise((done) => socket.once('close', () => done())) });
    });
    socket.on('error', () => undefined); // a reset by the server is the expected end
    socket.resume(); // read (and drop) the broker's SASL answer, or a paused socket never reports its close
    socket.once('error', reject);
  });
}

/**
 * Bad input at volume (issue 11): sockets that connect and never complete the AMQP handshake, some silent, some
 * stopping after the SASL header. The broker closes each one after its handshake deadline, and an SDK client keeps
 * being served throughout (its own connection, and a new one made during the flood).
 */
describe('AMQP handshake deadline', () => {
  let emulator: ServiceBusEmulatorHandle;
  let client: ServiceBusClient;
  beforeAll(async () => {
    emulator = await startServiceBusEmulator({
      port: 0,
      config: fixtureConfig,
      handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
    });
    client = new ServiceBusClient(emulator.connectionString, { retryOptions: { maxRetries: 0 } });
  });
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  it('closes every socket that never completes the handshake, while SDK clients keep working', async () => {
    // The SDK's connection is open before the flood.
    await client.createSender('competing').sendMessages({ body: 'before' });
    const silent = await Promise.all(Array.from({ length: PER_KIND }, () => open(emulator.port)));
    const headerOnly = await Promise.all(
      Array.from({ length: PER_KIND }, () => open(emulator.port, SASL_HEADER)),
    );

    // Served during the flood: the open connection, and a new client's handshake.
    const fresh = new ServiceBusClient(emulator.connectionString, { retryOptions: { maxRetries: 0 } });
    await fresh.createSender('competing').sendMessages({ body: 'during' });
    const receiver = client.createReceiver('competing', { receiveMode: 'receiveAndDelete' });
    const got = await receiveExactly(receiver, 2, 30_000);
    expect(got.map((m) => m.body as unknown).sort()).toEqual(['before', 'during']);
    await receiver.close();
    await fresh.close();

    // Invariant: the test never ends these sockets; each closes only because the broker closed it.
    await Promise.all([...silent, ...headerOnly].map((s) => s.closed));
    expect([...silent, ...headerOnly].filter((s) => !s.socket.destroyed)).toEqual([]);

    // And the broker still serves after the flood.
    await client.createSender('competing').sendMessages({ body: 'after' });
    const after = client.createReceiver('competing', { receiveMode: 'receiveAndDelete' });
    expect((await receiveExactly(after, 1, 30_000))[0]!.body).toBe('after');
    await after.close();
  }, 120_000);
});
