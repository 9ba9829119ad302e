import { BulkOperationType, ChangeFeedStartFrom, type Container } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

describe('offline Cosmos DB: deleteAllItemsForPartitionKey', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;

  beforeAll(async () => {
    const { database } = await offline.client.databases.createIfNotExists({ id: 'pkdelete' });
    container = (await database.containers.create({ id: 'c', partitionKey: '/pk' })).container;
    // 1,000 items in the doomed partition: past any page or batch size the delete might stop at.
    for (let i = 0; i < 1_000; i += 100) {
      await container.items.executeBulkOperations(
        Array.from({ length: 100 }, (_, k) => ({
          operationType: BulkOperationType.Create,
          partitionKey: 'gone',
          resourceBody: { id: `g${i + k}`, pk: 'gone' },
        })),
      );
    }
    await container.items.create({ id: 'g0', pk: 'kept' });
  });

  it('deletes every item of the partition and nothing else; the deletes are not in the change feed', async () => {
    const feed = container.items.getChangeFeedIterator({ changeFeedStartFrom: ChangeFeedStartFrom.Now() });
    await feed.readNext();
    const res = await container.deleteAllItemsForPartitionKey('gone');
    expect(res.statusCode).toBe(200);
    expect((await container.item('g5', 'gone').read()).statusCode).toBe(404);
    const { resources } = await container.items
      .query<{ id: string; pk: string }>('SELECT * FROM c')
      .fetchAll();
    expect(resources.map((d) => [d.id, d.pk])).toEqual([['g0', 'kept']]);
    expect((await feed.readNext()).result).toEqual([]);
    expect((await container.items.create({ id: 'g5', pk: 'gone' })).statusCode).toBe(201);
  });
});
