import { CosmosClient, type Container, type OperationInput } from '@azure/cosmos';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR_KEY, startCosmosEmulator } from '../../../tools/cosmos';
import { spawnCosmosCli } from './spawnCosmosCli';

const DOCS_PER_BATCH = 10;

/** Batch `i`: ten documents plus an increment of the shared counter, in partition `p` of orders/orders. */
function batchOps(i: number): OperationInput[] {
  return [
    ...Array.from({ length: DOCS_PER_BATCH }, (_, j) => ({
      operationType: 'Create' as const,
      // Padding makes each journal record tens of kilobytes, so a kill is likely to land mid-record.
      resourceBody: { id: `b${i}-${j}`, customerId: 'p', batch: i, pad: 'x'.repeat(4000) },
    })),
    { operationType: 'Patch', id: 'counter', resourceBody: [{ op: 'incr', path: '/n', value: 1 }] },
  ];
}

/** Every batch must be wholly there or wholly absent, and the counter must count the ones that are. */
async function expectAllOrNothing(orders: Container): Promise<Set<number>> {
  const { resources } = await orders.items
    .query<{ batch: number }>("SELECT c.batch FROM c WHERE c.customerId = 'p' AND IS_DEFINED(c.batch)")
    .fetchAll();
  const perBatch = new Map<number, number>();
  for (const { batch } of resources) perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
  for (const [batch, count] of perBatch) expect({ batch, count }).toEqual({ batch, count: DOCS_PER_BATCH });
  const counter = (await orders.item('counter', 'p').read<{ n: number }>()).resource;
  expect(counter?.n).toBe(perBatch.size);
  return new Set(perBatch.keys());
}

describe('offline Cosmos DB: a transactional batch is durable all or nothing (--data-dir)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cosmos-batch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('journals a batch as one record; a torn last record restores none of its writes', async () => {
    const live = await startCosmosEmulator({ port: 0, dataDir: dir });
    const client = new CosmosClient({ endpoint: live.endpoint, key: live.key });
    const orders = client.database('orders').container('orders');
    await orders.items.create({ id: 'counter', customerId: 'p', n: 0 });
    expect((await orders.items.batch(batchOps(1), 'p')).code).toBe(200);
    expect((await orders.items.batch(batchOps(2), 'p')).code).toBe(200);
    // Copy the files as a crash would leave them, the last journal record torn half way.
    const crashed = mkdtempSync(join(tmpdir(), 'cosmos-crashed-'));
    try {
      const journals = readdirSync(dir).filter((f) => f.startsWith('journal.'));
      expect(journals).toHaveLength(1); // a fresh dir: the topology and the writes, no compaction yet
      const journal = journals[0] as string;
      const lines = readFileSync(join(dir, journal), 'utf8').split('\n').filter(Boolean);
      expect(lines.slice(-3).map((l) => (JSON.parse(l) as { t: string }).t)).toEqual([
        'doc+',
        'batch',
        'batch',
      ]);
      const last = lines.at(-1) as string;
      writeFileSync(
        join(crashed, journal),
        `${lines.slice(0, -1).join('\n')}\n${last.slice(0, last.length / 2)}`,
      );
      const restored = await startCosmosEmulator({ port: 0, dataDir: crashed });
      const client2 = new CosmosClient({ endpoint: restored.endpoint, key: restored.key });
      try {
        const kept = await expectAllOrNothing(client2.database('orders').container('orders'));
        expect([...kept]).toEqual([1]);
      } finally {
        client2.dispose();
        await restored.close();
      }
    } finally {
      client.dispose();
      await live.close();
      rmSync(crashed, { recursive: true, force: true });
    }
  });

  it('keeps every acknowledged batch, and no part of any other, after kill -9 during concurrent batches', async () => {
    const { child, endpoint, exited } = await spawnCosmosCli(dir);
    const acknowledged = new Set<number>();
    try {
      const client = new CosmosClient({ endpoint, key: EMULATOR_KEY });
      const orders = client.database('orders').container('orders');
      await orders.items.create({ id: 'counter', customerId: 'p', n: 0 });
      // Six writers keep batches in flight; the kill comes right after the 30th acknowledgement.
      let next = 0;
      const killAt = 30;
      const writer = async () => {
        while (next < 1000 && acknowledged.size < killAt) {
          const i = (next += 1);
          const response = await orders.items.batch(batchOps(i), 'p').catch(() => undefined);
          if (response?.code === 200) acknowledged.add(i);
          if (acknowledged.size >= killAt) child.kill('SIGKILL');
        }
      };
      await Promise.all(Array.from({ length: 6 }, writer));
      client.dispose();
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(30);

    const again = await startCosmosEmulator({ port: 0, dataDir: dir });
    const client = new CosmosClient({ endpoint: again.endpoint, key: again.key });
    try {
      const kept = await expectAllOrNothing(client.database('orders').container('orders'));
      for (const i of acknowledged) expect(kept.has(i)).toBe(true);
    } finally {
      client.dispose();
      await again.close();
    }
  });
});
