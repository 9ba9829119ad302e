import { ChangeFeedStartFrom, type Container } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

// Cosmos DB shows `_lsn` in change-feed pages only; item reads, queries, writes and batch results do not
// carry it, so a client that compares or round-trips documents sees only fields it wrote (plus _rid, _self,
// _etag, _ts, _attachments).
describe('offline Cosmos DB: _lsn only in change-feed pages', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;

  beforeAll(() => {
    container = offline.client.database('analytics').container('dashboards');
  });

  it('keeps _lsn out of every item answer', async () => {
    const created = (await container.items.create({ id: 'l1', n: 1 })).resource;
    const read = (await container.item('l1', 'l1').read<object>()).resource;
    const replaced = (await container.item('l1', 'l1').replace({ id: 'l1', n: 2 })).resource;
    const upserted = (await container.items.upsert({ id: 'l1', n: 3 })).resource;
    const patched = (await container.item('l1', 'l1').patch<object>([{ op: 'incr', path: '/n', value: 1 }]))
      .resource;
    const batch = await container.items.batch([{ operationType: 'Read', id: 'l1' }], 'l1');
    const queried = (
      await container.items
        .query<object>({
          query: 'SELECT * FROM c WHERE c.id = @id',
          parameters: [{ name: '@id', value: 'l1' }],
        })
        .fetchAll()
    ).resources;
    const all = (await container.items.readAll().fetchAll()).resources;
    for (const doc of [
      created,
      read,
      replaced,
      upserted,
      patched,
      batch.result?.[0]?.resourceBody,
      ...queried,
      ...all,
    ]) {
      expect(doc).toBeDefined();
      expect(doc).not.toHaveProperty('_lsn');
    }
    // A round trip gives back exactly what was last written.
    expect((await container.item('l1', 'l1').read()).resource).toEqual(patched);
  });

  it('does not keep an _lsn the client sends', async () => {
    await container.items.create({ id: 'l2', _lsn: 99 });
    expect((await container.item('l2', 'l2').read()).resource).not.toHaveProperty('_lsn');
  });

  it('puts an increasing _lsn in change-feed pages', async () => {
    await container.items.create({ id: 'l3' });
    await container.items.upsert({ id: 'l3', v: 2 });
    const page = await container.items
      .getChangeFeedIterator<{ _lsn: number }>({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning() })
      .readNext();
    const lsns = page.result.map((d) => d._lsn);
    expect(lsns.length).toBeGreaterThan(1);
    for (const lsn of lsns) expect(Number.isInteger(lsn)).toBe(true);
    expect([...lsns].sort((a, b) => a - b)).toEqual(lsns);
  });
});
