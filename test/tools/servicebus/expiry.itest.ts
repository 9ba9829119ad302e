import { receiveExactly, startHarness, type Harness } from './harness';

describe('Service Bus emulator: locks and time to live', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('redelivers a message whose lock expired, counts the attempt, and rejects the stale lock with MessageLockLost', async () => {
    await h.client.createSender('shortlock').sendMessages({ body: 'slow' });
    const receiver = h.client.createReceiver('shortlock', { maxAutoLockRenewalDurationInMs: 0 });
    const [first] = await receiveExactly(receiver, 1);
    const [second] = await receiveExactly(receiver, 1, 5000);
    expect(second!.sequenceNumber!.toNumber()).toBe(first!.sequenceNumber!.toNumber());
    expect(second!.deliveryCount).toBe(1);
    expect(second!.lockToken).not.toBe(first!.lockToken);
    await expect(receiver.completeMessage(first!)).rejects.toMatchObject({ code: 'MessageLockLost' });
    await expect(receiver.renewMessageLock(first!)).rejects.toMatchObject({ code: 'MessageLockLost' });
    await receiver.completeMessage(second!);
    await receiver.close();
  });

  it('dead-letters with MaxDeliveryCountExceeded when locks keep expiring', async () => {
    await h.client.createSender('shortlock').sendMessages({ body: 'never settled' });
    const receiver = h.client.createReceiver('shortlock', { maxAutoLockRenewalDurationInMs: 0 });
    await receiveExactly(receiver, 1);
    await receiveExactly(receiver, 1, 5000);
    const dlq = h.client.createReceiver('shortlock', {
      subQueueType: 'deadLetter',
      receiveMode: 'receiveAndDelete',
    });
    const [d] = await receiveExactly(dlq, 1, 5000);
    expect(d).toMatchObject({ body: 'never settled', deadLetterReason: 'MaxDeliveryCountExceeded' });
    await receiver.close();
    await dlq.close();
  });

  it('dead-letters expired messages with TTLExpiredException when deadLetteringOnMessageExpiration is on', async () => {
    const sender = h.client.createSender('ttl');
    await sender.sendMessages([{ body: 'entity default ttl' }, { body: 'own short ttl', timeToLive: 200 }]);
    const dlq = h.client.createReceiver('ttl', {
      subQueueType: 'deadLetter',
      receiveMode: 'receiveAndDelete',
    });
    const expired = await receiveExactly(dlq, 2, 5000);
    // The message with its own 200 ms TTL expires first; the dead-letter queue keeps original sequence numbers.
    const bySeq = [...expired].sort((a, b) => a.sequenceNumber!.toNumber() - b.sequenceNumber!.toNumber());
    expect(bySeq.map((m) => [m.body as unknown, m.deadLetterReason])).toEqual([
      ['entity default ttl', 'TTLExpiredException'],
      ['own short ttl', 'TTLExpiredException'],
    ]);
    const receiver = h.client.createReceiver('ttl');
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 100 })).toHaveLength(0);
    await receiver.close();
    await dlq.close();
  });

  it('drops expired messages when deadLetteringOnMessageExpiration is off', async () => {
    // The entity's 3 s default TTL applies. The management link is opened (an empty peek) before the send, so
    // the peek that must still see the message is one round trip, not a link attach, even on a loaded machine.
    const receiver = h.client.createReceiver('ttl-drop');
    expect(await receiver.peekMessages(1)).toHaveLength(0);
    await h.client.createSender('ttl-drop').sendMessages({ body: 'gone' });
    const peekedAtOnce = await receiver.peekMessages(1);
    expect(peekedAtOnce).toHaveLength(1);
    expect(peekedAtOnce[0]!.expiresAtUtc!.getTime()).toBeLessThanOrEqual(
      peekedAtOnce[0]!.enqueuedTimeUtc!.getTime() + 3000,
    );
    const deadline = Date.now() + 8000;
    while (
      Date.now() < deadline &&
      (await receiver.peekMessages(1, { fromSequenceNumber: peekedAtOnce[0]!.sequenceNumber! })).length > 0
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(
      await receiver.peekMessages(1, { fromSequenceNumber: peekedAtOnce[0]!.sequenceNumber! }),
    ).toHaveLength(0);
    const dlq = h.client.createReceiver('ttl-drop', { subQueueType: 'deadLetter' });
    expect(await dlq.peekMessages(1)).toHaveLength(0);
    await receiver.close();
    await dlq.close();
  });
});
