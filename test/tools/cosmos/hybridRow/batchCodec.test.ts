import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_RESULT_LAYOUT } from '../../../../tools/cosmos/hybridRow/batchSchemas';
import { decodeBatchOperations } from '../../../../tools/cosmos/hybridRow/decodeBatchOperations';
import { encodeBatchResults } from '../../../../tools/cosmos/hybridRow/encodeBatchResults';
import { readRecordIo, writeRecordIo } from '../../../../tools/cosmos/hybridRow/recordIo';
import { readRow } from '../../../../tools/cosmos/hybridRow/readRow';
import { writeRow } from '../../../../tools/cosmos/hybridRow/writeRow';

// Fixtures written by the .NET SDK and the HybridRow library themselves: see fixtures/README.md.
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('HybridRow batch codec against bytes the .NET SDK wrote', () => {
  it('decodes a transactional batch: types, ids, bodies, preconditions, patch and minimal-response flags', () => {
    const ops = decodeBatchOperations(fixture('dotnetBatchRequest.bin'));
    expect(ops.map((o) => o.operationType)).toEqual([
      'Create',
      'Replace',
      'Read',
      'Upsert',
      'Patch',
      'Delete',
    ]);
    expect(ops[0]).toEqual({ operationType: 'Create', resourceBody: { id: 'b1', pk: 'p', n: 0 } });
    expect(ops[1]).toMatchObject({
      id: 'existing',
      resourceBody: { id: 'existing', pk: 'p', n: 2 },
      ifMatch: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
    });
    expect(ops[2]).toEqual({ operationType: 'Read', id: 'b1' });
    expect(ops[3]).toEqual({
      operationType: 'Upsert',
      resourceBody: { id: 'u', pk: 'p', n: 3 },
      minimalReturnPreference: true,
    });
    expect(ops[4]).toEqual({
      operationType: 'Patch',
      id: 'b1',
      resourceBody: { condition: 'FROM c WHERE c.n = 0', operations: [{ op: 'incr', path: '/n', value: 5 }] },
    });
    expect(ops[5]).toEqual({ operationType: 'Delete', id: 'u', ifNoneMatch: '"x"' });
  });

  it('decodes a bulk request, each operation carrying its partition key as JSON text', () => {
    const ops = decodeBatchOperations(fixture('dotnetBulkRequest.bin'));
    expect(ops).toHaveLength(6);
    for (const op of ops) {
      expect(op.operationType).toBe('Create');
      expect(JSON.parse(op.partitionKey!)).toEqual([(op.resourceBody as { pk: string }).pk]);
    }
  });

  it('writes BatchResult rows and their RecordIO framing byte for byte as the HybridRow library does', () => {
    const expected = fixture('batchResults.bin');
    const rows = [
      new Map<string, string | number | Buffer>([
        ['statusCode', 201],
        ['eTag', '"e1"'],
        ['resourceBody', Buffer.from('{"id":"a"}')],
        ['requestCharge', 1.5],
      ]),
      new Map([['statusCode', 424]]),
      new Map([
        ['statusCode', 429],
        ['retryAfterMilliseconds', 250],
      ]),
    ].map((values) => writeRow(BATCH_RESULT_LAYOUT, values));
    expect(writeRecordIo(rows).equals(expected)).toBe(true);
    const back = readRecordIo(expected).map((r) => readRow(r, BATCH_RESULT_LAYOUT));
    expect(back.map((r) => r.get('statusCode'))).toEqual([201, 424, 429]);
    expect(back[0]!.get('requestCharge')).toBe(1.5);
    expect(back[2]!.get('retryAfterMilliseconds')).toBe(250);
  });

  it('encodes results in operation order, leaving out the document where a minimal response was asked', () => {
    const doc = { id: 'u', _rid: 'r', _ts: 1, _etag: '"1"' };
    const bytes = encodeBatchResults(
      [
        { statusCode: 201, requestCharge: 1, eTag: '"1"', resourceBody: doc },
        { statusCode: 201, requestCharge: 1, eTag: '"1"', resourceBody: doc },
      ],
      [{ operationType: 'Create' }, { operationType: 'Upsert', minimalReturnPreference: true }],
    );
    const rows = readRecordIo(bytes).map((r) => readRow(r, BATCH_RESULT_LAYOUT));
    expect(JSON.parse((rows[0]!.get('resourceBody') as Buffer).toString())).toEqual(doc);
    expect(rows[1]!.has('resourceBody')).toBe(false);
    expect(rows[1]!.get('eTag')).toBe('"1"');
  });
});
