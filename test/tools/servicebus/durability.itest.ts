import { ServiceBusClient } from '@azure/service-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceBusEmulator } from '../../../tools/servicebus/index';
import { fixtureConfig, receiveExactly } from './harness';

describe('Service Bus emulator: durability with a data dir (clean restart)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-durable-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function run<T>(fn: (client: ServiceBusClient) => Promise<T>): Promise<T> {
    const emulator = await startServiceBusEmulator({ port: 0, config: fixtureConfig, dataDir });
    const client = new ServiceBusClient(emulator.connectionString, {
      retryOptions: { maxRetries: 0, timeoutInMs: 10_000 },
    });
    try {
      return await fn(client);
    } finally {
      await client.close();
      await emulator.close();
    }
  }

  it('keeps messages, sequence numbers, scheduled and deferred messages, dead letters and session state; releases locks', async () => {
    const before = await run(async (client) => {
      const sender = client.createSender('work');
      await sender.sendMessages([
        { body: 'plain' },
        { body: 'locked at shutdown' },
        { body: 'to defer' },
        { body: 'to dlq' },
        { body: 'abandoned', messageId: 'ab' },
      ]);
      const [scheduled] = await sender.scheduleMessages({ body: 'scheduled' }, new Date(Date.now() + 60_000));
      const receiver = client.createReceiver('work');
      const got = await receiveExactly(receiver, 5);
      await receiver.completeMessage(got[0]!);
      await receiver.deferMessage(got[2]!);
      await receiver.deadLetterMessage(got[3]!, {
        deadLetterReason: 'kept',
        deadLetterErrorDescription: 'across restarts',
      });
      await receiver.abandonMessage(got[4]!);
      const session = await client.acceptSession('sessions', 'durable');
      await session.setSessionState('state-1');
      await session.close();
      return { deferredSeq: got[2]!.sequenceNumber!, scheduled: scheduled!, lastSeq: scheduled!.toNumber() };
    });

    await run(async (client) => {
      const receiver = client.createReceiver('work');
      const peeked = await receiver.peekMessages(20);
      expect(peeked.map((m) => [m.body as unknown, m.state])).toEqual([
        ['locked at shutdown', 'active'],
        ['to defer', 'deferred'],
        ['abandoned', 'active'],
        ['scheduled', 'scheduled'],
      ]);
      const got = await receiveExactly(receiver, 2);
      expect(got.map((m) => [m.body as unknown, m.deliveryCount])).toEqual([
        ['locked at shutdown', 0],
        ['abandoned', 1],
      ]);
      for (const m of got) await receiver.completeMessage(m);
      const [deferred] = await receiver.receiveDeferredMessages([before.deferredSeq]);
      await receiver.completeMessage(deferred!);
      const dlq = client.createReceiver('work', {
        subQueueType: 'deadLetter',
        receiveMode: 'receiveAndDelete',
      });
      const [d] = await receiveExactly(dlq, 1);
      expect(d).toMatchObject({
        body: 'to dlq',
        deadLetterReason: 'kept',
        deadLetterErrorDescription: 'across restarts',
      });
      await client.createSender('work').cancelScheduledMessages([before.scheduled]);
      await client.createSender('work').sendMessages({ body: 'new' });
      const [fresh] = await receiveExactly(receiver, 1);
      expect(fresh!.sequenceNumber!.toNumber()).toBeGreaterThan(before.lastSeq);
      await receiver.completeMessage(fresh!);
      const session = await client.acceptSession('sessions', 'durable');
      expect(await session.getSessionState()).toBe('state-1');
      await session.close();
    });

    await run(async (client) => {
      const receiver = client.createReceiver('work');
      expect(await receiver.peekMessages(20)).toHaveLength(0);
    });
  });

  it('keeps the scheduled state Azure reports for a once-scheduled message that was already active (issue 18 item 3)', async () => {
    const seq = await run(async (client) => {
      const [s] = await client
        .createSender('competing')
        .scheduleMessages({ body: 'once scheduled' }, new Date(Date.now() + 200));
      const receiver = client.createReceiver('competing');
      // Received (so activated, and journalled as active) and given back before the restart.
      const [m] = await receiveExactly(receiver, 1);
      expect(m!.state).toBe('scheduled');
      await receiver.abandonMessage(m!);
      return s!;
    });
    await run(async (client) => {
      const receiver = client.createReceiver('competing');
      const [m] = await receiveExactly(receiver, 1);
      expect(m).toMatchObject({ body: 'once scheduled', state: 'scheduled', deliveryCount: 1 });
      expect(m!.sequenceNumber!.toNumber()).toBe(seq.toNumber());
      await receiver.completeMessage(m!);
    });
  });

  it('refuses to start twice', async () => {
    const { ServiceBusEmulator } = await import('../../../tools/servicebus/ServiceBusEmulator');
    const emulator = new ServiceBusEmulator({
      namespace: { queues: [], topics: [] },
      port: 0,
      host: '127.0.0.1',
      dataDir: undefined,
      httpPort: undefined,
    });
    await emulator.start();
    await expect(emulator.start()).rejects.toThrow(/cannot start/);
    await emulator.close();
  });
});
