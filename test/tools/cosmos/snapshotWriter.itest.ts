import { ChangeFeedStartFrom, CosmosClient } from '@azure/cosmos';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCosmosEmulator } from '../../../tools/cosmos';
import { SNAPSHOT } from '../../../tools/cosmos/dataDirFiles';
import { SNAPSHOT_CHUNK_CHARS } from '../../../tools/cosmos/snapshotWriter';
import { PADDING } from './ackedWrites';
import { feedIds, startCompacted } from './snapshotSupport';

const DOCS = 1_000;

describe('offline Cosmos DB: the streamed snapshot', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cosmos-snapshot-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a store of many snapshot chunks: documents, their change-feed order and a continuation', async () => {
    const first = await startCosmosEmulator({ port: 0, dataDir: dir });
    const client = new CosmosClient({ endpoint: first.endpoint, key: first.key });
    const users = client.database('identity').container('users');
    const ids = Array.from({ length: DOCS }, (_, i) => i);
    await users.items.executeBulkOperations(
      ids.map((i) => ({
        operationType: 'Create' as const,
        partitionKey: `u${i}`,
        resourceBody: { id: `u${i}`, n: i, padding: PADDING },
      })),
    );
    // Rewrites move documents to the end of the feed: the snapshot must keep that order, not the creation order.
    await users.items.executeBulkOperations(
      ids
        .filter((i) => i % 10 === 0)
        .map((i) => ({
          operationType: 'Replace' as const,
          id: `u${i}`,
          partitionKey: `u${i}`,
          resourceBody: { id: `u${i}`, n: -i, padding: PADDING },
        })),
    );
    const before = await feedIds(users, ChangeFeedStartFrom.Beginning());
    client.dispose();
    await first.close();

    // The start compacts the journal into snapshot.ndjson; the next start reads that snapshot alone.
    await (await startCompacted(dir)).close();
    const snapshot = readFileSync(join(dir, SNAPSHOT), 'utf8');
    expect(snapshot.length).toBeGreaterThan(5 * SNAPSHOT_CHUNK_CHARS);
    const lines = snapshot
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: string });
    expect(lines.filter((l) => l.t === 'doc')).toHaveLength(DOCS);
    expect([lines[0]?.t, lines.at(-1)]).toEqual(['head', { t: 'end', docs: DOCS }]);
    const journals = readdirSync(dir).filter((f) => f.startsWith('journal'));
    expect(journals.map((f) => statSync(join(dir, f)).size)).toEqual([0]);

    const again = await startCosmosEmulator({ port: 0, dataDir: dir });
    const check = new CosmosClient({ endpoint: again.endpoint, key: again.key });
    const restored = check.database('identity').container('users');
    expect((await feedIds(restored, ChangeFeedStartFrom.Beginning())).ids).toEqual(before.ids);
    const { resources } = await restored.items.query<number>('SELECT VALUE SUM(c.n) FROM c').fetchAll();
    expect(resources[0]).toBe((DOCS * (DOCS - 1)) / 2 - (2 * ((DOCS / 10) * (DOCS - 10))) / 2);
    await restored.items.create({ id: 'after', n: 0 });
    expect((await feedIds(restored, ChangeFeedStartFrom.Continuation(before.token))).ids).toEqual(['after']);
    check.dispose();
    await again.close();
  });
});
