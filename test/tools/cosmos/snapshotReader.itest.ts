import { ChangeFeedStartFrom, CosmosClient } from '@azure/cosmos';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCosmosEmulator } from '../../../tools/cosmos';
import {
  LEGACY_JOURNAL,
  LEGACY_SNAPSHOT,
  SNAPSHOT,
  type SnapshotLine,
} from '../../../tools/cosmos/dataDirFiles';
import { feedIds, startCompacted } from './snapshotSupport';

type Doc = Record<string, unknown> & { _rid: string };

/**
 * Rewrites a data dir into the format of earlier versions: `snapshot.json`, one JSON document
 * `{ format: 1, rc, databases: [{ data, rc, containers: [{ data, rc, lsn, docs }] }] }` (the shape the old
 * `dataDir.ts` wrote), and the writes since it in `journal.ndjson`.
 */
function toLegacy(dir: string): void {
  const lines = readFileSync(join(dir, SNAPSHOT), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as SnapshotLine);
  const legacy = {
    format: 1,
    rc: 0,
    databases: [] as Array<{
      data: Doc;
      rc: number;
      containers: Array<Record<string, unknown> & { docs: Doc[] }>;
    }>,
  };
  for (const line of lines) {
    if (line.t === 'head') legacy.rc = line.rc;
    if (line.t === 'db') legacy.databases.push({ data: line.data, rc: line.rc, containers: [] });
    if (line.t === 'coll')
      legacy.databases.at(-1)?.containers.push({ data: line.data, rc: line.rc, lsn: line.lsn, docs: [] });
    if (line.t === 'doc') legacy.databases.at(-1)?.containers.at(-1)?.docs.push(line.data);
  }
  writeFileSync(join(dir, LEGACY_SNAPSHOT), JSON.stringify(legacy));
  unlinkSync(join(dir, SNAPSHOT));
  const journals = readdirSync(dir).filter((f) => f.startsWith('journal.'));
  expect(journals).toHaveLength(1);
  renameSync(join(dir, journals[0] as string), join(dir, LEGACY_JOURNAL));
}

describe('offline Cosmos DB: a data dir of the earlier format', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cosmos-legacy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads snapshot.json + journal.ndjson, keeps the change feed, and moves them to the streamed format', async () => {
    const seeding = await startCosmosEmulator({ port: 0, dataDir: dir });
    let client = new CosmosClient({ endpoint: seeding.endpoint, key: seeding.key });
    let users = client.database('identity').container('users');
    for (let i = 0; i < 20; i += 1) await users.items.create({ id: `old${i}`, n: i });
    client.dispose();
    await seeding.close();
    // Compacted at start into a snapshot of 20 documents, then three writes in the journal after it.
    const first = await startCompacted(dir, 'compacted 20 ');
    client = new CosmosClient({ endpoint: first.endpoint, key: first.key });
    users = client.database('identity').container('users');
    await users.item('old0', 'old0').delete();
    await users.item('old1', 'old1').replace({ id: 'old1', n: 100 });
    await users.items.create({ id: 'journaled', n: 0 });
    const { ids, token } = await feedIds(users, ChangeFeedStartFrom.Beginning());
    client.dispose();
    await first.close();
    toLegacy(dir);

    const second = await startCosmosEmulator({ port: 0, dataDir: dir });
    client = new CosmosClient({ endpoint: second.endpoint, key: second.key });
    users = client.database('identity').container('users');
    expect((await feedIds(users, ChangeFeedStartFrom.Beginning())).ids).toEqual(ids);
    expect((await users.item('old0', 'old0').read()).statusCode).toBe(404);
    expect((await users.item('old1', 'old1').read<{ n: number }>()).resource?.n).toBe(100);
    await users.items.create({ id: 'new', n: 0 });
    expect((await feedIds(users, ChangeFeedStartFrom.Continuation(token))).ids).toEqual(['new']);
    client.dispose();
    await second.close();

    // A start over the floor compacts: the old files are replaced by snapshot.ndjson, nothing lost.
    const third = await startCompacted(dir);
    await third.close();
    expect([existsSync(join(dir, LEGACY_SNAPSHOT)), existsSync(join(dir, LEGACY_JOURNAL))]).toEqual([
      false,
      false,
    ]);
    const fourth = await startCosmosEmulator({ port: 0, dataDir: dir });
    client = new CosmosClient({ endpoint: fourth.endpoint, key: fourth.key });
    users = client.database('identity').container('users');
    expect((await feedIds(users, ChangeFeedStartFrom.Beginning())).ids).toEqual([...ids, 'new']);
    client.dispose();
    await fourth.close();
  });
});
