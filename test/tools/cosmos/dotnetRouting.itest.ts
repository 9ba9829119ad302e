import { startCosmosEmulator, type CosmosEmulator } from '../../../tools/cosmos';
import { PKRANGES_ETAG } from '../../../tools/cosmos/partitionKeyRangeFeed';

// What Microsoft.Azure.Cosmos needs that @azure/cosmos never asks for (found by test/dotnet): the
// partition-key-range feed ends in 304, and a point read of a missing document is a 404.
describe('Cosmos DB emulator: requests the .NET SDK makes', () => {
  let emulator: CosmosEmulator;
  beforeAll(async () => {
    emulator = await startCosmosEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, emulator.endpoint), { headers });

  it('reads the partition-key-range feed with an etag, then 304 for If-None-Match', async () => {
    const first = await get('dbs/orders/colls/orders/pkranges', { 'a-im': 'Incremental Feed' });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(PKRANGES_ETAG);
    const body = (await first.json()) as { PartitionKeyRanges: unknown[] };
    expect(body.PartitionKeyRanges.length).toBeGreaterThan(0);
    const again = await get('dbs/orders/colls/orders/pkranges', {
      'a-im': 'Incremental Feed',
      'if-none-match': PKRANGES_ETAG,
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 NotFound to a point read of a missing document', async () => {
    const res = await get('dbs/orders/colls/orders/docs/nope', { 'x-ms-documentdb-partitionkey': '["c1"]' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('NotFound');
  });
});
