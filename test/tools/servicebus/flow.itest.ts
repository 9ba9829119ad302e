import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import { receiveExactly, startHarness, type Harness } from './harness';

interface EntityView {
  path: string;
  activeMessageCount: number;
  lockedMessageCount: number;
  scheduledMessageCount: number;
  deferredMessageCount: number;
  deadLetterMessageCount: number;
}

describe('Service Bus emulator: credit, drain, competing consumers and the visibility endpoint', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ httpPort: 0 });
  });
  afterAll(async () => {
    await h.close();
  });

  async function entity(path: string): Promise<EntityView> {
    const res = await fetch(`${h.emulator.httpUrl!}/entities`);
    const body = (await res.json()) as { entities: EntityView[] };
    return body.entities.find((e) => e.path === path)!;
  }

  it('locks only as many messages as the receiver gave credit for, and drains when fewer are available', async () => {
    await h.client.createSender('competing').sendMessages(Array.from({ length: 5 }, (_, i) => ({ body: i })));
    const receiver = h.client.createReceiver('competing');
    const two = await receiver.receiveMessages(2, { maxWaitTimeInMs: 2000 });
    expect(two).toHaveLength(2);
    expect(await entity('competing')).toMatchObject({ activeMessageCount: 5, lockedMessageCount: 2 });
    // Asks for 10 with 3 available: the SDK drains the rest of its credit, and the broker reports drained.
    const three = await receiver.receiveMessages(10, { maxWaitTimeInMs: 2000 });
    expect(three.map((m) => m.body as unknown)).toEqual([2, 3, 4]);
    for (const m of [...two, ...three]) await receiver.completeMessage(m);
    // The link is still usable after the drain.
    await h.client.createSender('competing').sendMessages({ body: 'after drain' });
    const [after] = await receiveExactly(receiver, 1);
    expect(after!.body).toBe('after drain');
    await receiver.completeMessage(after!);
    await receiver.close();
  });

  it('never gives one message to two competing receivers at the same time', async () => {
    const total = 200;
    await h.client
      .createSender('competing')
      .sendMessages(Array.from({ length: total }, (_, i) => ({ body: i })));
    const held = new Set<number>();
    const seen: number[] = [];
    const perReceiver = [0, 0, 0, 0];
    let overlap = 0;
    const receivers = perReceiver.map(() => h.client.createReceiver('competing'));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${seen.length} of ${total} messages received`)),
        20_000,
      );
      receivers.forEach((r, i) =>
        r.subscribe(
          {
            processMessage: async (m: ServiceBusReceivedMessage) => {
              const seq = m.sequenceNumber!.toNumber();
              if (held.has(seq)) overlap++;
              held.add(seq);
              await new Promise((res) => setTimeout(res, 1));
              held.delete(seq);
              seen.push(seq);
              perReceiver[i]!++;
              if (seen.length === total) {
                clearTimeout(timer);
                resolve();
              }
            },
            processError: (args) => {
              reject(args.error);
              return Promise.resolve();
            },
          },
          { maxConcurrentCalls: 5 },
        ),
      );
    });
    await Promise.all(receivers.map((r) => r.close()));
    expect(overlap).toBe(0);
    expect(new Set(seen).size).toBe(total);
    expect(perReceiver.every((n) => n > 0)).toBe(true);
    expect(await entity('competing')).toMatchObject({ activeMessageCount: 0, lockedMessageCount: 0 });
  });

  it('lists entities with active, scheduled, deferred and dead-letter counts, and peeks messages as JSON', async () => {
    const sender = h.client.createSender('work');
    await sender.sendMessages([
      { body: { n: 1 }, subject: 'visible', applicationProperties: { k: 'v' } },
      { body: 'to defer' },
      { body: 'to dlq' },
    ]);
    await sender.scheduleMessages({ body: 'later' }, new Date(Date.now() + 60_000));
    const receiver = h.client.createReceiver('work');
    const [, toDefer, toDlq] = await receiveExactly(receiver, 3);
    await receiver.deferMessage(toDefer!);
    await receiver.deadLetterMessage(toDlq!, { deadLetterReason: 'r', deadLetterErrorDescription: 'd' });
    expect(await entity('work')).toMatchObject({
      activeMessageCount: 1,
      scheduledMessageCount: 1,
      deferredMessageCount: 1,
      deadLetterMessageCount: 1,
    });
    const peek = (await (await fetch(`${h.emulator.httpUrl!}/entities/work/messages?count=10`)).json()) as {
      messages: Array<Record<string, unknown>>;
    };
    expect(peek.messages.map((m) => m.state)).toEqual(['active', 'deferred', 'scheduled']);
    expect(peek.messages[0]).toMatchObject({
      body: { n: 1 },
      subject: 'visible',
      applicationProperties: { k: 'v' },
      locked: true,
    });
    const dlq = (await (
      await fetch(`${h.emulator.httpUrl!}/entities/${encodeURIComponent('work/$DeadLetterQueue')}/messages`)
    ).json()) as { messages: Array<Record<string, unknown>> };
    expect(dlq.messages).toEqual([
      expect.objectContaining({
        body: 'to dlq',
        applicationProperties: { DeadLetterReason: 'r', DeadLetterErrorDescription: 'd' },
      }),
    ]);
    expect((await fetch(`${h.emulator.httpUrl!}/entities/nope/messages`)).status).toBe(404);
    expect((await fetch(`${h.emulator.httpUrl!}/entities`, { method: 'POST' })).status).toBe(405);
    await receiver.close();
  });
});
