import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefinitionStore } from '../../../../tools/servicebus/admin/DefinitionStore';
import { emptyOverlay, type DefinitionOverlay } from '../../../../tools/servicebus/admin/definitions';
import { NamespaceDefinitions } from '../../../../tools/servicebus/admin/NamespaceDefinitions';
import {
  defaultEntityProperties,
  type NamespaceConfig,
} from '../../../../tools/servicebus/config/NamespaceConfig';

const props = defaultEntityProperties;
const meta = { createdAt: 1, updatedAt: 2, extra: {} };
const files: NamespaceConfig = {
  queues: [{ name: 'orders', properties: props }],
  topics: [
    {
      name: 'events',
      properties: props,
      subscriptions: [
        {
          name: 'all',
          properties: props,
          rules: [{ name: '$Default', filter: { kind: 'true' }, action: undefined }],
        },
      ],
    },
  ],
};

describe('NamespaceDefinitions: the files with the run-time overlay applied', () => {
  it('follows the files for entities nobody touched at run time', () => {
    const d = new NamespaceDefinitions(files, emptyOverlay(), 5);
    expect([...d.queues.keys()]).toEqual(['orders']);
    expect(d.subscriptionsOf('EVENTS').map((s) => s.name)).toEqual(['all']);
    expect(d.queues.get('orders')!.createdAt).toBe(5);
  });

  it('replaces changed entities, drops deleted ones, and keeps run-time ones', () => {
    const overlay: DefinitionOverlay = {
      queues: {
        orders: { name: 'orders', properties: { ...props, maxDeliveryCount: 3 }, ...meta },
        extra: { name: 'extra', properties: props, ...meta },
      },
      topics: {},
      subscriptions: { 'events/all': null },
    };
    const d = new NamespaceDefinitions(files, overlay);
    expect(d.queues.get('orders')!.properties.maxDeliveryCount).toBe(3);
    expect(d.queues.has('extra')).toBe(true);
    expect(d.subscriptionsOf('events')).toEqual([]);
    expect(d.toNamespaceConfig().topics[0]!.subscriptions).toEqual([]);
  });

  it("a topic deleted and re-created at run time does not get the files' subscriptions back", () => {
    const overlay: DefinitionOverlay = {
      queues: {},
      topics: { events: { name: 'events', properties: props, ...meta } },
      subscriptions: { 'events/all': null },
    };
    expect(new NamespaceDefinitions(files, overlay).subscriptionsOf('events')).toEqual([]);
  });

  it('a name is a queue or a topic: an overlay queue replaces a topic of the files', () => {
    const overlay: DefinitionOverlay = {
      queues: { events: { name: 'events', properties: props, ...meta } },
      topics: {},
      subscriptions: {},
    };
    const d = new NamespaceDefinitions(files, overlay);
    expect(d.topics.has('events')).toBe(false);
    expect(d.subscriptions.size).toBe(0);
    expect(d.queues.has('events')).toBe(true);
  });
});

describe('DefinitionStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-defs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips Infinity (never expires) and dates (correlation values), leaving no temporary file', () => {
    const store = new DefinitionStore(dir);
    expect(store.load()).toEqual(emptyOverlay());
    const overlay: DefinitionOverlay = {
      queues: { q: { name: 'q', properties: { ...props, defaultMessageTimeToLiveMs: Infinity }, ...meta } },
      topics: { gone: null },
      subscriptions: {
        't/s': {
          topic: 't',
          name: 's',
          properties: props,
          rules: [
            {
              name: 'r',
              filter: { kind: 'correlation', system: {}, properties: { at: new Date(7), n: 1 } },
              action: undefined,
              createdAt: 3,
            },
          ],
          ...meta,
        },
      },
    };
    store.save(overlay);
    expect(new DefinitionStore(dir).load()).toEqual(overlay);
    expect(readdirSync(dir)).toEqual(['entities.json']);
  });
});
