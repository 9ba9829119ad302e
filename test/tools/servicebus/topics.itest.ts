import { receiveExactly, startHarness, type Harness } from './harness';

describe('Service Bus emulator: topics, subscriptions and rules', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function drain(
    subscription: string,
  ): Promise<Array<[unknown, Record<string, unknown> | undefined, string | undefined]>> {
    const r = h.client.createReceiver('events', subscription, { receiveMode: 'receiveAndDelete' });
    const got = [];
    for (;;) {
      const batch = await r.receiveMessages(10, { maxWaitTimeInMs: 300 });
      if (batch.length === 0) break;
      got.push(...batch);
    }
    await r.close();
    return got.map((m) => [
      m.body as unknown,
      m.applicationProperties as Record<string, unknown> | undefined,
      m.to,
    ]);
  }

  it('copies each message to every subscription whose correlation or SQL filter matches, applying rule actions', async () => {
    await h.client.createSender('events').sendMessages([
      { body: 'eu-big', subject: 'order', applicationProperties: { region: 'eu', amount: 150 } },
      { body: 'us-small', subject: 'order', applicationProperties: { region: 'us', amount: 5 } },
      { body: 'no-label', applicationProperties: { amount: 500 } },
      { body: 'blocked', subject: 'order', applicationProperties: { region: 'blocked', amount: 1000 } },
    ]);
    expect((await drain('all')).map(([b]) => b)).toEqual(['eu-big', 'us-small', 'no-label', 'blocked']);
    expect((await drain('eu-orders')).map(([b]) => b)).toEqual(['eu-big']);
    expect(await drain('big-orders')).toEqual([
      ['eu-big', { region: 'eu', amount: 150, routed: 'big' }, 'vip'],
    ]);
    expect((await drain('unlabelled')).map(([b]) => b)).toEqual(['no-label']);
  });

  it('dead-letters into <topic>/Subscriptions/<sub>/$DeadLetterQueue', async () => {
    await h.client
      .createSender('events')
      .sendMessages({ body: 'to-dlq', subject: 'x', applicationProperties: { region: 'x' } });
    const r = h.client.createReceiver('events', 'all');
    const [m] = await receiveExactly(r, 1);
    await r.deadLetterMessage(m!, { deadLetterReason: 'Nope', deadLetterErrorDescription: 'test' });
    const dlq = h.client.createReceiver('events', 'all', {
      subQueueType: 'deadLetter',
      receiveMode: 'receiveAndDelete',
    });
    const [d] = await receiveExactly(dlq, 1);
    expect(d).toMatchObject({ body: 'to-dlq', deadLetterReason: 'Nope', deadLetterErrorDescription: 'test' });
    await r.close();
    await dlq.close();
  });

  it('detects duplicates at the topic and schedules and cancels on a topic', async () => {
    const sender = h.client.createSender('events');
    await sender.sendMessages({
      body: 'first',
      messageId: 'dup',
      subject: 'x',
      applicationProperties: { region: 'x' },
    });
    await sender.sendMessages({
      body: 'second',
      messageId: 'dup',
      subject: 'x',
      applicationProperties: { region: 'x' },
    });
    const [keep] = await sender.scheduleMessages(
      { body: 'scheduled', subject: 'x', applicationProperties: { region: 'x' } },
      new Date(Date.now() + 300),
    );
    const [drop] = await sender.scheduleMessages(
      { body: 'cancelled', subject: 'x', applicationProperties: { region: 'x' } },
      new Date(Date.now() + 300),
    );
    await sender.cancelScheduledMessages([drop!]);
    await expect(sender.cancelScheduledMessages([drop!])).rejects.toMatchObject({ code: 'MessageNotFound' });
    const r = h.client.createReceiver('events', 'all', { receiveMode: 'receiveAndDelete' });
    const got = await receiveExactly(r, 2, 5000);
    expect(got.map((m) => m.body as unknown)).toEqual(['first', 'scheduled']);
    expect(got[1]!.sequenceNumber!.toNumber()).toBe(keep!.toNumber());
    expect(await r.receiveMessages(1, { maxWaitTimeInMs: 400 })).toHaveLength(0);
    await r.close();
  });

  it('does not let a sender attach to a subscription (subscriptions are receive-only)', async () => {
    await expect(
      h.client.createSender('events/Subscriptions/all').sendMessages({ body: 1 }),
    ).rejects.toMatchObject({ code: 'MessagingEntityNotFound' });
  });
});
