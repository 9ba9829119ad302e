import { ChangeFeedStartFrom, CosmosClient, StatusCodes, type Container } from '@azure/cosmos';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay, setImmediate as nextTick } from 'node:timers/promises';
import { startCosmosEmulator } from '../../../tools/cosmos';
import { SNAPSHOT_TMP } from '../../../tools/cosmos/dataDirFiles';
import {
  copyOf,
  EMULATOR_KEY,
  newAckedWrites,
  PADDING,
  problemsOf,
  readBack,
  writeUntil,
  type AckedWrites,
} from './ackedWrites';
import { spawnCosmosCli } from './spawnCosmosCli';

const WRITERS = 6;

/** 150 documents of about 2 KB (two snapshot chunks), then a continuation at the end of the change feed. */
async function seed(users: Container): Promise<string> {
  await users.items.executeBulkOperations(
    Array.from({ length: 150 }, (_, i) => ({
      operationType: 'Create' as const,
      partitionKey: `seed-${i}`,
      resourceBody: { id: `seed-${i}`, version: 1, padding: PADDING },
    })),
  );
  const it = users.items.getChangeFeedIterator({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning() });
  for (;;) {
    const page = await it.readNext();
    if (page.statusCode === StatusCodes.NotModified) return page.continuationToken;
  }
}

describe('offline Cosmos DB: a crash during compaction loses nothing acknowledged', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cosmos-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the data dir as a kill -9 leaves it, at many moments of background compactions, restores every acknowledged write', async () => {
    // The files as they are between two event-loop turns are what a kill -9 at that moment leaves behind
    // (journal lines are written synchronously; a snapshot chunk in flight is cut as a kill would cut it).
    const data = join(dir, 'live');
    const emulator = await startCosmosEmulator({ port: 0, dataDir: data, compactFloorBytes: 0 });
    const client = new CosmosClient({ endpoint: emulator.endpoint, key: emulator.key });
    const users = client.database('identity').container('users');
    const continuation = await seed(users);
    const w = newAckedWrites();
    const copies: Array<{ path: string; at: AckedWrites }> = [];
    let midCompaction = 0;
    // Until enough copies caught a compaction under way (the temporary snapshot present), or this proves nothing.
    const done = () => midCompaction >= 10;
    const copier = async () => {
      for (let tick = 0; !done(); tick += 1) {
        await nextTick();
        const compacting = existsSync(join(data, SNAPSHOT_TMP));
        if (!compacting && tick % 50 !== 0) continue;
        const at = copyOf(w);
        const path = join(dir, `copy-${copies.length}`);
        try {
          cpSync(data, path, { recursive: true });
        } catch {
          rmSync(path, { recursive: true, force: true }); // the rename of the temporary file raced the copy
          continue;
        }
        copies.push({ path, at });
        if (compacting) midCompaction += 1;
      }
    };
    await Promise.all([
      copier(),
      ...Array.from({ length: WRITERS }, (_, i) => writeUntil(users, `w${i}`, w, done)),
    ]);
    client.dispose();
    await emulator.close();
    // Invariant: each copy holds every write acknowledged before it was taken (in-flight ones may be either).
    for (const copy of copies) {
      const again = await startCosmosEmulator({ port: 0, dataDir: copy.path });
      const problems = problemsOf(copy.at, await readBack(again.endpoint, continuation), /^w\d/);
      await again.close();
      expect({ copy: copy.path, problems }).toEqual({ copy: copy.path, problems: [] });
    }
  });

  it('kill -9 of the emulator process while it compacts, three times over, restores every acknowledged write', async () => {
    let continuation: string | undefined;
    const w = newAckedWrites();
    for (let trial = 0; trial < 3; trial += 1) {
      const { child, endpoint, exited, lines } = await spawnCosmosCli(dir, ['--compact-floor-bytes', '0']);
      let stop = false;
      try {
        if (trial > 0) {
          const back = await readBack(endpoint, continuation);
          expect({ trial, problems: problemsOf(w, back, /^w\d/) }).toEqual({ trial, problems: [] });
          // A write in flight at the kill was kept or not: from now on, what is there is what counts.
          for (const id of w.inFlight.keys()) w.acked.set(id, back.docs.get(id) ?? null);
          w.inFlight.clear();
        }
        const client = new CosmosClient({ endpoint, key: EMULATOR_KEY });
        const users = client.database('identity').container('users');
        continuation ??= await seed(users);
        const writers = Array.from({ length: WRITERS }, (_, i) =>
          writeUntil(users, `w${i}-t${trial}`, w, () => stop),
        );
        // Kill at a random moment after a compaction has begun (the writes go on during it).
        const compactions = lines.filter((l) => l.includes('compacting')).length;
        while (lines.filter((l) => l.includes('compacting')).length <= compactions) await delay(1);
        for (let n = Math.floor(Math.random() * 40); n > 0; n -= 1) await nextTick();
        child.kill('SIGKILL');
        await exited;
        stop = true;
        await Promise.all(writers);
        client.dispose();
      } finally {
        stop = true;
        child.kill('SIGKILL');
        await exited;
      }
    }
    const again = await startCosmosEmulator({ port: 0, dataDir: dir });
    const problems = problemsOf(w, await readBack(again.endpoint, continuation), /^w\d/);
    await again.close();
    expect(problems).toEqual([]);
    expect([...w.acked.keys()].length).toBeGreaterThan(0);
  });
});
