import { receiveExactly } from '../harness';
import { startAdminHarness, type AdminHarness } from './adminHarness';

describe('Service Bus administration API: queues through ServiceBusAdministrationClient', () => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates a queue with properties, gets it, and it is usable over AMQP at once', async () => {
    const created = await h.admin.createQueue('made-at-runtime', {
      lockDuration: 'PT45S',
      maxDeliveryCount: 3,
      requiresDuplicateDetection: true,
      duplicateDetectionHistoryTimeWindow: 'PT2M',
      defaultMessageTimeToLive: 'P2D',
      deadLetteringOnMessageExpiration: true,
      maxSizeInMegabytes: 2048,
      forwardDeadLetteredMessagesTo: 'work',
      userMetadata: 'made by a test',
    });
    expect(created).toMatchObject({
      name: 'made-at-runtime',
      lockDuration: 'PT45S',
      maxDeliveryCount: 3,
      requiresDuplicateDetection: true,
      duplicateDetectionHistoryTimeWindow: 'PT2M',
      defaultMessageTimeToLive: 'P2D',
      deadLetteringOnMessageExpiration: true,
      maxSizeInMegabytes: 2048,
      requiresSession: false,
      enablePartitioning: false,
      userMetadata: 'made by a test',
      status: 'Active',
    });
    expect(created.forwardDeadLetteredMessagesTo).toMatch(/\/work$/);
    expect(await h.admin.getQueue('made-at-runtime')).toMatchObject({
      name: 'made-at-runtime',
      maxDeliveryCount: 3,
    });
    expect(await h.admin.queueExists('made-at-runtime')).toBe(true);
    expect(await h.admin.queueExists('never-made')).toBe(false);

    await h.client.createSender('made-at-runtime').sendMessages([
      { body: 'a', messageId: 'x' },
      { body: 'a again', messageId: 'x' },
    ]);
    const r = h.client.createReceiver('made-at-runtime');
    const [m] = await receiveExactly(r, 1);
    expect(m!.body).toBe('a');
    await r.completeMessage(m!);
    await r.close();
  });

  it('reports runtime counts that match what was sent, scheduled and dead-lettered', async () => {
    await h.admin.createQueue('counted');
    const sender = h.client.createSender('counted');
    await sender.sendMessages([{ body: 1 }, { body: 2 }, { body: 3 }, { body: 4 }]);
    await sender.scheduleMessages([{ body: 's1' }, { body: 's2' }], new Date(Date.now() + 3_600_000));
    const r = h.client.createReceiver('counted');
    const got = await receiveExactly(r, 2);
    await r.deadLetterMessage(got[0]!);
    await r.completeMessage(got[1]!);
    const props = await h.admin.getQueueRuntimeProperties('counted');
    expect(props).toMatchObject({
      name: 'counted',
      activeMessageCount: 2,
      deadLetterMessageCount: 1,
      scheduledMessageCount: 2,
      transferMessageCount: 0,
      transferDeadLetterMessageCount: 0,
      totalMessageCount: 5,
    });
    expect(props.sizeInBytes).toBeGreaterThan(0);
    expect(props.createdAt).toBeInstanceOf(Date);
    await r.close();
  });

  it('updates a queue in place and refuses to change requiresSession', async () => {
    const q = await h.admin.createQueue('updatable');
    const updated = await h.admin.updateQueue({
      ...q,
      lockDuration: 'PT2M',
      maxDeliveryCount: 7,
      forwardTo: 'work',
    });
    expect(updated).toMatchObject({ lockDuration: 'PT2M', maxDeliveryCount: 7 });
    expect(updated.forwardTo).toMatch(/\/work$/);
    await expect(h.admin.updateQueue({ ...updated, requiresSession: true })).rejects.toMatchObject({
      statusCode: 400,
    });
    await h.client.createSender('updatable').sendMessages({ body: 'forwarded' });
    const r = h.client.createReceiver('work', { receiveMode: 'receiveAndDelete' });
    expect((await receiveExactly(r, 1))[0]!.body).toBe('forwarded');
    await r.close();
  });

  it('deletes a queue with its messages: not found afterwards, and re-created empty', async () => {
    await h.admin.createQueue('doomed');
    await h.client.createSender('doomed').sendMessages([{ body: 1 }, { body: 2 }]);
    await h.admin.deleteQueue('doomed');
    await expect(h.admin.getQueue('doomed')).rejects.toMatchObject({
      code: 'MessageEntityNotFoundError',
      statusCode: 404,
    });
    await expect(h.client.createSender('doomed').sendMessages({ body: 3 })).rejects.toMatchObject({
      code: 'MessagingEntityNotFound',
    });
    await h.admin.createQueue('doomed');
    expect(await h.admin.getQueueRuntimeProperties('doomed')).toMatchObject({ totalMessageCount: 0 });
    await expect(h.admin.deleteQueue('never-made')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('answers a second create with 409 MessageEntityAlreadyExistsError, and refuses what it does not support with 400', async () => {
    await expect(h.admin.createQueue('work')).rejects.toMatchObject({
      code: 'MessageEntityAlreadyExistsError',
      statusCode: 409,
    });
    await expect(h.admin.createQueue('events')).rejects.toMatchObject({ statusCode: 409 });
    await expect(h.admin.createQueue('partitioned', { enablePartitioning: true })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/EnablePartitioning/) as unknown,
    });
    await expect(h.admin.createQueue('bad name!')).rejects.toMatchObject({ statusCode: 400 });
    await expect(h.admin.createQueue('to-nowhere', { forwardTo: 'missing' })).rejects.toMatchObject({
      statusCode: 400,
    });
    expect(await h.admin.queueExists('partitioned')).toBe(false);
  });

  it('concurrent creates of one name: exactly one succeeds, the others get 409 (20 trials of 8)', async () => {
    // Invariant: the existence check and the insert run in one synchronous step after the body is parsed.
    for (let trial = 0; trial < 20; trial++) {
      const name = `raced-${trial}`;
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => h.admin.createQueue(name, { maxDeliveryCount: i + 1 })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ statusCode: 409 });
      const winner = (won[0] as PromiseFulfilledResult<{ maxDeliveryCount: number }>).value;
      expect((await h.admin.getQueue(name)).maxDeliveryCount).toBe(winner.maxDeliveryCount);
      await h.admin.deleteQueue(name);
    }
  });

  it('pages queue lists past the 100-entry page and at small page sizes', async () => {
    const before = [];
    for await (const q of h.admin.listQueues()) before.push(q.name);
    const names = Array.from({ length: 150 }, (_, i) => `paged-${String(i).padStart(3, '0')}`);
    for (const name of names) await h.admin.createQueue(name);
    const all = [];
    for await (const q of h.admin.listQueues()) all.push(q.name);
    expect(all).toHaveLength(before.length + 150);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((n) => n.startsWith('paged-'))).toEqual(names);
    const pages = [];
    for await (const page of h.admin.listQueues().byPage({ maxPageSize: 7 })) pages.push(page.length);
    expect(pages.length).toBe(Math.ceil(all.length / 7));
    expect(pages.slice(0, -1).every((n) => n === 7)).toBe(true);
    const runtime = [];
    for await (const q of h.admin.listQueuesRuntimeProperties()) runtime.push(q.name);
    expect(runtime).toEqual(all);
    await Promise.all(names.map((n) => h.admin.deleteQueue(n)));
  });

  it('answers getNamespaceProperties', async () => {
    expect(await h.admin.getNamespaceProperties()).toMatchObject({
      messagingSku: 'Standard',
      name: 'sbemulatorns',
    });
  });
});
