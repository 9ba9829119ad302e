import type { Container } from '@azure/cosmos';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_OPERATION_LAYOUT, BATCH_RESULT_LAYOUT } from '../../../tools/cosmos/hybridRow/batchSchemas';
import { readRecordIo, writeRecordIo } from '../../../tools/cosmos/hybridRow/recordIo';
import { readRow } from '../../../tools/cosmos/hybridRow/readRow';
import { writeRow } from '../../../tools/cosmos/hybridRow/writeRow';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

// The .NET SDK's batch wire format over HTTP: requests it wrote (fixtures, see hybridRow/fixtures/README.md)
// and the answers the emulator gives, decoded. The .NET suite (CosmosBatchTests) drives the same path with
// the SDK itself; this file runs without dotnet.
const fixture = (name: string) => readFileSync(join(__dirname, 'hybridRow', 'fixtures', name));

describe('offline Cosmos DB: HybridRow batches (the .NET SDK format)', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let container: Container;
  let docsUrl: string;

  beforeAll(async () => {
    const { database } = await offline.client.databases.createIfNotExists({ id: 'hybrid' });
    ({ container } = await database.containers.createIfNotExists({ id: 'c', partitionKey: '/pk' }));
    docsUrl = `${offline.emulator.endpoint}dbs/hybrid/colls/c/docs`;
  });

  const post = (body: Buffer, headers: Record<string, string>) =>
    fetch(docsUrl, {
      method: 'POST',
      headers: { 'x-ms-cosmos-is-batch-request': 'True', ...headers },
      body: new Uint8Array(body),
    });
  const atomic = { 'x-ms-cosmos-batch-atomic': 'True', 'x-ms-documentdb-partitionkey': '["p"]' };
  const results = async (res: Response) =>
    readRecordIo(Buffer.from(await res.arrayBuffer())).map((r) => readRow(r, BATCH_RESULT_LAYOUT));

  it('answers a failing .NET batch with 207 in HybridRow: the failure, 424 for the rest, nothing written', async () => {
    await container.items.create({ id: 'existing', pk: 'p', n: 1 });
    // The captured batch replaces `existing` under an ETag from another run: 412 at operation 1.
    const res = await post(fixture('dotnetBatchRequest.bin'), atomic);
    expect(res.status).toBe(207);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect((await results(res)).map((r) => r.get('statusCode'))).toEqual([424, 412, 424, 424, 424, 424]);
    expect((await container.item('b1', 'p').read()).statusCode).toBe(404);
    expect((await container.item('existing', 'p').read<{ n: number }>()).resource?.n).toBe(1);
  });

  it('commits a HybridRow batch and returns each document and ETag', async () => {
    const op = (values: Array<[string, number | string | Buffer]>) =>
      writeRow(BATCH_OPERATION_LAYOUT, new Map(values));
    const body = writeRecordIo([
      op([
        ['operationType', 0],
        ['resourceType', 2],
        ['resourceBody', Buffer.from(JSON.stringify({ id: 'new', pk: 'p', n: 7 }))],
      ]),
      op([
        ['operationType', 2],
        ['resourceType', 2],
        ['id', 'new'],
      ]),
    ]);
    const res = await post(body, atomic);
    expect(res.status).toBe(200);
    const [created, read] = await results(res);
    expect([created!.get('statusCode'), read!.get('statusCode')]).toEqual([201, 200]);
    const doc = JSON.parse((read!.get('resourceBody') as Buffer).toString()) as { n: number; _etag: string };
    expect(doc.n).toBe(7);
    expect(created!.get('eTag')).toBe(doc._etag);
  });

  it('runs a captured .NET bulk request operation by operation, each in its own partition', async () => {
    const res = await post(fixture('dotnetBulkRequest.bin'), {
      'x-ms-cosmos-batch-atomic': 'False',
      'x-ms-cosmos-batch-continue-on-error': 'True',
    });
    expect(res.status).toBe(200);
    expect((await results(res)).map((r) => r.get('statusCode'))).toEqual([201, 201, 201, 201, 201, 201]);
    expect((await container.item('k5', 'p1').read()).statusCode).toBe(200);
    expect((await container.item('k0', 'p0').read()).statusCode).toBe(200);
  });

  it.each([
    ['cut short', fixture('dotnetBatchRequest.bin').subarray(0, 100), /runs past the end/],
    ['with a flipped byte', Buffer.from(fixture('dotnetBatchRequest.bin')).fill(0x41, 40, 41), /CRC-32/],
    [
      'with no operations (a segment only)',
      fixture('dotnetBatchRequest.bin').subarray(0, 10),
      /no operations/,
    ],
  ])(
    'answers a HybridRow body %s with a JSON 400 saying why, and keeps serving',
    async (_name, body, why) => {
      const res = await post(body, atomic);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { code: string; message: string };
      expect(answer).toEqual({ code: 'BadRequest', message: expect.stringMatching(why) as unknown });
      expect((await container.item('existing', 'p').read()).statusCode).toBe(200);
    },
  );
});
