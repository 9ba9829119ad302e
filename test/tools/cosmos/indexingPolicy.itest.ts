import type { Database } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

describe('offline Cosmos DB: indexing policy', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let db: Database;

  beforeAll(async () => {
    db = (await offline.client.databases.create({ id: 'indexing' })).database;
  });

  it("returns Cosmos DB's default policy and geospatial configuration for a container created without them", async () => {
    const { resource } = await db.containers.create({ id: 'plain', partitionKey: '/pk' });
    expect(resource?.indexingPolicy).toEqual({
      indexingMode: 'consistent',
      automatic: true,
      includedPaths: [{ path: '/*' }],
      excludedPaths: [{ path: '/"_etag"/?' }],
    });
    expect(resource?.geospatialConfig).toEqual({ type: 'Geography' });
    const read = await db.container('plain').read();
    expect(read.resource?.indexingPolicy).toEqual(resource?.indexingPolicy);
  });

  it('returns the policy that was set, with _etag excluded as Cosmos DB adds it', async () => {
    const { resource } = await db.containers.create({
      id: 'custom',
      partitionKey: '/pk',
      indexingPolicy: {
        includedPaths: [{ path: '/name/?' }],
        excludedPaths: [{ path: '/*' }],
        compositeIndexes: [
          [
            { path: '/a', order: 'ascending' },
            { path: '/b', order: 'descending' },
          ],
        ],
      },
    });
    expect(resource?.indexingPolicy).toMatchObject({
      indexingMode: 'consistent',
      automatic: true,
      includedPaths: [{ path: '/name/?' }],
      excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }],
      compositeIndexes: [
        [
          { path: '/a', order: 'ascending' },
          { path: '/b', order: 'descending' },
        ],
      ],
    });
  });

  it('honours indexing mode none: point operations work, queries are refused unless a scan is allowed', async () => {
    const { container, resource } = await db.containers.create({
      id: 'kv',
      partitionKey: '/pk',
      indexingPolicy: { indexingMode: 'none', automatic: false },
    });
    expect(resource?.indexingPolicy?.indexingMode).toBe('none');
    await container.items.create({ id: 'k', pk: 'p' });
    expect((await container.item('k', 'p').read()).statusCode).toBe(200);
    await expect(container.items.query('SELECT * FROM c').fetchAll()).rejects.toMatchObject({ code: 400 });
    const scanned = await container.items.query('SELECT * FROM c', { enableScanInQuery: true }).fetchAll();
    expect(scanned.resources).toHaveLength(1);
  });
});
