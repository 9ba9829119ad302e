import type {
  CorrelationRuleFilter,
  RuleProperties,
  ServiceBusRuleManager,
  SqlRuleFilter,
} from '@azure/service-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectCode, receiveExactly, startHarness, type Harness } from '../harness';

/** Every rule, through the public listRules(). */
async function rulesOf(rm: ServiceBusRuleManager): Promise<RuleProperties[]> {
  const rules: RuleProperties[] = [];
  for await (const rule of rm.listRules()) rules.push(rule);
  return rules;
}

/** Everything the rule manager lists, page by page (the SDK sends skip/top on enumerate-rules). */
async function allRules(h: Harness, sub: string, pageSize?: number): Promise<RuleProperties[][]> {
  const pages: RuleProperties[][] = [];
  for await (const page of h.client
    .createRuleManager('events', sub)
    .listRules()
    .byPage({ maxPageSize: pageSize }))
    pages.push(page);
  return pages;
}

describe('Service Bus emulator: rule manager (add-rule, remove-rule, enumerate-rules)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists $Default, adds SQL and correlation rules with actions, and lists them by name as Azure does', async () => {
    const rm = h.client.createRuleManager('events', 'all');
    const before = await rulesOf(rm);
    expect(before).toEqual([{ name: '$Default', filter: { sqlExpression: '1=1' }, action: {} }]);

    await rm.createRule('sqlRule', { sqlExpression: 'price > 10' });
    const applicationProperties = {
      key1: 'value1',
      key2: 2,
      key3: true,
      key4: new Date('2000-01-01T00:00:00Z'),
    };
    const correlation: CorrelationRuleFilter = {
      correlationId: 'correlationId',
      subject: 'label',
      messageId: 'messageId',
      applicationProperties,
      replyTo: 'replyTo',
      replyToSessionId: 'replyToSessionId',
      sessionId: 'sessionId',
      to: 'to',
      contentType: 'application/json',
    };
    await rm.createRule('correlationRule', correlation, { sqlExpression: "SET CorrelationId = 'newValue'" });

    const rules = await rulesOf(rm);
    expect(rules.map((r) => r.name)).toEqual(['$Default', 'correlationRule', 'sqlRule']);
    expect((rules[2]!.filter as SqlRuleFilter).sqlExpression).toBe('price > 10');
    expect(rules[2]!.action).toEqual({});
    expect(rules[1]!.action).toEqual({ sqlExpression: "SET CorrelationId = 'newValue'" });
    expect(rules[1]!.filter).toEqual(correlation);

    await rm.deleteRule('sqlRule');
    await rm.deleteRule('correlationRule');
    expect((await rulesOf(rm)).map((r) => r.name)).toEqual(['$Default']);
  });

  it('pages rules past ten pages with listRules().byPage', async () => {
    const rm = h.client.createRuleManager('events', 'unlabelled');
    const names = Array.from({ length: 40 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    for (const name of names) await rm.createRule(name, { sqlExpression: `n = ${name.slice(1)}` });
    const pages = await allRules(h, 'unlabelled', 3);
    expect(pages.length).toBe(14); // 41 rules (with $Default) in pages of 3
    expect(pages.every((p) => p.length <= 3)).toBe(true);
    const unlabelledDefault = (await rulesOf(h.client.createRuleManager('events', 'unlabelled')))[0];
    expect(pages.flat().map((r) => r.name)).toEqual([unlabelledDefault!.name, ...names].sort());
    for (const name of names) await rm.deleteRule(name);
  });

  it('answers a duplicate name with MessagingEntityAlreadyExists, a missing one with MessagingEntityNotFound, bad SQL with an error that changes nothing', async () => {
    const rm = h.client.createRuleManager('events', 'all');
    await rm.createRule('dup', { subject: 'yellow' });
    await expect(rm.createRule('dup', { subject: 'red' })).rejects.toMatchObject({
      code: 'MessagingEntityAlreadyExists',
      message: expect.stringMatching(/The messaging entity '.*dup' already exists\./) as unknown,
    });
    await expectCode(rm.deleteRule('no-such-rule'), 'MessagingEntityNotFound');
    await expect(rm.createRule('broken', { sqlExpression: 'price >' })).rejects.toThrow(/Invalid SQL filter/);
    await expect(
      rm.createRule('broken', { sqlExpression: '1=1' }, { sqlExpression: 'SET' }),
    ).rejects.toThrow();
    expect((await rulesOf(rm)).map((r) => r.name)).toEqual(['$Default', 'dup']);
    await expectCode(rulesOf(h.client.createRuleManager('events', 'no-such-sub')), 'MessagingEntityNotFound');
    await rm.deleteRule('dup');
  });

  it('routes by the rules as they change: true, false, correlation and SQL filters, with actions', async () => {
    const rm = h.client.createRuleManager('events', 'eu-orders');
    for (const r of await rulesOf(rm)) await rm.deleteRule(r.name);
    const sender = h.client.createSender('events');
    const receiver = h.client.createReceiver('events', 'eu-orders', { receiveMode: 'receiveAndDelete' });
    const colours = ['blue', 'red', 'yellow', 'red', 'blue'];
    const send = () =>
      sender.sendMessages(
        colours.map((c, i) => ({ body: i, subject: c, applicationProperties: { color: c } })),
      );

    await rm.createRule('none', { sqlExpression: '1=0' });
    await send();
    expect(await receiver.receiveMessages(10, { maxWaitTimeInMs: 300 })).toEqual([]);

    await rm.deleteRule('none');
    await rm.createRule('red', { subject: 'red' });
    await rm.createRule(
      'blueHigh',
      { sqlExpression: "color = 'blue'" },
      { sqlExpression: "SET priority = 'high'" },
    );
    await send();
    const got = await receiveExactly(receiver, 4);
    expect(got.map((m): unknown[] => [m.body, m.applicationProperties?.priority])).toEqual([
      [0, 'high'],
      [1, undefined],
      [3, undefined],
      [4, 'high'],
    ]);
    await receiver.close();
  });
});

describe('Service Bus emulator: rules persist with a data dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-rules-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps added and removed rules across restarts (each start compacts the log)', async () => {
    let h = await startHarness({ dataDir });
    const rm = h.client.createRuleManager('events', 'all');
    await rm.deleteRule('$Default');
    await rm.createRule(
      'onlyRed',
      { applicationProperties: { color: 'red', at: new Date(5) } },
      {
        sqlExpression: 'SET seen = 1',
      },
    );
    await h.close();

    for (let restart = 0; restart < 2; restart++) {
      h = await startHarness({ dataDir });
      const rules = await rulesOf(h.client.createRuleManager('events', 'all'));
      expect(rules).toEqual([
        {
          name: 'onlyRed',
          filter: expect.objectContaining({
            applicationProperties: { color: 'red', at: new Date(5) },
          }) as unknown,
          action: { sqlExpression: 'SET seen = 1' },
        },
      ]);
      await h.close();
    }

    h = await startHarness({ dataDir });
    await h.client.createSender('events').sendMessages([
      { body: 'blue', applicationProperties: { color: 'blue', at: new Date(5) } },
      { body: 'red', applicationProperties: { color: 'red', at: new Date(5) } },
    ]);
    const r = h.client.createReceiver('events', 'all', { receiveMode: 'receiveAndDelete' });
    const [m] = await receiveExactly(r, 1);
    expect([m!.body, m!.applicationProperties?.seen]).toEqual(['red', 1]);
    await h.close();
  });
});
