import type { Container } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

// Each test pins down one way the offline server differs from Cosmos DB, as listed in docs/cosmos.md.
// If the server changes, the test fails and the list there must change with it.
describe('offline Cosmos DB: known differences from Cosmos DB', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let orders: Container;

  beforeAll(async () => {
    orders = offline.client.database('orders').container('orders');
    await orders.items.create({ id: 'o1', customerId: 'alice', total: 10 });
    await orders.items.create({ id: 'o2', customerId: 'bob', total: 20 });
    await orders.items.create({ id: 'o3', customerId: 'bob', total: 30 });
  });

  it('ignores the partitionKey request option of a query (put the partition filter in WHERE)', async () => {
    const scoped = await orders.items.query('SELECT * FROM c', { partitionKey: 'alice' }).fetchAll();
    expect(scoped.resources).toHaveLength(3);
    const portable = await orders.items
      .query({
        query: 'SELECT * FROM c WHERE c.customerId = @c',
        parameters: [{ name: '@c', value: 'alice' }],
      })
      .fetchAll();
    expect(portable.resources.map((o: { id: string }) => o.id)).toEqual(['o1']);
  });

  it.each([
    ['GROUP BY', 'SELECT c.customerId, COUNT(1) AS n FROM c GROUP BY c.customerId'],
    ['DISTINCT', 'SELECT DISTINCT c.customerId FROM c'],
    ['OFFSET LIMIT', 'SELECT * FROM c OFFSET 1 LIMIT 1'],
  ])('rejects %s', async (_name, query) => {
    await expect(orders.items.query(query).fetchAll()).rejects.toMatchObject({ code: 400 });
  });

  it("refuses an id with '?' at create (400), where Cosmos DB's service stores it and then cannot read it by id", async () => {
    await expect(orders.items.create({ id: 'a?b', customerId: 'alice' })).rejects.toMatchObject({
      code: 400,
    });
  });

  it('builds no index: a query filtering on an excluded path is answered (by a scan)', async () => {
    const db = offline.client.database('orders');
    const { container } = await db.containers.create({
      id: 'unindexed',
      partitionKey: '/pk',
      indexingPolicy: { includedPaths: [{ path: '/pk/?' }], excludedPaths: [{ path: '/*' }] },
    });
    await container.items.create({ id: 'u1', pk: 'p', total: 5 });
    const { resources } = await container.items.query('SELECT * FROM c WHERE c.total = 5').fetchAll();
    expect(resources).toHaveLength(1);
  });
});
