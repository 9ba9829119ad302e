import { ChangeFeedStartFrom, CosmosClient, StatusCodes, type Container } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

interface Order {
  id: string;
  customerId: string;
  version: number;
}

/** Reads pages until the feed answers 304; returns the documents and the last continuation. */
async function drain(container: Container, from: ChangeFeedStartFrom) {
  const iterator = container.items.getChangeFeedIterator<Order>({
    changeFeedStartFrom: from,
    maxItemCount: 50,
  });
  const docs: Order[] = [];
  for (let page = 0; page < 1000; page += 1) {
    const response = await iterator.readNext();
    if (response.statusCode === StatusCodes.NotModified)
      return { docs, continuation: response.continuationToken };
    docs.push(...response.result);
  }
  throw new Error('change feed never caught up (no 304 after 1000 pages)');
}

describe('offline Cosmos DB: latest-version change feed through @azure/cosmos', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;

  // Each test gets a fresh container (same shape as orders/orders), so feeds never see another test's writes.
  let n = 0;
  beforeEach(async () => {
    n += 1;
    const { container: c } = await offline.client
      .database('orders')
      .containers.create({ id: `feed${n}`, partitionKey: { paths: ['/customerId'] } });
    container = c;
  });

  it('from the beginning returns every document once, in write order, then 304', async () => {
    for (let i = 0; i < 120; i += 1)
      await container.items.create({ id: `o${i}`, customerId: `c${i % 7}`, version: 1 });
    const { docs } = await drain(container, ChangeFeedStartFrom.Beginning());
    expect(docs.map((d) => d.id)).toEqual(Array.from({ length: 120 }, (_, i) => `o${i}`));
  });

  it('from now skips what was written before and returns what comes after', async () => {
    await container.items.create({ id: 'before', customerId: 'c', version: 1 });
    const iterator = container.items.getChangeFeedIterator<Order>({
      changeFeedStartFrom: ChangeFeedStartFrom.Now(),
    });
    expect((await iterator.readNext()).statusCode).toBe(StatusCodes.NotModified);
    await container.items.create({ id: 'after', customerId: 'c', version: 1 });
    const page = await iterator.readNext();
    expect(page.result.map((d) => d.id)).toEqual(['after']);
  });

  it('resumes from a saved continuation in a new client (consumer restart) without repeats or gaps', async () => {
    for (let i = 0; i < 30; i += 1)
      await container.items.create({ id: `a${i}`, customerId: 'c', version: 1 });
    const first = await drain(container, ChangeFeedStartFrom.Beginning());
    for (let i = 0; i < 30; i += 1)
      await container.items.create({ id: `b${i}`, customerId: 'c', version: 1 });
    const restarted = new CosmosClient({ endpoint: offline.emulator.endpoint, key: offline.emulator.key });
    const again = restarted.database('orders').container(container.id);
    const second = await drain(again, ChangeFeedStartFrom.Continuation(first.continuation));
    restarted.dispose();
    expect(first.docs).toHaveLength(30);
    expect(second.docs.map((d) => d.id)).toEqual(Array.from({ length: 30 }, (_, i) => `b${i}`));
  });

  it('returns each changed document once, in its latest version, and never a deleted one', async () => {
    await container.items.create({ id: 'x', customerId: 'c', version: 1 });
    await container.items.create({ id: 'gone', customerId: 'c', version: 1 });
    await container.items.create({ id: 'y', customerId: 'c', version: 1 });
    await container.item('x', 'c').replace({ id: 'x', customerId: 'c', version: 2 });
    await container.items.upsert({ id: 'x', customerId: 'c', version: 3 });
    await container.item('gone', 'c').delete();
    const { docs } = await drain(container, ChangeFeedStartFrom.Beginning());
    expect(docs.map((d) => [d.id, d.version])).toEqual([
      ['y', 1],
      ['x', 3],
    ]);
  });

  it('scopes a feed to one partition key, and serves the older changeFeed(pk) API', async () => {
    await container.items.create({ id: '1', customerId: 'alice', version: 1 });
    await container.items.create({ id: '2', customerId: 'bob', version: 1 });
    await container.items.create({ id: '3', customerId: 'alice', version: 1 });
    const { docs } = await drain(container, ChangeFeedStartFrom.Beginning('alice'));
    expect(docs.map((d) => d.id)).toEqual(['1', '3']);
    const legacy = container.items.changeFeed('bob', { startFromBeginning: true });
    const page = await legacy.fetchNext();
    expect(page.result.map((d: Order) => d.id)).toEqual(['2']);
    expect((await legacy.fetchNext()).statusCode).toBe(StatusCodes.NotModified);
  });

  it('offers one feed range covering the container, usable as a change-feed start', async () => {
    await container.items.create({ id: 'r', customerId: 'c', version: 1 });
    const ranges = await container.getFeedRanges();
    expect(ranges).toHaveLength(1);
    const { docs } = await drain(container, ChangeFeedStartFrom.Beginning(ranges[0]));
    expect(docs.map((d) => d.id)).toEqual(['r']);
  });

  it('starts from a point in time (If-Modified-Since)', async () => {
    await container.items.create({ id: 't', customerId: 'c', version: 1 });
    const past = await drain(container, ChangeFeedStartFrom.Time(new Date(Date.now() - 3_600_000)));
    expect(past.docs.map((d) => d.id)).toEqual(['t']);
    const future = await drain(container, ChangeFeedStartFrom.Time(new Date(Date.now() + 3_600_000)));
    expect(future.docs).toEqual([]);
  });

  it('misses nothing across 10,000 concurrent writes read while they happen', async () => {
    const ids = 2000;
    const writers = 8;
    const perWriter = 1250;
    const final = new Map<string, number>();
    const write = async (w: number) => {
      for (let i = 0; i < perWriter; i += 1) {
        // Each writer owns the ids w, w+writers, ...: versions of one id come from one writer, in order.
        const slot = (i * writers + w) % ids;
        const id = `o${slot}`;
        const version = (final.get(id) ?? 0) + 1;
        final.set(id, version);
        await container.items.upsert({ id, customerId: `c${slot % 13}`, version });
      }
    };
    const seen = new Map<string, number>();
    let regressions = 0;
    let writing = true;
    const iterator = container.items.getChangeFeedIterator<Order>({
      changeFeedStartFrom: ChangeFeedStartFrom.Beginning(),
      maxItemCount: 200,
    });
    const read = async () => {
      for (;;) {
        const done = !writing;
        const page = await iterator.readNext();
        for (const d of page.result) {
          if ((seen.get(d.id) ?? 0) >= d.version) regressions += 1;
          seen.set(d.id, d.version);
        }
        // Stop only on a 304 that started after the last write was acknowledged.
        if (done && page.statusCode === StatusCodes.NotModified) return;
      }
    };
    const reader = read();
    await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
    writing = false;
    await reader;
    expect(regressions).toBe(0);
    expect(seen.size).toBe(final.size);
    const wrong = [...final].filter(([id, v]) => seen.get(id) !== v);
    expect(wrong).toEqual([]);
  });
});
