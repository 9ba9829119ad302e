import {
  BulkOperationType,
  ChangeFeedStartFrom,
  PartitionKeyKind,
  type Container,
  type Database,
} from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

describe('offline Cosmos DB: partition key definitions and hierarchical keys', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let db: Database;
  let tenants: Container;

  beforeAll(async () => {
    db = (await offline.client.databases.create({ id: 'pk' })).database;
    tenants = (
      await db.containers.create({
        id: 'tenants',
        partitionKey: { paths: ['/tenant', '/user'], kind: PartitionKeyKind.MultiHash, version: 2 },
      })
    ).container;
  });

  it.each([
    ['a path with a space', { paths: ['/id ds'] }],
    ['a path without the leading slash', { paths: ['id'] }],
    ['a trailing slash', { paths: ['/id/'] }],
    ['a wildcard', { paths: ['/id/*'] }],
    ['two paths without kind MultiHash', { paths: ['/a', '/b'] }],
    ['four levels', { paths: ['/a', '/b', '/c', '/d'], kind: 'MultiHash', version: 2 }],
    ['MultiHash version 1', { paths: ['/a', '/b'], kind: 'MultiHash', version: 1 }],
    ['version 3', { paths: ['/a'], version: 3 }],
    ['an unknown kind', { paths: ['/a'], kind: 'Range2' }],
    ['the same path twice', { paths: ['/a', '/a'], kind: 'MultiHash', version: 2 }],
  ])('refuses a container with %s (400)', async (_name, partitionKey) => {
    await expect(
      db.containers.create({ id: 'bad', partitionKey: partitionKey as never }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('serves create, read, replace, patch and delete with the full hierarchical key', async () => {
    await tenants.items.create({ id: 'i1', tenant: 't1', user: 'u1', n: 1 });
    await tenants.items.create({ id: 'i1', tenant: 't1', user: 'u2', n: 2 });
    expect((await tenants.item('i1', ['t1', 'u1']).read<{ n: number }>()).resource?.n).toBe(1);
    expect((await tenants.item('i1', ['t1', 'u2']).read<{ n: number }>()).resource?.n).toBe(2);
    await tenants.item('i1', ['t1', 'u1']).replace({ id: 'i1', tenant: 't1', user: 'u1', n: 10 });
    const patched = await tenants
      .item('i1', ['t1', 'u1'])
      .patch<{ n: number }>([{ op: 'incr', path: '/n', value: 1 }]);
    expect(patched.resource?.n).toBe(11);
    expect((await tenants.item('i1', ['t1', 'u2']).delete()).statusCode).toBe(204);
    expect((await tenants.item('i1', ['t1', 'u2']).read()).statusCode).toBe(404);
  });

  it('refuses a point read with part of the hierarchical key (400)', async () => {
    await expect(tenants.item('i1', ['t1']).read()).rejects.toMatchObject({ code: 400 });
  });

  it('runs a transactional batch in one hierarchical partition', async () => {
    const pk = ['t2', 'u1'];
    const res = await tenants.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'b1', tenant: 't2', user: 'u1' } },
        {
          operationType: 'Patch',
          id: 'b1',
          resourceBody: { operations: [{ op: 'add', path: '/x', value: 1 }] },
        },
        { operationType: 'Read', id: 'b1' },
      ],
      pk,
    );
    expect(res.result?.map((r) => r.statusCode)).toEqual([201, 200, 200]);
    await expect(
      tenants.items.batch(
        [{ operationType: 'Create', resourceBody: { id: 'b2', tenant: 't2', user: 'other' } }],
        pk,
      ),
    ).rejects.toThrow(/different partition key value than the request/);
  });

  it('runs bulk operations with hierarchical keys', async () => {
    const results = await tenants.items.executeBulkOperations(
      Array.from({ length: 30 }, (_, i) => ({
        operationType: BulkOperationType.Create,
        partitionKey: ['t3', `u${i % 3}`],
        resourceBody: { id: `k${i}`, tenant: 't3', user: `u${i % 3}` },
      })),
    );
    expect(results.map((r) => r.response?.statusCode)).toEqual(Array.from({ length: 30 }, () => 201));
    expect((await tenants.item('k4', ['t3', 'u1']).read()).statusCode).toBe(200);
  });

  it('queries by a key prefix in WHERE and reads the change feed of one full key', async () => {
    const { resources } = await tenants.items
      .query<{ id: string }>({
        query: 'SELECT c.id FROM c WHERE c.tenant = @t',
        parameters: [{ name: '@t', value: 't3' }],
      })
      .fetchAll();
    expect(resources).toHaveLength(30);
    const page = await tenants.items
      .getChangeFeedIterator<{ id: string }>({
        changeFeedStartFrom: ChangeFeedStartFrom.Beginning(['t3', 'u0']),
      })
      .readNext();
    expect(page.result.map((d) => d.id).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `k${i * 3}`).sort(),
    );
  });
});
