import type { Container } from '@azure/cosmos';
import fc from 'fast-check';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

/** Fixed, so a failure replays; fast-check prints the seed and the shrunk counterexample when it fails. */
const SEED = 20_261_206;

/** What the SDK itself refuses before sending (whitespace-only ids) or what cannot be a path segment. */
function sdkSendable(id: string): boolean {
  return !/^\s*$/.test(id) && id !== '.' && id !== '..';
}

describe('offline Cosmos DB: item ids', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;

  beforeAll(() => {
    // Partition key /id: the id is also the partition key value, so both travel in every request.
    container = offline.client.database('analytics').container('dashboards');
  });

  it.each(['a?b', 'why?', '?'])(
    'refuses an id with "?" at create (400), so no unreadable item is stored: %j',
    async (id) => {
      await expect(container.items.create({ id })).rejects.toMatchObject({ code: 400 });
      await expect(container.items.upsert({ id })).rejects.toMatchObject({ code: 400 });
      const batch = await container.items.batch([{ operationType: 'Create', resourceBody: { id } }], id);
      expect(batch.result?.[0]?.statusCode).toBe(400);
    },
  );

  it.each(['a/b', 'a\\b', 'a#b'])(
    'refuses %j at create over the wire (the SDK refuses it before sending)',
    async (id) => {
      const res = await fetch(`${offline.emulator.endpoint}dbs/analytics/colls/dashboards/docs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ms-documentdb-partitionkey': JSON.stringify([id]) },
        body: JSON.stringify({ id }),
      });
      expect(res.status).toBe(400);
    },
  );

  it('refuses an id over 1,023 bytes and accepts one of exactly 1,023', async () => {
    await expect(container.items.create({ id: 'x'.repeat(1024) })).rejects.toMatchObject({ code: 400 });
    await expect(container.items.create({ id: 'é'.repeat(512) })).rejects.toMatchObject({ code: 400 });
    const id = 'y'.repeat(1023);
    expect((await container.items.create({ id })).statusCode).toBe(201);
    expect((await container.item(id, id).read()).statusCode).toBe(200);
  });

  it('round-trips every id it accepts: create, read, replace, patch, query, delete', async () => {
    const allowed = fc
      .oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 }),
      )
      .filter((id) => !/[/\\?#]/.test(id) && sdkSendable(id));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(allowed, async (raw) => {
        // A suffix keeps runs apart (shrinking replays ids); it cannot make an accepted id rejected.
        const id = `${raw}~${(n += 1)}`;
        const item = container.item(id, id);
        expect((await container.items.create({ id, v: 1 })).statusCode).toBe(201);
        expect((await item.read<{ v: number }>()).resource?.v).toBe(1);
        expect((await item.replace({ id, v: 2 })).statusCode).toBe(200);
        expect((await item.patch<{ v: number }>([{ op: 'incr', path: '/v', value: 1 }])).resource?.v).toBe(3);
        const found = await container.items
          .query<{ v: number }>({
            query: 'SELECT * FROM c WHERE c.id = @id',
            parameters: [{ name: '@id', value: id }],
          })
          .fetchAll();
        expect(found.resources.map((d) => d.v)).toEqual([3]);
        expect((await item.delete()).statusCode).toBe(204);
        expect((await item.read()).statusCode).toBe(404);
      }),
      { seed: SEED, numRuns: 80 },
    );
  });
});
