import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topology } from '../../shared/platform/topology';
import { BUILT_IN_ROLES, COSMOS_BUILT_IN_ROLES } from './policy/builtInRoles';
import { INFRA_DIR, loadRoles } from './policy/loadInfra';

// Bicep passes each queue's topology properties to ARM unchanged, so they must be valid ARM queue properties.
const ARM_QUEUE_PROPERTIES = new Set([
  'lockDuration',
  'maxDeliveryCount',
  'defaultMessageTimeToLive',
  'deadLetteringOnMessageExpiration',
  'requiresDuplicateDetection',
  'duplicateDetectionHistoryTimeWindow',
  'requiresSession',
  'maxSizeInMegabytes',
  'forwardTo',
  'forwardDeadLetteredMessagesTo',
  'enableBatchedOperations',
  'enablePartitioning',
  'autoDeleteOnIdle',
  'enableExpress',
  'status',
]);

const ISO_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

function seconds(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(iso);
  if (!m) return NaN;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return Number(d) * 86400 + Number(h) * 3600 + Number(min) * 60 + Number(s);
}

describe('infra/topology.json as Bicep deploys it', () => {
  const queues = Object.entries(topology.serviceBus.queues);

  it.each(queues)('queue %s has only ARM queue properties, valid for the Standard tier', (_name, props) => {
    for (const key of Object.keys(props)) expect(ARM_QUEUE_PROPERTIES).toContain(key);
    for (const key of [
      'lockDuration',
      'defaultMessageTimeToLive',
      'duplicateDetectionHistoryTimeWindow',
    ] as const) {
      expect(props[key]).toMatch(ISO_DURATION);
    }
    expect(seconds(props.lockDuration)).toBeLessThanOrEqual(300);
    expect(seconds(props.duplicateDetectionHistoryTimeWindow)).toBeGreaterThanOrEqual(20);
    expect(seconds(props.duplicateDetectionHistoryTimeWindow)).toBeLessThanOrEqual(7 * 86400);
    expect([1024, 2048, 3072, 4096, 5120]).toContain(props.maxSizeInMegabytes);
    expect(props.maxDeliveryCount).toBeGreaterThanOrEqual(1);
  });

  it('keeps the orders queue contract of the issue: 10 deliveries, dead-letter on expiry, duplicate detection', () => {
    const orders = topology.serviceBus.queues.orders;
    expect(orders).toMatchObject({
      maxDeliveryCount: 10,
      deadLetteringOnMessageExpiration: true,
      requiresDuplicateDetection: true,
    });
    expect(topology.serviceBus.queues.emails).toBeDefined();
  });

  it('declares no topics (Bicep deploys queues only: add a topics loop with the first topic)', () => {
    expect(topology.serviceBus.topics).toEqual({});
  });

  it('gives every container a /path partition key and a valid TTL', () => {
    for (const db of Object.values(topology.cosmos.databases)) {
      for (const c of Object.values(db.containers)) {
        expect(c.partitionKey).toMatch(/^\/[A-Za-z_][\w/]*$/);
        if (c.defaultTtl !== undefined) expect(c.defaultTtl === -1 || c.defaultTtl > 0).toBe(true);
      }
    }
  });

  it('has the change-feed lease container next to the orders container', () => {
    expect(topology.cosmos.databases.orders?.containers.leases).toEqual({ partitionKey: '/id' });
  });
});

describe('infra/roles.json', () => {
  it('names only roles from the built-in role table, under keys that match their names', () => {
    const roles = loadRoles();
    const names: Record<string, string> = { ...BUILT_IN_ROLES, ...COSMOS_BUILT_IN_ROLES };
    for (const [key, id] of Object.entries(roles)) {
      const name = names[id];
      expect(name).toBeDefined();
      // storageBlobDataOwner <-> "Storage Blob Data Owner" (Azure/Cosmos DB prefixes aside).
      const squashed = (s: string): string =>
        s
          .toLowerCase()
          .replace(/[^a-z]/g, '')
          .replace(/^azure/, '');
      expect(squashed(name!).replace('builtin', '')).toContain(squashed(key).replace('builtin', ''));
    }
  });

  it('is valid JSON with a comment key only besides the roles', () => {
    const raw = JSON.parse(readFileSync(join(INFRA_DIR, 'roles.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(raw).filter((k) => typeof raw[k] !== 'string')).toEqual([]);
  });
});
