import type { CorrelationRuleFilter, SqlRuleFilter } from '@azure/service-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { receiveExactly } from '../harness';
import { startAdminHarness, type AdminHarness } from './adminHarness';

describe('Service Bus administration API: topics, subscriptions and rules', () => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates a topic and subscriptions (default rule, and a rule in the create request) that route at once', async () => {
    const topic = await h.admin.createTopic('orders-rt', {
      requiresDuplicateDetection: true,
      maxSizeInMegabytes: 1024,
    });
    expect(topic).toMatchObject({
      name: 'orders-rt',
      requiresDuplicateDetection: true,
      enablePartitioning: false,
    });
    const all = await h.admin.createSubscription('orders-rt', 'all', {
      lockDuration: 'PT30S',
      maxDeliveryCount: 4,
    });
    expect(all).toMatchObject({
      topicName: 'orders-rt',
      subscriptionName: 'all',
      lockDuration: 'PT30S',
      maxDeliveryCount: 4,
    });
    await h.admin.createSubscription('orders-rt', 'big', {
      defaultRuleOptions: {
        name: 'bigOnly',
        filter: { sqlExpression: 'amount > 100' },
        action: { sqlExpression: "SET tier = 'gold'" },
      },
    });
    const rules = [];
    for await (const r of h.admin.listRules('orders-rt', 'big')) rules.push(r);
    expect(rules).toEqual([
      expect.objectContaining({
        name: 'bigOnly',
        filter: expect.objectContaining({ sqlExpression: 'amount > 100' }) as unknown,
      }),
    ]);
    expect((await h.admin.getRule('orders-rt', 'all', '$Default')).filter).toMatchObject({
      sqlExpression: '1=1',
    });

    await h.client.createSender('orders-rt').sendMessages([
      { body: 'small', applicationProperties: { amount: 5 } },
      { body: 'large', applicationProperties: { amount: 500 } },
    ]);
    const big = h.client.createReceiver('orders-rt', 'big', { receiveMode: 'receiveAndDelete' });
    const [m] = await receiveExactly(big, 1);
    expect([m!.body, m!.applicationProperties?.tier]).toEqual(['large', 'gold']);
    await big.close();
    expect(await h.admin.getSubscriptionRuntimeProperties('orders-rt', 'all')).toMatchObject({
      activeMessageCount: 2,
      totalMessageCount: 2,
    });
    expect(await h.admin.getTopicRuntimeProperties('orders-rt')).toMatchObject({ subscriptionCount: 2 });
    expect(await h.admin.subscriptionExists('orders-rt', 'all')).toBe(true);
    expect(await h.admin.topicExists('orders-rt')).toBe(true);
  });

  it('creates, gets, updates and deletes rules; the rule manager sees the same rules', async () => {
    await h.admin.createTopic('rules-rt');
    await h.admin.createSubscription('rules-rt', 's');
    const correlation: CorrelationRuleFilter = {
      subject: 'red',
      correlationId: 'c1',
      applicationProperties: { n: 1, half: 0.5, on: true, s: 'x', at: new Date('2020-01-02T03:04:05.000Z') },
    };
    const created = await h.admin.createRule('rules-rt', 's', 'red', correlation, {
      sqlExpression: 'SET seen = 1',
    });
    expect(created).toMatchObject({ name: 'red', action: { sqlExpression: 'SET seen = 1' } });
    expect(created.filter).toMatchObject(correlation);
    await expect(h.admin.createRule('rules-rt', 's', 'red', { sqlExpression: '1=1' })).rejects.toMatchObject({
      statusCode: 409,
      code: 'MessageEntityAlreadyExistsError',
    });
    const rule = await h.admin.getRule('rules-rt', 's', 'red');
    const updated = await h.admin.updateRule('rules-rt', 's', {
      ...rule,
      filter: { sqlExpression: "sys.Label = 'blue'" },
    });
    expect((updated.filter as SqlRuleFilter).sqlExpression).toBe("sys.Label = 'blue'");
    const seenByManager = [];
    for await (const r of h.client.createRuleManager('rules-rt', 's').listRules()) seenByManager.push(r.name);
    expect(seenByManager).toEqual(['$Default', 'red']);
    await h.admin.deleteRule('rules-rt', 's', 'red');
    await expect(h.admin.getRule('rules-rt', 's', 'red')).rejects.toMatchObject({ statusCode: 404 });
    expect(await h.admin.ruleExists('rules-rt', 's', '$Default')).toBe(true);
    await expect(h.admin.createRule('rules-rt', 's', 'bad', { sqlExpression: 'a >' })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('updates a subscription, lists subscriptions and topics past page boundaries, and deletes a topic with everything in it', async () => {
    await h.admin.createTopic('wide');
    const names = Array.from({ length: 25 }, (_, i) => `sub-${String(i).padStart(2, '0')}`);
    for (const n of names) await h.admin.createSubscription('wide', n);
    const sub = await h.admin.getSubscription('wide', 'sub-03');
    expect(
      await h.admin.updateSubscription({ ...sub, maxDeliveryCount: 2, forwardTo: 'work' }),
    ).toMatchObject({
      maxDeliveryCount: 2,
    });
    const pages = [];
    for await (const page of h.admin.listSubscriptions('wide').byPage({ maxPageSize: 2 }))
      pages.push(page.map((s) => s.subscriptionName));
    expect(pages).toHaveLength(13);
    expect(pages.flat()).toEqual(names);
    const topics = [];
    for await (const t of h.admin.listTopics()) topics.push(t.name);
    expect(topics).toEqual(expect.arrayContaining(['events', 'wide']));

    await h.client.createSender('wide').sendMessages({ body: 'kept' });
    await h.admin.deleteTopic('wide');
    await expect(h.admin.getSubscription('wide', 'sub-00')).rejects.toMatchObject({ statusCode: 404 });
    await h.admin.createTopic('wide');
    await h.admin.createSubscription('wide', 'sub-00');
    expect(await h.admin.getSubscriptionRuntimeProperties('wide', 'sub-00')).toMatchObject({
      totalMessageCount: 0,
    });
  });
});

describe('Service Bus administration API: entities persist with a data dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-admin-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps created, updated and deleted entities, their rules and messages across restarts', async () => {
    let h = await startAdminHarness({ dataDir });
    await h.admin.createQueue('rt-queue', { maxDeliveryCount: 3 });
    await h.admin.createTopic('rt-topic');
    await h.admin.createSubscription('rt-topic', 'rt-sub', {
      defaultRuleOptions: { name: 'only-red', filter: { subject: 'red' } },
    });
    await h.client.createSender('rt-queue').sendMessages({ body: 'survives' });
    await h.client.createSender('rt-topic').sendMessages([
      { body: 'red', subject: 'red' },
      { body: 'blue', subject: 'blue' },
    ]);
    const work = await h.admin.getQueue('work');
    await h.admin.updateQueue({ ...work, maxDeliveryCount: 9 });
    await h.admin.deleteQueue('competing');
    await h.close();

    for (let restart = 0; restart < 2; restart++) {
      h = await startAdminHarness({ dataDir });
      expect(await h.admin.getQueue('rt-queue')).toMatchObject({ maxDeliveryCount: 3 });
      expect(await h.admin.getQueue('work')).toMatchObject({ maxDeliveryCount: 9 });
      expect(await h.admin.queueExists('competing')).toBe(false);
      expect(await h.admin.getRule('rt-topic', 'rt-sub', 'only-red')).toMatchObject({
        filter: { subject: 'red' },
      });
      expect(await h.admin.getQueueRuntimeProperties('rt-queue')).toMatchObject({ activeMessageCount: 1 });
      expect(await h.admin.getSubscriptionRuntimeProperties('rt-topic', 'rt-sub')).toMatchObject({
        activeMessageCount: 1,
      });
      await h.close();
    }
  });
});
