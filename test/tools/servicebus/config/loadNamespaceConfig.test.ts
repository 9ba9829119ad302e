import { join } from 'node:path';
import {
  loadNamespaceConfig,
  parseEmulatorConfig,
  parseTopology,
} from '../../../../tools/servicebus/config/loadNamespaceConfig';
import { parseDurationMs } from '../../../../tools/servicebus/config/isoDuration';

describe('parseDurationMs', () => {
  it.each([
    ['PT1M', 60_000],
    ['P14D', 14 * 86_400_000],
    ['PT0.5S', 500],
    ['P1DT2H', 26 * 3_600_000],
    ['00:01:30', 90_000],
    ['1.00:00:00', 86_400_000],
  ])('%s = %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(['P1M', 'PT', '1 minute', ''])('rejects %j', (text) =>
    expect(() => parseDurationMs(text)).toThrow(),
  );
});

describe('namespace configuration', () => {
  it('reads the project topology with its queue properties', () => {
    const ns = parseTopology(
      {
        serviceBus: {
          queues: {
            orders: {
              lockDuration: 'PT1M',
              maxDeliveryCount: 10,
              defaultMessageTimeToLive: 'P14D',
              requiresDuplicateDetection: true,
              maxSizeInMegabytes: 1024,
            },
          },
          topics: {},
        },
      },
      'topology.json',
    );
    expect(ns.queues).toEqual([
      {
        name: 'orders',
        properties: expect.objectContaining({
          lockDurationMs: 60_000,
          maxDeliveryCount: 10,
          defaultMessageTimeToLiveMs: 14 * 86_400_000,
          requiresDuplicateDetection: true,
          maxSizeBytes: 1024 * 1024 * 1024,
        }) as unknown,
      },
    ]);
  });

  it('reads topics, subscriptions and rules from the topology', () => {
    const ns = parseTopology(
      {
        serviceBus: {
          queues: {},
          topics: {
            t: {
              subscriptions: {
                s: { lockDuration: 'PT5S', rules: { r: { sqlFilter: 'a = 1', action: "SET b = 'x'" } } },
                d: {},
              },
            },
          },
        },
      },
      'topology.json',
    );
    expect(ns.topics[0]!.subscriptions.map((s) => [s.name, s.properties.lockDurationMs, s.rules])).toEqual([
      ['s', 5000, [{ name: 'r', filter: { kind: 'sql', expression: 'a = 1' }, action: "SET b = 'x'" }]],
      ['d', 60_000, [{ name: '$Default', filter: { kind: 'true' }, action: undefined }]],
    ]);
  });

  it("reads the official emulator's Config.json (PascalCase, correlation and SQL rules, empty forward names)", () => {
    const ns = loadNamespaceConfig({ config: join(__dirname, '..', 'fixtures', 'Config.json') });
    expect(ns.queues.find((q) => q.name === 'work')!.properties).toMatchObject({
      lockDurationMs: 30_000,
      maxDeliveryCount: 3,
      forwardTo: undefined,
    });
    const events = ns.topics.find((t) => t.name === 'events')!;
    expect(events.subscriptions.find((s) => s.name === 'eu-orders')!.rules[0]!.filter).toEqual({
      kind: 'correlation',
      system: { Label: 'order' },
      properties: { region: 'eu' },
    });
    expect(
      parseEmulatorConfig(
        { UserConfig: { Namespaces: [{ Queues: [{ Name: 'q', Properties: { ForwardTo: '' } }] }] } },
        'c',
      ).queues[0]!.properties.forwardTo,
    ).toBeUndefined();
  });

  it('lets Config.json override a topology entity of the same name and rejects duplicates within a file', () => {
    const ns = loadNamespaceConfig({
      topology: join(__dirname, '..', '..', '..', '..', 'infra', 'topology.json'),
      config: join(__dirname, '..', 'fixtures', 'Config.json'),
    });
    expect(ns.queues.map((q) => q.name)).toEqual(expect.arrayContaining(['orders', 'emails', 'work']));
    expect(() =>
      parseTopology({ serviceBus: { queues: { a: { lockDuration: 'soon' } } } }, 'bad.json'),
    ).toThrow(/bad.json queue 'a'/);
  });
});
