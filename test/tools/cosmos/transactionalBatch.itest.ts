import {
  ChangeFeedStartFrom,
  StatusCodes,
  type Container,
  type OperationInput,
  type OperationResponse,
} from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

interface Order {
  id: string;
  customerId: string;
  n?: number;
  total?: number;
  _etag: string;
}

const statuses = (results: OperationResponse[] | undefined) => (results ?? []).map((r) => r.statusCode);

describe('offline Cosmos DB: transactional batch through @azure/cosmos', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;

  // A fresh container per test (shaped like orders/orders), so feeds and ids never see another test's writes.
  let n = 0;
  beforeEach(async () => {
    n += 1;
    const { container: c } = await offline.client
      .database('orders')
      .containers.create({ id: `batch${n}`, partitionKey: { paths: ['/customerId'] } });
    container = c;
  });

  async function seed(id: string, body: Record<string, unknown> = {}): Promise<Order> {
    const { resource } = await container.items.create<Record<string, unknown>>({
      id,
      customerId: 'alice',
      ...body,
    });
    return resource as unknown as Order;
  }

  async function read(id: string, customerId = 'alice'): Promise<Order | undefined> {
    return (await container.item(id, customerId).read<Order>()).resource;
  }

  /** A continuation at the feed's current end, and a check that nothing was written after it. */
  async function feedMark() {
    const iterator = container.items.getChangeFeedIterator<Order>({
      changeFeedStartFrom: ChangeFeedStartFrom.Now(),
    });
    expect((await iterator.readNext()).statusCode).toBe(StatusCodes.NotModified);
    return async () => {
      const page = await iterator.readNext();
      return page.statusCode === StatusCodes.NotModified ? [] : page.result.map((d) => d.id);
    };
  }

  it('commits create, patch incr and replace-with-If-Match together, answering 200 with each result', async () => {
    const agg = await seed('agg', { n: 1 });
    const target = await seed('target', { n: 0 });
    const changes = await feedMark();
    const response = await container.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'new', customerId: 'alice', n: 7 } },
        {
          operationType: 'Patch',
          id: 'agg',
          resourceBody: {
            operations: [
              { op: 'incr', path: '/n', value: 2 },
              { op: 'incr', path: '/total', value: 250 },
            ],
          },
        },
        {
          operationType: 'Replace',
          id: 'target',
          ifMatch: target._etag,
          resourceBody: { id: 'target', customerId: 'alice', n: 9 },
        },
      ],
      'alice',
    );
    expect(response.code).toBe(200);
    expect(statuses(response.result)).toEqual([201, 200, 200]);
    const stored = { new: await read('new'), agg: await read('agg'), target: await read('target') };
    expect(stored.new?.n).toBe(7);
    expect(stored.agg).toMatchObject({ n: 3, total: 250 });
    expect(stored.agg?._etag).not.toBe(agg._etag);
    expect(stored.target?.n).toBe(9);
    expect(response.result?.map((r) => r.eTag)).toEqual([
      stored.new?._etag,
      stored.agg?._etag,
      stored.target?._etag,
    ]);
    expect(response.result?.[1]?.resourceBody).toMatchObject({ id: 'agg', n: 3, total: 250 });
    expect((await changes()).sort()).toEqual(['agg', 'new', 'target']);
  });

  it('lets each operation see the earlier ones: create, patch, read and delete of one id in one batch', async () => {
    const response = await container.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'x', customerId: 'alice', n: 1 } },
        { operationType: 'Patch', id: 'x', resourceBody: [{ op: 'incr', path: '/n', value: 10 }] },
        { operationType: 'Read', id: 'x' },
        { operationType: 'Create', resourceBody: { id: 'y', customerId: 'alice' } },
        { operationType: 'Delete', id: 'y' },
        { operationType: 'Upsert', resourceBody: { id: 'y', customerId: 'alice', n: 5 } },
      ],
      'alice',
    );
    expect(statuses(response.result)).toEqual([201, 200, 200, 201, 204, 201]);
    expect(response.result?.[2]?.resourceBody).toMatchObject({ id: 'x', n: 11 });
    expect((await read('x'))?.n).toBe(11);
    expect((await read('y'))?.n).toBe(5);
  });

  const failing: Array<[string, number, (seeded: Order) => OperationInput]> = [
    [
      'a create of an existing id',
      409,
      () => ({ operationType: 'Create', resourceBody: { id: 'seeded', customerId: 'alice' } }),
    ],
    [
      'a replace with a stale If-Match',
      412,
      () => ({
        operationType: 'Replace',
        id: 'seeded',
        ifMatch: 'stale-etag',
        resourceBody: { id: 'seeded', customerId: 'alice', n: 99 },
      }),
    ],
    [
      'a patch of a missing document',
      404,
      () => ({ operationType: 'Patch', id: 'missing', resourceBody: [{ op: 'incr', path: '/n', value: 1 }] }),
    ],
    [
      'a patch with more than 10 operations',
      400,
      () => ({
        operationType: 'Patch',
        id: 'seeded',
        resourceBody: Array.from({ length: 11 }, (_, i) => ({
          op: 'set' as const,
          path: `/p${i}`,
          value: i,
        })),
      }),
    ],
    [
      'a patch whose condition is false',
      412,
      () => ({
        operationType: 'Patch',
        id: 'seeded',
        resourceBody: {
          condition: 'from c where c.n = 42',
          operations: [{ op: 'set', path: '/n', value: 1 }],
        },
      }),
    ],
  ];

  it.each(failing)(
    'rolls back everything when the middle operation is %s: 207, its status, 424 for the others',
    async (_name, status, middle) => {
      const seeded = await seed('seeded', { n: 1 });
      const changes = await feedMark();
      const response = await container.items.batch(
        [
          { operationType: 'Create', resourceBody: { id: 'first', customerId: 'alice' } },
          { operationType: 'Patch', id: 'seeded', resourceBody: [{ op: 'incr', path: '/n', value: 5 }] },
          middle(seeded),
          { operationType: 'Upsert', resourceBody: { id: 'last', customerId: 'alice' } },
        ],
        'alice',
      );
      expect(response.code).toBe(207);
      expect(statuses(response.result)).toEqual([424, 424, status, 424]);
      expect(await read('first')).toBeUndefined();
      expect(await read('last')).toBeUndefined();
      expect(await read('seeded')).toMatchObject({ n: 1, _etag: seeded._etag });
      expect(await changes()).toEqual([]);
    },
  );

  it('refuses an operation in another partition with 400, writing nothing', async () => {
    await expect(
      container.items.batch(
        [
          { operationType: 'Create', resourceBody: { id: 'a1', customerId: 'alice' } },
          { operationType: 'Create', resourceBody: { id: 'b1', customerId: 'bob' } },
        ],
        'alice',
      ),
    ).rejects.toThrow(/400|different partition key value/);
    await expect(
      container.items.batch([{ operationType: 'Read', id: 'a1', partitionKey: 'bob' }], 'alice'),
    ).rejects.toThrow(/different partition key value/);
    expect(await read('a1')).toBeUndefined();
  });

  it('lets exactly one of many concurrent batches conditioned on the same ETag win', async () => {
    const shared = await seed('shared', { n: 0 });
    const racers = Array.from({ length: 12 }, (_, i) =>
      container.items.batch(
        [
          { operationType: 'Create', resourceBody: { id: `claim${i}`, customerId: 'alice' } },
          {
            operationType: 'Replace',
            id: 'shared',
            ifMatch: shared._etag,
            resourceBody: { id: 'shared', customerId: 'alice', n: i + 1 },
          },
        ],
        'alice',
      ),
    );
    const responses = await Promise.all(racers);
    const winners = responses.flatMap((r, i) => (r.code === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of responses) if (r.code !== 200) expect(statuses(r.result)).toEqual([424, 412]);
    const winner = winners[0] as number;
    expect((await read('shared'))?.n).toBe(winner + 1);
    const { resources } = await container.items
      .query('SELECT VALUE c.id FROM c WHERE STARTSWITH(c.id, "claim")')
      .fetchAll();
    expect(resources).toEqual([`claim${winner}`]);
  });
});

describe('offline Cosmos DB: single PATCH request', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;

  beforeAll(async () => {
    container = offline.client.database('orders').container('orders');
    await container.items.create({ id: 'p', customerId: 'alice', status: 'Active', n: 1 });
  });

  it('creates a missing numeric property with incr and keeps existing ones', async () => {
    const { resource } = await container.item('p', 'alice').patch<{ n: number; fresh: number }>([
      { op: 'incr', path: '/n', value: 2 },
      { op: 'incr', path: '/fresh', value: 4 },
    ]);
    expect(resource).toMatchObject({ n: 3, fresh: 4 });
  });

  it('honours a condition, case-sensitively, on that one document', async () => {
    const item = container.item('p', 'alice');
    await expect(
      item.patch({
        condition: "from c where c.status = 'active'",
        operations: [{ op: 'set', path: '/x', value: 1 }],
      }),
    ).rejects.toMatchObject({ code: 412 });
    const { resource } = await item.patch<{ x: number }>({
      condition: "from c where c.status = 'Active'",
      operations: [{ op: 'set', path: '/x', value: 2 }],
    });
    expect(resource?.x).toBe(2);
  });

  it('refuses more than 10 operations, a stale If-Match and a missing document', async () => {
    const item = container.item('p', 'alice');
    const eleven = Array.from({ length: 11 }, (_, i) => ({ op: 'set' as const, path: `/q${i}`, value: i }));
    await expect(item.patch(eleven)).rejects.toMatchObject({ code: 400 });
    await expect(
      item.patch([{ op: 'set', path: '/y', value: 1 }], {
        accessCondition: { type: 'IfMatch', condition: 'stale' },
      }),
    ).rejects.toMatchObject({ code: 412 });
    await expect(
      container.item('nope', 'alice').patch([{ op: 'set', path: '/y', value: 1 }]),
    ).rejects.toMatchObject({
      code: 404,
    });
    expect((await item.read<Record<string, unknown>>()).resource).not.toHaveProperty('q0');
  });
});
