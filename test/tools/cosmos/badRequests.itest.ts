import type { Container } from '@azure/cosmos';
import { connect } from 'node:net';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

// However malformed a request, the answer is the 4xx Cosmos DB gives and the emulator goes on serving:
// after every case, a normal SDK read must still succeed.
describe('offline Cosmos DB: malformed requests', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;
  const url = (path: string) => `${offline.emulator.endpoint}${path}`;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    container = offline.client.database('analytics').container('dashboards');
    await container.items.create({ id: 'alive' });
  });
  afterEach(async () => {
    expect((await container.item('alive', 'alive').read()).statusCode).toBe(200);
  });

  const deep = (levels: number) => `{"id":"deep","a":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it.each([
    [
      'malformed JSON on an item create',
      'POST',
      'dbs/analytics/colls/dashboards/docs',
      '{"id": "x",',
      { ...json, 'x-ms-documentdb-partitionkey': '["x"]' },
      400,
    ],
    ['malformed JSON on a database create', 'POST', 'dbs', '{"id":', json, 400],
    [
      'malformed JSON on a query',
      'POST',
      'dbs/analytics/colls/dashboards/docs',
      '{"query":',
      {
        'content-type': 'application/query+json',
        'x-ms-documentdb-isquery': 'True',
        'x-ms-documentdb-query-enablecrosspartition': 'True',
      },
      400,
    ],
    [
      'JSON nested 100,000 levels deep',
      'POST',
      'dbs/analytics/colls/dashboards/docs',
      deep(100_000),
      { ...json, 'x-ms-documentdb-partitionkey': '["deep"]' },
      400,
    ],
    [
      'JSON nested 100,000 levels deep on a database create',
      'POST',
      'dbs',
      `{"id":"d","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      json,
      400,
    ],
    [
      'bad %-encoding in an item path',
      'GET',
      'dbs/analytics/colls/dashboards/docs/%E0%A4%A',
      undefined,
      { 'x-ms-documentdb-partitionkey': '["a"]' },
      400,
    ],
    ['bad %-encoding in a database path', 'GET', 'dbs/%ZZ/colls', undefined, {}, 400],
    [
      'a replace without a partition key',
      'PUT',
      'dbs/analytics/colls/dashboards/docs/alive',
      '{"id":"alive"}',
      json,
      400,
    ],
    [
      'a read without a partition key',
      'GET',
      'dbs/analytics/colls/dashboards/docs/alive',
      undefined,
      {},
      400,
    ],
    [
      'a partition key header that is not JSON',
      'GET',
      'dbs/analytics/colls/dashboards/docs/alive',
      undefined,
      { 'x-ms-documentdb-partitionkey': '[alive' },
      400,
    ],
    [
      'a batch body that is not an array',
      'POST',
      'dbs/analytics/colls/dashboards/docs',
      '{}',
      {
        ...json,
        'x-ms-cosmos-is-batch-request': 'True',
        'x-ms-cosmos-batch-atomic': 'True',
        'x-ms-documentdb-partitionkey': '["a"]',
      },
      400,
    ],
    ['an unknown route', 'GET', 'nothing/here', undefined, {}, 404],
    ['a known path with the wrong method', 'DELETE', 'dbs', undefined, {}, 405],
  ])('answers %s with its 4xx', async (_name, method, path, body, headers, status) => {
    const res = await fetch(url(path), { method, headers, ...(body === undefined ? {} : { body }) });
    expect(res.status).toBe(status);
    const answer = (await res.json()) as { code?: unknown; message?: unknown };
    expect(typeof answer.code).toBe('string');
    expect(typeof answer.message).toBe('string');
  });

  it('accepts a document nested 100 levels deep (within the 128 Cosmos DB allows)', async () => {
    const res = await fetch(url('dbs/analytics/colls/dashboards/docs'), {
      method: 'POST',
      headers: { ...json, 'x-ms-documentdb-partitionkey': '["deep"]' },
      body: deep(100),
    });
    expect(res.status).toBe(201);
  });

  it('answers a 20 KiB header with 431 over a raw socket and keeps serving', async () => {
    const answer = await new Promise<string>((done, fail) => {
      const socket = connect(offline.emulator.port, '127.0.0.1', () => {
        socket.write(`GET /dbs HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('end', () => done(text));
      socket.on('error', fail);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
  });
});
