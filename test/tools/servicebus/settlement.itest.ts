import { receiveExactly, startHarness, type Harness } from './harness';

describe('Service Bus emulator: settlement', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('abandon makes the message visible again with a higher delivery count and the modified properties', async () => {
    await h.client
      .createSender('work')
      .sendMessages({ body: 'again', applicationProperties: { attempt: 'first' } });
    const receiver = h.client.createReceiver('work');
    const [first] = await receiveExactly(receiver, 1);
    await receiver.abandonMessage(first!, { attempt: 'second', note: 'retry' });
    const [second] = await receiveExactly(receiver, 1);
    expect(second!.sequenceNumber!.toNumber()).toBe(first!.sequenceNumber!.toNumber());
    expect(second!.deliveryCount).toBe(1);
    expect(second!.applicationProperties).toEqual({ attempt: 'second', note: 'retry' });
    await receiver.completeMessage(second!);
    await receiver.close();
  });

  it('abandoning maxDeliveryCount times dead-letters with MaxDeliveryCountExceeded', async () => {
    await h.client.createSender('work').sendMessages({ body: 'poison' });
    const receiver = h.client.createReceiver('work');
    for (let i = 0; i < 3; i++) {
      const [m] = await receiveExactly(receiver, 1);
      expect(m!.deliveryCount).toBe(i);
      await receiver.abandonMessage(m!);
    }
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 })).toHaveLength(0);
    const dlq = h.client.createReceiver('work', {
      subQueueType: 'deadLetter',
      receiveMode: 'receiveAndDelete',
    });
    const [d] = await receiveExactly(dlq, 1);
    expect(d).toMatchObject({ body: 'poison', deadLetterReason: 'MaxDeliveryCountExceeded' });
    await receiver.close();
    await dlq.close();
  });

  it('defers a message, shows it as deferred in peek, and receives it by sequence number', async () => {
    await h.client.createSender('work').sendMessages({ body: 'later' });
    const receiver = h.client.createReceiver('work');
    const [m] = await receiveExactly(receiver, 1);
    await receiver.deferMessage(m!);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 })).toHaveLength(0);
    const peeked = await receiver.peekMessages(10, { fromSequenceNumber: m!.sequenceNumber! });
    expect(peeked.map((p) => p.state)).toEqual(['deferred']);
    const [deferred] = await receiver.receiveDeferredMessages([m!.sequenceNumber!]);
    expect(deferred).toMatchObject({ body: 'later', state: 'deferred' });
    await receiver.completeMessage(deferred!);
    await expect(receiver.receiveDeferredMessages([m!.sequenceNumber!])).rejects.toMatchObject({
      code: 'MessageNotFound',
    });
    await receiver.close();
  });

  it('renews a lock, then settles through the management link after the receiver link is gone', async () => {
    await h.client.createSender('work').sendMessages({ body: 'renew' });
    const receiver = h.client.createReceiver('work');
    const [m] = await receiveExactly(receiver, 1);
    const before = m!.lockedUntilUtc!.getTime();
    await new Promise((r) => setTimeout(r, 20));
    const renewed = await receiver.renewMessageLock(m!);
    expect(renewed.getTime()).toBeGreaterThan(before);
    await receiver.close();
    // A new receiver has no link for this delivery: the SDK settles through <entity>/$management.
    const other = h.client.createReceiver('work');
    await other.completeMessage(m!);
    await expect(other.completeMessage(m!)).rejects.toMatchObject({ code: 'MessageLockLost' });
    expect(await other.peekMessages(10, { fromSequenceNumber: m!.sequenceNumber! })).toHaveLength(0);
    await other.close();
  });

  it('schedules and cancels messages, and shows scheduled state in peek', async () => {
    const sender = h.client.createSender('work');
    const soon = new Date(Date.now() + 600);
    const [kept] = await sender.scheduleMessages({ body: 'scheduled' }, soon);
    const [cancelled] = await sender.scheduleMessages({ body: 'cancelled' }, new Date(Date.now() + 60_000));
    const receiver = h.client.createReceiver('work');
    const peeked = await receiver.peekMessages(10, { fromSequenceNumber: kept! });
    expect(peeked.map((p) => [p.body as unknown, p.state])).toEqual([
      ['scheduled', 'scheduled'],
      ['cancelled', 'scheduled'],
    ]);
    await sender.cancelScheduledMessages([cancelled!]);
    await expect(sender.cancelScheduledMessages([cancelled!])).rejects.toMatchObject({
      code: 'MessageNotFound',
    });
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 100 })).toHaveLength(0);
    const [m] = await receiveExactly(receiver, 1, 5000);
    expect(m!.body).toBe('scheduled');
    expect(m!.sequenceNumber!.toNumber()).toBe(kept!.toNumber());
    expect(m!.enqueuedTimeUtc!.getTime()).toBeGreaterThanOrEqual(soon.getTime() - 50);
    await receiver.completeMessage(m!);
    await receiver.close();
  });

  it('peeks in sequence order without locking', async () => {
    const sender = h.client.createSender('work');
    await sender.sendMessages([{ body: 'p1' }, { body: 'p2' }, { body: 'p3' }]);
    const receiver = h.client.createReceiver('work', { receiveMode: 'receiveAndDelete' });
    const peeked = await receiver.peekMessages(2);
    expect(peeked.map((m) => m.body as unknown)).toEqual(['p1', 'p2']);
    expect(peeked[0]!.lockToken).toBeUndefined();
    const got = await receiveExactly(receiver, 3);
    expect(got.map((m) => m.body as unknown)).toEqual(['p1', 'p2', 'p3']);
    await receiver.close();
  });
});
