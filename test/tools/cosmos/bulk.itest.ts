import type { Container, OperationInput } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

describe('offline Cosmos DB: bulk operations through @azure/cosmos', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;

  beforeAll(async () => {
    ({ container } = await offline.client
      .database('orders')
      .containers.create({ id: 'bulk', partitionKey: { paths: ['/customerId'] } }));
    await container.items.create({ id: 'taken', customerId: 'bob', n: 1 });
  });

  it('applies each operation on its own, across partitions, Patch included; a failure fails only itself', async () => {
    const operations: OperationInput[] = [
      {
        operationType: 'Create',
        partitionKey: 'alice',
        resourceBody: { id: 'a', customerId: 'alice', n: 1 },
      },
      { operationType: 'Create', partitionKey: 'bob', resourceBody: { id: 'taken', customerId: 'bob' } },
      {
        operationType: 'Upsert',
        partitionKey: 'carol',
        resourceBody: { id: 'c', customerId: 'carol', n: 3 },
      },
      {
        operationType: 'Patch',
        id: 'taken',
        partitionKey: 'bob',
        resourceBody: [{ op: 'incr', path: '/n', value: 4 }],
      },
      { operationType: 'Read', id: 'missing', partitionKey: 'dave' },
    ];
    const results = await container.items.executeBulkOperations(operations);
    expect(results.map((r) => r.response?.statusCode ?? r.error?.code)).toEqual([201, 409, 201, 200, 404]);
    expect((await container.item('a', 'alice').read()).statusCode).toBe(200);
    expect((await container.item('c', 'carol').read()).statusCode).toBe(200);
    expect((await container.item('taken', 'bob').read<{ n: number }>()).resource?.n).toBe(5);
  });
});
