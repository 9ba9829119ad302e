import { ChangeFeedStartFrom, CosmosClient, StatusCodes } from '@azure/cosmos';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCosmosEmulator } from '../../../tools/cosmos';
import { spawnCosmosCli } from './spawnCosmosCli';

async function withClient<T>(endpoint: string, key: string, fn: (c: CosmosClient) => Promise<T>): Promise<T> {
  const client = new CosmosClient({ endpoint, key });
  try {
    return await fn(client);
  } finally {
    client.dispose();
  }
}

describe('offline Cosmos DB: --data-dir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cosmos-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps documents, deletes, container ids and change-feed continuations across a restart', async () => {
    const first = await startCosmosEmulator({ port: 0, dataDir: dir });
    const before = await withClient(first.endpoint, first.key, async (client) => {
      const orders = client.database('orders').container('orders');
      await orders.items.create({ id: 'a', customerId: 'c', version: 1 });
      await orders.items.create({ id: 'b', customerId: 'c', version: 1 });
      await orders.item('a', 'c').replace({ id: 'a', customerId: 'c', version: 2 });
      await orders.items.create({ id: 'gone', customerId: 'c', version: 1 });
      await orders.item('gone', 'c').delete();
      const iterator = orders.items.getChangeFeedIterator({
        changeFeedStartFrom: ChangeFeedStartFrom.Beginning(),
      });
      const page = await iterator.readNext();
      return {
        rid: (await orders.read()).resource?._rid,
        continuation: page.continuationToken,
        seen: page.result,
      };
    });
    await first.close();
    expect(before.seen.map((d: { id: string }) => d.id)).toEqual(['b', 'a']);

    const second = await startCosmosEmulator({ port: 0, dataDir: dir });
    await withClient(second.endpoint, second.key, async (client) => {
      const orders = client.database('orders').container('orders');
      expect((await orders.read()).resource?._rid).toBe(before.rid);
      expect((await orders.item('a', 'c').read<{ version: number }>()).resource?.version).toBe(2);
      expect((await orders.item('gone', 'c').read()).statusCode).toBe(404);
      // New ids must not collide with restored ones (the resource-id counter is restored too).
      await orders.items.create({ id: 'new', customerId: 'c', version: 1 });
      expect((await orders.item('b', 'c').read()).statusCode).toBe(200);
      const iterator = orders.items.getChangeFeedIterator({
        changeFeedStartFrom: ChangeFeedStartFrom.Continuation(before.continuation),
      });
      const page = await iterator.readNext();
      expect(page.result.map((d: { id: string }) => d.id)).toEqual(['new']);
      expect((await iterator.readNext()).statusCode).toBe(StatusCodes.NotModified);
    });
    await second.close();
  });

  it('refuses a continuation from an earlier run whose data is gone, instead of silently skipping writes', async () => {
    const first = await startCosmosEmulator({ port: 0 });
    const continuation = await withClient(first.endpoint, first.key, async (client) => {
      const users = client.database('identity').container('users');
      for (let i = 0; i < 5; i += 1) await users.items.create({ id: `u${i}` });
      const it = users.items.getChangeFeedIterator({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning() });
      return (await it.readNext()).continuationToken;
    });
    await first.close();
    const second = await startCosmosEmulator({ port: 0 });
    await withClient(second.endpoint, second.key, async (client) => {
      const users = client.database('identity').container('users');
      await users.items.create({ id: 'fresh' });
      const it = users.items.getChangeFeedIterator({
        changeFeedStartFrom: ChangeFeedStartFrom.Continuation(continuation),
      });
      await expect(it.readNext()).rejects.toMatchObject({
        code: 400,
        message: expect.stringMatching(/ahead of this container/) as unknown,
      });
    });
    await second.close();
  });

  it('loses no acknowledged write when the process is killed with SIGKILL', async () => {
    const { child, endpoint, exited } = await spawnCosmosCli(dir);
    try {
      await withClient(
        endpoint,
        'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
        async (client) => {
          const users = client.database('identity').container('users');
          for (let i = 0; i < 200; i += 1) await users.items.create({ id: `u${i}`, n: i });
        },
      );
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const again = await startCosmosEmulator({ port: 0, dataDir: dir });
    await withClient(again.endpoint, again.key, async (client) => {
      const { resources } = await client
        .database('identity')
        .container('users')
        .items.query('SELECT VALUE COUNT(1) FROM c')
        .fetchAll();
      expect(resources).toEqual([200]);
    });
    await again.close();
  });
});
