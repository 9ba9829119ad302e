import type { Container } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

// A container created without a partition key gets the SDK's default path, /_partitionKey: items are
// partitioned by their `_partitionKey` field, and those without one share the "no value" partition.
describe('offline Cosmos DB: the default partition key path /_partitionKey', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;

  beforeAll(async () => {
    const { database } = await offline.client.databases.createIfNotExists({ id: 'nokey' });
    container = (await database.containers.create({ id: 'plain' })).container;
  });

  it('reports /_partitionKey as the key', async () => {
    const { resource } = await container.read();
    expect(resource?.partitionKey?.paths).toEqual(['/_partitionKey']);
  });

  it('keeps the same id apart in two _partitionKey values', async () => {
    await container.items.create({ id: 'same', _partitionKey: 'a', v: 'a' });
    await container.items.create({ id: 'same', _partitionKey: 'b', v: 'b' });
    expect((await container.item('same', 'a').read<{ v: string }>()).resource?.v).toBe('a');
    expect((await container.item('same', 'b').read<{ v: string }>()).resource?.v).toBe('b');
    await expect(container.items.create({ id: 'same', _partitionKey: 'a' })).rejects.toMatchObject({
      code: 409,
    });
  });

  it('serves items without _partitionKey in the no-value partition', async () => {
    await container.items.create({ id: 'bare', v: 1 });
    expect((await container.item('bare').read<{ v: number }>()).resource?.v).toBe(1);
    expect((await container.item('bare', 'bare').read()).statusCode).toBe(404);
    await container.item('bare').replace({ id: 'bare', v: 2 });
    expect((await container.item('bare').read<{ v: number }>()).resource?.v).toBe(2);
    expect((await container.item('bare').delete()).statusCode).toBe(204);
  });
});
