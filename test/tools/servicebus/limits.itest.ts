import { receiveExactly, startHarness, type Harness } from './harness';

describe('Service Bus emulator: limits, duplicate detection, forwarding and unsupported operations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('rejects a message over 256 KB with MessageSizeExceeded', async () => {
    const sender = h.client.createSender('work');
    await expect(sender.sendMessages({ body: Buffer.alloc(300 * 1024, 1) })).rejects.toMatchObject({
      code: 'MessageSizeExceeded',
    });
    // A batch is bounded by the link's advertised 256 KB as well.
    const batch = await sender.createMessageBatch();
    expect(batch.maxSizeInBytes).toBe(256 * 1024);
    expect(batch.tryAddMessage({ body: Buffer.alloc(250 * 1024, 1) })).toBe(true);
    expect(batch.tryAddMessage({ body: Buffer.alloc(10 * 1024, 1) })).toBe(false);
    const receiver = h.client.createReceiver('work');
    expect(await receiver.peekMessages(1)).toHaveLength(0);
    await receiver.close();
  });

  it('rejects sends with QuotaExceeded once maxSizeInMegabytes is reached', async () => {
    const sender = h.client.createSender('tiny');
    let accepted = 0;
    let error: unknown;
    for (let i = 0; i < 10 && !error; i++) {
      try {
        await sender.sendMessages({ body: Buffer.alloc(200 * 1024, i) });
        accepted++;
      } catch (err) {
        error = err;
      }
    }
    expect(accepted).toBe(5);
    expect(error).toMatchObject({ code: 'QuotaExceeded' });
    // A sender that keeps pushing past the quota (200 concurrent sends) is refused every time, and the link stays up.
    const refused = await Promise.allSettled(
      Array.from({ length: 200 }, () => sender.sendMessages({ body: Buffer.alloc(100 * 1024) })),
    );
    const codes = refused.map((r) =>
      r.status === 'rejected' ? (r.reason as { code?: string }).code : 'accepted',
    );
    expect(new Set(codes)).toEqual(new Set(['QuotaExceeded']));
    // Nothing already accepted was lost, and nothing refused slipped in. Draining makes room again.
    const receiver = h.client.createReceiver('tiny', { receiveMode: 'receiveAndDelete' });
    const kept = await receiveExactly(receiver, 5);
    expect(kept.map((m) => (m.body as Buffer)[0])).toEqual([0, 1, 2, 3, 4]);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toHaveLength(0);
    await sender.sendMessages({ body: 'fits again' });
    await receiver.close();
  });

  it('drops a duplicate messageId within the detection window (the send still succeeds)', async () => {
    const sender = h.client.createSender('dedupe');
    await sender.sendMessages({ body: 'one', messageId: 'same-id' });
    await sender.sendMessages({ body: 'two', messageId: 'same-id' });
    await sender.sendMessages([
      { body: 'three', messageId: 'other-id' },
      { body: 'four', messageId: 'same-id' },
    ]);
    const receiver = h.client.createReceiver('dedupe', { receiveMode: 'receiveAndDelete' });
    const got = await receiveExactly(receiver, 2);
    expect(got.map((m) => m.body as unknown)).toEqual(['one', 'three']);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 })).toHaveLength(0);
    await receiver.close();
  });

  it('auto-forwards with forwardTo', async () => {
    await h.client.createSender('forwarder').sendMessages({ body: 'hop' });
    const source = h.client.createReceiver('forwarder');
    expect(await source.peekMessages(1)).toHaveLength(0);
    const target = h.client.createReceiver('forward-target', { receiveMode: 'receiveAndDelete' });
    const [m] = await receiveExactly(target, 1);
    expect(m!.body).toBe('hop');
    await source.close();
    await target.close();
  });

  it('forwards dead letters with forwardDeadLetteredMessagesTo, marking the dead-letter source', async () => {
    await h.client.createSender('dlq-forwarder').sendMessages({ body: 'bad' });
    const receiver = h.client.createReceiver('dlq-forwarder');
    const [m] = await receiveExactly(receiver, 1);
    await receiver.abandonMessage(m!);
    const target = h.client.createReceiver('dlq-target', { receiveMode: 'receiveAndDelete' });
    const [d] = await receiveExactly(target, 1);
    expect(d).toMatchObject({
      body: 'bad',
      deadLetterReason: 'MaxDeliveryCountExceeded',
      deadLetterSource: 'dlq-forwarder',
    });
    await receiver.close();
    await target.close();
  });

  it('fails loudly with amqp:not-implemented for operations the emulator does not support', async () => {
    const rules = h.client.createRuleManager('events', 'all');
    await expect(rules.createRule('new-rule', { sqlExpression: '1=1' })).rejects.toThrow(
      /not supported by the offline Service Bus emulator/,
    );
  });
});
