import { classifyCosmosRequest } from '../../bench/ops/classifyCosmosRequest';

describe('classifyCosmosRequest', () => {
  const docs = '/dbs/orders/colls/orders/docs';

  it('tells document writes apart by method and the upsert header', () => {
    expect(classifyCosmosRequest('POST', docs, {})).toEqual({ resource: 'orders/orders', op: 'create' });
    expect(classifyCosmosRequest('POST', docs, { 'x-ms-documentdb-is-upsert': 'True' })).toEqual({
      resource: 'orders/orders',
      op: 'upsert',
    });
    expect(classifyCosmosRequest('PUT', `${docs}/o1`, {}).op).toBe('replace');
    expect(classifyCosmosRequest('PATCH', `${docs}/o1`, {}).op).toBe('patch');
    expect(classifyCosmosRequest('DELETE', `${docs}/o1`, {}).op).toBe('delete');
  });

  it('tells reads, queries, batches and the change feed apart', () => {
    expect(classifyCosmosRequest('GET', `${docs}/o1`, {}).op).toBe('read');
    expect(
      classifyCosmosRequest('POST', docs, {
        'x-ms-documentdb-isquery': 'True',
        'content-type': 'application/query+json',
      }).op,
    ).toBe('query');
    expect(classifyCosmosRequest('POST', docs, { 'x-ms-cosmos-is-batch-request': 'True' }).op).toBe('batch');
    expect(classifyCosmosRequest('GET', docs, { 'a-im': 'Incremental feed' }).op).toBe('changeFeed');
    expect(classifyCosmosRequest('GET', docs, {}).op).toBe('readFeed');
  });

  it('files account, database, container and partition-range requests as metadata', () => {
    expect(classifyCosmosRequest('GET', '/', {})).toEqual({ resource: 'account', op: 'metadata' });
    expect(classifyCosmosRequest('GET', '/dbs/analytics', {})).toEqual({
      resource: 'analytics',
      op: 'metadata',
    });
    expect(classifyCosmosRequest('GET', '/dbs/analytics/colls/projections/pkranges', {})).toEqual({
      resource: 'analytics/projections',
      op: 'metadata',
    });
  });

  it('decodes ids and ignores the query string', () => {
    expect(classifyCosmosRequest('GET', '/dbs/analytics/colls/projections/docs/totals%3As1?x=1', {})).toEqual(
      {
        resource: 'analytics/projections',
        op: 'read',
      },
    );
  });
});
