import { listOrdersQuerySchema } from '../../../shared/orders/orderQuerySchema';

const parse = (q: Record<string, string>) => listOrdersQuerySchema.safeParse(q);
const fields = (q: Record<string, string>) => {
  const r = parse(q);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('listOrdersQuerySchema', () => {
  it('defaults the page size to 20', () => expect(listOrdersQuerySchema.parse({}).limit).toBe(20));

  it('parses a comma-separated status list without duplicates', () => {
    expect(listOrdersQuerySchema.parse({ status: 'pending,shipped,pending' }).status).toEqual([
      'pending',
      'shipped',
    ]);
  });

  it('normalises dates to UTC ISO strings, so they compare with createdAt', () => {
    const q = listOrdersQuerySchema.parse({ from: '2026-01-01', to: '2026-02-01T01:00:00+01:00' });
    expect(q.from).toBe('2026-01-01T00:00:00.000Z');
    expect(q.to).toBe('2026-02-01T00:00:00.000Z');
  });

  it.each([
    [{ status: 'lost' }, 'status'],
    [{ status: '' }, 'status'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-02-30' }, 'from'],
    [{ from: '2026-02-01', to: '2026-01-01' }, 'to'],
    [{ customerId: '../etc' }, 'customerId'],
    [{ sort: 'total' }, ''],
  ])('rejects %j naming %s', (query, field) => {
    expect(fields(query)).toContain(field);
  });
});
