import { startHarness, receiveExactly, type Harness } from './harness';

describe('Service Bus emulator: send and receive with the official SDK', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('delivers a single message with its properties, sequence number, enqueued time and lock', async () => {
    const before = Date.now();
    await h.client.createSender('work').sendMessages({
      body: { orderId: 'o-1' },
      messageId: 'm-1',
      subject: 'order',
      correlationId: 'c-1',
      contentType: 'application/json',
      applicationProperties: { region: 'eu', amount: 42 },
    });
    const receiver = h.client.createReceiver('work');
    const [m] = await receiveExactly(receiver, 1);
    expect(m!.body).toEqual({ orderId: 'o-1' });
    expect(m!).toMatchObject({
      messageId: 'm-1',
      subject: 'order',
      correlationId: 'c-1',
      contentType: 'application/json',
      deliveryCount: 0,
    });
    expect(m!.applicationProperties).toEqual({ region: 'eu', amount: 42 });
    expect(m!.sequenceNumber!.toNumber()).toBeGreaterThan(0);
    expect(m!.enqueuedTimeUtc!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(m!.lockToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(m!.lockedUntilUtc!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    await receiver.completeMessage(m!);
    expect(await receiver.peekMessages(10)).toHaveLength(0);
    await receiver.close();
  });

  it('stamps a messageId when the sender gives none, and numbers batch messages in order', async () => {
    const sender = h.client.createSender('work');
    const batch = await sender.createMessageBatch();
    for (let i = 0; i < 5; i++) expect(batch.tryAddMessage({ body: `b${i}` })).toBe(true);
    await sender.sendMessages(batch);
    await sender.sendMessages([{ body: 'a0' }, { body: 'a1' }]);
    const receiver = h.client.createReceiver('work', { receiveMode: 'receiveAndDelete' });
    const got = await receiveExactly(receiver, 7);
    expect(got.map((m) => m.body as unknown)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'a0', 'a1']);
    const seqs = got.map((m) => m.sequenceNumber!.toNumber());
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(7);
    for (const m of got) expect(typeof m.messageId).toBe('string');
    expect(await receiver.peekMessages(10)).toHaveLength(0);
    await receiver.close();
  });

  it('dead-letters with reason and description into <queue>/$DeadLetterQueue', async () => {
    await h.client.createSender('work').sendMessages({ body: 'poison' });
    const receiver = h.client.createReceiver('work');
    const [m] = await receiveExactly(receiver, 1);
    await receiver.deadLetterMessage(m!, {
      deadLetterReason: 'Invalid',
      deadLetterErrorDescription: 'bad payload',
    });
    const dlq = h.client.createReceiver('work', { subQueueType: 'deadLetter' });
    const [d] = await receiveExactly(dlq, 1);
    expect(d).toMatchObject({
      body: 'poison',
      deadLetterReason: 'Invalid',
      deadLetterErrorDescription: 'bad payload',
    });
    expect(d!.sequenceNumber!.toNumber()).toBe(m!.sequenceNumber!.toNumber());
    await dlq.completeMessage(d!);
    await receiver.close();
    await dlq.close();
  });

  it('fails with MessagingEntityNotFound for an entity that is not configured (no auto-create)', async () => {
    await expect(h.client.createSender('no-such-queue').sendMessages({ body: 1 })).rejects.toMatchObject({
      code: 'MessagingEntityNotFound',
    });
    const receiver = h.client.createReceiver('no-such-queue');
    await expect(receiver.receiveMessages(1, { maxWaitTimeInMs: 500 })).rejects.toMatchObject({
      code: 'MessagingEntityNotFound',
    });
    await receiver.close();
  });
});
