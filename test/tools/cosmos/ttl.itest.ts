import {
  BulkOperationType,
  ChangeFeedStartFrom,
  CosmosClient,
  type Container,
  type Database,
} from '@azure/cosmos';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCosmosEmulator, type CosmosEmulator } from '../../../tools/cosmos';

// TTL as Cosmos DB applies it: nothing expires unless the container has defaultTtl; then an item lives
// `ttl` (its own, else the default; -1 = forever) seconds after its last write (_ts, whole seconds), and is
// invisible from that moment to every read path. The emulator's clock is the test's, so expiry is exact.
const T0 = Date.UTC(2030, 0, 1);

describe('offline Cosmos DB: TTL', () => {
  let now = T0;
  let dir: string;
  let emulator: CosmosEmulator;
  let client: CosmosClient;
  let db: Database;

  const start = async () => {
    emulator = await startCosmosEmulator({ port: 0, dataDir: dir, clock: () => now });
    client = new CosmosClient({ endpoint: emulator.endpoint, key: emulator.key });
    db = client.database('ttl');
  };
  const stop = async () => {
    client.dispose();
    await emulator.close();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cosmos-ttl-'));
    await start();
    await client.databases.create({ id: 'ttl' });
  });
  afterAll(async () => {
    await stop();
    await rm(dir, { recursive: true, force: true });
  });

  const container = async (id: string, defaultTtl?: number): Promise<Container> =>
    (
      await db.containers.create({
        id,
        partitionKey: '/pk',
        ...(defaultTtl === undefined ? {} : { defaultTtl }),
      })
    ).container;
  const ids = async (c: Container) =>
    (await c.items.query<{ id: string }>('SELECT c.id FROM c').fetchAll()).resources.map((d) => d.id).sort();

  it('hides an expired item from reads, queries, the change feed and every point operation', async () => {
    const c = await container('expire', 10);
    now = T0 + 1_000;
    await c.items.create({ id: 'a', pk: 'p' });
    now = T0 + 10_999; // _ts is T0+1 s: the item lives until T0+11 s.
    expect((await c.item('a', 'p').read()).statusCode).toBe(200);
    now = T0 + 11_000;
    expect((await c.item('a', 'p').read()).statusCode).toBe(404);
    expect(await ids(c)).toEqual([]);
    const feed = await c.items
      .getChangeFeedIterator({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning() })
      .readNext();
    expect(feed.result).toEqual([]);
    await expect(c.item('a', 'p').replace({ id: 'a', pk: 'p' })).rejects.toMatchObject({ code: 404 });
    await expect(c.item('a', 'p').patch([{ op: 'set', path: '/x', value: 1 }])).rejects.toMatchObject({
      code: 404,
    });
    await expect(c.item('a', 'p').delete()).rejects.toMatchObject({ code: 404 });
    expect((await c.items.create({ id: 'a', pk: 'p' })).statusCode).toBe(201);
  });

  it("applies the item's ttl over the default, -1 as forever, and ignores item ttl when the container has no defaultTtl", async () => {
    const on = await container('perItem', -1);
    const off = await container('off');
    now = T0;
    await on.items.create({ id: 'short', pk: 'p', ttl: 5 });
    await on.items.create({ id: 'forever', pk: 'p' });
    await on.items.create({ id: 'never', pk: 'p', ttl: -1 });
    await off.items.create({ id: 'ignored', pk: 'p', ttl: 5 });
    const short = await container('short', 100);
    await short.items.create({ id: 'long', pk: 'p', ttl: 1000 });
    now = T0 + 1_000_000;
    expect(await ids(on)).toEqual(['forever', 'never']);
    expect(await ids(off)).toEqual(['ignored']);
    expect(await ids(short)).toEqual([]);
  });

  it('restarts a document’s lifetime on every write', async () => {
    const c = await container('rewrite', 10);
    now = T0;
    await c.items.create({ id: 'r', pk: 'p' });
    now = T0 + 9_000;
    await c.items.upsert({ id: 'r', pk: 'p', v: 2 });
    now = T0 + 18_000;
    expect((await c.item('r', 'p').read()).statusCode).toBe(200);
    now = T0 + 19_000;
    expect((await c.item('r', 'p').read()).statusCode).toBe(404);
  });

  it('re-evaluates expiry when the container defaultTtl is replaced', async () => {
    const c = await container('replaced');
    now = T0;
    await c.items.create({ id: 'x', pk: 'p' });
    const { resource } = await c.read();
    await c.replace({ ...resource!, defaultTtl: 60 });
    now = T0 + 60_000;
    expect((await c.item('x', 'p').read()).statusCode).toBe(404);
  });

  it.each([
    ['defaultTtl 0', { defaultTtl: 0 }],
    ['defaultTtl -10', { defaultTtl: -10 }],
    ['defaultTtl 1.5', { defaultTtl: 1.5 }],
  ])('refuses a container with %s (400)', async (_name, extra) => {
    await expect(db.containers.create({ id: 'bad', partitionKey: '/pk', ...extra })).rejects.toMatchObject({
      code: 400,
    });
  });

  it.each([0, -10, 1.5, '5', true])(
    'refuses an item with ttl %j (400) on create, upsert, replace, patch and batch',
    async (value) => {
      // Deliberately not a valid ttl: the SDK's types would refuse it.
      const ttl = value as number;
      const c = db.container('perItem');
      await expect(c.items.create({ id: 'bad', pk: 'p', ttl })).rejects.toMatchObject({ code: 400 });
      await expect(c.items.upsert({ id: 'bad', pk: 'p', ttl })).rejects.toMatchObject({ code: 400 });
      await c.items.upsert({ id: 'good', pk: 'p' });
      await expect(c.item('good', 'p').replace({ id: 'good', pk: 'p', ttl })).rejects.toMatchObject({
        code: 400,
      });
      await expect(
        c.item('good', 'p').patch([{ op: 'set', path: '/ttl', value: ttl }]),
      ).rejects.toMatchObject({ code: 400 });
      const batch = await c.items.batch(
        [{ operationType: 'Create', resourceBody: { id: 'bad', pk: 'p', ttl } }],
        'p',
      );
      expect(batch.result?.[0]?.statusCode).toBe(400);
    },
  );

  it('accepts ttl null as "use the container default"', async () => {
    const c = await container('nullTtl', 10);
    now = T0;
    await c.items.create({ id: 'n', pk: 'p', ttl: null as unknown as number });
    now = T0 + 10_000;
    expect((await c.item('n', 'p').read()).statusCode).toBe(404);
  });

  it('keeps expiry across a restart with --data-dir', async () => {
    const c = await container('durable', 100);
    now = T0;
    await c.items.create({ id: 'd', pk: 'p' });
    await c.items.create({ id: 'e', pk: 'p', ttl: 50 });
    await stop();
    now = T0 + 60_000;
    await start();
    expect(await ids(db.container('durable'))).toEqual(['d']);
    await stop();
    now = T0 + 100_000;
    await start();
    expect(await ids(db.container('durable'))).toEqual([]);
  });

  it('expires 2,000 items with 20 different lifetimes exactly on time (the expiry index, past its sizes)', async () => {
    const c = await container('many', -1);
    now = T0;
    for (let i = 0; i < 2_000; i += 100) {
      const ops = Array.from({ length: 100 }, (_, k) => ({
        operationType: BulkOperationType.Create,
        partitionKey: `p${(i + k) % 7}`,
        resourceBody: { id: `m${i + k}`, pk: `p${(i + k) % 7}`, ttl: ((i + k) % 20) + 1 },
      }));
      const results = await c.items.executeBulkOperations(ops);
      expect(results.filter((r) => r.response?.statusCode !== 201).slice(0, 2)).toEqual([]);
    }
    for (let s = 0; s <= 20; s += 1) {
      now = T0 + s * 1_000;
      const count = (await c.items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll()).resources[0];
      // Items with ttl t (100 of each) are gone once s >= t.
      expect(count).toBe(2_000 - 100 * s);
    }
  });
});
