import type { Container, OperationInput } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

interface Row {
  id: string;
  customerId: string;
  n: number;
}

describe('offline Cosmos DB: queries through @azure/cosmos', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;
  const rows: Row[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `q${i}`,
    customerId: `c${Math.floor(i / 100)}`,
    n: i % 13,
  }));

  beforeAll(async () => {
    ({ container } = await offline.client
      .database('orders')
      .containers.create({ id: 'queries', partitionKey: { paths: ['/customerId'] } }));
    // Ten transactional batches of 100, one customer each.
    for (let b = 0; b < 10; b += 1) {
      const ops: OperationInput[] = rows
        .slice(b * 100, b * 100 + 100)
        .map((r) => ({ operationType: 'Create', resourceBody: { ...r } }));
      expect((await container.items.batch(ops, `c${b}`)).code).toBe(200);
    }
  });

  it('answers a filtered query with every match', async () => {
    const { resources } = await container.items
      .query<Row>({ query: 'SELECT * FROM c WHERE c.n = @n', parameters: [{ name: '@n', value: 3 }] })
      .fetchAll();
    expect(resources.map((r) => r.id).sort()).toEqual(
      rows
        .filter((r) => r.n === 3)
        .map((r) => r.id)
        .sort(),
    );
  });

  it('pages with continuation tokens, every document exactly once', async () => {
    const iterator = container.items.query<Row>('SELECT c.id FROM c', { maxItemCount: 64 });
    const seen: string[] = [];
    let pages = 0;
    while (iterator.hasMoreResults() && pages < 100) {
      const page = await iterator.fetchNext();
      seen.push(...page.resources.map((r) => r.id));
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(16);
    expect(seen.sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('serves the SDK a query plan that leaves all the work to the server, so forced plans work too', async () => {
    const response = await fetch(`${offline.emulator.endpoint}dbs/orders/colls/queries/docs`, {
      method: 'POST',
      headers: { 'x-ms-cosmos-is-query-plan-request': 'True', 'content-type': 'application/query+json' },
      body: JSON.stringify({ query: 'SELECT VALUE COUNT(1) FROM c' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      queryInfo: { aggregates: [], orderBy: [] },
      queryRanges: [{ min: '', max: 'FF' }],
    });
    const count = await container.items
      .query('SELECT VALUE COUNT(1) FROM c', { forceQueryPlan: true })
      .fetchAll();
    expect(count.resources).toEqual([1000]);
    const top = await container.items
      .query<Row>('SELECT TOP 3 c.id, c.n FROM c ORDER BY c.n DESC', { forceQueryPlan: true })
      .fetchAll();
    expect(top.resources.map((r) => r.n)).toEqual([12, 12, 12]);
  });
});
